//! Watches one launched stack until it completes or fails: polls DescribeStacks, the new
//! DescribeStackEvents (up to the last event the journal has seen) and DescribeStackResources,
//! for the stack and every stack nested under it, writes what it sees to the journal and
//! emits what changed.
//!
//! A poll that AWS throttles, answers with a server error (HTTP 5xx) after the SDK's retries,
//! or that the network drops, is only a late poll: the interval backs off (see `timing`) and
//! the next one picks up where the journal says. While polls get no answer at all, the sink
//! is told AWS cannot be reached, and told again when a poll gets through (see
//! `install::connectivity`). Everything is written before it is emitted,
//! so a crash loses nothing that was shown.

use std::collections::HashMap;
use std::time::Duration;

use aws_sdk_cloudformation::Client;
use tokio::time::Instant;

use super::cloudformation::{self as cfn, ResourceState, StackState, NESTED_STACK_TYPE};
use super::root_cause::root_cause;
use super::status::{ResourceStatus, StackHealth, StackStatus};
use super::timing::{next_interval, PollOutcome, FAST};
use crate::aws::{AwsError, CallContext};
use crate::failure::Error;
use crate::install::connectivity::Connectivity;
use crate::install::error::InstallError;
use crate::install::model::{InstallEvent, RootCause};
use crate::install::progress::Progress;
use crate::install::sink::InstallSink;
use crate::journal::{Journal, StackEventRecord};
use jiff::Timestamp;

/// How long polls may keep failing for network reasons before the install stops (and can be
/// resumed). Throttling never stops it.
pub const NETWORK_GIVE_UP: Duration = Duration::from_secs(10 * 60);

/// How watching a stack ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StackEnd {
    Complete { outputs: Vec<(String, String)> },
    Failed { status: StackStatus, health: StackHealth, root_cause: RootCause },
}

/// What the tracker writes to and reports through.
pub struct Watch<'a> {
    pub journal: &'a Journal,
    pub sink: &'a dyn InstallSink,
    pub ctx: &'a CallContext,
    /// The installation's journal row.
    pub installation: i64,
}

/// The stack being watched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Watched {
    pub name: String,
    pub stack_id: String,
    pub region: String,
}

#[derive(Debug)]
struct Tracked {
    name: String,
    stack_id: String,
    last_event: Option<String>,
}

struct Tracker<'a, 'w> {
    cfn: &'a Client,
    w: &'a Watch<'w>,
    root: Watched,
    /// The root first, then nested stacks in the order found.
    stacks: Vec<Tracked>,
    /// What was last emitted, so that only changes are.
    stack_status: Option<(StackStatus, Option<String>)>,
    resource_status: HashMap<(String, String), ResourceStatus>,
    /// Every event seen of these stacks (from the journal, then new ones): the root cause
    /// is found among them.
    events: Vec<StackEventRecord>,
    connectivity: Connectivity,
}

/// Watches `root` until it completes or fails, updating `progress` and emitting as it goes.
pub async fn track(cfn: &Client, w: &Watch<'_>, root: &Watched, progress: &mut Progress) -> Result<StackEnd, Error> {
    let mut tracker = Tracker::resume(cfn, w, root)?;
    let mut interval = FAST;
    let mut failing_since: Option<Instant> = None;
    loop {
        let polled = tracker.poll(progress).await;
        if let Err(Error::Aws(err)) = &polled {
            tracker.connectivity.failed(err, w.sink);
        }
        let outcome = match polled {
            Ok(Polled::Ended(end)) => return Ok(end),
            Ok(Polled::Running { changed }) => {
                failing_since = None;
                if changed {
                    PollOutcome::Changed
                } else {
                    PollOutcome::Idle
                }
            }
            Err(Error::Aws(err)) if cfn::is_transient(&err) || is_server_fault(&err) => {
                tracing::warn!(stack = %root.name, error = %err, "poll failed; backing off");
                if err.is_unreachable() || is_server_fault(&err) {
                    let since = *failing_since.get_or_insert_with(Instant::now);
                    if since.elapsed() >= NETWORK_GIVE_UP {
                        return Err(InstallError::Unreachable {
                            stack: root.name.clone(),
                            minutes: NETWORK_GIVE_UP.as_secs() / 60,
                        }
                        .into());
                    }
                }
                PollOutcome::Throttled
            }
            Err(err) => return Err(err),
        };
        interval = next_interval(interval, outcome);
        tokio::time::sleep(interval).await;
    }
}

