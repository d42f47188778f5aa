// What the Sign in step offers for each error code: the fix command to copy,
// and whether picking another profile could help. "Try again" is always offered.
import type { AwsProfile, ErrorCode } from './bindings';

export interface ErrorActions {
  /** A shell command that fixes the problem, shown monospaced with a copy button. */
  command: string | null;
  /** Offer "Pick another profile", which moves focus to the profile list. */
  pickAnother: boolean;
}

const PROFILE_PROBLEMS: readonly ErrorCode[] = [
  'no_credentials',
  'invalid_credentials',
  'profile_not_found',
  'profile_config',
  // AWS in China or GovCloud with no region: the hint gives the `aws configure set region` to run.
  'region_required',
];

export function ssoLoginCommand(profile: string): string {
  // Quote names the shell would split or expand; plain names stay readable.
  const safe = /^[\w.@+=,:/-]+$/.test(profile) ? profile : `'${profile.replaceAll("'", `'\\''`)}'`;
  return `aws sso login --profile ${safe}`;
}

function usesSso(profile: AwsProfile | null): boolean {
  // Unknown kind (profile list not loaded): assume SSO, the usual cause of expiry.
  return profile === null || profile.kind === 'sso' || profile.sso_start_url !== null;
}

export function errorActions(code: ErrorCode, profileName: string, profile: AwsProfile | null): ErrorActions {
  if (code === 'sso_login_required') return { command: ssoLoginCommand(profileName), pickAnother: false };
  if (code === 'expired_credentials') {
    // Expired static or process credentials are not fixed by an SSO login:
    // for those, the hint from the back end says what to renew.
    return usesSso(profile)
      ? { command: ssoLoginCommand(profileName), pickAnother: false }
      : { command: null, pickAnother: true };
  }
  return { command: null, pickAnother: PROFILE_PROBLEMS.includes(code) };
}
