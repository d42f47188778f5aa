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
