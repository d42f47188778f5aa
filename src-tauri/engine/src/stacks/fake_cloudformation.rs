//! A scripted CloudFormation for the tests of what moto cannot do: stacks that move through
//! stages over several polls, per-resource events, nested stacks, rollbacks, throttling and
//! deletes that take time. It answers through aws-smithy-mocks rules, so the engine's real
//! client, paginator and error mapping are what is tested.
//!
//! Each root stack follows a script of stages: its first DescribeStacks by ID shows stage 0
//! and each later one the next stage (the tracker describes the stack first in every poll,
//! so one poll sees one stage); the stacks nested under it follow its stage. Events are the
//! new events of every stage so far, newest first, in pages of [`PAGE_SIZE`].
//!
//! A call made [`FakeCloudFormation::unreachable`] gets no answer at all: its connection is
//! refused (the SDK's `DispatchFailure`, an I/O `ConnectorError`), as when the network is down.
//!
//! Deletes follow AWS's DeleteStack (<https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DeleteStack.html>):
//! `DELETE_IN_PROGRESS` for one read by ID, then `DELETE_COMPLETE`, or `DELETE_FAILED` with
//! the resources a scripted [`DeleteOutcome`] names (their status reasons as CloudFormation
//! words them); `RetainResources` and `FORCE_DELETE_STACK` are refused unless the stack is
//! `DELETE_FAILED`; a request token CloudFormation has seen already is answered
//! `TokenAlreadyExistsException`.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex};

use aws_sdk_cloudformation::operation::create_stack::CreateStackOutput;
use aws_sdk_cloudformation::operation::delete_stack::DeleteStackOutput;
use aws_sdk_cloudformation::operation::describe_stack_events::DescribeStackEventsOutput;
use aws_sdk_cloudformation::operation::describe_stack_resources::DescribeStackResourcesOutput;
use aws_sdk_cloudformation::operation::describe_stacks::DescribeStacksOutput;
use aws_sdk_cloudformation::types::{
    DeletionMode, Output, Parameter, ResourceStatus, Stack, StackEvent, StackResource, StackStatus,
};
use aws_sdk_cloudformation::Client;
use aws_smithy_mocks::{mock, mock_client, MockResponse, Rule, RuleMode};
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpClient, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::date_time::{DateTime, Format};

mod script;

pub use script::*;

#[derive(Debug)]
struct Live {
    name: String,
    id: String,
    stages: Vec<Stage>,
    /// The root this stack follows (nested stacks).
    follows: Option<usize>,
    /// The current stage; `None` until the first DescribeStacks by ID.
    tick: Option<usize>,
    /// DescribeStacks by ID calls since DeleteStack: 0 shows DELETE_IN_PROGRESS, then how
    /// `failed` says the delete ended.
    deleting: Option<usize>,
    /// The parameters it was created with, as DescribeStacks lists them.
    parameters: Vec<(String, String)>,
    /// The resources the running delete fails on: `DELETE_FAILED` once it ends.
    failed: Vec<Res>,
    /// The next DeleteStacks' outcomes.
    outcomes: VecDeque<DeleteOutcome>,
    /// Reads by ID that show `DELETE_IN_PROGRESS` before the delete ends.
    delete_reads: usize,
}

impl Live {
    fn new(name: String, id: String, stages: Vec<Stage>, follows: Option<usize>) -> Self {
        Self {
            name,
            id,
            stages,
            follows,
            tick: None,
            deleting: None,
            failed: Vec::new(),
            outcomes: VecDeque::new(),
            delete_reads: 2,
            parameters: Vec::new(),
        }
    }

    fn gone(&self) -> bool {
        self.deleting.is_some_and(|n| n >= self.delete_reads) && self.failed.is_empty()
    }

    fn delete_failed(&self) -> bool {
        self.deleting.is_some_and(|n| n >= self.delete_reads) && !self.failed.is_empty()
    }

