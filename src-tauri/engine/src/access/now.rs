//! Where the vendor's access stands right now, in one word and its times: the first line of
//! Manage and of Ready. Derived from the role, its access window and the journal's actions,
//! so that no screen says "the vendor can use the role" after it was closed or cut off.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::{AccessActionKind, AccessActionRecord, AccessWindow, RoleState};

/// The vendor's access now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AccessNow {
    /// The vendor can use the role, with no time limit.
    Open,
    /// The vendor can use the role until `until` (RFC 3339); then it closes by itself.
    OpenUntil { until: String },
    /// The window opens at `from` (RFC 3339); until then every call is denied.
    OpensAt { from: String },
    /// The window ended at `ended` (RFC 3339, when known): every call is denied.
    Ended {
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        ended: Option<String>,
    },
    /// Closed (Close now, or a delete that closed it first): every call is denied.
    Closed {
        /// When Private Deploy closed it, when the journal says.
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        since: Option<Timestamp>,
    },
    /// Cut off at `at`: the window closed and every session issued before then revoked.
    CutOff { at: Timestamp },
    /// The role is gone: nobody can assume it.
    NoRole,
    /// The window is a policy Private Deploy did not write: read it in Manage.
    Custom,
    /// The role could not be read.
    Unknown,
}

/// Journal actions that set the window, newest first in `recent`: the newest says why a
/// closed window is closed.
const WINDOW_ACTIONS: [AccessActionKind; 4] = [
    AccessActionKind::OpenWindow,
    AccessActionKind::AlwaysOpen,
    AccessActionKind::CloseWindow,
    AccessActionKind::CutOff,
];

impl AccessNow {
    /// `recent`: the journal's actions on the installation, newest first; `now`: AWS's time.
    pub fn derive(role: &RoleState, window: &AccessWindow, recent: &[AccessActionRecord], now: Timestamp) -> Self {
        match role {
            RoleState::Gone { .. } => return AccessNow::NoRole,
            RoleState::Unreadable { .. } => return AccessNow::Unknown,
            RoleState::Present { .. } => {}
        }
        match window {
            AccessWindow::AlwaysOpen | AccessWindow::Missing => AccessNow::Open,
            AccessWindow::Window { open_now: true, end: Some(end), .. } => AccessNow::OpenUntil { until: end.clone() },
            AccessWindow::Window { open_now: true, end: None, .. } => AccessNow::Open,
            AccessWindow::Window { start, end, .. } => {
                let starts_later = start.as_deref().and_then(|s| s.parse::<Timestamp>().ok()).is_some_and(|s| s > now);
                match start {
                    Some(from) if starts_later => AccessNow::OpensAt { from: from.clone() },
                    _ => AccessNow::Ended { ended: end.clone() },
                }
            }
            AccessWindow::Closed => match recent.iter().find(|a| WINDOW_ACTIONS.contains(&a.action)) {
                Some(a) if a.action == AccessActionKind::CutOff => AccessNow::CutOff { at: a.at },
                Some(a) if a.action == AccessActionKind::CloseWindow => AccessNow::Closed { since: Some(a.at) },
                _ => AccessNow::Closed { since: None },
            },
            AccessWindow::Custom { .. } => AccessNow::Custom,
            AccessWindow::Unknown => AccessNow::Unknown,
        }
    }

    /// Whether the vendor can use the role now.
    pub fn is_open(&self) -> bool {
        matches!(self, AccessNow::Open | AccessNow::OpenUntil { .. })
    }

