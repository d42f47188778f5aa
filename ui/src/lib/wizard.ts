// The wizard's step logic, kept free of the DOM so it can be unit-tested:
// the ordered step list (with which steps exist in this version), which step
// is current, which are done or reachable, and when Back/Next may move.
// Back/Next step over unbuilt steps; the flow is Invite → Sign in → Review
// access → Region → Network → Install → Manage, and Manage can also be
// entered right after Sign in when the account already has a ready install.

export type StepId = 'invite' | 'sign-in' | 'review-access' | 'region' | 'network' | 'install' | 'manage';

export interface StepDef {
  id: StepId;
  title: string;
  /** False for steps not built in this version: shown greyed, never entered. */
  built: boolean;
  /** Why Next is blocked while this step is still incomplete: says what to do. */
  incomplete: string;
  /**
   * The steps that must be complete before this one can be entered; when
   * absent, every built step before it.
   */
  requires?: readonly StepId[];
}

/** The seven steps of PRODUCT.md, in order, all built. */
export const STEPS: readonly StepDef[] = [
  { id: 'invite', title: 'Invite', built: true, incomplete: "Open the vendor's invite file or link to continue" },
  // Sign in needs no invite: an install left in flight is picked up right after signing in.
  { id: 'sign-in', title: 'Sign in', built: true, incomplete: 'Sign in to continue', requires: [] },
  {
    id: 'review-access',
    title: 'Review access',
    built: true,
    incomplete: 'Wait for the access review to load, then read it',
  },
  { id: 'region', title: 'Region', built: true, incomplete: 'Choose an enabled region to continue' },
  { id: 'network', title: 'Network', built: true, incomplete: 'Choose a VPC block that conflicts with nothing' },
  { id: 'install', title: 'Install', built: true, incomplete: 'Press Install and wait until the install is ready' },
  // Manage needs no invite: an admin coming back months later signs in and manages.
  // Install counts as complete when the account has a ready installation.
  {
    id: 'manage',
    title: 'Manage',
    built: true,
    incomplete: 'Wait for the access status to load',
    requires: ['sign-in', 'install'],
  },
];

export interface WizardState {
  steps: readonly StepDef[];
  current: StepId;
  /** Steps whose own input is complete (e.g. Sign in: an identity is known). */
  complete: ReadonlySet<StepId>;
  /**
   * What an incomplete step is still missing, when its screen knows better
   * than the static `incomplete` text (Network: "Save the network choice").
   */
  missing: ReadonlyMap<StepId, string>;
  /**
   * Steps the open installation makes reachable whatever comes before them
   * (Manage for an installation whose role or stacks stand, even a failed one).
   */
  unlocked: ReadonlySet<StepId>;
}

/**
 * How a step shows in the rail.
 * - `done`: complete and before the current step;
 * - `current`;
 * - `reachable`: built and every built step before it is complete (can be clicked);
 * - `locked`: built but an earlier step is still incomplete;
 * - `unavailable`: not built in this version ("Coming soon").
 */
export type StepStatus = 'done' | 'current' | 'reachable' | 'locked' | 'unavailable';

/** Opens on the first built step: unbuilt steps are never entered. */
export function initialState(steps: readonly StepDef[] = STEPS): WizardState {
  const first = steps.find((s) => s.built);
  if (!first) throw new Error('the wizard has no built step');
  return { steps, current: first.id, complete: new Set(), missing: new Map(), unlocked: new Set() };
}

function indexOf(state: WizardState, id: StepId): number {
  const i = state.steps.findIndex((s) => s.id === id);
  if (i < 0) throw new Error(`unknown step ${id}`);
  return i;
}

export function currentStep(state: WizardState): StepDef {
  return state.steps[indexOf(state, state.current)];
}

/**
 * A step can be entered when it is built and the steps it requires (by
 * default every built step before it) are complete. Unbuilt steps before it
 * don't block it: they can't be done yet.
 */
export function isReachable(state: WizardState, id: StepId): boolean {
  const i = indexOf(state, id);
  const step = state.steps[i];
  if (!step.built) return false;
  if (state.unlocked.has(id)) return true;
  const required = step.requires
    ? state.steps.filter((s) => step.requires!.includes(s.id))
    : state.steps.slice(0, i);
  return required.every((s) => !s.built || state.complete.has(s.id));
}

