//! Deleting the vendor's role. It is irreversible (access comes back only with a re-install),
//! verified by reading back (the role is gone) and journaled. Deleting the role first denies
//! everything, so that a delete that stops part-way leaves the vendor no access. Deleting the
//! installation's stacks is `delete_stacks`.

use serde_json::json;

use super::actor::Actor;
use super::documents::closed_policy;
use super::drift::ExpectedRole;
use super::error::AccessError;
use super::iam::{self, DeleteStep};
use super::model::{AccessActionKind, AccessActionRecord};
use crate::failure::Error;
use crate::templates::ACCESS_WINDOW_POLICY_NAME;

/// What the screen says before "Delete the role".
pub const DELETE_ROLE_WARNING: &str = "Deleting the role is irreversible: the vendor loses all access, and only a \
     re-install gives it back. The role belongs to the access stack, which will then show drift and fail to update; \
     to remove everything cleanly, delete the stacks instead.";

/// What the screen says before "Delete the stacks".
pub const DELETE_STACKS_WARNING: &str = "Deleting the stacks is irreversible. First the vendor is cut off (the access \
     window is closed and its sessions revoked); then the environment stack is deleted: its VPC, subnets, NAT gateway \
     with its Elastic IP, load balancer and route tables; then the access stack: the vendor's role, its policies and \
     its boundary. What the vendor created itself is not in the stacks and is not deleted: instances, databases, \
     functions, buckets or anything else it deployed. While any of it still has a network interface in the VPC, the \
     VPC cannot be deleted and the environment's delete fails (DELETE_FAILED); those interfaces are listed below. \
     Only a re-install brings the stacks back.";

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
