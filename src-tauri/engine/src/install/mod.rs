//! Installing: the plan (which stacks, where, with which parameters), launching them with
//! CloudFormation so that no click, retry or crash ever makes a second stack, watching them
//! to the end with live, typed progress events, the root cause when one fails, and Clean up.
//! Everything seen goes to the journal first, so an install survives the app being closed
//! or killed and is picked up again on the next start.
//!
//! - `plan`: the stacks, their templates and parameters, worked out before any change in AWS.
//! - `adopt`: whether a stack found under the installation's name is the installation's.
//! - `run`: launch or re-attach, watch each stack in turn, Clean up.
//! - `tracker`: the polling of one stack and the stacks nested under it.
//! - `deleting`: deletes that finish (wait, fresh tokens, DELETE_FAILED), and Clean up.
//! - `status`: what CloudFormation's statuses mean, in one place.
//! - `interfaces`: what else is in the environment's VPC (it keeps the VPC from being deleted).
//! - `cfn`: the CloudFormation calls. `progress`, `timing`, `root_cause`: what is shown.
//! - `model`: the types the window and the CLI get; `sink`: where events go.
//!
//! The engine methods are in `crate::installing`.

mod adopt;
pub(crate) mod cfn;
mod deleting;
mod error;
mod fanout;
mod interfaces;
mod model;
mod plan;
mod progress;
mod root_cause;
mod run;
mod sink;
mod status;
mod template_resources;
mod timing;
mod tracker;

#[cfg(test)]
mod delete_mock_tests;
#[cfg(test)]
pub(crate) mod fake_cloudformation;
#[cfg(test)]
pub(crate) mod mock_tests;

pub use adopt::{check_adoptable, parameter_differences};
pub use error::{InstallError, ParameterDifference};
pub use fanout::{Fanout, RunResult};
pub use model::{
    DeleteOptions, DeletionPreview, FailedResource, ForeignInterface, InstallEvent, InstallOutcome, InstallRequest,
    InstallState, InstallationStatus, PlannedStack, RootCause, StackDeletion, StackKind, StackOutput, StackView,
};
pub use plan::{
    check_vendor_account, effective_boundary, plan, request_token, stack_name, InstallPlan, PlanSummary, StackPlan,
};
pub use root_cause::root_cause;
pub use sink::{CollectSink, InstallSink};
pub use status::{continue_rollback_hint, health, health_of, ResourceStatus, StackHealth, StackStatus};
pub use template_resources::{created_resources, template_resources, TemplateResource};
pub use timing::{default_duration, next_interval, Estimates, PollOutcome, FAST, IDLE_MAX, THROTTLED_MAX};

pub(crate) use cfn::describe_stack;
pub(crate) use deleting::{check_options, clean_up, delete_and_wait, inspect, mode_for, what_stays};
pub(crate) use interfaces::foreign_interfaces;
pub(crate) use run::run_install_with;
pub(crate) use tracker::Watch;
