//! The engine calls behind Ready: the live access status, with the stacks' outputs (the
//! role's ARN, the VPC) and the invite's External ID, said as [`ReadySummary`]; and what to
//! send the vendor, saved as a text file.

use std::path::{Path, PathBuf};

use super::ready::{summarize, ReadySummary, StackFacts};
use super::AccessError;
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

    /// Saves the summary's handoff (role ARN, External ID, account, region) in `dir` as
    /// `private-deploy-<installation>-for-vendor.txt`, written beside it and renamed over it.
    pub async fn export_ready_handoff(&self, installation_id: Option<&str>, dir: &Path) -> Result<PathBuf, Error> {
        let summary = self.ready_summary(installation_id).await?;
        let name = format!("private-deploy-{}-for-vendor.txt", summary.installation_id);
        let path = dir.join(&name);
        let fail = |err: std::io::Error| AccessError::HandoffNotSaved {
            path: path.display().to_string(),
            reason: err.to_string(),
        };
        std::fs::create_dir_all(dir).map_err(fail)?;
        let partial = dir.join(format!(".{name}.partial"));
        std::fs::write(&partial, format!("{}\n", summary.handoff)).map_err(fail)?;
        std::fs::rename(&partial, &path).map_err(fail)?;
        Ok(path)
    }
}
