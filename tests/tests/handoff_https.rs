//! The hand-off posted to a loopback HTTPS server made for the test: its certificate authority
//! is trusted through the standard `SSL_CERT_FILE`, set in this test binary only (environment
//! variables are process-wide). A server that fails twice then answers, a refusal that is not
//! retried, and each attempt with the vendor's answer in the journal.

use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use engine::handoff::{HandoffError, SendPolicy};
use engine::install::StackOutput;
use engine::journal::NewInstallation;
use engine::{Engine, Error, ErrorCode, Explain as _};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const ROLE_ARN: &str = "arn:aws:iam::123456789012:role/private-deploy/acme-prod-vendor";

/// The server's certificate and key, and the CA file the client trusts.
struct Tls {
    config: Arc<rustls::ServerConfig>,
    _dir: tempfile::TempDir,
}

fn tls() -> &'static Tls {
    static TLS: OnceLock<Tls> = OnceLock::new();
    TLS.get_or_init(|| {
        let ca_key = rcgen::KeyPair::generate().unwrap();
        let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        ca_params.distinguished_name.push(rcgen::DnType::CommonName, "handoff test CA");
        let ca_cert = ca_params.self_signed(&ca_key).unwrap();
        let issuer = rcgen::Issuer::new(ca_params, ca_key);
        let leaf_key = rcgen::KeyPair::generate().unwrap();
        let leaf =
            rcgen::CertificateParams::new(vec!["localhost".to_owned()]).unwrap().signed_by(&leaf_key, &issuer).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let ca_file = dir.path().join("ca.pem");
        std::fs::write(&ca_file, ca_cert.pem()).unwrap();
        // Before any client is made, and the only variable this binary sets: the client then
        // trusts this CA and nothing else.
        std::env::set_var("SSL_CERT_FILE", &ca_file);
        std::env::set_var("PRIVATE_DEPLOY_DATA_DIR", dir.path().join("data"));
        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(
                vec![leaf.der().clone()],
                rustls::pki_types::PrivateKeyDer::Pkcs8(leaf_key.serialize_der().into()),
            )
            .unwrap();
        Tls { config: Arc::new(config), _dir: dir }
    })
}

/// What the server got: each request's head and body.
#[derive(Default)]
struct Seen {
    requests: Vec<(String, String)>,
}

