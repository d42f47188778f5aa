// Where the vendor's access stands now, in the window's words: the engine
// decides the state (AccessNow: open until…, closed, cut off, no role); this
// only words it, with times as the window shows them, and gives it a tone.
import type { AccessNow } from './ipc';
import { formatWhen } from './manage-window';

export type AccessTone = 'open' | 'closed' | 'unknown';

export interface AccessNowText {
  /** "Open until 2026-12-01 14:00 UTC", "Cut off". */
  state: string;
  /** What it means for the vendor, one sentence. */
  meaning: string;
  tone: AccessTone;
}

export function accessNowText(now: AccessNow, vendor: string): AccessNowText {
  switch (now.kind) {
    case 'open':
      return { state: 'Open, no time limit', meaning: `${vendor} can use the role at any time.`, tone: 'open' };
    case 'open_until':
      return {
        state: `Open until ${formatWhen(now.until)}`,
        meaning: `${vendor} can use the role until then; the window closes by itself.`,
        tone: 'open',
      };
    case 'opens_at':
      return {
        state: `Closed until ${formatWhen(now.from)}`,
        meaning: `${vendor} cannot use the role until the window opens.`,
        tone: 'closed',
      };
    case 'ended':
      return {
        state: now.ended ? `Closed: the window ended ${formatWhen(now.ended)}` : 'Closed: the window ended',
        meaning: `${vendor} cannot use the role. Open the window again in Manage.`,
        tone: 'closed',
      };
    case 'closed':
      return {
        state: now.since ? `Closed since ${formatWhen(now.since)}` : 'Closed',
        meaning: `${vendor} cannot use the role. Open the window again in Manage.`,
        tone: 'closed',
      };
    case 'cut_off':
      return {
        state: `Cut off ${formatWhen(now.at)}`,
        meaning: `The window is closed and earlier sessions are revoked: ${vendor} cannot use the role.`,
        tone: 'closed',
      };
    case 'no_role':
      return { state: 'No access: the role is gone', meaning: `${vendor} has no role to assume.`, tone: 'closed' };
    case 'custom':
      return {
        state: 'Set by a policy Private Deploy did not write',
        meaning: 'Read the window policy in Manage to see when the role works.',
        tone: 'unknown',
      };
    case 'unknown':
      return { state: 'Unknown', meaning: 'The role could not be read.', tone: 'unknown' };
  }
}
