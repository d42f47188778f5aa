//! Why a Manage action was refused, or why its result could not be verified.

use crate::engine::failure::{ErrorCode, Failure};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccessError {
    #[error("the account ID typed to confirm ({typed:?}) is not the signed-in account")]
    NotConfirmed { typed: String, account: String },
    #[error("account {account} has no installation in the journal")]
    NoInstallation { account: String },
    #[error("account {account} has several installations: {ids}")]
    WhichInstallation { account: String, ids: String },
    #[error("the access stack of installation {installation_id} was never created, or has been deleted")]
    NoAccessStack { installation_id: String },
    #[error("role {role} no longer exists")]
    RoleGone { role: String },
    #[error("after {action}, IAM shows {found}, not {expected}")]
    NotVerified { action: String, expected: String, found: String },
    #[error("{hours} hours is not a window this app opens")]
    BadHours { hours: u32 },
    #[error("the environment stack of installation {installation_id} has no {what}")]
    NotInEnvironment { installation_id: String, what: &'static str },
}

/// The longest window "open for N hours" opens: a week. Longer is "always open".
pub const MAX_WINDOW_HOURS: u32 = 24 * 7;

impl AccessError {
    pub fn failure(&self) -> Failure {
        let message = format!("{}.", capitalized(&self.to_string()));
        let (code, hint) = match self {
            AccessError::NotConfirmed { account, .. } => {
                (ErrorCode::InvalidInput, format!("Type the account ID {account} to confirm; nothing was changed."))
            }
            AccessError::NoInstallation { .. } => {
                (ErrorCode::NotFound, "Install first, or sign in to the account that has the installation.".to_owned())
            }
            AccessError::WhichInstallation { .. } => {
                (ErrorCode::InvalidInput, "Name the installation (with the CLI: --installation ID).".to_owned())
            }
            AccessError::NoAccessStack { .. } | AccessError::RoleGone { .. } => (
                ErrorCode::NotFound,
                "The vendor has no access through it any more. To give access again, install again from the invite."
                    .to_owned(),
            ),
            AccessError::NotVerified { .. } => (
                ErrorCode::NotVerified,
                "Something else changed the role at the same time, or IAM has not caught up: read the status again \
                 and repeat the action if needed."
                    .to_owned(),
            ),
            AccessError::BadHours { .. } => (
                ErrorCode::InvalidInput,
                format!("Open the window for 1 to {MAX_WINDOW_HOURS} hours, or choose \"always open\"."),
            ),
            AccessError::NotInEnvironment { .. } => (
                ErrorCode::NotFound,
                "Check the environment stack in the CloudFormation console; install again if it is gone.".to_owned(),
            ),
        };
        Failure::new(code, message).with_hint(hint)
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// Checks the account ID the admin typed to confirm a destructive action, before any write.
pub fn confirm_account(typed: &str, account: &str) -> Result<(), AccessError> {
    if typed.trim() == account {
        Ok(())
    } else {
        Err(AccessError::NotConfirmed { typed: typed.to_owned(), account: account.to_owned() })
    }
}
