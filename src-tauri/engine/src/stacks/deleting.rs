//! Deleting stacks so that the delete finishes on AWS, and the Clean up of a failed install.
//!
//! - A stack already `DELETE_IN_PROGRESS` is only waited for: no second DeleteStack.
//! - Every DeleteStack has a fresh request token (`cfn::delete_token`).
//! - A delete that ends `DELETE_FAILED` names the resources that failed and why (their status
//!   reasons). The admin then retries, deletes keeping the named resources (`RetainResources`),
//!   or forces it (`FORCE_DELETE_STACK`); both are valid only for a stack in `DELETE_FAILED`
//!   (<https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DeleteStack.html>),
//!   so they are refused, before any call, for a stack in any other state.
//! - Completion is read by stack ID: by name, a deleted stack is simply not found, which would
//!   not tell a finished delete from a stack that never existed.
//! - Clean up deletes only a failed create or a failed delete ([`StackHealth::needs_clean_up`]),
//!   never a stack that works.

use std::time::Duration;

use aws_sdk_cloudformation::Client;

use super::cloudformation::{self as cfn, DeleteMode, NESTED_STACK_TYPE};
use super::status::{health, ResourceStatus, StackHealth, StackStatus};
use super::timing::{next_interval, PollOutcome, FAST};
use super::tracker::Watch;
use crate::aws::CallContext;
use crate::failure::Error;
use crate::install::error::InstallError;
use crate::install::model::{DeleteOptions, FailedResource, InstallEvent, InstallState, StackDeletion, StackKind};
use crate::journal::{InstallationRecord, StackRecord};
use jiff::Timestamp;

/// How long a delete is waited for before the stack is said to be stuck.
pub const DELETE_TIMEOUT: Duration = Duration::from_secs(60 * 60);

/// The resources of the stack (and of the stacks nested under it) that are `DELETE_FAILED`,
/// with CloudFormation's reason for each.
pub async fn failed_resources(
    cfn: &Client,
    stack_name: &str,
    stack_id: &str,
    ctx: &CallContext,
) -> Result<Vec<FailedResource>, Error> {
    let mut out = Vec::new();
    let mut queue = vec![(stack_name.to_owned(), stack_id.to_owned())];
    while let Some((name, id)) = queue.pop() {
        for r in cfn::stack_resources(cfn, &id, ctx).await? {
            if r.status != ResourceStatus::DeleteFailed {
                continue;
            }
            if r.resource_type == NESTED_STACK_TYPE {
                if let Some(nested) = r.physical_id.as_deref().filter(|p| p.starts_with("arn:")) {
                    let nested_name = nested.split('/').nth(1).unwrap_or(nested).to_owned();
                    queue.push((nested_name, nested.to_owned()));
                }
            }
            out.push(FailedResource {
                stack: name.clone(),
                logical_id: r.logical_id,
                resource_type: r.resource_type,
                physical_id: r.physical_id,
                reason: r.reason.unwrap_or_else(|| "CloudFormation gave no reason.".to_owned()),
            });
        }
    }
    Ok(out)
}

/// The stack as a delete would find it: its status and, in `DELETE_FAILED`, what failed.
pub async fn inspect(cfn: &Client, stack: &StackRecord, ctx: &CallContext) -> Result<StackDeletion, Error> {
    let found = match &stack.stack_id {
        Some(id) => cfn::describe_stack(cfn, id, ctx).await?,
        None => None,
    };
    let status = found.as_ref().map_or(StackStatus::DeleteComplete, |s| s.status.clone());
    let failed = match (&found, &status) {
        (Some(s), StackStatus::DeleteFailed) => failed_resources(cfn, &stack.name, &s.stack_id, ctx).await?,
        _ => Vec::new(),
    };
    let health = health(&status);
    Ok(StackDeletion {
        kind: stack.kind,
        name: stack.name.clone(),
        region: stack.region.clone(),
        stack_id: stack.stack_id.clone(),
        clean_up_deletes: health.needs_clean_up(),
        health,
        status_class: super::status::class(&status),
        status,
        failed_resources: failed,
    })
}

/// Checks `options` against the stacks before anything is deleted: retaining and forcing
/// apply only to a stack in `DELETE_FAILED`, and only its failed resources can be retained.
pub fn check_options(options: &DeleteOptions, stacks: &[StackDeletion]) -> Result<(), InstallError> {
    if options.force && !options.retain.is_empty() {
        return Err(InstallError::RetainAndForce);
    }
    if !options.force && options.retain.is_empty() {
        return Ok(());
    }
    let failed: Vec<&StackDeletion> = stacks.iter().filter(|s| s.health == StackHealth::DeleteFailed).collect();
    if failed.is_empty() {
        return Err(InstallError::NoDeleteFailed);
    }
    let ids: Vec<String> =
        failed.iter().flat_map(|s| s.failed_resources.iter().map(|r| r.logical_id.clone())).collect();
    if let Some(unknown) = options.retain.iter().find(|id| !ids.contains(id)) {
        return Err(InstallError::NotAFailedResource { logical_id: unknown.clone(), failed: ids });
    }
    Ok(())
}

/// The DeleteStack of `stack` under `options` (already checked with [`check_options`]).
pub fn mode_for(options: &DeleteOptions, stack: &StackDeletion) -> DeleteMode {
    if stack.health != StackHealth::DeleteFailed {
        return DeleteMode::Standard;
    }
    if options.force {
        return DeleteMode::Force;
    }
    let mine: Vec<String> = options
        .retain
        .iter()
        .filter(|id| stack.failed_resources.iter().any(|r| &r.logical_id == *id))
        .cloned()
        .collect();
    if mine.is_empty() {
        DeleteMode::Standard
    } else {
        DeleteMode::Retain(mine)
    }
}

