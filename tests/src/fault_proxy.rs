//! A loopback HTTP proxy between the app and moto that injects the faults a real network and
//! real AWS produce mid-flight: a connection dropped before the request is answered (before
//! or after moto ran it), HTTP 500/503 answers, throttling and expired-credentials errors
//! shaped like the service's, and slow answers. The app is pointed at it through `AWS_ENDPOINT_URL` exactly as at moto.
//!
//! Faults are queued per operation (the `Action=` form field of the query protocols, or the
//! `X-Amz-Target` header of the JSON ones) and each request of that operation takes the next
//! one; a request with none queued is forwarded unchanged. Counters say how many requests of
//! each operation arrived and how many faults were injected, so a test can check that the
//! fault it meant really happened.
//!
//! A rewrite is not queued but stays: every answer to a request of its operation whose body
//! names a given text has one text replaced by another, which is how a test makes moto (which
//! completes every stack at once and never fails one) report a stack that rolled back.
//!
//! It can also stop forwarding altogether, as a lost network does: every request, of any
//! operation, has its connection closed unanswered until forwarding resumes. A test that
//! needs the outage at a given point of a run has it start with a request of an operation
//! ([`FaultProxy::stop_forwarding_at`]).
//!
//! It runs on its own thread and runtime, so a test may block on a child process (the CLI)
//! while the proxy keeps serving. It listens on 127.0.0.1 only and forwards to a loopback
//! address only.

use std::collections::{HashMap, VecDeque};
use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use engine::aws::SessionOptions;
use engine::journal::Journal;
use engine::Engine;
use tokio::io::{AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

use crate::http_wire::{read_message, Message};
use crate::moto::{assert_loopback, exclusive, MotoGuard};
use crate::sandbox::PROFILE;
use crate::Sandbox;

/// What happens to one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// The connection is closed without forwarding the request or answering it.
    Drop,
    /// The request is forwarded (moto carries it out), then the connection is closed without
    /// the answer: the write happened, the caller cannot know it.
    DropAnswer,
    /// Answered with this HTTP status (500, 503) and the service's error body, not forwarded.
    Status(u16),
    /// Answered 400 with the service's throttling error (`Throttling` in the query protocol's
    /// `<ErrorResponse>`, EC2's `RequestLimitExceeded` in its `<Response><Errors>`,
    /// `ThrottlingException` in JSON), not forwarded.
    Throttle,
    /// Forwarded, and the answer held back this long.
    Slow(Duration),
    /// Answered 403 with the service's error for keys whose session has expired
    /// (`ExpiredToken` in the query protocol's `<ErrorResponse>`, `ExpiredTokenException` in
    /// JSON, EC2's `RequestExpired`), not forwarded.
    Expired,
}

/// A lasting change to the answers of one operation (see the module's comment).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Rewrite {
    /// Only requests whose body contains this (a stack's name).
    when: String,
    from: String,
    to: String,
}

#[derive(Default)]
struct State {
    /// Not forwarding anything: every request is dropped.
    offline: bool,
    /// The next request of this operation turns forwarding off.
    offline_at: Option<String>,
    queued: HashMap<String, VecDeque<Fault>>,
    rewrites: HashMap<String, Vec<Rewrite>>,
    seen: HashMap<String, usize>,
    injected: HashMap<String, usize>,
}

struct Shared {
    upstream: SocketAddr,
    state: Mutex<State>,
}

