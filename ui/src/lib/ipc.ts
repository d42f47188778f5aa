// The only door to the Rust back end: typed wrappers over Tauri's `invoke`.
// Nothing else in the UI imports @tauri-apps/*, so the command names and
// argument shapes of the IPC contract live in this one file.
import { invoke } from '@tauri-apps/api/core';
import type {
  AppInfo,
  AvoidInput,
  CheckReport,
  Discovery,
  ErrorCode,
  Identity,
  IpcError,
  NetworkChoice,
  ProfileList,
  RegionInfo,
  Suggestions,
} from './bindings';

export type {
  AppInfo,
  AvoidInput,
  AwsProfile,
  CheckReport,
  DiscoveredVpc,
  Discovery,
  ErrorCode,
  Identity,
  IpcError,
  NetworkChoice,
  OptInStatus,
  ProfileKind,
  ProfileList,
  Problem,
  RegionFailure,
  RegionInfo,
  Relation,
  Suggestions,
  VpcCidrBlock,
  Warning,
} from './bindings';

// A Record rather than a list: a code added to bindings.ts fails the type
// check until it is named here, instead of arriving as "internal".
const KNOWN_CODES: Record<ErrorCode, true> = {
  no_credentials: true,
  invalid_credentials: true,
  expired_credentials: true,
  sso_login_required: true,
  access_denied: true,
  throttled: true,
  network: true,
  profile_not_found: true,
  profile_config: true,
  region_disabled: true,
  invalid_input: true,
  not_signed_in: true,
  journal: true,
  internal: true,
  needs_clean_up: true,
  stack_busy: true,
  stack_failed: true,
  not_found: true,
  not_verified: true,
};
const ERROR_CODES = Object.keys(KNOWN_CODES) as ErrorCode[];

export function appInfo(): Promise<AppInfo> {
  return call<AppInfo>('app_info');
}

export function listProfiles(): Promise<ProfileList> {
  return call<ProfileList>('list_profiles');
}

/** sts:GetCallerIdentity through the named profile. */
export function signIn(profile: string): Promise<Identity> {
  return call<Identity>('sign_in', { profile });
}

/** The regions of the signed-in account's partition, sorted, with opt-in status (ec2:DescribeRegions). */
export function listRegions(): Promise<RegionInfo[]> {
  return call<RegionInfo[]>('list_regions');
}

/**
 * Every VPC of every enabled region. The back end caches the result until
 * `refresh` is true or the next sign-in; a fresh read can take seconds.
 */
export function discoverNetworks(refresh: boolean): Promise<Discovery> {
  return call<Discovery>('discover_networks', { refresh });
}

/** Checks a typed block against the discovered VPCs, `avoid` and the reserved ranges. */
export function checkCidr(input: string, avoid: AvoidInput[], allowPublic = false): Promise<CheckReport> {
  return call<CheckReport>('check_cidr', { input, avoid, allowPublic });
}

/** Up to `count` free blocks of /`prefix`, in preference order. */
export function suggestCidrs(prefix: number, avoid: AvoidInput[], count: number): Promise<Suggestions> {
  return call<Suggestions>('suggest_cidrs', { prefix, avoid, count });
}

/** Re-checks region and block, then records them in the journal for the Install step. */
export function chooseNetwork(region: string, cidr: string, avoid: AvoidInput[]): Promise<NetworkChoice> {
  return call<NetworkChoice>('choose_network', { region, cidr, avoid });
}

/** The last recorded choice of the signed-in account, or null. */
export function lastNetworkChoice(): Promise<NetworkChoice | null> {
  return call<NetworkChoice | null>('last_network_choice');
}

/** Tells the back end the first screen has painted (start-up benchmark). */
export function frontendReady(): Promise<void> {
  return call<void>('frontend_ready');
}

export function isIpcError(e: unknown): e is IpcError {
  if (typeof e !== 'object' || e === null) return false;
  const o = e as Record<string, unknown>;
  return (
    typeof o.code === 'string' &&
    (ERROR_CODES as readonly string[]).includes(o.code) &&
    typeof o.message === 'string' &&
    (o.hint === null || typeof o.hint === 'string' || o.hint === undefined)
  );
}

/** Turns anything a rejected call (or our own code) threw into an IpcError. */
export function asIpcError(e: unknown): IpcError {
  if (isIpcError(e)) return { code: e.code, message: e.message, hint: e.hint ?? null };
  if (e instanceof Error) return { code: 'internal', message: e.message || e.name, hint: null };
  if (typeof e === 'string') return { code: 'internal', message: e, hint: null };
  let message: string;
  try {
    message = JSON.stringify(e) ?? String(e);
  } catch {
    message = String(e);
  }
  return { code: 'internal', message: `Unexpected error: ${message}`, hint: null };
}

// Every rejection leaves this module as an IpcError, so callers never see raw
// Tauri strings (e.g. "command sign_in not allowed by ACL").
async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw asIpcError(e);
  }
}
