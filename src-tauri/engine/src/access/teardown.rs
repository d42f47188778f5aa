//! Before the access stack is deleted: the role back to what the stack made, or
//! CloudFormation's DeleteRole fails. IAM deletes a role only once its inline policies are
//! deleted and its managed policies detached ("Cannot delete entity, must delete policies
//! first", `DeleteConflict`, <https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRole.html>),
//! and CloudFormation's role handler removes only the policies the stack declares. So the
//! policies the app (or anyone) added outside the stack go first: the revocation
//! (`AWSRevokeOlderSessions`), the tightened policy, any other; what tighten detached from the
//! stack's own (AdministratorAccess) is attached again, since the handler expects it there;
//! an app-created boundary is deleted once the role is gone.
//!
//! Why the vendor never has more access at any moment than before:
//! 1. The vendor is cut off first (the window, a stack-owned Deny of everything, closed; then
//!    the sessions revoked).
//! 2. Then the role's permissions boundary becomes AWS's managed `AWSDenyAll`. A boundary caps
//!    every session of the role, old or new: with a boundary that allows nothing, nothing is
//!    allowed whatever the role's own policies say
//!    (<https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html>).
//!    A boundary is not among what DeleteRole needs removed, so it stays until the role goes.
//! 3. Only then are the out-of-band Denies removed and AdministratorAccess re-attached: under
//!    that boundary they grant nothing.
//! 4. CloudFormation deletes the window policy before the role (the policy depends on the
//!    role), so for a moment the role has AdministratorAccess and no window Deny: the
//!    boundary is what still denies everything then, until the role is deleted.
//!
//! If any step fails, the steps before it stay done (each leaves the vendor with less or the
//! same), and the error says which were done.

use serde_json::Value;

use super::actor::Actor;
use super::error::AccessError;
use super::iam;
use super::model::AccessActionKind;
use crate::aws::AwsError;
use crate::failure::Error;
use crate::templates::{ACCESS_WINDOW_POLICY_NAME, GUARDRAIL_POLICY_NAME};

/// Inline policies the access stack declares: CloudFormation deletes them itself.
const STACK_INLINE: [&str; 2] = [ACCESS_WINDOW_POLICY_NAME, GUARDRAIL_POLICY_NAME];

/// AWS's managed policy that denies everything, used as the boundary while the role is deleted.
pub fn deny_all_boundary(partition: &str) -> String {
    format!("arn:{partition}:iam::aws:policy/AWSDenyAll")
}

/// What was done to the role, and the boundary the app created outside the stack (deleted
/// once the role is gone).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Teardown {
    pub steps: Vec<String>,
    pub app_boundary: Option<String>,
}

/// Managed policies tighten detached, from the journal's tighten actions.
fn detached_by_tighten(actor: &Actor<'_>) -> Result<Vec<String>, Error> {
    let t = actor.target;
    let actions = actor.journal.access_actions(&t.account, &t.installation_id, &[AccessActionKind::Tighten], 100)?;
    let mut arns = Vec::new();
    for action in actions {
        let detail: Value = serde_json::from_str(&action.detail).unwrap_or(Value::Null);
        if let Some(list) = detail["detached"].as_array() {
            arns.extend(list.iter().filter_map(|a| a.as_str().map(str::to_owned)));
        }
    }
    arns.sort();
    arns.dedup();
    Ok(arns)
}