/// Serves `answers` in order (status, body), one per connection; returns its https URL.
async fn serve(answers: Vec<(u16, &'static str)>, seen: Arc<Mutex<Seen>>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let acceptor = tokio_rustls::TlsAcceptor::from(tls().config.clone());
    tokio::spawn(async move {
        for (status, body) in answers {
            let (tcp, _) = listener.accept().await.unwrap();
            // A client that does not trust the certificate ends the handshake.
            let Ok(mut stream) = acceptor.accept(tcp).await else { continue };
            let mut buf = Vec::new();
            let (head, content) = loop {
                let mut chunk = [0u8; 4096];
                let n = stream.read(&mut chunk).await.unwrap();
                assert!(n > 0, "the client closed before its request ended");
                buf.extend_from_slice(&chunk[..n]);
                let text = String::from_utf8_lossy(&buf).into_owned();
                if let Some(end) = text.find("\r\n\r\n") {
                    let head = text[..end].to_owned();
                    let length: usize = head
                        .lines()
                        .find_map(|l| {
                            l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse().unwrap())
                        })
                        .unwrap_or(0);
                    if buf.len() >= end + 4 + length {
                        break (head, String::from_utf8_lossy(&buf[end + 4..end + 4 + length]).into_owned());
                    }
                }
            };
            seen.lock().unwrap().requests.push((head, content));
            let reply = format!(
                "HTTP/1.1 {status} X\r\ncontent-type: text/plain\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            stream.write_all(reply.as_bytes()).await.unwrap();
            stream.shutdown().await.ok();
        }
    });
    format!("https://localhost:{port}/handoff")
}

/// An engine whose journal holds a ready installation whose invite's callback is `callback`;
/// its installation ID (each test its own: the tests share this binary's journal).
fn engine_with_ready_installation(callback: &str) -> (Engine, String) {
    tls();
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
    SendPolicy { attempts: 3, backoff: Duration::from_millis(20), timeout: Duration::from_secs(10) }
}

#[tokio::test]
async fn a_server_that_fails_twice_then_answers_gets_the_document_on_the_third_attempt() {
    let seen = Arc::new(Mutex::new(Seen::default()));
    let url = serve(vec![(503, "busy"), (500, "oops"), (201, "{\"received\":true}")], seen.clone()).await;
    let (engine, id) = engine_with_ready_installation(&url);
    let view = engine.handoff(&id).unwrap();
    assert_eq!(view.callback.as_deref(), Some(url.as_str()));
    assert_eq!(view.document.role_arn, ROLE_ARN);
    assert_eq!(view.document.external_id, "pd-sandbox-demo-0001");
    assert!(!view.body.to_lowercase().contains("secret"), "{}", view.body);

    let sent = engine.send_handoff_with(&id, quick()).await.unwrap();
    assert_eq!((sent.status, sent.attempts, sent.answer.as_str()), (201, 3, "{\"received\":true}"));

    let seen = seen.lock().unwrap();
    assert_eq!(seen.requests.len(), 3);
    for (head, body) in &seen.requests {
        assert!(head.starts_with("POST /handoff HTTP/1.1"), "{head}");
        assert!(head.to_ascii_lowercase().contains("content-type: application/json"), "{head}");
        // The exact body shown is the body sent, each time.
        assert_eq!(body, &view.body);
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
    let seen = Arc::new(Mutex::new(Seen::default()));
    let url = serve(vec![(422, "unknown installation"), (200, "should not be reached")], seen.clone()).await;
    let (engine, id) = engine_with_ready_installation(&url);
    let err = engine.send_handoff_with(&id, quick()).await.unwrap_err();
    assert!(matches!(&err, Error::Handoff(HandoffError::Refused { status: 422, .. })), "{err}");
    let failure = err.failure();
    assert_eq!(failure.code, ErrorCode::HandoffRefused);
    assert!(failure.message.contains("unknown installation"), "{}", failure.message);
    assert_eq!(seen.lock().unwrap().requests.len(), 1);
    let attempts = engine.handoff(&id).unwrap().attempts;
    assert_eq!(attempts.len(), 1);
    assert_eq!((attempts[0].status, attempts[0].answer.as_deref()), (Some(422), Some("unknown installation")));
}

#[tokio::test]
async fn a_server_that_never_answers_well_is_undelivered_after_three_attempts() {
    let seen = Arc::new(Mutex::new(Seen::default()));
    let url = serve(vec![(502, "a"), (502, "b"), (502, "c")], seen.clone()).await;
    let (engine, id) = engine_with_ready_installation(&url);
    let err = engine.send_handoff_with(&id, quick()).await.unwrap_err();
    assert_eq!(err.failure().code, ErrorCode::HandoffUndelivered, "{err}");
    assert_eq!(engine.handoff(&id).unwrap().attempts.len(), 3);
}

#[tokio::test]
async fn a_certificate_the_computer_does_not_trust_is_not_sent_to() {
    // Another host name than the certificate's: the TLS check fails, nothing is posted.
    let seen = Arc::new(Mutex::new(Seen::default()));
    let url = serve(vec![(200, "should not be reached")], seen.clone()).await.replace("localhost", "127.0.0.1");
    let (engine, id) = engine_with_ready_installation(&url);
    let policy = SendPolicy { attempts: 1, ..quick() };
    let err = engine.send_handoff_with(&id, policy).await.unwrap_err();
    assert_eq!(err.failure().code, ErrorCode::HandoffUndelivered, "{err}");
    let attempts = engine.handoff(&id).unwrap().attempts;
    assert_eq!(attempts.len(), 1);
    assert!(attempts[0].status.is_none() && attempts[0].error.is_some(), "{attempts:?}");
    assert!(seen.lock().unwrap().requests.is_empty());
}
