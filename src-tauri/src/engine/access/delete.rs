//! Deleting the vendor's role, or the installation's stacks. Both are irreversible (access
//! comes back only with a re-install), both are verified by reading back (the role is gone;
//! each stack is `DELETE_COMPLETE` by its stack ID) and journaled.

use serde_json::json;

use super::actor::Actor;
use super::error::AccessError;
use super::iam;
use super::model::{AccessActionKind, AccessActionRecord};
use crate::engine::core::now_rfc3339;
use crate::engine::failure::Error;
use crate::engine::install::{cfn, wait_deleted, InstallSink, InstallState, StackKind, Watch};
use crate::engine::journal::{InstallationRecord, Journal};

/// What the screen says before "Delete the role".
pub const DELETE_ROLE_WARNING: &str = "Deleting the role is irreversible: the vendor loses all access, and only a \
     re-install gives it back. The role belongs to the access stack, which will then show drift and fail to update; \
     to remove everything cleanly, delete the stacks instead.";

/// What the screen says before "Delete the stacks".
pub const DELETE_STACKS_WARNING: &str = "Deleting the stacks is irreversible: the environment (its VPC, NAT gateway \
     and load balancer, and whatever runs there) and the vendor's role are deleted. Only a re-install brings them back.";

pub async fn delete_role(actor: &Actor<'_>) -> Result<AccessActionRecord, Error> {
    let steps = iam::delete_role(actor.iam, actor.role(), actor.ctx).await?;
    if iam::get_role(actor.iam, actor.role(), actor.ctx).await?.is_some() {
        return Err(AccessError::NotVerified {
            action: "deleting the role".to_owned(),
            expected: "no role".to_owned(),
            found: format!("role {} still there", actor.role()),
        }
        .into());
    }
    let summary = format!("Deleted role {}: the vendor has no access any more.", actor.role());
    actor.record(AccessActionKind::DeleteRole, summary, &json!({ "role": actor.role(), "steps": steps }))
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
