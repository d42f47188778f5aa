//! Manage: the vendor's access after the install, as it really is, and the admin's controls
//! over it: the access window, revoking sessions, cutting off, restricting (boundary,
//! tightening to the installed resources), deleting the role or the stacks, the CloudTrail
//! audit of what the role did, and the checks for connecting a database.
//!
//! - `documents`, `tighten`, `audit_records`, `drift`: pure (policy documents, diff, CloudTrail
//!   records, the role as expected against the role as found).
//! - `iam`: the IAM calls; `actor`: verify-then-journal, shared by every write; `baseline`:
//!   the role as expected, recorded at install and read back before every action.
//! - `window`, `restrict`, `delete`: the actions; `audit`, `database`: the reads.
//! - `delete_stacks`, `teardown`: deleting the stacks, failing closed, so that the delete
//!   finishes on AWS.
//! - `model`: the types the window and the CLI get; `offers`: which actions the panel may
//!   offer now, and which need the account ID typed; `now`: where the vendor's access stands
//!   (open until…, closed, cut off); `ready`: Ready said for people (`readying`: its call).
//!
//! - `operations`, `requests`, `connecting`: the engine calls (`requests`: the Manage actions
//!   as one request type, for both shells; `connecting`: the database section).
//!
//! The role acted on is the one the journal
//! recorded at install (never a stack output read later, which the vendor could rewrite).
//!
//! Fail closed, the rule for every action of several writes: order them so that stopping
//! after any one leaves the vendor with less access than before, never more (deny first,
//! then remove; add the narrower policy before removing the broader one), and journal a
//! stop part-way as a partial action with the steps done and left.

mod actor;
mod audit;
mod audit_records;
mod baseline;
mod connecting;
mod database;
mod delete;
mod delete_stacks;
mod documents;
mod drift;
mod error;
mod iam;
mod model;
mod now;
mod offers;
mod operations;
mod ready;
mod readying;
mod requests;
mod restrict;
mod teardown;
mod tighten;
pub(crate) mod window;

#[cfg(test)]
mod delete_mock_tests;
#[cfg(test)]
mod fail_closed_tests;
#[cfg(test)]
mod fake_iam;
#[cfg(test)]
mod mock_tests;

pub use actor::{Actor, Target};
pub use audit::{audit, audit_regions, Pacer, GLOBAL_EVENTS_REGION, LOOKUP_INTERVAL, MAX_SESSIONS};
pub use audit_records::{by_identity, check_since, filter_events, parse_event, parse_session, parse_since};
pub use baseline::{read_live, record_baseline, record_installed, Installed, PlannedRole};
pub use database::{check_blocks, parse_database_input, DatabaseInput};
pub use delete::{DELETE_ROLE_WARNING, DELETE_STACKS_WARNING};
pub use documents::{
    closed_policy, decode_document, parse_revocation, parse_window, revoke_policy, window_policy, REVOKE_POLICY_NAME,
};
pub use drift::{compare, normalize, Drift, DriftKind, ExpectedBoundary, ExpectedRole, LiveRole};
pub use error::{confirm_account, AccessError, Stopped, MAX_WINDOW_HOURS};
pub use iam::role_name_from_arn;
pub use model::{
    AccessActionKind, AccessActionRecord, AccessStatus, AccessWindow, AttachedPolicy, AuditEvent, AuditIdentity,
    AuditQuery, AuditReport, AuditSession, DatabaseCheck, DatabaseNetworkBlock, DiffKind, DiffLine, InlinePolicy,
    NatAddress, RoleState, RoleView, ScopedResource, TightenPreview,
};
pub use now::AccessNow;
pub use offers::{offers, stacks_left, ActionOffer};
pub use ready::{summarize, AccessLevel, ConsoleLink, ConsoleTarget, ReadySummary, StackFacts};
pub use requests::{access_warnings, AccessRequest, AccessWarnings};
pub use tighten::{line_diff, scoped_policy, SCOPED_POLICY_NAME};
pub use window::REVOKE_ALONE_WARNING;

pub(crate) use baseline::accept as accept_drift;
pub(crate) use delete::delete_role;
pub(crate) use delete_stacks::{delete_stacks, inspect_stacks, record_stacks_deleted, StackDelete};
pub(crate) use iam::role_view;
pub(crate) use iam::{get_role, policy_exists};
pub(crate) use restrict::{apply_tighten, attach_boundary, remove_boundary};
pub(crate) use tighten::{before_after, Scope};
pub(crate) use window::{always_open, close_window, cut_off, open_window, revoke_sessions};
