//! IAM Identity Center (SSO) sign-in: the OIDC device authorization flow, the token cache the
//! AWS CLI shares with the SDK, the access portal's accounts and roles, and the config text
//! written (with consent) for a chosen role. The [`crate::Engine`] methods over these live in
//! `sso_login.rs`; these are the types the window and the CLI exchange with it.

mod cache;
mod config_text;
mod device;
mod error;
mod portal;
mod role_provider;
mod target;
mod token;

#[cfg(test)]
mod device_tests;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use cache::{cache_path, login_needed, read_token, rfc3339, write_token, CachedToken};
pub use config_text::{append_config, config_preview, existing_session_for, new_session_name, ConfigDraft};
pub use device::{check_verification_uri, poll_token, refresh_token, register_and_start, PollOutcome, Started};
pub use error::SsoError;
pub use portal::{list_accounts, list_roles, role_credentials};
pub use role_provider::IdentityCenterRole;
pub use target::{check_region, check_start_url, profile_site, SsoSite};
pub use token::valid_token;

/// What to log in to: a profile of the config file (sso_session or legacy sso_start_url), or a
/// start URL and its region typed by an admin who has no profile yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SsoTarget {
    Profile { profile: String },
    StartUrl { start_url: String, sso_region: String },
}

/// The device authorization the admin approves in the browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DeviceLogin {
    /// Opaque: names this login to finish or cancel it.
    pub login_id: String,
    pub start_url: String,
    pub sso_region: String,
    /// https (or http to a loopback host: see [`check_verification_uri`]).
    pub verification_uri: String,
    /// The page with the code filled in: the one to open.
    pub verification_uri_complete: String,
    pub user_code: String,
    /// RFC 3339, UTC.
    pub expires_at: String,
    pub interval_seconds: u32,
    /// The cached token was refreshed with its refresh token: no browser step, the URIs and
    /// code are empty, and `sso_finish` returns at once.
    pub refreshed: bool,
}

/// A finished login: the token is in the AWS CLI's cache (`~/.aws/sso/cache/<sha1>.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SsoLoggedIn {
    pub start_url: String,
    pub sso_region: String,
    pub session_name: Option<String>,
    /// RFC 3339, UTC.
    pub expires_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SsoAccount {
    pub account_id: String,
    pub account_name: String,
    pub email: Option<String>,
}

/// An account and a role picked from the portal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SsoChoice {
    pub start_url: String,
    pub sso_region: String,
    pub account_id: String,
    pub role_name: String,
    /// The profile's default region, if the admin gave one.
    pub region: Option<String>,
}

/// The exact text that would be appended to the AWS config file, shown before consent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SsoConfigPreview {
    /// The config file's path.
    pub config_file: String,
    /// `<account name>-<role>`, made unique among the file's profiles.
    pub profile_name: String,
    /// The `[sso-session NAME]`: reused if one exists for the start URL.
    pub session_name: String,
    /// What is appended, byte for byte.
    pub text: String,
}

/// Where the AWS CLI and the SDK keep the token cache (under the home folder, whatever
/// `AWS_CONFIG_FILE` says): the SDK's own rule for each OS (`crate::aws::home`).
pub fn home_dir(env: &aws_types::os_shim_internal::Env) -> std::path::PathBuf {
    crate::aws::home::home_dir(env)
}

/// What a role chosen from the portal but not saved signs in as (the journal and the window
/// show it). It names no profile, so no `aws sso login --profile` can renew it.
pub fn in_memory_label(choice: &SsoChoice) -> String {
    format!("{IN_MEMORY_PREFIX}{}/{}", choice.account_id, choice.role_name)
}

const IN_MEMORY_PREFIX: &str = "Identity Center ";

pub fn is_in_memory_label(profile: &str) -> bool {
    profile.starts_with(IN_MEMORY_PREFIX)
}
