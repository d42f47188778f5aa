//! The `[sso-session]` and `[profile]` text written to the AWS config file for a role chosen
//! from the portal, as `aws configure sso` writes it. The preview and the write share one
//! function, so what is appended is exactly what was shown.

use std::io::Write;
use std::path::Path;

use aws_config::profile::ProfileSet;

use super::device::ACCOUNT_ACCESS_SCOPE;
use super::error::SsoError;
use super::{SsoChoice, SsoConfigPreview};

/// The `[sso-session]` of the config file whose start URL is `start_url`, if any.
pub fn existing_session_for(set: &ProfileSet, start_url: &str) -> Option<String> {
    let mut names: Vec<&str> = set.sso_sessions().collect();
    names.sort_unstable();
    names
        .into_iter()
        .find(|name| set.sso_session(name).and_then(|s| s.get("sso_start_url")).is_some_and(|u| same_url(u, start_url)))
        .map(str::to_owned)
}

fn same_url(a: &str, b: &str) -> bool {
    a.trim().trim_end_matches('/') == b.trim().trim_end_matches('/')
}

/// A name for a new session from the start URL: `d-1234567890` for
/// `https://d-1234567890.awsapps.com/start`, made unique among the file's sessions.
pub fn new_session_name(set: &ProfileSet, start_url: &str) -> String {
    let host = url::Url::parse(start_url).ok().and_then(|u| u.host_str().map(str::to_owned)).unwrap_or_default();
    let base = clean_name(host.split('.').next().unwrap_or_default());
    let base = if base.is_empty() { "identity-center".to_owned() } else { base };
    unique(&base, |name| set.sso_session(name).is_some())
}

/// Letters, digits, `-` and `_` only: a name the CLI's `--profile` takes without quotes.
fn clean_name(raw: &str) -> String {
    let mut out = String::new();
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}

fn unique(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_owned();
    }
    (2..).map(|n| format!("{base}-{n}")).find(|name| !taken(name)).unwrap_or_default()
}

/// What the preview is computed from: the file as it is now.
pub struct ConfigDraft<'a> {
    pub set: &'a ProfileSet,
    pub config_file: &'a Path,
    /// The session a login for this start URL is cached under, when no `[sso-session]` of the
    /// file has the URL yet.
    pub session_name: Option<&'a str>,
    pub account_name: &'a str,
}

/// The text to append, and the names it uses.
pub fn config_preview(draft: &ConfigDraft<'_>, choice: &SsoChoice) -> SsoConfigPreview {
    let existing = existing_session_for(draft.set, &choice.start_url);
    let session_name = existing
        .clone()
        .or_else(|| draft.session_name.map(str::to_owned))
        .unwrap_or_else(|| new_session_name(draft.set, &choice.start_url));
    let base = clean_name(&format!("{}-{}", draft.account_name, choice.role_name));
    let profile_name = unique(&base, |name| draft.set.get_profile(name).is_some());

    let current = std::fs::read(draft.config_file).unwrap_or_default();
    let mut text = match current.last() {
        None => String::new(),
        Some(b'\n') => "\n".to_owned(),
        Some(_) => "\n\n".to_owned(),
    };
    if existing.is_none() {
        text.push_str(&format!(
            "[sso-session {session_name}]\nsso_start_url = {}\nsso_region = {}\nsso_registration_scopes = {ACCOUNT_ACCESS_SCOPE}\n\n",
            choice.start_url, choice.sso_region
        ));
    }
    text.push_str(&format!(
        "[profile {profile_name}]\nsso_session = {session_name}\nsso_account_id = {}\nsso_role_name = {}\n",
        choice.account_id, choice.role_name
    ));
    if let Some(region) = choice.region.as_deref().filter(|r| !r.is_empty()) {
        text.push_str(&format!("region = {region}\n"));
    }
    SsoConfigPreview { config_file: draft.config_file.display().to_string(), profile_name, session_name, text }
}

/// Appends `preview.text` to the config file (created if missing, user-only). `current` is
/// the preview computed again from the file as it is now: when it differs, the file changed
/// since the admin consented, and nothing is written.
pub fn append_config(preview: &SsoConfigPreview, current: &SsoConfigPreview) -> Result<(), SsoError> {
    if current != preview {
        return Err(SsoError::ProfileTaken {
            profile: preview.profile_name.clone(),
            config_file: preview.config_file.clone(),
        });
    }
    let path = Path::new(&preview.config_file);
    let fail = |e: std::io::Error| SsoError::ConfigWrite { path: preview.config_file.clone(), detail: e.to_string() };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(fail)?;
    file.write_all(preview.text.as_bytes()).and_then(|_| file.sync_all()).map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn set_of(path: &Path) -> ProfileSet {
        let files = aws_runtime::env_config::file::EnvConfigFiles::builder()
            .with_file(aws_runtime::env_config::file::EnvConfigFileKind::Config, path)
            .build();
        aws_config::profile::load(
            &aws_types::os_shim_internal::Fs::real(),
            &aws_types::os_shim_internal::Env::from_slice(&[]),
            &files,
            None,
        )
        .await
        .unwrap()
    }

    fn choice() -> SsoChoice {
        SsoChoice {
            start_url: "https://d-1234567890.awsapps.com/start/".into(),
            sso_region: "eu-west-1".into(),
            account_id: "111122223333".into(),
            role_name: "Admin".into(),
            region: None,
        }
    }

    #[tokio::test]
    async fn names_are_made_unique_and_the_text_starts_on_a_line_of_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config");
        // No newline at the end, a profile and a session already named as the new ones would be.
        std::fs::write(&path, "[profile My-Prod-Admin]\nregion = x\n[sso-session d-1234567890]\nsso_start_url = https://other/start\nsso_region = us-east-1").unwrap();
        let set = set_of(&path).await;
        let draft = ConfigDraft { set: &set, config_file: &path, session_name: None, account_name: "My Prod" };
        let preview = config_preview(&draft, &choice());
        assert_eq!(preview.profile_name, "My-Prod-Admin-2");
        assert_eq!(preview.session_name, "d-1234567890-2");
        assert!(preview.text.starts_with("\n\n[sso-session d-1234567890-2]\n"), "{:?}", preview.text);
        assert!(!preview.text.contains("region = \n"));

        append_config(&preview, &preview).unwrap();
        let written = std::fs::read_to_string(&path).unwrap();
        assert!(written.ends_with(&preview.text));
        let again = set_of(&path).await;
        assert_eq!(again.get_profile("My-Prod-Admin-2").and_then(|p| p.get("sso_session")), Some("d-1234567890-2"));
        assert_eq!(
            existing_session_for(&again, "https://d-1234567890.awsapps.com/start").as_deref(),
            Some("d-1234567890-2"),
            "a trailing slash is the same URL"
        );
    }

    #[tokio::test]
    async fn a_file_that_changed_since_the_preview_is_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config");
        let empty = dir.path().join("empty");
        std::fs::write(&empty, "").unwrap();
        let set = set_of(&empty).await;
        let draft = ConfigDraft { set: &set, config_file: &path, session_name: Some("corp"), account_name: "Prod" };
        let shown = config_preview(&draft, &choice());
        assert!(shown.text.starts_with("[sso-session corp]\n"), "an empty file gets no blank line first");
        let mut now = shown.clone();
        now.profile_name = "Prod-Admin-2".into();
        assert!(matches!(append_config(&shown, &now), Err(SsoError::ProfileTaken { .. })));
        assert!(!path.exists(), "nothing written");
    }
}
