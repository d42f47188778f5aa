// The step rail as a screen reader gets it: a note that several steps share
// (locked, the busy note) is heard once, as each such step's description, not
// once per step; sighted users still see it on every step.
import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import StepRail from './StepRail.svelte';
import { initialState, setComplete, type WizardState } from '../wizard';
import { expectNoSeriousViolations } from '../../test/axe';

const LOCKED_NOTE = 'Locked steps: finish the earlier steps first.';
const button = (id: string) => document.querySelector<HTMLButtonElement>(`button[data-step="${id}"]`)!;

/** The text a screen reader reads in `root`, in order: what aria-hidden hides is left out. */
function accessibleText(root: Node): string {
  if (root.nodeType === Node.TEXT_NODE) return root.textContent ?? '';
  if (root instanceof Element && root.getAttribute('aria-hidden') === 'true') return '';
  return [...root.childNodes].map(accessibleText).join(' ');
}
const count = (text: string, what: RegExp) => text.match(what)?.length ?? 0;

function rail(wizard: WizardState, busyNote: string | null = null) {
  const onselect = vi.fn();
  render(StepRail, { wizard, busyNote, onselect });
  return { nav: screen.getByRole('navigation', { name: 'Wizard steps' }), onselect };
}

describe('the step rail', () => {
  it('says "locked" once for all the locked steps, as their description, and shows the note on each', async () => {
    const { nav } = rail(initialState());
    const locked = ['review-access', 'region', 'network', 'install', 'manage'];

    const heard = accessibleText(nav);
    expect(count(heard, /locked/gi)).toBe(1);
    expect(count(heard, /finish the earlier steps first/gi)).toBe(1);
    for (const id of locked) {
      expect(button(id)).toHaveAttribute('aria-disabled', 'true');
      expect(button(id)).toHaveAccessibleDescription(LOCKED_NOTE);
      // Seen on every locked step, but not part of its name.
      expect(button(id)).toHaveTextContent('Finish the earlier steps first');
      expect(button(id)).not.toHaveAccessibleName(/finish/i);
    }
    expect(button('region')).toHaveAccessibleName('Region');
    expect(button('sign-in')).not.toHaveAttribute('aria-describedby');
    expect(button('sign-in')).toHaveAccessibleName('Sign in');
    await expectNoSeriousViolations();
  });

  it('keeps "Done" in the name of each done step, and drops the locked note once nothing is locked', () => {
    let wizard = initialState();
    for (const id of ['invite', 'sign-in', 'review-access', 'region', 'network', 'install'] as const) {
      wizard = setComplete(wizard, id, true);
    }
    wizard = { ...wizard, current: 'manage' };
    const { nav } = rail(wizard);
    expect(button('invite')).toHaveAccessibleName('Invite Done');
    expect(button('install')).toHaveAccessibleName('Install Done');
    expect(count(accessibleText(nav), /locked/gi)).toBe(0);
    expect(screen.queryByTestId('step-rail-note')).toBeNull();
  });

  it('while an install runs, reads its note once for every held step', async () => {
    const user = userEvent.setup();
    const wizard = { ...initialState(), current: 'install' as const };
    const { nav, onselect } = rail(wizard, 'Wait for the install to finish');

    const heard = accessibleText(nav);
    expect(count(heard, /wait for the install to finish/gi)).toBe(1);
    expect(count(heard, /locked/gi)).toBe(0);
    for (const id of ['invite', 'sign-in', 'review-access', 'manage']) {
      expect(button(id)).toHaveAttribute('aria-disabled', 'true');
      expect(button(id)).toHaveAccessibleDescription('Wait for the install to finish.');
    }
    expect(button('install')).toHaveAttribute('aria-current', 'step');
    expect(button('install')).not.toHaveAttribute('aria-describedby');
    await user.click(button('sign-in'));
    expect(onselect).not.toHaveBeenCalled();
  });
});