/// AWS's own failure (HTTP 500/503: `InternalFailure`, `ServiceUnavailable`) that outlasted
/// the SDK's retries. A poll is a read: like a dropped connection, it is only a late poll, and
/// it counts toward [`NETWORK_GIVE_UP`].
fn is_server_fault(err: &AwsError) -> bool {
    matches!(err, AwsError::Unavailable { .. })
}

enum Polled {
    Running { changed: bool },
    Ended(StackEnd),
}

impl<'a, 'w> Tracker<'a, 'w> {
    /// Starts from what the journal knows of `root`: its nested stacks, the last event seen of
    /// each, and the events seen so far.
    fn resume(cfn: &'a Client, w: &'a Watch<'w>, root: &Watched) -> Result<Self, Error> {
        let records = w.journal.install_stacks(w.installation)?;
        let mut stacks = vec![Tracked {
            name: root.name.clone(),
            stack_id: root.stack_id.clone(),
            last_event: records
                .iter()
                .find(|r| r.stack_id.as_deref() == Some(&root.stack_id))
                .and_then(|r| r.last_event_id.clone()),
        }];
        for r in records.iter().filter(|r| r.root_stack_id.as_deref() == Some(&root.stack_id)) {
            if let Some(id) = &r.stack_id {
                stacks.push(Tracked {
                    name: r.name.clone(),
                    stack_id: id.clone(),
                    last_event: r.last_event_id.clone(),
                });
            }
        }
        let ids: Vec<String> = stacks.iter().map(|s| s.stack_id.clone()).collect();
        let events = w.journal.stack_events(&ids)?;
        Ok(Self {
            cfn,
            w,
            root: root.clone(),
            stacks,
            stack_status: None,
            resource_status: HashMap::new(),
            events,
            connectivity: Connectivity::default(),
        })
    }

    async fn poll(&mut self, progress: &mut Progress) -> Result<Polled, Error> {
        let ctx = self.w.ctx;
        // The stack's status first: the events and resources read after it include
        // everything up to it, so a terminal status is never acted on with events missing.
        let state = cfn::describe_stack(self.cfn, &self.root.stack_id, ctx).await?.ok_or_else(|| {
            InstallError::StackVanished { stack: self.root.name.clone(), stack_id: self.root.stack_id.clone() }
        })?;
        // AWS answered: said before what the poll goes on to find.
        self.connectivity.answered(self.w.sink);
        let mut changed = self.note_stack_status(&state)?;
        for i in 0..self.stacks.len() {
            changed |= self.read_events(i, progress).await?;
        }
        let mut queue = vec![(self.root.name.clone(), self.root.stack_id.clone())];
        while let Some((name, stack_id)) = queue.pop() {
            for resource in cfn::stack_resources(self.cfn, &stack_id, ctx).await? {
                if let Some(nested) = self.found_nested(&stack_id, &resource)? {
                    changed = true;
                    self.read_events(nested, progress).await?;
                    queue.push((self.stacks[nested].name.clone(), self.stacks[nested].stack_id.clone()));
                }
                changed |= self.note_resource(&name, &resource, progress);
            }
        }
        let health = state.health();
        if health == StackHealth::Healthy {
            progress.stack_complete(&self.root.name);
            self.w.sink.emit(progress.event());
            return Ok(Polled::Ended(StackEnd::Complete { outputs: state.outputs }));
        }
        self.w.sink.emit(progress.event());
        if health.is_failure() {
            let cause = root_cause(&self.events).unwrap_or_else(|| RootCause {
                stack_name: self.root.name.clone(),
                logical_id: self.root.name.clone(),
                resource_type: NESTED_STACK_TYPE.to_owned(),
                reason: state.reason.clone().unwrap_or_else(|| "CloudFormation gave no reason.".to_owned()),
            });
            return Ok(Polled::Ended(StackEnd::Failed { status: state.status, health, root_cause: cause }));
        }
        Ok(Polled::Running { changed })
    }

