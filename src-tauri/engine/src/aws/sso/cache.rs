//! The SSO token cache, shared with the AWS CLI v2 and the SDK: `~/.aws/sso/cache/<sha1>.json`,
//! named by the SHA-1 (lowercase hex) of the sso-session name (for `sso_session` profiles) or
//! of the start URL (legacy profiles), with botocore's camelCase fields and RFC 3339 'Z' times.
//! A login in either tool serves both. The cache is under `$HOME` whatever `AWS_CONFIG_FILE`
//! says, as both the CLI and the SDK look for it there.

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sha1::{Digest, Sha1};

use super::error::SsoError;

/// One cache file, field for field as the AWS CLI writes it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CachedToken {
    pub start_url: String,
    pub region: String,
    pub access_token: String,
    /// RFC 3339 with a 'Z', whole seconds.
    pub expires_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration_expires_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
}

impl std::fmt::Debug for CachedToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Secrets never reach a log.
        f.debug_struct("CachedToken")
            .field("start_url", &self.start_url)
            .field("region", &self.region)
            .field("expires_at", &self.expires_at)
            .field("client_id", &self.client_id)
            .field("registration_expires_at", &self.registration_expires_at)
            .field("has_refresh_token", &self.refresh_token.is_some())
            .finish()
    }
}

/// RFC 3339 as botocore writes it: UTC, whole seconds, 'Z'.
pub fn rfc3339(at: Timestamp) -> String {
    at.round(jiff::Unit::Second).unwrap_or(at).strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn parse_time(text: &str) -> Option<Timestamp> {
    text.parse::<Timestamp>().ok()
}

impl CachedToken {
    /// Usable now (with a minute to spare, so a call made with it does not fail half-way).
    pub fn is_fresh(&self, now: Timestamp) -> bool {
        parse_time(&self.expires_at).is_some_and(|at| at.as_second() > now.as_second() + 60)
    }

    /// A refresh token with a client registration that has not expired.
    pub fn can_refresh(&self, now: Timestamp) -> bool {
        self.refresh_token.is_some()
            && self.client_id.is_some()
            && self.client_secret.is_some()
            && self.registration_expires_at.as_deref().and_then(parse_time).is_some_and(|at| at > now)
    }
}

/// `~/.aws/sso/cache/<sha1 hex of key>.json`; `key` is the session name or the legacy start URL.
pub fn cache_path(home: &Path, key: &str) -> PathBuf {
    let digest = Sha1::digest(key.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    home.join(".aws").join("sso").join("cache").join(format!("{hex}.json"))
}

/// The cached token for `key`, `None` when there is no file. A file that does not parse is
/// treated as absent: the CLI overwrites such a file on the next login too.
pub fn read_token(home: &Path, key: &str) -> Option<CachedToken> {
    let text = std::fs::read_to_string(cache_path(home, key)).ok()?;
    serde_json::from_str(&text).ok()
}

/// True when the token for `key` is missing or expired and cannot be refreshed.
pub fn login_needed(home: &Path, key: &str, now: Timestamp) -> bool {
    read_token(home, key).is_none_or(|t| !t.is_fresh(now) && !t.can_refresh(now))
}

/// Writes the token atomically (a temporary file in the same folder, renamed over the old
/// one) and readable by the user only, as the AWS CLI does (0600 in a 0700 folder).
pub fn write_token(home: &Path, key: &str, token: &CachedToken) -> Result<PathBuf, SsoError> {
    let path = cache_path(home, key);
    let fail = |what: &'static str, e: std::io::Error| SsoError::Cache {
        path: path.display().to_string(),
        what,
        detail: e.to_string(),
    };
    let dir = path.parent().unwrap_or(home);
    create_private_dir(dir).map_err(|e| fail("created", e))?;
    let json = serde_json::to_vec(token).map_err(|e| fail("written", std::io::Error::other(e)))?;
    crate::atomic_file::write_atomically(&path, &json).map_err(|e| fail("written", e))?;
    Ok(path)
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token() -> CachedToken {
        CachedToken {
            start_url: "https://d-92671207e4.awsapps.com/start".into(),
            region: "eu-west-1".into(),
            access_token: "at".into(),
            expires_at: "2030-01-02T03:04:05Z".into(),
            client_id: Some("cid".into()),
            client_secret: Some("secret".into()),
            registration_expires_at: Some("2030-03-01T00:00:00Z".into()),
            refresh_token: Some("rt".into()),
        }
    }

    #[test]
    fn files_are_named_like_the_aws_cli_names_them() {
        // The SDK's own test vectors (aws-config sso/cache.rs), from botocore.
        let home = Path::new("/home/me");
        assert_eq!(
            cache_path(home, "https://d-92671207e4.awsapps.com/start"),
            PathBuf::from("/home/me/.aws/sso/cache/13f9d35043871d073ab260e020f0ffde092cb14b.json")
        );
        assert_eq!(
            cache_path(home, "admin"),
            PathBuf::from("/home/me/.aws/sso/cache/d033e22ae348aeb5660fc2140aec35850c4da997.json")
        );
    }

    #[test]
    fn the_file_has_the_aws_cli_fields_and_only_the_user_can_read_it() {
        let home = tempfile::tempdir().unwrap();
        let path = write_token(home.path(), "corp", &token()).unwrap();
        let value: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let mut keys: Vec<&str> = value.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "accessToken",
                "clientId",
                "clientSecret",
                "expiresAt",
                "refreshToken",
                "region",
                "registrationExpiresAt",
                "startUrl"
            ]
        );
        assert_eq!(value["expiresAt"], "2030-01-02T03:04:05Z");
        assert_eq!(read_token(home.path(), "corp"), Some(token()));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
            assert_eq!(std::fs::metadata(path.parent().unwrap()).unwrap().permissions().mode() & 0o777, 0o700);
        }
        let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn a_login_is_needed_when_the_token_is_missing_or_expired_without_a_refresh_token() {
        let home = tempfile::tempdir().unwrap();
        let now: Timestamp = "2030-01-02T00:00:00Z".parse().unwrap();
        assert!(login_needed(home.path(), "corp", now));
        write_token(home.path(), "corp", &token()).unwrap();
        assert!(!login_needed(home.path(), "corp", now));
        let later: Timestamp = "2030-02-01T00:00:00Z".parse().unwrap();
        assert!(!login_needed(home.path(), "corp", later), "expired, but the refresh token is usable");
        let no_refresh = CachedToken { refresh_token: None, ..token() };
        write_token(home.path(), "corp", &no_refresh).unwrap();
        assert!(login_needed(home.path(), "corp", later));
        let much_later: Timestamp = "2030-06-01T00:00:00Z".parse().unwrap();
        write_token(home.path(), "corp", &token()).unwrap();
        assert!(login_needed(home.path(), "corp", much_later), "the client registration expired too");
    }

    #[test]
    fn times_are_written_as_botocore_writes_them() {
        let at: Timestamp = "2030-01-02T03:04:05.678Z".parse().unwrap();
        assert_eq!(rfc3339(at), "2030-01-02T03:04:06Z");
    }
}
