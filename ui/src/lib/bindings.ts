// This file is generated from the Rust types by `make bindings`. Do not edit it by hand.
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
export type ErrorCode = "no_credentials" | "invalid_credentials" | "expired_credentials" | "sso_login_required" | "access_denied" | "throttled" | "network" | "profile_not_found" | "profile_config" | "region_disabled" | "invalid_input" | "not_signed_in" | "journal" | "internal";
export type Identity = { 
/**
 * The profile signed in with; `default chain` when none was chosen.
 */
profile: string, region: string, account: string, arn: string, user_id: string, 
/**
 * The account's root user: it should not be used for day-to-day administration.
 */
is_root: boolean, };
export type IpcError = { code: ErrorCode, 
/**
 * One sentence that says what went wrong, in the user's terms.
 */
message: string, 
/**
 * What to do about it, when there is something to do.
 */
hint: string | null, };
export type NetworkChoice = { 
/**
 * RFC 3339, UTC.
 */
at: string, account: string, region: string, cidr: string, };
export type OptInStatus = "opt_in_not_required" | "opted_in" | "not_opted_in";
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
export type VpcCidrBlock = { cidr: string, primary: boolean, 
/**
 * `associated` or `associating` (blocks being removed are left out).
 */
state: string, };
export type Warning = { "kind": "shared_address_space", message: string, } | { "kind": "public_space", message: string, } | { "kind": "unread_regions", message: string, regions: Array<string>, };
