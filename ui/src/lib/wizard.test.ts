// The wizard's step logic without the DOM: ordering, reachability (Sign in
// needs no invite, Manage needs only a sign-in and a ready install), Next's
// blocked reasons, unbuilt steps (skipped by
// Back/Next), resets, the window's own jumps, and Back/Next/rail transitions.
import { describe, expect, it } from 'vitest';
import {
  STEPS,
  canGoBack,
  canGoNext,
  currentStep,
  enter,
  forget,
  goBack,
  goNext,
  goTo,
  initialState,
  isReachable,
  nextBlockedReason,
  resetAfter,
  setComplete,
  stepStatus,
  type StepDef,
  type StepId,
  type WizardState,
} from './wizard';

const BUILT = ['invite', 'sign-in', 'review-access', 'region', 'network', 'install', 'manage'] as const;

function completed(ids: readonly StepId[], state: WizardState = initialState()): WizardState {
  return ids.reduce((s, id) => setComplete(s, id, true), state);
}

/** On `id`, with every step before it complete, as after walking there with Next. */
function walkedTo(id: StepId): WizardState {
  const before = BUILT.slice(0, BUILT.indexOf(id as (typeof BUILT)[number]));
  return goTo(completed(before), id);
}

describe('the step list', () => {
  it('has the seven steps of PRODUCT.md in order', () => {
    expect(STEPS.map((s) => s.id)).toEqual([
      'invite',
      'sign-in',
      'review-access',
      'region',
      'network',
      'install',
      'manage',
    ]);
  });

  it('builds all seven steps in this version', () => {
    expect(STEPS.filter((s) => s.built).map((s) => s.id)).toEqual([...BUILT]);
  });

  it('says what to do in every blocked reason of a built step', () => {
    for (const s of STEPS.filter((d) => d.built)) {
      expect(s.incomplete).toMatch(/^(Open|Sign in|Wait|Choose|Press)\b/);
    }
  });
});

describe('initialState', () => {
  it('opens on Invite, the first step', () => {
    const s = initialState();
    expect(s.current).toBe('invite');
    expect(currentStep(s).title).toBe('Invite');
  });

  it('opens on the first built step when earlier ones are not built', () => {
    const s = initialState(STEPS.map((d) => (d.id === 'invite' ? { ...d, built: false } : d)));
    expect(s.current).toBe('sign-in');
  });

  it('refuses a step list with nothing built', () => {
    expect(() => initialState(STEPS.map((s) => ({ ...s, built: false })))).toThrow(/no built step/);
  });
});

describe('statuses and reachability', () => {
  it('locks Manage until signed in with a ready install, and needs no invite for it', () => {
    const s = initialState();
    expect(stepStatus(s, 'manage')).toBe('locked');
    expect(stepStatus(setComplete(s, 'sign-in', true), 'manage')).toBe('locked');
    expect(stepStatus(setComplete(s, 'install', true), 'manage')).toBe('locked');
    // An admin back months later: signed in, an installation already ready, no invite open.
    const back = completed(['sign-in', 'install']);
    expect(stepStatus(back, 'manage')).toBe('reachable');
    expect(stepStatus(back, 'install')).toBe('locked');
    expect(goTo(back, 'manage').current).toBe('manage');
  });

  it('shows an unbuilt step as unavailable and never reachable, even when every step is done', () => {
    const steps = STEPS.map((d) => (d.id === 'manage' ? { ...d, built: false } : d));
    const s = completed(BUILT, initialState(steps));
    expect(stepStatus(s, 'manage')).toBe('unavailable');
    expect(isReachable(s, 'manage')).toBe(false);
  });

  it('lets Sign in be entered before any invite is open (an install in flight is picked up there)', () => {
    const s = initialState();
    expect(stepStatus(s, 'sign-in')).toBe('reachable');
    expect(goTo(s, 'sign-in').current).toBe('sign-in');
  });

  it('locks Review access until both the invite and the sign-in are complete', () => {
    const s = initialState();
    expect(stepStatus(s, 'review-access')).toBe('locked');
    expect(stepStatus(setComplete(s, 'sign-in', true), 'review-access')).toBe('locked');
    expect(stepStatus(setComplete(s, 'invite', true), 'review-access')).toBe('locked');
    const both = completed(['invite', 'sign-in']);
    expect(stepStatus(both, 'review-access')).toBe('reachable');
    expect(isReachable(both, 'review-access')).toBe(true);
  });

  it('locks Region until the access is reviewed, and Install until the network is saved', () => {
    expect(stepStatus(completed(['invite', 'sign-in']), 'region')).toBe('locked');
    expect(stepStatus(completed(['invite', 'sign-in', 'review-access']), 'region')).toBe('reachable');
    expect(stepStatus(completed(['invite', 'sign-in', 'review-access', 'region']), 'install')).toBe('locked');
    expect(stepStatus(completed(['invite', 'sign-in', 'review-access', 'region', 'network']), 'install')).toBe(
      'reachable',
    );
  });

  it('marks a complete step before the current one as done', () => {
    const s = goNext(completed(['invite']));
    expect(s.current).toBe('sign-in');
    expect(stepStatus(s, 'invite')).toBe('done');
    expect(stepStatus(s, 'sign-in')).toBe('current');
  });

  it('re-locks later steps when an earlier step becomes incomplete', () => {
    const done = completed(['invite', 'sign-in']);
    const undone = setComplete(done, 'invite', false);
    expect(stepStatus(undone, 'review-access')).toBe('locked');
    // Sign in itself stays open: it never needed the invite.
    expect(stepStatus(undone, 'sign-in')).toBe('reachable');
  });

  it('rejects unknown step ids', () => {
    // @ts-expect-error: not a StepId
    expect(() => stepStatus(initialState(), 'billing')).toThrow(/unknown step/);
  });
});

