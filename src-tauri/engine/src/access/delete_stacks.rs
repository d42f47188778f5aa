//! Deleting the installation's stacks, failing closed: the vendor is cut off first (the window
//! closed, then the sessions revoked: `window::cut_off`), then the environment stack is
//! deleted, then the access stack, after the role is stripped of what the stack does not own
//! (see `teardown`, which also says why no moment gives the vendor more access). Each stack is
//! waited for until it is `DELETE_COMPLETE` by its stack ID (`install::deleting`).
//!
//! Every read and every refusal (a stack CloudFormation is busy with, retain or force asked of
//! a stack not in `DELETE_FAILED`) comes before the first write. When a step fails, the error
//! and the journal (a `delete_stacks_stopped` action) say what was done and what is left; the
//! steps done stay done, since each leaves the vendor with less access.

use serde_json::json;

use super::actor::Actor;
use super::error::AccessError;
use super::model::{AccessActionKind, AccessActionRecord};
use super::teardown::{delete_app_boundary, strip_out_of_band};
use super::window::cut_off;
use crate::aws::CallContext;
use crate::failure::Error;
use crate::failure::Explain as _;
use crate::install::{DeleteOptions, InstallError, InstallSink, InstallState, StackDeletion, StackKind};
use crate::journal::{InstallationRecord, Journal, StackRecord};
use crate::stacks::{check_options, delete_and_wait, inspect, mode_for, what_stays, StackHealth, Watch};
use jiff::Timestamp;

/// What a delete of the stacks works on.
pub struct StackDelete<'a> {
    pub record: &'a InstallationRecord,
    pub journal: &'a Journal,
    pub sink: &'a dyn InstallSink,
    pub ctx: &'a CallContext,
    pub options: &'a DeleteOptions,
    /// Journals the actions; its role is the vendor's role when `role_live`.
    pub actor: &'a Actor<'a>,
    /// The access stack is there with its role: cut off, then strip, before deleting.
    pub role_live: bool,
    /// The access stack's own boundary (its `BoundaryArn` output).
    pub stack_boundary: Option<&'a str>,
    pub now: Timestamp,
}

/// The stacks deleted (kind, name, stack ID) and every step done.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StacksDeleted {
    pub stacks: Vec<(StackKind, String, String)>,
    pub steps: Vec<String>,
}

/// The installation's launched stacks as a delete would find them, the environment first.
pub async fn inspect_stacks<F>(
    record: &InstallationRecord,
    journal: &Journal,
    ctx: &CallContext,
    client_for: &F,
) -> Result<Vec<(StackRecord, StackDeletion)>, Error>
where
    F: Fn(&str) -> aws_sdk_cloudformation::Client,
{
    let mut stacks = journal.install_stacks(record.id)?;
    stacks.retain(|s| s.kind != StackKind::Nested);
    stacks.sort_by_key(|s| if s.kind == StackKind::Environment { 0 } else { 1 });
    let mut out = Vec::new();
    for stack in stacks {
        let seen = inspect(&client_for(&stack.region), &stack, ctx).await?;
        out.push((stack, seen));
    }
    Ok(out)
}

