//! The Review access step as engine calls: the access stack an invite asks for, and the
//! template exported to a folder. Nothing here writes to AWS or to the journal.

use std::path::{Path, PathBuf};

use crate::aws::FALLBACK_REGION;
use crate::engine::Engine;
use crate::failure::Error;
use crate::install::{stack_name, StackKind};
use crate::invite::{self, Invite};
use crate::templates::{self, AccessReview, TemplateError, ACCESS_TEMPLATE, ACCESS_TEMPLATE_FILE_NAME};

impl Engine {
    /// The access stack `invite` asks for, in the session's region (the home region, where
    /// install puts it) and with the signed-in account filled into the boundary and the SCP
    /// (placeholders before sign-in).
    pub fn review_access(
        &self,
        invite: &Invite,
        use_boundary: bool,
        template_url: Option<&str>,
    ) -> Result<AccessReview, Error> {
        self.review_access_for(invite, use_boundary, template_url, None)
    }

    /// [`Engine::review_access`], with `account` (the CLI's `template scp --account`) in place
    /// of the signed-in account's: the CLI prints templates without asking STS who it is.
    pub fn review_access_for(
        &self,
        invite: &Invite,
        use_boundary: bool,
        template_url: Option<&str>,
        account: Option<&str>,
    ) -> Result<AccessReview, Error> {
        if let Some(account) = account.filter(|a| invite::check_account_id(a).is_err()) {
            return Err(TemplateError::NotAnAccount { account: account.to_owned() }.into());
        }
        let active = self.active().ok();
        let region = match &active {
            Some(active) => active.session.region.clone(),
            None => self.base_options().region.clone().unwrap_or_else(|| FALLBACK_REGION.to_owned()),
        };
        let signed_in = active.as_ref().and_then(|a| a.identity.as_ref()).map(|i| i.account.clone());
        let account = account.map(str::to_owned).or(signed_in);
        let name = stack_name(StackKind::Access, &invite.installation_id);
        Ok(templates::review(invite, use_boundary, &name, &region, account.as_deref(), template_url)?)
    }

    /// Saves `access.yaml` into `dir` under the name the exported create-stack command reads,
    /// replacing an earlier export, and returns its path.
    pub fn export_access_template(&self, dir: &Path) -> Result<PathBuf, Error> {
        let path = dir.join(ACCESS_TEMPLATE_FILE_NAME);
        let fail =
            |err: std::io::Error| TemplateError::NotSaved { path: path.display().to_string(), reason: err.to_string() };
        std::fs::create_dir_all(dir).map_err(fail)?;
        crate::atomic_file::write_atomically(&path, ACCESS_TEMPLATE.as_bytes()).map_err(fail)?;
        Ok(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::install::mock_tests::invite;

    fn offline_engine(region: Option<&str>) -> (tempfile::TempDir, Engine) {
        let dir = tempfile::tempdir().unwrap();
        let journal = crate::journal::Journal::open(&dir.path().join("j.sqlite3")).unwrap();
        let env: Vec<(&str, &str)> = region.map(|r| ("AWS_REGION", r)).into_iter().collect();
        let options =
            crate::aws::SessionOptions::from_env(&aws_types::os_shim_internal::Env::from_slice(&env)).unwrap();
        (dir, Engine::new(journal, options))
    }

    #[test]
    fn before_sign_in_the_review_is_in_the_home_region_with_the_account_given_or_a_placeholder() {
        let (_dir, engine) = offline_engine(Some("eu-west-1"));
        let given = engine.review_access_for(&invite(), false, None, Some("123456789012")).unwrap();
        assert!(given.create_stack_command.contains("--region eu-west-1"), "{}", given.create_stack_command);
        assert!(
            given.scp_policy.contains("arn:aws:cloudformation:eu-west-1:123456789012:stack/"),
            "{}",
            given.scp_policy
        );
        let window = engine.review_access(&invite(), false, None).unwrap();
        assert!(window.scp_policy.contains(templates::ACCOUNT_PLACEHOLDER), "{}", window.scp_policy);
        let (_dir, engine) = offline_engine(None);
        let fallback = engine.review_access(&invite(), false, None).unwrap();
        assert!(fallback.create_stack_command.contains(&format!("--region {FALLBACK_REGION}")));
    }

    #[test]
    fn an_account_that_is_not_twelve_digits_is_refused() {
        let (_dir, engine) = offline_engine(None);
        for bad in ["12345", "12345678901a", "1234567890123"] {
            let err = engine.review_access_for(&invite(), false, None, Some(bad)).unwrap_err();
            assert!(matches!(err, Error::Template(TemplateError::NotAnAccount { .. })), "{bad}: {err:?}");
        }
    }
}
