//! A loopback HTTPS server standing in for a vendor's hand-off endpoint: its certificate is
//! made for the test by a certificate authority of the test, whose file a client trusts
//! through the standard `SSL_CERT_FILE` (set on the child process, or in a test binary of its
//! own: environment variables are process-wide). It answers the given replies in order, one
//! per connection, and keeps each request it got. It runs on a thread of its own, so a test
//! may block (running the CLI, driving the window) while it serves.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use tokio::io::{AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

use crate::http_wire::{read_message, Message};

/// The host name the server's certificate is for.
pub const HOST: &str = "localhost";

/// The certificate authority of the test and the server's configuration.
pub struct TestCa {
    ca_file: PathBuf,
    config: Arc<rustls::ServerConfig>,
    _dir: tempfile::TempDir,
}

impl TestCa {
    /// The PEM file of the authority: the value of `SSL_CERT_FILE` for a client that must
    /// trust the server (and nothing else).
    pub fn ca_file(&self) -> &Path {
        &self.ca_file
    }
}

/// The one authority of this test process.
pub fn test_ca() -> &'static TestCa {
    static CA: OnceLock<TestCa> = OnceLock::new();
    CA.get_or_init(|| {
        let ca_key = rcgen::KeyPair::generate().unwrap();
        let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        ca_params.distinguished_name.push(rcgen::DnType::CommonName, "handoff test CA");
        let ca_cert = ca_params.self_signed(&ca_key).unwrap();
        let issuer = rcgen::Issuer::new(ca_params, ca_key);
        let leaf_key = rcgen::KeyPair::generate().unwrap();
        let leaf = rcgen::CertificateParams::new(vec![HOST.to_owned()]).unwrap().signed_by(&leaf_key, &issuer).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let ca_file = dir.path().join("ca.pem");
        std::fs::write(&ca_file, ca_cert.pem()).unwrap();
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
        TestCa { ca_file, config: Arc::new(config), _dir: dir }
    })
}

/// One answer of the server.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub body: String,
    pub headers: Vec<(String, String)>,
}

impl Reply {
    pub fn new(status: u16, body: &str) -> Self {
        Reply { status, body: body.to_owned(), headers: Vec::new() }
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }
}

/// One request the server got.
#[derive(Debug, Clone)]
pub struct Received {
    /// The request line, such as `POST /handoff HTTP/1.1`.
    pub line: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// When it was read in full.
    pub at: Instant,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// A running endpoint.
pub struct Endpoint {
    /// `https://localhost:PORT/handoff`.
    pub url: String,
    pub port: u16,
    received: Arc<Mutex<Vec<Received>>>,
}

impl Endpoint {
    /// Every request read so far, in order.
    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// The requests once there are `count` of them; panics after `timeout`.
    pub fn wait_for(&self, count: usize, timeout: Duration) -> Vec<Received> {
        let until = Instant::now() + timeout;
        loop {
            let got = self.received();
            if got.len() >= count {
                return got;
            }
            assert!(Instant::now() < until, "the endpoint got {} request(s) in {timeout:?}, not {count}", got.len());
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// Starts an endpoint that answers `replies` in order, one per connection, then stops
/// accepting. A client that does not trust the certificate ends the handshake: that
/// connection takes no reply.
pub fn serve(replies: Vec<Reply>) -> Endpoint {
    let acceptor = tokio_rustls::TlsAcceptor::from(test_ca().config.clone());
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = Arc::new(Mutex::new(Vec::new()));
    let seen = received.clone();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async move {
            let listener = TcpListener::from_std(listener).unwrap();
            let mut replies = replies.into_iter();
            let mut next = replies.next();
            while let Some(reply) = next.take() {
                let (tcp, _) = listener.accept().await.unwrap();
                let Ok(stream) = acceptor.accept(tcp).await else {
                    next = Some(reply);
                    continue;
                };
                let mut reader = BufReader::new(stream);
                let Ok(Some(request)) = read_message(&mut reader, true).await else {
                    next = Some(reply);
                    continue;
                };
                seen.lock().unwrap().push(Received {
                    line: request.start,
                    headers: request.headers,
                    body: String::from_utf8_lossy(&request.body).into_owned(),
                    at: Instant::now(),
                });
                let answer = Message {
                    start: format!("HTTP/1.1 {} X", reply.status),
                    headers: [("content-type".to_owned(), "text/plain".to_owned())]
                        .into_iter()
                        .chain(reply.headers)
                        .collect(),
                    body: reply.body.into_bytes(),
                };
                let mut stream = reader.into_inner();
                stream.write_all(&answer.encode("close")).await.unwrap();
                stream.shutdown().await.ok();
                next = replies.next();
            }
        });
    });
    Endpoint { url: format!("https://{HOST}:{port}/handoff"), port, received }
}
