//! AWS failures in the user's terms. Service errors are read with `code()`; failures that
//! never reached AWS (no credentials, expired SSO token, network) are found in the error's
//! source chain. Each variant becomes a [`Failure`] with a code and what to do.

use std::error::Error as StdError;

use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_sts::operation::assume_role::AssumeRoleError;
use aws_sdk_sts::operation::assume_role_with_web_identity::AssumeRoleWithWebIdentityError;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::display::DisplayErrorContext;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

use super::pasted::PASTED_LABEL;
use super::profiles::ProfileKind;
use crate::failure::{ErrorCode, Explain, Failure};

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
            let detail = DisplayErrorContext(cred).to_string();
            let err = match cred {
                CredentialsError::InvalidConfiguration(_) => AwsError::Config { detail },
                _ => AwsError::NoCredentials { profile: ctx.profile.clone(), detail },
            };
            return ctx.sso_or(err);
        }
        let detail = DisplayErrorContext(&err).to_string();
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
            AwsError::NoCredentials { profile, detail } => Failure::new(ErrorCode::NoCredentials, message).with_hint(match profile {
                Some(p) => format!("Add keys or a login method to profile {p} (aws configure --profile {p}), or pick another profile. ({detail})"),
                None => format!("Run `aws configure` or `aws configure sso`, or choose a profile with --profile. ({detail})"),
            }),
            AwsError::SsoLoginRequired { profile, .. } => {
                Failure::new(ErrorCode::SsoLoginRequired, message).with_hint(format!("Run `aws sso login --profile {profile}`, then try again."))
            }
            AwsError::ExpiredCredentials { profile } => Failure::new(ErrorCode::ExpiredCredentials, message).with_hint(match profile {
                Some(p) if p == PASTED_LABEL => "Copy new keys from the AWS access portal and paste them again.".to_owned(),
                Some(p) => format!("Refresh the credentials of profile {p} (for temporary keys, get new ones), then try again."),
                None => "Refresh your credentials, then try again.".to_owned(),
            }),
            AwsError::InvalidCredentials { profile, .. } => Failure::new(ErrorCode::InvalidCredentials, message).with_hint(match profile {
                Some(p) if p == PASTED_LABEL => "Check that the whole text was copied, or copy new keys from the AWS access portal.".to_owned(),
                Some(p) => format!("Check the access key of profile {p} (aws configure --profile {p}), or pick another profile."),
                None => "Check your access key, or pick another profile.".to_owned(),
            }),
            AwsError::AccessDenied { action, detail } => Failure::new(ErrorCode::AccessDenied, message).with_hint(format!(
                "Ask your AWS administrator to allow {action} for this identity, or sign in with a profile that has it. AWS said: {detail}"
            )),
            AwsError::Throttled { .. } => {
                Failure::new(ErrorCode::Throttled, message).with_hint("Wait a minute and try again; nothing was changed.")
            }
            AwsError::Network { .. } => Failure::new(ErrorCode::Network, message)
                .with_hint("Check your network connection (and AWS_ENDPOINT_URL, if set), then try again."),
            AwsError::ProfileNotFound { available, .. } => Failure::new(ErrorCode::ProfileNotFound, message).with_hint(if available.is_empty() {
                "No profiles are configured: run `aws configure` or `aws configure sso`.".to_owned()
            } else {
                format!("Profiles that exist: {}.", available.join(", "))
            }),
            AwsError::Config { .. } => Failure::new(ErrorCode::ProfileConfig, message).with_hint("Fix the AWS configuration, then try again."),
            AwsError::RegionRequired { profile, example_region, .. } => Failure::new(ErrorCode::RegionRequired, message).with_hint(format!(
                "Set a region of that partition in the profile (aws configure set region {example_region} --profile {profile}) \
                 or in AWS_REGION ({example_region}). Without one, us-east-1 would be asked, and it does not know these credentials."
            )),
            AwsError::RegionNotEnabled { region, detail, .. } => Failure::new(ErrorCode::RegionDisabled, message).with_hint(format!(
                "Enable {} in the AWS console (Account > AWS Regions), or pick another region. If every region says this, \
                 check the credentials instead. AWS said: {detail}",
                region.as_deref().unwrap_or("the region")
            )),
            AwsError::Unavailable { message: said, .. } => Failure::new(ErrorCode::AwsUnavailable, message).with_hint(format!(
                "AWS had a temporary problem; try again in a minute. Private Deploy reads back what it changes before it \
                 reports it, so nothing is reported done that did not happen.{}",
                if said.is_empty() { String::new() } else { format!(" AWS said: {said}") }
            )),
            AwsError::Service { .. } | AwsError::Other { .. } => Failure::new(ErrorCode::Internal, message),
            AwsError::Mfa(e) => e.failure(),
        }
    }
}

