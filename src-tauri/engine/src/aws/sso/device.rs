//! The OIDC device authorization flow of IAM Identity Center, as `aws sso login` runs it:
//! RegisterClient (a public client), StartDeviceAuthorization for the start URL, then
//! CreateToken every `interval` seconds until the admin approves the code in the browser.
//! `authorization_pending` means "not yet"; `slow_down` adds five seconds to the interval
//! (RFC 8628 §3.5); `expired_token` and `access_denied` end the login with their own errors.

use std::time::Duration;

use aws_sdk_ssooidc::operation::create_token::CreateTokenError;
use aws_sdk_ssooidc::Client;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use jiff::{SignedDuration, Timestamp};
use tokio::sync::watch;

use super::cache::{rfc3339, CachedToken};
use super::error::SsoError;
use crate::aws::{AwsError, CallContext};
use crate::failure::Error;

/// The grant of RFC 8628, as CreateToken names it.
const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";
/// The scope `aws configure sso` registers sso-session clients with: it is what makes
/// CreateToken return a refresh token.
pub const ACCOUNT_ACCESS_SCOPE: &str = "sso:account:access";
/// RFC 8628 §3.5: each `slow_down` adds five seconds to the polling interval.
const SLOW_DOWN_STEP: u32 = 5;
/// RFC 8628 §3.2: the interval when the server names none.
const DEFAULT_INTERVAL: u32 = 5;

/// A registered client and a device code waiting for the admin's approval.
#[derive(Clone)]
pub struct Started {
    pub start_url: String,
    pub sso_region: String,
    pub client_id: String,
    pub client_secret: String,
    pub registration_expires_at: Timestamp,
    pub device_code: String,
    pub user_code: String,
    pub verification_uri: String,
    pub verification_uri_complete: String,
    pub expires_at: Timestamp,
    pub interval_seconds: u32,
}

impl std::fmt::Debug for Started {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Started")
            .field("start_url", &self.start_url)
            .field("user_code", &self.user_code)
            .field("verification_uri", &self.verification_uri)
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

/// How polling ended, short of an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PollOutcome {
    Approved(CachedToken),
}

/// The sign-in page the admin is sent to. Identity Center's is always https; plain http is
/// accepted only for a loopback host (127.0.0.0/8, ::1, localhost), which is where a local
/// stand-in reached through `AWS_ENDPOINT_URL_SSO_OIDC` serves it: a page on this computer
/// crosses no network.
pub fn check_verification_uri(uri: &str) -> Result<(), SsoError> {
    let refuse = || SsoError::InsecureVerificationUri { uri: uri.to_owned() };
    let parsed = url::Url::parse(uri).map_err(|_| refuse())?;
    match parsed.scheme() {
        "https" if parsed.host().is_some() => Ok(()),
        "http" if is_loopback(&parsed) => Ok(()),
        _ => Err(refuse()),
    }
}

fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

fn incomplete(action: &str, what: &str) -> Error {
    SsoError::IncompleteAnswer { action: action.to_owned(), what: what.to_owned() }.into()
}

/// Errors of Identity Center's OIDC API that mean "this request is wrong", in its words;
/// anything else (network, throttling, server errors) is mapped like every AWS call.
fn oidc_error<E>(err: SdkError<E, HttpResponse>, action: &str) -> Error
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    match err.code() {
        Some(
            code @ ("InvalidClientException"
            | "InvalidGrantException"
            | "InvalidRequestException"
            | "InvalidScopeException"
            | "UnauthorizedClientException"
            | "UnsupportedGrantTypeException"
            | "InvalidRequestRegionException"
            | "InvalidClientMetadataException"),
        ) => SsoError::Refused {
            action: action.to_owned(),
            code: code.to_owned(),
            message: err.message().unwrap_or_default().to_owned(),
        }
        .into(),
        _ => AwsError::from_sdk(err, action, &CallContext::default()).into(),
    }
}

/// RegisterClient, then StartDeviceAuthorization. `scoped` asks for the account-access scope
/// (sso-session logins, which get a refresh token), as the AWS CLI does.
pub async fn register_and_start(
    client: &Client,
    start_url: &str,
    sso_region: &str,
    scoped: bool,
) -> Result<Started, Error> {
    let now = Timestamp::now();
    let mut register =
        client.register_client().client_name(format!("private-deploy-{}", now.as_second())).client_type("public");
    if scoped {
        register = register.scopes(ACCOUNT_ACCESS_SCOPE);
    }
    let registered = register.send().await.map_err(|e| oidc_error(e, "sso-oauth:RegisterClient"))?;
    let client_id = registered.client_id.ok_or_else(|| incomplete("sso-oauth:RegisterClient", "client ID"))?;
    let client_secret =
        registered.client_secret.ok_or_else(|| incomplete("sso-oauth:RegisterClient", "client secret"))?;
    let registration_expires_at = Timestamp::from_second(registered.client_secret_expires_at)
        .map_err(|_| incomplete("sso-oauth:RegisterClient", "valid expiry time"))?;

    let started = client
        .start_device_authorization()
        .client_id(&client_id)
        .client_secret(&client_secret)
        .start_url(start_url)
        .send()
        .await
        .map_err(|e| oidc_error(e, "sso-oauth:StartDeviceAuthorization"))?;
    let action = "sso-oauth:StartDeviceAuthorization";
    let verification_uri = started.verification_uri.ok_or_else(|| incomplete(action, "verification URI"))?;
    let verification_uri_complete = started.verification_uri_complete.unwrap_or_else(|| verification_uri.clone());
    check_verification_uri(&verification_uri)?;
    check_verification_uri(&verification_uri_complete)?;
    let interval = u32::try_from(started.interval).ok().filter(|i| *i > 0).unwrap_or(DEFAULT_INTERVAL);
    Ok(Started {
        start_url: start_url.to_owned(),
        sso_region: sso_region.to_owned(),
        client_id,
        client_secret,
        registration_expires_at,
        device_code: started.device_code.ok_or_else(|| incomplete(action, "device code"))?,
        user_code: started.user_code.ok_or_else(|| incomplete(action, "user code"))?,
        verification_uri,
        verification_uri_complete,
        expires_at: now + SignedDuration::from_secs(i64::from(started.expires_in.max(0))),
        interval_seconds: interval,
    })
}

