//! What the Manage panel may offer: for each action on the vendor's access, whether it can be
//! used with the role, the access window and the stacks as they were just read (and why not),
//! whether it needs the account ID typed ([`AccessRequest::needs_typed_confirmation`], the rule the
//! engine enforces) and whether it gives the vendor more access ([`AccessActionKind::grants`],
//! refused while the role has unaccepted changes). Both shells show these; neither re-derives
//! them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::{AccessActionKind, AccessWindow, RoleState};
use super::requests::AccessRequest;
use crate::install::InstallationStatus;
use crate::stacks::StackHealth;

/// One action the panel may offer, as the engine would take it now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ActionOffer {
    pub kind: AccessActionKind,
    /// Whether it makes sense with the access as read; when not, `why_not` says why.
    pub available: bool,
    /// The engine refuses it without the signed-in account's ID typed (every action, today).
    pub needs_typed_confirmation: bool,
    /// It gives the vendor more access: refused while the role has changes made outside
    /// Private Deploy, unless they are accepted with it.
    pub grants_access: bool,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why_not: Option<String>,
}

/// Every action the panel offers, in the panel's order, as the request it sends (its
/// arguments are the admin's: the hours, the delete options).
fn offered() -> [AccessRequest; 10] {
    [
        AccessRequest::OpenWindow { hours: 1 },
        AccessRequest::AlwaysOpen,
        AccessRequest::CloseWindow,
        AccessRequest::AttachBoundary,
        AccessRequest::RemoveBoundary,
        AccessRequest::Tighten,
        AccessRequest::RevokeSessions,
        AccessRequest::CutOff,
        AccessRequest::DeleteRole,
        AccessRequest::DeleteStacks { options: None },
    ]
}

/// The journal's name of a request (exhaustive: a new request must be placed here).
fn kind_of(request: &AccessRequest) -> AccessActionKind {
    match request {
        AccessRequest::OpenWindow { .. } => AccessActionKind::OpenWindow,
        AccessRequest::AlwaysOpen => AccessActionKind::AlwaysOpen,
        AccessRequest::CloseWindow => AccessActionKind::CloseWindow,
        AccessRequest::RevokeSessions => AccessActionKind::RevokeSessions,
        AccessRequest::CutOff => AccessActionKind::CutOff,
        AccessRequest::AttachBoundary => AccessActionKind::AttachBoundary,
        AccessRequest::RemoveBoundary => AccessActionKind::RemoveBoundary,
        AccessRequest::Tighten => AccessActionKind::Tighten,
        AccessRequest::DeleteRole => AccessActionKind::DeleteRole,
        AccessRequest::DeleteStacks { .. } => AccessActionKind::DeleteStacks,
    }
}

/// Whether any stack of the installation may still exist: a stack seen and not seen deleted.
pub fn stacks_left(installation: &InstallationStatus) -> bool {
    installation.stacks.iter().any(|s| s.health.is_some_and(|h| h != StackHealth::Deleted))
}

/// Why `kind` cannot be used now, or `None` when it can.
fn why_not(
    kind: AccessActionKind,
    installation: &InstallationStatus,
    role: &RoleState,
    window: &AccessWindow,
) -> Option<String> {
    use AccessActionKind as K;
    if kind == K::DeleteStacks {
        return (!stacks_left(installation)).then(|| "The stacks are already deleted".to_owned());
    }
    match role {
        RoleState::Gone { .. } if kind == K::DeleteRole => Some("The role is already deleted".to_owned()),
        RoleState::Gone { name } => Some(format!("The role {name} is gone: only the stacks are left to delete")),
        // Cutting off and deleting still make sense; changing policies blind does not.
        RoleState::Unreadable { .. } => matches!(kind, K::AttachBoundary | K::RemoveBoundary | K::Tighten)
            .then(|| "The role could not be read: re-read the status first".to_owned()),
        RoleState::Present { role } => {
            let boundary = role.boundary_arn.is_some();
            match kind {
                K::AttachBoundary if boundary => Some("The boundary is already attached".to_owned()),
                K::RemoveBoundary if !boundary => Some("No boundary is attached".to_owned()),
                K::CloseWindow if *window == AccessWindow::Closed => Some("The window is already closed".to_owned()),
                K::AlwaysOpen if *window == AccessWindow::AlwaysOpen => {
                    Some("The window is already always open".to_owned())
                }
                _ => None,
            }
        }
    }
}