fn from_service_code(code: &str, message: String, action: String, ctx: &CallContext) -> AwsError {
    match code {
        "AccessDenied"
        | "AccessDeniedException"
        | "UnauthorizedOperation"
        | "AuthorizationError"
        | "AccessDeniedFault" => AwsError::AccessDenied { action, detail: message },
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
mod tests {
    use super::*;

    fn sso() -> CallContext {
        CallContext { profile: Some("corp".into()), profile_kind: Some(ProfileKind::Sso) }
    }

    #[test]
    fn expired_token_of_an_sso_profile_says_which_login_to_run() {
        let err = from_service_code(
            "ExpiredToken",
            "The security token included in the request is expired".into(),
            "sts:GetCallerIdentity".into(),
            &sso(),
        );
        let failure = err.failure();
        assert_eq!(failure.code, ErrorCode::SsoLoginRequired);
        assert_eq!(failure.hint.as_deref(), Some("Run `aws sso login --profile corp`, then try again."));
    }

    #[test]
    fn expired_token_of_a_keys_profile_is_expired_credentials() {
        let ctx = CallContext { profile: Some("keys".into()), profile_kind: Some(ProfileKind::StaticKeys) };
        let failure = from_service_code("ExpiredToken", String::new(), "sts:GetCallerIdentity".into(), &ctx).failure();
        assert_eq!(failure.code, ErrorCode::ExpiredCredentials);
        assert!(failure.message.contains("profile keys"), "{}", failure.message);
    }

    #[test]
    fn access_denied_names_the_missing_action() {
        let failure = from_service_code(
            "UnauthorizedOperation",
            "You are not authorized to perform this operation.".into(),
            "ec2:DescribeVpcs".into(),
            &CallContext::default(),
        )
        .failure();
        assert_eq!(failure.code, ErrorCode::AccessDenied);
        assert!(failure.message.contains("ec2:DescribeVpcs"));
        assert!(failure.hint.unwrap().contains("allow ec2:DescribeVpcs"));
    }

    #[test]
    fn unknown_codes_keep_the_code_and_message() {
        let failure = from_service_code("Weird", "odd".into(), "x:Y".into(), &CallContext::default()).failure();
        assert_eq!(failure.code, ErrorCode::Internal);
        assert_eq!(failure.message, "x:Y failed: Weird: odd.");
    }

    /// An EC2 error answer: a 4xx whose body is `Response/Errors/Error` XML, as EC2 sends it.
    fn ec2_error(code: &str, message: &str) -> aws_smithy_runtime_api::client::orchestrator::HttpResponse {
        let xml = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors><RequestID>7c1c5fa0-0000-4000-8000-000000000000</RequestID></Response>"
        );
        aws_smithy_runtime_api::client::orchestrator::HttpResponse::new(
            aws_smithy_runtime_api::http::StatusCode::try_from(401).unwrap(),
            aws_smithy_types::body::SdkBody::from(xml),
        )
    }

    #[tokio::test]
    async fn mock_ec2_auth_failure_in_a_region_is_a_region_problem_not_bad_credentials() {
        use aws_smithy_mocks::{mock, mock_client};
        for (code, message) in [
            ("AuthFailure", "AWS was not able to validate the provided access credentials"),
            (
                "OptInRequired",
                "You are not subscribed to this service. Please go to http://aws.amazon.com to subscribe.",
            ),
        ] {
            let rule = mock!(aws_sdk_ec2::Client::describe_availability_zones)
                .then_http_response(move || ec2_error(code, message));
            let ec2 = mock_client!(aws_sdk_ec2, [&rule]);
            let err = ec2.describe_availability_zones().send().await.unwrap_err();
            let failure = AwsError::from_sdk(err, "ec2:DescribeAvailabilityZones", &CallContext::default())
                .in_region("ap-east-1")
                .failure();
            assert_eq!(failure.code, ErrorCode::RegionDisabled, "{code}: {failure:?}");
            assert!(failure.message.starts_with("Region ap-east-1 did not accept"), "{}", failure.message);
            assert!(failure.message.contains("not enabled for this account, or needs opt-in"), "{}", failure.message);
            let hint = failure.hint.unwrap();
            assert!(hint.contains("Enable ap-east-1") && hint.contains("pick another region"), "{hint}");
            assert!(hint.contains(message), "AWS's own words are kept: {hint}");
        }
    }

    #[test]
    fn auth_failure_outside_ec2_is_still_bad_credentials_and_a_region_is_named_only_where_it_matters() {
        let ctx = CallContext { profile: Some("keys".into()), profile_kind: Some(ProfileKind::StaticKeys) };
        let failure = from_service_code("AuthFailure", "x".into(), "sts:GetCallerIdentity".into(), &ctx).failure();
        assert_eq!(failure.code, ErrorCode::InvalidCredentials);
        let unnamed = from_service_code("OptInRequired", "x".into(), "ec2:DescribeVpcs".into(), &ctx);
        assert!(unnamed.to_string().starts_with("this region did not accept"), "{unnamed}");
        let throttled =
            from_service_code("Throttling", "x".into(), "ec2:DescribeVpcs".into(), &ctx).in_region("us-west-2");
        assert!(matches!(throttled, AwsError::Throttled { .. }));
    }

    #[test]
    fn no_answer_at_all_is_unreachable_and_an_answer_of_aws_is_not() {
        use aws_sdk_sts::operation::get_caller_identity::GetCallerIdentityError;
        use aws_smithy_runtime_api::client::result::ConnectorError;
        type Sdk = SdkError<GetCallerIdentityError, HttpResponse>;
        let ctx = CallContext::default();
        let refused = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "connection refused");
        let dispatch: Sdk = SdkError::dispatch_failure(ConnectorError::io(refused.into()));
        let connect_timeout: Sdk = SdkError::dispatch_failure(ConnectorError::timeout("connect timed out".into()));
        let timeout: Sdk = SdkError::timeout_error("the attempt timed out");
        for err in [dispatch, connect_timeout, timeout] {
            let mapped = AwsError::from_sdk(err, "sts:GetCallerIdentity", &ctx);
            assert!(mapped.is_unreachable(), "{mapped:?}");
            assert_eq!(mapped.failure().code, ErrorCode::Network);
        }
        for answered in [
            from_service_code("Throttling", "x".into(), "x:Y".into(), &ctx),
            from_service_code("ServiceUnavailable", "x".into(), "x:Y".into(), &ctx),
            from_service_code("AccessDenied", "x".into(), "x:Y".into(), &ctx),
        ] {
            assert!(!answered.is_unreachable(), "AWS answered: {answered:?}");
        }
    }

    #[test]
    fn a_china_profile_without_a_region_is_told_to_pass_one() {
        let failure =
            AwsError::RegionRequired { profile: "cn-admin".into(), partition: "aws-cn", example_region: "cn-north-1" }
                .failure();
        assert_eq!(failure.code, ErrorCode::RegionRequired);
        assert_eq!(
            failure.message,
            "Profile cn-admin signs in to the aws-cn partition (AWS in China), but no region is set for it."
        );
        let hint = failure.hint.unwrap();
        assert!(hint.contains("aws configure set region cn-north-1"), "{hint}");
        assert!(hint.contains("aws configure set region cn-north-1 --profile cn-admin"), "{hint}");
    }

    #[test]
    fn a_server_error_after_the_retries_says_to_try_again_in_one_sentence() {
        let ctx = CallContext::default();
        let action = "cloudformation:CreateStack".to_owned();
        let failure =
            from_service_code("ServiceUnavailable", "Service is unavailable.".into(), action.clone(), &ctx).failure();
        assert_eq!(failure.code, ErrorCode::AwsUnavailable);
        assert_eq!(
            failure.message,
            "AWS answered cloudformation:CreateStack with a server error (ServiceUnavailable) on every attempt."
        );
        let hint = failure.hint.unwrap();
        assert!(hint.contains("try again") && hint.ends_with("AWS said: Service is unavailable."), "{hint}");
        let other = from_service_code("ValidationError", "Template is bad.".into(), action, &ctx).failure();
        assert_eq!(other.message, "cloudformation:CreateStack failed: ValidationError: Template is bad.");
    }
}
