//! Why an invite, an install link, a typed confirmation or a vendor key file was refused.
//!
//! Every error names the field it is about (a JSON path such as `vendor.account_id`, or
//! `invite` and `link` for the document and the link as a whole), so the window can put the
//! message next to what caused it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::keys::{BUILT_IN_KEYS_FILE, VENDOR_KEYS_ENV};
use crate::text::capitalized;
use crate::{ErrorCode, Explain, Failure};

/// The field name of errors about the document as a whole.
pub const WHOLE_INVITE: &str = "invite";
/// The field name of errors about an install link.
pub const LINK: &str = "link";
/// The field the admin types to confirm an unverified invite.
pub const VENDOR_ACCOUNT_ID: &str = "vendor.account_id";

/// Past this many problems the message says how many more there are instead of listing them;
/// the full list stays in [`InviteError::Invalid`].
const PROBLEMS_IN_MESSAGE: usize = 8;

/// One thing wrong with one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldProblem {
    /// JSON path of the field, such as `environment.parameters.InstanceType`.
    pub field: String,
    /// What is allowed and what was found, worded to follow the field's name.
    pub problem: String,
}

impl FieldProblem {
    pub fn new(field: impl Into<String>, problem: impl Into<String>) -> Self {
        Self { field: field.into(), problem: problem.into() }
    }
}

impl std::fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.field, self.problem)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InviteError {
    #[error("the invite is {size} bytes; an invite may be at most {limit} bytes")]
    TooLarge { size: usize, limit: usize },
    #[error("the invite file {path} cannot be read: {reason}")]
    Unreadable { path: String, reason: String },
    #[error("{path} is {what}, not an invite file")]
    NotAFile { path: String, what: String },
    #[error("the invite is empty")]
    Empty,
    #[error("the invite is not UTF-8 text (invalid byte at offset {offset})")]
    NotUtf8 { offset: usize },
    #[error("the invite is not valid JSON: {problem} (line {line}, column {column})")]
    Malformed { line: usize, column: usize, problem: String },
    #[error("the invite is in format version {found}; this app reads versions 1 and 2")]
    UnsupportedVersion { found: u64 },
    /// Every problem of a well-formed document, in field order.
    #[error("the invite is not valid: {}", list(problems))]
    Invalid { problems: Vec<FieldProblem> },
    #[error("the invite's signature names {key_vendor}'s key {key_id} but does not match the invite: it was changed after it was signed, or it is not {key_vendor}'s invite for this vendor account")]
    Altered { key_id: String, key_vendor: String },
    #[error("the install link is not valid: {problem}")]
    Link { problem: String },
    #[error("the account ID you typed ({typed:?}) does not match the invite's {VENDOR_ACCOUNT_ID}")]
    AccountNotConfirmed { typed: String },
    #[error("the vendor keys in {path} ({VENDOR_KEYS_ENV}) cannot be used: {problem}")]
    VendorKeys { path: String, problem: String },
    #[error("the vendor keys built into this app ({BUILT_IN_KEYS_FILE}) cannot be used: {problem}")]
    BuiltInKeys { problem: String },
    #[error("{vendor}'s invite expired at {at}; it can no longer start an installation")]
    Expired { at: String, vendor: String },
}

impl InviteError {
    /// The field the error is about; for [`InviteError::Invalid`], the first problem's.
    pub fn field(&self) -> &str {
        match self {
            InviteError::TooLarge { .. }
            | InviteError::Unreadable { .. }
            | InviteError::NotAFile { .. }
            | InviteError::Empty
            | InviteError::NotUtf8 { .. }
            | InviteError::Malformed { .. } => WHOLE_INVITE,
            InviteError::UnsupportedVersion { .. } => "version",
            InviteError::Invalid { problems } => problems.first().map_or(WHOLE_INVITE, |p| p.field.as_str()),
            InviteError::Link { .. } => LINK,
            InviteError::AccountNotConfirmed { .. } => VENDOR_ACCOUNT_ID,
            InviteError::Altered { .. } => "signature",
            InviteError::VendorKeys { .. } => VENDOR_KEYS_ENV,
            InviteError::BuiltInKeys { .. } => "signature",
            InviteError::Expired { .. } => "expires_at",
        }
    }

    /// Every field problem: the list of [`InviteError::Invalid`], or this error as one problem.
    pub fn problems(&self) -> Vec<FieldProblem> {
        match self {
            InviteError::Invalid { problems } => problems.clone(),
            other => vec![FieldProblem::new(other.field(), other.to_string())],
        }
    }
}

impl Explain for InviteError {
    fn failure(&self) -> Failure {
        let message = format!("{}.", capitalized(&self.to_string()));
        let hint = match self {
            InviteError::UnsupportedVersion { found } if *found > u64::from(super::INVITE_VERSION) => {
                "Update Private Deploy, or ask the vendor for a new invite in version 2 format."
            }
            InviteError::AccountNotConfirmed { .. } => {
                "Type the vendor's 12-digit AWS account ID exactly as the invite shows it, without dashes; \
                 if it is not the account you expect, ask the vendor for a new invite."
            }
            InviteError::Altered { .. } => {
                "Do not use this invite. Ask the vendor for a new one through a channel you trust, and tell them \
                 this one did not verify."
            }
            InviteError::Unreadable { .. } | InviteError::NotAFile { .. } => {
                "Check the path: it must be the invite file the vendor sent (a .json file), or save it again."
            }
            InviteError::VendorKeys { .. } => {
                "Fix the file or unset the variable; it is only meant for tests and a vendor's staging."
            }
            InviteError::BuiltInKeys { .. } => {
                "This copy of Private Deploy was built with a broken vendor key table: get the installer again \
                 from the vendor, and tell them."
            }
            InviteError::Expired { .. } => {
                "Ask the vendor for a new invite: an invite is valid for a limited time so that an old link \
                 cannot be used later."
            }
            _ => "Ask the vendor for a new invite; do not edit it by hand.",
        };
        let code = match self {
            InviteError::Expired { .. } => ErrorCode::InviteExpired,
            _ => ErrorCode::InvalidInput,
        };
        let failure = Failure::new(code, message).with_hint(hint);
        // The vendor keys are the environment's, not a choice made in the window.
        match self {
            InviteError::VendorKeys { .. } | InviteError::BuiltInKeys { .. } => failure,
            _ => failure.fixed_at(crate::failure::FixStep::Invite),
        }
    }
}

impl From<InviteError> for Failure {
    fn from(err: InviteError) -> Self {
        err.failure()
    }
}

fn list(problems: &[FieldProblem]) -> String {
    let mut text =
        problems.iter().take(PROBLEMS_IN_MESSAGE).map(FieldProblem::to_string).collect::<Vec<_>>().join("; ");
    if problems.len() > PROBLEMS_IN_MESSAGE {
        text.push_str(&format!("; and {} more", problems.len() - PROBLEMS_IN_MESSAGE));
    }
    text
}
