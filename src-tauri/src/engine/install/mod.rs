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
//! - `cfn`: the CloudFormation calls. `progress`, `timing`, `root_cause`: what is shown.
//! - `model`: the types the window and the CLI get; `sink`: where events go.
//!
//! The engine methods are in `crate::engine::installing`.

mod adopt;
pub(crate) mod cfn;
mod error;
mod fanout;
mod model;
mod plan;
mod progress;
mod root_cause;
mod run;
mod sink;
mod template_resources;
mod timing;
mod tracker;

#[cfg(test)]
pub(crate) mod fake_cloudformation;
#[cfg(test)]
mod mock_tests;

pub use adopt::{check_adoptable, parameter_differences};
pub use error::{InstallError, ParameterDifference};
pub use fanout::{Fanout, RunResult};
pub use model::{
    InstallEvent, InstallOutcome, InstallRequest, InstallState, InstallationStatus, PlannedStack, RootCause, StackKind,
    StackOutput, StackView,
};
pub use plan::{
    check_vendor_account, effective_boundary, plan, request_token, stack_name, InstallPlan, PlanSummary, StackPlan,
};
pub use progress::is_done_status;
pub use root_cause::root_cause;
pub use sink::{CollectSink, InstallSink};
pub use template_resources::{created_resources, template_resources, TemplateResource};
pub use timing::{default_duration, next_interval, Estimates, PollOutcome, FAST, IDLE_MAX, THROTTLED_MAX};
pub use tracker::{is_failed, is_success};

pub(crate) use cfn::describe_stack;
pub(crate) use run::{clean_up, run_install_with, wait_deleted};
pub(crate) use tracker::Watch;
