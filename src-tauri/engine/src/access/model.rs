//! The Manage panel's types that cross IPC: the vendor's access as it is (status), what an
//! action did (the journal's record), the tighten preview, the audit timeline and the
//! database checks.

use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::drift::Drift;
use crate::failure::Failure;
use crate::install::InstallationStatus;
use crate::network::cidr::Relation;

/// What the access-window slot ([`crate::templates::ACCESS_WINDOW_POLICY_NAME`]) says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AccessWindow {
    /// The template's no-op document: the vendor has access at any time.
    AlwaysOpen,
    /// Access only between `start` and `end` (RFC 3339); outside it, IAM denies every call.
    Window {
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        start: Option<String>,
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        end: Option<String>,
        /// Whether now lies inside the window.
        open_now: bool,
        /// Seconds until the window closes by itself, while it is open.
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        seconds_left: Option<i64>,
    },
    /// Every call is denied, at any time.
    Closed,
    /// The role has no access-window policy (it was deleted by hand): access is not limited in time.
    Missing,
    /// A document this app did not write; shown as it is.
    Custom { document: String },
    /// The role could not be read (see the status's `role`), so neither could the window.
    Unknown,
}

/// An inline policy of the role, its document decoded and pretty-printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InlinePolicy {
    pub name: String,
    pub document: String,
}

/// A managed policy attached to the role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AttachedPolicy {
    pub name: String,
    pub arn: String,
}

/// The vendor's role as IAM reports it now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RoleView {
    pub name: String,
    pub arn: String,
    /// IAM's unique ID of the role (`AROA…`).
    #[serde(default)]
    pub role_id: String,
    pub path: String,
    /// RFC 3339, UTC.
    pub created_at: jiff::Timestamp,
    /// The trust policy, decoded and pretty-printed.
    pub trust_policy: String,
    /// The vendor account(s) the trust policy names, and the External ID it requires.
    pub trusted_principals: Vec<String>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    pub inline_policies: Vec<InlinePolicy>,
    pub attached_policies: Vec<AttachedPolicy>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boundary_arn: Option<String>,
    /// RFC 3339: when the role was last used, as IAM tracks it (hours late; may be absent).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_used_at: Option<String>,
}

/// Where the role stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RoleState {
    Present {
        role: Box<RoleView>,
    },
    /// The role does not exist (deleted, or its stack was).
    Gone {
        name: String,
    },
    /// The role could not be read (access denied, network).
    Unreadable {
        error: Failure,
    },
}

/// What was done on the vendor's access, as the journal records it.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    TS,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum AccessActionKind {
    OpenWindow,
    CloseWindow,
    AlwaysOpen,
    RevokeSessions,
    CutOff,
    AttachBoundary,
    RemoveBoundary,
    Tighten,
    DeleteRole,
    DeleteStacks,
    /// The admin accepted the changes made outside Private Deploy: what IAM has now is expected from then on.
    AcceptDrift,
    /// A delete of the stacks that stopped part-way: what was done and what is left.
    DeleteStacksStopped,
}

impl AccessActionKind {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// One action on the vendor's access, verified and recorded: who (the caller's ARN), what, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AccessActionRecord {
    pub installation_id: String,
    pub account: String,
    pub caller_arn: String,
    pub action: AccessActionKind,
    /// One sentence of what was done and verified.
    pub summary: String,
    /// What was written, as JSON text (the policy document, the stacks deleted); for a
    /// partial action, `done` and `left`.
    pub detail: String,
    /// RFC 3339, UTC.
    pub at: jiff::Timestamp,
    /// The action stopped part-way: `detail` says which steps were done and which were not.
    #[serde(default)]
    pub partial: bool,
    /// What was found changed outside Private Deploy before the action (not journaled with it).
    #[serde(default)]
    pub drift: Vec<Drift>,
}

impl AccessActionKind {
    /// Whether the action gives the vendor more access (refused while there is unaccepted drift).
    pub fn grants(self) -> bool {
        matches!(self, AccessActionKind::OpenWindow | AccessActionKind::AlwaysOpen | AccessActionKind::RemoveBoundary)
    }
}

/// Everything the Manage panel shows: the installation, its stacks and the role as they are
/// now, next to the journal's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AccessStatus {
    pub installation: InstallationStatus,
    pub role: RoleState,
    pub window: AccessWindow,
    /// Sessions issued before this time (RFC 3339) are denied (`AWSRevokeOlderSessions`).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sessions_revoked_before: Option<String>,
    /// The last revocation the journal recorded (revoke sessions or cut off).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_revocation: Option<AccessActionRecord>,
    /// The journal's actions on this installation, newest first.
    pub recent_actions: Vec<AccessActionRecord>,
    /// Where the vendor's access stands now (open until…, closed, cut off): the first line.
    pub access_now: super::now::AccessNow,
    /// What was changed on the role outside Private Deploy, against what the journal expects.
    pub drift: Vec<Drift>,
    /// When this was read (RFC 3339, UTC).
    pub read_at: jiff::Timestamp,
    /// Every action the panel offers, with whether it can be used now (see `access::offers`).
    #[serde(default)]
    pub actions: Vec<super::offers::ActionOffer>,
}

