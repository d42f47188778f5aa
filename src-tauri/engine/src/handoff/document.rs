//! The hand-off document and the one place its body is made: what is shown is what is sent.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::HandoffError;
use crate::install::{InstallState, StackOutput};
use crate::invite::InviteFields;
use crate::journal::{HandoffAttemptRecord, InstallationRecord};

/// The document's format version: a vendor's endpoint can tell what it gets. Add fields
/// compatibly; a change that is not compatible takes a new version.
pub const HANDOFF_VERSION: u32 = 1;

/// What the vendor needs to use the installation. Only identifiers: no credentials, no secret
/// but the External ID, which the vendor chose and already knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HandoffDocument {
    pub version: u32,
    pub installation_id: String,
    /// The customer's AWS account the installation is in.
    pub account_id: String,
    /// The vendor's account, as the invite named it.
    pub vendor_account_id: String,
    /// The role the vendor assumes.
    pub role_arn: String,
    pub external_id: String,
    /// Where the vendor's role and the access stack are.
    pub home_region: String,
    /// Where the environment (VPC) is.
    pub region: String,
    pub vpc_cidr: String,
    /// The environment's Availability Zones, when recorded.
    pub zones: Vec<String>,
    /// Every output of the installation's stacks, as recorded when it became ready.
    pub outputs: Vec<StackOutput>,
    /// When the installation became ready (RFC 3339).
    pub ready_at: String,
}

/// The hand-off as the window and `handoff show` present it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HandoffView {
    pub document: HandoffDocument,
    /// The exact bytes posted to the callback (and exported).
    pub body: String,
    pub vendor_name: String,
    /// The invite's https address for the hand-off, when it has one.
    pub callback: Option<String>,
    /// Every attempt to post it so far, oldest first.
    pub attempts: Vec<HandoffAttemptRecord>,
}

impl HandoffDocument {
    /// The document of a ready installation. `role_arn` comes from the journal's record of
    /// the role (or the recorded `RoleArn` output for an installation journaled before it).
    pub fn of(
        record: &InstallationRecord,
        invite: &InviteFields,
        role_arn: Option<String>,
        outputs: Vec<StackOutput>,
    ) -> Result<Self, HandoffError> {
        if record.state != InstallState::Ready {
            return Err(HandoffError::NotReady {
                installation_id: record.installation_id.clone(),
                state: record.state.as_str().replace('_', " "),
            });
        }
        let role_arn = role_arn
            .or_else(|| outputs.iter().find(|o| o.key == "RoleArn").map(|o| o.value.clone()))
            .ok_or_else(|| HandoffError::NoRole { installation_id: record.installation_id.clone() })?;
        Ok(HandoffDocument {
            version: HANDOFF_VERSION,
            installation_id: record.installation_id.clone(),
            account_id: record.account.clone(),
            vendor_account_id: invite.vendor.account_id.clone(),
            role_arn,
            external_id: invite.external_id.clone(),
            home_region: record.home_region.clone(),
            region: record.region.clone(),
            vpc_cidr: record.cidr.to_string(),
            zones: record.zones.clone(),
            outputs,
            ready_at: record.updated_at.to_string(),
        })
    }

    /// The body sent and exported: pretty JSON, so the admin can read what leaves the computer.
    pub fn body(&self) -> String {
        serde_json::to_string_pretty(self).expect("a hand-off document serializes")
    }
}
