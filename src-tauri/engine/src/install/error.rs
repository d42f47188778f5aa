//! Why an install, a retry or a clean-up was refused or stopped, in the admin's terms.

use super::model::FailedResource;
use crate::failure::{ErrorCode, Explain, Failure, FixStep};
use crate::stacks::status::{continue_rollback_hint, StackStatus};
use crate::text::capitalized;

/// A parameter of a stack found under the installation's name that is not what the plan says.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ParameterDifference {
    pub key: String,
    pub expected: String,
    /// `None` when the stack has no such parameter.
    pub found: Option<String>,
}

impl std::fmt::Display for ParameterDifference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.found {
            Some(found) => write!(f, "{} is {found:?}, expected {:?}", self.key, self.expected),
            None => write!(f, "{} is not set, expected {:?}", self.key, self.expected),
        }
    }
}

fn listed(differences: &[ParameterDifference]) -> String {
    differences.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InstallError {
    #[error("the invite is not verified ({status}), and the vendor's AWS account ID was not confirmed")]
    NotConfirmed { status: String },
    #[error("there is no free /{prefix} block in private address space that overlaps none of the account's VPCs")]
    NoFreeBlock { prefix: u8 },
    #[error("installation {installation_id} was already started with {what} {recorded}, not {requested}")]
    Conflict { installation_id: String, what: &'static str, recorded: String, requested: String },
    #[error("installation {installation_id} was started with a different invite")]
    DifferentInvite { installation_id: String },
    #[error("there is no installation {installation_id} of account {account} in the journal")]
    Unknown { installation_id: String, account: String },
    #[error("stack {stack} is {status}: it has to be cleaned up before it can be launched again")]
    NeedsCleanUp { stack: String, status: StackStatus },
    #[error("stack {stack} is {status}; wait until CloudFormation has finished with it")]
    StackBusy { stack: String, status: StackStatus },
    /// The stack kept appearing and disappearing while the install tried to launch it.
    #[error("stack {stack} is being created and deleted; wait until CloudFormation has finished with it")]
    StackChurning { stack: String },
    #[error("installation {installation_id} has no failed stack to clean up")]
    NothingToCleanUp { installation_id: String },
    #[error("stack {stack} could not be deleted ({status}{}){}", reason.as_deref().map(|r| format!(": {r}")).unwrap_or_default(), failed_list(resources))]
    DeleteFailed { stack: String, status: StackStatus, reason: Option<String>, resources: Vec<FailedResource> },
    #[error("deleting the stacks stopped: {}", cause.message.trim_end_matches('.'))]
    DeleteStopped { done: Vec<String>, left: Vec<String>, cause: Box<Failure> },
    #[error("stack {stack} is UPDATE_ROLLBACK_FAILED: an update failed and its rollback failed too")]
    ContinueRollback { stack: String, region: String },
    #[error("stack {stack} ({stack_id}) can no longer be found")]
    StackVanished { stack: String, stack_id: String },
    #[error("CloudFormation did not answer for {minutes} minutes while watching stack {stack}")]
    Unreachable { stack: String, minutes: u64 },
    #[error("installation {installation_id} is {state}, not in flight")]
    NotInFlight { installation_id: String, state: String },
    #[error("installation {installation_id} is being installed right now")]
    Running { installation_id: String },
    #[error(
        "the invite names account {account}, the account you are signed in to, as {vendor}'s account: \
         the vendor's role would trust itself, so anyone allowed to assume roles in this account would get the vendor's access"
    )]
    VendorIsThisAccount { account: String, vendor: String },
    #[error("{vendor}'s invite is for AWS account {expected}, but you are signed in to account {signed_in}")]
    NotTheCustomerAccount { expected: String, signed_in: String, vendor: String },
    #[error(
        "stack {stack} in {region} has this installation's name but other parameters, so it was not made for this \
         invite and plan: {}",
        listed(differences)
    )]
    NotAdoptable { stack: String, region: String, differences: Vec<ParameterDifference> },
    #[error("retaining named resources and forcing the delete cannot be asked together")]
    RetainAndForce,
    #[error(
        "retaining resources or forcing the delete applies only to a stack in DELETE_FAILED, and no stack of this \
         installation is"
    )]
    NoDeleteFailed,
    #[error("{logical_id} is not a resource that failed to delete")]
    NotAFailedResource { logical_id: String, failed: Vec<String> },
}

