// What the Invite step says about an opened invite, without the DOM: the
// verification in words (and how loud), the typed vendor-account confirmation
// an unverified invite needs, the step's completeness, and which files and
// links are worth sending to the back end at all.
import type { AccessMode, InviteSummary, IpcError, Verification } from './ipc';

export type VerificationTone = 'verified' | 'warning' | 'danger';

export interface VerificationText {
  tone: VerificationTone;
  /** A few words for the badge. */
  label: string;
  /** What it means for the admin. */
  detail: string;
}

export function verificationText(v: Verification): VerificationText {
  switch (v.status) {
    case 'verified':
      switch (v.source) {
        case 'built_in':
          return {
            tone: 'verified',
            label: 'Verified',
            detail: `Signed with ${v.vendor_name}'s key ${v.key_id}, built into this app: the invite is as the vendor wrote it.`,
          };
        case 'sandbox':
          return {
            tone: 'verified',
            label: 'Verified (sandbox)',
            detail: `Signed with the public sandbox key ${v.key_id}, which only builds made for the sandbox trust: it shows the invite was made for the sandbox, nothing more.`,
          };
        case 'local':
        case 'given':
        default:
          return {
            tone: 'warning',
            label: 'Trusted on this computer only',
            detail: `Signed with ${v.vendor_name}'s key ${v.key_id}, which this app trusts only because of a key file set on this computer (PRIVATE_DEPLOY_VENDOR_KEYS), not because it is built in. Go on only if you set that file up yourself.`,
          };
      }
    case 'unsigned':
      return {
        tone: 'warning',
        label: 'Not signed',
        detail: 'This invite carries no signature, so anyone could have written it, vendor name included.',
      };
    case 'unknown_key':
      return {
        tone: 'warning',
        label: 'Unknown key',
        detail: `This invite is signed with key ${v.key_id}, which this app does not know, so the signature proves nothing.`,
      };
    case 'invalid':
      return {
        tone: 'danger',
        label: 'Bad signature',
        detail: `The signature by key ${v.key_id} does not match the invite: it was changed after signing, or forged.`,
      };
  }
}

export function accessModeText(mode: AccessMode): string {
  return mode === 'full'
    ? 'Full access (AdministratorAccess)'
    : 'Administrator access limited by the permissions boundary';
}

export type Confirmation =
  /** Verified invites need no typed account ID. */
  | 'not_needed'
  | 'empty'
  /** Still typing: fewer than 12 digits so far. */
  | 'partial'
  | 'mismatch'
  | 'match';

/** The admin's typed vendor account ID against the invite's, as the engine compares them (trimmed, exact). */
export function confirmation(summary: InviteSummary, typed: string): Confirmation {
  if (!summary.needs_confirmation) return 'not_needed';
  const t = typed.trim();
  if (!t) return 'empty';
  if (t === summary.invite.vendor.account_id) return 'match';
  if (/^\d{0,11}$/.test(t) && summary.invite.vendor.account_id.startsWith(t)) return 'partial';
  return 'mismatch';
}

/** The typed ID to send with the install request: only when the invite needed it and it matches. */
export function confirmedAccount(summary: InviteSummary | null, typed: string): string | undefined {
  if (!summary) return undefined;
  return confirmation(summary, typed) === 'match' ? typed.trim() : undefined;
}

/** Whether the Invite step is done, and if not, what to do. */
export function inviteStatus(summary: InviteSummary | null, typed: string): { complete: boolean; missing: string } {
  if (!summary) return { complete: false, missing: "Open the vendor's invite file or link to continue" };
  switch (confirmation(summary, typed)) {
    case 'not_needed':
    case 'match':
      return { complete: true, missing: '' };
    case 'mismatch':
      return {
        complete: false,
        missing: "The account ID you typed is not the invite's vendor account: check it with the vendor",
      };
    default:
      return { complete: false, missing: "Type the vendor's 12-digit AWS account ID to confirm the invite" };
  }
}

/** A private-deploy:// link, as pasted (surrounding spaces and quotes are not the admin's intent). */
export function cleanLink(text: string): string {
  return text.trim().replace(/^["'<]+|["'>]+$/g, '');
}

export function looksLikeLink(text: string): boolean {
  return /^private-deploy:\/\//i.test(cleanLink(text));
}

/** Sent to the back end only when it could be an invite: a .json file, or a JSON file by type. */
export function isInviteFile(file: { name: string; type: string }): boolean {
  return /\.json$/i.test(file.name) || file.type === 'application/json';
}

export function notAnInviteFile(name: string): IpcError {
  return {
    code: 'invalid_input',
    message: `${name} is not an invite file: invites are .json files.`,
    hint: 'Drop or choose the .json file the vendor sent, or paste their private-deploy:// link.',
  };
}

/** A picked or dropped file past the engine's size limit (`invite_limits`). */
export function tooLarge(name: string, size: number, max: number): IpcError {
  return {
    code: 'invalid_input',
    message: `${name} is ${size} bytes; an invite may be at most ${max} bytes.`,
    hint: 'Choose the .json file the vendor sent: an invite is a few hundred bytes.',
  };
}

export function oneFileOnly(count: number): IpcError {
  return {
    code: 'invalid_input',
    message: `${count} files were dropped; an invite is one file.`,
    hint: 'Drop only the .json file the vendor sent.',
  };
}
