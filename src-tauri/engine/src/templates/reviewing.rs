//! The Review access step as engine calls: the access stack an invite asks for, and the
//! template exported to a folder. Nothing here writes to AWS or to the journal.

use std::path::{Path, PathBuf};

use crate::aws::FALLBACK_REGION;
use crate::engine::Engine;
use crate::failure::Error;
use crate::install::{stack_name, StackKind};
use crate::invite::{self, Invite};
use crate::templates::{self, AccessReview, ACCESS_TEMPLATE, ACCESS_TEMPLATE_FILE_NAME};

impl Engine {
    /// The access stack `invite` asks for, in the signed-in session's region and with its
    /// account filled into the boundary (placeholders before sign-in).
    pub fn review_access(
        &self,
        invite: &Invite,
        use_boundary: bool,
        template_url: Option<&str>,
    ) -> Result<AccessReview, Error> {
        // An invite that came over IPC skipped the file checks: run them again.
        let invite = invite::parse_invite(&serde_json::to_string(invite).unwrap_or_default())?;
        let active = self.active().ok();
        let region = match &active {
            Some(active) => active.session.region.clone(),
            None => self.base_options().region.clone().unwrap_or_else(|| FALLBACK_REGION.to_owned()),
        };
        let account = active.as_ref().and_then(|a| a.identity.as_ref()).map(|i| i.account.clone());
        let name = stack_name(StackKind::Access, &invite.installation_id);
        Ok(templates::review(&invite, use_boundary, &name, &region, account.as_deref(), template_url)?)
    }

    /// Saves `access.yaml` into `dir` under the name the exported create-stack command reads,
    /// replacing an earlier export, and returns its path.
    pub fn export_access_template(&self, dir: &Path) -> Result<PathBuf, Error> {
        let path = dir.join(ACCESS_TEMPLATE_FILE_NAME);
        let fail = |err: std::io::Error| Error::InvalidInput {
            message: format!("The template could not be saved as {}: {err}.", path.display()),
            hint: "Check that the folder exists and that you may write to it.".to_owned(),
        };
        std::fs::create_dir_all(dir).map_err(fail)?;
        // Written beside the target, then renamed over it: a crash never leaves half a template.
        let partial = dir.join(format!(".{ACCESS_TEMPLATE_FILE_NAME}.partial"));
        std::fs::write(&partial, ACCESS_TEMPLATE).map_err(fail)?;
        std::fs::rename(&partial, &path).map_err(fail)?;
        Ok(path)
    }
}
