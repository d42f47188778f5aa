//! The one shape in which every engine error leaves the engine: `{code, message, hint}`.
//!
//! The window gets it over IPC and the CLI prints it (as JSON with `--json`), so a script and
//! a person see the same stable code and the same sentence.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Stable, machine-readable error codes. Add variants; never rename one (scripts match on them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    NoCredentials,
    InvalidCredentials,
    ExpiredCredentials,
    SsoLoginRequired,
    AccessDenied,
    Throttled,
    Network,
    ProfileNotFound,
    ProfileConfig,
    RegionDisabled,
    /// The profile signs in to AWS in China or GovCloud and no region is set: one must be passed.
    RegionRequired,
    /// A value the user gave (a CIDR block, a region name, a number) is not acceptable.
    InvalidInput,
    /// The step needs a signed-in session.
    NotSignedIn,
    Journal,
    Internal,
    /// A stack failed and rolled back; it must be cleaned up before a retry.
    NeedsCleanUp,
    /// CloudFormation is still busy with a stack (deleting it, say).
    StackBusy,
    /// A stack could not be created or deleted.
    StackFailed,
    /// What the action is about (the installation, the role, a stack) does not exist.
    NotFound,
    /// A change was made but reading it back did not show it.
    NotVerified,
    /// AWS answered with a server error (HTTP 5xx) on every attempt the SDK made.
    AwsUnavailable,
    /// The vendor's role was changed outside Private Deploy: an action that grants access waits
    /// until the admin has reviewed and accepted the changes.
    ChangedOutside,
    /// A role profile needs a code from its MFA device, or AWS did not accept the one given.
    MfaRequired,
    /// The IAM Identity Center sign-in was denied in the browser.
    SsoLoginDenied,
    /// The IAM Identity Center sign-in code expired before it was approved.
    SsoLoginExpired,
    /// The IAM Identity Center sign-in was cancelled (or is no longer waiting).
    SsoLoginCancelled,
    /// A sign-in is to another account than the one the work waiting for it acts in.
    OtherAccount,
    /// The invite's `expires_at` has passed.
    InviteExpired,
    /// A preflight check failed, so the install was not started.
    PreflightFailed,
    /// An update was refused: unsigned, or its signature does not verify against the release key.
    UpdateRefused,
    /// An update could not be read or installed.
    UpdateFailed,
    /// The vendor's endpoint refused the hand-off (it answered, not with success).
    HandoffRefused,
    /// The hand-off could not be delivered to the vendor's endpoint after every attempt.
    HandoffUndelivered,
}

/// The wizard step where the admin makes the choice an error is about: the window offers
/// "Back to <step>" instead of a "Try again" that would repeat the failure. The names are the
/// window's step ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum FixStep {
    Invite,
    SignIn,
    ReviewAccess,
    Region,
    Network,
}

/// What the UI and the CLI show for a failed operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(rename = "IpcError")]
pub struct Failure {
    pub code: ErrorCode,
    /// One sentence that says what went wrong, in the user's terms.
    pub message: String,
    /// What to do about it, when there is something to do.
    pub hint: Option<String>,
    /// A shell command that fixes it (`aws sso login --profile NAME`), shown once, to copy:
    /// the message and hint do not repeat it.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
    /// The step whose choice caused it, when the error is about a choice.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<FixStep>,
}

impl Failure {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), hint: None, command: None, fix: None }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_command(mut self, command: impl Into<String>) -> Self {
        self.command = Some(command.into());
        self
    }

    pub fn fixed_at(mut self, step: FixStep) -> Self {
        self.fix = Some(step);
        self
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n{hint}")?;
        }
        if let Some(command) = &self.command {
            write!(f, "\n  {command}")?;
        }
        Ok(())
    }
}

/// What an engine error tells the person who hit it: a stable code, one sentence, and what to
/// do. Every error enum implements it once; the window and `--json` get the [`Failure`] it builds.
pub trait Explain {
    fn failure(&self) -> Failure;
}

