//! The hand-off posted to a loopback HTTPS server made for the test: its certificate authority
//! is trusted through the standard `SSL_CERT_FILE`, set in this test binary only (environment
//! variables are process-wide). A server that fails twice then answers, a refusal that is not
//! retried, 429 and 408 retried after the `Retry-After` asked (capped), and each attempt with the
//! vendor's answer in the journal.

use std::sync::Once;
use std::time::Duration;

use engine::handoff::{HandoffError, SendPolicy};
use engine::install::StackOutput;
use engine::journal::NewInstallation;
use engine::{Engine, Error, ErrorCode, Explain as _};
use private_deploy_tests::vendor_endpoint::{serve, test_ca, Reply};

const ROLE_ARN: &str = "arn:aws:iam::123456789012:role/private-deploy/acme-prod-vendor";

/// Before any client is made, and the only variables this binary sets: the client then
/// trusts the test's CA and nothing else.
fn trust_the_test_ca() {
    static SET: Once = Once::new();
    SET.call_once(|| {
        std::env::set_var("SSL_CERT_FILE", test_ca().ca_file());
        let data = tempfile::tempdir().unwrap().keep();
        std::env::set_var("PRIVATE_DEPLOY_DATA_DIR", data.join("data"));
    });
}

fn replies(list: &[(u16, &str)]) -> Vec<Reply> {
    list.iter().map(|(status, body)| Reply::new(*status, body)).collect()
}

/// An engine whose journal holds a ready installation whose invite's callback is `callback`;
/// its installation ID (each test its own: the tests share this binary's journal).
fn engine_with_ready_installation(callback: &str) -> (Engine, String) {
    trust_the_test_ca();
    let engine = Engine::from_env().unwrap();
    let mut invite: serde_json::Value =
        serde_json::from_str(include_str!("../fixtures/sandbox-invite-unsigned.json")).unwrap();
    invite["version"] = 2.into();
    let port = callback.rsplit(':').next().unwrap().trim_end_matches("/handoff");
    let installation = format!("acme-{port}");
    invite["installation_id"] = installation.as_str().into();
    invite["callback"] = callback.into();
    let journal = engine.journal();
    let record = journal
        .begin_installation(&NewInstallation {
            installation_id: installation.clone(),
            account: "123456789012".into(),
            home_region: "eu-west-1".into(),
            region: "eu-central-1".into(),
            cidr: "10.20.0.0/16".parse().unwrap(),
            invite: invite.to_string(),
            use_boundary: false,
            zones: vec!["eu-central-1a".into(), "eu-central-1b".into()],
            stacks: vec![],
            at: jiff::Timestamp::now(),
        })
        .unwrap();
    let outputs = vec![
        StackOutput { stack: "pd-acme-prod-access".into(), key: "RoleArn".into(), value: ROLE_ARN.into() },
        StackOutput { stack: "pd-acme-prod-environment".into(), key: "VpcId".into(), value: "vpc-0abc".into() },
    ];
    journal.record_ready(record.id, &outputs, jiff::Timestamp::now()).unwrap();
    (engine, installation)
}

fn quick() -> SendPolicy {
    SendPolicy {
        attempts: 3,
        backoff: Duration::from_millis(20),
        timeout: Duration::from_secs(10),
        max_retry_after: Duration::from_secs(5),
    }
}

#[tokio::test]
async fn a_server_that_fails_twice_then_answers_gets_the_document_on_the_third_attempt() {
    let endpoint = serve(replies(&[(503, "busy"), (500, "oops"), (201, "{\"received\":true}")]));
    let url = endpoint.url.clone();
    let (engine, id) = engine_with_ready_installation(&url);
    let view = engine.handoff(&id).unwrap();
    assert_eq!(view.callback.as_deref(), Some(url.as_str()));
    assert_eq!(view.document.role_arn, ROLE_ARN);
    assert_eq!(view.document.external_id, "pd-sandbox-demo-0001");
    assert!(!view.body.to_lowercase().contains("secret"), "{}", view.body);

    let sent = engine.send_handoff_with(&id, quick()).await.unwrap();
    assert_eq!((sent.status, sent.attempts, sent.answer.as_str()), (201, 3, "{\"received\":true}"));

    let received = endpoint.received();
    assert_eq!(received.len(), 3);
    for request in &received {
        assert_eq!(request.line, "POST /handoff HTTP/1.1");
        assert_eq!(request.header("content-type"), Some("application/json"));
        // The exact body shown is the body sent, each time.
        assert_eq!(request.body, view.body);
    }
    let attempts = engine.handoff(&id).unwrap().attempts;
    let journaled: Vec<(u32, Option<u16>, Option<&str>)> =
        attempts.iter().map(|a| (a.attempt, a.status, a.answer.as_deref())).collect();
    assert_eq!(
        journaled,
        [(1, Some(503), Some("busy")), (2, Some(500), Some("oops")), (3, Some(201), Some("{\"received\":true}"))]
    );
    assert!(attempts.iter().all(|a| a.finished_at.is_some() && a.url == url));
}

