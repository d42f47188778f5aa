// This file is generated from the Rust types by `make bindings`. Do not edit it by hand.
export type AccessMode = "full" | "boundary";
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
 * True when the invite asks for the boundary, so the admin cannot turn it off.
 */
boundary_required: boolean, 
/**
 * Who may assume the role, and with what External ID (pretty JSON).
 */
trust_policy: string, 
/**
 * The managed policies attached to the role.
 */
managed_policy_arns: Array<string>, 
/**
 * The boundary as CloudFormation will create it (pretty JSON), when `use_boundary`.
 */
boundary_policy?: string, access_window_policy_name: string, 
/**
 * The access-window slot as created: always open (pretty JSON).
 */
access_window_policy: string, 
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
export type AppInfo = { version: string, 
/**
 * `AWS_ENDPOINT_URL`, when set: the window says it is not using AWS's own endpoints.
 */
endpoint: string | null, journal_path: string, };
export type AvoidInput = { cidr: string, label: string, };
export type AwsProfile = { name: string, kind: ProfileKind, region: string | null, sso_start_url: string | null, };
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
export type Environment = { template: EnvironmentTemplate, 
/**
 * CloudFormation parameters of the template, by name.
 */
parameters: { [key in string]: string }, };
export type EnvironmentTemplate = "reference";
export type ErrorCode = "no_credentials" | "invalid_credentials" | "expired_credentials" | "sso_login_required" | "access_denied" | "throttled" | "network" | "profile_not_found" | "profile_config" | "region_disabled" | "invalid_input" | "not_signed_in" | "journal" | "internal" | "needs_clean_up" | "stack_busy" | "stack_failed";
export type Identity = { 
/**
 * The profile signed in with; `default chain` when none was chosen.
 */
profile: string, region: string, account: string, arn: string, user_id: string, 
/**
 * The account's root user: it should not be used for day-to-day administration.
 */
is_root: boolean, };
export type InstallEvent = { "kind": "started", installation_id: string, stacks: Array<PlannedStack>, } | { "kind": "stack_launched", stack: string, stack_kind: StackKind, region: string, stack_id: string, attached: boolean, } | { "kind": "stack_status", stack: string, stack_id: string, status: string, reason?: string, } | { "kind": "resource", stack: string, logical_id: string, resource_type: string, status: string, reason?: string, 
/**
 * RFC 3339, as CloudFormation reported it.
 */
timestamp: string, } | { "kind": "progress", done: number, total: number, elapsed_ms: number, eta_ms?: number, } | { "kind": "failed", stack: string, root_cause: RootCause, rollback_status: string, } | { "kind": "ready", outputs: Array<StackOutput>, };
export type InstallOutcome = { "kind": "ready", installation_id: string, outputs: Array<StackOutput>, } | { "kind": "failed", installation_id: string, stack: string, root_cause: RootCause, rollback_status: string, };
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
 * Prefix length of the VPC block, /16 to /28.
 */
vpc_prefix: number, 
/**
 * IAM path of the vendor's role, such as `/private-deploy/`.
 */
role_path: string, environment: Environment, 
/**
 * Absent on an unsigned invite.
 */
signature?: Signature, };
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
hint: string | null, };
export type LaunchRequest = { "kind": "link", "value": string } | { "kind": "file", "value": string };
export type NetworkChoice = { 
/**
 * RFC 3339, UTC.
 */
at: string, account: string, region: string, cidr: string, };
export type OptInStatus = "opt_in_not_required" | "opted_in" | "not_opted_in";
export type PlanSummary = { installation_id: string, account: string, home_region: string, region: string, cidr: string, use_boundary: boolean, stacks: Array<PlannedStack>, };
export type PlannedStack = { kind: StackKind, name: string, region: string, 
/**
 * Resources the template creates with these parameters: the progress bar's share.
 */
resources: number, };
export type Problem = { "kind": "malformed", message: string, } | { "kind": "host_bits_set", message: string, suggestion: string, } | { "kind": "prefix_out_of_range", message: string, prefix: number, } | { "kind": "public_space", message: string, } | { "kind": "overlaps_vpc", message: string, vpc_id: string, name: string | null, region: string, cidr: string, relation: Relation, } | { "kind": "overlaps_network", message: string, label: string, cidr: string, relation: Relation, } | { "kind": "overlaps_reserved", message: string, cidr: string, reason: string, relation: Relation, };
export type ProfileKind = "static_keys" | "sso" | "assume_role" | "credential_process" | "web_identity" | "other";
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
export type RegionFailure = { region: string, error: IpcError, };
export type RegionInfo = { name: string, opt_in_status: OptInStatus, 
/**
 * Whether the account can use it (and so whether its VPCs are read and it can be chosen).
 */
enabled: boolean, };
export type Relation = "equal" | "contains" | "contained_by";
export type RootCause = { 
/**
 * The stack the resource belongs to (a nested stack's name when it failed in one).
 */
stack_name: string, logical_id: string, resource_type: string, reason: string, };
export type Signature = { 
/**
 * Which pinned vendor key signed.
 */
key_id: string, 
/**
 * Standard base64 (with padding) of the 64-byte signature.
 */
ed25519: string, };
export type StackKind = "access" | "environment" | "nested";
export type StackOutput = { stack: string, key: string, value: string, };
export type StackParameter = { key: string, value: string, };
export type StackView = { kind: StackKind, name: string, region: string, stack_id?: string, 
/**
 * The live status when it could be read, else the last one the journal saw.
 */
status?: string, reason?: string, 
/**
 * Whether `status` was read from AWS just now.
 */
live: boolean, };
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
export type Vendor = { 
/**
 * Display name, as the vendor wrote it; only a pinned key vouches for it.
 */
name: string, 
/**
 * 12 digits.
 */
account_id: string, };
export type Verification = { "status": "verified", key_id: string, vendor_name: string, } | { "status": "unsigned" } | { "status": "unknown_key", key_id: string, } | { "status": "invalid", key_id: string, };
export type VpcCidrBlock = { cidr: string, primary: boolean, 
/**
 * `associated` or `associating` (blocks being removed are left out).
 */
state: string, };
export type Warning = { "kind": "shared_address_space", message: string, } | { "kind": "public_space", message: string, } | { "kind": "unread_regions", message: string, regions: Array<string>, };
