//! Unit tests of AWS error classification: codes, messages and hints a person reads.

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
    assert_eq!(failure.command.as_deref(), Some("aws sso login --profile corp"));
    assert_eq!(failure.fix, Some(FixStep::SignIn));
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
        ("OptInRequired", "You are not subscribed to this service. Please go to http://aws.amazon.com to subscribe."),
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
    let throttled = from_service_code("Throttling", "x".into(), "ec2:DescribeVpcs".into(), &ctx).in_region("us-west-2");
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
    assert_eq!(failure.command.as_deref(), Some("aws configure set region cn-north-1 --profile cn-admin"));
    assert!(failure.hint.unwrap().contains("AWS_REGION (cn-north-1)"));
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

use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_sts::operation::get_caller_identity::GetCallerIdentityError;
use aws_smithy_runtime_api::client::result::ConnectorError;

type StsError = SdkError<GetCallerIdentityError, HttpResponse>;

/// Every failure the mapping can give, from SDK errors as the SDK builds them where that
/// matters (their `Debug` form is what once leaked into messages).
fn every_mapped_failure() -> Vec<Failure> {
    let keys = CallContext { profile: Some("keys".into()), profile_kind: Some(ProfileKind::StaticKeys) };
    let not_loaded: StsError = SdkError::construction_failure(CredentialsError::not_loaded_no_source());
    let refused: StsError = SdkError::dispatch_failure(ConnectorError::io(Box::new(std::io::Error::new(
        std::io::ErrorKind::ConnectionRefused,
        "Connection refused",
    ))));
    let mut errors = vec![
        AwsError::from_sdk(not_loaded, "sts:GetCallerIdentity", &keys),
        AwsError::from_sdk(
            StsError::construction_failure(CredentialsError::not_loaded_no_source()),
            "sts:GetCallerIdentity",
            &CallContext::default(),
        ),
        AwsError::from_sdk(
            StsError::construction_failure(CredentialsError::not_loaded_no_source()),
            "sts:GetCallerIdentity",
            &sso(),
        ),
        AwsError::from_sdk(
            StsError::construction_failure(CredentialsError::invalid_configuration("no source_profile")),
            "sts:GetCallerIdentity",
            &keys,
        ),
        AwsError::from_sdk(refused, "sts:GetCallerIdentity", &keys),
        AwsError::ProfileNotFound { profile: "gone".into(), available: vec![] },
        AwsError::ProfileNotFound { profile: "gone".into(), available: vec!["a".into()] },
        AwsError::RegionRequired { profile: "cn".into(), partition: "aws-cn", example_region: "cn-north-1" },
    ];
    for code in ["AccessDenied", "ExpiredToken", "AuthFailure", "Throttling", "ServiceUnavailable", "Weird"] {
        errors.push(from_service_code(code, "said".into(), "sts:GetCallerIdentity".into(), &keys));
        errors.push(from_service_code(code, "said".into(), "ec2:DescribeVpcs".into(), &sso()));
    }
    errors.iter().map(Explain::failure).collect()
}

#[test]
fn no_failure_shows_debug_text_and_each_command_is_given_once() {
    for failure in every_mapped_failure() {
        let words = format!("{} {}", failure.message, failure.hint.as_deref().unwrap_or_default());
        assert!(!words.contains("{ ") && !words.contains("source:"), "debug text: {words}");
        assert!(!words.contains("Some(") && !words.contains("None"), "debug text: {words}");
        if let Some(command) = &failure.command {
            assert!(!words.contains(command.as_str()), "{command} repeated in: {words}");
        }
    }
}

#[test]
fn credentials_not_loaded_reads_as_a_sentence_with_the_command_to_copy() {
    let ctx = CallContext { profile: Some("keys".into()), profile_kind: Some(ProfileKind::StaticKeys) };
    let err: StsError = SdkError::construction_failure(CredentialsError::not_loaded_no_source());
    let failure = AwsError::from_sdk(err, "sts:GetCallerIdentity", &ctx).failure();
    assert_eq!(failure.code, ErrorCode::NoCredentials);
    assert_eq!(failure.message, "No AWS credentials were found for profile keys.");
    assert_eq!(failure.command.as_deref(), Some("aws configure --profile keys"));
    let hint = failure.hint.unwrap();
    assert!(hint.ends_with("The SDK said: the credential provider was not enabled."), "{hint}");
}

#[test]
fn a_lost_connection_names_its_cause_in_words() {
    let err: StsError = SdkError::dispatch_failure(ConnectorError::io(Box::new(std::io::Error::new(
        std::io::ErrorKind::ConnectionRefused,
        "Connection refused",
    ))));
    let failure = AwsError::from_sdk(err, "sts:GetCallerIdentity", &CallContext::default()).failure();
    assert_eq!(failure.code, ErrorCode::Network);
    assert!(failure.message.contains("Connection refused"), "{}", failure.message);
    assert_eq!(failure.fix, None, "a network problem is not about a choice");
}

#[test]
fn credential_problems_point_to_sign_in_and_region_problems_to_region() {
    let ctx = CallContext { profile: Some("keys".into()), profile_kind: Some(ProfileKind::StaticKeys) };
    let at = |code: &str, action: &str| from_service_code(code, "x".into(), action.into(), &ctx).failure().fix;
    assert_eq!(at("InvalidClientTokenId", "sts:GetCallerIdentity"), Some(FixStep::SignIn));
    assert_eq!(at("ExpiredToken", "sts:GetCallerIdentity"), Some(FixStep::SignIn));
    assert_eq!(at("OptInRequired", "ec2:DescribeVpcs"), Some(FixStep::Region));
    assert_eq!(at("AccessDenied", "ec2:DescribeVpcs"), None, "a permission, not a choice in the window");
    assert_eq!(at("Throttling", "ec2:DescribeVpcs"), None);
}

#[test]
fn profile_names_the_shell_would_split_are_quoted_in_commands() {
    assert_eq!(sso_login_command("team-prod"), "aws sso login --profile team-prod");
    let in_memory =
        AwsError::SsoLoginRequired { profile: "Identity Center 111122223333/Admin".into(), detail: "x".into() };
    let failure = in_memory.failure();
    assert_eq!(failure.code, ErrorCode::SsoLoginRequired);
    assert_eq!(failure.command, None, "a role kept in memory has no profile to log in to");
    assert_eq!(sso_login_command("it's mine"), "aws sso login --profile 'it'\\''s mine'");
}

#[test]
fn a_credential_helpers_error_output_is_not_repeated() {
    let detail = "Error retrieving credentials: external process exited with code exit status: 1. \
                  Stderr: token=eyJhbGciOi secret AKIAEXAMPLE"
        .to_owned();
    let shown = without_helper_output(detail);
    assert!(!shown.contains("eyJhbGciOi") && !shown.contains("AKIAEXAMPLE"), "{shown}");
    assert!(shown.starts_with("Error retrieving credentials: external process exited with code exit status: 1"));
    assert!(shown.contains("run the profile's credential_process command yourself"));
    assert_eq!(without_helper_output("no helper here".into()), "no helper here");
}
