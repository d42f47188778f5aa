//! A loopback stand-in for IAM Identity Center: the OIDC API (`RegisterClient`,
//! `StartDeviceAuthorization`, `CreateToken` with the device-code and refresh-token grants)
//! and the access portal API (`ListAccounts`, `ListAccountRoles`, `GetRoleCredentials`, with
//! pagination). The app reaches it through `AWS_ENDPOINT_URL_SSO_OIDC` and
//! `AWS_ENDPOINT_URL_SSO` ([`IdentityCenter::env`]), exactly as it would reach AWS, and never
//! knows it is a stand-in. Answers and errors have AWS's shapes (restJson1: the error's name in
//! `x-amzn-ErrorType`, `{"error": "authorization_pending", "error_description": …}` bodies).
//!
//! What the admin does in the browser is done by the test: [`IdentityCenter::approve`] or
//! [`IdentityCenter::deny`] a user code (in-process), or the same over HTTP for a stand-in in
//! another process (the `identity_center` binary):
//!
//! - `POST /_control/approve?user_code=CODE` and `POST /_control/deny?user_code=CODE`
//!   (204 when the code was waiting, 404 otherwise);
//! - `GET /_control/pending`: the user codes waiting, one per line.
//!
//! The directory: the sandbox account (`123456789012`, "Sandbox", roles `AdministratorAccess`
//! and `ReadOnlyAccess`) and two more accounts, served two to a page so that every list has a
//! second page. `GetRoleCredentials` returns keys moto accepts (it accepts any) for the
//! sandbox account; the other accounts' roles are listed but answer `ForbiddenException`.
//!
//! It runs on its own thread and runtime (a test may block on the CLI meanwhile) and listens
//! on 127.0.0.1 only.

use std::collections::HashMap;
use std::io;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

use crate::http_wire::{read_message, Message};
use crate::installed::ACCOUNT;
use crate::stacks::url_decode;

/// The start URL of the sandbox's `[sso-session sandbox-sso]` (any start URL is accepted).
pub const START_URL: &str = "https://sandbox.awsapps.example/start";
pub const SSO_REGION: &str = "us-east-1";
/// The sandbox account's name in the portal, and its roles.
pub const ACCOUNT_NAME: &str = "Sandbox";
pub const ADMIN_ROLE: &str = "AdministratorAccess";
pub const READ_ONLY_ROLE: &str = "ReadOnlyAccess";
/// Accounts listed after the sandbox's, so that ListAccounts has two pages.
pub const OTHER_ACCOUNTS: [(&str, &str); 2] = [("210987654321", "Staging"), ("333344445555", "Logs")];
/// Items per page of ListAccounts and ListAccountRoles.
pub const PAGE_SIZE: usize = 2;
/// The keys GetRoleCredentials returns (moto accepts any key).
pub const ROLE_ACCESS_KEY: &str = "ASIAIDENTITYCENTER01";

