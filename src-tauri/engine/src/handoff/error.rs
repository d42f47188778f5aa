//! Why a hand-off could not be shown or sent.

use crate::failure::{ErrorCode, Explain, Failure};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HandoffError {
    #[error("no installation {installation_id} is recorded on this computer")]
    Unknown { installation_id: String },
    #[error("installation {installation_id} is not ready (it is {state}): there is nothing to hand off yet")]
    NotReady { installation_id: String, state: String },
    #[error("the vendor's role of installation {installation_id} is not recorded")]
    NoRole { installation_id: String },
    #[error("{vendor}'s invite gives no address to send the hand-off to")]
    NoCallback { vendor: String },
    #[error("the hand-off is sent over HTTPS only, not to {url}")]
    NotHttps { url: String },
    /// The vendor's endpoint answered, and not with success: not retried.
    #[error("{url} refused the hand-off (HTTP {status}){}", answer_part(.answer))]
    Refused { url: String, status: u16, answer: String },
    #[error("the hand-off could not be saved as {path}: {reason}")]
    NotSaved { path: String, reason: String },
    /// No success after every attempt (server errors, no connection, timeouts).
    #[error("the hand-off could not be delivered to {url} after {attempts} attempts ({last})")]
    Undelivered { url: String, attempts: u32, last: String },
}

fn answer_part(answer: &str) -> String {
    if answer.trim().is_empty() {
        String::new()
    } else {
        format!(": {}", answer.trim())
    }
}

impl Explain for HandoffError {
    fn failure(&self) -> Failure {
        let (code, hint) = match self {
            HandoffError::Unknown { .. } => {
                (ErrorCode::NotFound, "Check the installation ID (`private-deploy status` lists them).")
            }
            HandoffError::NotReady { .. } => (ErrorCode::InvalidInput, "Finish the install first."),
            HandoffError::NoRole { .. } => (
                ErrorCode::NotFound,
                "Open Manage once while signed in to the installation's account: it records the role.",
            ),
            HandoffError::NoCallback { .. } => {
                (ErrorCode::InvalidInput, "Copy or export the hand-off and send it to the vendor yourself.")
            }
            HandoffError::NotHttps { .. } => {
                (ErrorCode::InvalidInput, "Ask the vendor for an invite whose callback is an https:// address.")
            }
            HandoffError::Refused { .. } => (
                ErrorCode::HandoffRefused,
                "The vendor's answer says why. Tell the vendor, or copy the hand-off and send it yourself.",
            ),
            HandoffError::NotSaved { .. } => {
                (ErrorCode::InvalidInput, "Check that the folder exists and that you may write to it, or use Copy.")
            }
            HandoffError::Undelivered { .. } => (
                ErrorCode::HandoffUndelivered,
                "Check your connection and send it again later, or copy the hand-off and send it yourself.",
            ),
        };
        Failure::new(code, format!("{self}.")).with_hint(hint)
    }
}
