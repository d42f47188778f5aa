//! AWS failures in the user's terms. Service errors are read with `code()`; failures that
//! never reached AWS (no credentials, expired SSO token, network) are found in the error's
//! source chain. Each variant becomes a [`Failure`] with a code and what to do.

use std::error::Error as StdError;

use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_sts::operation::assume_role::AssumeRoleError;
use aws_sdk_sts::operation::assume_role_with_web_identity::AssumeRoleWithWebIdentityError;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

use super::pasted::PASTED_LABEL;
use super::profiles::ProfileKind;
use crate::failure::{ErrorCode, Explain, Failure, FixStep};

#[derive(Debug, thiserror::Error)]
pub enum AwsError {
    #[error("no AWS credentials were found{}", for_profile(.profile))]
    NoCredentials { profile: Option<String>, detail: String },
    #[error("the AWS SSO session of profile {profile} has expired or was never started")]
    SsoLoginRequired { profile: String, detail: String },
    #[error("the AWS credentials{} have expired", for_profile(.profile))]
    ExpiredCredentials { profile: Option<String> },
    #[error("AWS does not accept the credentials{}: {detail}", for_profile(.profile))]
    InvalidCredentials { profile: Option<String>, detail: String },
    #[error("access denied: this identity may not call {action}")]
    AccessDenied { action: String, detail: String },
    #[error("AWS is throttling {action}; the SDK retried and gave up")]
    Throttled { action: String },
    #[error("could not reach AWS for {action}: {detail}")]
    Network { action: String, detail: String },
    #[error("there is no AWS profile named {profile:?}")]
    ProfileNotFound { profile: String, available: Vec<String> },
    #[error("the AWS configuration is not valid: {detail}")]
    Config { detail: String },
    #[error(
        "profile {profile} signs in to the {partition} partition ({}), but no region is set for it",
        super::partition::title(.partition)
    )]
    RegionRequired { profile: String, partition: &'static str, example_region: &'static str },
    #[error(
        "{} did not accept the credentials for {action}: the region is not enabled for this account, or needs opt-in",
        .region.as_deref().map(|r| format!("region {r}")).unwrap_or_else(|| "this region".to_owned())
    )]
    RegionNotEnabled { region: Option<String>, action: String, detail: String },
    #[error("AWS answered {action} with a server error ({code}) on every attempt")]
    Unavailable { action: String, code: String, message: String },
    #[error("{action} failed: {code}: {message}")]
    Service { action: String, code: String, message: String },
    #[error("{action} failed: {detail}")]
    Other { action: String, detail: String },
    #[error(transparent)]
    Mfa(#[from] super::mfa::MfaError),
    #[error(transparent)]
    Endpoint(#[from] super::endpoints::EndpointError),
    #[error(transparent)]
    Sso(#[from] super::sso::SsoError),
}

fn for_profile(profile: &Option<String>) -> String {
    profile.as_ref().map(|p| format!(" for profile {p}")).unwrap_or_default()
}

/// Who made a call, so that errors can say which profile to fix and how.
#[derive(Debug, Clone, Default)]
pub struct CallContext {
    pub profile: Option<String>,
    pub profile_kind: Option<ProfileKind>,
}

impl CallContext {
    fn is_sso(&self) -> bool {
        self.profile_kind == Some(ProfileKind::Sso)
    }

    fn sso_or(&self, otherwise: AwsError) -> AwsError {
        match (&self.profile, self.is_sso()) {
            (Some(profile), true) => {
                AwsError::SsoLoginRequired { profile: profile.clone(), detail: otherwise.to_string() }
            }
            _ => otherwise,
        }
    }
}

impl AwsError {
    /// Names the region a regional call was made in, for the errors that are about it.
    pub fn in_region(self, region: &str) -> Self {
        match self {
            AwsError::RegionNotEnabled { action, detail, .. } => {
                AwsError::RegionNotEnabled { region: Some(region.to_owned()), action, detail }
            }
            other => other,
        }
    }

    /// AWS could not be reached at all: the request got no answer (DNS, a refused or dropped
    /// connection, a timeout: the SDK's `DispatchFailure` and `TimeoutError`, or an answer
    /// cut off mid-way), after the SDK's own retries. Everything that says "Can't reach AWS"
    /// asks this, and nothing else.
    pub fn is_unreachable(&self) -> bool {
        matches!(self, AwsError::Network { .. })
    }

    /// Maps any SDK error of an operation named `action` (as IAM names it: `sts:GetCallerIdentity`).
    pub fn from_sdk<E, R>(err: SdkError<E, R>, action: &str, ctx: &CallContext) -> Self
    where
        E: ProvideErrorMetadata + StdError + Send + Sync + 'static,
        R: std::fmt::Debug + Send + Sync + 'static,
    {
        let action = action.to_owned();
        if let Some(code) = err.code() {
            let message = err.message().unwrap_or_default().to_owned();
            return from_service_code(code, message, action, ctx);
        }
        if let Some(cred) = find_source::<CredentialsError>(&err) {
            // A role profile's provider called STS itself: say what STS said about that call.
            if let Some(sts) = find_source::<SdkError<AssumeRoleError, HttpResponse>>(cred) {
                if let Some(code) = sts.code() {
                    let message = sts.message().unwrap_or_default().to_owned();
                    return from_service_code(code, message, "sts:AssumeRole".to_owned(), ctx);
                }
            }
            if let Some(sts) = find_source::<SdkError<AssumeRoleWithWebIdentityError, HttpResponse>>(cred) {
                if let Some(code) = sts.code() {
                    let message = sts.message().unwrap_or_default().to_owned();
                    return from_service_code(code, message, "sts:AssumeRoleWithWebIdentity".to_owned(), ctx);
                }
            }
            let detail = without_helper_output(causes(cred));
            let err = match cred {
                CredentialsError::InvalidConfiguration(_) => AwsError::Config { detail },
                _ => AwsError::NoCredentials { profile: ctx.profile.clone(), detail },
            };
            return ctx.sso_or(err);
        }
        let detail = causes(&err);
        match err {
            SdkError::TimeoutError(_) | SdkError::DispatchFailure(_) => AwsError::Network { action, detail },
            SdkError::ResponseError(_) => AwsError::Network { action, detail },
            _ => AwsError::Other { action, detail },
        }
    }
}

impl Explain for AwsError {
    fn failure(&self) -> Failure {
        let message = sentence(&self.to_string());
        match self {
            AwsError::NoCredentials { profile, detail } => {
                let failure = Failure::new(ErrorCode::NoCredentials, message).fixed_at(FixStep::SignIn);
                match profile {
                    Some(p) => failure
                        .with_hint(format!(
                            "Add keys or a login method to profile {p} with this command, or pick another profile. \
                             The SDK said: {}.",
                            detail.trim_end_matches('.')
                        ))
                        .with_command(format!("aws configure --profile {}", shell_word(p))),
                    None => failure
                        .with_hint(format!(
                            "Set up a profile with this command (add `sso` for IAM Identity Center), or choose one with \
                             --profile. The SDK said: {}.",
                            detail.trim_end_matches('.')
                        ))
                        .with_command("aws configure"),
                }
            }
            AwsError::SsoLoginRequired { profile, .. } if super::sso::is_in_memory_label(profile) => {
                Failure::new(ErrorCode::SsoLoginRequired, message)
                    .with_hint("Sign in with IAM Identity Center again and pick the account and role, then try again.")
                    .fixed_at(FixStep::SignIn)
            }
            AwsError::SsoLoginRequired { profile, .. } => Failure::new(ErrorCode::SsoLoginRequired, message)
                .with_hint("Sign in to AWS SSO again with this command, then try again.")
                .with_command(sso_login_command(profile))
                .fixed_at(FixStep::SignIn),
            AwsError::ExpiredCredentials { profile } => Failure::new(ErrorCode::ExpiredCredentials, message)
                .with_hint(match profile {
                    Some(p) if p == PASTED_LABEL => {
                        "Copy new keys from the AWS access portal and paste them again.".to_owned()
                    }
                    Some(p) => {
                        format!("Refresh the credentials of profile {p} (for temporary keys, get new ones), then try again.")
                    }
                    None => "Refresh your credentials, then try again.".to_owned(),
                })
                .fixed_at(FixStep::SignIn),
            AwsError::InvalidCredentials { profile, .. } => {
                let failure = Failure::new(ErrorCode::InvalidCredentials, message).fixed_at(FixStep::SignIn);
                match profile {
                    Some(p) if p == PASTED_LABEL => failure
                        .with_hint("Check that the whole text was copied, or copy new keys from the AWS access portal."),
                    Some(p) => failure
                        .with_hint(format!("Check the access key of profile {p} with this command, or pick another profile."))
                        .with_command(format!("aws configure --profile {}", shell_word(p))),
                    None => failure.with_hint("Check your access key, or pick another profile."),
                }
            }
            AwsError::AccessDenied { action, detail } => Failure::new(ErrorCode::AccessDenied, message).with_hint(format!(
                "Ask your AWS administrator to allow {action} for this identity, or sign in with a profile that has it. AWS said: {detail}"
            )),
            AwsError::Throttled { .. } => {
                Failure::new(ErrorCode::Throttled, message).with_hint("Wait a minute and try again; nothing was changed.")
            }
            AwsError::Network { .. } => Failure::new(ErrorCode::Network, message)
                .with_hint("Check your network connection (and AWS_ENDPOINT_URL, if set), then try again."),
            AwsError::ProfileNotFound { available, .. } => {
                let failure = Failure::new(ErrorCode::ProfileNotFound, message).fixed_at(FixStep::SignIn);
                if available.is_empty() {
                    failure.with_hint("No profiles are configured: set one up with this command (add `sso` for IAM Identity Center).")
                        .with_command("aws configure")
                } else {
                    failure.with_hint(format!("Profiles that exist: {}.", available.join(", ")))
                }
            }
            AwsError::Config { .. } => Failure::new(ErrorCode::ProfileConfig, message)
                .with_hint("Fix the AWS configuration, then try again.")
                .fixed_at(FixStep::SignIn),
            AwsError::RegionRequired { profile, example_region, .. } => Failure::new(ErrorCode::RegionRequired, message)
                .with_hint(format!(
                    "Set a region of that partition in the profile with this command, or in AWS_REGION ({example_region}). \
                     Without one, us-east-1 would be asked, and it does not know these credentials."
                ))
                .with_command(format!("aws configure set region {example_region} --profile {}", shell_word(profile)))
                .fixed_at(FixStep::SignIn),
            AwsError::RegionNotEnabled { region, detail, .. } => Failure::new(ErrorCode::RegionDisabled, message)
                .with_hint(format!(
                    "Enable {} in the AWS console (Account > AWS Regions), or pick another region. If every region says this, \
                     check the credentials instead. AWS said: {detail}",
                    region.as_deref().unwrap_or("the region")
                ))
                .fixed_at(FixStep::Region),
            AwsError::Unavailable { message: said, .. } => Failure::new(ErrorCode::AwsUnavailable, message).with_hint(format!(
                "AWS had a temporary problem; try again in a minute. Private Deploy reads back what it changes before it \
                 reports it, so nothing is reported done that did not happen.{}",
                if said.is_empty() { String::new() } else { format!(" AWS said: {said}") }
            )),
            AwsError::Service { .. } | AwsError::Other { .. } => Failure::new(ErrorCode::Internal, message),
            AwsError::Mfa(e) => e.failure(),
            AwsError::Endpoint(e) => e.failure(),
            AwsError::Sso(e) => e.failure(),
        }
    }
}

/// `aws sso login --profile NAME`, the name quoted when the shell would split or expand it.
pub fn sso_login_command(profile: &str) -> String {
    format!("aws sso login --profile {}", shell_word(profile))
}

/// `word` as one shell word: as it is when it is plain, else in single quotes.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || "_.@+=,:/-".contains(c));
    if plain {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// The error and its causes in words (each one's `Display`, repeats left out), never their
/// `Debug` form: `DisplayErrorContext` appends `CredentialsNotLoaded { source: None }`-style
/// text that means nothing to an admin.
/// The SDK puts a `credential_process` helper's whole error output in its message; a helper
/// may print tokens, URLs or keys there, which must not reach a hint, the window or a log.
fn without_helper_output(detail: String) -> String {
    match detail.find("Stderr:") {
        Some(at) => format!(
            "{} (its error output is not shown here: run the profile's credential_process command yourself to read it)",
            detail[..at].trim_end().trim_end_matches('.')
        ),
        None => detail,
    }
}

pub(crate) fn causes(err: &(dyn StdError + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut current: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(e) = current {
        let text = e.to_string();
        let text = text.trim().trim_end_matches('.');
        if !text.is_empty() && !parts.iter().any(|p| p.contains(text)) {
            parts.push(text.to_owned());
        }
        current = e.source();
    }
    parts.join(": ")
}

/// The codes AWS's services answer a denied call with (IAM, EC2, SNS-style, RDS-style).
pub(crate) fn is_access_denied_code(code: &str) -> bool {
    matches!(
        code,
        "AccessDenied" | "AccessDeniedException" | "UnauthorizedOperation" | "AuthorizationError" | "AccessDeniedFault"
    )
}

/// An SDK error that carries no AWS code (no answer: network, credentials), in words safe to
/// show: its causes' `Display`, without a `credential_process` helper's error output.
pub(crate) fn unanswered(err: &(dyn StdError + 'static)) -> String {
    without_helper_output(causes(err))
}

fn from_service_code(code: &str, message: String, action: String, ctx: &CallContext) -> AwsError {
    match code {
        code if is_access_denied_code(code) => AwsError::AccessDenied { action, detail: message },
        "ExpiredToken" | "ExpiredTokenException" | "RequestExpired" | "TokenRefreshRequired" => {
            ctx.sso_or(AwsError::ExpiredCredentials { profile: ctx.profile.clone() })
        }
        // EC2 answers a call in a region the account has not enabled (or that needs opt-in)
        // with AuthFailure or OptInRequired, although the same credentials work elsewhere.
        "AuthFailure" | "OptInRequired" if action.starts_with("ec2:") => {
            AwsError::RegionNotEnabled { region: None, action, detail: message }
        }
        "InvalidClientTokenId"
        | "SignatureDoesNotMatch"
        | "UnrecognizedClientException"
        | "AuthFailure"
        | "InvalidAccessKeyId"
        | "IncompleteSignature" => AwsError::InvalidCredentials { profile: ctx.profile.clone(), detail: message },
        "Throttling"
        | "ThrottlingException"
        | "ThrottledException"
        | "RequestLimitExceeded"
        | "TooManyRequestsException"
        | "RequestThrottled"
        | "SlowDown" => AwsError::Throttled { action },
        // The server errors of AWS's common error lists: the SDK retried them and gave up.
        "InternalFailure"
        | "InternalError"
        | "InternalServerError"
        | "ServiceUnavailable"
        | "ServiceUnavailableException"
        | "Unavailable" => AwsError::Unavailable { action, code: code.to_owned(), message },
        _ => AwsError::Service { action, code: code.to_owned(), message },
    }
}

fn find_source<'a, T: StdError + 'static>(err: &'a (dyn StdError + 'static)) -> Option<&'a T> {
    let mut current: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(e) = current {
        if let Some(found) = e.downcast_ref::<T>() {
            return Some(found);
        }
        current = e.source();
    }
    None
}

/// One sentence: a capital first letter (unless it starts with an IAM action such as
/// `cloudformation:CreateStack`, whose case is its name) and one final period, even when the
/// text ends with AWS's own message and its period.
fn sentence(text: &str) -> String {
    let text = text.trim_end().trim_end_matches('.');
    let first_word = text.split(' ').next().unwrap_or_default();
    let body = if first_word.contains(':') {
        text.to_owned()
    } else {
        let mut chars = text.chars();
        chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
    };
    format!("{body}.")
}

#[cfg(test)]
#[path = "error_tests.rs"]
mod tests;
