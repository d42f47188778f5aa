//! The install's types that cross IPC: what the admin asks for, the events the progress
//! screen and the CLI's printer receive, and the status of recorded installations.

use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::stacks::status::{StackHealth, StackStatus, StatusClass};

/// Which of the two stacks an install launches, or a stack found nested under one of them.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    TS,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum StackKind {
    /// The vendor's IAM role, in the account's home region.
    Access,
    /// The reference environment, in the chosen region.
    Environment,
    /// A stack created by a `AWS::CloudFormation::Stack` resource of one of the two.
    Nested,
}

impl StackKind {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// Where an installation stands, as the journal records it.
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
pub enum InstallState {
    /// Launched (or about to be); the next start re-attaches to it.
    InProgress,
    /// Both stacks are complete.
    Ready,
    /// A stack failed and rolled back: Clean up, then Retry.
    Failed,
    /// The failed stack was deleted: Retry launches it again.
    CleanedUp,
}

impl InstallState {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// What the admin asks to install.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InstallRequest {
    pub invite: crate::invite::Invite,
    /// The region of the environment stack (the access stack goes in the session's region).
    pub region: String,
    /// A CIDR block, or `auto` for the first free block of the invite's prefix length.
    pub cidr: String,
    /// Limit the role with the permissions boundary; an invite in `boundary` mode forces it.
    pub use_boundary: bool,
    /// The vendor account ID the admin typed; needed when the invite is not verified.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmed_vendor_account: Option<String>,
}

/// A stack the install will launch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlannedStack {
    pub kind: StackKind,
    pub name: String,
    pub region: String,
    /// Resources the template creates with these parameters: the progress bar's share.
    pub resources: u32,
    /// How long creating them should take, from their resource types (see `stacks::timing`).
    pub estimate_ms: u64,
}

/// The resource whose failure made a stack roll back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RootCause {
    /// The stack the resource belongs to (a nested stack's name when it failed in one).
    pub stack_name: String,
    pub logical_id: String,
    pub resource_type: String,
    pub reason: String,
}

/// One output of a completed stack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StackOutput {
    pub stack: String,
    pub key: String,
    pub value: String,
}

/// What the progress screen and the CLI are told while an install runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum InstallEvent {
    /// The install (or a resumed one) starts with these stacks, in launch order.
    Started { installation_id: String, stacks: Vec<PlannedStack> },
    /// A stack was created, or an existing stack of this installation was found and re-attached.
    StackLaunched { stack: String, stack_kind: StackKind, region: String, stack_id: String, attached: bool },
    /// A stack's status changed.
    StackStatus {
        stack: String,
        stack_id: String,
        status: String,
        /// How `status` is shown.
        status_class: StatusClass,
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// A resource's status changed (nested stacks' resources too, named by their stack).
    Resource {
        stack: String,
        logical_id: String,
        resource_type: String,
        status: String,
        /// How `status` is shown.
        status_class: StatusClass,
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
        /// RFC 3339, as CloudFormation reported it.
        timestamp: String,
    },
    /// Resources done out of the templates' resources, time so far and an estimate of what is left.
    Progress {
        done: u32,
        total: u32,
        elapsed_ms: u64,
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        eta_ms: Option<u64>,
    },
    /// AWS could not be reached (no answer: the network, DNS, a timeout; see
    /// `AwsError::is_unreachable`) since `since`. The follower keeps polling; the estimate
    /// does not count down until [`InstallEvent::ConnectionRestored`].
    ConnectionLost {
        #[ts(type = "string")]
        since: jiff::Timestamp,
        /// What the SDK said, for the curious: the window's sentence does not depend on it.
        detail: String,
    },
    /// AWS answers again, at `at`, after it could not be reached from `since`.
    ConnectionRestored {
        #[ts(type = "string")]
        since: jiff::Timestamp,
        #[ts(type = "string")]
        at: jiff::Timestamp,
    },
    /// AWS stopped accepting the session's credentials (they expired, or the IAM Identity
    /// Center login ran out) while installation `installation_id` was worked on. Nothing is
    /// lost: when `waiting`, the work waits for a sign-in to `account_id` and goes on from the
    /// journal ([`InstallEvent::CredentialsRenewed`]); otherwise it stops and can be resumed.
    CredentialsExpired {
        installation_id: String,
        /// The profile that was signed in (`None`: the standard chain).
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        profile: Option<String>,
        account_id: String,
        /// The login that ran out is IAM Identity Center's.
        sso: bool,
        #[ts(type = "string")]
        since: jiff::Timestamp,
        /// What AWS's answer means, in words.
        message: String,
        /// What to run before signing in again, when the login is renewed outside the app
        /// (`aws sso login --profile P`).
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        command: Option<String>,
        waiting: bool,
    },
    /// The admin signed in to `account_id` again: the work goes on where it was.
    CredentialsRenewed {
        installation_id: String,
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        profile: Option<String>,
        account_id: String,
        #[ts(type = "string")]
        at: jiff::Timestamp,
    },
    /// A stack failed: why, and where its rollback stands. What to do follows from `health`:
    /// a failed create or delete is cleaned up, then retried; `update_rollback_failed` is
    /// continued in CloudFormation (Clean up does not delete it).
    Failed {
        stack: String,
        root_cause: RootCause,
        rollback_status: String,
        health: StackHealth,
        /// What to do when it is not Clean up then Retry (`update_rollback_failed`).
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        hint: Option<String>,
    },
    /// Both stacks are complete.
    Ready { outputs: Vec<StackOutput> },
}

