//! Manage: the vendor's access after the install, as it really is, and the admin's controls
//! over it: the access window, revoking sessions, cutting off, restricting (boundary,
//! tightening to the installed resources), deleting the role or the stacks, the CloudTrail
//! audit of what the role did, and the checks for connecting a database.
//!
//! - `documents`, `tighten`, `audit_records`: pure (policy documents, diff, CloudTrail records).
//! - `iam`: the IAM calls; `actor`: verify-then-journal, shared by every write.
//! - `window`, `restrict`, `delete`: the actions; `audit`, `database`: the reads.
//! - `delete_stacks`, `teardown`: deleting the stacks, failing closed, so that the delete
//!   finishes on AWS.
//! - `model`: the types the window and the CLI get.
//!
//! The engine methods are in `crate::engine::managing`; the role is found from the access
//! stack (its `RoleName` output, or its `AWS::IAM::Role` resource), never by a fixed name.

mod actor;
mod audit;
mod audit_records;
mod database;
mod delete;
mod delete_stacks;
mod documents;
mod error;
mod iam;
mod model;
mod restrict;
mod teardown;
mod tighten;
pub(crate) mod window;

#[cfg(test)]
mod delete_mock_tests;
#[cfg(test)]
mod fake_iam;
#[cfg(test)]
mod mock_tests;

pub use actor::{Actor, Target};
pub use audit::{audit, Pacer, LOOKUP_INTERVAL, MAX_SESSIONS};
pub use audit_records::{filter_events, parse_event, parse_session, parse_since};
pub use database::{check_blocks, parse_database_input, DatabaseInput};
pub use delete::{DELETE_ROLE_WARNING, DELETE_STACKS_WARNING};
pub use documents::{
    closed_policy, decode_document, parse_revocation, parse_window, revoke_policy, window_policy, REVOKE_POLICY_NAME,
};
pub use error::{confirm_account, AccessError, MAX_WINDOW_HOURS};
pub use iam::role_name_from_arn;
pub use model::{
    AccessActionKind, AccessActionRecord, AccessStatus, AccessWindow, AttachedPolicy, AuditEvent, AuditQuery,
    AuditReport, AuditSession, DatabaseCheck, DatabaseNetworkBlock, DiffKind, DiffLine, InlinePolicy, NatAddress,
    RoleState, RoleView, ScopedResource, TightenPreview,
};
pub use tighten::{line_diff, scoped_policy, SCOPED_POLICY_NAME};
pub use window::REVOKE_ALONE_WARNING;

pub(crate) use delete::delete_role;
pub(crate) use delete_stacks::{delete_stacks, inspect_stacks, record_stacks_deleted, StackDelete};
pub(crate) use iam::role_view;
pub(crate) use restrict::{apply_tighten, attach_boundary, remove_boundary};
pub(crate) use tighten::{before_after, Scope};
pub(crate) use window::{always_open, close_window, cut_off, open_window, revoke_sessions};