/// Any engine failure, before it is turned into a [`Failure`] for the user.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Aws(#[from] crate::aws::AwsError),
    #[error(transparent)]
    Journal(#[from] crate::journal::JournalError),
    #[error(transparent)]
    Cidr(#[from] crate::network::cidr::CidrError),
    #[error(transparent)]
    Invite(#[from] crate::invite::InviteError),
    #[error(transparent)]
    Install(#[from] crate::install::InstallError),
    #[error(transparent)]
    Access(#[from] crate::access::AccessError),
    #[error(transparent)]
    Network(#[from] crate::network::NetworkError),
    #[error(transparent)]
    Template(#[from] crate::templates::TemplateError),
    #[error(transparent)]
    Paste(#[from] crate::aws::PasteError),
    #[error(transparent)]
    Renewal(#[from] crate::renewal::RenewalError),
    #[error(transparent)]
    Handoff(#[from] crate::handoff::HandoffError),
    #[error("region {region} is not enabled in this account")]
    RegionDisabled { region: String },
    #[error("no AWS session: sign in first")]
    NotSignedIn,
    /// A failure of a run this caller joined, as the run's owner reported it.
    #[error("{0}")]
    Reported(Failure),
    #[error("the install was left before it finished")]
    RunAbandoned,
}

impl Explain for Error {
    fn failure(&self) -> Failure {
        match self {
            Error::Aws(e) => e.failure(),
            Error::Journal(e) => e.failure(),
            Error::Invite(e) => e.failure(),
            Error::Install(e) => e.failure(),
            Error::Access(e) => e.failure(),
            Error::Cidr(e) => e.failure(),
            Error::Network(e) => e.failure(),
            Error::Template(e) => e.failure(),
            Error::Paste(e) => e.failure(),
            Error::Renewal(e) => e.failure(),
            Error::Handoff(e) => e.failure(),
            Error::RegionDisabled { region } => Failure::new(ErrorCode::RegionDisabled, format!("{self}."))
                .with_hint(format!(
                    "Enable {region} in the AWS console (Account > AWS Regions), or choose another region."
                ))
                .fixed_at(FixStep::Region),
            Error::NotSignedIn => Failure::new(ErrorCode::NotSignedIn, "No AWS session yet.")
                .with_hint("Sign in with an AWS profile first.")
                .fixed_at(FixStep::SignIn),
            Error::Reported(failure) => failure.clone(),
            Error::RunAbandoned => Failure::new(ErrorCode::Internal, "The install was left before it finished.")
                .with_hint("Nothing is lost: the stacks go on, and opening the install again re-attaches to them."),
        }
    }
}

impl From<Failure> for Error {
    fn from(failure: Failure) -> Self {
        Error::Reported(failure)
    }
}

impl From<Error> for Failure {
    fn from(err: Error) -> Self {
        err.failure()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::install::InstallError;
    use crate::network::{BlockInput, NetworkError};
    use crate::stacks::status::StackStatus;

    fn conflict(what: &'static str) -> InstallError {
        InstallError::Conflict { installation_id: "acme".into(), what, recorded: "a".into(), requested: "b".into() }
    }

    #[test]
    fn errors_about_a_choice_point_to_the_step_that_makes_it() {
        let cases: Vec<(Error, Option<FixStep>)> = vec![
            (
                NetworkError::BlockRejected { block: "10.0.0.0/16".into(), reasons: "x".into() }.into(),
                Some(FixStep::Network),
            ),
            (NetworkError::NotABlock { text: "x".into(), what: BlockInput::VpcBlock }.into(), Some(FixStep::Network)),
            (NetworkError::UnknownRegion { name: "xx-1".into() }.into(), Some(FixStep::Region)),
            (Error::RegionDisabled { region: "ap-east-1".into() }, Some(FixStep::Region)),
            (Error::NotSignedIn, Some(FixStep::SignIn)),
            (InstallError::NoFreeBlock { prefix: 16 }.into(), Some(FixStep::Network)),
            (InstallError::NotConfirmed { status: "unsigned".into() }.into(), Some(FixStep::Invite)),
            (
                InstallError::VendorIsThisAccount { account: "1".into(), vendor: "Acme".into() }.into(),
                Some(FixStep::SignIn),
            ),
            (conflict("region").into(), Some(FixStep::Region)),
            (conflict("VPC block").into(), Some(FixStep::Network)),
            (conflict("permissions boundary").into(), Some(FixStep::ReviewAccess)),
            // Not about a choice made in the window: no step would fix it.
            (
                InstallError::NeedsCleanUp { stack: "s".into(), status: StackStatus::from("ROLLBACK_COMPLETE") }.into(),
                None,
            ),
            (InstallError::Unreachable { stack: "s".into(), minutes: 5 }.into(), None),
        ];
        for (err, step) in cases {
            assert_eq!(err.failure().fix, step, "{err}");
        }
    }

    #[test]
    fn the_fix_and_command_are_sent_only_when_there_is_one() {
        let plain = serde_json::to_value(Failure::new(ErrorCode::Internal, "x")).unwrap();
        assert_eq!(plain, serde_json::json!({ "code": "internal", "message": "x", "hint": null }));
        let pointed = Failure::new(ErrorCode::InvalidInput, "x").fixed_at(FixStep::ReviewAccess).with_command("aws x");
        let value = serde_json::to_value(&pointed).unwrap();
        assert_eq!(value["fix"], "review-access");
        assert_eq!(value["command"], "aws x");
        assert_eq!(serde_json::from_value::<Failure>(value).unwrap(), pointed);
    }
}
