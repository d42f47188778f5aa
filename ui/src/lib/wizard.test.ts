// The wizard's step logic without the DOM: ordering, reachability, Next's
// blocked reasons, unbuilt steps (skipped by Back/Next), resets, and
// Back/Next/rail transitions.
import { describe, expect, it } from 'vitest';
import {
  STEPS,
  canGoBack,
  canGoNext,
  currentStep,
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
} from './wizard';

// A future version where Review access is built too, to exercise real transitions.
const withReview: StepDef[] = STEPS.map((s) => (s.id === 'review-access' ? { ...s, built: true } : s));

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

  it('builds Sign in, Region and Network in this version', () => {
    expect(STEPS.filter((s) => s.built).map((s) => s.id)).toEqual(['sign-in', 'region', 'network']);
  });
});

describe('initialState', () => {
  it('opens on the first built step, skipping the unbuilt Invite', () => {
    const s = initialState();
    expect(s.current).toBe('sign-in');
    expect(currentStep(s).title).toBe('Sign in');
  });

  it('refuses a step list with nothing built', () => {
    expect(() => initialState(STEPS.map((s) => ({ ...s, built: false })))).toThrow(/no built step/);
  });
});

describe('statuses and reachability', () => {
  it('shows unbuilt steps as unavailable and never reachable, even when earlier steps are done', () => {
    let s = initialState();
    for (const id of ['sign-in', 'region', 'network'] as const) s = setComplete(s, id, true);
    for (const id of ['invite', 'review-access', 'install', 'manage'] as const) {
      expect(stepStatus(s, id)).toBe('unavailable');
      expect(isReachable(s, id)).toBe(false);
    }
    expect(stepStatus(s, 'sign-in')).toBe('current');
  });

  it('locks a built step until every built step before it is complete', () => {
    const s = initialState(withReview);
    expect(stepStatus(s, 'review-access')).toBe('locked');
    expect(isReachable(s, 'review-access')).toBe(false);
    const signedIn = setComplete(s, 'sign-in', true);
    expect(stepStatus(signedIn, 'review-access')).toBe('reachable');
    expect(isReachable(signedIn, 'review-access')).toBe(true);
  });

  it('marks a complete step before the current one as done', () => {
    const s = goNext(setComplete(initialState(withReview), 'sign-in', true));
    expect(s.current).toBe('review-access');
    expect(stepStatus(s, 'sign-in')).toBe('done');
    expect(stepStatus(s, 'review-access')).toBe('current');
  });

  it('re-locks later steps when an earlier step becomes incomplete', () => {
    const done = setComplete(initialState(withReview), 'sign-in', true);
    const undone = setComplete(done, 'sign-in', false);
    expect(stepStatus(undone, 'review-access')).toBe('locked');
  });

  it('rejects unknown step ids', () => {
    // @ts-expect-error: not a StepId
    expect(() => stepStatus(initialState(), 'billing')).toThrow(/unknown step/);
  });
});