/// Puts the deny-all boundary on the role, then removes what is not the stack's. `stack_boundary`
/// is the access stack's own boundary (its `BoundaryArn` output), when it made one. Nothing is
/// done when the role is gone.
pub async fn strip_out_of_band(actor: &Actor<'_>, stack_boundary: Option<&str>) -> Result<Teardown, Error> {
    let role = actor.role();
    let Some(found) = iam::get_role(actor.iam, role, actor.ctx).await? else { return Ok(Teardown::default()) };
    let partition = crate::aws::partition::of_arn(found.arn()).to_owned();
    let deny_all = deny_all_boundary(&partition);
    let current = found.permissions_boundary().and_then(|b| b.permissions_boundary_arn()).map(str::to_owned);
    let mut out = Teardown::default();
    // The seed's boundary, as `restrict::attach_boundary` creates it outside the stack.
    let app_boundary_name = format!("/{role}Boundary");
    out.app_boundary =
        current.clone().filter(|arn| Some(arn.as_str()) != stack_boundary && arn.ends_with(&app_boundary_name));

    if current.as_deref() != Some(deny_all.as_str()) {
        iam::put_boundary(actor.iam, role, &deny_all, actor.ctx).await?;
        let now = iam::get_role(actor.iam, role, actor.ctx)
            .await?
            .and_then(|r| r.permissions_boundary().and_then(|b| b.permissions_boundary_arn()).map(str::to_owned));
        if now.as_deref() != Some(deny_all.as_str()) {
            return Err(AccessError::NotVerified {
                action: "limiting the role with AWSDenyAll before its stack is deleted".to_owned(),
                expected: format!("boundary {deny_all}"),
                found: now.map_or_else(|| "no boundary".to_owned(), |b| format!("boundary {b}")),
            }
            .into());
        }
    }
    out.steps.push(format!("limited role {role} with the boundary {deny_all}: every call of the role is denied"));

    for name in iam::inline_policy_names(actor.iam, role, actor.ctx).await? {
        if STACK_INLINE.contains(&name.as_str()) {
            continue;
        }
        iam::delete_inline(actor.iam, role, &name, actor.ctx).await?;
        out.steps.push(format!("deleted inline policy {name}, which the stack does not own"));
    }
    let admin = format!("arn:{partition}:iam::aws:policy/AdministratorAccess");
    let attached = iam::attached_policies(actor.iam, role, actor.ctx).await?;
    for policy in attached.iter().filter(|p| p.arn != admin) {
        iam::detach(actor.iam, role, &policy.arn, actor.ctx).await?;
        out.steps.push(format!("detached {}, which the stack does not own", policy.arn));
    }
    for arn in detached_by_tighten(actor)? {
        if arn == admin && !attached.iter().any(|p| p.arn == arn) {
            actor
                .iam
                .attach_role_policy()
                .role_name(role)
                .policy_arn(&arn)
                .send()
                .await
                .map_err(|e| AwsError::from_sdk(e, "iam:AttachRolePolicy", actor.ctx))?;
            out.steps.push(format!("attached {arn} again (the stack's own; tighten had detached it)"));
        }
    }
    Ok(out)
}

/// Deletes the boundary policy the app created outside the stack, once the role is gone:
/// its non-default versions first, as IAM requires.
pub async fn delete_app_boundary(actor: &Actor<'_>, arn: &str) -> Result<String, Error> {
    let versions = match actor.iam.list_policy_versions().policy_arn(arn).send().await {
        Ok(out) => out,
        Err(err) if aws_smithy_types::error::metadata::ProvideErrorMetadata::code(&err) == Some("NoSuchEntity") => {
            return Ok(format!("the boundary policy {arn} was already gone"));
        }
        Err(err) => return Err(AwsError::from_sdk(err, "iam:ListPolicyVersions", actor.ctx).into()),
    };
    for v in versions.versions().iter().filter(|v| !v.is_default_version()) {
        if let Some(id) = v.version_id() {
            actor
                .iam
                .delete_policy_version()
                .policy_arn(arn)
                .version_id(id)
                .send()
                .await
                .map_err(|e| AwsError::from_sdk(e, "iam:DeletePolicyVersion", actor.ctx))?;
        }
    }
    actor
        .iam
        .delete_policy()
        .policy_arn(arn)
        .send()
        .await
        .map_err(|e| AwsError::from_sdk(e, "iam:DeletePolicy", actor.ctx))?;
    Ok(format!("deleted the boundary policy {arn}, which the app had created outside the stack"))
}
