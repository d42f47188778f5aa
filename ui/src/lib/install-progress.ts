// The Install step's picture of a run, built from the back end's events by a
// pure reducer: the stacks (launched ones in launch order, nested ones as they
// appear), each resource's latest status, the progress bar, the failure and
// the outputs. Joining a run replays its events from `started`, and a resumed
// run reports every resource again, so applying an event twice, or a whole
// history again, must leave the state as it was.
import type { InstallEvent, InstallOutcome, RootCause, StackHealth, StackKind, StackOutput, StatusClass } from './ipc';
import { connectionLost, connectionRestored, reachable, type Connectivity } from './connectivity';
import { sessionExpiry, type SessionExpiry } from './session-expiry';

export interface StackRow {
  name: string;
  /** `nested` for stacks first seen through their resources. */
  kind: StackKind;
  region: string | null;
  stackId: string | null;
  status: string | null;
  /** How `status` is shown, as the engine classes it. */
  statusClass: StatusClass | null;
  reason: string | null;
  /** Resources in its template (planned stacks only): its share of the bar. */
  planned: number | null;
  /** An existing stack was re-attached rather than created. */
  attached: boolean;
}

export interface ResourceRow {
  stack: string;
  logicalId: string;
  type: string;
  status: string;
  /** How `status` is shown, as the engine classes it. */
  statusClass: StatusClass;
  reason: string | null;
  /** RFC 3339, as CloudFormation reported it. */
  timestamp: string;
}

export interface ProgressNumbers {
  done: number;
  total: number;
  elapsedMs: number;
  etaMs: number | null;
  /** When the event arrived (ms since the epoch): elapsed time ticks on from here. */
  at: number;
}

export interface Failure {
  stack: string;
  rootCause: RootCause;
  rollbackStatus: string;
  /** What the status means: a failed create or delete is cleaned up; `update_rollback_failed` is not. */
  health: StackHealth | null;
  /** What to do instead of Clean up, when that is not it. */
  hint: string | null;
}

export interface InstallProgress {
  installationId: string | null;
  stacks: StackRow[];
  /** In the order first seen; one row per stack and logical ID. */
  resources: ResourceRow[];
  progress: ProgressNumbers | null;
  failure: Failure | null;
  /** Set when the install is ready. */
  outputs: StackOutput[] | null;
  /** Whether the follower can reach AWS, as the engine reports it. */
  connection: Connectivity;
  /** Set while the run waits for a new sign-in after its credentials expired. */
  expired: SessionExpiry | null;
}

export function initialProgress(installationId: string | null = null): InstallProgress {
  return {
    installationId,
    stacks: [],
    resources: [],
    progress: null,
    failure: null,
    outputs: null,
    connection: reachable,
    expired: null,
  };
}

function upsertStack(stacks: StackRow[], name: string, change: Partial<StackRow>): StackRow[] {
  const i = stacks.findIndex((s) => s.name === name);
  if (i < 0) {
    const row: StackRow = {
      name,
      kind: 'nested',
      region: null,
      stackId: null,
      status: null,
      statusClass: null,
      reason: null,
      planned: null,
      attached: false,
      ...change,
    };
    return [...stacks, row];
  }
  const next = [...stacks];
  next[i] = { ...stacks[i], ...change };
  return next;
}

/** True when `a` is an earlier moment than `b`; unreadable timestamps never count as older. */
function isOlder(a: string, b: string): boolean {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  return !Number.isNaN(ta) && !Number.isNaN(tb) && ta < tb;
}

/**
 * The state after `event`, which arrived at `at` (ms since the epoch; used
 * only to keep the elapsed time ticking between progress events).
 */
