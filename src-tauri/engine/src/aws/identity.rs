//! Who the session is: `sts:GetCallerIdentity`, whether that is the account's root user, and
//! how far this computer's clock is from AWS's (read from the same answer).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::clock::{clock_warning, ClockReading};
use super::error::{AwsError, CallContext};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Identity {
    /// The profile signed in with; `default chain` when none was chosen.
    pub profile: String,
    pub region: String,
    pub account: String,
    pub arn: String,
    pub user_id: String,
    /// The account's root user: it should not be used for day-to-day administration.
    pub is_root: bool,
    /// AWS's clock minus this computer's, in seconds, from the answer's `Date`; `None` when
    /// the answer had none (the journal does not keep it either).
    #[serde(default)]
    pub clock_skew_seconds: Option<i64>,
    /// Set when this computer's clock is more than a minute off AWS's: what to tell the admin.
    #[serde(default)]
    pub clock_warning: Option<String>,
    /// When the session's credentials stop working (temporary keys: SSO, a role, MFA, pasted
    /// ones), as their provider says; `None` for long-term keys.
    #[serde(default)]
    #[ts(type = "string | null")]
    pub credentials_expire_at: Option<jiff::Timestamp>,
}

pub async fn caller_identity(client: &aws_sdk_sts::Client, ctx: &CallContext) -> Result<Identity, AwsError> {
    let clock = ClockReading::default();
    let out = client
        .get_caller_identity()
        .customize()
        .interceptor(clock.clone())
        .send()
        .await
        .map_err(|e| AwsError::from_sdk(e, "sts:GetCallerIdentity", ctx))?;
    let skew = clock.skew_seconds();
    let missing = |what: &str| AwsError::Other {
        action: "sts:GetCallerIdentity".into(),
        detail: format!("the answer had no {what}"),
    };
    let arn = out.arn.ok_or_else(|| missing("ARN"))?;
    Ok(Identity {
        profile: ctx.profile.clone().unwrap_or_else(|| "default chain".into()),
        region: client.config().region().map(|r| r.to_string()).unwrap_or_default(),
        account: out.account.ok_or_else(|| missing("account"))?,
        is_root: is_root_arn(&arn),
        user_id: out.user_id.unwrap_or_default(),
        arn,
        clock_skew_seconds: skew,
        clock_warning: clock_warning(skew),
        credentials_expire_at: None,
    })
}

/// When the session's credentials expire, from its credentials provider (cached by the SDK,
/// so no second call to AWS); `None` for keys that do not expire or cannot be had.
pub async fn credentials_expiry(session: &super::Session) -> Option<jiff::Timestamp> {
    use aws_credential_types::provider::ProvideCredentials as _;
    let provider = session.config.credentials_provider()?;
    let expiry = provider.provide_credentials().await.ok()?.expiry()?;
    jiff::Timestamp::try_from(expiry).ok()
}

