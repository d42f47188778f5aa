//! CloudFormation stacks as the install and the deletes share them: the calls in the engine's
//! terms, what each status means (one classification), watching a launched stack to the end
//! (new events only, nested stacks, throttling), the root cause of a failure, and deletes that
//! finish on AWS (fresh tokens, `DELETE_FAILED`, what else lives in the VPC).
//!
//! - `cloudformation`: the calls, each error mapped once.
//! - `status`: what CloudFormation's statuses mean, in one place.
//! - `tracker`, `timing`: the polling of one stack and how often; `root_cause`: why it failed.
//! - `deleting`: deletes that finish (wait, fresh tokens, DELETE_FAILED), and Clean up.
//! - `interfaces`: what else is in the environment's VPC (it keeps the VPC from being deleted).

pub(crate) mod cloudformation;
pub(crate) mod deleting;
pub(crate) mod interfaces;
pub(crate) mod root_cause;
pub(crate) mod status;
pub(crate) mod timing;
pub(crate) mod tracker;

#[cfg(test)]
pub(crate) mod delete_mock_tests;
#[cfg(test)]
pub(crate) mod fake_cloudformation;

pub use root_cause::root_cause;
pub use status::{
    class, continue_rollback_hint, health, resource_class, ResourceStatus, StackHealth, StackStatus, StatusClass,
};
pub use timing::{default_duration, next_interval, Estimates, PollOutcome, FAST, IDLE_MAX, THROTTLED_MAX};

pub(crate) use cloudformation::describe_stack;
pub(crate) use deleting::{check_options, clean_up, delete_and_wait, inspect, mode_for, what_stays};
pub(crate) use interfaces::foreign_interfaces;
pub(crate) use tracker::Watch;