export function applyEvent(state: InstallProgress, event: InstallEvent, at = 0): InstallProgress {
  switch (event.kind) {
    case 'started':
      // A run (or a replay of one) starts over: what an earlier attempt showed no longer holds.
      return {
        ...initialProgress(event.installation_id),
        stacks: event.stacks.map((s) => ({
          name: s.name,
          kind: s.kind,
          region: s.region,
          stackId: null,
          status: null,
          statusClass: null,
          reason: null,
          planned: s.resources,
          attached: false,
        })),
      };
    case 'stack_launched':
      return {
        ...state,
        stacks: upsertStack(state.stacks, event.stack, {
          kind: event.stack_kind,
          region: event.region,
          stackId: event.stack_id,
          attached: event.attached,
        }),
      };
    case 'stack_status':
      return {
        ...state,
        stacks: upsertStack(state.stacks, event.stack, {
          stackId: event.stack_id,
          status: event.status,
          statusClass: event.status_class,
          reason: event.reason ?? null,
        }),
      };
    case 'resource': {
      const row: ResourceRow = {
        stack: event.stack,
        logicalId: event.logical_id,
        type: event.resource_type,
        status: event.status,
        statusClass: event.status_class,
        reason: event.reason ?? null,
        timestamp: event.timestamp,
      };
      const stacks = state.stacks.some((s) => s.name === event.stack)
        ? state.stacks
        : upsertStack(state.stacks, event.stack, {});
      const i = state.resources.findIndex((r) => r.stack === row.stack && r.logicalId === row.logicalId);
      if (i < 0) return { ...state, stacks, resources: [...state.resources, row] };
      // A replayed older event must not undo what a newer one said.
      if (isOlder(row.timestamp, state.resources[i].timestamp)) return { ...state, stacks };
      const resources = [...state.resources];
      resources[i] = row;
      return { ...state, stacks, resources };
    }
    case 'progress':
      return {
        ...state,
        progress: {
          done: event.done,
          total: event.total,
          elapsedMs: event.elapsed_ms,
          etaMs: event.eta_ms ?? null,
          at,
        },
      };
    case 'connection_lost':
      return { ...state, connection: connectionLost(state.connection, event.since, at) };
    case 'connection_restored':
      return { ...state, connection: connectionRestored(state.connection, event.since, event.at) };
    case 'credentials_expired':
    case 'credentials_renewed':
      return { ...state, expired: sessionExpiry(state.expired, event) };
    case 'failed':
      return {
        ...state,
        failure: {
          stack: event.stack,
          rootCause: event.root_cause,
          rollbackStatus: event.rollback_status,
          health: event.health ?? null,
          hint: event.hint ?? null,
        },
        outputs: null,
      };
    case 'ready':
      return { ...state, outputs: event.outputs, failure: null };
  }
}

/**
 * The call's own answer, which says the same as the last event: applied too,
 * so the screen ends right even if the last event was missed.
 */
export function applyOutcome(state: InstallProgress, outcome: InstallOutcome): InstallProgress {
  const named = { ...state, installationId: state.installationId ?? outcome.installation_id };
  if (outcome.kind === 'ready') return applyEvent(named, { kind: 'ready', outputs: outcome.outputs });
  return applyEvent(named, {
    kind: 'failed',
    stack: outcome.stack,
    root_cause: outcome.root_cause,
    rollback_status: outcome.rollback_status,
    health: outcome.health,
    hint: outcome.hint,
  });
}

/** A status's colour: its class from the engine, or `pending` when there is none (or one this version does not know). */
export type StatusTone = Exclude<StatusClass, 'unknown'> | 'pending';

/** How a status is coloured: the engine's class of it (the window never reads the status text). */
export function statusTone(statusClass: StatusClass | null | undefined): StatusTone {
  return !statusClass || statusClass === 'unknown' ? 'pending' : statusClass;
}

export interface StackGroup {
  stack: StackRow;
  resources: ResourceRow[];
}

/** The resource rows under their stack, stacks in order, empty stacks included (they show their status). */
export function groupByStack(state: InstallProgress): StackGroup[] {
  return state.stacks.map((stack) => ({
    stack,
    resources: state.resources.filter((r) => r.stack === stack.name),
  }));
}

/** Elapsed time at `now`: the last progress event's, plus the time since it arrived. */
export function elapsedAt(state: InstallProgress, now: number): number | null {
  const p = state.progress;
  if (!p) return null;
  if (state.outputs || state.failure) return p.elapsedMs;
  return p.elapsedMs + Math.max(0, now - p.at);
}

/**
 * What is left at `now`, counting down from the last estimate; null when there is none.
 * While AWS cannot be reached nothing is being learnt, so it stops where it was then.
 */
export function remainingAt(state: InstallProgress, now: number): number | null {
  const p = state.progress;
  if (!p || p.etaMs === null || state.outputs || state.failure) return null;
  const until = state.connection.lostAt !== null ? Math.min(now, Math.max(p.at, state.connection.lostAt)) : now;
  return Math.max(0, p.etaMs - Math.max(0, until - p.at));
}

/** "45 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (h) return `${h} h ${two(m)} min`;
  if (m) return `${m} min ${two(s)} s`;
  return `${s} s`;
}

/** Whole percent of the bar, 0 when the total is not known yet. */
export function percent(state: InstallProgress): number {
  const p = state.progress;
  if (!p || p.total <= 0) return 0;
  return Math.min(100, Math.floor((p.done / p.total) * 100));
}
