//! Installing: the plan (which stacks, where, with which parameters), launching them with
//! CloudFormation so that no click, retry or crash ever makes a second stack, watching them
//! to the end with live, typed progress events, the root cause when one fails, and Clean up.
//! Everything seen goes to the journal first, so an install survives the app being closed
//! or killed and is picked up again on the next start.
//!
//! - `plan`: the stacks, their templates and parameters, worked out before any change in AWS.
//! - `adopt`: whether a stack found under the installation's name is the installation's.
//! - `adopting`: what a plan reads from the account first (network, zones, stacks to adopt).
//! - `run`: launch or re-attach, watch each stack in turn (with `crate::stacks`), Clean up.
//! - `following`, `fanout`: one run per installation, which every caller joins.
//! - `progress`, `template_resources`: the progress bar and its estimate (the plan's too).
//! - `phase`: where an installation stands in its life (in flight, ready, failed with the
//!   vendor's role live, deleted), which the window follows.
//! - `connectivity`: whether AWS can be reached while the install is followed.
//! - `model`: the types the window and the CLI get; `sink`: where events go.
//! - `draft`: the window's choices before an install, saved and restored across restarts.
//! - `operations`: the engine calls of the Install step; `landing`: where the admin lands after
//!   signing in (resume an install, Manage, or a new install).

pub(crate) mod adopt;
pub(crate) mod adopting;
pub(crate) mod connectivity;
pub(crate) mod draft;
pub(crate) mod error;
pub(crate) mod fanout;
pub(crate) mod following;
pub(crate) mod landing;
pub(crate) mod model;
pub(crate) mod operations;
pub(crate) mod phase;
pub(crate) mod plan;
pub(crate) mod progress;
pub(crate) mod run;
pub(crate) mod sink;
pub(crate) mod template_resources;

#[cfg(test)]
pub(crate) mod mock_tests;

pub use adopt::{check_adoptable, parameter_differences};
pub use draft::{DraftChoices, InstallDraft, RestoredDraft};
pub use error::{InstallError, ParameterDifference};
pub use fanout::{Fanout, RunResult};
pub use landing::{landing_for, manageable, Landing};
pub use model::{
    DeleteOptions, DeletionPreview, FailedResource, ForeignInterface, InstallEvent, InstallOutcome, InstallRequest,
    InstallState, InstallationStatus, PlannedStack, RootCause, StackDeletion, StackKind, StackOutput, StackView,
};
pub use phase::InstallPhase;
pub use plan::{
    check_customer_account, check_vendor_account, effective_boundary, plan, request_token, stack_name, InstallPlan,
    PlanSummary, StackPlan,
};
pub use sink::{CollectSink, InstallSink};
pub use template_resources::{created_resources, template_resources, TemplateResource};

pub use operations::AUTO_CIDR;

pub(crate) use following::Runs;
pub(crate) use run::run_install_with;