describe('Region and Network prerequisites', () => {
  it('Region needs a signed-in identity', () => {
    const s = initialState();
    expect(stepStatus(s, 'region')).toBe('locked');
    expect(goTo(s, 'region')).toBe(s);
    const signedIn = setComplete(s, 'sign-in', true);
    expect(stepStatus(signedIn, 'region')).toBe('reachable');
    expect(goTo(signedIn, 'region').current).toBe('region');
  });

  it('Network needs a chosen region, not just a sign-in', () => {
    const onRegion = goNext(setComplete(initialState(), 'sign-in', true));
    expect(onRegion.current).toBe('region');
    expect(stepStatus(onRegion, 'network')).toBe('locked');
    expect(nextBlockedReason(onRegion)).toBe('Choose an enabled region to continue');
    expect(goNext(onRegion)).toBe(onRegion);

    const chosen = setComplete(onRegion, 'region', true);
    expect(stepStatus(chosen, 'network')).toBe('reachable');
    expect(nextBlockedReason(chosen)).toBeNull();
    expect(goNext(chosen).current).toBe('network');
  });

  it('on Network, says what is missing, then that Install is not built', () => {
    let s = goNext(setComplete(goNext(setComplete(initialState(), 'sign-in', true)), 'region', true));
    expect(s.current).toBe('network');
    expect(nextBlockedReason(s)).toBe('Choose a VPC block that conflicts with nothing');
    s = setComplete(s, 'network', false, 'Save the network choice');
    expect(nextBlockedReason(s)).toBe('Save the network choice');
    s = setComplete(s, 'network', true);
    expect(nextBlockedReason(s)).toBe('Install is not available in this version yet');
    expect(canGoNext(s)).toBe(false);
    expect(goNext(s)).toBe(s);
    // A step that becomes incomplete without a reason falls back to its own text.
    expect(nextBlockedReason(setComplete(s, 'network', false))).toBe('Choose a VPC block that conflicts with nothing');
  });

  it('resetAfter forgets the later steps only, so a new sign-in re-locks Region and Network', () => {
    let s = initialState();
    for (const id of ['sign-in', 'region', 'network'] as const) s = setComplete(s, id, true);
    const signedInAgain = resetAfter(s, 'sign-in');
    expect(signedInAgain.complete.has('sign-in')).toBe(true);
    expect(signedInAgain.complete.has('region')).toBe(false);
    expect(signedInAgain.complete.has('network')).toBe(false);
    expect(stepStatus(signedInAgain, 'region')).toBe('reachable');
    expect(stepStatus(signedInAgain, 'network')).toBe('locked');
    expect(s.complete.has('region')).toBe(true);

    const missing = setComplete(setComplete(initialState(), 'sign-in', true), 'network', false, 'Save the network choice');
    expect(resetAfter(missing, 'sign-in').missing.has('network')).toBe(false);
    expect(resetAfter(missing, 'region').complete.has('sign-in')).toBe(true);
  });
});

describe('Next', () => {
  it('is blocked with "Sign in to continue" before signing in', () => {
    const s = initialState();
    expect(canGoNext(s)).toBe(false);
    expect(nextBlockedReason(s)).toBe('Sign in to continue');
  });

  it('after signing in, skips the unbuilt Review access and goes to Region', () => {
    const s = setComplete(initialState(), 'sign-in', true);
    expect(canGoNext(s)).toBe(true);
    expect(nextBlockedReason(s)).toBeNull();
    expect(goNext(s).current).toBe('region');
  });

  it('names the next step when no built step is left after it', () => {
    const only: StepDef[] = STEPS.map((s) => ({ ...s, built: s.id === 'sign-in' }));
    const s = setComplete(initialState(only), 'sign-in', true);
    expect(nextBlockedReason(s)).toBe('Review access is not available in this version yet');
    expect(goNext(s)).toBe(s);
  });

  it('moves on when the step is complete and the next step is built', () => {
    const s = setComplete(initialState(withReview), 'sign-in', true);
    expect(nextBlockedReason(s)).toBeNull();
    expect(canGoNext(s)).toBe(true);
    expect(goNext(s).current).toBe('review-access');
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

describe('Back and rail clicks', () => {
  it('cannot go back from Sign in because Invite is not built', () => {
    const s = initialState();
    expect(canGoBack(s)).toBe(false);
    expect(goBack(s)).toBe(s);
  });

  it('goes back from Region to Sign in over the unbuilt Review access, and from Network to Region', () => {
    const region = goNext(setComplete(initialState(), 'sign-in', true));
    expect(canGoBack(region)).toBe(true);
    expect(goBack(region).current).toBe('sign-in');
    const network = goNext(setComplete(region, 'region', true));
    expect(goBack(network).current).toBe('region');
  });

  it('goes back to a built previous step', () => {
    const s = goNext(setComplete(initialState(withReview), 'sign-in', true));
    expect(canGoBack(s)).toBe(true);
    expect(goBack(s).current).toBe('sign-in');
  });

  it('ignores rail clicks on unbuilt or locked steps and follows reachable ones', () => {
    const s = initialState(withReview);
    expect(goTo(s, 'invite')).toBe(s);
    expect(goTo(s, 'review-access')).toBe(s);
    const signedIn = setComplete(s, 'sign-in', true);
    expect(goTo(signedIn, 'review-access').current).toBe('review-access');
  });

  it('never mutates the state it was given', () => {
    const s = initialState(withReview);
    const after = setComplete(s, 'sign-in', true);
    expect(s.complete.has('sign-in')).toBe(false);
    expect(after.complete.has('sign-in')).toBe(true);
  });
});