/// A line of a diff between two documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DiffKind {
    Same,
    Added,
    Removed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DiffLine {
    pub kind: DiffKind,
    pub text: String,
}

/// A resource of the environment stack that the tightened policy names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScopedResource {
    pub logical_id: String,
    pub resource_type: String,
    /// The ARN, or why it has none of its own (covered by its parent's ARN).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// "Tighten to installed resources", before it is applied: the role's permissions today and
/// after, as documents and as a line diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TightenPreview {
    pub role_name: String,
    /// The inline policy that will hold the scoped permissions.
    pub policy_name: String,
    /// The scoped policy document, pretty JSON.
    pub policy: String,
    /// The role's permissions now and after: `{AttachedPolicies, InlinePolicies}` as pretty JSON.
    pub current: String,
    pub proposed: String,
    pub diff: Vec<DiffLine>,
    pub resources: Vec<ScopedResource>,
    /// The managed policies that applying detaches (AdministratorAccess).
    pub detaches: Vec<String>,
}

/// What the audit timeline asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditQuery {
    /// RFC 3339; default: 7 days ago. CloudTrail keeps 90 days.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// Keep events whose name contains this (case-insensitive).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_name: Option<String>,
    /// Keep events whose source (`ec2.amazonaws.com`) contains this.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_source: Option<String>,
    /// Only calls that failed.
    #[serde(default)]
    pub errors_only: bool,
}

/// A session the vendor opened on the role (an `AssumeRole` event).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditSession {
    pub time: String,
    pub session_name: String,
    /// The temporary access key the session was issued; its calls are looked up by it.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_key_id: Option<String>,
    /// Who assumed the role (the vendor's principal, or its account).
    pub assumed_by: String,
    /// The person the vendor named when it assumed the role (`sts:SourceIdentity`), required
    /// by a version 2 invite's `require_source_identity`.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_identity: Option<String>,
    pub source_ip: String,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
}

/// One call in the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditEvent {
    pub event_id: String,
    /// RFC 3339.
    pub time: String,
    pub event_name: String,
    pub event_source: String,
    pub region: String,
    pub source_ip: String,
    pub user_agent: String,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_key_id: Option<String>,
    /// The role session the call was made in.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_name: Option<String>,
    /// The session's source identity: the vendor's engineer behind the call.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_identity: Option<String>,
    pub read_only: bool,
}

/// The timeline grouped by the person behind it (the sessions' source identity).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditIdentity {
    /// `None` for sessions opened without a source identity.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_identity: Option<String>,
    pub sessions: u32,
    /// Calls in the timeline (after the filters), and how many failed.
    pub calls: u32,
    pub errors: u32,
    /// RFC 3339 of the newest call or session.
    pub last_seen: String,
}

/// The audit timeline of the vendor's role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditReport {
    pub role_arn: String,
    /// The regions whose CloudTrail was read in full, sorted: every enabled region of the
    /// account, and us-east-1 (where IAM's events are).
    pub regions_read: Vec<String>,
    /// The regions that could not be read (or only in part), and why; sorted by region.
    pub regions_failed: Vec<crate::network::discovery::RegionFailure>,
    /// The account's regions could not be listed, so only the home region, the
    /// environment's and us-east-1 were read.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region_list_error: Option<Failure>,
    pub since: String,
    pub sessions: Vec<AuditSession>,
    /// Newest first, after the filters.
    pub events: Vec<AuditEvent>,
    /// More sessions or events than one audit reads: narrow `since`.
    pub truncated: bool,
    /// LookupEvents requests made, in all regions (at most 2 a second in each).
    pub requests: u32,
    /// The timeline by source identity, most calls first.
    #[serde(default)]
    pub identities: Vec<AuditIdentity>,
}

/// A VPC or network checked against the environment's block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DatabaseNetworkBlock {
    #[ts(type = "string")]
    pub cidr: Ipv4Net,
    /// How it relates to the environment's block; absent when they do not overlap.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relation: Option<Relation>,
}

/// Whether the database's network can be peered (or joined by Transit Gateway) with the environment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DatabaseCheck {
    /// As typed: a VPC ID or a CIDR block.
    pub input: String,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc_id: Option<String>,
    /// The region the VPC was looked up in (the environment's).
    pub region: String,
    #[ts(type = "string")]
    pub environment_cidr: Ipv4Net,
    pub blocks: Vec<DatabaseNetworkBlock>,
    /// No block overlaps: peering and Transit Gateway can connect them.
    pub ok: bool,
    pub message: String,
}

/// An address the environment's outbound traffic leaves from: allow it in the database's firewall.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NatAddress {
    pub public_ip: String,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allocation_id: Option<String>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nat_gateway_id: Option<String>,
    pub region: String,
}
