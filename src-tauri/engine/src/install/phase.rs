//! Where an installation stands in its life, from its recorded state and its stacks as last
//! read: the one classification the window follows (which steps are read-only, what the
//! failure panel offers, whether Manage lists it). The journal's `InstallState` says how the
//! last run ended; the phase adds what is still standing in the account, which a run's end
//! does not say (an environment that rolled back leaves the vendor's role in place).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::{InstallState, StackKind, StackView};
use crate::stacks::StackHealth;

/// An installation's phase. Before anything is recorded the window says "not started" or
/// "launching" itself: the engine has no installation to classify yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum InstallPhase {
    /// Launched and not settled: the next start re-attaches to it.
    InProgress,
    /// Both stacks are complete.
    Ready,
    /// A stack failed (or was cleaned up) while the access stack stands: the vendor's role
    /// exists and works, without the environment it was made for.
    FailedAccessLive,
    /// A stack failed and nothing of the vendor's access stands: Retry, or Clean up first.
    Failed,
    /// Every stack is gone (cleaned up or deleted): nothing of the installation is left.
    Deleted,
}

/// Whether a stack exists in the account (in whatever state), as last read.
pub fn stands(stack: &StackView) -> bool {
    stack.stack_id.is_some() && !matches!(stack.health, None | Some(StackHealth::Deleted))
}

/// Whether the vendor's role is there: the access stack stands and its create did not roll back.
fn access_live(stacks: &[StackView]) -> bool {
    stacks.iter().any(|s| s.kind == StackKind::Access && stands(s) && s.health != Some(StackHealth::FailedCreate))
}

impl InstallPhase {
    pub fn of(state: InstallState, stacks: &[StackView]) -> Self {
        let any_stands = stacks.iter().any(stands);
        match state {
            InstallState::InProgress => InstallPhase::InProgress,
            InstallState::Ready if any_stands => InstallPhase::Ready,
            // Deleted outside the app (or by Manage, which records a clean-up).
            InstallState::Ready => InstallPhase::Deleted,
            InstallState::Failed | InstallState::CleanedUp if access_live(stacks) => InstallPhase::FailedAccessLive,
            InstallState::Failed => InstallPhase::Failed,
            InstallState::CleanedUp if any_stands => InstallPhase::Failed,
            InstallState::CleanedUp => InstallPhase::Deleted,
        }
    }

    /// Manage has something to act on: a role or a stack is still in the account.
    pub fn is_manageable(self) -> bool {
        !matches!(self, InstallPhase::Deleted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stack(kind: StackKind, health: Option<StackHealth>) -> StackView {
        StackView {
            kind,
            name: format!("pd-{}", kind.as_str()),
            region: "us-east-1".into(),
            stack_id: health.map(|_| format!("arn:aws:cloudformation:us-east-1:123456789012:stack/{}", kind.as_str())),
            status: None,
            health,
            status_class: None,
            reason: None,
            live: true,
        }
    }

    use InstallPhase as P;
    use StackHealth as H;
    use StackKind::{Access, Environment};

    #[test]
    fn an_environment_that_rolled_back_under_a_standing_access_stack_leaves_the_role_live() {
        let stacks = [stack(Access, Some(H::Healthy)), stack(Environment, Some(H::FailedCreate))];
        assert_eq!(InstallPhase::of(InstallState::Failed, &stacks), P::FailedAccessLive);
        // Cleaning up deletes only the environment: the role still stands.
        let cleaned = [stack(Access, Some(H::Healthy)), stack(Environment, Some(H::Deleted))];
        assert_eq!(InstallPhase::of(InstallState::CleanedUp, &cleaned), P::FailedAccessLive);
        assert!(P::FailedAccessLive.is_manageable());
    }

    #[test]
    fn an_access_stack_that_rolled_back_leaves_no_role() {
        let stacks = [stack(Access, Some(H::FailedCreate)), stack(Environment, None)];
        assert_eq!(InstallPhase::of(InstallState::Failed, &stacks), P::Failed);
        // The failed stack is still there to clean up: Manage lists it.
        assert!(P::Failed.is_manageable());
    }

    #[test]
    fn nothing_left_in_the_account_is_deleted() {
        let gone = [stack(Access, Some(H::Deleted)), stack(Environment, Some(H::Deleted))];
        assert_eq!(InstallPhase::of(InstallState::CleanedUp, &gone), P::Deleted);
        assert_eq!(InstallPhase::of(InstallState::Ready, &gone), P::Deleted);
        let never = [stack(Access, None), stack(Environment, None)];
        assert_eq!(InstallPhase::of(InstallState::CleanedUp, &never), P::Deleted);
        assert!(!P::Deleted.is_manageable());
    }

    #[test]
    fn a_run_in_flight_and_a_ready_install_are_what_the_journal_says() {
        let up = [stack(Access, Some(H::Healthy)), stack(Environment, Some(H::Healthy))];
        assert_eq!(InstallPhase::of(InstallState::Ready, &up), P::Ready);
        assert_eq!(InstallPhase::of(InstallState::InProgress, &[]), P::InProgress);
        let partly = [stack(Access, Some(H::Healthy)), stack(Environment, Some(H::FailedCreate))];
        assert_eq!(InstallPhase::of(InstallState::InProgress, &partly), P::InProgress);
    }
}
