//! Runs a planned install: launches (or re-attaches to) the access stack, watches it to the
//! end, then does the same for the environment stack, keeping the journal's installation
//! state in step. Also the Clean up of a failed stack.
//!
//! Launching is idempotent: a stack ID already in the journal is re-attached; otherwise a
//! stack of the installation's name is looked for first; only then is CreateStack called,
//! with a request token that is the same for every retry of the attempt. A CreateStack that
//! finds the name taken (`AlreadyExistsException`: another click, another copy of the app, a
//! crash before the journal got the stack ID) re-attaches to that stack. A stack found by
//! name (not by the journal's stack ID) is adopted only when its parameters are the plan's
//! (see `adopt`); otherwise the install stops, naming the differences.

use std::time::{Duration, SystemTime};

use aws_sdk_cloudformation::Client;
use aws_smithy_types::date_time::{DateTime, Format};

use super::adopt::check_adoptable;
use super::cfn::{self, CreateStack, Created};
use super::error::InstallError;
use super::model::{InstallEvent, InstallOutcome, InstallState, StackKind, StackOutput};
use super::plan::{request_token, InstallPlan, StackPlan};
use super::progress::Progress;
use super::timing::{next_interval, Estimates, PollOutcome, FAST};
use super::tracker::{self, is_failed, StackEnd, Watch, Watched};
use crate::engine::core::now_rfc3339;
use crate::engine::failure::Error;
use crate::engine::journal::{InstallationRecord, StackRecord};

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
    run_install_with(plan, record, watch, client_for, |_| async { Ok(()) }).await
}

/// [`run_install`], calling `on_access` with the access stack's outputs as soon as it is
/// complete (before the environment stack): the role is read back and journaled there, and
/// an error stops the install (a re-run re-attaches and tries again).
pub async fn run_install_with<F, H, Fut>(
    plan: &InstallPlan,
    record: &InstallationRecord,
    watch: &Watch<'_>,
    client_for: F,
    on_access: H,
) -> Result<InstallOutcome, Error>
where
    F: Fn(&str) -> Client,
    H: Fn(Vec<(String, String)>) -> Fut,
    Fut: std::future::Future<Output = Result<(), Error>>,
{
    let journal = watch.journal;
    watch.sink.emit(InstallEvent::Started { installation_id: plan.installation_id.clone(), stacks: plan.planned() });
    let estimates = Estimates::from_history(&journal.resource_durations()?);
    let stacks = plan.stacks.iter().map(|s| (s.name.clone(), s.resources.clone())).collect();
    let mut progress = Progress::new(stacks, estimates, time_since(&record.created_at));
    watch.sink.emit(progress.event());
    let mut outputs = Vec::new();
    for stack in &plan.stacks {
        let cfn = client_for(&stack.region);
        let recorded =
            journal.install_stacks(record.id)?.into_iter().find(|r| r.kind == stack.kind).unwrap_or_else(|| {
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
        match tracker::track(&cfn, watch, &watched, &mut progress).await? {
            StackEnd::Complete { outputs: o } => {
                if stack.kind == StackKind::Access {
                    on_access(o.clone()).await?;
                }
                outputs.extend(o.into_iter().map(|(key, value)| StackOutput { stack: stack.name.clone(), key, value }))
            }
            StackEnd::Failed { status, root_cause } => {
                journal.set_installation_state(record.id, InstallState::Failed, &now_rfc3339())?;
                watch.sink.emit(InstallEvent::Failed {
                    stack: stack.name.clone(),
                    root_cause: root_cause.clone(),
                    rollback_status: status.clone(),
                });
                return Ok(InstallOutcome::Failed {
                    installation_id: plan.installation_id.clone(),
                    stack: stack.name.clone(),
                    root_cause,
                    rollback_status: status,
                });
            }
        }
    }
    journal.set_installation_state(record.id, InstallState::Ready, &now_rfc3339())?;
    watch.sink.emit(InstallEvent::Ready { outputs: outputs.clone() });
    Ok(InstallOutcome::Ready { installation_id: plan.installation_id.clone(), outputs })
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
            Some(found) if found.status != "DELETE_COMPLETE" => {
                return attached(stack, &found.stack_id, true, installation, watch);
            }
            // Deleted outside the app: the next launch is a new attempt, with a new token.
            _ => {
                watch.journal.next_stack_attempt(installation, stack.kind, &now_rfc3339())?;
                attempt += 1;
            }
        }
    }
    // Two rounds: a CreateStack that finds the name taken re-attaches to that stack.
    for _ in 0..2 {
        if let Some(found) = cfn::describe_stack(cfn, &stack.name, ctx).await? {
            if matches!(found.status.as_str(), "DELETE_IN_PROGRESS" | "REVIEW_IN_PROGRESS") {
                return Err(InstallError::StackBusy { stack: stack.name.clone(), status: found.status }.into());
            }
            check_adoptable(stack, &found)?;
            return attached(stack, &found.stack_id, true, installation, watch);
        }
        let token = request_token(stack.kind, &plan.installation_id, attempt);
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
        }
    }
    Err(InstallError::StackBusy { stack: stack.name.clone(), status: "being created and deleted".to_owned() }.into())
}

