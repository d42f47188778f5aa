//! Runs a planned install: launches (or re-attaches to) the access stack, watches it to the
//! end, then does the same for the environment stack, keeping the journal's installation
//! state in step. (Clean up is `deleting`.)
//!
//! Launching is idempotent: a stack ID already in the journal is re-attached; otherwise a
//! stack of the installation's name is looked for first; only then is CreateStack called,
//! with a request token that is the same for every retry of the attempt and carries the
//! installation's random nonce. A CreateStack that finds the name taken
//! (`AlreadyExistsException`: another click, another copy of the app, a crash before the
//! journal got the stack ID) re-attaches to that stack; one whose token CloudFormation has
//! seen already (`TokenAlreadyExistsException`) re-attaches to the stack that request made, or,
//! when there is none any more, starts a new attempt with a new token. A stack found by name
//! (not by the journal's stack ID) is adopted only when its parameters are the plan's (see
//! `adopt`); otherwise the install stops, naming the differences.

use std::time::Duration;

use aws_sdk_cloudformation::Client;

use super::adopt::check_adoptable;
use super::error::InstallError;
use super::model::{InstallEvent, InstallOutcome, InstallState, StackKind, StackOutput};
use super::plan::{request_token, InstallPlan, StackPlan};
use super::progress::Progress;
use crate::failure::Error;
use crate::journal::{InstallationRecord, StackRecord};
use crate::stacks::cloudformation::{self as cfn, CreateStack, Created};
use crate::stacks::status::{continue_rollback_hint, StackHealth, StackStatus};
use crate::stacks::timing::Estimates;
use crate::stacks::tracker::{self, StackEnd, Watch, Watched};
use jiff::Timestamp;

/// Rounds of look-up-then-create before a launch gives up on a name that keeps changing hands.
const LAUNCH_ROUNDS: usize = 3;

/// Launches and watches every stack of `plan`, recorded as `record`, using a CloudFormation
/// client per region from `client_for`. (The app records the role on the way: see
/// [`run_install_with`].)
#[cfg(test)]
pub async fn run_install<F>(
    plan: &InstallPlan,
    record: &InstallationRecord,
    watch: &Watch<'_>,
    client_for: F,
) -> Result<InstallOutcome, Error>
where
    F: Fn(&str) -> Client,
{
    run_install_with(plan, record, watch, client_for, |_| async { Ok(()) }, |err| async { Err(err) }).await
}

/// [`run_install`], calling `on_access` with the access stack's outputs as soon as it is
/// complete (before the environment stack): the role is read back and journaled there, and
/// an error stops the install (a re-run re-attaches and tries again).
///
/// A step that fails is handed to `renew`: when it returns `Ok` (the admin signed in again
/// after the credentials expired, see `renewal`), the step starts over from the journal with
/// new clients from `client_for`: a stack launched already is re-attached by its recorded
/// ID (never created again) and its events are read from the last one recorded.
pub async fn run_install_with<F, H, Fut, R, RFut>(
    plan: &InstallPlan,
    record: &InstallationRecord,
    watch: &Watch<'_>,
    client_for: F,
    on_access: H,
    renew: R,
) -> Result<InstallOutcome, Error>
where
    F: Fn(&str) -> Client,
    H: Fn(Vec<(String, String)>) -> Fut,
    Fut: std::future::Future<Output = Result<(), Error>>,
    R: Fn(Error) -> RFut,
    RFut: std::future::Future<Output = Result<(), Error>>,
{
    let journal = watch.journal;
    let estimates = Estimates::from_history(&journal.resource_durations()?);
    watch.sink.emit(InstallEvent::Started {
        installation_id: plan.installation_id.clone(),
        stacks: plan.planned(&estimates),
    });
    let stacks = plan.stacks.iter().map(|s| (s.name.clone(), s.resources.clone())).collect();
    let mut progress = Progress::new(stacks, estimates, time_since(record.created_at));
    watch.sink.emit(progress.event());
    let mut outputs = Vec::new();
    for stack in &plan.stacks {
        let end = loop {
            match launch_and_track(plan, stack, record, watch, &client_for, &mut progress).await {
                Err(err) => renew(err).await?,
                Ok(end) => break end,
            }
        };
        match end {
            StackEnd::Complete { outputs: o } => {
                if stack.kind == StackKind::Access {
                    while let Err(err) = on_access(o.clone()).await {
                        renew(err).await?;
                    }
                }
                outputs.extend(o.into_iter().map(|(key, value)| StackOutput { stack: stack.name.clone(), key, value }))
            }
            StackEnd::Failed { status, health, root_cause } => {
                journal.set_installation_state(record.id, InstallState::Failed, Timestamp::now())?;
                let hint = (health == StackHealth::UpdateRollbackFailed)
                    .then(|| continue_rollback_hint(&stack.name, &stack.region));
                watch.sink.emit(InstallEvent::Failed {
                    stack: stack.name.clone(),
                    root_cause: root_cause.clone(),
                    rollback_status: status.as_str().to_owned(),
                    health,
                    hint: hint.clone(),
                });
                return Ok(InstallOutcome::Failed {
                    installation_id: plan.installation_id.clone(),
                    stack: stack.name.clone(),
                    root_cause,
                    rollback_status: status.as_str().to_owned(),
                    health,
                    hint: hint.clone(),
                });
            }
        }
    }
    journal.record_ready(record.id, &outputs, Timestamp::now())?;
    watch.sink.emit(InstallEvent::Ready { outputs: outputs.clone() });
    Ok(InstallOutcome::Ready { installation_id: plan.installation_id.clone(), outputs })
}

