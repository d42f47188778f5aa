//! The credentials of a role chosen from the portal but not saved as a profile: asked of
//! GetRoleCredentials with the cached token each time the SDK's identity cache needs new
//! ones, so they live in memory only and outlast the role's one-hour keys.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use aws_credential_types::Credentials;

use aws_credential_types::provider::{self, error::CredentialsError, future, ProvideCredentials};
use aws_smithy_types::error::display::DisplayErrorContext;

use super::portal::role_credentials;
use super::target::SsoSite;
use super::token::valid_token;
use crate::Explain;

#[derive(Debug, Clone)]
pub struct IdentityCenterRole {
    pub oidc: aws_sdk_ssooidc::Client,
    pub portal: aws_sdk_sso::Client,
    pub home: PathBuf,
    pub site: SsoSite,
    pub account_id: String,
    pub role_name: String,
    /// Keys already fetched (to check the choice before signing in), handed out first.
    pub first: Arc<Mutex<Option<Credentials>>>,
}

impl IdentityCenterRole {
    /// GetRoleCredentials with a valid token (refreshed if need be).
    pub async fn fetch(&self) -> Result<Credentials, crate::Error> {
        let token = valid_token(&self.oidc, &self.home, &self.site).await?;
        role_credentials(&self.portal, &token.access_token, &self.site.start_url, &self.account_id, &self.role_name)
            .await
    }

    async fn credentials(&self) -> provider::Result {
        if let Some(first) = self.first.lock().unwrap_or_else(|p| p.into_inner()).take() {
            return Ok(first);
        }
        let fail = |e: crate::Error| {
            let failure = e.failure();
            CredentialsError::provider_error(failure.message)
        };
        self.fetch().await.map_err(|e| {
            tracing::debug!(error = %DisplayErrorContext(&e), "GetRoleCredentials failed");
            fail(e)
        })
    }
}

impl ProvideCredentials for IdentityCenterRole {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(self.credentials())
    }
}