impl Explain for InstallError {
    fn failure(&self) -> Failure {
        let message = format!("{}.", capitalized(&self.to_string()));
        let (code, hint) = match self {
            InstallError::NotConfirmed { .. } => (
                ErrorCode::InvalidInput,
                "Type the vendor's 12-digit AWS account ID to confirm who the invite is from \
                 (with the CLI: --confirm-vendor-account ID)."
                    .to_owned(),
            ),
            InstallError::NoFreeBlock { .. } => (
                ErrorCode::InvalidInput,
                "Choose one of the suggested blocks (`private-deploy cidr suggest`), or another block that \
                 conflicts with nothing."
                    .to_owned(),
            ),
            InstallError::DifferentInvite { .. } => {
                (ErrorCode::InvalidInput, "Ask the vendor for a corrected invite.".to_owned())
            }
            InstallError::Conflict { what, recorded, .. } => (
                ErrorCode::InvalidInput,
                format!("Install again with the {what} {recorded}, or clean up the installation first."),
            ),
            InstallError::Unknown { .. } => {
                (ErrorCode::NotFound, "Run `private-deploy status` to list the installations.".to_owned())
            }
            InstallError::NeedsCleanUp { .. } => (
                ErrorCode::NeedsCleanUp,
                "Clean up the failed stack (it deletes it), then retry the install.".to_owned(),
            ),
            InstallError::StackBusy { .. } | InstallError::StackChurning { .. } => {
                (ErrorCode::StackBusy, "Try again in a few minutes.".to_owned())
            }
            InstallError::NothingToCleanUp { .. } => (
                ErrorCode::InvalidInput,
                "Clean up deletes only a stack whose create failed (CREATE_FAILED, ROLLBACK_*) or whose delete failed \
                 (DELETE_FAILED); a stack that works, UPDATE_ROLLBACK_COMPLETE included, is never deleted by it."
                    .to_owned(),
            ),
            InstallError::DeleteFailed { resources, .. } if !resources.is_empty() => {
                let ids: Vec<&str> = resources.iter().map(|r| r.logical_id.as_str()).collect();
                (
                    ErrorCode::StackFailed,
                    format!(
                        "Remove what still uses them and delete again; or delete again keeping them (--retain {}), \
                         or force the delete (--force): what is kept stays in the account, and keeps costing money, \
                         until you delete it yourself.",
                        ids.join(" --retain ")
                    ),
                )
            }
            InstallError::DeleteFailed { .. } => (
                ErrorCode::StackFailed,
                "Open the stack in the CloudFormation console to see what is left, remove it, then delete again."
                    .to_owned(),
            ),
            InstallError::DeleteStopped { done, left, cause } => {
                let done = if done.is_empty() { "nothing".to_owned() } else { done.join("; ") };
                let message = format!("{message} Done: {done}. Left: {}.", left.join("; "));
                let hint =
                    cause.hint.clone().unwrap_or_else(|| "Fix the cause, then delete the stacks again.".to_owned());
                return Failure::new(cause.code, message)
                    .with_hint(format!("{hint} The steps done stay done: the vendor has no more access than before."));
            }
            InstallError::ContinueRollback { stack, region } => {
                (ErrorCode::StackFailed, continue_rollback_hint(stack, region))
            }
            InstallError::StackVanished { .. } => (
                ErrorCode::StackFailed,
                "It was deleted outside Private Deploy: clean up, then retry the install.".to_owned(),
            ),
            InstallError::NotInFlight { .. } => {
                (ErrorCode::InvalidInput, "Open its status instead (`private-deploy status`).".to_owned())
            }
            InstallError::Running { .. } => (
                ErrorCode::StackBusy,
                "Wait for the install to finish or fail; clean up only a failed install.".to_owned(),
            ),
            InstallError::VendorIsThisAccount { vendor, .. } => (
                ErrorCode::InvalidInput,
                format!(
                    "The invite was probably opened in the vendor's own account: sign in with a profile of the \
                     account the environment is for, or ask {vendor} for a corrected invite."
                ),
            ),
            InstallError::NotTheCustomerAccount { expected, vendor, .. } => (
                ErrorCode::OtherAccount,
                format!(
                    "Sign in with a profile of account {expected}, the one {vendor} made this invite for; if the \
                     environment belongs in this account, ask {vendor} for an invite for it."
                ),
            ),
            InstallError::NotAdoptable { stack, region, .. } => (
                ErrorCode::InvalidInput,
                format!(
                    "Nothing was changed. If it is an earlier install of this installation with other settings, \
                     delete it (`aws cloudformation delete-stack --stack-name {stack} --region {region}`) and \
                     install again; if it is not yours to delete, ask the vendor for an invite with another \
                     installation ID."
                ),
            ),
            InstallError::Unreachable { .. } => (
                ErrorCode::Network,
                "Nothing is lost: check the network, then run the install again to pick up where it was.".to_owned(),
            ),
            InstallError::RetainAndForce => (
                ErrorCode::InvalidInput,
                "Choose one: --retain LOGICAL_ID (repeatable) keeps those resources; --force keeps every resource \
                 that cannot be deleted."
                    .to_owned(),
            ),
            InstallError::NoDeleteFailed => (
                ErrorCode::InvalidInput,
                "Delete without --retain or --force; if that delete fails, its resources that failed are listed."
                    .to_owned(),
            ),
            InstallError::NotAFailedResource { failed, .. } => (
                ErrorCode::InvalidInput,
                format!("Retain only resources that failed to delete: {}.", failed.join(", ")),
            ),
        };
        let failure = Failure::new(code, message).with_hint(hint);
        match self.fix_step() {
            Some(step) => failure.fixed_at(step),
            None => failure,
        }
    }
}

impl InstallError {
    /// The step whose choice this error is about, for the errors that are.
    fn fix_step(&self) -> Option<FixStep> {
        match self {
            InstallError::NotConfirmed { .. } | InstallError::DifferentInvite { .. } => Some(FixStep::Invite),
            InstallError::NoFreeBlock { .. } => Some(FixStep::Network),
            InstallError::VendorIsThisAccount { .. } | InstallError::NotTheCustomerAccount { .. } => {
                Some(FixStep::SignIn)
            }
            InstallError::Conflict { what, .. } => match *what {
                "region" => Some(FixStep::Region),
                "permissions boundary" => Some(FixStep::ReviewAccess),
                _ => Some(FixStep::Network),
            },
            _ => None,
        }
    }
}

fn failed_list(resources: &[FailedResource]) -> String {
    if resources.is_empty() {
        return String::new();
    }
    let each: Vec<String> = resources
        .iter()
        .map(|r| {
            let physical = r.physical_id.as_deref().map(|p| format!(" {p}")).unwrap_or_default();
            format!("{} ({}{physical}): {}", r.logical_id, r.resource_type, r.reason.trim_end_matches('.'))
        })
        .collect();
    format!(". Not deleted: {}", each.join("; "))
}