    fn delete_running(&self) -> bool {
        self.deleting.is_some_and(|n| n < self.delete_reads)
    }
}

/// One request, as the tests check them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Call {
    DescribeStacks(String),
    DescribeStackEvents { stack: String, token: Option<String> },
    DescribeStackResources(String),
    CreateStack { name: String, token: String },
    DeleteStack(String),
}

#[derive(Debug, Default)]
struct State {
    pending: HashMap<String, VecDeque<Script>>,
    created: HashMap<String, usize>,
    stacks: Vec<Live>,
    calls: Vec<Call>,
    /// (operation, n): the n-th call (1-based) of that operation is throttled.
    throttle: Vec<(&'static str, usize)>,
    /// (operation, n): the n-th call (1-based) of that operation gets no answer.
    unreachable: Vec<(&'static str, usize)>,
    /// The request being sent is refused by the connection (set by the rule that counted it).
    refuse_next: bool,
    /// (operation, n): the n-th call (1-based) of that operation is answered `ExpiredToken`.
    expired: Vec<(&'static str, usize)>,
    /// The call being answered is refused as expired rather than throttled.
    expire_next: bool,
    counts: HashMap<&'static str, usize>,
    /// By-name lookups that do not see the stack yet (another client is creating it).
    hidden_lookups: usize,
    /// Every request token CloudFormation has seen.
    tokens: HashSet<String>,
    deletes: Vec<DeleteCall>,
    /// The next DeleteStack is carried out but answered `TokenAlreadyExistsException`, as when
    /// the SDK resends a request whose answer was lost.
    answer_token_exists: bool,
}

#[derive(Clone, Default)]
pub struct FakeCloudFormation {
    state: Arc<Mutex<State>>,
}

/// The mock HTTP client, with the connection refused for the calls made unreachable.
#[derive(Debug, Clone)]
struct Refusing {
    inner: SharedHttpClient,
    state: Arc<Mutex<State>>,
}

impl HttpClient for Refusing {
    fn http_connector(&self, settings: &HttpConnectorSettings, components: &RuntimeComponents) -> SharedHttpConnector {
        SharedHttpConnector::new(RefusingConnector {
            inner: self.inner.http_connector(settings, components),
            state: self.state.clone(),
        })
    }
}

#[derive(Debug)]
struct RefusingConnector {
    inner: SharedHttpConnector,
    state: Arc<Mutex<State>>,
}

impl HttpConnector for RefusingConnector {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        if std::mem::take(&mut self.state.lock().unwrap().refuse_next) {
            let refused = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "connection refused");
            return HttpConnectorFuture::ready(Err(ConnectorError::io(refused.into())));
        }
        self.inner.call(request)
    }
}

fn http_error(status: u16, code: &str, message: &str) -> HttpResponse {
    let xml = format!(
        "<ErrorResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><Error><Type>Sender</Type>\
         <Code>{code}</Code><Message>{message}</Message></Error><RequestId>req-1</RequestId></ErrorResponse>"
    );
    HttpResponse::new(StatusCode::try_from(status).unwrap(), SdkBody::from(xml))
}

fn time(at: &str) -> DateTime {
    DateTime::from_str(at, Format::DateTime).unwrap_or_else(|e| panic!("{at}: {e}"))
}

impl State {
    /// Counts the call and says whether it is to be throttled.
    fn throttled(&mut self, op: &'static str) -> bool {
        let n = self.counts.entry(op).or_default();
        *n += 1;
        let n = *n;
        if self.unreachable.contains(&(op, n)) {
            self.refuse_next = true;
            return true;
        }
        if self.expired.contains(&(op, n)) {
            self.expire_next = true;
            return true;
        }
        self.throttle.contains(&(op, n))
    }