/// `arn:<partition>:iam::<account>:root`, in any partition.
fn is_root_arn(arn: &str) -> bool {
    let parts: Vec<&str> = arn.split(':').collect();
    parts.len() == 6 && parts[0] == "arn" && parts[2] == "iam" && parts[5] == "root"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::ProfileKind;
    use crate::failure::ErrorCode;
    use crate::Explain as _;
    use aws_smithy_mocks::{mock, mock_client};
    use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
    use aws_smithy_runtime_api::http::StatusCode;
    use aws_smithy_types::body::SdkBody;

    fn sts_error(status: u16, code: &str, message: &str) -> HttpResponse {
        let xml = format!(
            "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>4c1f5b6e-0000-4000-8000-000000000000</RequestId></ErrorResponse>"
        );
        HttpResponse::new(StatusCode::try_from(status).unwrap(), SdkBody::from(xml))
    }

    fn ctx(kind: ProfileKind) -> CallContext {
        CallContext { profile: Some("work".into()), profile_kind: Some(kind) }
    }

    #[tokio::test]
    async fn identity_of_an_iam_user() {
        let rule = mock!(aws_sdk_sts::Client::get_caller_identity).then_output(|| {
            aws_sdk_sts::operation::get_caller_identity::GetCallerIdentityOutput::builder()
                .account("123456789012")
                .arn("arn:aws:iam::123456789012:user/alice")
                .user_id("AIDAEXAMPLE")
                .build()
        });
        let client = mock_client!(aws_sdk_sts, [&rule]);
        let id = caller_identity(&client, &ctx(ProfileKind::StaticKeys)).await.unwrap();
        assert_eq!(id.account, "123456789012");
        assert_eq!(id.arn, "arn:aws:iam::123456789012:user/alice");
        assert_eq!(id.profile, "work");
        assert!(!id.is_root);
    }

    fn session_with(keys: aws_credential_types::Credentials) -> crate::aws::Session {
        let config = aws_types::SdkConfig::builder()
            .credentials_provider(aws_credential_types::provider::SharedCredentialsProvider::new(keys))
            .build();
        crate::aws::Session {
            config,
            profile: Some("work".into()),
            profile_kind: None,
            region: "us-east-1".into(),
            endpoints: Vec::new(),
        }
    }

    #[tokio::test]
    async fn temporary_keys_say_when_they_expire_and_long_term_keys_do_not() {
        let at = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_796_300_000);
        let temporary = aws_credential_types::Credentials::new("ASIA", "s", Some("token".into()), Some(at), "sso");
        assert_eq!(
            credentials_expiry(&session_with(temporary)).await,
            Some(jiff::Timestamp::from_second(1_796_300_000).unwrap())
        );
        let long_term = aws_credential_types::Credentials::new("AKIA", "s", None, None, "profile");
        assert_eq!(credentials_expiry(&session_with(long_term)).await, None);
    }

    #[test]
    fn root_is_recognised_in_every_partition_and_nothing_else_is() {
        assert!(is_root_arn("arn:aws:iam::123456789012:root"));
        assert!(is_root_arn("arn:aws-cn:iam::123456789012:root"));
        assert!(!is_root_arn("arn:aws:iam::123456789012:user/root"));
        assert!(!is_root_arn("arn:aws:sts::123456789012:assumed-role/root/x"));
    }

    #[tokio::test]
    async fn expired_sso_token_from_sts_asks_for_sso_login() {
        let rule = mock!(aws_sdk_sts::Client::get_caller_identity).then_http_response(|| {
            sts_error(403, "ExpiredToken", "The security token included in the request is expired")
        });
        let client = mock_client!(aws_sdk_sts, [&rule]);
        let failure = caller_identity(&client, &ctx(ProfileKind::Sso)).await.unwrap_err().failure();
        assert_eq!(failure.code, ErrorCode::SsoLoginRequired);
        assert_eq!(failure.command.as_deref(), Some("aws sso login --profile work"));
    }

    #[tokio::test]
    async fn access_denied_from_sts_names_the_action() {
        let rule = mock!(aws_sdk_sts::Client::get_caller_identity).then_http_response(|| {
            sts_error(
                403,
                "AccessDenied",
                "User: arn:aws:iam::123456789012:user/bob is not authorized to perform: sts:GetCallerIdentity",
            )
        });
        let client = mock_client!(aws_sdk_sts, [&rule]);
        let failure = caller_identity(&client, &ctx(ProfileKind::StaticKeys)).await.unwrap_err().failure();
        assert_eq!(failure.code, ErrorCode::AccessDenied);
        assert!(failure.message.contains("sts:GetCallerIdentity"));
        assert!(failure.hint.unwrap().contains("user/bob"));
    }

    #[tokio::test]
    async fn invalid_keys_are_named_as_such() {
        let rule = mock!(aws_sdk_sts::Client::get_caller_identity).then_http_response(|| {
            sts_error(403, "InvalidClientTokenId", "The security token included in the request is invalid.")
        });
        let client = mock_client!(aws_sdk_sts, [&rule]);
        let failure = caller_identity(&client, &ctx(ProfileKind::StaticKeys)).await.unwrap_err().failure();
        assert_eq!(failure.code, ErrorCode::InvalidCredentials);
        assert_eq!(failure.command.as_deref(), Some("aws configure --profile work"));
    }

    #[tokio::test]
    async fn missing_credentials_are_found_in_the_source_chain() {
        use aws_credential_types::provider::{error::CredentialsError, future, ProvideCredentials};
        #[derive(Debug)]
        struct Nothing;
        impl ProvideCredentials for Nothing {
            fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
            where
                Self: 'a,
            {
                future::ProvideCredentials::ready(Err(CredentialsError::not_loaded("no keys in profile sso-dev")))
            }
        }
        let config = aws_sdk_sts::Config::builder()
            .behavior_version(aws_sdk_sts::config::BehaviorVersion::latest())
            .region(aws_sdk_sts::config::Region::new("us-east-1"))
            .credentials_provider(Nothing)
            .http_client(aws_smithy_http_client::test_util::infallible_client_fn(|_| {
                http::Response::builder().status(500).body(SdkBody::empty()).unwrap()
            }))
            .build();
        let client = aws_sdk_sts::Client::from_conf(config);
        let keys = caller_identity(&client, &ctx(ProfileKind::StaticKeys)).await.unwrap_err().failure();
        assert_eq!(keys.code, ErrorCode::NoCredentials, "{keys:?}");
        let sso = caller_identity(&client, &ctx(ProfileKind::Sso)).await.unwrap_err().failure();
        assert_eq!(sso.code, ErrorCode::SsoLoginRequired, "{sso:?}");
    }

    /// A credentials provider that fails once with `err` (what a role profile's provider
    /// returns when its own STS call failed).
    #[derive(Debug)]
    struct Failing(std::sync::Mutex<Option<aws_credential_types::provider::error::CredentialsError>>);

    impl aws_credential_types::provider::ProvideCredentials for Failing {
        fn provide_credentials<'a>(&'a self) -> aws_credential_types::provider::future::ProvideCredentials<'a>
        where
            Self: 'a,
        {
            let err = self.0.lock().unwrap().take().expect("asked once");
            aws_credential_types::provider::future::ProvideCredentials::ready(Err(err))
        }
    }

    #[tokio::test]
    async fn mock_a_role_profile_whose_assume_role_is_refused_says_so_not_add_keys() {
        use aws_credential_types::provider::error::CredentialsError;
        let refused = mock!(aws_sdk_sts::Client::assume_role).then_http_response(|| {
            sts_error(
                403,
                "AccessDenied",
                "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/Admin",
            )
        });
        let source = mock_client!(aws_sdk_sts, [&refused]);
        let err = source
            .assume_role()
            .role_arn("arn:aws:iam::123456789012:role/Admin")
            .role_session_name("s")
            .send()
            .await
            .unwrap_err();
        let provider = Failing(std::sync::Mutex::new(Some(CredentialsError::provider_error(err))));
        let config = aws_sdk_sts::Config::builder()
            .behavior_version(aws_sdk_sts::config::BehaviorVersion::latest())
            .region(aws_sdk_sts::config::Region::new("us-east-1"))
            .credentials_provider(provider)
            .http_client(aws_smithy_http_client::test_util::infallible_client_fn(|_| {
                http::Response::builder().status(500).body(SdkBody::empty()).unwrap()
            }))
            .build();
        let client = aws_sdk_sts::Client::from_conf(config);
        let failure = caller_identity(&client, &ctx(ProfileKind::AssumeRole)).await.unwrap_err().failure();
        assert_eq!(failure.code, ErrorCode::AccessDenied, "{failure:?}");
        assert!(failure.message.contains("sts:AssumeRole"), "{}", failure.message);
        let hint = failure.hint.unwrap();
        assert!(hint.contains("user/alice is not authorized"), "{hint}");
        assert!(!hint.contains("Add keys"), "{hint}");
    }
}
