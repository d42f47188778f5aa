// The automated accessibility check of the UI tests: axe-core on what a test
// rendered, failing with every serious or critical violation listed (rule,
// help, and the offending elements), so the message says what to fix.
import axe from 'axe-core';
import { expect } from 'vitest';

/** Impacts that fail a test; minor and moderate findings are left to review. */
const FAILING = new Set(['serious', 'critical']);

function listed(violations: axe.Result[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.map(
        (n) => `    ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`,
      );
      return `  [${v.impact}] ${v.id}: ${v.help}\n${nodes.join('\n')}`;
    })
    .join('\n');
}

/**
 * The serious and critical violations axe finds in `root`. The body by default,
 * not the document: the jsdom document has no title or lang (index.html has both).
 */
export async function seriousViolations(root: Element = document.body): Promise<axe.Result[]> {
  const results = await axe.run(root, {
    resultTypes: ['violations'],
    rules: {
      // jsdom has no layout or rendering, so axe cannot compute the colours behind
      // text: colour contrast is not checked by these tests.
      'color-contrast': { enabled: false },
    },
  });
  return results.violations.filter((v) => v.impact && FAILING.has(v.impact));
}

/** Fails the test with every serious or critical axe violation in `root`. */
export async function expectNoSeriousViolations(root: Element = document.body): Promise<void> {
  const found = await seriousViolations(root);
  expect(found, `axe found serious or critical violations:\n${listed(found)}`).toEqual([]);
}
