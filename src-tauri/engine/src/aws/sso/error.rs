//! What can go wrong in an IAM Identity Center login, in the admin's terms. Failures that are
//! not about Identity Center itself (no network, throttling, a server error) stay
//! [`super::super::AwsError`]s, mapped by `AwsError::from_sdk` like every other call.

use crate::failure::{ErrorCode, Explain, Failure, FixStep};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SsoError {
    #[error("the sign-in page {uri:?} is not an https:// address, so it was not opened")]
    InsecureVerificationUri { uri: String },
    #[error("the start URL {url:?} is not an https:// address")]
    BadStartUrl { url: String },
    #[error("{region:?} is not an AWS region name")]
    BadRegion { region: String },
    #[error("the sign-in request was denied in the browser")]
    Denied,
    #[error("the sign-in code expired before it was approved")]
    CodeExpired,
    #[error("the sign-in was cancelled")]
    Cancelled,
    #[error("no IAM Identity Center sign-in named {login_id:?} is waiting (it finished, or was never started)")]
    UnknownLogin { login_id: String },
    #[error("profile {profile} does not sign in with IAM Identity Center")]
    NotSsoProfile { profile: String },
    #[error("profile {profile} names no {key}")]
    MissingSetting { profile: String, key: String },
    #[error("there is no IAM Identity Center sign-in for {start_url} on this computer, or it has expired")]
    NotLoggedIn { start_url: String },
    #[error("the role {role_name} in account {account_id} is not assigned to this Identity Center user")]
    RoleNotAssigned { account_id: String, role_name: String },
    #[error("IAM Identity Center refused {action}: {code}: {message}")]
    Refused { action: String, code: String, message: String },
    #[error("IAM Identity Center's answer to {action} had no {what}")]
    IncompleteAnswer { action: String, what: String },
    #[error("the Identity Center token cache {path} could not be {what}: {detail}")]
    Cache { path: String, what: &'static str, detail: String },
    #[error("a profile named {profile} already exists in {config_file}")]
    ProfileTaken { profile: String, config_file: String },
    #[error("the AWS config file {path} could not be written: {detail}")]
    ConfigWrite { path: String, detail: String },
}

impl Explain for SsoError {
    fn failure(&self) -> Failure {
        let text = self.to_string();
        let mut chars = text.chars();
        let message = chars.next().map(|c| c.to_uppercase().chain(chars).collect::<String>()).unwrap_or_default() + ".";
        let (code, hint) = match self {
            SsoError::InsecureVerificationUri { .. } => (
                ErrorCode::SsoLoginRequired,
                "Check AWS_ENDPOINT_URL_SSO_OIDC and the start URL: Identity Center's sign-in page is always https.",
            ),
            SsoError::BadStartUrl { .. } => (
                ErrorCode::InvalidInput,
                "Copy the AWS access portal URL, such as https://d-1234567890.awsapps.com/start.",
            ),
            SsoError::BadRegion { .. } => {
                (ErrorCode::InvalidInput, "Give the region of the Identity Center instance, such as us-east-1.")
            }
            SsoError::Denied => (ErrorCode::SsoLoginDenied, "Start the sign-in again and choose Allow in the browser."),
            SsoError::CodeExpired => {
                (ErrorCode::SsoLoginExpired, "Start the sign-in again and approve the new code within a few minutes.")
            }
            SsoError::Cancelled => (ErrorCode::SsoLoginCancelled, "Start the sign-in again when you are ready."),
            SsoError::UnknownLogin { .. } => (ErrorCode::SsoLoginCancelled, "Start the sign-in again."),
            SsoError::NotSsoProfile { .. } => (
                ErrorCode::ProfileConfig,
                "Pick a profile with sso_session or sso_start_url, or sign in with a start URL.",
            ),
            SsoError::MissingSetting { .. } => (
                ErrorCode::ProfileConfig,
                "Complete the profile with `aws configure sso`, or sign in with a start URL.",
            ),
            SsoError::NotLoggedIn { .. } => (ErrorCode::SsoLoginRequired, "Sign in with IAM Identity Center again."),
            SsoError::RoleNotAssigned { .. } => {
                (ErrorCode::AccessDenied, "Pick another role, or ask your administrator to assign this one.")
            }
            SsoError::Refused { .. } => {
                (ErrorCode::SsoLoginRequired, "Check the start URL and its region, then sign in again.")
            }
            SsoError::IncompleteAnswer { .. } => (
                ErrorCode::Internal,
                "Try again; if it repeats, check AWS_ENDPOINT_URL_SSO_OIDC and AWS_ENDPOINT_URL_SSO.",
            ),
            SsoError::Cache { .. } => {
                (ErrorCode::ProfileConfig, "Check that ~/.aws/sso/cache is a folder you can write to.")
            }
            SsoError::ProfileTaken { .. } => {
                (ErrorCode::InvalidInput, "Look at the preview again: it picks a free name.")
            }
            SsoError::ConfigWrite { .. } => (
                ErrorCode::ProfileConfig,
                "Check that the AWS config file can be written, or continue without saving the profile.",
            ),
        };
        Failure::new(code, message).with_hint(hint).fixed_at(FixStep::SignIn)
    }
}

impl From<SsoError> for crate::failure::Error {
    fn from(err: SsoError) -> Self {
        crate::failure::Error::Aws(err.into())
    }
}