    /// The answer to a call [`State::throttled`] refused: CloudFormation's answer to keys whose
    /// session has expired (HTTP 403 `ExpiredToken`, as AWS sends it), else throttling.
    fn refusal(&mut self) -> HttpResponse {
        if std::mem::take(&mut self.expire_next) {
            return http_error(403, "ExpiredToken", "The security token included in the request is expired");
        }
        http_error(400, "Throttling", "Rate exceeded")
    }

    fn find(&self, name_or_id: &str) -> Option<usize> {
        self.stacks
            .iter()
            .rposition(|s| s.id == name_or_id)
            .or_else(|| self.stacks.iter().rposition(|s| s.name == name_or_id && s.follows.is_none() && !s.gone()))
    }

    fn stage(&self, index: usize) -> &Stage {
        let stack = &self.stacks[index];
        let tick = match stack.follows {
            Some(root) => self.stacks[root].tick,
            None => stack.tick,
        }
        .unwrap_or(0);
        &stack.stages[tick.min(stack.stages.len() - 1)]
    }

    fn stage_index(&self, index: usize) -> usize {
        let stack = &self.stacks[index];
        let tick = match stack.follows {
            Some(root) => self.stacks[root].tick,
            None => stack.tick,
        };
        tick.unwrap_or(0).min(stack.stages.len() - 1)
    }
}

impl FakeCloudFormation {
    pub fn new() -> Self {
        Self::default()
    }

    /// The next CreateStack of `name` creates this script.
    pub fn on_create(&self, name: &str, script: Script) -> &Self {
        self.state.lock().unwrap().pending.entry(name.to_owned()).or_default().push_back(script);
        self
    }

    /// The `n`-th call (1-based) of `operation` (`DescribeStacks`, `DescribeStackEvents`,
    /// `DescribeStackResources`) answers `Throttling`.
    pub fn throttle(&self, operation: &'static str, n: usize) -> &Self {
        self.state.lock().unwrap().throttle.push((operation, n));
        self
    }

    /// The `n`-th call (1-based) of `operation` gets no answer: the connection is refused.
    pub fn unreachable(&self, operation: &'static str, n: usize) -> &Self {
        self.state.lock().unwrap().unreachable.push((operation, n));
        self
    }

    /// The `n`-th call (1-based) of `operation` is answered `ExpiredToken`: the session's
    /// credentials expired.
    pub fn expire(&self, operation: &'static str, n: usize) -> &Self {
        self.state.lock().unwrap().expired.push((operation, n));
        self
    }

    /// The next `n` DescribeStacks by name do not see existing stacks (another copy of the
    /// app is creating one right now).
    pub fn hide_from_lookups(&self, n: usize) -> &Self {
        self.state.lock().unwrap().hidden_lookups = n;
        self
    }

    /// Creates `script` as `name` now, as if another client had, without parameters.
    pub fn create_now(&self, name: &str, script: Script) -> String {
        self.create_now_with(name, script, &[])
    }

    /// Creates `script` as `name` with `parameters` now, as if another client had.
    pub fn create_now_with(&self, name: &str, script: Script, parameters: &[(String, String)]) -> String {
        self.on_create(name, script);
        let mut state = self.state.lock().unwrap();
        Self::create(&mut state, name, parameters.to_vec())
    }

    pub fn calls(&self) -> Vec<Call> {
        self.state.lock().unwrap().calls.clone()
    }

    /// The ClientRequestTokens of the CreateStacks received, in order.
    pub fn create_tokens(&self) -> Vec<String> {
        self.calls()
            .into_iter()
            .filter_map(|c| match c {
                Call::CreateStack { token, .. } => Some(token),
                _ => None,
            })
            .collect()
    }

    /// The DeleteStacks received, with their tokens and options.
    pub fn deletes(&self) -> Vec<DeleteCall> {
        self.state.lock().unwrap().deletes.clone()
    }