    fn note_stack_status(&mut self, state: &StackState) -> Result<bool, Error> {
        let now = (state.status.clone(), state.reason.clone());
        if self.stack_status.as_ref() == Some(&now) {
            return Ok(false);
        }
        self.w.journal.record_stack_status(
            &state.stack_id,
            &state.status,
            state.reason.as_deref(),
            Timestamp::now(),
        )?;
        self.w.sink.emit(InstallEvent::StackStatus {
            stack: self.root.name.clone(),
            stack_id: state.stack_id.clone(),
            status: state.status.as_str().to_owned(),
            status_class: super::status::class(&state.status),
            reason: state.reason.clone(),
        });
        self.stack_status = Some(now);
        Ok(true)
    }

    /// Reads the events of `self.stacks[index]` newer than its last seen one, stores them and
    /// moves its last seen, then emits the resource changes among them.
    async fn read_events(&mut self, index: usize, progress: &mut Progress) -> Result<bool, Error> {
        let stack = &self.stacks[index];
        let new = cfn::new_events(self.cfn, &stack.stack_id, stack.last_event.as_deref(), self.w.ctx).await?;
        let Some(newest) = new.last().map(|e| e.event_id.clone()) else {
            return Ok(false);
        };
        self.w.journal.record_stack_events(self.w.installation, &stack.stack_id, &new, Some(&newest))?;
        self.stacks[index].last_event = Some(newest);
        for event in new {
            // The stack's own events: its status is reported from DescribeStacks (or, for a
            // nested stack, as a resource of its parent).
            let own = event.resource_type == NESTED_STACK_TYPE && event.logical_id == event.stack_name;
            if !own {
                self.emit_resource(
                    &event.stack_name,
                    &event.logical_id,
                    &event.resource_type,
                    &event.status,
                    event.reason.clone(),
                    event.timestamp,
                    progress,
                );
            }
            self.events.push(event);
        }
        Ok(true)
    }

    /// A nested stack not tracked yet, found as a resource of `parent_id`: records it and
    /// returns its index.
    fn found_nested(&mut self, parent_id: &str, resource: &ResourceState) -> Result<Option<usize>, Error> {
        if resource.resource_type != NESTED_STACK_TYPE {
            return Ok(None);
        }
        let Some(stack_id) = resource.physical_id.as_deref().filter(|id| id.starts_with("arn:")) else {
            return Ok(None);
        };
        if self.stacks.iter().any(|s| s.stack_id == stack_id) {
            return Ok(None);
        }
        // arn:aws:cloudformation:REGION:ACCOUNT:stack/NAME/UUID
        let name = stack_id.split('/').nth(1).unwrap_or(stack_id).to_owned();
        tracing::debug!(parent = parent_id, nested = %name, "following a nested stack");
        self.w.journal.record_nested_stack(
            self.w.installation,
            &self.root.stack_id,
            &self.root.region,
            &name,
            stack_id,
            Timestamp::now(),
        )?;
        self.stacks.push(Tracked { name, stack_id: stack_id.to_owned(), last_event: None });
        Ok(Some(self.stacks.len() - 1))
    }

    fn note_resource(&mut self, stack: &str, r: &ResourceState, progress: &mut Progress) -> bool {
        self.emit_resource(stack, &r.logical_id, &r.resource_type, &r.status, r.reason.clone(), r.timestamp, progress)
    }

    /// Emits a resource's status when it differs from the last one emitted.
    #[allow(clippy::too_many_arguments)]
    fn emit_resource(
        &mut self,
        stack: &str,
        logical_id: &str,
        resource_type: &str,
        status: &ResourceStatus,
        reason: Option<String>,
        timestamp: Timestamp,
        progress: &mut Progress,
    ) -> bool {
        let key = (stack.to_owned(), logical_id.to_owned());
        if self.resource_status.get(&key) == Some(status) {
            return false;
        }
        self.resource_status.insert(key, status.clone());
        progress.resource(stack, logical_id, resource_type, status);
        self.w.sink.emit(InstallEvent::Resource {
            stack: stack.to_owned(),
            logical_id: logical_id.to_owned(),
            resource_type: resource_type.to_owned(),
            status: status.as_str().to_owned(),
            status_class: super::status::resource_class(status),
            reason,
            timestamp: timestamp.to_string(),
        });
        true
    }
}
