//! The device flow against mocked Identity Center answers shaped like AWS's: restJson1 errors
//! named in `x-amzn-ErrorType` with RFC 8628's `{"error", "error_description"}` bodies. Time
//! is paused, so the waits between polls are checked exactly and cost nothing.

use std::time::Duration;

use aws_sdk_ssooidc::operation::create_token::CreateTokenOutput;
use aws_sdk_ssooidc::operation::register_client::RegisterClientOutput;
use aws_sdk_ssooidc::operation::start_device_authorization::StartDeviceAuthorizationOutput;
use aws_smithy_mocks::{mock, mock_client, RuleMode};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;
use jiff::{SignedDuration, Timestamp};
use tokio::sync::watch;

use super::device::{poll_token, refresh_token, register_and_start, PollOutcome, Started};
use super::*;
use crate::failure::{ErrorCode, Explain as _};

/// An error as Identity Center's OIDC API sends it.
fn oidc_error(kind: &str, error: &str, description: &str) -> HttpResponse {
    let body = format!(r#"{{"error":"{error}","error_description":"{description}"}}"#);
    let mut response = HttpResponse::new(StatusCode::try_from(400).unwrap(), SdkBody::from(body));
    response.headers_mut().insert(
        "x-amzn-errortype",
        format!("{kind}:http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/"),
    );
    response.headers_mut().insert("content-type", "application/json");
    response
}

fn pending() -> HttpResponse {
    oidc_error("AuthorizationPendingException", "authorization_pending", "Authorization is still pending")
}

fn slow_down() -> HttpResponse {
    oidc_error("SlowDownException", "slow_down", "Client is polling too fast")
}

fn token() -> CreateTokenOutput {
    CreateTokenOutput::builder()
        .access_token("aoaAAAAAGexample")
        .token_type("Bearer")
        .expires_in(28_800)
        .refresh_token("aorAAAAAGexample")
        .build()
}

fn started(interval: u32, lifetime: i64) -> Started {
    Started {
        start_url: "https://d-92671207e4.awsapps.com/start".into(),
        sso_region: "eu-west-1".into(),
        client_id: "cid".into(),
        client_secret: "secret".into(),
        registration_expires_at: Timestamp::now() + SignedDuration::from_hours(24 * 90),
        device_code: "device".into(),
        user_code: "ABCD-EFGH".into(),
        verification_uri: "https://device.sso.eu-west-1.amazonaws.com/".into(),
        verification_uri_complete: "https://device.sso.eu-west-1.amazonaws.com/?user_code=ABCD-EFGH".into(),
        expires_at: Timestamp::now() + SignedDuration::from_secs(lifetime),
        interval_seconds: interval,
    }
}

fn not_cancelled() -> watch::Receiver<bool> {
    let (tx, rx) = watch::channel(false);
    std::mem::forget(tx);
    rx
}

#[tokio::test(start_paused = true)]
async fn pending_waits_the_interval_and_slow_down_adds_five_seconds() {
    let rule = mock!(aws_sdk_ssooidc::Client::create_token)
        .sequence()
        .http_response(pending)
        .http_response(slow_down)
        .http_response(pending)
        .output(token)
        .build();
    let client = mock_client!(aws_sdk_ssooidc, [&rule]);
    let t0 = tokio::time::Instant::now();
    let PollOutcome::Approved(cached) = poll_token(&client, &started(5, 600), not_cancelled()).await.unwrap();
    // 5 (pending) + 10 (slow_down: 5 + 5) + 10 (pending: the interval stays 10) seconds.
    assert_eq!(t0.elapsed().as_secs(), 25);
    assert_eq!(rule.num_calls(), 4);
    assert_eq!(cached.access_token, "aoaAAAAAGexample");
    assert_eq!(cached.refresh_token.as_deref(), Some("aorAAAAAGexample"));
    assert_eq!((cached.client_id.as_deref(), cached.client_secret.as_deref()), (Some("cid"), Some("secret")));
    assert_eq!(cached.start_url, "https://d-92671207e4.awsapps.com/start");
    assert_eq!(cached.region, "eu-west-1");
    assert!(cached.expires_at.ends_with('Z') && cached.expires_at.len() == 20, "{}", cached.expires_at);
}

#[tokio::test(start_paused = true)]
async fn a_denied_request_and_an_expired_code_are_their_own_errors() {
    let denied = mock!(aws_sdk_ssooidc::Client::create_token)
        .then_http_response(|| oidc_error("AccessDeniedException", "access_denied", "User denied the request"));
    let client = mock_client!(aws_sdk_ssooidc, [&denied]);
    let err = poll_token(&client, &started(5, 600), not_cancelled()).await.unwrap_err();
    assert_eq!(err.failure().code, ErrorCode::SsoLoginDenied);

    let expired = mock!(aws_sdk_ssooidc::Client::create_token)
        .then_http_response(|| oidc_error("ExpiredTokenException", "expired_token", "Device code has expired"));
    let client = mock_client!(aws_sdk_ssooidc, [&expired]);
    let err = poll_token(&client, &started(5, 600), not_cancelled()).await.unwrap_err();
    assert_eq!(err.failure().code, ErrorCode::SsoLoginExpired);
}

#[tokio::test(start_paused = true)]
async fn polling_stops_when_the_code_runs_out_even_if_aws_keeps_saying_pending() {
    let rule = mock!(aws_sdk_ssooidc::Client::create_token).sequence().http_response(pending).repeatedly().build();
    let client = mock_client!(aws_sdk_ssooidc, [&rule]);
    let err = poll_token(&client, &started(5, 12), not_cancelled()).await.unwrap_err();
    assert_eq!(err.failure().code, ErrorCode::SsoLoginExpired);
    assert_eq!(rule.num_calls(), 3, "polls at 0, 5 and 10 s; the next (15 s) would be past the 12 s lifetime");
}

#[tokio::test(start_paused = true)]
async fn cancelling_ends_the_wait_at_once() {
    let rule = mock!(aws_sdk_ssooidc::Client::create_token).sequence().http_response(pending).repeatedly().build();
    let client = mock_client!(aws_sdk_ssooidc, [&rule]);
    let (cancel, rx) = watch::channel(false);
    let t0 = tokio::time::Instant::now();
    let login = started(30, 600);
    let polling = poll_token(&client, &login, rx);
    let canceller = async {
        tokio::time::sleep(Duration::from_secs(1)).await;
        cancel.send_replace(true);
    };
    let (result, ()) = tokio::join!(polling, canceller);
    assert_eq!(result.unwrap_err().failure().code, ErrorCode::SsoLoginCancelled);
    assert_eq!(t0.elapsed().as_secs(), 1, "not after the 30 s interval");
    assert_eq!(rule.num_calls(), 1);
}

#[tokio::test]
async fn register_and_start_uses_the_account_access_scope_and_refuses_a_plain_http_page() {
    let register = mock!(aws_sdk_ssooidc::Client::register_client)
        .match_requests(|input| {
            input.client_type() == Some("public") && input.scopes() == [super::device::ACCOUNT_ACCESS_SCOPE.to_owned()]
        })
        .then_output(|| {
            RegisterClientOutput::builder()
                .client_id("cid")
                .client_secret("secret")
                .client_id_issued_at(1_700_000_000)
                .client_secret_expires_at(1_707_776_000)
                .build()
        });
    let start = |page: &'static str| {
        mock!(aws_sdk_ssooidc::Client::start_device_authorization)
            .match_requests(|input| input.start_url() == Some("https://d-92671207e4.awsapps.com/start"))
            .then_output(move || {
                StartDeviceAuthorizationOutput::builder()
                    .device_code("device")
                    .user_code("ABCD-EFGH")
                    .verification_uri(page)
                    .verification_uri_complete(format!("{page}?user_code=ABCD-EFGH"))
                    .expires_in(600)
                    .interval(1)
                    .build()
            })
    };
    let https = start("https://device.sso.eu-west-1.amazonaws.com/");
    let client = mock_client!(aws_sdk_ssooidc, RuleMode::MatchAny, [&register, &https]);
    let started =
        register_and_start(&client, "https://d-92671207e4.awsapps.com/start", "eu-west-1", true).await.unwrap();
    assert_eq!(started.user_code, "ABCD-EFGH");
    assert_eq!(started.interval_seconds, 1);
    assert_eq!(started.registration_expires_at.as_second(), 1_707_776_000);

    let http = start("http://phish.example/device");
    let client = mock_client!(aws_sdk_ssooidc, RuleMode::MatchAny, [&register, &http]);
    let err =
        register_and_start(&client, "https://d-92671207e4.awsapps.com/start", "eu-west-1", true).await.unwrap_err();
    assert!(err.to_string().contains("http://phish.example/device"), "{err}");
}