describe('Next', () => {
  it('is blocked on Invite until an invite is open, with a reason that says what to do', () => {
    const s = initialState();
    expect(canGoNext(s)).toBe(false);
    expect(nextBlockedReason(s)).toBe("Open the vendor's invite file or link to continue");
    const typed = setComplete(s, 'invite', false, "Type the vendor's 12-digit AWS account ID to confirm the invite");
    expect(nextBlockedReason(typed)).toBe("Type the vendor's 12-digit AWS account ID to confirm the invite");
    const open = setComplete(s, 'invite', true);
    expect(nextBlockedReason(open)).toBeNull();
    expect(goNext(open).current).toBe('sign-in');
  });

  it('walks every built step in order once each is complete', () => {
    let s = initialState();
    const seen: StepId[] = [s.current];
    for (const id of BUILT.slice(0, -1)) {
      expect(goNext(s)).toBe(s);
      s = goNext(setComplete(s, id, true));
      seen.push(s.current);
    }
    expect(seen).toEqual([...BUILT]);
  });

  it('on Review access, waits for the review', () => {
    const s = walkedTo('review-access');
    expect(s.current).toBe('review-access');
    expect(nextBlockedReason(s)).toBe('Wait for the access review to load, then read it');
    expect(goNext(setComplete(s, 'review-access', true)).current).toBe('region');
  });

  it('on Network, says what is missing, then moves on to Install', () => {
    let s = walkedTo('network');
    expect(s.current).toBe('network');
    expect(nextBlockedReason(s)).toBe('Choose a VPC block that conflicts with nothing');
    s = setComplete(s, 'network', false, 'Save the network choice');
    expect(nextBlockedReason(s)).toBe('Save the network choice');
    s = setComplete(s, 'network', true);
    expect(nextBlockedReason(s)).toBeNull();
    expect(goNext(s).current).toBe('install');
    // A step that becomes incomplete without a reason falls back to its own text.
    expect(nextBlockedReason(setComplete(s, 'network', false))).toBe('Choose a VPC block that conflicts with nothing');
  });

  it('on Install, asks for the install, then moves on to Manage', () => {
    const s = walkedTo('install');
    expect(nextBlockedReason(s)).toBe('Press Install and wait until the install is ready');
    expect(goNext(s)).toBe(s);
    const ready = setComplete(s, 'install', true);
    expect(nextBlockedReason(ready)).toBeNull();
    expect(canGoNext(ready)).toBe(true);
    expect(goNext(ready).current).toBe('manage');
  });

  it('says when the next step is not built in this version', () => {
    const steps = STEPS.map((d) => (d.id === 'manage' ? { ...d, built: false } : d));
    const ready = setComplete(goTo(completed(BUILT.slice(0, 5), initialState(steps)), 'install'), 'install', true);
    expect(ready.current).toBe('install');
    expect(nextBlockedReason(ready)).toBe('Manage is not available in this version yet');
    expect(goNext(ready)).toBe(ready);
  });

  it('is blocked on the last step', () => {
    const all: StepDef[] = STEPS.map((s) => ({ ...s, built: true }));
    let s = initialState(all);
    for (const step of all) s = setComplete(s, step.id, true);
    s = goTo(s, 'manage');
    expect(s.current).toBe('manage');
    expect(nextBlockedReason(s)).toBe('This is the last step');
  });
});

