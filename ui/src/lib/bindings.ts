// This file is generated from the Rust types by `make bindings`. Do not edit it by hand.
export type AccessActionKind = "open_window" | "close_window" | "always_open" | "revoke_sessions" | "cut_off" | "attach_boundary" | "remove_boundary" | "tighten" | "delete_role" | "delete_stacks" | "accept_drift" | "delete_stacks_stopped";
export type AccessActionRecord = { installation_id: string, account: string, caller_arn: string, action: AccessActionKind, 
/**
 * One sentence of what was done and verified.
 */
summary: string, 
/**
 * What was written, as JSON text (the policy document, the stacks deleted); for a
 * partial action, `done` and `left`.
 */
detail: string, 
/**
 * RFC 3339, UTC.
 */
at: string, 
/**
 * The action stopped part-way: `detail` says which steps were done and which were not.
 */
partial: boolean, 
/**
 * What was found changed outside Private Deploy before the action (not journaled with it).
 */
drift: Array<Drift>, };
export type AccessLevel = "administrator" | "administrator_within_boundary" | "environment_only" | "no_role";
export type AccessMode = "full" | "boundary";
export type AccessNow = { "kind": "open" } | { "kind": "open_until", until: string, } | { "kind": "opens_at", from: string, } | { "kind": "ended", ended?: string, } | { "kind": "closed", 
/**
 * When Private Deploy closed it, when the journal says.
 */
since?: string, } | { "kind": "cut_off", at: string, } | { "kind": "no_role" } | { "kind": "custom" } | { "kind": "unknown" };
export type AccessRequest = { "kind": "open_window", hours: number, } | { "kind": "always_open" } | { "kind": "close_window" } | { "kind": "revoke_sessions" } | { "kind": "cut_off" } | { "kind": "attach_boundary" } | { "kind": "remove_boundary" } | { "kind": "tighten" } | { "kind": "delete_role" } | { "kind": "delete_stacks", options?: DeleteOptions, };
export type AccessReview = { installation_id: string, stack_name: string, 
/**
 * Where the access stack goes: the signed-in session's region.
 */
region: string, role_name: string, role_path: string, 
/**
 * Whether the role gets the permissions boundary.
 */
use_boundary: boolean, 
/**
 * Who gets what, in one sentence: it changes when the boundary is turned on.
 */
access_headline: string, 
/**
 * True when the invite asks for the boundary, so the admin cannot turn it off.
 */
boundary_required: boolean, 
/**
 * Who may assume the role, and with what External ID (pretty JSON).
 */
trust_policy: string, 
/**
 * [`trust_policy`](Self::trust_policy) in one plain sentence.
 */
trust_summary: string, 
/**
 * The managed policies attached to the role.
 */
managed_policy_arns: Array<string>, 
/**
 * The boundary as CloudFormation will create it (pretty JSON), when `use_boundary`.
 */
boundary_policy?: string, 
/**
 * The boundary by service, in words, when `use_boundary`; with what may fail when the
 * invite asked for full access.
 */
boundary_summary?: BoundarySummary, access_window_policy_name: string, 
/**
 * The access-window slot as created: always open (pretty JSON).
 */
access_window_policy: string, guardrail_policy_name: string, 
/**
 * The guardrail as CloudFormation will create it (pretty JSON).
 */
guardrail_policy: string, 
/**
 * The equivalent Service Control Policy for AWS Organizations (compact JSON, to paste).
 */
scp_policy: string, 
/**
 * How to attach [`Self::scp_policy`], step by step.
 */
scp_how_to: Array<string>, 
/**
 * What each control can and cannot do, in plain words.
 */
control_limits: Array<ControlLimit>, controls_summary: string, 
/**
 * `access.yaml`, as shipped.
 */
template: string, template_file_name: string, parameters: Array<StackParameter>, 
/**
 * `aws cloudformation create-stack ...`, expecting the template saved as `template_file_name`.
 */
create_stack_command: string, 
/**
 * The console's quick-create link, when the admin gave the URL where the template is hosted.
 */
quick_create_url?: string, };
export type AccessStatus = { installation: InstallationStatus, role: RoleState, window: AccessWindow, 
/**
 * Sessions issued before this time (RFC 3339) are denied (`AWSRevokeOlderSessions`).
 */
sessions_revoked_before?: string, 
/**
 * The last revocation the journal recorded (revoke sessions or cut off).
 */
last_revocation?: AccessActionRecord, 
/**
 * The journal's actions on this installation, newest first.
 */
recent_actions: Array<AccessActionRecord>, 
/**
 * Where the vendor's access stands now (open until…, closed, cut off): the first line.
 */
access_now: AccessNow, 
/**
 * What was changed on the role outside Private Deploy, against what the journal expects.
 */
drift: Array<Drift>, 
/**
 * When this was read (RFC 3339, UTC).
 */
read_at: string, 
/**
 * Every action the panel offers, with whether it can be used now (see `access::offers`).
 */
actions: Array<ActionOffer>, };
export type AccessWarnings = { revoke_alone: string, delete_role: string, delete_stacks: string, max_window_hours: number, };
export type AccessWindow = { "kind": "always_open" } | { "kind": "window", start?: string, end?: string, 
/**
 * Whether now lies inside the window.
 */
open_now: boolean, 
/**
 * Seconds until the window closes by itself, while it is open.
 */
seconds_left?: number, } | { "kind": "closed" } | { "kind": "missing" } | { "kind": "custom", document: string, } | { "kind": "unknown" };
export type ActionOffer = { kind: AccessActionKind, 
/**
 * Whether it makes sense with the access as read; when not, `why_not` says why.
 */
available: boolean, 
/**
 * The engine refuses it without the signed-in account's ID typed (every action, today).
 */
needs_typed_confirmation: boolean, 
/**
 * It gives the vendor more access: refused while the role has changes made outside
 * Private Deploy, unless they are accepted with it.
 */
grants_access: boolean, why_not?: string, };
export type AppInfo = { version: string, 
/**
 * The environment's endpoint variables (`AWS_ENDPOINT_URL`, `AWS_ENDPOINT_URL_<SERVICE>`),
 * without user-info: the window says it is not using AWS's own endpoints. A profile's own
 * are in its entry of the profile list, a session's in [`Engine::session_endpoints`].
 */
endpoints: Array<EndpointOverride>, journal_path: string, 
/**
 * The journal was found damaged or could not be opened: what is wrong and how to go on.
 * Steps that need no journal work meanwhile.
 */
journal_problem: JournalProblem | null, };
export type AttachedPolicy = { name: string, arn: string, };
export type AuditEvent = { event_id: string, 
/**
 * RFC 3339.
 */
time: string, event_name: string, event_source: string, region: string, source_ip: string, user_agent: string, error_code?: string, error_message?: string, access_key_id?: string, 
/**
 * The role session the call was made in.
 */
session_name?: string, 
/**
 * The session's source identity: the vendor's engineer behind the call.
 */
source_identity?: string, read_only: boolean, };
export type AuditIdentity = { 
/**
 * `None` for sessions opened without a source identity.
 */
source_identity?: string, sessions: number, 
/**
 * Calls in the timeline (after the filters), and how many failed.
 */
calls: number, errors: number, 
/**
 * RFC 3339 of the newest call or session.
 */
last_seen: string, };
export type AuditQuery = { 
/**
 * RFC 3339; default: 7 days ago. CloudTrail keeps 90 days.
 */
since?: string, 
/**
 * Keep events whose name contains this (case-insensitive).
 */
event_name?: string, 
/**
 * Keep events whose source (`ec2.amazonaws.com`) contains this.
 */
event_source?: string, 
/**
 * Only calls that failed.
 */
errors_only: boolean, };
export type AuditReport = { role_arn: string, 
/**
 * The regions whose CloudTrail was read in full, sorted: every enabled region of the
 * account, and us-east-1 (where IAM's events are).
 */
regions_read: Array<string>, 
/**
 * The regions that could not be read (or only in part), and why; sorted by region.
 */
regions_failed: Array<RegionFailure>, 
/**
 * The account's regions could not be listed, so only the home region, the
 * environment's and us-east-1 were read.
 */
region_list_error?: IpcError, since: string, sessions: Array<AuditSession>, 
/**
 * Newest first, after the filters.
 */
events: Array<AuditEvent>, 
/**
 * More sessions or events than one audit reads: narrow `since`.
 */
truncated: boolean, 
/**
 * LookupEvents requests made, in all regions (at most 2 a second in each).
 */
requests: number, 
/**
 * The timeline by source identity, most calls first.
 */
identities: Array<AuditIdentity>, };
export type AuditSession = { time: string, session_name: string, 
/**
 * The temporary access key the session was issued; its calls are looked up by it.
 */
access_key_id?: string, 
/**
 * Who assumed the role (the vendor's principal, or its account).
 */
assumed_by: string, 
/**
 * The person the vendor named when it assumed the role (`sts:SourceIdentity`), required
 * by a version 2 invite's `require_source_identity`.
 */
source_identity?: string, source_ip: string, error_code?: string, };
export type AvoidInput = { cidr: string, label: string, };
export type AwsProfile = { name: string, kind: ProfileKind, region: string | null, sso_start_url: string | null, 
/**
 * The MFA device a role profile needs a code from: the window asks for one beside it.
 */
mfa_serial: string | null, 
/**
 * The custom endpoints a sign-in as this profile would use (the environment's included).
 */
endpoints: Array<EndpointOverride>, 
/**
 * An SSO profile whose cached token is missing or expired with no usable refresh token:
 * the window offers "Sign in with IAM Identity Center" beside it.
 */
sso_login_needed: boolean, };
export type BoundarySummary = { 
/**
 * Every action the boundary allows, grouped by service, in the order of service names.
 */
services: Array<ServiceAllowance>, action_count: number, 
/**
 * What happens to everything else.
 */
everything_else: string, 
/**
 * When the invite asked for full access and the admin added the boundary: what the vendor
 * may try that will now be denied. Empty when the invite itself asked for the boundary.
 */
may_fail: Array<MayFail>, };
export type Check = { 
/**
 * Stable: scripts match on it (`names`, `quota-vpcs`, `permissions`, …).
 */
id: string, title: string, outcome: CheckOutcome, 
/**
 * One sentence: what was found.
 */
summary: string, 
/**
 * What to do about a warning or a failure.
 */
what_to_do?: string, 
/**
 * The facts behind it (quota codes, CIDRs, actions, a console link), to copy.
 */
detail: string, };
export type CheckOutcome = "pass" | "warning" | "failure";
export type CheckReport = { 
/**
 * The text as typed.
 */
input: string, 
/**
 * The block the rules were checked against: the parsed block with its host bits
 * cleared; `None` when the text is not an IPv4 CIDR block.
 */
cidr: string | null, 
/**
 * True when there is no problem (warnings do not block).
 */
ok: boolean, problems: Array<Problem>, warnings: Array<Warning>, };
export type ConsoleLink = { target: ConsoleTarget, 
/**
 * What it opens, for people: "The access stack (us-east-1)".
 */
label: string, url: string, };
export type ConsoleTarget = "access_stack" | "environment_stack" | "role" | "vpc";
export type ControlLimit = { control: string, can: string, cannot: string, };
export type Cost = { region: string, 
/**
 * `USD`, or `CNY` in the China regions.
 */
currency: string, lines: Array<CostLine>, monthly: number, 
/**
 * Hours in the month the monthly figures use (AWS's pricing pages use 730).
 */
hours_per_month: number, 
/**
 * Charges that depend on traffic, named and not guessed.
 */
not_included: Array<string>, 
/**
 * When the price table was read, and from where.
 */
prices_date: string, prices_source: string, };
export type CostLine = { item: string, hourly: number, monthly: number, };
export type DatabaseCheck = { 
/**
 * As typed: a VPC ID or a CIDR block.
 */
input: string, vpc_id?: string, 
/**
 * The region the VPC was looked up in (the environment's).
 */
region: string, environment_cidr: string, blocks: Array<DatabaseNetworkBlock>, 
/**
 * No block overlaps: peering and Transit Gateway can connect them.
 */
ok: boolean, message: string, };
export type DatabaseNetworkBlock = { cidr: string, 
/**
 * How it relates to the environment's block; absent when they do not overlap.
 */
relation?: Relation, };
export type DeleteOptions = { 
/**
 * Delete the stack but keep these resources (logical IDs of its `DELETE_FAILED` resources).
 */
retain: Array<string>, 
/**
 * Delete the stack, skipping every resource that cannot be deleted (`FORCE_DELETE_STACK`).
 */
force: boolean, };
export type DeletionPreview = { installation_id: string, 
/**
 * Environment first, then access: the order of the delete.
 */
stacks: Array<StackDeletion>, 
/**
 * Network interfaces in the environment's VPC that its stack did not create.
 */
foreign_interfaces: Array<ForeignInterface>, 
/**
 * Whether the environment's VPC could be read (when not, `foreign_interfaces` is empty
 * for that reason, not because there are none).
 */
interfaces_read: boolean, 
/**
 * What is really deleted, and what is not.
 */
warning: string, };
export type DeviceLogin = { 
/**
 * Opaque: names this login to finish or cancel it.
 */
login_id: string, start_url: string, sso_region: string, 
/**
 * https (or http to a loopback host: see [`check_verification_uri`]).
 */
verification_uri: string, 
/**
 * The page with the code filled in: the one to open.
 */
verification_uri_complete: string, user_code: string, 
/**
 * RFC 3339, UTC.
 */
expires_at: string, interval_seconds: number, 
/**
 * The cached token was refreshed with its refresh token: no browser step, the URIs and
 * code are empty, and `sso_finish` returns at once.
 */
refreshed: boolean, };
export type Diagnostics = { version: string, 
/**
 * `linux x86_64`, `macos aarch64`, …
 */
os: string, 
/**
 * True in builds made for the sandbox (they trust the public sandbox key).
 */
sandbox_build: boolean, 
/**
 * The window's shell (Tauri and its web view), filled in by the window; `None` in the CLI.
 */
shell: string | null, endpoints: Array<EndpointOverride>, trusted_keys: Array<TrustedKey>, 
/**
 * Why the keys of `PRIVATE_DEPLOY_VENDOR_KEYS` (or the built-in ones) are missing above.
 */
trusted_keys_problem: string | null, journal_path: string, 
/**
 * The journal file's schema version; `None` when it cannot be read.
 */
journal_schema: number | null, 
/**
 * The schema version this build writes.
 */
journal_schema_supported: number, journal_problem: string | null, recent_failures: Array<RecordedFailure>, 
/**
 * The same report as plain text: what "Copy diagnostics" copies and the CLI prints.
 */
text: string, };
export type DiffKind = "same" | "added" | "removed";
export type DiffLine = { kind: DiffKind, text: string, };
export type DiscoveredVpc = { vpc_id: string, region: string, name: string | null, is_default: boolean, cidr_blocks: Array<VpcCidrBlock>, };
export type Discovery = { 
/**
 * The regions that were read, sorted.
 */
regions: Array<string>, 
/**
 * Sorted by region, then VPC ID.
 */
vpcs: Array<DiscoveredVpc>, 
/**
 * The regions that could not be read, and why.
 */
failed: Array<RegionFailure>, };
export type DraftChoices = { 
/**
 * Where the invite came from, for its card ("invite.json", "the pasted link").
 */
invite_source?: string, 
/**
 * The vendor account ID typed to confirm an unverified invite.
 */
confirmation: string, 
/**
 * Whether the role is limited by the permissions boundary (Review access).
 */
use_boundary: boolean, 
/**
 * The environment's region (Region step).
 */
region?: string, 
/**
 * The networks to avoid (Network step).
 */
avoid: Array<AvoidInput>, };
export type Drift = { kind: DriftKind, subject: string, expected: string, found: string, };
export type DriftKind = "role_gone" | "role_recreated" | "trust_policy" | "access_window" | "revocation" | "guardrail" | "inline_policy" | "attached_policy" | "boundary" | "boundary_version";
export type EndpointOrigin = "environment" | "profile";
export type EndpointOverride = { 
/**
 * The service (`sts`, `ec2`, …), or `None`: every service without an endpoint of its own.
 */
service: string | null, 
/**
 * The URL without user-info: what the window shows and the logs say.
 */
url: string, 
/**
 * Where it is set, in the words of the file or variable: `AWS_ENDPOINT_URL_STS`,
 * `endpoint_url of profile dev`, `sts in [services local]`.
 */
setting: string, origin: EndpointOrigin, };
export type Environment = { template: EnvironmentTemplate, 
/**
 * CloudFormation parameters of the template, by name. Version 1 only (always empty: the
 * reference environment takes none); left out when empty, so that a version 2 invite
 * serializes as it was written and signed.
 */
parameters?: { [key in string]: string }, };
export type EnvironmentTemplate = "reference";
export type ErrorCode = "no_credentials" | "invalid_credentials" | "expired_credentials" | "sso_login_required" | "access_denied" | "throttled" | "network" | "profile_not_found" | "profile_config" | "region_disabled" | "region_required" | "invalid_input" | "not_signed_in" | "journal" | "internal" | "needs_clean_up" | "stack_busy" | "stack_failed" | "not_found" | "not_verified" | "aws_unavailable" | "changed_outside" | "mfa_required" | "sso_login_denied" | "sso_login_expired" | "sso_login_cancelled" | "other_account" | "invite_expired" | "preflight_failed" | "update_refused" | "update_failed" | "handoff_refused" | "handoff_undelivered";
export type FailedResource = { 
/**
 * The stack it belongs to.
 */
stack: string, logical_id: string, resource_type: string, physical_id?: string, reason: string, };
export type FixStep = "invite" | "sign-in" | "review-access" | "region" | "network";
export type ForeignInterface = { interface_id: string, 
/**
 * What it belongs to, in words: "EC2 instance i-…", or its description.
 */
owner: string, description?: string, 
/**
 * EC2's `InterfaceType` (`interface`, `lambda`, `nat_gateway`, …).
 */
interface_type?: string, 
/**
 * The AWS service that created it for you (`RequesterId`), when one did.
 */
requester_id?: string, instance_id?: string, subnet_id?: string, };
export type HandoffAttemptRecord = { 
/**
 * Counts from 1 within one send.
 */
attempt: number, url: string, 
/**
 * The SHA-256 of the body sent, hex: which document the vendor got.
 */
body_sha256: string, started_at: string, 
/**
 * `None` while the attempt runs (or when the app stopped during it).
 */
finished_at: string | null, 
/**
 * The vendor's HTTP status, when it answered.
 */
status: number | null, 
/**
 * The start of the vendor's answer (bounded).
 */
answer: string | null, 
/**
 * Why no answer came (connection, TLS, timeout).
 */
error: string | null, };
export type HandoffDocument = { version: number, installation_id: string, 
/**
 * The customer's AWS account the installation is in.
 */
account_id: string, 
/**
 * The vendor's account, as the invite named it.
 */
vendor_account_id: string, 
/**
 * The role the vendor assumes.
 */
role_arn: string, external_id: string, 
/**
 * Where the vendor's role and the access stack are.
 */
home_region: string, 
/**
 * Where the environment (VPC) is.
 */
region: string, vpc_cidr: string, 
/**
 * The environment's Availability Zones, when recorded.
 */
zones: Array<string>, 
/**
 * Every output of the installation's stacks, as recorded when it became ready.
 */
outputs: Array<StackOutput>, 
/**
 * When the installation became ready (RFC 3339).
 */
ready_at: string, };
export type HandoffSent = { url: string, status: number, 
/**
 * The start of the vendor's answer.
 */
answer: string, 
/**
 * How many attempts it took.
 */
attempts: number, };
export type HandoffView = { document: HandoffDocument, 
/**
 * The exact bytes posted to the callback (and exported).
 */
body: string, vendor_name: string, 
/**
 * The invite's https address for the hand-off, when it has one.
 */
callback: string | null, 
/**
 * Every attempt to post it so far, oldest first.
 */
attempts: Array<HandoffAttemptRecord>, };
export type Identity = { 
/**
 * The profile signed in with; `default chain` when none was chosen.
 */
profile: string, region: string, account: string, arn: string, user_id: string, 
/**
 * The account's root user: it should not be used for day-to-day administration.
 */
is_root: boolean, 
/**
 * AWS's clock minus this computer's, in seconds, from the answer's `Date`; `None` when
 * the answer had none (the journal does not keep it either).
 */
clock_skew_seconds: number | null, 
/**
 * Set when this computer's clock is more than a minute off AWS's: what to tell the admin.
 */
clock_warning: string | null, 
/**
 * When the session's credentials stop working (temporary keys: SSO, a role, MFA, pasted
 * ones), as their provider says; `None` for long-term keys.
 */
credentials_expire_at: string | null, };
export type InlinePolicy = { name: string, document: string, };
export type InstallDraft = { 
/**
 * The invite opened, if any.
 */
invite?: Invite, choices: DraftChoices, };
export type InstallEvent = { "kind": "started", installation_id: string, stacks: Array<PlannedStack>, } | { "kind": "stack_launched", stack: string, stack_kind: StackKind, region: string, stack_id: string, attached: boolean, } | { "kind": "stack_status", stack: string, stack_id: string, status: string, 
/**
 * How `status` is shown.
 */
status_class: StatusClass, reason?: string, } | { "kind": "resource", stack: string, logical_id: string, resource_type: string, status: string, 
/**
 * How `status` is shown.
 */
status_class: StatusClass, reason?: string, 
/**
 * RFC 3339, as CloudFormation reported it.
 */
timestamp: string, } | { "kind": "progress", done: number, total: number, elapsed_ms: number, eta_ms?: number, } | { "kind": "connection_lost", since: string, 
/**
 * What the SDK said, for the curious: the window's sentence does not depend on it.
 */
detail: string, } | { "kind": "connection_restored", since: string, at: string, } | { "kind": "credentials_expired", installation_id: string, 
/**
 * The profile that was signed in (`None`: the standard chain).
 */
profile?: string, account_id: string, 
/**
 * The login that ran out is IAM Identity Center's.
 */
sso: boolean, since: string, 
/**
 * What AWS's answer means, in words.
 */
message: string, 
/**
 * What to run before signing in again, when the login is renewed outside the app
 * (`aws sso login --profile P`).
 */
command?: string, waiting: boolean, } | { "kind": "credentials_renewed", installation_id: string, profile?: string, account_id: string, at: string, } | { "kind": "failed", stack: string, root_cause: RootCause, rollback_status: string, health: StackHealth, 
/**
 * What to do when it is not Clean up then Retry (`update_rollback_failed`).
 */
hint?: string, } | { "kind": "ready", outputs: Array<StackOutput>, };
export type InstallOutcome = { "kind": "ready", installation_id: string, outputs: Array<StackOutput>, } | { "kind": "failed", installation_id: string, stack: string, root_cause: RootCause, rollback_status: string, health: StackHealth, hint?: string, };
export type InstallPhase = "in_progress" | "ready" | "failed_access_live" | "failed" | "deleted";
export type InstallRequest = { invite: Invite, 
/**
 * The region of the environment stack (the access stack goes in the session's region).
 */
region: string, 
/**
 * A CIDR block, or `auto` for the first free block of the invite's prefix length.
 */
cidr: string, 
/**
 * Limit the role with the permissions boundary; an invite in `boundary` mode forces it.
 */
use_boundary: boolean, 
/**
 * The vendor account ID the admin typed; needed when the invite is not verified.
 */
confirmed_vendor_account?: string, };
export type InstallState = "in_progress" | "ready" | "failed" | "cleaned_up";
export type InstallationStatus = { installation_id: string, vendor_name: string, vendor_account_id: string, account: string, home_region: string, region: string, cidr: string, use_boundary: boolean, state: InstallState, 
/**
 * Where it stands, from `state` and its stacks (see `install::phase`): what the window follows.
 */
phase: InstallPhase, 
/**
 * RFC 3339, UTC.
 */
created_at: string, updated_at: string, stacks: Array<StackView>, };
export type Invite = { version: number, vendor: Vendor, 
/**
 * Tags every resource; `[a-z0-9-]`, 3 to 64 characters.
 */
installation_id: string, 
/**
 * The `sts:ExternalId` the vendor must present to assume the role.
 */
external_id: string, access_mode: AccessMode, 
/**
 * Prefix length of the VPC block, /16 to /25 (the reference environment needs a /25 or larger).
 */
vpc_prefix: number, 
/**
 * IAM path of the vendor's role, such as `/private-deploy/`.
 */
role_path: string, environment: Environment, 
/**
 * Version 2: the only AWS account the environment may be installed in.
 */
customer_account_id?: string, 
/**
 * Version 2: an RFC 3339 time after which the invite is refused.
 */
expires_at?: string, 
/**
 * Version 2: the vendor's IAM role that the trust policy trusts, instead of the whole
 * vendor account; it must be a role of `vendor.account_id`.
 */
vendor_role_arn?: string, 
/**
 * Version 2: the vendor must set an `sts:SourceIdentity` (its engineer) when it assumes
 * the role. Kept as written (absent, true or false) so the signed form round-trips.
 */
require_source_identity?: boolean, 
/**
 * Version 2: the vendor's https URL that receives the hand-off after Ready.
 */
callback?: string, 
/**
 * Absent on an unsigned invite.
 */
signature?: Signature, };
export type InviteLaunch = { "kind": "link", link: string, } | { "kind": "file", name: string, text: string, } | { "kind": "unreadable", name: string, error: IpcError, };
export type InviteLimits = { max_bytes: number, };
export type InviteSummary = { invite: Invite, verification: Verification, 
/**
 * True unless the signature is verified: the admin must then type the vendor account ID.
 */
needs_confirmation: boolean, 
/**
 * One sentence of who gets what.
 */
access: string, };
export type IpcError = { code: ErrorCode, 
/**
 * One sentence that says what went wrong, in the user's terms.
 */
message: string, 
/**
 * What to do about it, when there is something to do.
 */
hint: string | null, 
/**
 * A shell command that fixes it (`aws sso login --profile NAME`), shown once, to copy:
 * the message and hint do not repeat it.
 */
command?: string, 
/**
 * The step whose choice caused it, when the error is about a choice.
 */
fix?: FixStep, };
export type JournalProblem = { failure: IpcError, 
/**
 * The file is damaged: the window offers to set it aside (rename it) and start anew.
 */
can_set_aside: boolean, };
export type KeySource = "built_in" | "sandbox" | "local" | "given";
export type Landing = { "kind": "resume_install", installation: InstallationStatus, } | { "kind": "manage", installation_id: string, } | { "kind": "new_install" };
export type MayFail = { 
/**
 * What fails, in words: "deleting or terminating what it created (Delete*, …)".
 */
what: string, 
/**
 * The sentence to show: what fails, and where.
 */
text: string, 
/**
 * Which of the boundary's services allow none of it (names), or empty when the sentence
 * is about one action.
 */
services: Array<string>, 
/**
 * Actions IAM would deny the role for this reason (one a service, `ec2:DeleteAnything` for
 * "every ec2:Delete* action"), to check the claim by.
 */
examples: Array<string>, };
export type NatAddress = { public_ip: string, allocation_id?: string, nat_gateway_id?: string, region: string, };
export type NetworkChoice = { 
/**
 * RFC 3339, UTC.
 */
at: string, account: string, region: string, cidr: string, };
export type OptInStatus = "opt_in_not_required" | "opted_in" | "not_opted_in";
export type PlanSummary = { installation_id: string, 
/**
 * Who gets access: the invite's vendor and its AWS account.
 */
vendor_name: string, vendor_account_id: string, 
/**
 * The access level in a few words: administrator, or administrator limited by the boundary.
 */
access_level: string, 
/**
 * Who gets what, in one sentence (as Review access says it).
 */
access_headline: string, account: string, home_region: string, region: string, 
/**
 * The regions' names for people, when known ("Europe (Ireland)").
 */
home_region_title?: string, region_title?: string, cidr: string, 
/**
 * The environment's two Availability Zones, chosen by the app from the region's.
 */
availability_zones: Array<string>, use_boundary: boolean, stacks: Array<PlannedStack>, 
/**
 * How long the whole install should take: the stacks' estimates added up, the same
 * number the progress view starts counting down from.
 */
estimate_ms: number, };
export type PlannedStack = { kind: StackKind, name: string, region: string, 
/**
 * Resources the template creates with these parameters: the progress bar's share.
 */
resources: number, 
/**
 * How long creating them should take, from their resource types (see `stacks::timing`).
 */
estimate_ms: number, };
export type Preflight = { installation_id: string, region: string, cidr: string, checks: Array<Check>, 
/**
 * The worst check's outcome: the install may go ahead unless it is `failure` (after the
 * admin acknowledges the warnings when it is `warning`).
 */
outcome: CheckOutcome, 
/**
 * How many checks failed, and how many warn.
 */
failures: number, warnings: number, 
/**
 * `None` when the price table has no row for the region.
 */
cost: Cost | null, };
export type Problem = { "kind": "malformed", message: string, } | { "kind": "host_bits_set", message: string, suggestion: string, } | { "kind": "prefix_out_of_range", message: string, prefix: number, } | { "kind": "public_space", message: string, } | { "kind": "overlaps_vpc", message: string, vpc_id: string, name: string | null, region: string, cidr: string, relation: Relation, } | { "kind": "overlaps_network", message: string, label: string, cidr: string, relation: Relation, } | { "kind": "overlaps_reserved", message: string, cidr: string, reason: string, relation: Relation, };
export type ProfileKind = "static_keys" | "sso" | "assume_role" | "credential_process" | "web_identity" | "other" | "pasted";
export type ProfileList = { 
/**
 * Sorted by name.
 */
profiles: Array<AwsProfile>, 
/**
 * `AWS_PROFILE`, or `default` when that profile exists.
 */
selected: string | null, 
/**
 * The profile of the last successful sign-in (from the journal), if it still exists.
 */
last_used: string | null, config_file: string, credentials_file: string, };
export type ReadySummary = { installation_id: string, vendor_name: string, vendor_account_id: string, 
/**
 * The customer's account the role is in.
 */
account: string, 
/**
 * The environment's region.
 */
region: string, access_level: AccessLevel, 
/**
 * Who has what access, in one sentence.
 */
headline: string, 
/**
 * The role the vendor assumes; absent when it is gone and no stack names it.
 */
role_arn?: string, 
/**
 * The External ID the vendor must present (`sts:ExternalId`).
 */
external_id: string, 
/**
 * The role ARN and External ID as one block of text, to send the vendor.
 */
handoff: string, console_links: Array<ConsoleLink>, 
/**
 * The vendor's access now, read live.
 */
access: AccessNow, 
/**
 * What happens next, in order, for the vendor and the admin.
 */
next_steps: Array<string>, 
/**
 * Roughly when the product will be usable.
 */
usable: string, read_at: string, };
export type RecordedFailure = { 
/**
 * When it was recorded (RFC 3339).
 */
at: string, installation_id: string, 
/**
 * What failed: "access stack private-deploy-x: ROLLBACK_COMPLETE", "hand-off to https://…".
 */
what: string, 
/**
 * AWS's or the vendor's reason, when there is one.
 */
detail: string | null, };
export type RegionFailure = { region: string, error: IpcError, };
export type RegionInfo = { name: string, 
/**
 * Its name for people ("Europe (Ireland)"), when known.
 */
title?: string, opt_in_status: OptInStatus, 
/**
 * Whether the account can use it (and so whether its VPCs are read and it can be chosen).
 */
enabled: boolean, };
export type Relation = "equal" | "contains" | "contained_by";
export type RestoredDraft = { invite?: InviteSummary, 
/**
 * Why the saved invite no longer opens (the other choices are still restored).
 */
invite_error?: IpcError, choices: DraftChoices, 
/**
 * RFC 3339, UTC: when it was saved.
 */
saved_at: string, };
export type RoleState = { "kind": "present", role: RoleView, } | { "kind": "gone", name: string, } | { "kind": "unreadable", error: IpcError, };
export type RoleView = { name: string, arn: string, 
/**
 * IAM's unique ID of the role (`AROA…`).
 */
role_id: string, path: string, 
/**
 * RFC 3339, UTC.
 */
created_at: string, 
/**
 * The trust policy, decoded and pretty-printed.
 */
trust_policy: string, 
/**
 * The vendor account(s) the trust policy names, and the External ID it requires.
 */
trusted_principals: Array<string>, external_id?: string, inline_policies: Array<InlinePolicy>, attached_policies: Array<AttachedPolicy>, boundary_arn?: string, 
/**
 * RFC 3339: when the role was last used, as IAM tracks it (hours late; may be absent).
 */
last_used_at?: string, };
export type RootCause = { 
/**
 * The stack the resource belongs to (a nested stack's name when it failed in one).
 */
stack_name: string, logical_id: string, resource_type: string, reason: string, };
export type ScopedResource = { logical_id: string, resource_type: string, 
/**
 * The ARN, or why it has none of its own (covered by its parent's ARN).
 */
arn?: string, note?: string, };
export type ServiceAllowance = { 
/**
 * The IAM service prefix (`ec2`).
 */
service: string, 
/**
 * Its name as the AWS console shows it (`EC2`).
 */
name: string, 
/**
 * The boundary's actions of this service, as IAM names them (`ec2:CreateVpc`).
 */
actions: Array<string>, 
/**
 * The same in words, one phrase a verb: "create internet gateway, VPC", "run instances".
 */
words: Array<string>, 
/**
 * Where some of the actions are limited to certain resources: "iam:UpdateRole only on
 * arn:aws:iam::123456789012:role/private-deploy/*".
 */
limits: Array<string>, };
export type Signature = { 
/**
 * Which pinned vendor key signed.
 */
key_id: string, 
/**
 * Standard base64 (with padding) of the 64-byte signature.
 */
ed25519: string, };
export type SsoAccount = { account_id: string, account_name: string, email: string | null, };
export type SsoChoice = { start_url: string, sso_region: string, account_id: string, role_name: string, 
/**
 * The profile's default region, if the admin gave one.
 */
region: string | null, };
export type SsoConfigPreview = { 
/**
 * The config file's path.
 */
config_file: string, 
/**
 * `<account name>-<role>`, made unique among the file's profiles.
 */
profile_name: string, 
/**
 * The `[sso-session NAME]`: reused if one exists for the start URL.
 */
session_name: string, 
/**
 * What is appended, byte for byte.
 */
text: string, };
export type SsoLoggedIn = { start_url: string, sso_region: string, session_name: string | null, 
/**
 * RFC 3339, UTC.
 */
expires_at: string, };
export type SsoTarget = { "kind": "profile", profile: string, } | { "kind": "start_url", start_url: string, sso_region: string, };
export type StackDeletion = { kind: StackKind, name: string, region: string, stack_id?: string, 
/**
 * `DELETE_COMPLETE` when it is gone (or was never created).
 */
status: string, health: StackHealth, 
/**
 * How `status` is shown.
 */
status_class: StatusClass, 
/**
 * In `DELETE_FAILED`: what could not be deleted, and why.
 */
failed_resources: Array<FailedResource>, 
/**
 * Clean up (after a failed install) deletes this stack: its create or its delete failed.
 */
clean_up_deletes: boolean, };
export type StackHealth = "healthy" | "in_progress" | "deleting" | "failed_create" | "delete_failed" | "deleted" | "update_rollback_failed" | "update_failed" | "unknown";
export type StackKind = "access" | "environment" | "nested";
export type StackOutput = { stack: string, key: string, value: string, };
export type StackParameter = { key: string, value: string, };
export type StackView = { kind: StackKind, name: string, region: string, stack_id?: string, 
/**
 * The live status when it could be read, else the last one the journal saw.
 */
status?: string, 
/**
 * What `status` means (see `install::status`).
 */
health?: StackHealth, 
/**
 * How `status` is shown.
 */
status_class?: StatusClass, reason?: string, 
/**
 * Whether `status` was read from AWS just now.
 */
live: boolean, };
export type StatusClass = "progress" | "complete" | "failed" | "rollback" | "deleted" | "unknown";
export type Suggestions = { prefix: number, 
/**
 * Aligned free blocks in preference order (10/8, then 172.16/12, then 192.168/16),
 * ascending within each range.
 */
blocks: Array<string>, 
/**
 * True when private space ran out before `count` blocks were found.
 */
exhausted: boolean, 
/**
 * Regions discovery could not read: these suggestions may overlap VPCs there.
 */
unread_regions: Array<string>, };
export type TightenPreview = { role_name: string, 
/**
 * The inline policy that will hold the scoped permissions.
 */
policy_name: string, 
/**
 * The scoped policy document, pretty JSON.
 */
policy: string, 
/**
 * The role's permissions now and after: `{AttachedPolicies, InlinePolicies}` as pretty JSON.
 */
current: string, proposed: string, diff: Array<DiffLine>, resources: Array<ScopedResource>, 
/**
 * The managed policies that applying detaches (AdministratorAccess).
 */
detaches: Array<string>, };
export type TrustedKey = { key_id: string, vendor_name: string, vendor_account_ids: Array<string>, source: KeySource, 
/**
 * Where the key comes from, in words ([`source_words`]).
 */
source_text: string, 
/**
 * [`fingerprint`] of the public key, to compare with what `vendor keygen` printed.
 */
fingerprint: string, };
export type UpdateInstall = "in_app" | "download";
export type UpdateOffer = { current_version: string, version: string, 
/**
 * What changed, as the release's notes say it.
 */
notes: string | null, 
/**
 * When it was published (RFC 3339), when the release says.
 */
published: string | null, install: UpdateInstall, download_page: string, };
export type Vendor = { 
/**
 * Display name, as the vendor wrote it; only a pinned key vouches for it.
 */
name: string, 
/**
 * 12 digits.
 */
account_id: string, };
export type Verification = { "status": "verified", key_id: string, vendor_name: string, 
/**
 * Where the key comes from: built into the release, the sandbox's, or trusted on
 * this computer only.
 */
source: KeySource, } | { "status": "unsigned" } | { "status": "unknown_key", key_id: string, } | { "status": "invalid", key_id: string, };
export type VpcCidrBlock = { cidr: string, primary: boolean, 
/**
 * `associated` or `associating` (blocks being removed are left out).
 */
state: string, };
export type VpcLimits = { 
/**
 * The largest block: /16.
 */
min_prefix: number, 
/**
 * The smallest block the environment fits in.
 */
max_prefix: number, 
/**
 * The smallest subnet the environment creates, and why the VPC cannot be smaller.
 */
max_subnet_prefix: number, 
/**
 * The smallest block AWS itself takes (for the explanation).
 */
aws_max_prefix: number, 
/**
 * The size an invite asks for when it names none: the window's size before an invite is open.
 */
default_prefix: number, };
export type Warning = { "kind": "shared_address_space", message: string, } | { "kind": "public_space", message: string, } | { "kind": "unread_regions", message: string, regions: Array<string>, };
/** The app's IPC commands: the `#[tauri::command]`s of src-tauri/app/src/commands.rs. */
export const COMMANDS = [
  "access_action",
  "access_audit",
  "access_status",
  "access_warnings",
  "app_info",
  "cancel_renewal",
  "check_cidr",
  "check_for_update",
  "choose_network",
  "clean_up_install",
  "database_check",
  "delete_stacks_preview",
  "diagnostics",
  "discover_networks",
  "export_access_template",
  "export_handoff",
  "follow_install",
  "frontend_ready",
  "handoff",
  "install_status",
  "install_update",
  "installation",
  "invite_limits",
  "landing",
  "last_network_choice",
  "list_profiles",
  "list_regions",
  "manageable_installations",
  "nat_addresses",
  "open_download_page",
  "open_invite_link",
  "open_invite_text",
  "plan_install",
  "preflight",
  "ready_summary",
  "restore_draft",
  "retry_install",
  "review_access",
  "save_draft",
  "send_handoff",
  "session_endpoints",
  "set_journal_aside",
  "sign_in",
  "sign_in_pasted",
  "sign_in_sso",
  "sso_accounts",
  "sso_begin",
  "sso_cancel",
  "sso_config_preview",
  "sso_finish",
  "sso_open_page",
  "sso_roles",
  "start_install",
  "suggest_cidrs",
  "tighten_preview",
  "vpc_limits",
  "watch_launches",
] as const;
export type CommandName = (typeof COMMANDS)[number];
/** What a command's channel argument must offer (Tauri's `Channel<T>` does). */
export type IpcChannel<T> = { onmessage: (message: T) => void };
/** Each command's arguments, as the UI sends them, and what it resolves to (it rejects with an IpcError). */
export type IpcCommands = {
  access_action: { args: { installationId: string | null, request: AccessRequest, confirmAccount: string | null, acceptedDrift: Array<Drift> | null, onEvent: IpcChannel<InstallEvent> }; result: AccessActionRecord };
  access_audit: { args: { installationId: string | null, query: AuditQuery }; result: AuditReport };
  access_status: { args: { installationId: string | null }; result: AccessStatus };
  access_warnings: { args: Record<never, never>; result: AccessWarnings };
  app_info: { args: Record<never, never>; result: AppInfo };
  cancel_renewal: { args: Record<never, never>; result: null };
  check_cidr: { args: { input: string, avoid: Array<AvoidInput>, allowPublic: boolean }; result: CheckReport };
  check_for_update: { args: { automatic: boolean }; result: UpdateOffer | null };
  choose_network: { args: { region: string, cidr: string, avoid: Array<AvoidInput> }; result: NetworkChoice };
  clean_up_install: { args: { installationId: string, options: DeleteOptions | null, onEvent: IpcChannel<InstallEvent> }; result: Array<StackKind> };
  database_check: { args: { installationId: string | null, vpcOrCidr: string }; result: DatabaseCheck };
  delete_stacks_preview: { args: { installationId: string | null }; result: DeletionPreview };
  diagnostics: { args: Record<never, never>; result: Diagnostics };
  discover_networks: { args: { refresh: boolean }; result: Discovery };
  export_access_template: { args: Record<never, never>; result: string };
  export_handoff: { args: { installationId: string }; result: string };
  follow_install: { args: { installationId: string, onEvent: IpcChannel<InstallEvent> }; result: InstallOutcome };
  frontend_ready: { args: Record<never, never>; result: null };
  handoff: { args: { installationId: string }; result: HandoffView };
  install_status: { args: Record<never, never>; result: Array<InstallationStatus> };
  install_update: { args: Record<never, never>; result: null };
  installation: { args: { installationId: string }; result: InstallationStatus | null };
  invite_limits: { args: Record<never, never>; result: InviteLimits };
  landing: { args: Record<never, never>; result: Landing };
  last_network_choice: { args: Record<never, never>; result: NetworkChoice | null };
  list_profiles: { args: Record<never, never>; result: ProfileList };
  list_regions: { args: Record<never, never>; result: Array<RegionInfo> };
  manageable_installations: { args: Record<never, never>; result: Array<InstallationStatus> };
  nat_addresses: { args: { installationId: string | null }; result: Array<NatAddress> };
  open_download_page: { args: Record<never, never>; result: null };
  open_invite_link: { args: { link: string }; result: InviteSummary };
  open_invite_text: { args: { text: string }; result: InviteSummary };
  plan_install: { args: { request: InstallRequest }; result: PlanSummary };
  preflight: { args: { request: InstallRequest }; result: Preflight };
  ready_summary: { args: { installationId: string | null }; result: ReadySummary };
  restore_draft: { args: Record<never, never>; result: RestoredDraft | null };
  retry_install: { args: { installationId: string, onEvent: IpcChannel<InstallEvent> }; result: InstallOutcome };
  review_access: { args: { invite: Invite, useBoundary: boolean, templateUrl: string | null }; result: AccessReview };
  save_draft: { args: { draft: InstallDraft }; result: null };
  send_handoff: { args: { installationId: string }; result: HandoffSent };
  session_endpoints: { args: Record<never, never>; result: Array<EndpointOverride> };
  set_journal_aside: { args: Record<never, never>; result: string | null };
  sign_in: { args: { profile: string, mfaCode: string | null }; result: Identity };
  sign_in_pasted: { args: { text: string }; result: Identity };
  sign_in_sso: { args: { choice: SsoChoice, save: boolean }; result: Identity };
  sso_accounts: { args: { startUrl: string, ssoRegion: string }; result: Array<SsoAccount> };
  sso_begin: { args: { target: SsoTarget }; result: DeviceLogin };
  sso_cancel: { args: { loginId: string }; result: null };
  sso_config_preview: { args: { choice: SsoChoice }; result: SsoConfigPreview };
  sso_finish: { args: { loginId: string }; result: SsoLoggedIn };
  sso_open_page: { args: { loginId: string }; result: null };
  sso_roles: { args: { startUrl: string, ssoRegion: string, accountId: string }; result: Array<string> };
  start_install: { args: { request: InstallRequest, onEvent: IpcChannel<InstallEvent> }; result: InstallOutcome };
  suggest_cidrs: { args: { prefix: number, avoid: Array<AvoidInput>, count: number }; result: Suggestions };
  tighten_preview: { args: { installationId: string | null }; result: TightenPreview };
  vpc_limits: { args: Record<never, never>; result: VpcLimits };
  watch_launches: { args: { onLaunch: IpcChannel<InviteLaunch> }; result: null };
};
