//! Role profiles that need an MFA code (`mfa_serial`). The SDK's profile provider ignores
//! `mfa_serial`, so such a role would be asked for without a code and refused by a trust
//! policy that requires MFA. Here the role is assumed once, with the serial and the code the
//! admin typed, through the source profile's own provider; the temporary keys live in the
//! session (memory only) until they expire.

use std::time::{Duration, SystemTime};

use aws_config::profile::{Profile, ProfileFileCredentialsProvider};
use aws_config::provider_config::ProviderConfig;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region};
use aws_credential_types::Credentials;
use aws_sdk_sts::operation::assume_role::AssumeRoleError;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

use super::error::{AwsError, CallContext};
use super::profiles::ProfileKind;
use crate::failure::{ErrorCode, Explain, Failure};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MfaError {
    #[error("Profile {profile} needs a code from its MFA device ({serial}).")]
    CodeRequired { profile: String, serial: String },
    #[error("{0:?} is not an MFA code: it is six digits.")]
    NotACode(String),
    #[error("AWS did not accept the MFA code for profile {profile}: {detail}")]
    CodeRejected { profile: String, detail: String },
    #[error("Profile {profile} has mfa_serial but no source_profile to assume its role from.")]
    NoSourceProfile { profile: String },
}

impl Explain for MfaError {
    fn failure(&self) -> Failure {
        let (code, hint) = match self {
            MfaError::CodeRequired { .. } => {
                (ErrorCode::MfaRequired, "Type the current code from the device, then sign in.".to_owned())
            }
            MfaError::NotACode(_) => {
                (ErrorCode::InvalidInput, "Type the six digits the MFA device shows now.".to_owned())
            }
            MfaError::CodeRejected { .. } => (
                ErrorCode::MfaRequired,
                "Wait for the device to show a new code (each code works once), then sign in with it.".to_owned(),
            ),
            MfaError::NoSourceProfile { profile } => (
                ErrorCode::ProfileConfig,
                format!("Add source_profile to profile {profile} in the AWS config file, naming the profile whose keys assume the role."),
            ),
        };
        let message = self.to_string();
        let message = if message.ends_with('.') { message } else { format!("{message}.") };
        Failure::new(code, message).with_hint(hint)
    }
}

/// The device `profile` needs a code from, when it assumes a role behind MFA.
pub fn mfa_serial(profile: &Profile) -> Option<&str> {
    let set = |key: &str| profile.get(key).filter(|v| !v.trim().is_empty());
    set("role_arn").and(set("mfa_serial"))
}

/// STS AssumeRole's `TokenCode`: six digits.
fn check_code(code: &str) -> Result<&str, MfaError> {
    let code = code.trim();
    if code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(code)
    } else {
        Err(MfaError::NotACode(code.to_owned()))
    }
}

/// What the role is assumed with: the profile's settings and the session's.
pub(super) struct MfaRole<'a> {
    pub name: &'a str,
    pub profile: &'a Profile,
    pub serial: &'a str,
    pub code: Option<&'a str>,
    pub provider_config: &'a ProviderConfig,
    pub retry: RetryConfig,
    pub timeouts: TimeoutConfig,
    pub files: aws_runtime::env_config::file::EnvConfigFiles,
    pub region: &'a str,
    pub endpoint: Option<&'a str>,
}

/// Assumes the profile's role with the MFA code: temporary keys that expire when STS says.
pub(super) async fn assume(role: MfaRole<'_>) -> Result<Credentials, AwsError> {
    let required = || MfaError::CodeRequired { profile: role.name.to_owned(), serial: role.serial.to_owned() };
    let code = check_code(role.code.ok_or_else(required)?)?;
    let source = role
        .profile
        .get("source_profile")
        .filter(|s| !s.is_empty())
        .ok_or_else(|| MfaError::NoSourceProfile { profile: role.name.to_owned() })?;
    let source_provider = ProfileFileCredentialsProvider::builder()
        .configure(role.provider_config)
        .profile_name(source)
        .profile_files(role.files)
        .build();
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .region(Region::new(role.region.to_owned()))
        .retry_config(role.retry)
        .timeout_config(role.timeouts)
        .credentials_provider(source_provider);
    if let Some(endpoint) = role.endpoint {
        loader = loader.endpoint_url(endpoint);
    }
    let sts = aws_sdk_sts::Client::new(&loader.load().await);
    let session_name = role.profile.get("role_session_name").map(str::to_owned).unwrap_or_else(|| {
        let now = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap_or_default().as_secs();
        format!("private-deploy-{now}")
    });
    let ctx = CallContext { profile: Some(source.to_owned()), profile_kind: Some(ProfileKind::StaticKeys) };
    let out = sts
        .assume_role()
        .role_arn(role.profile.get("role_arn").unwrap_or_default())
        .role_session_name(session_name)
        .serial_number(role.serial)
        .token_code(code)
        .set_external_id(role.profile.get("external_id").map(str::to_owned))
        .set_duration_seconds(role.profile.get("duration_seconds").and_then(|d| d.trim().parse().ok()))
        .send()
        .await
        .map_err(|err| refusal(err, role.name, &ctx))?;
    let keys = out.credentials.ok_or_else(|| AwsError::Other {
        action: "sts:AssumeRole".into(),
        detail: "the answer had no credentials".into(),
    })?;
    let expiry = SystemTime::UNIX_EPOCH + Duration::from_secs(keys.expiration.secs().max(0) as u64);
    Ok(Credentials::new(keys.access_key_id, keys.secret_access_key, Some(keys.session_token), Some(expiry), "mfa"))
}