describe('resets', () => {
  it('resetAfter forgets the later steps only, so a new sign-in re-locks Review access and beyond', () => {
    const s = completed(BUILT);
    const signedInAgain = resetAfter(s, 'sign-in');
    expect([...signedInAgain.complete].sort()).toEqual(['invite', 'sign-in']);
    expect(stepStatus(signedInAgain, 'review-access')).toBe('reachable');
    expect(stepStatus(signedInAgain, 'region')).toBe('locked');
    expect(s.complete.has('region')).toBe(true);

    const missing = setComplete(completed(['invite', 'sign-in']), 'network', false, 'Save the network choice');
    expect(resetAfter(missing, 'sign-in').missing.has('network')).toBe(false);
  });

  it('forget drops only the named steps (a new invite: its review and install)', () => {
    const s = setComplete(completed(BUILT), 'install', false, 'Wait for the install to finish');
    const next = forget(s, ['review-access', 'install']);
    expect([...next.complete].sort()).toEqual(['invite', 'manage', 'network', 'region', 'sign-in']);
    expect(next.missing.has('install')).toBe(false);
    expect(stepStatus(next, 'region')).toBe('locked');
    // @ts-expect-error: not a StepId
    expect(() => forget(s, ['billing'])).toThrow(/unknown step/);
  });
});

describe('the window moving by itself', () => {
  it('enter goes to a built step that is not reachable (an install in flight after sign-in)', () => {
    const signedIn = goTo(setComplete(initialState(), 'sign-in', true), 'sign-in');
    expect(isReachable(signedIn, 'install')).toBe(false);
    const following = enter(signedIn, 'install');
    expect(following.current).toBe('install');
    expect(stepStatus(following, 'install')).toBe('current');
    // Back skips the steps that cannot be entered yet, down to Sign in.
    expect(canGoBack(following)).toBe(true);
    expect(goBack(following).current).toBe('sign-in');
  });

  it('enter never goes to an unbuilt step', () => {
    const s = initialState(STEPS.map((d) => (d.id === 'manage' ? { ...d, built: false } : d)));
    expect(enter(s, 'manage')).toBe(s);
    expect(enter(initialState(), 'manage').current).toBe('manage');
  });
});

describe('Back and rail clicks', () => {
  it('cannot go back from Invite', () => {
    const s = initialState();
    expect(canGoBack(s)).toBe(false);
    expect(goBack(s)).toBe(s);
  });

  it('goes back one step at a time along the built steps', () => {
    let s = walkedTo('install');
    const back: StepId[] = [];
    while (canGoBack(s)) {
      s = goBack(s);
      back.push(s.current);
    }
    expect(back).toEqual(['network', 'region', 'review-access', 'sign-in', 'invite']);
  });

  it('ignores rail clicks on unbuilt or locked steps and follows reachable ones', () => {
    const s = initialState();
    expect(goTo(s, 'manage')).toBe(s);
    expect(goTo(s, 'review-access')).toBe(s);
    const ready = completed(['invite', 'sign-in']);
    expect(goTo(ready, 'review-access').current).toBe('review-access');
  });

  it('never mutates the state it was given', () => {
    const s = initialState();
    const after = setComplete(s, 'invite', true);
    expect(s.complete.has('invite')).toBe(false);
    expect(after.complete.has('invite')).toBe(true);
    forget(after, ['invite']);
    expect(after.complete.has('invite')).toBe(true);
  });
});