    /// One sentence for the CLI (times in UTC); the window words its own with local times.
    pub fn sentence(&self, vendor: &str) -> String {
        match self {
            AccessNow::Open => format!("Open: {vendor} can use the role at any time."),
            AccessNow::OpenUntil { until } => {
                format!("Open until {until}: {vendor} can use the role until then; it closes by itself.")
            }
            AccessNow::OpensAt { from } => format!("Closed until {from}, when the access window opens."),
            AccessNow::Ended { ended: Some(end) } => {
                format!("Closed: the access window ended at {end}. {vendor} cannot use the role.")
            }
            AccessNow::Ended { ended: None } => {
                format!("Closed: the access window ended. {vendor} cannot use the role.")
            }
            AccessNow::Closed { since: Some(at) } => format!("Closed since {at}: {vendor} cannot use the role."),
            AccessNow::Closed { since: None } => format!("Closed: {vendor} cannot use the role."),
            AccessNow::CutOff { at } => {
                format!("Cut off at {at}: the window is closed and earlier sessions are revoked. {vendor} cannot use the role.")
            }
            AccessNow::NoRole => format!("No access: the role is gone, {vendor} cannot assume it."),
            AccessNow::Custom => "Set by a policy Private Deploy did not write: see Manage.".to_owned(),
            AccessNow::Unknown => "Unknown: the role could not be read.".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::model::RoleView;

    fn present() -> RoleState {
        RoleState::Present {
            role: Box::new(RoleView {
                name: "r".into(),
                arn: "arn:aws:iam::123456789012:role/r".into(),
                role_id: String::new(),
                path: "/".into(),
                created_at: Timestamp::UNIX_EPOCH,
                trust_policy: String::new(),
                trusted_principals: vec![],
                external_id: None,
                inline_policies: vec![],
                attached_policies: vec![],
                boundary_arn: None,
                last_used_at: None,
            }),
        }
    }

    fn action(action: AccessActionKind, at: &str) -> AccessActionRecord {
        AccessActionRecord {
            installation_id: "demo".into(),
            account: "123456789012".into(),
            caller_arn: "arn:aws:sts::123456789012:user/admin".into(),
            action,
            summary: String::new(),
            detail: String::new(),
            at: at.parse().unwrap(),
            partial: false,
            drift: vec![],
        }
    }

    const NOW: &str = "2026-12-01T10:00:00Z";

    fn derive(window: AccessWindow, recent: &[AccessActionRecord]) -> AccessNow {
        AccessNow::derive(&present(), &window, recent, NOW.parse().unwrap())
    }

    #[test]
    fn a_closed_window_says_cut_off_only_when_the_last_window_action_was_the_cut_off() {
        let cut = action(AccessActionKind::CutOff, "2026-12-01T09:00:00Z");
        let revoke = action(AccessActionKind::RevokeSessions, "2026-12-01T09:30:00Z");
        let closed = action(AccessActionKind::CloseWindow, "2026-12-01T09:45:00Z");
        let got = derive(AccessWindow::Closed, &[revoke.clone(), cut.clone()]);
        assert_eq!(got, AccessNow::CutOff { at: cut.at });
        assert!(!got.is_open());
        assert!(got.sentence("Acme").contains("Acme cannot use the role"));
        assert_eq!(derive(AccessWindow::Closed, &[closed.clone(), cut]), AccessNow::Closed { since: Some(closed.at) });
        assert_eq!(derive(AccessWindow::Closed, &[]), AccessNow::Closed { since: None });
    }

    #[test]
    fn an_open_window_says_until_when_and_a_past_or_future_one_is_closed() {
        let window = |start: &str, end: &str, open_now| AccessWindow::Window {
            start: Some(start.into()),
            end: Some(end.into()),
            open_now,
            seconds_left: None,
        };
        let open = derive(window("2026-12-01T08:00:00Z", "2026-12-01T14:00:00Z", true), &[]);
        assert_eq!(open, AccessNow::OpenUntil { until: "2026-12-01T14:00:00Z".into() });
        assert!(open.is_open());
        assert_eq!(
            derive(window("2026-12-01T11:00:00Z", "2026-12-01T14:00:00Z", false), &[]),
            AccessNow::OpensAt { from: "2026-12-01T11:00:00Z".into() }
        );
        assert_eq!(
            derive(window("2026-12-01T06:00:00Z", "2026-12-01T08:00:00Z", false), &[]),
            AccessNow::Ended { ended: Some("2026-12-01T08:00:00Z".into()) }
        );
        assert_eq!(derive(AccessWindow::AlwaysOpen, &[]), AccessNow::Open);
    }

    #[test]
    fn no_role_or_an_unreadable_one_is_never_open() {
        let now = NOW.parse().unwrap();
        let gone = RoleState::Gone { name: "r".into() };
        assert_eq!(AccessNow::derive(&gone, &AccessWindow::AlwaysOpen, &[], now), AccessNow::NoRole);
        let unreadable =
            RoleState::Unreadable { error: crate::failure::Failure::new(crate::ErrorCode::AccessDenied, "denied") };
        assert_eq!(AccessNow::derive(&unreadable, &AccessWindow::Unknown, &[], now), AccessNow::Unknown);
    }
}