/// Polls CreateToken until the code is approved, denied or expired, or `cancel` turns true.
/// The wait between polls is a tokio sleep, so paused-time tests run it instantly.
pub async fn poll_token(
    client: &Client,
    started: &Started,
    mut cancel: watch::Receiver<bool>,
) -> Result<PollOutcome, Error> {
    let mut interval = started.interval_seconds.max(1);
    let lifetime = started.expires_at.duration_since(Timestamp::now()).as_secs().max(0);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(lifetime.unsigned_abs());
    loop {
        if *cancel.borrow() {
            return Err(SsoError::Cancelled.into());
        }
        let asked_at = Timestamp::now();
        let answer = client
            .create_token()
            .client_id(&started.client_id)
            .client_secret(&started.client_secret)
            .grant_type(DEVICE_GRANT)
            .device_code(&started.device_code)
            .send()
            .await;
        match answer {
            Ok(out) => {
                let access_token =
                    out.access_token.ok_or_else(|| incomplete("sso-oauth:CreateToken", "access token"))?;
                return Ok(PollOutcome::Approved(CachedToken {
                    start_url: started.start_url.clone(),
                    region: started.sso_region.clone(),
                    access_token,
                    expires_at: rfc3339(asked_at + SignedDuration::from_secs(i64::from(out.expires_in.max(0)))),
                    client_id: Some(started.client_id.clone()),
                    client_secret: Some(started.client_secret.clone()),
                    registration_expires_at: Some(rfc3339(started.registration_expires_at)),
                    refresh_token: out.refresh_token,
                }));
            }
            Err(SdkError::ServiceError(e)) if matches!(e.err(), CreateTokenError::AuthorizationPendingException(_)) => {
            }
            Err(SdkError::ServiceError(e)) if matches!(e.err(), CreateTokenError::SlowDownException(_)) => {
                interval += SLOW_DOWN_STEP;
            }
            Err(SdkError::ServiceError(e)) if matches!(e.err(), CreateTokenError::ExpiredTokenException(_)) => {
                return Err(SsoError::CodeExpired.into());
            }
            Err(SdkError::ServiceError(e)) if matches!(e.err(), CreateTokenError::AccessDeniedException(_)) => {
                return Err(SsoError::Denied.into());
            }
            Err(other) => return Err(oidc_error(other, "sso-oauth:CreateToken")),
        }
        let wake = tokio::time::Instant::now() + Duration::from_secs(u64::from(interval));
        if wake >= deadline {
            return Err(SsoError::CodeExpired.into());
        }
        tokio::select! {
            _ = tokio::time::sleep_until(wake) => {}
            changed = cancel.changed() => {
                if changed.is_err() || *cancel.borrow() {
                    return Err(SsoError::Cancelled.into());
                }
            }
        }
    }
}

/// CreateToken with the `refresh_token` grant, as the SDK's token provider does: a new access
/// token without the browser. `None` when Identity Center no longer accepts the refresh token
/// (the admin then logs in again).
pub async fn refresh_token(client: &Client, cached: &CachedToken) -> Result<Option<CachedToken>, Error> {
    let (Some(client_id), Some(client_secret), Some(refresh)) =
        (&cached.client_id, &cached.client_secret, &cached.refresh_token)
    else {
        return Ok(None);
    };
    let asked_at = Timestamp::now();
    let answer = client
        .create_token()
        .client_id(client_id)
        .client_secret(client_secret)
        .grant_type("refresh_token")
        .refresh_token(refresh)
        .send()
        .await;
    match answer {
        Ok(out) => {
            let Some(access_token) = out.access_token else { return Ok(None) };
            Ok(Some(CachedToken {
                access_token,
                expires_at: rfc3339(asked_at + SignedDuration::from_secs(i64::from(out.expires_in.max(0)))),
                refresh_token: out.refresh_token.or_else(|| cached.refresh_token.clone()),
                ..cached.clone()
            }))
        }
        // A refused refresh token is not an error: the device flow is the way back.
        Err(SdkError::ServiceError(e)) if e.err().code().is_some() && !is_transient(e.err().code()) => Ok(None),
        Err(other) => Err(oidc_error(other, "sso-oauth:CreateToken")),
    }
}

fn is_transient(code: Option<&str>) -> bool {
    matches!(code, Some("InternalServerException" | "SlowDownException" | "ThrottlingException"))
}