export function stepStatus(state: WizardState, id: StepId): StepStatus {
  const i = indexOf(state, id);
  const step = state.steps[i];
  if (!step.built) return 'unavailable';
  if (id === state.current) return 'current';
  if (!isReachable(state, id)) return 'locked';
  if (state.complete.has(id) && i < indexOf(state, state.current)) return 'done';
  return 'reachable';
}

/**
 * Marks the step complete or not; an incomplete step re-locks the steps after it.
 * `missing` replaces the step's static `incomplete` text while it is incomplete.
 */
export function setComplete(state: WizardState, id: StepId, complete: boolean, missing?: string): WizardState {
  indexOf(state, id);
  const done = new Set(state.complete);
  const why = new Map(state.missing);
  if (complete) done.add(id);
  else done.delete(id);
  if (!complete && missing) why.set(id, missing);
  else why.delete(id);
  return { ...state, complete: done, missing: why };
}

/** Makes a step reachable (or not) whatever the steps it requires. */
export function setUnlocked(state: WizardState, id: StepId, unlocked: boolean): WizardState {
  indexOf(state, id);
  const next = new Set(state.unlocked);
  if (unlocked) next.add(id);
  else next.delete(id);
  return { ...state, unlocked: next };
}

/**
 * Forgets the progress of every step after `id`: their input was made for an
 * earlier choice (another account, another region) that has just changed.
 */
export function resetAfter(state: WizardState, id: StepId): WizardState {
  const later = new Set(state.steps.slice(indexOf(state, id) + 1).map((s) => s.id));
  return {
    ...state,
    complete: new Set([...state.complete].filter((s) => !later.has(s))),
    missing: new Map([...state.missing].filter(([s]) => !later.has(s))),
  };
}

/**
 * Forgets the progress of the named steps only: their input was made for
 * something that has just changed (another invite), unlike the steps between.
 */
export function forget(state: WizardState, ids: readonly StepId[]): WizardState {
  for (const id of ids) indexOf(state, id);
  return {
    ...state,
    complete: new Set([...state.complete].filter((s) => !ids.includes(s))),
    missing: new Map([...state.missing].filter(([s]) => !ids.includes(s))),
  };
}

/**
 * The nearest built step after the current one (direction 1), or the nearest
 * earlier one that can be entered (-1): after a jump (an install picked up
 * right after sign-in) the steps in between may not be done.
 */
function builtNeighbour(state: WizardState, direction: 1 | -1): StepDef | undefined {
  const i = indexOf(state, state.current);
  if (direction === 1) return state.steps.slice(i + 1).find((s) => s.built);
  return state.steps
    .slice(0, i)
    .reverse()
    .find((s) => isReachable(state, s.id));
}

/** Null when Next may move on; otherwise the sentence shown beside Next. */
export function nextBlockedReason(state: WizardState): string | null {
  const i = indexOf(state, state.current);
  const step = state.steps[i];
  const following = state.steps[i + 1];
  if (!following) return 'This is the last step';
  if (!state.complete.has(step.id)) return state.missing.get(step.id) ?? step.incomplete;
  // Unbuilt steps in between are skipped; with no built step left, name the one that blocks.
  if (!builtNeighbour(state, 1)) return `${following.title} is not available in this version yet`;
  return null;
}

export function canGoNext(state: WizardState): boolean {
  return nextBlockedReason(state) === null;
}

/** Back goes to the nearest earlier step that exists in this version and can be entered. */
export function canGoBack(state: WizardState): boolean {
  return builtNeighbour(state, -1) !== undefined;
}

/** Moves to the next built step, stepping over unbuilt ones. */
export function goNext(state: WizardState): WizardState {
  const to = builtNeighbour(state, 1);
  if (!canGoNext(state) || !to) return state;
  return { ...state, current: to.id };
}

export function goBack(state: WizardState): WizardState {
  const to = builtNeighbour(state, -1);
  if (!to) return state;
  return { ...state, current: to.id };
}

/** Rail clicks: moves only to a reachable step, otherwise leaves the state as it was. */
export function goTo(state: WizardState, id: StepId): WizardState {
  if (!isReachable(state, id)) return state;
  return { ...state, current: id };
}

/**
 * Moves to a built step even when it is not reachable: for the window's own
 * moves, not the admin's (an install in flight is re-attached right after
 * sign-in, without an invite or the steps between).
 */
export function enter(state: WizardState, id: StepId): WizardState {
  const step = state.steps[indexOf(state, id)];
  if (!step.built) return state;
  return { ...state, current: id };
}
