//! Updates, as the window offers them: what a newer release looks like to the admin, when the
//! window looks for one by itself, whether it can install it in place, and what a refused or
//! failed update tells the admin. Fetching the release and checking its signature is the Tauri
//! updater plugin's job, in the window (app/src/updates.rs); the release key and how releases
//! are signed are in docs/RELEASING.md.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{ErrorCode, Explain, Failure};

/// Where an admin downloads a release by hand.
pub const RELEASES_PAGE: &str = "https://github.com/private-deploy/private-deploy/releases";

/// `PRIVATE_DEPLOY_UPDATES=off`: the window does not look for updates by itself (a managed
/// machine whose software comes from elsewhere). "Check for updates" in About still works.
pub const UPDATES_SETTING: &str = "PRIVATE_DEPLOY_UPDATES";

/// A release newer than the running one, signed by the project's release key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UpdateOffer {
    pub current_version: String,
    pub version: String,
    /// What changed, as the release's notes say it.
    pub notes: Option<String>,
    /// When it was published (RFC 3339), when the release says.
    pub published: Option<String>,
    pub install: UpdateInstall,
    pub download_page: String,
}

/// How the new version gets onto this machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum UpdateInstall {
    /// The window downloads it, checks its signature, installs it and restarts.
    InApp,
    /// This copy did not come from a package the updater can replace (a build run from its
    /// folder): the admin downloads the new version from the releases page.
    Download,
}

/// Whether the window looks for an update when it starts. A developer's build is no release
/// (and its tests must not reach the internet); an admin may turn the check off.
pub fn checks_on_start(release_build: bool, setting: Option<&str>) -> bool {
    release_build && !setting.is_some_and(|s| matches!(s.trim().to_ascii_lowercase().as_str(), "off" | "0" | "false"))
}

/// How this copy is updated, from the kind of package it was installed from (Tauri's bundle
/// type names: `deb`, `rpm`, `appimage`, `msi`, `nsis`, `app`), `None` when not from a package.
pub fn install_for(bundle: Option<&str>) -> UpdateInstall {
    match bundle {
        Some("deb" | "rpm" | "appimage" | "msi" | "nsis" | "app") => UpdateInstall::InApp,
        _ => UpdateInstall::Download,
    }
}

/// Why looking for, or installing, an update did not work.
#[derive(Debug, thiserror::Error)]
pub enum UpdateError {
    #[error("the update server could not be reached: {reason}")]
    Unreachable { reason: String },
    #[error("the update server's answer could not be read: {reason}")]
    BadAnswer { reason: String },
    #[error("the update carries no valid signature")]
    Unsigned,
    #[error("the update's signature does not match the release key")]
    SignatureInvalid,
    #[error("the update was signed for version {signed}, but offered as version {announced}")]
    VersionMismatch { signed: String, announced: String },
    #[error("no update is waiting to be installed")]
    NothingToInstall,
    #[error("the update could not be installed: {reason}")]
    InstallFailed { reason: String },
}

impl UpdateError {
    /// The same update may be tried again: the server or the connection failed, not the update.
    pub fn can_retry(&self) -> bool {
        matches!(self, UpdateError::Unreachable { .. })
    }
}

impl Explain for UpdateError {
    fn failure(&self) -> Failure {
        let by_hand = format!("You can download the new version yourself from {RELEASES_PAGE}.");
        match self {
            UpdateError::Unreachable { reason } => {
                Failure::new(ErrorCode::Network, format!("Could not reach the update server ({reason})."))
                    .with_hint(format!("Check the network connection and try again. {by_hand}"))
            }
            UpdateError::BadAnswer { reason } => Failure::new(
                ErrorCode::UpdateFailed,
                format!("The update server's answer could not be read ({reason})."),
            )
            .with_hint(format!("Try again later. {by_hand}")),
            UpdateError::Unsigned | UpdateError::SignatureInvalid | UpdateError::VersionMismatch { .. } => {
                Failure::new(
                    ErrorCode::UpdateRefused,
                    format!(
                        "The update was refused and nothing was installed: {self}, so it may have been tampered with."
                    ),
                )
                .with_hint(format!("Keep using this version. {by_hand}"))
            }
            UpdateError::NothingToInstall => Failure::new(ErrorCode::NotFound, "No update is waiting to be installed.")
                .with_hint("Check for updates first."),
            UpdateError::InstallFailed { reason } => {
                Failure::new(ErrorCode::UpdateFailed, format!("The update could not be installed ({reason})."))
                    .with_hint(format!("This version keeps working. {by_hand}"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_release_builds_look_for_updates_on_start_unless_turned_off() {
        assert!(checks_on_start(true, None));
        assert!(checks_on_start(true, Some("on")));
        assert!(!checks_on_start(true, Some("off")));
        assert!(!checks_on_start(true, Some(" OFF ")));
        assert!(!checks_on_start(true, Some("0")));
        assert!(!checks_on_start(false, None));
    }

    #[test]
    fn packaged_copies_update_in_place_others_link_to_the_download() {
        for bundle in ["deb", "rpm", "appimage", "msi", "nsis", "app"] {
            assert_eq!(install_for(Some(bundle)), UpdateInstall::InApp, "{bundle}");
        }
        assert_eq!(install_for(None), UpdateInstall::Download);
        assert_eq!(install_for(Some("unknown")), UpdateInstall::Download);
    }

    #[test]
    fn a_refused_update_says_nothing_was_installed_and_where_to_download() {
        for err in [
            UpdateError::Unsigned,
            UpdateError::SignatureInvalid,
            UpdateError::VersionMismatch { signed: "0.1.0".into(), announced: "9.0.0".into() },
        ] {
            let failure = err.failure();
            assert_eq!(failure.code, ErrorCode::UpdateRefused);
            assert!(failure.message.contains("nothing was installed"), "{failure}");
            assert!(failure.hint.unwrap().contains(RELEASES_PAGE));
        }
    }
}