/// What stays in the account after a delete in `mode`, in words (retained resources keep
/// costing money).
pub fn what_stays(mode: &DeleteMode, stack: &StackDeletion) -> Option<String> {
    let kept: Vec<String> = match mode {
        DeleteMode::Standard => return None,
        DeleteMode::Retain(ids) => ids.clone(),
        DeleteMode::Force => stack.failed_resources.iter().map(|r| r.logical_id.clone()).collect(),
    };
    let named: Vec<String> = kept
        .iter()
        .map(|id| {
            match stack.failed_resources.iter().find(|r| &r.logical_id == id).and_then(|r| r.physical_id.as_deref()) {
                Some(physical) => format!("{id} ({physical})"),
                None => id.clone(),
            }
        })
        .collect();
    Some(format!(
        "kept in the account, outside any stack, until you delete them yourself (they keep costing money): {}",
        named.join(", ")
    ))
}

/// Deletes `stack` in `mode` (or, when CloudFormation is deleting it already, only waits) and
/// waits until it is `DELETE_COMPLETE` by its stack ID.
pub async fn delete_and_wait(
    cfn: &Client,
    stack: &StackRecord,
    stack_id: &str,
    mode: &DeleteMode,
    watch: &Watch<'_>,
) -> Result<(), Error> {
    let found = cfn::describe_stack(cfn, stack_id, watch.ctx).await?;
    match found.as_ref().map(|s| s.health()) {
        None | Some(StackHealth::Deleted) => {}
        Some(StackHealth::Deleting) => wait_deleted(cfn, stack, stack_id, watch).await?,
        Some(_) => {
            cfn::delete_stack(cfn, stack_id, mode, watch.ctx).await?;
            wait_deleted(cfn, stack, stack_id, watch).await?;
        }
    }
    Ok(())
}

/// Polls the stack by ID until `DELETE_COMPLETE`, journaling and emitting each status; a
/// `DELETE_FAILED` ends it with the resources that failed and why.
pub(crate) async fn wait_deleted(
    cfn: &Client,
    stack: &StackRecord,
    stack_id: &str,
    watch: &Watch<'_>,
) -> Result<(), Error> {
    let started = tokio::time::Instant::now();
    let mut interval = FAST;
    let mut last: Option<StackStatus> = None;
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
            None => (StackStatus::DeleteComplete, None),
        };
        let changed = last.as_ref() != Some(&status);
        if changed {
            watch.journal.record_stack_status(stack_id, &status, reason.as_deref(), Timestamp::now())?;
            watch.sink.emit(InstallEvent::StackStatus {
                stack: stack.name.clone(),
                stack_id: stack_id.to_owned(),
                status: status.as_str().to_owned(),
                status_class: super::status::class(&status),
                reason: reason.clone(),
            });
            last = Some(status.clone());
        }
        match health(&status) {
            StackHealth::Deleted => return Ok(()),
            StackHealth::Deleting if started.elapsed() < DELETE_TIMEOUT => {}
            _ => {
                let resources = if status == StackStatus::DeleteFailed {
                    failed_resources(cfn, &stack.name, stack_id, watch.ctx).await?
                } else {
                    Vec::new()
                };
                return Err(InstallError::DeleteFailed { stack: stack.name.clone(), status, reason, resources }.into());
            }
        }
        interval = next_interval(interval, if changed { PollOutcome::Changed } else { PollOutcome::Idle });
        tokio::time::sleep(interval).await;
    }
}

/// Deletes each launched stack of the installation whose create or delete failed (never one
/// that works), waiting for each until it is `DELETE_COMPLETE`; the environment first.
/// Returns the kinds of the stacks cleaned up.
pub async fn clean_up<F>(
    record: &InstallationRecord,
    watch: &Watch<'_>,
    options: &DeleteOptions,
    client_for: F,
) -> Result<Vec<StackKind>, Error>
where
    F: Fn(&str) -> Client,
{
    let mut stacks: Vec<StackRecord> = watch
        .journal
        .install_stacks(record.id)?
        .into_iter()
        .filter(|s| s.kind != StackKind::Nested && s.stack_id.is_some())
        .collect();
    stacks.sort_by_key(|s| if s.kind == StackKind::Environment { 0 } else { 1 });
    // Every stack is read, and every refusal made, before the first delete.
    let mut found = Vec::new();
    for stack in stacks {
        let seen = inspect(&client_for(&stack.region), &stack, watch.ctx).await?;
        match seen.health {
            StackHealth::UpdateRollbackFailed => {
                return Err(InstallError::ContinueRollback { stack: seen.name, region: seen.region }.into())
            }
            StackHealth::InProgress => {
                return Err(InstallError::StackBusy { stack: seen.name, status: seen.status }.into())
            }
            _ => {}
        }
        found.push((stack, seen));
    }
    found.retain(|(_, seen)| {
        seen.health.needs_clean_up() || matches!(seen.health, StackHealth::Deleting | StackHealth::Deleted)
    });
    if found.is_empty() {
        return Err(InstallError::NothingToCleanUp { installation_id: record.installation_id.clone() }.into());
    }
    let seen: Vec<StackDeletion> = found.iter().map(|(_, s)| s.clone()).collect();
    check_options(options, &seen)?;
    let mut cleaned = Vec::new();
    for (stack, seen) in &found {
        if let Some(stack_id) = &stack.stack_id {
            let cfn = client_for(&stack.region);
            delete_and_wait(&cfn, stack, stack_id, &mode_for(options, seen), watch).await?;
        }
        watch.journal.next_stack_attempt(record.id, stack.kind, Timestamp::now())?;
        cleaned.push(stack.kind);
    }
    watch.journal.set_installation_state(record.id, InstallState::CleanedUp, Timestamp::now())?;
    Ok(cleaned)
}
