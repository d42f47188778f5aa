//! The Invite step as engine calls: an invite opened from a file, from a file's text, or from
//! a `private-deploy://` link, validated and its signature checked against the pinned keys.
//! Nothing here writes to AWS or to the journal.

use std::path::Path;

use crate::engine::Engine;
use crate::failure::Error;
use crate::invite::{self, InviteSummary};

impl Engine {
    /// Reads, validates and checks the signature of an invite file.
    pub fn open_invite(&self, path: &Path) -> Result<InviteSummary, Error> {
        let bytes = invite::read_invite_file(path)?;
        let invite = invite::parse_invite_bytes(&bytes)?;
        opened(invite)
    }

    /// Validates an invite given as the text of its file (the window reads dropped and picked
    /// files itself) and checks its signature.
    pub fn open_invite_text(&self, text: &str) -> Result<InviteSummary, Error> {
        let invite = invite::parse_invite_bytes(text.as_bytes())?;
        opened(invite)
    }

    /// Validates the invite carried by a `private-deploy://install?invite=…` link.
    pub fn open_invite_link(&self, link: &str) -> Result<InviteSummary, Error> {
        let invite = invite::parse_link(link)?;
        opened(invite)
    }
}

/// An expired invite is refused as it opens, before the admin works through the wizard.
fn opened(invite: invite::Invite) -> Result<InviteSummary, Error> {
    invite::check_not_expired(&invite, jiff::Timestamp::now())?;
    Ok(invite::summarize(invite, &invite::trusted_keys_from_env()?)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ErrorCode, Explain as _};

    #[test]
    fn an_expired_invite_is_refused_as_it_opens() {
        let expired = invite::parse_invite(&super::super::test_support::sample_with(|v| {
            v["version"] = 2.into();
            v["expires_at"] = "2020-01-01T00:00:00Z".into();
        }))
        .unwrap();
        let err = opened(expired.clone()).unwrap_err();
        assert_eq!(err.failure().code, ErrorCode::InviteExpired);
        assert!(err.failure().message.contains("2020-01-01T00:00:00Z"), "{}", err.failure().message);
        let later = expired.edited(|f| f.expires_at = Some("2999-01-01T00:00:00Z".into())).unwrap();
        assert!(opened(later).is_ok());
    }
}
