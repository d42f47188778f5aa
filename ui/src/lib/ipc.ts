// The only door to the Rust back end: typed wrappers over Tauri's `invoke`.
// Nothing else in the UI imports @tauri-apps/*. The command names, argument
// shapes and results come from Rust (bindings.ts: IpcCommands), so a wrapper
// that sends what the command does not take fails the type check; a test in
// ipc.test.ts checks that every command has a wrapper.
import { Channel, invoke, type InvokeArgs } from '@tauri-apps/api/core';
import { asIpcError } from './ipc-errors';
import type {
  CommandName,
  IpcCommands,
  AccessActionRecord,
  AccessRequest,
  HandoffSent,
  HandoffView,
  AccessStatus,
  Drift,
  AccessWarnings,
  AuditQuery,
  AuditReport,
  DatabaseCheck,
  NatAddress,
  TightenPreview,
  AccessReview,
  AppInfo,
  Diagnostics,
  AvoidInput,
  CheckReport,
  Discovery,
  Identity,
  InstallEvent,
  InstallOutcome,
  InstallRequest,
  InstallationStatus,
  Invite,
  InviteSummary,
  Landing,
  InviteLaunch,
  InviteLimits,
  NetworkChoice,
  PlanSummary,
  Preflight,
  ProfileList,
  RegionInfo,
  StackKind,
  Suggestions,
  VpcLimits,
  DeleteOptions,
  DeletionPreview,
  InstallDraft,
  RestoredDraft,
  ReadySummary,
  EndpointOverride,
  DeviceLogin,
  SsoAccount,
  SsoChoice,
  SsoConfigPreview,
  SsoLoggedIn,
  SsoTarget,
  UpdateOffer,
} from './bindings';

export type {
  Check,
  CheckOutcome,
  Cost,
  CostLine,
  Preflight,
  HandoffSent,
  HandoffView,
  AccessLevel,
  AccessNow,
  ConsoleLink,
  ConsoleTarget,
  ReadySummary,
  DeleteOptions,
  DeletionPreview,
  FailedResource,
  ForeignInterface,
  StackDeletion,
  StackHealth,
  StatusClass,
  ActionOffer,
  Landing,
  AccessActionKind,
  AccessActionRecord,
  AccessRequest,
  AccessStatus,
  Drift,
  DriftKind,
  AccessWarnings,
  AccessWindow,
  AttachedPolicy,
  AuditEvent,
  AuditQuery,
  AuditReport,
  AuditSession,
  DatabaseCheck,
  DatabaseNetworkBlock,
  DiffKind,
  DiffLine,
  InlinePolicy,
  NatAddress,
  RoleState,
  RoleView,
  ScopedResource,
  TightenPreview,
  AccessMode,
  AccessReview,
  InstallEvent,
  InstallOutcome,
  InstallRequest,
  InstallState,
  InstallationStatus,
  Invite,
  InviteSummary,
  InviteLaunch,
  InviteLimits,
  PlanSummary,
  PlannedStack,
  RootCause,
  StackKind,
  StackOutput,
  StackParameter,
  StackView,
  Vendor,
  Verification,
  AppInfo,
  Diagnostics,
  KeySource,
  TrustedKey,
  AvoidInput,
  AwsProfile,
  EndpointOverride,
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
  VpcLimits,
  VpcCidrBlock,
  Warning,
  InstallPhase,
  InstallDraft,
  DraftChoices,
  RestoredDraft,
  FixStep,
  BoundarySummary,
  MayFail,
  ServiceAllowance,
  DeviceLogin,
  SsoAccount,
  SsoChoice,
  SsoConfigPreview,
  SsoLoggedIn,
  SsoTarget,
  UpdateInstall,
  UpdateOffer,
} from './bindings';


export { asIpcError, isIpcError } from './ipc-errors';

export function appInfo(): Promise<AppInfo> {
  return call('app_info');
}

/** The support report: versions, trusted vendor keys, the journal and its last failures. */
export function diagnostics(): Promise<Diagnostics> {
  return call('diagnostics');
}

export function listProfiles(): Promise<ProfileList> {
  return call('list_profiles');
}

/** sts:GetCallerIdentity through the named profile (with its MFA device's code, when it names one). */
export function signIn(profile: string, mfaCode: string | null = null): Promise<Identity> {
  return call('sign_in', { profile, mfaCode });
}

