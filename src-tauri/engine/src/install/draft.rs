//! The choices made in the window before an install (the invite, the typed vendor account,
//! the boundary choice, the region, the networks to avoid), saved in the journal at each
//! change and restored when the app opens again. The region's VPC block is the account's
//! saved network choice (`choose_network`), restored with the region.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::engine::Engine;
use crate::failure::{Error, Explain as _, Failure};
use crate::invite::{Invite, InviteSummary};
use crate::journal::RecordedDraft;
use crate::network::AvoidInput;

/// The window's choices before an install, as it saves them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InstallDraft {
    /// The invite opened, if any.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invite: Option<Invite>,
    #[serde(default)]
    pub choices: DraftChoices,
}

/// Everything chosen besides the invite.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct DraftChoices {
    /// Where the invite came from, for its card ("invite.json", "the pasted link").
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invite_source: Option<String>,
    /// The vendor account ID typed to confirm an unverified invite.
    pub confirmation: String,
    /// Whether the role is limited by the permissions boundary (Review access).
    pub use_boundary: bool,
    /// The environment's region (Region step).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The networks to avoid (Network step).
    pub avoid: Vec<AvoidInput>,
}

/// A saved draft as it comes back: the invite validated and its signature checked again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RestoredDraft {
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invite: Option<InviteSummary>,
    /// Why the saved invite no longer opens (the other choices are still restored).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invite_error: Option<Failure>,
    pub choices: DraftChoices,
    /// RFC 3339, UTC: when it was saved.
    pub saved_at: jiff::Timestamp,
}

impl Engine {
    /// Saves the window's choices; the last one saved is what [`Engine::restore_draft`] returns.
    pub fn save_draft(&self, draft: &InstallDraft) -> Result<(), Error> {
        let invite = draft.invite.as_ref().map(|i| serde_json::to_string(i).unwrap_or_default());
        let choices = serde_json::to_string(&draft.choices).unwrap_or_default();
        Ok(self.journal.record_draft(&RecordedDraft { at: jiff::Timestamp::now(), invite, choices })?)
    }

    /// The last saved choices, with the invite opened again as a file would be (validated, its
    /// signature checked with today's keys); None when nothing was saved.
    pub fn restore_draft(&self) -> Result<Option<RestoredDraft>, Error> {
        let Some(saved) = self.journal.last_draft()? else { return Ok(None) };
        let choices = serde_json::from_str(&saved.choices).unwrap_or_else(|err| {
            // Written by this app: unreadable only if the file was edited by hand.
            tracing::warn!(error = %err, "the saved choices could not be read");
            DraftChoices::default()
        });
        let (invite, invite_error) = match saved.invite.as_deref().map(|text| self.open_invite_text(text)) {
            None => (None, None),
            Some(Ok(summary)) => (Some(summary), None),
            Some(Err(err)) => (None, Some(err.failure())),
        };
        Ok(Some(RestoredDraft { invite, invite_error, choices, saved_at: saved.at }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::install::mock_tests::invite;

    fn offline_engine() -> Engine {
        let journal = crate::journal::Journal::open_in_memory().unwrap();
        let options = crate::aws::SessionOptions::from_env(&aws_types::os_shim_internal::Env::from_slice(&[])).unwrap();
        Engine::new(journal, options)
    }

    #[test]
    fn every_choice_comes_back_and_the_invite_is_validated_again() {
        let engine = offline_engine();
        assert_eq!(engine.restore_draft().unwrap(), None);
        let choices = DraftChoices {
            invite_source: Some("invite.json".into()),
            confirmation: "210987654321".into(),
            use_boundary: true,
            region: Some("eu-west-1".into()),
            avoid: vec![AvoidInput { cidr: "10.4.0.0/16".into(), label: "office".into() }],
        };
        let invite = invite();
        engine.save_draft(&InstallDraft { invite: Some(invite.clone()), choices: choices.clone() }).unwrap();
        let restored = engine.restore_draft().unwrap().unwrap();
        assert_eq!(restored.choices, choices);
        assert_eq!(restored.invite.map(|s| s.invite), Some(invite));
        assert_eq!(restored.invite_error, None);
    }

    #[test]
    fn an_invite_that_no_longer_validates_is_reported_and_the_other_choices_stay() {
        let engine = offline_engine();
        let choices = DraftChoices { use_boundary: true, ..DraftChoices::default() };
        engine
            .journal
            .record_draft(&RecordedDraft {
                at: jiff::Timestamp::now(),
                invite: Some("{\"schema_version\":1}".into()),
                choices: serde_json::to_string(&choices).unwrap(),
            })
            .unwrap();
        let restored = engine.restore_draft().unwrap().unwrap();
        assert_eq!(restored.invite, None);
        assert!(restored.invite_error.is_some());
        assert_eq!(restored.choices, choices);
    }
}