/// How the stand-in answers; [`Default`] is an Identity Center that polls every second.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `interval` of StartDeviceAuthorization, seconds.
    pub interval: i64,
    /// `expiresIn` of StartDeviceAuthorization, seconds.
    pub code_lifetime: i64,
    /// `expiresIn` of an access token, seconds.
    pub token_lifetime: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Self { interval: 1, code_lifetime: 600, token_lifetime: 3600 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Approval {
    Pending,
    Approved,
    Denied,
    /// Its token was issued: a device code gives one.
    Used,
}

#[derive(Debug, Clone)]
struct Device {
    client_id: String,
    user_code: String,
    approval: Approval,
    expires: Instant,
    /// CreateToken calls for this device code, and when.
    polls: Vec<Instant>,
}

#[derive(Debug, Clone)]
struct Client {
    secret: String,
    scoped: bool,
}

#[derive(Default)]
struct State {
    settings: Settings,
    clients: HashMap<String, Client>,
    /// device code → device.
    devices: HashMap<String, Device>,
    /// access token → when it expires.
    tokens: HashMap<String, Instant>,
    /// refresh token → client ID.
    refresh_tokens: HashMap<String, String>,
    /// The next CreateToken (device grant) calls answer SlowDownException.
    slow_downs: usize,
    /// Calls per operation.
    calls: HashMap<&'static str, usize>,
    counter: u64,
}

impl State {
    fn next_id(&mut self, prefix: &str) -> String {
        self.counter += 1;
        format!("{prefix}{:06}", self.counter)
    }
}

/// The running stand-in; it stops when dropped.
pub struct IdentityCenter {
    port: u16,
    state: Arc<Mutex<State>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl IdentityCenter {
    pub fn start() -> Self {
        Self::start_with(Settings::default())
    }

    pub fn start_with(settings: Settings) -> Self {
        let state = Arc::new(Mutex::new(State { settings, ..State::default() }));
        let (port_tx, port_rx) = std::sync::mpsc::channel();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let serving = state.clone();
        std::thread::spawn(move || {
            let runtime =
                tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().expect("runtime");
            runtime.block_on(async move {
                let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
                let port = listener.local_addr().expect("local address").port();
                port_tx.send(port).expect("port");
                tokio::select! {
                    _ = stopped => {}
                    _ = accept_loop(listener, serving, port) => {}
                }
            });
        });
        let port = port_rx.recv_timeout(Duration::from_secs(10)).expect("the Identity Center stand-in did not start");
        Self { port, state, stop: Some(stop) }
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The variables that point a process's SDK at the stand-in, as at AWS.
    pub fn env(&self) -> Vec<(String, String)> {
        vec![
            ("AWS_ENDPOINT_URL_SSO_OIDC".to_owned(), self.endpoint()),
            ("AWS_ENDPOINT_URL_SSO".to_owned(), self.endpoint()),
        ]
    }

    pub fn apply(&self, cmd: &mut std::process::Command) {
        cmd.envs(self.env());
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The admin allows the request in the browser. False when no such code is waiting.
    pub fn approve(&self, user_code: &str) -> bool {
        settle(&mut self.state(), user_code, Approval::Approved)
    }

    /// The admin denies it.
    pub fn deny(&self, user_code: &str) -> bool {
        settle(&mut self.state(), user_code, Approval::Denied)
    }

    /// The code's time runs out now: the next CreateToken answers ExpiredTokenException.
    pub fn expire(&self, user_code: &str) -> bool {
        let mut state = self.state();
        let found = state.devices.values_mut().find(|d| d.user_code == user_code);
        found.map(|d| d.expires = Instant::now()).is_some()
    }

    /// The next `n` device-grant CreateToken calls answer SlowDownException.
    pub fn slow_down(&self, n: usize) {
        self.state().slow_downs += n;
    }

    /// User codes waiting for the admin.
    pub fn pending(&self) -> Vec<String> {
        pending_codes(&self.state())
    }

    /// Waits until a user code is waiting (the app started a login) and returns it.
    pub fn wait_for_user_code(&self, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(code) = self.pending().pop() {
                return code;
            }
            assert!(Instant::now() < deadline, "no device authorization was started within {timeout:?}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// When CreateToken was called for `user_code`'s device code.
    pub fn polls(&self, user_code: &str) -> Vec<Instant> {
        self.state().devices.values().find(|d| d.user_code == user_code).map(|d| d.polls.clone()).unwrap_or_default()
    }

    /// Calls of `operation` (`RegisterClient`, `CreateToken`, `ListAccounts`…) so far.
    pub fn calls(&self, operation: &str) -> usize {
        self.state().calls.get(operation).copied().unwrap_or(0)
    }
}

/// One stand-in for this test process, with the process's `AWS_ENDPOINT_URL_SSO_OIDC` and
/// `AWS_ENDPOINT_URL_SSO` pointing at it: in-process engines read those from the environment,
/// as the SDK does, so every test of a test binary shares it (user codes tell logins apart).
pub fn shared() -> &'static IdentityCenter {
    static SHARED: std::sync::OnceLock<IdentityCenter> = std::sync::OnceLock::new();
    SHARED.get_or_init(|| {
        let stand_in = IdentityCenter::start();
        for (key, value) in stand_in.env() {
            std::env::set_var(key, value);
        }
        stand_in
    })
}

impl Drop for IdentityCenter {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

fn settle(state: &mut State, user_code: &str, to: Approval) -> bool {
    let now = Instant::now();
    match state.devices.values_mut().find(|d| d.user_code == user_code && d.approval == Approval::Pending) {
        Some(device) if device.expires > now => {
            device.approval = to;
            true
        }
        _ => false,
    }
}

fn pending_codes(state: &State) -> Vec<String> {
    let now = Instant::now();
    let mut waiting: Vec<(&Instant, String)> = state
        .devices
        .values()
        .filter(|d| d.approval == Approval::Pending && d.expires > now)
        .map(|d| (&d.expires, d.user_code.clone()))
        .collect();
    waiting.sort();
    waiting.into_iter().map(|(_, code)| code).collect()
}

async fn accept_loop(listener: TcpListener, state: Arc<Mutex<State>>, port: u16) {
    loop {
        let Ok((stream, _)) = listener.accept().await else { continue };
        let state = state.clone();
        tokio::spawn(async move {
            let _ = serve(stream, &state, port).await;
        });
    }
}

struct Request {
    method: String,
    path: String,
    query: HashMap<String, String>,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }
}

struct Response {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: String,
}

fn ok(body: Value) -> Response {
    Response { status: 200, headers: vec![("content-type", "application/json".into())], body: body.to_string() }
}

/// An error as AWS's restJson1 services send it.
fn error(status: u16, kind: &str, oauth_error: Option<&str>, message: &str) -> Response {
    let body = match oauth_error {
        Some(code) => json!({ "error": code, "error_description": message }),
        None => json!({ "message": message }),
    };
    Response {
        status,
        headers: vec![("content-type", "application/json".into()), ("x-amzn-errortype", format!("{kind}:"))],
        body: body.to_string(),
    }
}

fn empty(status: u16) -> Response {
    Response { status, headers: Vec::new(), body: String::new() }
}

async fn serve(stream: TcpStream, state: &Mutex<State>, port: u16) -> io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut reader = BufReader::new(read);
    while let Some(request) = read_request(&mut reader).await? {
        let response = {
            let mut state = state.lock().unwrap_or_else(|p| p.into_inner());
            route(&mut state, &request, port)
        };
        let reason = match response.status {
            200 => "OK",
            204 => "No Content",
            400 => "Bad Request",
            401 => "Unauthorized",
            403 => "Forbidden",
            _ => "Not Found",
        };
        let message = Message {
            start: format!("HTTP/1.1 {} {reason}", response.status),
            headers: response.headers.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
            body: response.body.into_bytes(),
        };
        write.write_all(&message.encode("keep-alive")).await?;
        write.flush().await?;
    }
    Ok(())
}

async fn read_request<R: AsyncReadExt + Unpin>(reader: &mut BufReader<R>) -> io::Result<Option<Request>> {
    let Some(message) = read_message(reader, true).await? else { return Ok(None) };
    let mut parts = message.start.split_whitespace();
    let method = parts.next().unwrap_or_default().to_owned();
    let target = parts.next().unwrap_or_default();
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let query =
        query.split('&').filter_map(|pair| pair.split_once('=')).map(|(k, v)| (url_decode(k), url_decode(v))).collect();
    Ok(Some(Request { method, path: path.to_owned(), query, headers: message.headers, body: message.body }))
}

fn count(state: &mut State, operation: &'static str) {
    *state.calls.entry(operation).or_default() += 1;
}

fn route(state: &mut State, request: &Request, port: u16) -> Response {
    match (request.method.as_str(), request.path.as_str()) {
        ("POST", "/client/register") => register_client(state, request),
        ("POST", "/device_authorization") => start_device_authorization(state, request, port),
        ("POST", "/token") => create_token(state, request),
        ("GET", "/assignment/accounts") => list_accounts(state, request),
        ("GET", "/assignment/roles") => list_account_roles(state, request),
        ("GET", "/federation/credentials") => get_role_credentials(state, request),
        ("GET", "/device") => Response {
            status: 200,
            headers: vec![("content-type", "text/html".into())],
            body: "<!doctype html><title>Identity Center stand-in</title><p>Authorize request</p>".into(),
        },
        ("POST", "/_control/approve") | ("POST", "/_control/deny") => {
            let to = if request.path.ends_with("approve") { Approval::Approved } else { Approval::Denied };
            let code = request.query.get("user_code").cloned().unwrap_or_default();
            empty(if settle(state, &code, to) { 204 } else { 404 })
        }
        ("GET", "/_control/pending") => Response {
            status: 200,
            headers: vec![("content-type", "text/plain".into())],
            body: pending_codes(state).iter().map(|c| format!("{c}\n")).collect(),
        },
        _ => error(404, "ResourceNotFoundException", None, "no such operation"),
    }
}

fn register_client(state: &mut State, request: &Request) -> Response {
    count(state, "RegisterClient");
    let body = request.json();
    if body["clientType"] != "public" {
        return error(
            400,
            "InvalidClientMetadataException",
            Some("invalid_client_metadata"),
            "clientType must be public",
        );
    }
    let client_id = state.next_id("client-");
    let secret = state.next_id("secret-");
    let scoped = body["scopes"].as_array().is_some_and(|s| s.iter().any(|v| v == "sso:account:access"));
    state.clients.insert(client_id.clone(), Client { secret: secret.clone(), scoped });
    let now = unix_now();
    ok(json!({
        "clientId": client_id,
        "clientSecret": secret,
        "clientIdIssuedAt": now,
        "clientSecretExpiresAt": now + 90 * 24 * 3600,
    }))
}

fn authenticated<'a>(state: &'a State, body: &Value) -> Option<(&'a Client, String)> {
    let id = body["clientId"].as_str()?;
    let client = state.clients.get(id)?;
    (body["clientSecret"].as_str() == Some(client.secret.as_str())).then(|| (client, id.to_owned()))
}

fn start_device_authorization(state: &mut State, request: &Request, port: u16) -> Response {
    count(state, "StartDeviceAuthorization");
    let body = request.json();
    let Some((_, client_id)) = authenticated(state, &body) else {
        return error(400, "InvalidClientException", Some("invalid_client"), "unknown client");
    };
    if !body["startUrl"].as_str().is_some_and(|u| u.starts_with("https://")) {
        return error(400, "InvalidRequestException", Some("invalid_request"), "startUrl must be https");
    }
    let device_code = state.next_id("device-");
    let n = state.counter;
    let user_code = format!("SAND-{:04}", n % 10_000);
    let settings = state.settings.clone();
    state.devices.insert(
        device_code.clone(),
        Device {
            client_id,
            user_code: user_code.clone(),
            approval: Approval::Pending,
            expires: Instant::now() + Duration::from_secs(settings.code_lifetime.max(0) as u64),
            polls: Vec::new(),
        },
    );
    let page = format!("http://127.0.0.1:{port}/device");
    ok(json!({
        "deviceCode": device_code,
        "userCode": user_code,
        "verificationUri": page,
        "verificationUriComplete": format!("{page}?user_code={user_code}"),
        "expiresIn": settings.code_lifetime,
        "interval": settings.interval,
    }))
}

fn issue_token(state: &mut State, client_id: &str, scoped: bool) -> Response {
    let access_token = state.next_id("access-");
    let lifetime = state.settings.token_lifetime;
    state.tokens.insert(access_token.clone(), Instant::now() + Duration::from_secs(lifetime.max(0) as u64));
    let mut body = json!({ "accessToken": access_token, "tokenType": "Bearer", "expiresIn": lifetime });
    if scoped {
        let refresh = state.next_id("refresh-");
        state.refresh_tokens.insert(refresh.clone(), client_id.to_owned());
        body["refreshToken"] = json!(refresh);
    }
    ok(body)
}

fn create_token(state: &mut State, request: &Request) -> Response {
    count(state, "CreateToken");
    let body = request.json();
    let Some((client, client_id)) = authenticated(state, &body) else {
        return error(400, "InvalidClientException", Some("invalid_client"), "unknown client");
    };
    let scoped = client.scoped;
    match body["grantType"].as_str() {
        Some("urn:ietf:params:oauth:grant-type:device_code") => {
            let code = body["deviceCode"].as_str().unwrap_or_default().to_owned();
            let slow = state.slow_downs > 0;
            let Some(device) = state.devices.get_mut(&code).filter(|d| d.client_id == client_id) else {
                return error(400, "InvalidGrantException", Some("invalid_grant"), "unknown device code");
            };
            device.polls.push(Instant::now());
            if device.expires <= Instant::now() {
                return error(400, "ExpiredTokenException", Some("expired_token"), "the device code has expired");
            }
            match device.approval {
                Approval::Denied => error(400, "AccessDeniedException", Some("access_denied"), "the user denied it"),
                _ if slow => {
                    state.slow_downs -= 1;
                    error(400, "SlowDownException", Some("slow_down"), "polling too fast")
                }
                Approval::Pending => {
                    error(400, "AuthorizationPendingException", Some("authorization_pending"), "not yet approved")
                }
                Approval::Used => {
                    error(400, "InvalidGrantException", Some("invalid_grant"), "device code already used")
                }
                Approval::Approved => {
                    device.approval = Approval::Used;
                    issue_token(state, &client_id, scoped)
                }
            }
        }
        Some("refresh_token") => {
            let refresh = body["refreshToken"].as_str().unwrap_or_default();
            match state.refresh_tokens.get(refresh) {
                Some(owner) if *owner == client_id => {
                    let mut response = issue_token(state, &client_id, false);
                    // The same refresh token stays valid, and is sent again as AWS does.
                    let mut value: Value = serde_json::from_str(&response.body).unwrap_or_default();
                    value["refreshToken"] = json!(refresh);
                    response.body = value.to_string();
                    response
                }
                _ => error(400, "InvalidGrantException", Some("invalid_grant"), "unknown refresh token"),
            }
        }
        _ => error(400, "UnsupportedGrantTypeException", Some("unsupported_grant_type"), "unsupported grant"),
    }
}

/// The portal's bearer token check: 401 UnauthorizedException for a missing or expired token.
fn bearer(state: &State, request: &Request) -> Result<(), Response> {
    let token = request.header("x-amz-sso_bearer_token").unwrap_or_default();
    match state.tokens.get(token) {
        Some(expires) if *expires > Instant::now() => Ok(()),
        _ => Err(error(401, "UnauthorizedException", None, "Session token not found or invalid")),
    }
}

fn directory() -> Vec<(&'static str, &'static str, Vec<&'static str>)> {
    let mut accounts = vec![(ACCOUNT, ACCOUNT_NAME, vec![ADMIN_ROLE, READ_ONLY_ROLE])];
    accounts.extend(OTHER_ACCOUNTS.iter().map(|(id, name)| (*id, *name, vec![READ_ONLY_ROLE])));
    accounts
}

/// One page of `items` from `next_token` (an index), and the token of the next page.
fn page<T: Clone>(items: &[T], request: &Request) -> (Vec<T>, Option<String>) {
    let start: usize = request.query.get("next_token").and_then(|t| t.parse().ok()).unwrap_or(0);
    let size = request.query.get("max_result").and_then(|m| m.parse().ok()).unwrap_or(PAGE_SIZE).min(PAGE_SIZE);
    let end = (start + size).min(items.len());
    let next = (end < items.len()).then(|| end.to_string());
    (items.get(start..end).map(<[T]>::to_vec).unwrap_or_default(), next)
}

fn list_accounts(state: &mut State, request: &Request) -> Response {
    count(state, "ListAccounts");
    if let Err(denied) = bearer(state, request) {
        return denied;
    }
    let accounts: Vec<Value> = directory()
        .into_iter()
        .map(|(id, name, _)| json!({ "accountId": id, "accountName": name, "emailAddress": format!("{}@example.com", name.to_lowercase()) }))
        .collect();
    let (items, next) = page(&accounts, request);
    ok(json!({ "accountList": items, "nextToken": next }))
}

fn list_account_roles(state: &mut State, request: &Request) -> Response {
    count(state, "ListAccountRoles");
    if let Err(denied) = bearer(state, request) {
        return denied;
    }
    let account = request.query.get("account_id").cloned().unwrap_or_default();
    let Some((_, _, roles)) = directory().into_iter().find(|(id, _, _)| *id == account) else {
        return error(404, "ResourceNotFoundException", None, "no such account");
    };
    let roles: Vec<Value> = roles.iter().map(|r| json!({ "roleName": r, "accountId": account })).collect();
    let (items, next) = page(&roles, request);
    ok(json!({ "roleList": items, "nextToken": next }))
}

fn get_role_credentials(state: &mut State, request: &Request) -> Response {
    count(state, "GetRoleCredentials");
    if let Err(denied) = bearer(state, request) {
        return denied;
    }
    let account = request.query.get("account_id").map(String::as_str).unwrap_or_default();
    let role = request.query.get("role_name").map(String::as_str).unwrap_or_default();
    let assigned =
        account == ACCOUNT && directory().iter().any(|(id, _, roles)| *id == account && roles.contains(&role));
    if !assigned {
        return error(403, "ForbiddenException", None, "No access");
    }
    let session = state.next_id("session-");
    ok(json!({
        "roleCredentials": {
            "accessKeyId": ROLE_ACCESS_KEY,
            "secretAccessKey": "identity-center-secret",
            "sessionToken": session,
            "expiration": (unix_now() + 3600) * 1000,
        }
    }))
}

fn unix_now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}
