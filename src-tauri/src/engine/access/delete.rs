//! Deleting the vendor's role, or the installation's stacks. Both are irreversible (access
//! comes back only with a re-install), both are verified by reading back (the role is gone;
//! each stack is `DELETE_COMPLETE` by its stack ID) and journaled. Deleting the role first
//! denies everything, so that a delete that stops part-way leaves the vendor no access.

use serde_json::json;

use super::actor::Actor;
use super::documents::closed_policy;
use super::drift::ExpectedRole;
use super::error::AccessError;
use super::iam::{self, DeleteStep};
use super::model::{AccessActionKind, AccessActionRecord};
use crate::engine::core::now_rfc3339;
use crate::engine::failure::Error;
use crate::engine::install::{cfn, wait_deleted, InstallSink, InstallState, StackKind, Watch};
use crate::engine::journal::{InstallationRecord, Journal};
use crate::engine::templates::ACCESS_WINDOW_POLICY_NAME;

/// What the screen says before "Delete the role".
pub const DELETE_ROLE_WARNING: &str = "Deleting the role is irreversible: the vendor loses all access, and only a \
     re-install gives it back. The role belongs to the access stack, which will then show drift and fail to update; \
     to remove everything cleanly, delete the stacks instead.";

/// What the screen says before "Delete the stacks".
pub const DELETE_STACKS_WARNING: &str = "Deleting the stacks is irreversible: the environment (its VPC, NAT gateway \
     and load balancer, and whatever runs there) and the vendor's role are deleted. Only a re-install brings them back.";

/// Deletes the role in the fail-closed order of [`iam::delete_plan`]: the closed window first
/// (read back before anything else is removed), then the permissions, the closing Deny last,
/// then the role. A step that fails stops the delete: the journal records it as partial with
/// the steps done and left, and the error says both.
pub async fn delete_role(actor: &Actor<'_>) -> Result<AccessActionRecord, Error> {
    let role = actor.role();
    let plan = iam::delete_plan(actor.iam, role, actor.ctx).await?;
    for (i, step) in plan.iter().enumerate() {
        let mut result = iam::delete_step(actor.iam, role, step, actor.ctx).await;
        if result.is_ok() && *step == DeleteStep::CloseWindow {
            result =
                actor.verify_inline(ACCESS_WINDOW_POLICY_NAME, &closed_policy(), "closing the access window").await;
        }
        if let Err(err) = result {
            if i == 0 {
                // Nothing was removed: the role is as it was.
                return Err(err);
            }
            let mut done_steps = plan[..i].to_vec();
            // The closing Deny went just before DeleteRole: put it back while the role stays
            // (DeleteConflict: someone attached a policy since the app listed them).
            if *step == DeleteStep::DeleteRole
                && iam::delete_step(actor.iam, role, &DeleteStep::CloseWindow, actor.ctx).await.is_ok()
            {
                done_steps.push(DeleteStep::CloseWindow);
            }
            let done = done_steps
                .iter()
                .enumerate()
                .map(|(n, s)| if n >= i { "closed the access window again".to_owned() } else { s.describe(role) })
                .collect();
            let left = plan[i..].iter().map(|s| s.describe(role)).collect();
            return Err(actor.stopped(AccessActionKind::DeleteRole, "deleting the role", done, left, err, |e| {
                done_steps.iter().for_each(|s| expect_done(e, s))
            }));
        }
    }
    if iam::get_role(actor.iam, role, actor.ctx).await?.is_some() {
        return Err(AccessError::NotVerified {
            action: "deleting the role".to_owned(),
            expected: "no role".to_owned(),
            found: format!("role {role} still there"),
        }
        .into());
    }
    let steps: Vec<String> = plan.iter().map(|s| s.describe(role)).collect();
    let summary = format!("Deleted role {role}: the vendor has no access any more.");
    actor.record_change(AccessActionKind::DeleteRole, summary, &json!({ "role": role, "steps": steps }), |e| {
        e.deleted = true
    })
}

/// The role as expected once `step` was done.
fn expect_done(expected: &mut ExpectedRole, step: &DeleteStep) {
    match step {
        DeleteStep::CloseWindow => expected.put_inline(ACCESS_WINDOW_POLICY_NAME, &closed_policy()),
        DeleteStep::DeleteInline(name) => {
            expected.inline_policies.remove(name);
        }
        DeleteStep::Detach(arn) => expected.detach(arn),
        DeleteStep::RemoveBoundary => expected.boundary = None,
        DeleteStep::RemoveFromInstanceProfile(_) => {}
        DeleteStep::DeleteWindow => {
            expected.inline_policies.remove(ACCESS_WINDOW_POLICY_NAME);
        }
        DeleteStep::DeleteRole => expected.deleted = true,
    }
}

/// Deletes the environment stack, then the access stack, each waited for until it is
/// `DELETE_COMPLETE` by its stack ID. Returns the stacks deleted: (kind, name, stack ID).
pub async fn delete_stacks<F>(
    record: &InstallationRecord,
    journal: &Journal,
    sink: &dyn InstallSink,
    ctx: &crate::engine::aws::CallContext,
    client_for: F,
) -> Result<Vec<(StackKind, String, String)>, Error>
where
    F: Fn(&str) -> aws_sdk_cloudformation::Client,
{
    let watch = Watch { journal, sink, ctx, installation: record.id };
    let mut stacks = journal.install_stacks(record.id)?;
    // The environment first: while it exists, the vendor may need the role to run it.
    stacks.retain(|s| s.kind != StackKind::Nested);
    stacks.sort_by_key(|s| if s.kind == StackKind::Environment { 0 } else { 1 });
    let mut deleted = Vec::new();
    for stack in stacks {
        let Some(stack_id) = stack.stack_id.clone() else { continue };
        let cfn_client = client_for(&stack.region);
        let live = cfn::describe_stack(&cfn_client, &stack_id, ctx).await?;
        if live.as_ref().is_some_and(|s| s.status != "DELETE_COMPLETE") {
            let token =
                format!("private-deploy-delete-{}-{}-{}", stack.kind.as_str(), record.installation_id, stack.attempt);
            cfn::delete_stack(&cfn_client, &stack_id, &token, ctx).await?;
            wait_deleted(&cfn_client, &stack, &stack_id, &watch).await?;
            deleted.push((stack.kind, stack.name.clone(), stack_id));
        }
        journal.next_stack_attempt(record.id, stack.kind, &now_rfc3339())?;
    }
    journal.set_installation_state(record.id, InstallState::CleanedUp, &now_rfc3339())?;
    Ok(deleted)
}

/// Records a delete-stacks action (after [`delete_stacks`] verified each stack).
pub fn record_stacks_deleted(
    actor: &Actor<'_>,
    deleted: &[(StackKind, String, String)],
) -> Result<AccessActionRecord, Error> {
    let names: Vec<&str> = deleted.iter().map(|d| d.1.as_str()).collect();
    let summary = if names.is_empty() {
        "The installation's stacks were already deleted.".to_owned()
    } else {
        format!("Deleted stack{} {}: DELETE_COMPLETE.", if names.len() == 1 { "" } else { "s" }, names.join(", "))
    };
    let detail: Vec<_> =
        deleted.iter().map(|(k, n, id)| json!({ "kind": k.as_str(), "name": n, "stack_id": id })).collect();
    actor.record(AccessActionKind::DeleteStacks, summary, &json!({ "stacks": detail }))
}