    /// The next DeleteStacks of the stack named or identified `key` end as `outcomes` say.
    pub fn on_delete(&self, key: &str, outcomes: Vec<DeleteOutcome>) -> &Self {
        let mut st = self.state.lock().unwrap();
        let i = st.find(key).unwrap_or_else(|| panic!("on_delete of unknown stack {key}"));
        st.stacks[i].outcomes.extend(outcomes);
        self
    }

    /// Another client deleted the stack a moment ago: it is `DELETE_IN_PROGRESS` now, for the
    /// next three reads by ID.
    pub fn deleting_now(&self, key: &str) -> &Self {
        let mut st = self.state.lock().unwrap();
        let i = st.find(key).unwrap_or_else(|| panic!("deleting_now of unknown stack {key}"));
        st.stacks[i].deleting = Some(0);
        st.stacks[i].delete_reads = 4;
        self
    }

    /// CloudFormation has seen `token` already (an earlier journal's request, say).
    pub fn token_seen(&self, token: &str) -> &Self {
        self.state.lock().unwrap().tokens.insert(token.to_owned());
        self
    }

    /// The next DeleteStack is carried out, and answered `TokenAlreadyExistsException`.
    pub fn answer_next_delete_token_exists(&self) -> &Self {
        self.state.lock().unwrap().answer_token_exists = true;
        self
    }

    fn create(state: &mut State, name: &str, parameters: Vec<(String, String)>) -> String {
        let script = state.pending.get_mut(name).and_then(VecDeque::pop_front).unwrap_or_else(|| {
            panic!("CreateStack {name}: the test scripted no stack for it");
        });
        let attempt = {
            let n = state.created.entry(name.to_owned()).or_default();
            *n += 1;
            *n
        };
        let id = arn(name, attempt);
        let root = state.stacks.len();
        let mut live = Live::new(name.to_owned(), id.clone(), script.stages, None);
        live.parameters = parameters;
        state.stacks.push(live);
        for (nested, stages) in script.nested {
            state.stacks.push(Live::new(nested.clone(), arn(&nested, attempt), stages, Some(root)));
        }
        id
    }

    /// A CloudFormation client answering from this fake, with the SDK's retries off so that
    /// every throttling reaches the engine.
    pub fn client(&self) -> Client {
        let rules = self.rules();
        let client = mock_client!(aws_sdk_cloudformation, RuleMode::MatchAny, rules.iter(), |c| c
            .region(aws_sdk_cloudformation::config::Region::new(REGION))
            .http_client(Refusing { inner: aws_smithy_mocks::create_mock_http_client(), state: self.state.clone() })
            .retry_config(aws_sdk_cloudformation::config::retry::RetryConfig::disabled()));
        client
    }

