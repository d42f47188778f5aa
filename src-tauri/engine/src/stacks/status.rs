//! What a stack's and a resource's status mean, in one place. CloudFormation's statuses come
//! as the SDK's enums ([`StackStatus`], [`ResourceStatus`]); everything the engine decides from
//! a status (is the stack ready, still moving, to be cleaned up, to be continued in the
//! console) goes through [`StackHealth`]; how a status is shown (its colour) is its
//! [`StatusClass`]. The journal and the events keep the text
//! (`as_str()`), converted here at the boundary.
//!
//! As AWS means them: a "last known stable state" is `CREATE_COMPLETE`, `UPDATE_COMPLETE`,
//! `UPDATE_ROLLBACK_COMPLETE`, `IMPORT_COMPLETE` or `IMPORT_ROLLBACK_COMPLETE`
//! (<https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_RollbackStack.html>),
//! so a vendor's update that rolled back leaves a healthy environment; only a failed create
//! (`CREATE_FAILED`, `ROLLBACK_*`) or a failed delete is the app's to clean up; and
//! `UPDATE_ROLLBACK_FAILED` is returned to `UPDATE_ROLLBACK_COMPLETE` by ContinueUpdateRollback
//! (<https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ContinueUpdateRollback.html>).

pub use aws_sdk_cloudformation::types::{ResourceStatus, StackStatus};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where a stack stands, as the app acts on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StackHealth {
    /// Created, updated or imported, or an update or import that was rolled back: it works.
    Healthy,
    /// CloudFormation is working on it (creating, updating, rolling back).
    InProgress,
    /// Being deleted.
    Deleting,
    /// The create failed (and rolled back): Clean up deletes it, Retry launches it again.
    FailedCreate,
    /// A delete stopped on resources it could not delete: retry, retain them, or force.
    DeleteFailed,
    /// Gone.
    Deleted,
    /// An update failed and its rollback failed too: continue the rollback in CloudFormation.
    UpdateRollbackFailed,
    /// An update or import failed outside the app (rollback disabled, or the import's rollback
    /// failed): the stack is left as it is for its owner to roll back.
    UpdateFailed,
    /// A status this version does not know.
    Unknown,
}

impl StackHealth {
    /// Nothing more happens to the stack by itself.
    pub fn is_settled(self) -> bool {
        !matches!(self, StackHealth::InProgress | StackHealth::Deleting)
    }

    /// Clean up deletes only a stack whose create failed, or whose delete failed; never a
    /// stack that works.
    pub fn needs_clean_up(self) -> bool {
        matches!(self, StackHealth::FailedCreate | StackHealth::DeleteFailed)
    }

    /// A settled stack that did not come up, or no longer works as installed: watching it ends
    /// in failure.
    pub fn is_failure(self) -> bool {
        matches!(
            self,
            StackHealth::FailedCreate
                | StackHealth::DeleteFailed
                | StackHealth::Deleted
                | StackHealth::UpdateRollbackFailed
                | StackHealth::UpdateFailed
        )
    }
}

/// The one classification of CloudFormation's stack statuses.
pub fn health(status: &StackStatus) -> StackHealth {
    use StackStatus as S;
    match status {
        S::CreateComplete
        | S::UpdateComplete
        | S::UpdateRollbackComplete
        | S::ImportComplete
        | S::ImportRollbackComplete => StackHealth::Healthy,
        S::CreateInProgress
        | S::RollbackInProgress
        | S::UpdateInProgress
        | S::UpdateCompleteCleanupInProgress
        | S::UpdateRollbackInProgress
        | S::UpdateRollbackCompleteCleanupInProgress
        | S::ImportInProgress
        | S::ImportRollbackInProgress
        | S::ReviewInProgress => StackHealth::InProgress,
        S::DeleteInProgress => StackHealth::Deleting,
        S::CreateFailed | S::RollbackComplete | S::RollbackFailed => StackHealth::FailedCreate,
        S::DeleteFailed => StackHealth::DeleteFailed,
        S::DeleteComplete => StackHealth::Deleted,
        S::UpdateRollbackFailed => StackHealth::UpdateRollbackFailed,
        S::UpdateFailed | S::ImportRollbackFailed => StackHealth::UpdateFailed,
        _ => StackHealth::Unknown,
    }
}

/// A resource that counts as done in the progress bar: created, updated or imported.
pub fn is_done(status: &ResourceStatus) -> bool {
    matches!(status, ResourceStatus::CreateComplete | ResourceStatus::UpdateComplete | ResourceStatus::ImportComplete)
}

/// A resource status that ended in failure (`*_FAILED`).
pub fn is_failed_resource(status: &ResourceStatus) -> bool {
    use ResourceStatus as R;
    matches!(
        status,
        R::CreateFailed
            | R::DeleteFailed
            | R::UpdateFailed
            | R::RollbackFailed
            | R::UpdateRollbackFailed
            | R::ImportFailed
            | R::ImportRollbackFailed
            | R::ExportFailed
            | R::ExportRollbackFailed
    )
}

