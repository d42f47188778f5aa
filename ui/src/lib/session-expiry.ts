// A session that expired mid-work, as the window shows it. The engine decides: when AWS stops
// accepting the credentials during an install or a Manage action, it pauses the work and says
// so (credentials_expired), and says again when a sign-in to the same account let the work go
// on (credentials_renewed). One state, one rule for the Install and Manage steps.
import type { InstallEvent } from './ipc';

export interface SessionExpiry {
  installationId: string;
  /** The profile that was signed in; null for the standard chain. */
  profile: string | null;
  accountId: string;
  /** The login that ran out is IAM Identity Center's. */
  sso: boolean;
  /** When it stopped working (RFC 3339). */
  since: string;
  /** What AWS's answer means, in the engine's words. */
  message: string;
  /** What to run before signing in again, when the engine names it. */
  command: string | null;
  /** The work waits for a sign-in (always, in the window). */
  waiting: boolean;
}

/** The expiry after `event`: set by credentials_expired, gone after credentials_renewed. */
export function sessionExpiry(current: SessionExpiry | null, event: InstallEvent): SessionExpiry | null {
  switch (event.kind) {
    case 'credentials_expired':
      return {
        installationId: event.installation_id,
        profile: event.profile ?? null,
        accountId: event.account_id,
        sso: event.sso,
        since: event.since,
        message: event.message,
        command: event.command ?? null,
        waiting: event.waiting,
      };
    case 'credentials_renewed':
      return null;
    default:
      return current;
  }
}