/** Keys pasted from the AWS access portal; the engine keeps them in memory only. */
export function signInPasted(text: string): Promise<Identity> {
  return call('sign_in_pasted', { text });
}

/** The VPC sizes the environment takes (the engine's one set of limits). */
export function vpcLimits(): Promise<VpcLimits> {
  return call('vpc_limits');
}

/** The regions of the signed-in account's partition, sorted, with opt-in status (ec2:DescribeRegions). */
export function listRegions(): Promise<RegionInfo[]> {
  return call('list_regions');
}

/**
 * Every VPC of every enabled region. The back end caches the result until
 * `refresh` is true or the next sign-in; a fresh read can take seconds.
 */
export function discoverNetworks(refresh: boolean): Promise<Discovery> {
  return call('discover_networks', { refresh });
}

/** Checks a typed block against the discovered VPCs, `avoid` and the reserved ranges. */
export function checkCidr(input: string, avoid: AvoidInput[], allowPublic = false): Promise<CheckReport> {
  return call('check_cidr', { input, avoid, allowPublic });
}

/** Up to `count` free blocks of /`prefix`, in preference order. */
export function suggestCidrs(prefix: number, avoid: AvoidInput[], count: number): Promise<Suggestions> {
  return call('suggest_cidrs', { prefix, avoid, count });
}

/** Re-checks region and block, then records them in the journal for the Install step. */
export function chooseNetwork(region: string, cidr: string, avoid: AvoidInput[]): Promise<NetworkChoice> {
  return call('choose_network', { region, cidr, avoid });
}

/** The last recorded choice of the signed-in account, or null. */
export function lastNetworkChoice(): Promise<NetworkChoice | null> {
  return call('last_network_choice');
}

/** Validates the text of an invite file (picked or dropped; the window reads it). */
export function openInviteText(text: string): Promise<InviteSummary> {
  return call('open_invite_text', { text });
}

/** The size past which a picked or dropped file is refused without being read. */
export function inviteLimits(): Promise<InviteLimits> {
  return call('invite_limits');
}

/** Validates a private-deploy://install?invite=… link. */
export function openInviteLink(link: string): Promise<InviteSummary> {
  return call('open_invite_link', { link });
}

/**
 * Invites handed to the app from outside (a link or file it was launched with,
 * a link or file a second launch passed on; files already read by the engine):
 * the waiting ones at once, then each new one.
 */
export function watchLaunches(onLaunch: (launch: InviteLaunch) => void): Promise<null> {
  const channel = new Channel<InviteLaunch>();
  channel.onmessage = onLaunch;
  return call('watch_launches', { onLaunch: channel });
}

/** The access stack the invite asks for: trust policy, permissions, boundary and exports. */
export function reviewAccess(invite: Invite, useBoundary: boolean, templateUrl?: string): Promise<AccessReview> {
  return call('review_access', { invite, useBoundary, templateUrl: templateUrl ?? null });
}

/** Saves access.yaml in the Downloads folder; resolves to the saved file's path. */
export function exportAccessTemplate(): Promise<string> {
  return call('export_access_template');
}

/** Checks the request and works out the stacks, changing nothing. */
export function planInstall(request: InstallRequest): Promise<PlanSummary> {
  return call('plan_install', { request });
}

/** Every check before the install, run at once, and the environment's fixed cost. */
export function preflight(request: InstallRequest): Promise<Preflight> {
  return call('preflight', { request });
}

function events(onEvent: (event: InstallEvent) => void): Channel<InstallEvent> {
  const channel = new Channel<InstallEvent>();
  channel.onmessage = onEvent;
  return channel;
}

/**
 * Launches both stacks and streams their progress; resolves when the install
 * is ready or has failed. A second call for the same installation joins the
 * run already going (its events so far first).
 */
export function startInstall(request: InstallRequest, onEvent: (event: InstallEvent) => void): Promise<InstallOutcome> {
  return call('start_install', { request, onEvent: events(onEvent) });
}

/** Launches a cleaned-up (or stopped) installation again, as recorded. */
export function retryInstall(installationId: string, onEvent: (event: InstallEvent) => void): Promise<InstallOutcome> {
  return call('retry_install', { installationId, onEvent: events(onEvent) });
}