#[test]
fn only_https_pages_are_opened_and_http_only_on_this_computer() {
    assert!(check_verification_uri("https://device.sso.us-east-1.amazonaws.com/").is_ok());
    assert!(check_verification_uri("http://127.0.0.1:4567/device?user_code=X").is_ok());
    assert!(check_verification_uri("http://[::1]:4567/device").is_ok());
    assert!(check_verification_uri("http://localhost:4567/device").is_ok());
    for bad in
        ["http://device.sso.us-east-1.amazonaws.com/", "file:///etc/passwd", "javascript:alert(1)", "https://", ""]
    {
        assert!(check_verification_uri(bad).is_err(), "{bad} accepted");
    }
}

#[tokio::test]
async fn a_refresh_keeps_the_refresh_token_and_a_refused_one_means_log_in_again() {
    let cached = cache::CachedToken {
        start_url: "https://d-92671207e4.awsapps.com/start".into(),
        region: "eu-west-1".into(),
        access_token: "old".into(),
        expires_at: "2020-01-01T00:00:00Z".into(),
        client_id: Some("cid".into()),
        client_secret: Some("secret".into()),
        registration_expires_at: Some("2099-01-01T00:00:00Z".into()),
        refresh_token: Some("rt".into()),
    };
    let ok = mock!(aws_sdk_ssooidc::Client::create_token)
        .match_requests(|input| input.grant_type() == Some("refresh_token") && input.refresh_token() == Some("rt"))
        .then_output(|| CreateTokenOutput::builder().access_token("new").expires_in(3600).build());
    let client = mock_client!(aws_sdk_ssooidc, [&ok]);
    let fresh = refresh_token(&client, &cached).await.unwrap().expect("refreshed");
    assert_eq!(fresh.access_token, "new");
    assert_eq!(fresh.refresh_token.as_deref(), Some("rt"), "kept when AWS sends none");
    assert!(fresh.is_fresh(Timestamp::now()));

    let refused = mock!(aws_sdk_ssooidc::Client::create_token)
        .then_http_response(|| oidc_error("InvalidGrantException", "invalid_grant", "Invalid refresh token provided"));
    let client = mock_client!(aws_sdk_ssooidc, [&refused]);
    assert_eq!(refresh_token(&client, &cached).await.unwrap(), None);
}