/// Launches `stack` (or re-attaches to it, as the journal says now) and watches it to its end.
async fn launch_and_track<F: Fn(&str) -> Client>(
    plan: &InstallPlan,
    stack: &StackPlan,
    record: &InstallationRecord,
    watch: &Watch<'_>,
    client_for: &F,
    progress: &mut Progress,
) -> Result<StackEnd, Error> {
    let cfn = client_for(&stack.region);
    let recorded =
        watch.journal.install_stacks(record.id)?.into_iter().find(|r| r.kind == stack.kind).unwrap_or_else(|| {
            StackRecord {
                kind: stack.kind,
                region: stack.region.clone(),
                name: stack.name.clone(),
                stack_id: None,
                root_stack_id: None,
                attempt: 1,
                last_status: None,
                last_reason: None,
                last_event_id: None,
            }
        });
    let stack_id = launch(&cfn, plan, stack, &recorded, record.id, watch).await?;
    let watched = Watched { name: stack.name.clone(), stack_id, region: stack.region.clone() };
    tracker::track(&cfn, watch, &watched, progress).await
}

/// The stack ID of `stack`: the recorded one while that stack exists, else an existing stack
/// of its name, else a new stack.
async fn launch(
    cfn: &Client,
    plan: &InstallPlan,
    stack: &StackPlan,
    recorded: &StackRecord,
    installation: i64,
    watch: &Watch<'_>,
) -> Result<String, Error> {
    let ctx = watch.ctx;
    let mut attempt = recorded.attempt;
    if let Some(id) = &recorded.stack_id {
        match cfn::describe_stack(cfn, id, ctx).await? {
            Some(found) if found.health() != StackHealth::Deleted => {
                return attached(stack, &found.stack_id, true, installation, watch);
            }
            // Deleted outside the app: the next launch is a new attempt, with a new token.
            _ => {
                watch.journal.next_stack_attempt(installation, stack.kind, Timestamp::now())?;
                attempt += 1;
            }
        }
    }
    let nonce = watch.journal.token_nonce(installation)?;
    for _ in 0..LAUNCH_ROUNDS {
        if let Some(found) = cfn::describe_stack(cfn, &stack.name, ctx).await? {
            if found.health() == StackHealth::Deleting || found.status == StackStatus::ReviewInProgress {
                return Err(InstallError::StackBusy { stack: stack.name.clone(), status: found.status }.into());
            }
            check_adoptable(stack, &found)?;
            return attached(stack, &found.stack_id, true, installation, watch);
        }
        let token = request_token(stack.kind, &plan.installation_id, &nonce, attempt);
        let request = CreateStack {
            name: &stack.name,
            template: stack.template,
            parameters: &stack.parameters,
            installation_id: &plan.installation_id,
            token: &token,
        };
        match cfn::create_stack(cfn, &request, ctx).await? {
            Created::New { stack_id } => return attached(stack, &stack_id, false, installation, watch),
            Created::AlreadyExists => continue,
            Created::TokenUsed => {
                tracing::info!(stack = %stack.name, %token, "CloudFormation has seen this request token already");
                if cfn::describe_stack(cfn, &stack.name, ctx).await?.is_none() {
                    // The stack that token made is gone: a new attempt, with a new token.
                    watch.journal.next_stack_attempt(installation, stack.kind, Timestamp::now())?;
                    attempt += 1;
                }
            }
        }
    }
    Err(InstallError::StackChurning { stack: stack.name.clone() }.into())
}

/// Records the stack ID before anything else happens to the stack, and says so.
fn attached(
    stack: &StackPlan,
    stack_id: &str,
    existing: bool,
    installation: i64,
    watch: &Watch<'_>,
) -> Result<String, Error> {
    watch.journal.set_stack_id(installation, stack.kind, stack_id, Timestamp::now())?;
    watch.sink.emit(InstallEvent::StackLaunched {
        stack: stack.name.clone(),
        stack_kind: stack.kind,
        region: stack.region.clone(),
        stack_id: stack_id.to_owned(),
        attached: existing,
    });
    Ok(stack_id.to_owned())
}

/// Wall-clock time since `rfc3339` (zero when it cannot be read or lies in the future).
fn time_since(then: Timestamp) -> Duration {
    Duration::try_from(Timestamp::now().duration_since(then)).unwrap_or_default()
}
