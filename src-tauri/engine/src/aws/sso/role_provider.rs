//! The credentials of a role chosen from the portal but not saved as a profile: asked of
//! GetRoleCredentials with the cached token each time the SDK's identity cache needs new
//! ones, so they live in memory only and outlast the role's one-hour keys.

use std::path::PathBuf;

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
}

impl IdentityCenterRole {
    async fn credentials(&self) -> provider::Result {
        let fail = |e: crate::Error| {
            let failure = e.failure();
            CredentialsError::provider_error(failure.message)
        };
        let token = valid_token(&self.oidc, &self.home, &self.site).await.map_err(fail)?;
        role_credentials(&self.portal, &token.access_token, &self.site.start_url, &self.account_id, &self.role_name)
            .await
            .map_err(|e| {
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
