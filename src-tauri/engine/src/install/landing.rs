//! Where the admin lands after signing in: an install of the signed-in account still in
//! flight is picked up; otherwise an account with an installation that left something in the
//! account (a ready one, or a failed one whose vendor role or stacks still stand) is managed;
//! otherwise a new install starts. Also which installations Manage offers. Decided here, from the
//! journal and the stacks' live status (`install_status`), so the window only follows it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::InstallationStatus;
use super::phase::InstallPhase;
use crate::engine::Engine;
use crate::failure::Error;

/// Where to go after signing in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Landing {
    /// An install of this account was left in flight: follow it (the most recently changed).
    ResumeInstall { installation: Box<InstallationStatus> },
    /// Nothing in flight, and the account has an installation Manage offers (the most recently
    /// changed): ready, or failed with its vendor role or a stack still standing.
    Manage { installation_id: String },
    /// Nothing to pick up.
    NewInstall,
}

/// The account's installations whose phase passes `keep`, the most recently changed first.
fn of_account(
    all: &[InstallationStatus],
    account: &str,
    keep: impl Fn(InstallPhase) -> bool,
) -> Vec<InstallationStatus> {
    let mut found: Vec<InstallationStatus> =
        all.iter().filter(|i| i.account == account && keep(i.phase)).cloned().collect();
    found.sort_by_key(|r| std::cmp::Reverse(r.updated_at));
    found
}

/// The installations Manage offers: the account's ones with a live role or stack, whatever
/// their install state, the most recently changed (the one just installed, usually) first.
pub fn manageable(all: &[InstallationStatus], account: &str) -> Vec<InstallationStatus> {
    of_account(all, account, InstallPhase::is_manageable)
}

/// Where `account` lands, given every recorded installation.
pub fn landing_for(all: &[InstallationStatus], account: &str) -> Landing {
    if let Some(installation) = of_account(all, account, |p| p == InstallPhase::InProgress).into_iter().next() {
        return Landing::ResumeInstall { installation: Box::new(installation) };
    }
    match manageable(all, account).into_iter().next() {
        Some(ready) => Landing::Manage { installation_id: ready.installation_id },
        None => Landing::NewInstall,
    }
}

impl Engine {
    /// Where the signed-in admin lands: see [`Landing`].
    pub async fn landing(&self) -> Result<Landing, Error> {
        let account = self.identity().await?.account;
        Ok(landing_for(&self.install_status().await?, &account))
    }

    /// The signed-in account's installation `installation_id`, when one is recorded: what the
    /// window's state for an open invite follows.
    pub async fn installation(&self, installation_id: &str) -> Result<Option<InstallationStatus>, Error> {
        let account = self.identity().await?.account;
        Ok(self
            .install_status()
            .await?
            .into_iter()
            .find(|i| i.account == account && i.installation_id == installation_id))
    }

    /// The signed-in account's installations that Manage offers (see [`manageable`]).
    pub async fn manageable_installations(&self) -> Result<Vec<InstallationStatus>, Error> {
        let account = self.identity().await?.account;
        Ok(manageable(&self.install_status().await?, &account))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::install::InstallState;

    fn install(id: &str, account: &str, phase: InstallPhase, updated_at: &str) -> InstallationStatus {
        // The journal's state that goes with the phase; landing reads only the phase.
        let state = match phase {
            InstallPhase::InProgress => InstallState::InProgress,
            InstallPhase::Ready => InstallState::Ready,
            InstallPhase::FailedAccessLive | InstallPhase::Failed => InstallState::Failed,
            InstallPhase::Deleted => InstallState::CleanedUp,
        };
        InstallationStatus {
            installation_id: id.into(),
            vendor_name: "Sandbox Vendor".into(),
            vendor_account_id: "210987654321".into(),
            account: account.into(),
            home_region: "eu-west-1".into(),
            region: "us-east-1".into(),
            cidr: "10.20.0.0/16".parse().unwrap(),
            use_boundary: false,
            state,
            phase,
            created_at: "2026-11-01T09:00:00Z".parse().unwrap(),
            updated_at: updated_at.parse().unwrap(),
            stacks: vec![],
        }
    }

    const ME: &str = "123456789012";
    const OTHER: &str = "999999999999";
    use InstallPhase as P;

    #[test]
    fn an_install_in_flight_is_picked_up_before_anything_is_managed() {
        let all = [
            install("ready-new", ME, P::Ready, "2026-11-21T10:00:00Z"),
            install("flying", ME, P::InProgress, "2026-11-20T10:00:00Z"),
        ];
        match landing_for(&all, ME) {
            Landing::ResumeInstall { installation } => assert_eq!(installation.installation_id, "flying"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_most_recently_changed_manageable_installation_of_the_account_is_managed() {
        let all = [
            install("old", ME, P::Ready, "2026-11-01T10:00:00Z"),
            install("new", ME, P::Ready, "2026-11-21T10:00:00Z"),
            install("gone", ME, P::Deleted, "2026-11-22T10:00:00Z"),
            install("theirs", OTHER, P::Ready, "2026-11-23T10:00:00Z"),
        ];
        assert_eq!(landing_for(&all, ME), Landing::Manage { installation_id: "new".into() });
        let ids: Vec<_> = manageable(&all, ME).into_iter().map(|i| i.installation_id).collect();
        assert_eq!(ids, ["new", "old"]);
    }

    #[test]
    fn a_failed_install_whose_role_or_stack_stands_is_managed_whatever_its_state() {
        let all = [
            install("ready", ME, P::Ready, "2026-11-01T10:00:00Z"),
            install("half", ME, P::FailedAccessLive, "2026-11-21T10:00:00Z"),
            install("rolled-back", ME, P::Failed, "2026-11-20T10:00:00Z"),
            install("gone", ME, P::Deleted, "2026-11-22T10:00:00Z"),
        ];
        assert_eq!(landing_for(&all, ME), Landing::Manage { installation_id: "half".into() });
        let ids: Vec<_> = manageable(&all, ME).into_iter().map(|i| i.installation_id).collect();
        assert_eq!(ids, ["half", "rolled-back", "ready"]);
    }

    #[test]
    fn another_accounts_installs_and_deleted_ones_start_a_new_install() {
        let all = [
            install("theirs", OTHER, P::InProgress, "2026-11-21T10:00:00Z"),
            install("theirs-half", OTHER, P::FailedAccessLive, "2026-11-21T10:00:00Z"),
            install("cleaned", ME, P::Deleted, "2026-11-21T10:00:00Z"),
        ];
        assert_eq!(landing_for(&all, ME), Landing::NewInstall);
        assert_eq!(serde_json::to_value(Landing::NewInstall).unwrap(), serde_json::json!({ "kind": "new_install" }));
    }
}
