//! The engine calls behind Ready: the live access status, with the stacks' outputs (the
//! role's ARN, the VPC) and the invite's External ID, said as [`ReadySummary`]. (What the
//! vendor is sent, as a document, is `handoff`'s.)

use super::ready::{summarize, ReadySummary, StackFacts};
use crate::engine::Engine;
use crate::failure::Error;
use crate::install::StackKind;
use crate::invite;

impl Engine {
    /// What Ready says about the installation (the named one, or the account's only one).
    pub async fn ready_summary(&self, installation_id: Option<&str>) -> Result<ReadySummary, Error> {
        let status = self.access_status(installation_id).await?;
        let r = self.resolve(Some(&status.installation.installation_id)).await?;
        let external_id = invite::parse_invite(&r.record.invite)?.external_id.clone();
        // An output that cannot be read only leaves its link or fallback out.
        let output = |state: Option<&crate::stacks::cloudformation::StackState>, key: &str| {
            state.and_then(|s| s.outputs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()))
        };
        let access = self.live_stack(&r, StackKind::Access).await.ok().flatten();
        let environment = self.live_stack(&r, StackKind::Environment).await.ok().flatten();
        let facts = StackFacts {
            role_arn: output(access.as_ref().map(|(_, s)| s), "RoleArn"),
            vpc_id: output(environment.as_ref().map(|(_, s)| s), "VpcId"),
        };
        Ok(summarize(&status, &external_id, &facts))
    }
}
