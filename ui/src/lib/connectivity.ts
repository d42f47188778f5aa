// Whether AWS can be reached, as the window shows it. The engine decides: the install's
// follower sends connection_lost / connection_restored events, and a Manage read that fails
// for that reason has the engine's `network` code. One state, one rule for both screens.
import type { IpcError } from './ipc';

export interface Connectivity {
  /** When AWS stopped answering (RFC 3339), while it does not answer. */
  lostSince: string | null;
  /** When the window learnt it (ms since the epoch): estimates stop counting down here. */
  lostAt: number | null;
  /** After an outage: when AWS answered again, and since when it had not. */
  restored: { since: string; at: string } | null;
}

export const reachable: Connectivity = { lostSince: null, lostAt: null, restored: null };

/** AWS stopped answering at `since`; a second report of the same outage changes nothing. */
export function connectionLost(c: Connectivity, since: string, at: number): Connectivity {
  if (c.lostSince) return c;
  return { lostSince: since, lostAt: at, restored: null };
}

/** AWS answers again at `at`, after not answering since `since`. */
export function connectionRestored(c: Connectivity, since: string, at: string): Connectivity {
  return { lostSince: null, lostAt: null, restored: { since: c.lostSince ?? since, at } };
}

/** A call answered: the outage, if any, is over now. */
export function answered(c: Connectivity, at: number): Connectivity {
  return c.lostSince ? connectionRestored(c, c.lostSince, new Date(at).toISOString()) : c;
}

/** The engine's code for "AWS could not be reached" (see AwsError::is_unreachable). */
export function isUnreachable(error: IpcError | null | undefined): boolean {
  return error?.code === 'network';
}
