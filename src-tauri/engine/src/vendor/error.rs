//! Why a vendor command was refused: a key file that cannot be made or read, an option that
//! breaks the invite's rules, an expiry that cannot be read.

use crate::{ErrorCode, Explain, Failure};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VendorError {
    #[error("{path} already exists; nothing was overwritten")]
    Exists { path: String },
    #[error("{path} cannot be written: {reason}")]
    Write { path: String, reason: String },
    #[error("the private key file {path} cannot be read: {reason}")]
    KeyUnreadable { path: String, reason: String },
    #[error("{path} is not a private key file made by `vendor keygen`: {problem}")]
    KeyInvalid { path: String, problem: String },
    #[error("the public key {given:?} cannot be used: {problem}")]
    PublicKey { given: String, problem: String },
    #[error("--expires {given:?} {problem}")]
    Expiry { given: String, problem: String },
    #[error("the invite would break its rules: {problem}")]
    InviteRules { problem: String },
    #[error("the system's random number generator failed: {reason}")]
    Random { reason: String },
}

impl Explain for VendorError {
    fn failure(&self) -> Failure {
        let message = format!("{}.", crate::text::capitalized(&self.to_string()));
        let (code, hint) = match self {
            VendorError::Exists { .. } => {
                (ErrorCode::InvalidInput, "Choose another path, or move the existing file away first.")
            }
            VendorError::Write { .. } => {
                (ErrorCode::InvalidInput, "Check that the directory exists and that you may write to it.")
            }
            VendorError::KeyUnreadable { .. } | VendorError::KeyInvalid { .. } => (
                ErrorCode::InvalidInput,
                "Pass the private-key.json that `private-deploy vendor keygen` wrote, unchanged.",
            ),
            VendorError::PublicKey { .. } => (
                ErrorCode::InvalidInput,
                "Pass the public-key.json that `vendor keygen` wrote, or the base64 of a 32-byte Ed25519 public key.",
            ),
            VendorError::Expiry { .. } => (
                ErrorCode::InvalidInput,
                "Write a number of days or hours from now (30d, 12h) or an RFC 3339 time in the future \
                 (2027-01-31T00:00:00Z).",
            ),
            VendorError::InviteRules { .. } => {
                (ErrorCode::InvalidInput, "Fix the option that sets the field named, then run the command again.")
            }
            VendorError::Random { .. } => {
                (ErrorCode::Internal, "Run the command again; if it keeps failing, report it.")
            }
        };
        Failure::new(code, message).with_hint(hint)
    }
}

impl From<VendorError> for Failure {
    fn from(err: VendorError) -> Self {
        err.failure()
    }
}