/// A resource CloudFormation is working on (`*_IN_PROGRESS`).
pub fn is_resource_in_progress(status: &ResourceStatus) -> bool {
    use ResourceStatus as R;
    matches!(
        status,
        R::CreateInProgress
            | R::DeleteInProgress
            | R::UpdateInProgress
            | R::RollbackInProgress
            | R::UpdateRollbackInProgress
            | R::ImportInProgress
            | R::ImportRollbackInProgress
            | R::ExportInProgress
            | R::ExportRollbackInProgress
    )
}

/// Serde for the SDK's status enums (which have none), as the text AWS gives them: what crosses
/// IPC and JSON stays a string.
pub mod as_text {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<T: AsRef<str>, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(value.as_ref())
    }

    pub fn deserialize<'de, T: for<'a> From<&'a str>, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
        Ok(T::from(String::deserialize(d)?.as_str()))
    }
}

/// How a status is shown: the window colours each stack and resource status by its class, and
/// the engine sends the class with every status so that no shell reads meaning out of the text.
/// A rolled-back update or import is `Complete` (the stack works: see [`StackHealth`]); a
/// create that rolled back is `Rollback`; any `*_FAILED` is `Failed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StatusClass {
    /// CloudFormation is creating, updating or importing it.
    Progress,
    /// Created, updated or imported (or an update rolled back to what worked).
    Complete,
    /// An operation failed.
    Failed,
    /// Rolling back, or rolled back after a failed create.
    Rollback,
    /// Being deleted, deleted, or kept out of a delete (`DELETE_SKIPPED`).
    Deleted,
    /// A status this version does not know.
    Unknown,
}

/// The class of a stack status.
pub fn class(status: &StackStatus) -> StatusClass {
    use StackStatus as S;
    if health(status) == StackHealth::Healthy {
        return StatusClass::Complete;
    }
    match status {
        S::CreateInProgress
        | S::UpdateInProgress
        | S::UpdateCompleteCleanupInProgress
        | S::ImportInProgress
        | S::ReviewInProgress => StatusClass::Progress,
        S::CreateFailed
        | S::RollbackFailed
        | S::DeleteFailed
        | S::UpdateFailed
        | S::UpdateRollbackFailed
        | S::ImportRollbackFailed => StatusClass::Failed,
        S::RollbackInProgress
        | S::RollbackComplete
        | S::UpdateRollbackInProgress
        | S::UpdateRollbackCompleteCleanupInProgress
        | S::ImportRollbackInProgress => StatusClass::Rollback,
        S::DeleteInProgress | S::DeleteComplete => StatusClass::Deleted,
        _ => StatusClass::Unknown,
    }
}

/// The class of a resource status (a nested stack's resource is one too).
pub fn resource_class(status: &ResourceStatus) -> StatusClass {
    use ResourceStatus as R;
    match status {
        R::CreateComplete
        | R::UpdateComplete
        | R::ImportComplete
        | R::ExportComplete
        | R::UpdateRollbackComplete
        | R::ImportRollbackComplete => StatusClass::Complete,
        R::CreateInProgress | R::UpdateInProgress | R::ImportInProgress | R::ExportInProgress => StatusClass::Progress,
        R::CreateFailed
        | R::DeleteFailed
        | R::UpdateFailed
        | R::ImportFailed
        | R::ExportFailed
        | R::RollbackFailed
        | R::UpdateRollbackFailed
        | R::ImportRollbackFailed
        | R::ExportRollbackFailed => StatusClass::Failed,
        R::RollbackInProgress
        | R::RollbackComplete
        | R::UpdateRollbackInProgress
        | R::ImportRollbackInProgress
        | R::ExportRollbackInProgress
        | R::ExportRollbackComplete => StatusClass::Rollback,
        R::DeleteInProgress | R::DeleteComplete | R::DeleteSkipped => StatusClass::Deleted,
        _ => StatusClass::Unknown,
    }
}

