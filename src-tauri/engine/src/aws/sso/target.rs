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

#[cfg(test)]
mod tests {
    use super::*;

    async fn set(config: &str) -> ProfileSet {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config");
        std::fs::write(&path, config).unwrap();
        let files = aws_runtime::env_config::file::EnvConfigFiles::builder()
            .with_file(aws_runtime::env_config::file::EnvConfigFileKind::Config, &path)
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

    #[tokio::test]
    async fn a_session_profile_is_cached_by_session_name_and_a_legacy_one_by_start_url() {
        let set = set("[profile new]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = R\n\
             [sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n\
             [profile old]\nsso_start_url = https://old.awsapps.com/start\nsso_region = us-west-2\n\
             [profile keys]\naws_access_key_id = A\n\
             [profile broken]\nsso_session = nowhere\n")
        .await;
        let new = profile_site(&set, "new").unwrap().unwrap();
        assert_eq!((new.start_url.as_str(), new.sso_region.as_str()), ("https://corp.awsapps.com/start", "eu-west-1"));
        assert_eq!(new.cache_key(), "corp");
        let old = profile_site(&set, "old").unwrap().unwrap();
        assert_eq!(old.cache_key(), "https://old.awsapps.com/start");
        assert_eq!(old.sso_region, "us-west-2");
        assert_eq!(profile_site(&set, "keys").unwrap(), None);
        assert!(matches!(profile_site(&set, "broken"), Err(SsoError::MissingSetting { .. })));
    }

    #[test]
    fn start_urls_are_https_and_regions_look_like_regions() {
        assert!(check_start_url(" https://d-1234567890.awsapps.com/start ").is_ok());
        assert!(check_start_url("http://d-1234567890.awsapps.com/start").is_err());
        assert!(check_start_url("d-1234567890.awsapps.com").is_err());
        assert_eq!(check_region("eu-west-1").unwrap(), "eu-west-1");
        assert_eq!(check_region("us-gov-west-1").unwrap(), "us-gov-west-1");
        for bad in ["", "Europe", "eu_west_1", "eu-west-1/../x"] {
            assert!(check_region(bad).is_err(), "{bad}");
        }
    }
}
