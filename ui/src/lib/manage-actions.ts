// The actions on the vendor's access as the panel shows them: their labels,
// which section of the panel owns each, and what each does in one sentence.
// Which can be used now (and why not), which need the account ID typed and
// which grant access come from the engine with the status (`actions`); this
// file only reads them, it never decides them.
import type {
  AccessActionKind,
  AccessRequest,
  AccessStatus,
  AccessWarnings,
  ActionOffer,
  DeleteOptions,
  Drift,
  DriftKind,
} from './ipc';

export const ACTION_LABELS: Record<AccessActionKind, string> = {
  open_window: 'Open the access window',
  close_window: 'Close the access window',
  always_open: 'Keep the access window always open',
  revoke_sessions: 'Revoke sessions',
  cut_off: 'Cut off now',
  attach_boundary: 'Attach the permissions boundary',
  remove_boundary: 'Remove the permissions boundary',
  tighten: 'Tighten to installed resources',
  delete_role: 'Delete the role',
  delete_stacks: 'Delete the stacks',
  accept_drift: 'Accept the changes made outside Private Deploy',
  delete_stacks_stopped: 'Delete the stacks (stopped part-way)',
};

/** The engine's offer of `kind` with this status; none for what is not an action (accept_drift). */
export function offerOf(status: AccessStatus, kind: AccessActionKind): ActionOffer | undefined {
  return status.actions.find((o) => o.kind === kind);
}

export const DRIFT_LABELS: Record<DriftKind, string> = {
  role_gone: 'The role was deleted',
  role_recreated: 'The role was deleted and created again',
  trust_policy: 'The trust policy was changed',
  access_window: 'The access window was changed',
  revocation: 'The session revocation was changed',
  guardrail: 'The guardrail was changed or deleted',
  inline_policy: 'An inline policy was added, changed or deleted',
  attached_policy: 'A managed policy was attached or detached',
  boundary: 'The permissions boundary was changed',
  boundary_version: "The boundary policy's default version was changed",
};

/**
 * The changes to send as accepted with an action the engine says grants access: those
 * shown, when the admin ticked the box.
 */
export function acceptedDrift(status: AccessStatus, kind: AccessActionKind, accept: boolean): Drift[] | null {
  const grants = offerOf(status, kind)?.grants_access ?? false;
  return accept && grants && status.drift.length > 0 ? status.drift : null;
}

/** Whether the engine wants the account ID typed first; an action it does not describe is confirmed too. */
export function needsConfirmation(status: AccessStatus, kind: AccessActionKind): boolean {
  return offerOf(status, kind)?.needs_typed_confirmation ?? true;
}

/**
 * Where an action's button, confirmation and result sit: `access` is the top of
 * Manage (the access now, and the reversible ways to stop it), `danger` what
 * cannot be undone.
 */
export type Section = 'access' | 'window' | 'restrict' | 'danger';

const SECTIONS: Record<AccessActionKind, Section> = {
  open_window: 'window',
  close_window: 'access',
  always_open: 'window',
  attach_boundary: 'restrict',
  remove_boundary: 'restrict',
  tighten: 'restrict',
  revoke_sessions: 'access',
  cut_off: 'access',
  delete_role: 'danger',
  delete_stacks: 'danger',
  accept_drift: 'window',
  delete_stacks_stopped: 'danger',
};

/** Where the action's confirmation, result and error are shown: beside its button. */
/** What cannot be undone (only a re-install brings it back): red, set apart from the rest. */
export function isIrreversible(kind: AccessActionKind): boolean {
  return kind === 'delete_role' || kind === 'delete_stacks' || kind === 'delete_stacks_stopped';
}

export function sectionOf(kind: AccessActionKind): Section {
  return SECTIONS[kind];
}

export function requestFor(
  kind: Exclude<AccessActionKind, 'accept_drift'>,
  hours: number,
  deleteOptions?: DeleteOptions,
): AccessRequest {
  if (kind === 'open_window') return { kind, hours };
  if (kind === 'delete_stacks') {
    const chosen = deleteOptions && (deleteOptions.force || deleteOptions.retain.length > 0);
    return chosen ? { kind, options: deleteOptions } : { kind };
  }
  // Not an action of its own: only the journal's record of a delete that stopped.
  if (kind === 'delete_stacks_stopped') return { kind: 'delete_stacks' };
  return { kind };
}

/** The typed account ID matches the signed-in account (spaces around it forgiven, as the engine does). */
export function isConfirmed(typed: string, account: string): boolean {
  return account !== '' && typed.trim() === account;
}

/** What the confirmation says the action does, and the warning that goes with it (from the engine when it has one). */
export function actionEffect(
  kind: AccessActionKind,
  warnings: AccessWarnings | null,
): { what: string; warning: string | null } {
  switch (kind) {
    case 'open_window':
      return { what: 'The vendor can use the role until the window ends; then it closes by itself.', warning: null };
    case 'always_open':
      return { what: 'The vendor can use the role at any time, with no end.', warning: null };
    case 'close_window':
      return {
        what: 'The role denies every action from now on, until you open the window again.',
        warning: 'Sessions already open keep their keys, but every call they make is denied.',
      };
    case 'attach_boundary':
      return {
        what: 'The permissions boundary caps what the role can do, whatever its policies allow.',
        warning: 'Vendor work that needs more than the boundary allows will fail.',
      };
    case 'remove_boundary':
      return {
        what: 'The role can again do everything its policies allow.',
        warning: 'This widens the vendor\'s access.',
      };
    case 'tighten':
      return {
        what: 'The role keeps only the permissions shown in the diff, on the installed resources.',
        warning: 'Updates that create new resources will be denied until you widen the role again.',
      };
    case 'revoke_sessions':
      return {
        what: 'Every session issued before now is denied (AWSRevokeOlderSessions).',
        warning: warnings?.revoke_alone ?? 'This alone does not stop the vendor from assuming the role again.',
      };
    case 'cut_off':
      return {
        what: 'Revokes every session issued before now and closes the access window: the vendor cannot act until you open it again.',
        warning: null,
      };
    case 'delete_role':
      return {
        what: 'Deletes the vendor\'s role: nobody can assume it any more. This cannot be undone; giving access back needs a re-install.',
        warning: warnings?.delete_role ?? 'The role belongs to the access stack: deleting it leaves the stack drifted. Deleting the stacks instead removes both cleanly.',
      };
    case 'accept_drift':
      return { what: 'The role as IAM has it now becomes what Private Deploy expects.', warning: null };
    case 'delete_stacks':
    case 'delete_stacks_stopped':
      return {
        what: 'Cuts the vendor off, then deletes the environment stack, then the access stack (and the role with it). This cannot be undone; the environment needs a re-install.',
        warning: warnings?.delete_stacks ?? 'What the vendor created outside the stacks is not deleted.',
      };
  }
}

/** Null when the action can be used; otherwise why not, shown beside its button. */
export type Availability = Record<AccessActionKind, string | null>;

/** Why each action cannot be used now, as the engine says; an action it does not offer is not offered here either. */
export function availability(status: AccessStatus): Availability {
  const all = Object.keys(ACTION_LABELS) as AccessActionKind[];
  return Object.fromEntries(
    all.map((k) => {
      const offer = offerOf(status, k);
      if (!offer) return [k, 'Not available in this version'];
      return [k, offer.available ? null : (offer.why_not ?? 'Not available now')];
    }),
  ) as Availability;
}