/// How an install ended (the same as its last event).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum InstallOutcome {
    Ready {
        installation_id: String,
        outputs: Vec<StackOutput>,
    },
    Failed {
        installation_id: String,
        stack: String,
        root_cause: RootCause,
        rollback_status: String,
        health: StackHealth,
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        hint: Option<String>,
    },
}

impl InstallOutcome {
    pub fn is_ready(&self) -> bool {
        matches!(self, InstallOutcome::Ready { .. })
    }
}

/// A stack of an installation as the status view shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StackView {
    pub kind: StackKind,
    pub name: String,
    pub region: String,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stack_id: Option<String>,
    /// The live status when it could be read, else the last one the journal saw.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// What `status` means (see `install::status`).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health: Option<StackHealth>,
    /// How `status` is shown.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_class: Option<StatusClass>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Whether `status` was read from AWS just now.
    pub live: bool,
}

/// A recorded installation with its stacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InstallationStatus {
    pub installation_id: String,
    pub vendor_name: String,
    pub vendor_account_id: String,
    pub account: String,
    pub home_region: String,
    pub region: String,
    #[ts(type = "string")]
    pub cidr: Ipv4Net,
    pub use_boundary: bool,
    pub state: InstallState,
    /// Where it stands, from `state` and its stacks (see `install::phase`): what the window follows.
    pub phase: super::phase::InstallPhase,
    /// RFC 3339, UTC.
    pub created_at: jiff::Timestamp,
    pub updated_at: jiff::Timestamp,
    pub stacks: Vec<StackView>,
}

/// A resource CloudFormation could not delete, and why (its `DELETE_FAILED` status reason).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FailedResource {
    /// The stack it belongs to.
    pub stack: String,
    pub logical_id: String,
    pub resource_type: String,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub physical_id: Option<String>,
    pub reason: String,
}

/// How to delete a stack that is in `DELETE_FAILED`. The default deletes everything (a retry).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DeleteOptions {
    /// Delete the stack but keep these resources (logical IDs of its `DELETE_FAILED` resources).
    #[serde(default)]
    pub retain: Vec<String>,
    /// Delete the stack, skipping every resource that cannot be deleted (`FORCE_DELETE_STACK`).
    #[serde(default)]
    pub force: bool,
}

/// A network interface in the environment's VPC that its stack did not create: what the
/// vendor (or anyone) deployed there, which keeps the VPC from being deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ForeignInterface {
    pub interface_id: String,
    /// What it belongs to, in words: "EC2 instance i-…", or its description.
    pub owner: String,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// EC2's `InterfaceType` (`interface`, `lambda`, `nat_gateway`, …).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interface_type: Option<String>,
    /// The AWS service that created it for you (`RequesterId`), when one did.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requester_id: Option<String>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_id: Option<String>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subnet_id: Option<String>,
}

/// A stack as a delete would find it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StackDeletion {
    pub kind: StackKind,
    pub name: String,
    pub region: String,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stack_id: Option<String>,
    /// `DELETE_COMPLETE` when it is gone (or was never created).
    #[ts(type = "string")]
    #[serde(with = "crate::stacks::status::as_text")]
    pub status: StackStatus,
    pub health: StackHealth,
    /// How `status` is shown.
    pub status_class: StatusClass,
    /// In `DELETE_FAILED`: what could not be deleted, and why.
    pub failed_resources: Vec<FailedResource>,
    /// Clean up (after a failed install) deletes this stack: its create or its delete failed.
    #[serde(default)]
    pub clean_up_deletes: bool,
}

/// What deleting the installation's stacks would do, shown before the admin confirms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DeletionPreview {
    pub installation_id: String,
    /// Environment first, then access: the order of the delete.
    pub stacks: Vec<StackDeletion>,
    /// Network interfaces in the environment's VPC that its stack did not create.
    pub foreign_interfaces: Vec<ForeignInterface>,
    /// Whether the environment's VPC could be read (when not, `foreign_interfaces` is empty
    /// for that reason, not because there are none).
    pub interfaces_read: bool,
    /// What is really deleted, and what is not.
    pub warning: String,
}