/** Re-attaches to an installation left in flight (the app was closed mid-install). */
export function followInstall(installationId: string, onEvent: (event: InstallEvent) => void): Promise<InstallOutcome> {
  return call('follow_install', { installationId, onEvent: events(onEvent) });
}

/**
 * Deletes the stack(s) whose create or delete failed and waits until they are gone; Retry
 * then launches again. `options` retain or force past what failed to delete (DELETE_FAILED).
 */
export function cleanUpInstall(
  installationId: string,
  onEvent: (event: InstallEvent) => void,
  options: DeleteOptions | null = null,
): Promise<StackKind[]> {
  return call('clean_up_install', { installationId, options, onEvent: events(onEvent) });
}

/** What deleting the stacks would do: each stack's state, what failed and why, what else is in the VPC. */
export function deleteStacksPreview(installationId: string | null): Promise<DeletionPreview> {
  return call('delete_stacks_preview', { installationId });
}

/** Every recorded installation, with live stack status for the signed-in account. */
export function installStatus(): Promise<InstallationStatus[]> {
  return call('install_status');
}

/** Where to go after signing in: an install to pick up, Manage, or a new install. */
export function landing(): Promise<Landing> {
  return call('landing');
}

/** The signed-in account's installations that Manage offers, the most recently changed first. */
export function manageableInstallations(): Promise<InstallationStatus[]> {
  return call('manageable_installations');
}

/**
 * The vendor's access as it is now: the installation, its stacks, the role and its
 * policies, the access window, revocations and the journal's recent actions.
 * `installationId` null means the signed-in account's only installation.
 */
export function accessStatus(installationId: string | null): Promise<AccessStatus> {
  return call('access_status', { installationId });
}

/** The sentences shown beside revoke and delete, and the longest window. */
export function accessWarnings(): Promise<AccessWarnings> {
  return call('access_warnings');
}

/**
 * An action on the vendor's access, verified by a read-back and journaled. Actions that
 * remove access or delete need `confirmAccount`, the account ID the admin typed.
 * While stacks are deleted, their status arrives through `onEvent`.
 * `acceptedDrift`: the changes made outside Private Deploy that the admin reviewed and accepts first.
 */
export function accessAction(
  installationId: string | null,
  request: AccessRequest,
  confirmAccount: string | null,
  onEvent: (event: InstallEvent) => void = () => {},
  acceptedDrift: Drift[] | null = null,
): Promise<AccessActionRecord> {
  return call('access_action', {
    installationId,
    request,
    confirmAccount,
    acceptedDrift,
    onEvent: events(onEvent),
  });
}

/** The policy "tighten" would put on the role, as a diff against today's. Changes nothing. */
export function tightenPreview(installationId: string | null): Promise<TightenPreview> {
  return call('tighten_preview', { installationId });
}

/** What the vendor's role did, from CloudTrail (AssumeRole, then the calls of each session). */
export function accessAudit(installationId: string | null, query: AuditQuery): Promise<AuditReport> {
  return call('access_audit', { installationId, query });
}

/** Whether a VPC (ID) or CIDR overlaps the environment's block. */
export function databaseCheck(installationId: string | null, vpcOrCidr: string): Promise<DatabaseCheck> {
  return call('database_check', { installationId, vpcOrCidr });
}

/** The NAT gateway's Elastic IPs: the addresses to allow in the database's firewall. */
export function natAddresses(installationId: string | null): Promise<NatAddress[]> {
  return call('nat_addresses', { installationId });
}

/** Tells the back end the first screen has painted (start-up benchmark). */
/**
 * What Ready says, read live: who has what access, the role ARN and External ID
 * (and as one block), console links, what happens next, the vendor's access now.
 */
export function readySummary(installationId: string | null): Promise<ReadySummary> {
  return call('ready_summary', { installationId });
}

export function frontendReady(): Promise<null> {
  return call('frontend_ready');
}

type Args<K extends CommandName> = IpcCommands[K]['args'];

// Every rejection leaves this module as an IpcError, so callers never see raw
// Tauri strings (e.g. "command sign_in not allowed by ACL").
async function call<K extends CommandName>(
  cmd: K,
  ...args: keyof Args<K> extends never ? [] : [Args<K>]
): Promise<IpcCommands[K]['result']> {
  try {
    return await invoke<IpcCommands[K]['result']>(cmd, args[0] as InvokeArgs | undefined);
  } catch (e) {
    throw asIpcError(e);
  }
}

