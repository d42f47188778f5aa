//! The engine calls: the hand-off of an installation, and sending it to the vendor.

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use sha2::{Digest, Sha256};

use super::send::{post, Progress};
use super::{HandoffDocument, HandoffError, HandoffSent, HandoffView, SendPolicy};
use crate::engine::Engine;
use crate::failure::Error;
use crate::invite;
use crate::journal::InstallationRecord;

impl Engine {
    /// The installation's hand-off, from the journal alone (no AWS call, no sign-in needed).
    /// When several accounts recorded the same installation ID, the signed-in account's is
    /// meant; without a session, the most recently changed one.
    pub fn handoff(&self, installation_id: &str) -> Result<HandoffView, Error> {
        let record = self.handoff_record(installation_id)?;
        self.handoff_of(&record)
    }

    /// Posts the installation's hand-off to the invite's callback (see [`SendPolicy`]).
    pub async fn send_handoff(&self, installation_id: &str) -> Result<HandoffSent, Error> {
        self.send_handoff_with(installation_id, SendPolicy::default()).await
    }

    /// [`Engine::send_handoff`] with another policy (tests keep the waits short).
    pub async fn send_handoff_with(&self, installation_id: &str, policy: SendPolicy) -> Result<HandoffSent, Error> {
        let record = self.handoff_record(installation_id)?;
        let view = self.handoff_of(&record)?;
        let url = view.callback.clone().ok_or(HandoffError::NoCallback { vendor: view.vendor_name.clone() })?;
        let sha = format!("{:x}", Sha256::digest(view.body.as_bytes()));
        // The same document gets the same key, so a vendor can drop a repeat.
        let key = format!("{}-{}", record.installation_id, &sha[..16]);
        let journal = self.journal();
        let mut row = None;
        post(&url, &view.body, &key, policy, |progress| {
            match progress {
                Progress::Started { attempt } => {
                    row = Some(journal.begin_handoff_attempt(record.id, &url, &sha, attempt, Timestamp::now())?);
                }
                Progress::Ended { answer, .. } => {
                    if let Some(row) = row.take() {
                        journal.finish_handoff_attempt(
                            row,
                            answer.status,
                            answer.excerpt.as_deref(),
                            answer.error.as_deref(),
                            Timestamp::now(),
                        )?;
                    }
                }
            }
            Ok(())
        })
        .await
    }

    /// Saves the hand-off's body in `dir` as `private-deploy-<installation>-handoff.json`,
    /// replacing it whole (readable by the user only: it holds the External ID); returns its path.
    pub fn export_handoff(&self, installation_id: &str, dir: &Path) -> Result<PathBuf, Error> {
        let view = self.handoff(installation_id)?;
        let name = format!("private-deploy-{}-handoff.json", view.document.installation_id);
        let path = dir.join(&name);
        let fail =
            |err: std::io::Error| HandoffError::NotSaved { path: path.display().to_string(), reason: err.to_string() };
        std::fs::create_dir_all(dir).map_err(fail)?;
        crate::atomic_file::write_atomically(&path, format!("{}\n", view.body).as_bytes()).map_err(fail)?;
        Ok(path)
    }

    fn handoff_record(&self, installation_id: &str) -> Result<InstallationRecord, Error> {
        let account = self.active().ok().and_then(|a| a.identity.as_ref().map(|i| i.account.clone()));
        let mut found: Vec<InstallationRecord> =
            self.journal().installations()?.into_iter().filter(|r| r.installation_id == installation_id).collect();
        if let Some(account) = account {
            if found.iter().any(|r| r.account == account) {
                found.retain(|r| r.account == account);
            }
        }
        found.sort_by_key(|r| r.updated_at);
        found.pop().ok_or_else(|| HandoffError::Unknown { installation_id: installation_id.to_owned() }.into())
    }

    fn handoff_of(&self, record: &InstallationRecord) -> Result<HandoffView, Error> {
        let invite = invite::parse_invite(&record.invite)?.into_fields();
        let role_arn =
            self.journal().access_baseline(&record.account, &record.installation_id)?.map(|b| b.expected.role_arn);
        let outputs = self.journal().install_outputs(record.id)?;
        let document = HandoffDocument::of(record, &invite, role_arn, outputs)?;
        Ok(HandoffView {
            body: document.body(),
            document,
            vendor_name: invite.vendor.name.clone(),
            callback: invite.callback.clone(),
            attempts: self.journal().handoff_attempts(record.id)?,
        })
    }
}
