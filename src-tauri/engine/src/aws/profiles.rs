//! The AWS profiles the admin can sign in with, read from the shared config and
//! credentials files exactly as the SDK reads them (so what we list is what will load).

use std::path::Path;

use aws_config::profile::{Profile, ProfileSet};
use aws_types::os_shim_internal::{Env, Fs};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::endpoints::{self, EndpointEnv, EndpointOverride};
use super::error::AwsError;
use super::session::ProfilePaths;

/// How a profile gets its credentials; the window shows it as a badge, and the error
/// mapping uses it (an SSO profile that fails needs `aws sso login`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProfileKind {
    StaticKeys,
    Sso,
    AssumeRole,
    CredentialProcess,
    WebIdentity,
    Other,
    /// Not a profile: keys pasted into the window for this run of the app only.
    Pasted,
}

impl ProfileKind {
    pub fn of(profile: &Profile) -> Self {
        let has = |key: &str| profile.get(key).is_some_and(|v| !v.is_empty());
        if has("sso_session") || has("sso_start_url") {
            Self::Sso
        } else if has("web_identity_token_file") {
            Self::WebIdentity
        } else if has("role_arn") {
            Self::AssumeRole
        } else if has("credential_process") {
            Self::CredentialProcess
        } else if has("aws_access_key_id") {
            Self::StaticKeys
        } else {
            Self::Other
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AwsProfile {
    pub name: String,
    pub kind: ProfileKind,
    pub region: Option<String>,
    pub sso_start_url: Option<String>,
    /// The MFA device a role profile needs a code from: the window asks for one beside it.
    pub mfa_serial: Option<String>,
    /// The custom endpoints a sign-in as this profile would use (the environment's included).
    pub endpoints: Vec<EndpointOverride>,
    /// An SSO profile whose cached token is missing or expired with no usable refresh token:
    /// the window offers "Sign in with IAM Identity Center" beside it.
    #[serde(default)]
    pub sso_login_needed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProfileList {
    /// Sorted by name.
    pub profiles: Vec<AwsProfile>,
    /// `AWS_PROFILE`, or `default` when that profile exists.
    pub selected: Option<String>,
    /// The profile of the last successful sign-in (from the journal), if it still exists.
    pub last_used: Option<String>,
    pub config_file: String,
    pub credentials_file: String,
}

/// Parses both files. A file that does not exist is not an error (a fresh laptop has none);
/// one that does not parse is, with the parser's line number.
pub async fn load_profile_set(paths: &ProfilePaths) -> Result<ProfileSet, AwsError> {
    aws_config::profile::load(&Fs::real(), &Env::real(), &paths.profile_files(), None).await.map_err(|e| {
        // The parser's own error names the file and the line; the outer one only says "could not parse".
        let detail = std::error::Error::source(&e).map_or_else(|| e.to_string(), |inner| inner.to_string());
        AwsError::Config { detail: format!("the AWS config files could not be read: {}", detail.replace('\n', " ")) }
    })
}

/// `sso_home` is where the SSO token cache is (`$HOME`), to tell which SSO profiles need a login.
pub async fn list_profiles(
    paths: &ProfilePaths,
    aws_profile_env: Option<&str>,
    endpoint_env: &EndpointEnv,
    sso_home: &Path,
) -> Result<ProfileList, AwsError> {
    let set = load_profile_set(paths).await?;
    Ok(profile_list(&set, paths, aws_profile_env, endpoint_env, sso_home))
}

fn profile_list(
    set: &ProfileSet,
    paths: &ProfilePaths,
    aws_profile_env: Option<&str>,
    endpoint_env: &EndpointEnv,
    sso_home: &Path,
) -> ProfileList {
    let now = jiff::Timestamp::now();
    let mut profiles: Vec<AwsProfile> = set
        .profiles()
        .filter_map(|name| set.get_profile(name).map(|p| (name, p)))
        .map(|(name, p)| AwsProfile {
            name: name.to_owned(),
            kind: ProfileKind::of(p),
            region: p.get("region").map(str::to_owned),
            sso_start_url: p
                .get("sso_start_url")
                .or_else(|| p.get("sso_session").and_then(|s| set.sso_session(s)).and_then(|s| s.get("sso_start_url")))
                .map(str::to_owned),
            mfa_serial: super::mfa::mfa_serial(p).map(str::to_owned),
            endpoints: endpoints::overrides(endpoint_env, set, Some((name, p))),
            sso_login_needed: match super::sso::profile_site(set, name) {
                Ok(Some(site)) => super::sso::login_needed(sso_home, site.cache_key(), now),
                // An incomplete SSO profile cannot be logged in to; signing in says what is missing.
                Ok(None) | Err(_) => false,
            },
        })
        .collect();
    profiles.sort_by(|a, b| a.name.cmp(&b.name));
    let exists = |name: &str| profiles.iter().any(|p| p.name == name);
    let selected = match aws_profile_env {
        Some(name) if exists(name) => Some(name.to_owned()),
        _ if exists("default") => Some("default".to_owned()),
        _ => None,
    };
    ProfileList {
        profiles,
        selected,
        last_used: None,
        config_file: paths.config.display().to_string(),
        credentials_file: paths.credentials.display().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn list(config: &str, credentials: &str, env_profile: Option<&str>) -> ProfileList {
        let dir = tempfile::tempdir().unwrap();
        let paths = ProfilePaths { config: dir.path().join("config"), credentials: dir.path().join("credentials") };
        std::fs::write(&paths.config, config).unwrap();
        std::fs::write(&paths.credentials, credentials).unwrap();
        list_profiles(&paths, env_profile, &EndpointEnv::default(), dir.path()).await.unwrap()
    }

    #[tokio::test]
    async fn profiles_of_both_files_are_listed_with_their_kind() {
        let config = "\
[default]
region = us-east-1
[profile sso-dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Admin
region = eu-west-1
[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
[profile legacy-sso]
sso_start_url = https://old.awsapps.com/start
[profile admin]
role_arn = arn:aws:iam::111122223333:role/Admin
source_profile = default
[profile ci]
role_arn = arn:aws:iam::111122223333:role/Ci
web_identity_token_file = /tmp/token
[profile proc]
credential_process = /usr/bin/true
";
        let credentials = "[default]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = x\n[keys-only]\naws_access_key_id = AKID2\naws_secret_access_key = y\n";
        let list = list(config, credentials, None).await;
        let kinds: Vec<(&str, ProfileKind)> = list.profiles.iter().map(|p| (p.name.as_str(), p.kind)).collect();
        assert_eq!(
            kinds,
            vec![
                ("admin", ProfileKind::AssumeRole),
                ("ci", ProfileKind::WebIdentity),
                ("default", ProfileKind::StaticKeys),
                ("keys-only", ProfileKind::StaticKeys),
                ("legacy-sso", ProfileKind::Sso),
                ("proc", ProfileKind::CredentialProcess),
                ("sso-dev", ProfileKind::Sso),
            ]
        );
        let sso = list.profiles.iter().find(|p| p.name == "sso-dev").unwrap();
        assert_eq!(sso.sso_start_url.as_deref(), Some("https://corp.awsapps.com/start"));
        assert_eq!(sso.region.as_deref(), Some("eu-west-1"));
        assert_eq!(list.selected.as_deref(), Some("default"));
    }

    #[tokio::test]
    async fn aws_profile_is_selected_only_when_it_exists() {
        let config = "[profile a]\n[profile b]\n";
        assert_eq!(list(config, "", Some("b")).await.selected.as_deref(), Some("b"));
        assert_eq!(list(config, "", Some("nope")).await.selected, None);
    }

    #[tokio::test]
    async fn missing_files_give_an_empty_list_that_names_the_paths() {
        let dir = tempfile::tempdir().unwrap();
        let paths = ProfilePaths { config: dir.path().join("config"), credentials: dir.path().join("credentials") };
        let list = list_profiles(&paths, None, &EndpointEnv::default(), dir.path()).await.unwrap();
        assert!(list.profiles.is_empty());
        assert!(list.config_file.ends_with("config"));
        assert!(list.credentials_file.ends_with("credentials"));
    }
}