impl Shared {
    /// Applies the lasting rewrites of `operation` that match `request` to its answer.
    fn rewrite(&self, operation: &str, request: &Message, response: &mut Message) {
        let rules = self.state().rewrites.get(operation).cloned().unwrap_or_default();
        let asked = String::from_utf8_lossy(&request.body);
        for rule in rules.iter().filter(|r| asked.contains(&r.when)) {
            let body = String::from_utf8_lossy(&response.body).replace(&rule.from, &rule.to);
            response.body = body.into_bytes();
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Counts a request of `operation` and takes its next fault.
    fn next_fault(&self, operation: &str) -> Option<Fault> {
        let mut state = self.state();
        *state.seen.entry(operation.to_owned()).or_default() += 1;
        if state.offline_at.as_deref() == Some(operation) {
            state.offline_at = None;
            state.offline = true;
        }
        if state.offline {
            *state.injected.entry(operation.to_owned()).or_default() += 1;
            return Some(Fault::Drop);
        }
        let fault = state.queued.get_mut(operation).and_then(VecDeque::pop_front);
        if fault.is_some() {
            *state.injected.entry(operation.to_owned()).or_default() += 1;
        }
        fault
    }
}

/// The proxy; it stops when dropped.
pub struct FaultProxy {
    port: u16,
    shared: Arc<Shared>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl FaultProxy {
    /// Starts a proxy to `upstream` (a loopback `http://` endpoint, moto's).
    pub fn start(upstream: &str) -> Self {
        assert_loopback(upstream).unwrap_or_else(|e| panic!("{e}"));
        let authority = upstream.trim_start_matches("http://").split('/').next().unwrap_or_default();
        let upstream: SocketAddr = authority
            .replace("localhost", "127.0.0.1")
            .parse()
            .unwrap_or_else(|e| panic!("upstream {authority:?} is not an address and port: {e}"));
        let shared = Arc::new(Shared { upstream, state: Mutex::default() });
        let (port_tx, port_rx) = std::sync::mpsc::channel();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let serving = shared.clone();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("proxy runtime");
            runtime.block_on(async move {
                let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
                port_tx.send(listener.local_addr().expect("local address").port()).expect("port");
                tokio::select! {
                    _ = stopped => {}
                    _ = accept_loop(listener, serving) => {}
                }
            });
        });
        let port = port_rx.recv_timeout(Duration::from_secs(10)).expect("the fault proxy did not start");
        Self { port, shared, stop: Some(stop) }
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Queues `faults` for the next requests of `operation` (`CreateStack`, `PutRolePolicy`).
    pub fn inject(&self, operation: &str, faults: impl IntoIterator<Item = Fault>) {
        self.shared.state().queued.entry(operation.to_owned()).or_default().extend(faults);
    }

    /// From now on, answers to requests of `operation` whose body contains `when` have `from`
    /// replaced by `to` (`DescribeStacks` of one stack: `CREATE_COMPLETE` → `ROLLBACK_COMPLETE`).
    pub fn rewrite(&self, operation: &str, when: &str, from: &str, to: &str) {
        let rule = Rewrite { when: when.to_owned(), from: from.to_owned(), to: to.to_owned() };
        self.shared.state().rewrites.entry(operation.to_owned()).or_default().push(rule);
    }

    /// Stops forwarding from the next request of `operation` on (that request included):
    /// every request is dropped unanswered until [`FaultProxy::resume_forwarding`].
    pub fn stop_forwarding_at(&self, operation: &str) {
        self.shared.state().offline_at = Some(operation.to_owned());
    }

    /// Whether forwarding has stopped (see [`FaultProxy::stop_forwarding_at`]).
    pub fn is_offline(&self) -> bool {
        self.shared.state().offline
    }

    /// Forwards requests again, as the network coming back.
    pub fn resume_forwarding(&self) {
        let mut state = self.shared.state();
        state.offline = false;
        state.offline_at = None;
    }

    /// Forgets the faults still queued for `operation`.
    pub fn clear(&self, operation: &str) {
        self.shared.state().queued.remove(operation);
    }

    /// Requests of `operation` that arrived, faulted or not.
    pub fn seen(&self, operation: &str) -> usize {
        self.shared.state().seen.get(operation).copied().unwrap_or(0)
    }

    /// Faults injected into requests of `operation`.
    pub fn injected(&self, operation: &str) -> usize {
        self.shared.state().injected.get(operation).copied().unwrap_or(0)
    }

    /// Faults still queued for `operation`.
    pub fn pending(&self, operation: &str) -> usize {
        self.shared.state().queued.get(operation).map_or(0, VecDeque::len)
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// An engine on `sandbox` (pointed at the proxy) whose SDK clients make up to `attempts`
/// attempts per call, each cut at `attempt_timeout`, as on a real account (the sandbox's own
/// engine makes one attempt: moto alone never needs a retry).
pub fn engine_with(sandbox: &Sandbox, attempts: u32, attempt_timeout: Duration) -> Engine {
    let journal = Journal::open(&sandbox.data_dir().join("journal.sqlite3")).expect("journal");
    let mut options = SessionOptions { max_attempts: attempts, ..sandbox.options(Some(PROFILE)) };
    options.timeouts.attempt = attempt_timeout;
    Engine::new(journal, options)
}

/// moto behind a fault proxy: a signed-in engine going through the proxy (`attempts` per
/// call), and a config reading moto directly, so that checking AWS's state takes none of the
/// queued faults.
pub struct FaultRig {
    pub proxy: FaultProxy,
    pub sandbox: Sandbox,
    pub engine: Engine,
    /// moto itself, not through the proxy.
    pub moto: aws_config::SdkConfig,
    _direct: Sandbox,
    _guard: MotoGuard,
}

impl FaultRig {
    pub async fn start(attempts: u32) -> Self {
        let guard = exclusive().await;
        let proxy = FaultProxy::start(&guard.moto.endpoint());
        let sandbox = Sandbox::new(&proxy.endpoint());
        let engine = engine_with(&sandbox, attempts, Duration::from_secs(30));
        engine.sign_in(Some(PROFILE.into()), None).await.expect("sign in through the proxy");
        let direct = Sandbox::new(&guard.moto.endpoint());
        let reader = direct.engine();
        reader.sign_in(Some(PROFILE.into()), None).await.expect("sign in to moto");
        let moto = reader.active().expect("signed in").session.config.clone();
        Self { proxy, sandbox, engine, moto, _direct: direct, _guard: guard }
    }
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    loop {
        let Ok((client, _)) = listener.accept().await else { continue };
        let shared = shared.clone();
        tokio::spawn(async move {
            if let Err(err) = serve(client, &shared).await {
                // The client went away, or a fault closed the connection: nothing to report.
                let _ = err;
            }
        });
    }
}

/// Serves the requests of one client connection, one at a time.
async fn serve(client: TcpStream, shared: &Shared) -> io::Result<()> {
    let (read, mut write) = client.into_split();
    let mut reader = BufReader::new(read);
    while let Some(request) = read_message(&mut reader, true).await? {
        let operation = operation(&request);
        let fault = shared.next_fault(&operation);
        let response = match fault {
            Some(Fault::Drop) => return Ok(()),
            Some(Fault::DropAnswer) => {
                forward(shared.upstream, &request).await?;
                return Ok(());
            }
            Some(Fault::Status(status)) => error_response(&request, status),
            Some(Fault::Throttle) => error_response(&request, 400),
            Some(Fault::Expired) => error_response(&request, 403),
            Some(Fault::Slow(delay)) => {
                let response = forward(shared.upstream, &request).await?;
                tokio::time::sleep(delay).await;
                response
            }
            None => {
                let mut response = forward(shared.upstream, &request).await?;
                shared.rewrite(&operation, &request, &mut response);
                response
            }
        };
        let close = request.header("connection").is_some_and(|c| c.eq_ignore_ascii_case("close"));
        write.write_all(&response.encode(if close { "close" } else { "keep-alive" })).await?;
        write.flush().await?;
        if close {
            return Ok(());
        }
    }
    Ok(())
}

/// Sends `request` to moto on a connection of its own and reads the whole answer.
async fn forward(upstream: SocketAddr, request: &Message) -> io::Result<Message> {
    let mut stream = TcpStream::connect(upstream).await?;
    stream.write_all(&request.encode("close")).await?;
    stream.flush().await?;
    let mut reader = BufReader::new(stream);
    read_message(&mut reader, false)
        .await?
        .ok_or_else(|| io::Error::new(io::ErrorKind::UnexpectedEof, "moto closed without an answer"))
}

/// The operation a request calls: `X-Amz-Target`'s last part, else the `Action=` form field
/// (of the body, or of the query string); `?` when neither says.
fn operation(request: &Message) -> String {
    if let Some(target) = request.header("x-amz-target") {
        return target.rsplit('.').next().unwrap_or(target).to_owned();
    }
    let body = String::from_utf8_lossy(&request.body);
    let query = request.start.split_whitespace().nth(1).and_then(|p| p.split_once('?')).map(|(_, q)| q.to_owned());
    body.split('&')
        .chain(query.as_deref().unwrap_or_default().split('&'))
        .find_map(|pair| pair.strip_prefix("Action="))
        .map(str::to_owned)
        .unwrap_or_else(|| "?".to_owned())
}

/// The signing name of the service a request is for (`ec2`, `cloudformation`, `iam`), from
/// the credential scope of its `Authorization` header.
fn service(request: &Message) -> String {
    let auth = request.header("authorization").unwrap_or_default();
    auth.split("Credential=")
        .nth(1)
        .and_then(|c| c.split(',').next())
        .and_then(|scope| scope.split('/').nth(3))
        .unwrap_or_default()
        .to_owned()
}

/// An error answer with `status` in the shape the request's service uses.
fn error_response(request: &Message, status: u16) -> Message {
    const REQUEST_ID: &str = "f0f0f0f0-0000-4000-8000-00000000fa17";
    let service = service(request);
    let json = request.header("x-amz-target").is_some();
    let (code, message) = match (status, service.as_str(), json) {
        (400, "ec2", _) => ("RequestLimitExceeded", "Request limit exceeded."),
        (400, _, true) => ("ThrottlingException", "Rate exceeded"),
        (400, _, false) => ("Throttling", "Rate exceeded"),
        (403, "ec2", _) => ("RequestExpired", "Request has expired."),
        (403, _, true) => ("ExpiredTokenException", "The security token included in the request is expired"),
        (403, _, false) => ("ExpiredToken", "The security token included in the request is expired"),
        (503, "ec2", _) => ("Unavailable", "The server is overloaded and can't handle the request."),
        (503, _, _) => ("ServiceUnavailable", "Service is unavailable. Please try again later."),
        (_, "ec2", _) => ("InternalError", "An internal error has occurred."),
        (_, _, _) => ("InternalFailure", "The request processing has failed because of an unknown error."),
    };
    let (content_type, body) = if json {
        ("application/x-amz-json-1.1", format!(r#"{{"__type":"{code}","message":"{message}"}}"#))
    } else if service == "ec2" {
        (
            "text/xml;charset=UTF-8",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors><RequestID>{REQUEST_ID}</RequestID></Response>"
            ),
        )
    } else {
        let kind = if status < 500 { "Sender" } else { "Receiver" };
        (
            "text/xml",
            format!(
                "<ErrorResponse><Error><Type>{kind}</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>{REQUEST_ID}</RequestId></ErrorResponse>"
            ),
        )
    };
    let reason = match status {
        400 => "Bad Request",
        403 => "Forbidden",
        503 => "Service Unavailable",
        _ => "Internal Server Error",
    };
    Message {
        start: format!("HTTP/1.1 {status} {reason}"),
        headers: vec![
            ("content-type".to_owned(), content_type.to_owned()),
            ("x-amzn-RequestId".to_owned(), REQUEST_ID.to_owned()),
        ],
        body: body.into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(headers: &[(&str, &str)], body: &str) -> Message {
        Message {
            start: "POST / HTTP/1.1".to_owned(),
            headers: headers.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            body: body.as_bytes().to_vec(),
        }
    }

    const CFN_AUTH: &str = "AWS4-HMAC-SHA256 Credential=AKIASANDBOXEXAMPLE/20261202/us-east-1/cloudformation/aws4_request, SignedHeaders=host, Signature=0";
    const EC2_AUTH: &str = "AWS4-HMAC-SHA256 Credential=AKIASANDBOXEXAMPLE/20261202/eu-west-1/ec2/aws4_request, SignedHeaders=host, Signature=0";

    #[test]
    fn the_operation_is_read_from_the_action_field_or_the_target_header() {
        assert_eq!(operation(&request(&[], "Version=2010-05-15&Action=CreateStack&StackName=a")), "CreateStack");
        let target = [("X-Amz-Target", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents")];
        assert_eq!(operation(&request(&target, "{}")), "LookupEvents");
        assert_eq!(operation(&request(&[], "")), "?");
    }

    #[test]
    fn throttling_is_shaped_like_each_services_own() {
        let cfn = error_response(&request(&[("Authorization", CFN_AUTH)], "Action=DescribeStacks"), 400);
        let body = String::from_utf8(cfn.body).unwrap();
        assert!(body.starts_with("<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>"), "{body}");
        let ec2 = error_response(&request(&[("Authorization", EC2_AUTH)], "Action=DescribeVpcs"), 400);
        let body = String::from_utf8(ec2.body).unwrap();
        assert!(body.contains("<Response><Errors><Error><Code>RequestLimitExceeded</Code>"), "{body}");
        assert_eq!(ec2.start, "HTTP/1.1 400 Bad Request");
        let unavailable = error_response(&request(&[("Authorization", CFN_AUTH)], "Action=CreateStack"), 503);
        assert!(String::from_utf8(unavailable.body).unwrap().contains("<Code>ServiceUnavailable</Code>"));
    }
}
