//! Where a login goes and where its token is cached, read from a profile the way the SDK and
//! the AWS CLI read it: an `sso_session` profile uses its `[sso-session]`'s start URL and
//! region and caches under the session's name; a legacy profile has `sso_start_url` and
//! `sso_region` itself and caches under the start URL.

use aws_config::profile::ProfileSet;

use super::error::SsoError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SsoSite {
    pub start_url: String,
    pub sso_region: String,
    /// The `[sso-session]` name, for sso_session profiles.
    pub session_name: Option<String>,
}

impl SsoSite {
    /// What the cache file is named after.
    pub fn cache_key(&self) -> &str {
        self.session_name.as_deref().unwrap_or(&self.start_url)
    }
}

/// The Identity Center site of `profile`; `Ok(None)` when it is not an SSO profile.
pub fn profile_site(set: &ProfileSet, profile: &str) -> Result<Option<SsoSite>, SsoError> {
    let Some(p) = set.get_profile(profile) else { return Ok(None) };
    let get = |key: &str| p.get(key).map(str::trim).filter(|v| !v.is_empty());
    let missing = |key: &str| SsoError::MissingSetting { profile: profile.to_owned(), key: key.to_owned() };
    if let Some(session) = get("sso_session") {
        let section = set.sso_session(session).ok_or_else(|| missing(&format!("[sso-session {session}] section")))?;
        let start_url = section.get("sso_start_url").ok_or_else(|| missing("sso_start_url"))?;
        let sso_region = section.get("sso_region").ok_or_else(|| missing("sso_region"))?;
        return Ok(Some(SsoSite {
            start_url: start_url.to_owned(),
            sso_region: sso_region.to_owned(),
            session_name: Some(session.to_owned()),
        }));
    }
    match get("sso_start_url") {
        Some(start_url) => Ok(Some(SsoSite {
            start_url: start_url.to_owned(),
            sso_region: get("sso_region").ok_or_else(|| missing("sso_region"))?.to_owned(),
            session_name: None,
        })),
        None => Ok(None),
    }
}

/// A start URL typed by the admin: https only (it is also what the portal opens).
pub fn check_start_url(url: &str) -> Result<String, SsoError> {
    let url = url.trim();
    match url::Url::parse(url) {
        Ok(parsed) if parsed.scheme() == "https" && parsed.host().is_some() => Ok(url.to_owned()),
        _ => Err(SsoError::BadStartUrl { url: url.to_owned() }),
    }
}

/// A region name as AWS spells them (`eu-west-1`), so that it can name an endpoint.
pub fn check_region(region: &str) -> Result<String, SsoError> {
    let region = region.trim();
    let ok = !region.is_empty()
        && region.split('-').count() >= 3
        && region.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if ok {
        Ok(region.to_owned())
    } else {
        Err(SsoError::BadRegion { region: region.to_owned() })
    }
}
