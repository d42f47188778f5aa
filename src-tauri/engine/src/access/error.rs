//! Why a Manage action was refused, why its result could not be verified, or how far it got.

use super::drift::Drift;
use crate::failure::{ErrorCode, Explain, Failure};
use crate::text::capitalized;

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
    #[error(
        "the journal has no record of the role of installation {installation_id}: its access stack never completed"
    )]
    NoBaseline { installation_id: String },
    #[error("{action} was refused: the role was changed outside Private Deploy: {}", sentences(changes))]
    Drift { action: String, role: String, changes: Vec<Drift> },
    #[error("the role changed again since it was reviewed: {}", sentences(changes))]
    DriftChanged { changes: Vec<Drift> },
    #[error(
        "policy {arn} exists already, but it is not the boundary Private Deploy would create: its document differs"
    )]
    ForeignBoundary { arn: String },
    #[error("{0}")]
    Partial(Box<Stopped>),
    #[error("nothing was changed: this action needs the account ID typed to confirm it")]
    ConfirmationMissing,
    #[error("there is no VPC {vpc_id} in {region}")]
    NoSuchVpc { vpc_id: String, region: String },
    #[error("{text:?} is neither a VPC ID nor an IPv4 CIDR block")]
    NotDatabaseNetwork { text: String },
    #[error("{text:?} is not a duration or a time")]
    NotASince { text: String },
    #[error("there is no region to read CloudTrail in")]
    NoAuditRegion,
    #[error("the tightened policy cannot be read: {reason}")]
    UnreadablePreview { reason: String },
}

/// An action that stopped part-way: which steps were done, which were not, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{action} stopped part-way. Done: {}. Not done: {}. Because: {}", list(done), list(left), cause.message.trim_end_matches('.'))]
pub struct Stopped {
    pub action: String,
    pub done: Vec<String>,
    pub left: Vec<String>,
    pub cause: Failure,
}

fn sentences(changes: &[Drift]) -> String {
    changes.iter().enumerate().map(|(i, d)| format!("({}) {}", i + 1, d.sentence())).collect::<Vec<_>>().join("; ")
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "nothing".to_owned()
    } else {
        items.join(", ")
    }
}

/// The longest window "open for N hours" opens: a week. Longer is "always open".
pub const MAX_WINDOW_HOURS: u32 = 24 * 7;

impl Explain for AccessError {
    fn failure(&self) -> Failure {
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
            AccessError::NoBaseline { .. } => (
                ErrorCode::NotFound,
                "Run the install again from the invite: it re-attaches to the stacks and records the role.".to_owned(),
            ),
            AccessError::Drift { role, .. } => (
                ErrorCode::ChangedOutside,
                format!(
                    "Nothing was changed. Review role {role} in the IAM console (Roles > {role}) and undo what you did \
                     not expect. To go on with the role as it is now, accept the changes: with the CLI, run the same \
                     command with --accept-drift; in the window, tick \"I reviewed these changes\". Closing access \
                     (close, revoke, cut off, boundary, tighten, delete) is never refused."
                ),
            ),
            AccessError::DriftChanged { .. } => (
                ErrorCode::ChangedOutside,
                "Nothing was accepted or changed: read the status again, review the changes, and accept them again."
                    .to_owned(),
            ),
            AccessError::ForeignBoundary { arn } => (
                ErrorCode::ChangedOutside,
                format!(
                    "Nothing was changed: attaching it could give the role more, not less. Someone (the vendor's role \
                     can create policies) made a policy of the boundary's name. Check what uses it in the IAM console \
                     (Policies > {arn}), delete it, then attach the boundary again."
                ),
            ),
            AccessError::ConfirmationMissing => {
                (ErrorCode::InvalidInput, "Type the 12-digit ID of the signed-in AWS account.".to_owned())
            }
            AccessError::NoSuchVpc { region, .. } => (
                ErrorCode::InvalidInput,
                format!("The environment is in {region}; for a VPC in another region, type its CIDR block."),
            ),
            AccessError::NotDatabaseNetwork { .. } => (
                ErrorCode::InvalidInput,
                "Type the database's VPC ID (vpc-0123456789abcdef0) or its network's block (10.50.0.0/16).".to_owned(),
            ),
            AccessError::NotASince { .. } => (
                ErrorCode::InvalidInput,
                "Write a duration such as 90m, 24h or 7d, or a time such as 2026-11-20T09:00:00Z (at most 90 days \
                 ago)."
                    .to_owned(),
            ),
            AccessError::NoAuditRegion => {
                (ErrorCode::InvalidInput, "Sign in again so that the account's regions can be listed.".to_owned())
            }
            AccessError::UnreadablePreview { .. } => {
                (ErrorCode::InvalidInput, "Preview the tightened policy again.".to_owned())
            }
            AccessError::Partial(stopped) => {
                let cause = &stopped.cause;
                let then = "The journal records what was done; the vendor has no more access than before. Repeat \
                            the action to finish it.";
                let hint = match &cause.hint {
                    Some(h) => format!("{h} {then}"),
                    None => then.to_owned(),
                };
                return Failure::new(cause.code, message).with_hint(hint);
            }
        };
        Failure::new(code, message).with_hint(hint)
    }
}

/// Checks the account ID the admin typed to confirm a destructive action, before any write.
pub fn confirm_account(typed: &str, account: &str) -> Result<(), AccessError> {
    if typed.trim() == account {
        Ok(())
    } else {
        Err(AccessError::NotConfirmed { typed: typed.to_owned(), account: account.to_owned() })
    }
}