#[tokio::test]
async fn a_refusal_is_not_retried_and_is_journaled_with_the_vendors_answer() {
    let endpoint = serve(replies(&[(422, "unknown installation"), (200, "should not be reached")]));
    let (engine, id) = engine_with_ready_installation(&endpoint.url);
    let err = engine.send_handoff_with(&id, quick()).await.unwrap_err();
    assert!(matches!(&err, Error::Handoff(HandoffError::Refused { status: 422, .. })), "{err}");
    let failure = err.failure();
    assert_eq!(failure.code, ErrorCode::HandoffRefused);
    assert!(failure.message.contains("unknown installation"), "{}", failure.message);
    assert_eq!(endpoint.received().len(), 1);
    let attempts = engine.handoff(&id).unwrap().attempts;
    assert_eq!(attempts.len(), 1);
    assert_eq!((attempts[0].status, attempts[0].answer.as_deref()), (Some(422), Some("unknown installation")));
}

#[tokio::test]
async fn a_server_that_never_answers_well_is_undelivered_after_three_attempts() {
    let endpoint = serve(replies(&[(502, "a"), (502, "b"), (502, "c")]));
    let (engine, id) = engine_with_ready_installation(&endpoint.url);
    let err = engine.send_handoff_with(&id, quick()).await.unwrap_err();
    assert_eq!(err.failure().code, ErrorCode::HandoffUndelivered, "{err}");
    assert_eq!(engine.handoff(&id).unwrap().attempts.len(), 3);
}

#[tokio::test]
async fn a_certificate_the_computer_does_not_trust_is_not_sent_to() {
    // Another host name than the certificate's: the TLS check fails, nothing is posted.
    let endpoint = serve(replies(&[(200, "should not be reached")]));
    let url = endpoint.url.replace("localhost", "127.0.0.1");
    let (engine, id) = engine_with_ready_installation(&url);
    let policy = SendPolicy { attempts: 1, ..quick() };
    let err = engine.send_handoff_with(&id, policy).await.unwrap_err();
    assert_eq!(err.failure().code, ErrorCode::HandoffUndelivered, "{err}");
    let attempts = engine.handoff(&id).unwrap().attempts;
    assert_eq!(attempts.len(), 1);
    assert!(attempts[0].status.is_none() && attempts[0].error.is_some(), "{attempts:?}");
    assert!(endpoint.received().is_empty());
}

#[tokio::test]
async fn too_many_requests_is_retried_after_the_seconds_the_vendor_asks() {
    let endpoint = serve(vec![
        Reply::new(429, "slow down").header("Retry-After", "1"),
        Reply::new(408, "timed out"),
        Reply::new(200, "ok"),
    ]);
    let (engine, id) = engine_with_ready_installation(&endpoint.url);
    let sent = engine.send_handoff_with(&id, quick()).await.unwrap();
    assert_eq!((sent.status, sent.attempts), (200, 3));
    let received = endpoint.received();
    assert_eq!(received.len(), 3);
    let waited = received[1].at - received[0].at;
    assert!(waited >= Duration::from_secs(1), "Retry-After: 1 waited only {waited:?}");
    // The 408 gave no Retry-After: the backoff (40 ms by then), not another second.
    let waited = received[2].at - received[1].at;
    assert!(waited < Duration::from_secs(1), "{waited:?}");
    let statuses: Vec<Option<u16>> = engine.handoff(&id).unwrap().attempts.iter().map(|a| a.status).collect();
    assert_eq!(statuses, [Some(429), Some(408), Some(200)]);
}

#[tokio::test]
async fn a_retry_after_longer_than_the_cap_waits_the_cap() {
    let endpoint =
        serve(vec![Reply::new(429, "come back tomorrow").header("Retry-After", "86400"), Reply::new(200, "ok")]);
    let (engine, id) = engine_with_ready_installation(&endpoint.url);
    let policy = SendPolicy { max_retry_after: Duration::from_millis(300), ..quick() };
    let sent = engine.send_handoff_with(&id, policy).await.unwrap();
    assert_eq!((sent.status, sent.attempts), (200, 2));
    let received = endpoint.received();
    let waited = received[1].at - received[0].at;
    assert!(waited >= Duration::from_millis(300) && waited < Duration::from_secs(10), "{waited:?}");
}
