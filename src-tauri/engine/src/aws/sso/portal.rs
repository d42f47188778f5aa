//! The AWS access portal API of IAM Identity Center, with the cached access token: the
//! accounts and roles the user is assigned (every page, through the SDK's paginators), and a
//! role's temporary keys.

use aws_credential_types::Credentials;
use aws_sdk_sso::Client;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

use super::error::SsoError;
use super::SsoAccount;
use crate::aws::{AwsError, CallContext};
use crate::failure::Error;

/// UnauthorizedException is the portal's answer to an expired or revoked access token.
fn portal_error<E>(err: SdkError<E, HttpResponse>, action: &str, start_url: &str) -> Error
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    match err.code() {
        Some("UnauthorizedException") => SsoError::NotLoggedIn { start_url: start_url.to_owned() }.into(),
        _ => AwsError::from_sdk(err, action, &CallContext::default()).into(),
    }
}

/// ListAccounts, all pages, sorted by name for people.
pub async fn list_accounts(client: &Client, access_token: &str, start_url: &str) -> Result<Vec<SsoAccount>, Error> {
    let action = "sso:ListAccounts";
    let mut pages = client.list_accounts().access_token(access_token).into_paginator().items().send();
    let mut accounts = Vec::new();
    while let Some(item) = pages.next().await {
        let info = item.map_err(|e| portal_error(e, action, start_url))?;
        let account_id = info
            .account_id
            .ok_or_else(|| SsoError::IncompleteAnswer { action: action.to_owned(), what: "account ID".to_owned() })?;
        accounts.push(SsoAccount {
            account_name: info.account_name.unwrap_or_else(|| account_id.clone()),
            account_id,
            email: info.email_address,
        });
    }
    accounts.sort_by(|a, b| a.account_name.cmp(&b.account_name).then_with(|| a.account_id.cmp(&b.account_id)));
    Ok(accounts)
}

/// ListAccountRoles of one account, all pages, sorted.
pub async fn list_roles(
    client: &Client,
    access_token: &str,
    start_url: &str,
    account_id: &str,
) -> Result<Vec<String>, Error> {
    let action = "sso:ListAccountRoles";
    let mut pages =
        client.list_account_roles().access_token(access_token).account_id(account_id).into_paginator().items().send();
    let mut roles = Vec::new();
    while let Some(item) = pages.next().await {
        let info = item.map_err(|e| portal_error(e, action, start_url))?;
        roles.extend(info.role_name);
    }
    roles.sort();
    Ok(roles)
}

/// GetRoleCredentials: the role's temporary keys, which expire when the portal says.
pub async fn role_credentials(
    client: &Client,
    access_token: &str,
    start_url: &str,
    account_id: &str,
    role_name: &str,
) -> Result<Credentials, Error> {
    let action = "sso:GetRoleCredentials";
    let out = client
        .get_role_credentials()
        .access_token(access_token)
        .account_id(account_id)
        .role_name(role_name)
        .send()
        .await
        .map_err(|e| match e.code() {
            Some("ForbiddenException" | "ResourceNotFoundException") => {
                SsoError::RoleNotAssigned { account_id: account_id.to_owned(), role_name: role_name.to_owned() }.into()
            }
            _ => portal_error(e, action, start_url),
        })?;
    let missing = |what: &str| SsoError::IncompleteAnswer { action: action.to_owned(), what: what.to_owned() };
    let creds = out.role_credentials.ok_or_else(|| missing("role credentials"))?;
    let expiry = std::time::UNIX_EPOCH + std::time::Duration::from_millis(u64::try_from(creds.expiration).unwrap_or(0));
    Ok(Credentials::new(
        creds.access_key_id.ok_or_else(|| missing("access key ID"))?,
        creds.secret_access_key.ok_or_else(|| missing("secret access key"))?,
        creds.session_token,
        Some(expiry),
        "IdentityCenter",
    ))
}