/// What the panel may offer for the installation, its role and its window as read.
pub fn offers(installation: &InstallationStatus, role: &RoleState, window: &AccessWindow) -> Vec<ActionOffer> {
    offered()
        .iter()
        .map(|request| {
            let kind = kind_of(request);
            let why_not = why_not(kind, installation, role, window);
            ActionOffer {
                kind,
                available: why_not.is_none(),
                needs_typed_confirmation: request.needs_typed_confirmation(),
                grants_access: kind.grants(),
                why_not,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::RoleView;
    use crate::failure::{ErrorCode, Failure};
    use crate::install::{InstallState, StackKind, StackView};

    fn installation(healths: &[Option<StackHealth>]) -> InstallationStatus {
        InstallationStatus {
            installation_id: "sandbox-demo".into(),
            vendor_name: "Sandbox Vendor".into(),
            vendor_account_id: "210987654321".into(),
            account: "123456789012".into(),
            home_region: "eu-west-1".into(),
            region: "us-east-1".into(),
            cidr: "10.20.0.0/16".parse().unwrap(),
            use_boundary: false,
            state: InstallState::Ready,
            phase: crate::install::InstallPhase::Ready,
            created_at: "2026-11-21T09:00:00Z".parse().unwrap(),
            updated_at: "2026-11-21T09:05:00Z".parse().unwrap(),
            stacks: healths
                .iter()
                .map(|h| StackView {
                    kind: StackKind::Access,
                    name: "private-deploy-access-sandbox-demo".into(),
                    region: "eu-west-1".into(),
                    stack_id: None,
                    status: None,
                    health: *h,
                    status_class: None,
                    reason: None,
                    live: true,
                })
                .collect(),
        }
    }

    fn present(boundary: Option<&str>) -> RoleState {
        RoleState::Present {
            role: Box::new(RoleView {
                name: "private-deploy-sandbox-demo".into(),
                arn: "arn:aws:iam::123456789012:role/private-deploy-sandbox-demo".into(),
                role_id: "AROAEXAMPLE".into(),
                path: "/".into(),
                created_at: "2026-11-21T09:00:00Z".parse().unwrap(),
                trust_policy: "{}".into(),
                trusted_principals: vec![],
                external_id: None,
                inline_policies: vec![],
                attached_policies: vec![],
                boundary_arn: boundary.map(str::to_owned),
                last_used_at: None,
            }),
        }
    }

    fn offer(all: &[ActionOffer], kind: AccessActionKind) -> &ActionOffer {
        all.iter().find(|o| o.kind == kind).unwrap_or_else(|| panic!("{kind:?} is not offered"))
    }

    fn unavailable(all: &[ActionOffer]) -> Vec<AccessActionKind> {
        all.iter().filter(|o| !o.available).map(|o| o.kind).collect()
    }

    #[test]
    fn every_action_needs_the_typed_account_id_and_the_flags_follow_the_engines_rules() {
        let all = offers(&installation(&[Some(StackHealth::Healthy)]), &present(None), &AccessWindow::Closed);
        let free: Vec<_> = all.iter().filter(|o| !o.needs_typed_confirmation).map(|o| o.kind).collect();
        assert_eq!(free, [], "re-opening access is confirmed like closing it");
        let granting: Vec<_> = all.iter().filter(|o| o.grants_access).map(|o| o.kind).collect();
        assert_eq!(
            granting,
            [AccessActionKind::OpenWindow, AccessActionKind::AlwaysOpen, AccessActionKind::RemoveBoundary]
        );
        // Neither the journal's accept-drift nor its stopped-delete record is an action to offer.
        assert_eq!(all.len(), 10);
        assert!(all.iter().all(|o| o.available == o.why_not.is_none()));
    }

    #[test]
    fn a_present_role_offers_what_changes_something() {
        let inst = installation(&[Some(StackHealth::Healthy)]);
        let closed = offers(&inst, &present(None), &AccessWindow::Closed);
        assert_eq!(unavailable(&closed), [AccessActionKind::CloseWindow, AccessActionKind::RemoveBoundary]);
        assert_eq!(
            offer(&closed, AccessActionKind::CloseWindow).why_not.as_deref(),
            Some("The window is already closed")
        );

        let bounded = offers(&inst, &present(Some("arn:aws:iam::123456789012:policy/b")), &AccessWindow::AlwaysOpen);
        assert_eq!(unavailable(&bounded), [AccessActionKind::AlwaysOpen, AccessActionKind::AttachBoundary]);
    }

    #[test]
    fn a_gone_role_leaves_only_the_stacks_to_delete_and_deleted_stacks_leave_nothing() {
        let gone = RoleState::Gone { name: "private-deploy-sandbox-demo".into() };
        let all = offers(&installation(&[Some(StackHealth::Healthy), None]), &gone, &AccessWindow::Closed);
        let usable: Vec<_> = all.iter().filter(|o| o.available).map(|o| o.kind).collect();
        assert_eq!(usable, [AccessActionKind::DeleteStacks]);
        assert_eq!(offer(&all, AccessActionKind::DeleteRole).why_not.as_deref(), Some("The role is already deleted"));
        assert!(offer(&all, AccessActionKind::CutOff)
            .why_not
            .as_deref()
            .unwrap()
            .contains("private-deploy-sandbox-demo"));

        // Deleted, or never seen: nothing is left to delete.
        let none_left = offers(&installation(&[Some(StackHealth::Deleted), None]), &gone, &AccessWindow::Closed);
        assert!(none_left.iter().all(|o| !o.available));
        assert_eq!(
            offer(&none_left, AccessActionKind::DeleteStacks).why_not.as_deref(),
            Some("The stacks are already deleted")
        );
    }

    #[test]
    fn an_unreadable_role_still_offers_cutting_off_but_not_changing_policies_blind() {
        let role = RoleState::Unreadable { error: Failure::new(ErrorCode::AccessDenied, "no") };
        let all = offers(&installation(&[Some(StackHealth::Healthy)]), &role, &AccessWindow::Unknown);
        assert_eq!(
            unavailable(&all),
            [AccessActionKind::AttachBoundary, AccessActionKind::RemoveBoundary, AccessActionKind::Tighten]
        );
        assert!(offer(&all, AccessActionKind::CutOff).available);
    }
}