/// Records the stack ID before anything else happens to the stack, and says so.
fn attached(
    stack: &StackPlan,
    stack_id: &str,
    existing: bool,
    installation: i64,
    watch: &Watch<'_>,
) -> Result<String, Error> {
    watch.journal.set_stack_id(installation, stack.kind, stack_id, &now_rfc3339())?;
    watch.sink.emit(InstallEvent::StackLaunched {
        stack: stack.name.clone(),
        stack_kind: stack.kind,
        region: stack.region.clone(),
        stack_id: stack_id.to_owned(),
        attached: existing,
    });
    Ok(stack_id.to_owned())
}

/// How long a clean-up waits for DELETE_COMPLETE before saying the stack is stuck.
pub const DELETE_TIMEOUT: Duration = Duration::from_secs(60 * 60);

/// Deletes each failed launched stack of the installation and waits until CloudFormation
/// reports it `DELETE_COMPLETE` by its stack ID (by name, a deleted stack is simply not
/// found, which would not tell a finished delete from a stack that never existed). Returns
/// the kinds of the stacks cleaned up.
pub async fn clean_up<F>(record: &InstallationRecord, watch: &Watch<'_>, client_for: F) -> Result<Vec<StackKind>, Error>
where
    F: Fn(&str) -> Client,
{
    let ctx = watch.ctx;
    let mut cleaned = Vec::new();
    for stack in watch.journal.install_stacks(record.id)? {
        let (StackKind::Access | StackKind::Environment, Some(stack_id)) = (stack.kind, stack.stack_id.clone()) else {
            continue;
        };
        let cfn = client_for(&stack.region);
        let status = match cfn::describe_stack(&cfn, &stack_id, ctx).await? {
            Some(found) => found.status,
            None => "DELETE_COMPLETE".to_owned(),
        };
        if !is_failed(&status) {
            continue;
        }
        if status != "DELETE_COMPLETE" {
            let token =
                format!("private-deploy-delete-{}-{}-{}", stack.kind.as_str(), record.installation_id, stack.attempt);
            cfn::delete_stack(&cfn, &stack_id, &token, ctx).await?;
            wait_deleted(&cfn, &stack, &stack_id, watch).await?;
        }
        watch.journal.next_stack_attempt(record.id, stack.kind, &now_rfc3339())?;
        cleaned.push(stack.kind);
    }
    if cleaned.is_empty() {
        return Err(InstallError::NothingToCleanUp { installation_id: record.installation_id.clone() }.into());
    }
    watch.journal.set_installation_state(record.id, InstallState::CleanedUp, &now_rfc3339())?;
    Ok(cleaned)
}

pub(crate) async fn wait_deleted(
    cfn: &Client,
    stack: &StackRecord,
    stack_id: &str,
    watch: &Watch<'_>,
) -> Result<(), Error> {
    let started = tokio::time::Instant::now();
    let mut interval = FAST;
    let mut last: Option<String> = None;
    loop {
        let found = match cfn::describe_stack(cfn, stack_id, watch.ctx).await {
            Ok(found) => found,
            Err(err) if cfn::is_transient(&err) && started.elapsed() < DELETE_TIMEOUT => {
                interval = next_interval(interval, PollOutcome::Throttled);
                tokio::time::sleep(interval).await;
                continue;
            }
            Err(err) => return Err(err.into()),
        };
        let (status, reason) = match &found {
            Some(s) => (s.status.clone(), s.reason.clone()),
            None => ("DELETE_COMPLETE".to_owned(), None),
        };
        let changed = last.as_deref() != Some(status.as_str());
        if changed {
            watch.journal.record_stack_status(stack_id, &status, reason.as_deref(), &now_rfc3339())?;
            watch.sink.emit(InstallEvent::StackStatus {
                stack: stack.name.clone(),
                stack_id: stack_id.to_owned(),
                status: status.clone(),
                reason: reason.clone(),
            });
            last = Some(status.clone());
        }
        match status.as_str() {
            "DELETE_COMPLETE" => return Ok(()),
            "DELETE_FAILED" => {
                return Err(InstallError::DeleteFailed { stack: stack.name.clone(), status, reason }.into());
            }
            _ if started.elapsed() >= DELETE_TIMEOUT => {
                return Err(InstallError::DeleteFailed { stack: stack.name.clone(), status, reason }.into());
            }
            _ => {}
        }
        interval = next_interval(interval, if changed { PollOutcome::Changed } else { PollOutcome::Idle });
        tokio::time::sleep(interval).await;
    }
}

/// Wall-clock time since `rfc3339` (zero when it cannot be read or lies in the future).
fn time_since(rfc3339: &str) -> Duration {
    let Ok(then) = DateTime::from_str(rfc3339, Format::DateTime) else { return Duration::ZERO };
    let Ok(then) = SystemTime::try_from(then) else { return Duration::ZERO };
    SystemTime::now().duration_since(then).unwrap_or_default()
}
