// What the Manage step hands each of its action sections: the signed-in
// account (typed to confirm), which actions can be used now, the one action
// waiting for confirmation or running, the last outcome, and the callbacks.
// One object, so every section asks, confirms and reports the same way.
import type { AccessActionKind, AccessActionRecord, AccessWarnings, IpcError, StatusClass } from '../../lib/ipc';
import type { Availability } from '../../lib/manage-actions';

/** The last action's result or error: shown in the section of its button. */
export interface Outcome {
  kind: AccessActionKind;
  record?: AccessActionRecord;
  error?: IpcError;
}

export interface Controls {
  account: string;
  warnings: AccessWarnings | null;
  avail: Availability;
  /** The action whose confirmation is open. */
  pending: AccessActionKind | null;
  /** The action in flight: every action button waits for it. */
  running: AccessActionKind | null;
  outcome: Outcome | null;
  /** Runs an action that needs no confirmation, or opens the confirmation of one that does. */
  request: (kind: AccessActionKind) => void;
  /** Runs the pending action with the typed account ID. */
  confirm: (typed: string) => void;
  cancel: () => void;
  reread: () => void;
}

/** Stack name → its status and the engine's class of it, streamed while the stacks are deleted. */
export type Deleting = Record<string, { status: string; statusClass: StatusClass }>;
