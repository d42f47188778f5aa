// The keyboard focus ring of radio lists, as app.css draws it: jsdom applies no
// stylesheet, so the tests take the rule's selector from app.css and check that
// the row of the focused radio matches it (jsdom evaluates :has and :focus-visible).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

const css = readFileSync(join(import.meta.dirname, '..', 'app.css'), 'utf8');

/** The selector of the rule that rings the row of a radio with keyboard focus. */
export const ROW_RING_SELECTOR = (() => {
  const rule = /(^|\})\s*([^{}]*input\[type='radio'\]:focus-visible[^{}]*)\{([^}]*)\}/m.exec(css.replace(/\/\*[\s\S]*?\*\//g, ''));
  if (!rule || !/outline:\s*2px solid/.test(rule[3])) throw new Error('app.css has no ring rule for radio rows');
  return rule[2].trim();
})();

/** `radio` has real DOM focus, and its row is drawn with the focus ring. */
export function expectFocusRing(radio: HTMLInputElement | null): void {
  expect(radio).not.toBeNull();
  expect(document.activeElement).toBe(radio);
  const row = radio!.closest('label');
  expect(row, 'the radio sits in a label row').not.toBeNull();
  expect(row!.matches(ROW_RING_SELECTOR)).toBe(true);
  // Only the focused row: the ring follows focus, not the "chosen" highlight.
  const ringed = [...document.querySelectorAll(ROW_RING_SELECTOR)];
  expect(ringed).toEqual([row]);
}