    fn rules(&self) -> Vec<Rule> {
        let s = self.state.clone();
        let describe_stacks = mock!(Client::describe_stacks).then_compute_response(move |input| {
            let mut st = s.lock().unwrap();
            let key = input.stack_name().unwrap_or_default().to_owned();
            st.calls.push(Call::DescribeStacks(key.clone()));
            if st.throttled("DescribeStacks") {
                return MockResponse::Http(st.refusal());
            }
            let by_name = !key.starts_with("arn:");
            if by_name && st.hidden_lookups > 0 {
                st.hidden_lookups -= 1;
                return MockResponse::Http(http_error(
                    400,
                    "ValidationError",
                    &format!("Stack with id {key} does not exist"),
                ));
            }
            let Some(i) = st.find(&key) else {
                return MockResponse::Http(http_error(
                    400,
                    "ValidationError",
                    &format!("Stack with id {key} does not exist"),
                ));
            };
            if !by_name {
                let stack = &mut st.stacks[i];
                if let Some(n) = stack.deleting.as_mut() {
                    *n += 1;
                } else {
                    stack.tick = Some(stack.tick.map_or(0, |t| (t + 1).min(stack.stages.len() - 1)));
                }
            }
            let stack = &st.stacks[i];
            let stage = st.stage(i);
            let (status, reason) = match stack.deleting {
                None => (stage.status, stage.reason),
                Some(_) if stack.delete_running() => ("DELETE_IN_PROGRESS", None),
                Some(_) if stack.failed.is_empty() => ("DELETE_COMPLETE", None),
                Some(_) => ("DELETE_FAILED", Some(DELETE_FAILED_REASON)),
            };
            let outputs = stage.outputs.iter().map(|(k, v)| Output::builder().output_key(*k).output_value(*v).build());
            let parameters =
                stack.parameters.iter().map(|(k, v)| Parameter::builder().parameter_key(k).parameter_value(v).build());
            MockResponse::Output(
                DescribeStacksOutput::builder()
                    .stacks(
                        Stack::builder()
                            .stack_id(&stack.id)
                            .stack_name(&stack.name)
                            .stack_status(StackStatus::from(status))
                            .set_stack_status_reason(reason.map(str::to_owned))
                            .set_outputs(Some(outputs.collect()))
                            .set_parameters(Some(parameters.collect()))
                            .creation_time(time("2026-11-21T10:00:00Z"))
                            .build(),
                    )
                    .build(),
            )
        });
        let s = self.state.clone();
        let describe_events = mock!(Client::describe_stack_events).then_compute_response(move |input| {
            let mut st = s.lock().unwrap();
            let key = input.stack_name().unwrap_or_default().to_owned();
            let token = input.next_token().map(str::to_owned);
            st.calls.push(Call::DescribeStackEvents { stack: key.clone(), token: token.clone() });
            if st.throttled("DescribeStackEvents") {
                return MockResponse::Http(st.refusal());
            }
            let i = st.find(&key).unwrap_or_else(|| panic!("events of unknown stack {key}"));
            let upto = st.stage_index(i);
            let stack = &st.stacks[i];
            let mut all: Vec<&Ev> = stack.stages[..=upto].iter().flat_map(|s| s.events.iter()).collect();
            all.reverse();
            let offset: usize = token.as_deref().map_or(0, |t| t.parse().unwrap());
            let page = all.iter().skip(offset).take(PAGE_SIZE).map(|e| {
                let own = e.logical == stack.name;
                StackEvent::builder()
                    .stack_id(&stack.id)
                    .stack_name(&stack.name)
                    .event_id(e.id)
                    .logical_resource_id(&e.logical)
                    .physical_resource_id(if own { stack.id.clone() } else { format!("phys-{}", e.logical) })
                    .resource_type(e.kind)
                    .resource_status(ResourceStatus::from(e.status))
                    .set_resource_status_reason(e.reason.map(str::to_owned))
                    .timestamp(time(e.at))
                    .build()
            });
            let next = (offset + PAGE_SIZE < all.len()).then(|| (offset + PAGE_SIZE).to_string());
            MockResponse::Output(
                DescribeStackEventsOutput::builder()
                    .set_stack_events(Some(page.collect()))
                    .set_next_token(next)
                    .build(),
            )
        });
        let s = self.state.clone();
        let describe_resources = mock!(Client::describe_stack_resources).then_compute_response(move |input| {
            let mut st = s.lock().unwrap();
            let key = input.stack_name().unwrap_or_default().to_owned();
            st.calls.push(Call::DescribeStackResources(key.clone()));
            if st.throttled("DescribeStackResources") {
                return MockResponse::Http(st.refusal());
            }
            let i = st.find(&key).unwrap_or_else(|| panic!("resources of unknown stack {key}"));
            let stack = &st.stacks[i];
            let failed = if stack.delete_failed() { stack.failed.clone() } else { Vec::new() };
            let mut shown: Vec<Res> = st
                .stage(i)
                .resources
                .iter()
                .filter(|r| !failed.iter().any(|f| f.logical == r.logical))
                .map(|r| if stack.delete_failed() { Res { status: "DELETE_COMPLETE", ..r.clone() } } else { r.clone() })
                .collect();
            shown.extend(failed);
            let resources = shown.iter().map(|r| {
                StackResource::builder()
                    .stack_id(&stack.id)
                    .stack_name(&stack.name)
                    .logical_resource_id(r.logical)
                    .set_physical_resource_id(r.physical.clone())
                    .resource_type(r.kind)
                    .resource_status(ResourceStatus::from(r.status))
                    .set_resource_status_reason(r.reason.map(str::to_owned))
                    .timestamp(time("2026-11-21T10:00:00Z"))
                    .build()
            });
            MockResponse::Output(
                DescribeStackResourcesOutput::builder().set_stack_resources(Some(resources.collect())).build(),
            )
        });
        let s = self.state.clone();
        let create = mock!(Client::create_stack).then_compute_response(move |input| {
            let mut st = s.lock().unwrap();
            let name = input.stack_name().unwrap_or_default().to_owned();
            let token = input.client_request_token().unwrap_or_default().to_owned();
            st.calls.push(Call::CreateStack { name: name.clone(), token: token.clone() });
            if !st.tokens.insert(token) {
                return MockResponse::Http(http_error(400, "TokenAlreadyExistsException", "Token already exists"));
            }
            if st.find(&name).is_some() {
                return MockResponse::Http(http_error(
                    400,
                    "AlreadyExistsException",
                    &format!("Stack [{name}] already exists"),
                ));
            }
            let parameters = input
                .parameters()
                .iter()
                .filter_map(|p| Some((p.parameter_key()?.to_owned(), p.parameter_value()?.to_owned())))
                .collect();
            let id = Self::create(&mut st, &name, parameters);
            MockResponse::Output(CreateStackOutput::builder().stack_id(id).build())
        });
        let s = self.state.clone();
        let delete = mock!(Client::delete_stack).then_compute_response(move |input| {
            let mut st = s.lock().unwrap();
            let key = input.stack_name().unwrap_or_default().to_owned();
            st.calls.push(Call::DeleteStack(key.clone()));
            let token = input.client_request_token().map(str::to_owned);
            let retain = input.retain_resources().to_vec();
            let force = input.deletion_mode() == Some(&DeletionMode::ForceDeleteStack);
            st.deletes.push(DeleteCall { stack: key.clone(), token: token.clone(), retain: retain.clone(), force });
            if let Some(token) = token {
                if !st.tokens.insert(token) && !st.answer_token_exists {
                    return MockResponse::Http(http_error(400, "TokenAlreadyExistsException", "Token already exists"));
                }
            }
            let i = st.find(&key).unwrap_or_else(|| panic!("delete of unknown stack {key}"));
            let stack = &mut st.stacks[i];
            if (force || !retain.is_empty()) && !stack.delete_failed() {
                return MockResponse::Http(http_error(
                    400,
                    "ValidationError",
                    &format!(
                        "Invalid operation on stack [{}]. RetainResources and DeletionMode FORCE_DELETE_STACK can \
                         only be specified when the stack is in the DELETE_FAILED state",
                        stack.id
                    ),
                ));
            }
            if stack.delete_running() {
                // Already being deleted: CloudFormation carries on with that delete.
                return MockResponse::Output(DeleteStackOutput::builder().build());
            }
            let outcome = stack.outcomes.pop_front().unwrap_or_default();
            stack.failed = match (force || !retain.is_empty(), outcome) {
                (true, _) | (false, DeleteOutcome::Completes) => Vec::new(),
                (false, DeleteOutcome::Fails(resources)) => resources,
                (false, DeleteOutcome::Check(check)) => check(),
            };
            stack.deleting = Some(0);
            stack.delete_reads = 2;
            if std::mem::take(&mut st.answer_token_exists) {
                return MockResponse::Http(http_error(400, "TokenAlreadyExistsException", "Token already exists"));
            }
            MockResponse::Output(DeleteStackOutput::builder().build())
        });
        vec![describe_stacks, describe_events, describe_resources, create, delete]
    }
}