/** The signed-in account's installation of this ID, with its phase; null when none is recorded. */
export function installation(installationId: string): Promise<InstallationStatus | null> {
  return call('installation', { installationId });
}

/** Saves the window's choices before an install, so that closing the app loses none. */
export function saveDraft(draft: InstallDraft): Promise<null> {
  return call('save_draft', { draft });
}

/** The choices saved before the app last closed (the invite validated again), or null. */
export function restoreDraft(): Promise<RestoredDraft | null> {
  return call('restore_draft');
}

/** Renames a damaged journal aside and starts a new one; the old file's new path (null when it was sound). */
export function setJournalAside(): Promise<string | null> {
  return call('set_journal_aside');
}

/** The signed-in session's custom endpoints, as the engine resolved them for its profile. */
export function sessionEndpoints(): Promise<EndpointOverride[]> {
  return call('session_endpoints');
}

// --- IAM Identity Center sign-in (the OIDC device flow, then an account and role) ---

/** Starts a device authorization for a profile or a typed start URL: the code to show and the page to open. */
export function ssoBegin(target: SsoTarget): Promise<DeviceLogin> {
  return call('sso_begin', { target });
}

/**
 * Opens this login's own verification page in the system browser. The back end opens only the
 * URL it handed out for `loginId`: the window itself may open no URL at all.
 */
export function ssoOpenPage(loginId: string): Promise<null> {
  return call('sso_open_page', { loginId });
}

/** Resolves once the admin approved in the browser (the token is cached as the AWS CLI caches it). */
export function ssoFinish(loginId: string): Promise<SsoLoggedIn> {
  return call('sso_finish', { loginId });
}

/** Stops waiting for approval: the pending ssoFinish rejects. */
export function ssoCancel(loginId: string): Promise<null> {
  return call('sso_cancel', { loginId });
}

/** Every account the login may reach (sso:ListAccounts, all pages). */
export function ssoAccounts(startUrl: string, ssoRegion: string): Promise<SsoAccount[]> {
  return call('sso_accounts', { startUrl, ssoRegion });
}

/** The roles the login may take in one account (sso:ListAccountRoles, all pages). */
export function ssoRoles(startUrl: string, ssoRegion: string, accountId: string): Promise<string[]> {
  return call('sso_roles', { startUrl, ssoRegion, accountId });
}

/** The exact text that saving the choice would append to the AWS config file. Changes nothing. */
export function ssoConfigPreview(choice: SsoChoice): Promise<SsoConfigPreview> {
  return call('sso_config_preview', { choice });
}

/** Signs in as the chosen role; `save` first appends the previewed profile to the config file. */
export function signInSso(choice: SsoChoice, save: boolean): Promise<Identity> {
  return call('sign_in_sso', { choice, save });
}

/**
 * Gives up on the install or Manage action waiting for a new sign-in after its credentials
 * expired: it stops with nothing lost (the install is picked up again by Retry).
 */
export function cancelRenewal(): Promise<null> {
  return call('cancel_renewal');
}

/**
 * Looks for a newer signed release. `automatic`: the window's own check on start, which only a
 * release build makes (null otherwise). The update found waits for `installUpdate`.
 */
export function checkForUpdate(automatic: boolean): Promise<UpdateOffer | null> {
  return call('check_for_update', { automatic });
}

/** Downloads the update found, installs it if its signature verifies, and restarts. */
export function installUpdate(): Promise<null> {
  return call('install_update');
}

/** Opens the releases page, for a copy the updater cannot replace in place. */
export function openDownloadPage(): Promise<null> {
  return call('open_download_page');
}

/** The installation's hand-off: the document, the exact body sent, where it goes, what was sent. */
export function handoff(installationId: string): Promise<HandoffView> {
  return call('handoff', { installationId });
}

/** Posts the hand-off to the invite's https callback (retried); the vendor's answer. */
export function sendHandoff(installationId: string): Promise<HandoffSent> {
  return call('send_handoff', { installationId });
}

/** Saves the hand-off's JSON in Downloads (else home); its path. */
export function exportHandoff(installationId: string): Promise<string> {
  return call('export_handoff', { installationId });
}
