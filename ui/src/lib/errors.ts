// What the Sign in step offers for each error code besides "Try again":
// whether picking another profile could help. The command that fixes an
// error (`aws sso login --profile …`) comes from the engine, in the error.
import type { AwsProfile, ErrorCode } from './bindings';

export interface ErrorActions {
  /** Offer "Pick another profile", which moves focus to the profile list. */
  pickAnother: boolean;
}

const PROFILE_PROBLEMS: readonly ErrorCode[] = [
  'no_credentials',
  'invalid_credentials',
  'profile_not_found',
  'profile_config',
  // AWS in China or GovCloud with no region: the error gives the `aws configure set region` to run.
  'region_required',
];

function usesSso(profile: AwsProfile | null): boolean {
  // Unknown kind (profile list not loaded): assume SSO, the usual cause of expiry.
  return profile === null || profile.kind === 'sso' || profile.sso_start_url !== null;
}

export function errorActions(code: ErrorCode, profile: AwsProfile | null): ErrorActions {
  if (code === 'sso_login_required') return { pickAnother: false };
  // Expired static or process credentials are not fixed by an SSO login: another profile may do.
  if (code === 'expired_credentials') return { pickAnother: !usesSso(profile) };
  return { pickAnother: PROFILE_PROBLEMS.includes(code) };
}
