//! A usable access token for a site: the cached one while it is fresh, else a refreshed one
//! (written back to the cache, as the SDK's token provider does), else "log in again".

use std::path::Path;

use jiff::Timestamp;

use super::cache::{read_token, write_token, CachedToken};
use super::device::refresh_token;
use super::error::SsoError;
use super::target::SsoSite;
use crate::failure::Error;

pub async fn valid_token(oidc: &aws_sdk_ssooidc::Client, home: &Path, site: &SsoSite) -> Result<CachedToken, Error> {
    let not_logged_in = || SsoError::NotLoggedIn { start_url: site.start_url.clone() };
    let now = Timestamp::now();
    let cached = read_token(home, site.cache_key()).ok_or_else(not_logged_in)?;
    if cached.is_fresh(now) {
        return Ok(cached);
    }
    if !cached.can_refresh(now) {
        return Err(not_logged_in().into());
    }
    let refreshed = refresh_token(oidc, &cached).await?.ok_or_else(not_logged_in)?;
    write_token(home, site.cache_key(), &refreshed)?;
    Ok(refreshed)
}