pub async fn delete_stacks<F>(d: &StackDelete<'_>, client_for: F) -> Result<StacksDeleted, Error>
where
    F: Fn(&str) -> aws_sdk_cloudformation::Client,
{
    let stacks = inspect_stacks(d.record, d.journal, d.ctx, &client_for).await?;
    for (_, seen) in &stacks {
        if seen.health == StackHealth::InProgress {
            return Err(InstallError::StackBusy { stack: seen.name.clone(), status: seen.status.clone() }.into());
        }
    }
    let seen: Vec<StackDeletion> = stacks.iter().map(|(_, s)| s.clone()).collect();
    check_options(d.options, &seen)?;

    let mut left: Vec<String> = Vec::new();
    if d.role_live {
        left.push(format!("cut off role {}", d.actor.role()));
    }
    for (_, s) in stacks.iter().filter(|(_, s)| s.health != StackHealth::Deleted) {
        left.push(format!("delete stack {}", s.name));
    }
    let mut out = StacksDeleted::default();
    match run(d, &stacks, &client_for, &mut out, &mut left).await {
        Ok(()) => {
            d.journal.set_installation_state(d.record.id, InstallState::CleanedUp, Timestamp::now())?;
            Ok(out)
        }
        Err(err) => {
            let cause = err.failure();
            let detail = json!({ "done": out.steps, "left": left, "error": cause });
            let summary = format!(
                "Deleting the stacks stopped: {} Done: {}. Left: {}.",
                cause.message,
                if out.steps.is_empty() { "nothing".to_owned() } else { out.steps.join("; ") },
                left.join("; ")
            );
            if let Err(journal) = d.actor.record(AccessActionKind::DeleteStacksStopped, summary, &detail) {
                tracing::error!(error = %journal, "could not journal the stopped delete");
            }
            Err(InstallError::DeleteStopped { done: out.steps.clone(), left, cause: Box::new(cause) }.into())
        }
    }
}

async fn run<F>(
    d: &StackDelete<'_>,
    stacks: &[(StackRecord, StackDeletion)],
    client_for: &F,
    out: &mut StacksDeleted,
    left: &mut Vec<String>,
) -> Result<(), Error>
where
    F: Fn(&str) -> aws_sdk_cloudformation::Client,
{
    let watch = Watch { journal: d.journal, sink: d.sink, ctx: d.ctx, installation: d.record.id };
    if d.role_live {
        match cut_off(d.actor, d.now).await {
            Ok(record) => out.steps.push(record.summary),
            Err(Error::Access(AccessError::RoleGone { .. })) => {
                out.steps.push(format!("role {} was already gone", d.actor.role()))
            }
            Err(err) => return Err(err),
        }
        left.remove(0);
    }
    for (stack, seen) in stacks {
        let Some(stack_id) = stack.stack_id.as_deref() else { continue };
        if seen.health == StackHealth::Deleted {
            d.journal.next_stack_attempt(d.record.id, stack.kind, Timestamp::now())?;
            continue;
        }
        let mut app_boundary = None;
        if stack.kind == StackKind::Access && d.role_live {
            let teardown = strip_out_of_band(d.actor, d.stack_boundary).await?;
            out.steps.extend(teardown.steps);
            app_boundary = teardown.app_boundary;
        }
        let mode = mode_for(d.options, seen);
        delete_and_wait(&client_for(&stack.region), stack, stack_id, &mode, &watch).await?;
        let stays = what_stays(&mode, seen).map(|s| format!("; {s}")).unwrap_or_default();
        out.steps.push(format!("deleted stack {} (DELETE_COMPLETE){stays}", stack.name));
        out.stacks.push((stack.kind, stack.name.clone(), stack_id.to_owned()));
        d.journal.next_stack_attempt(d.record.id, stack.kind, Timestamp::now())?;
        left.retain(|l| l != &format!("delete stack {}", stack.name));
        if let Some(arn) = app_boundary {
            out.steps.push(delete_app_boundary(d.actor, &arn).await?);
        }
    }
    Ok(())
}

/// Records a delete-stacks action (after [`delete_stacks`] verified each stack).
pub fn record_stacks_deleted(actor: &Actor<'_>, deleted: &StacksDeleted) -> Result<AccessActionRecord, Error> {
    let names: Vec<&str> = deleted.stacks.iter().map(|d| d.1.as_str()).collect();
    let summary = if names.is_empty() {
        "The installation's stacks were already deleted.".to_owned()
    } else {
        format!("Deleted stack{} {}: DELETE_COMPLETE.", if names.len() == 1 { "" } else { "s" }, names.join(", "))
    };
    let detail: Vec<_> =
        deleted.stacks.iter().map(|(k, n, id)| json!({ "kind": k.as_str(), "name": n, "stack_id": id })).collect();
    // The access stack took the role with it: from now on no role is expected (a role of that
    // name appearing again is someone else's, and shown as such).
    let role_deleted = deleted.stacks.iter().any(|(kind, _, _)| *kind == StackKind::Access);
    actor.record_change(
        AccessActionKind::DeleteStacks,
        summary,
        &json!({ "stacks": detail, "steps": deleted.steps }),
        |e| {
            if role_deleted {
                e.deleted = true;
            }
        },
    )
}