/// STS says why an MFA-protected AssumeRole was refused in the message of an AccessDenied
/// ("MultiFactorAuthentication failed …"); any other refusal is mapped as every call's is.
fn refusal(err: SdkError<AssumeRoleError, HttpResponse>, profile: &str, ctx: &CallContext) -> AwsError {
    match (err.code(), err.message()) {
        (Some("AccessDenied"), Some(message)) if message.contains("MultiFactorAuthentication") => {
            AwsError::from(MfaError::CodeRejected { profile: profile.to_owned(), detail: message.to_owned() })
        }
        _ => AwsError::from_sdk(err, "sts:AssumeRole", ctx),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_smithy_mocks::{mock, mock_client};
    use aws_smithy_types::body::SdkBody;

    async fn assume_role_answered(status: u16, code: &str, message: &str) -> AwsError {
        let xml = format!(
            "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>4c1f5b6e-0000-4000-8000-000000000000</RequestId></ErrorResponse>"
        );
        let rule = mock!(aws_sdk_sts::Client::assume_role)
            .then_http_response(move || HttpResponse::new(status.try_into().unwrap(), SdkBody::from(xml.clone())));
        let client = mock_client!(aws_sdk_sts, [&rule]);
        let err = client.assume_role().role_arn("arn:aws:iam::123456789012:role/Admin").send().await.unwrap_err();
        let ctx = CallContext { profile: Some("keys".into()), profile_kind: Some(ProfileKind::StaticKeys) };
        refusal(err, "admin", &ctx)
    }

    #[tokio::test]
    async fn a_wrong_or_reused_code_is_said_in_awss_words_and_asks_for_a_new_one() {
        for said in [
            "MultiFactorAuthentication failed with invalid MFA one time pass code.",
            "MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA serial number is valid and associated with this user.",
        ] {
            let failure = assume_role_answered(403, "AccessDenied", said).await.failure();
            assert_eq!(failure.code, ErrorCode::MfaRequired, "{failure:?}");
            assert!(failure.message.ends_with(said), "{failure:?}");
            assert!(failure.hint.unwrap().contains("new code"));
        }
    }

    #[tokio::test]
    async fn other_refusals_of_the_role_are_mapped_as_any_call_is() {
        let failure = assume_role_answered(
            403,
            "AccessDenied",
            "User: arn:aws:iam::123456789012:user/a is not authorized to perform: sts:AssumeRole",
        )
        .await
        .failure();
        assert_eq!(failure.code, ErrorCode::AccessDenied, "{failure:?}");
        assert!(failure.message.contains("sts:AssumeRole"), "{failure:?}");
    }

    #[test]
    fn a_code_is_six_digits() {
        assert_eq!(check_code(" 123456 "), Ok("123456"));
        for bad in ["12345", "1234567", "12345a", ""] {
            assert_eq!(check_code(bad), Err(MfaError::NotACode(bad.to_owned())));
        }
    }

    #[test]
    fn each_refusal_says_what_to_do_next() {
        let rejected = MfaError::CodeRejected {
            profile: "admin".into(),
            detail: "MultiFactorAuthentication failed with invalid MFA one time pass code.".into(),
        }
        .failure();
        assert_eq!(rejected.code, ErrorCode::MfaRequired);
        assert_eq!(
            rejected.message,
            "AWS did not accept the MFA code for profile admin: MultiFactorAuthentication failed with invalid MFA one time pass code."
        );
        let required =
            MfaError::CodeRequired { profile: "admin".into(), serial: "arn:aws:iam::123456789012:mfa/a".into() };
        assert_eq!(required.failure().code, ErrorCode::MfaRequired);
        assert!(required.failure().hint.unwrap().contains("current code"));
    }
}