/// What to do about a stack in `UPDATE_ROLLBACK_FAILED`: the console's action and the CLI's.
pub fn continue_rollback_hint(stack: &str, region: &str) -> String {
    format!(
        "An update of stack {stack} failed and so did its rollback. Fix what the stack's events name, then continue \
         the rollback: in the CloudFormation console (Stack actions > Continue update rollback), or \
         `aws cloudformation continue-update-rollback --stack-name {stack} --region {region}`. Private Deploy does \
         not delete a stack in this state."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn health_of(status: &str) -> StackHealth {
        health(&StackStatus::from(status))
    }

    #[test]
    fn resource_classes_match_the_names_aws_gives_them() {
        for status in ResourceStatus::values() {
            let status = ResourceStatus::from(*status);
            assert_eq!(is_failed_resource(&status), status.as_str().ends_with("_FAILED"), "{status}");
            assert_eq!(is_resource_in_progress(&status), status.as_str().ends_with("_IN_PROGRESS"), "{status}");
        }
    }

    #[test]
    fn every_status_has_one_meaning_and_rolled_back_updates_are_healthy() {
        let cases = [
            ("CREATE_COMPLETE", StackHealth::Healthy),
            ("UPDATE_COMPLETE", StackHealth::Healthy),
            ("UPDATE_ROLLBACK_COMPLETE", StackHealth::Healthy),
            ("IMPORT_COMPLETE", StackHealth::Healthy),
            ("IMPORT_ROLLBACK_COMPLETE", StackHealth::Healthy),
            ("CREATE_IN_PROGRESS", StackHealth::InProgress),
            ("ROLLBACK_IN_PROGRESS", StackHealth::InProgress),
            ("UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", StackHealth::InProgress),
            ("REVIEW_IN_PROGRESS", StackHealth::InProgress),
            ("DELETE_IN_PROGRESS", StackHealth::Deleting),
            ("CREATE_FAILED", StackHealth::FailedCreate),
            ("ROLLBACK_COMPLETE", StackHealth::FailedCreate),
            ("ROLLBACK_FAILED", StackHealth::FailedCreate),
            ("DELETE_FAILED", StackHealth::DeleteFailed),
            ("DELETE_COMPLETE", StackHealth::Deleted),
            ("UPDATE_ROLLBACK_FAILED", StackHealth::UpdateRollbackFailed),
            ("UPDATE_FAILED", StackHealth::UpdateFailed),
            ("IMPORT_ROLLBACK_FAILED", StackHealth::UpdateFailed),
            ("SOMETHING_NEW", StackHealth::Unknown),
        ];
        for (status, expected) in cases {
            assert_eq!(health_of(status), expected, "{status}");
        }
        let cleanable: Vec<&str> = cases.iter().filter(|(_, h)| h.needs_clean_up()).map(|(s, _)| *s).collect();
        assert_eq!(cleanable, ["CREATE_FAILED", "ROLLBACK_COMPLETE", "ROLLBACK_FAILED", "DELETE_FAILED"]);
        assert!(!health_of("UPDATE_ROLLBACK_COMPLETE").is_failure());
        assert!(health_of("UPDATE_ROLLBACK_FAILED").is_failure());
    }

    #[test]
    fn every_stack_status_has_one_class_and_a_rolled_back_update_is_complete() {
        use StatusClass as C;
        let cases = [
            ("CREATE_COMPLETE", C::Complete),
            ("UPDATE_ROLLBACK_COMPLETE", C::Complete),
            ("IMPORT_ROLLBACK_COMPLETE", C::Complete),
            ("CREATE_IN_PROGRESS", C::Progress),
            ("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", C::Progress),
            ("REVIEW_IN_PROGRESS", C::Progress),
            ("ROLLBACK_IN_PROGRESS", C::Rollback),
            ("ROLLBACK_COMPLETE", C::Rollback),
            ("UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", C::Rollback),
            ("CREATE_FAILED", C::Failed),
            ("ROLLBACK_FAILED", C::Failed),
            ("UPDATE_ROLLBACK_FAILED", C::Failed),
            ("IMPORT_ROLLBACK_FAILED", C::Failed),
            ("DELETE_FAILED", C::Failed),
            ("DELETE_IN_PROGRESS", C::Deleted),
            ("DELETE_COMPLETE", C::Deleted),
            ("SOMETHING_NEW", C::Unknown),
        ];
        for (status, expected) in cases {
            assert_eq!(class(&StackStatus::from(status)), expected, "{status}");
        }
        // Every known status has a class: a new SDK variant left out would show as Unknown.
        for status in StackStatus::values() {
            assert_ne!(class(&StackStatus::from(*status)), C::Unknown, "{status}");
        }
    }

    #[test]
    fn every_resource_status_has_one_class() {
        use StatusClass as C;
        let cases = [
            ("CREATE_COMPLETE", C::Complete),
            ("UPDATE_ROLLBACK_COMPLETE", C::Complete),
            ("CREATE_IN_PROGRESS", C::Progress),
            ("CREATE_FAILED", C::Failed),
            ("UPDATE_ROLLBACK_FAILED", C::Failed),
            ("ROLLBACK_COMPLETE", C::Rollback),
            ("DELETE_SKIPPED", C::Deleted),
            ("DELETE_COMPLETE", C::Deleted),
            ("SOMETHING_NEW", C::Unknown),
        ];
        for (status, expected) in cases {
            assert_eq!(resource_class(&ResourceStatus::from(status)), expected, "{status}");
        }
        for status in ResourceStatus::values() {
            assert_ne!(resource_class(&ResourceStatus::from(*status)), C::Unknown, "{status}");
        }
        assert_eq!(serde_json::to_string(&C::Rollback).unwrap(), "\"rollback\"");
    }

    #[test]
    fn the_continue_rollback_hint_names_the_console_action_and_the_cli_command() {
        let hint = continue_rollback_hint("private-deploy-env-acme", "eu-west-1");
        assert!(hint.contains("Continue update rollback"), "{hint}");
        assert!(
            hint.contains(
                "aws cloudformation continue-update-rollback --stack-name private-deploy-env-acme --region eu-west-1"
            ),
            "{hint}"
        );
    }
}
