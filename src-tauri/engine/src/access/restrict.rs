//! Restricting the role: attaching or removing the permissions boundary, and applying the
//! tightened policy (see `tighten`). Each change is read back from IAM before it is recorded.
//!
//! Fail closed: attaching the boundary creates its policy first (which grants nothing) and
//! only then attaches it; tightening puts the scoped policy first and only then detaches
//! AdministratorAccess, so the role never has both removed nor more than before. A tighten
//! that stops after some detaches is journaled as partial, with what is left.

use serde_json::json;

use super::actor::Actor;
use super::drift::normalize;
use super::error::AccessError;
use super::iam;
use super::model::{AccessActionKind, AccessActionRecord, TightenPreview};
use super::tighten::SCOPED_POLICY_NAME;
use crate::failure::Error;
use crate::templates::{boundary_name_for, boundary_policy};

/// The boundary of the role: the access stack's own (`BoundaryArn` output) when it made one,
/// else the seed's boundary created next to the role, as the template would have.
async fn boundary_arn(actor: &Actor<'_>, stack_boundary: Option<&str>) -> Result<String, Error> {
    if let Some(arn) = stack_boundary {
        return Ok(arn.to_owned());
    }
    let role = iam::get_role(actor.iam, actor.role(), actor.ctx)
        .await?
        .ok_or_else(|| AccessError::RoleGone { role: actor.role().to_owned() })?;
    let partition = crate::aws::partition::of_arn(role.arn());
    let name = boundary_name_for(actor.role());
    let arn = format!("arn:{partition}:iam::{}:policy{}{name}", actor.target.account, role.path());
    let doc = boundary_policy(&actor.target.account, role.path(), partition);
    if iam::policy_exists(actor.iam, &arn, actor.ctx).await? {
        // A policy of that name may be one this app created earlier, or one planted under the
        // name by whoever could create policies (the vendor's role, in full mode): attach it only
        // when it says what the app's boundary says.
        let found = iam::boundary_state(actor.iam, &arn, actor.ctx).await?;
        if found.document.as_ref().map(normalize) != Some(normalize(&doc)) {
            return Err(AccessError::ForeignBoundary { arn }.into());
        }
    } else {
        let description = format!(
            "Private Deploy permissions boundary of {} (installation {})",
            actor.role(),
            actor.target.installation_id
        );
        iam::create_policy(actor.iam, &name, role.path(), &doc, &description, actor.ctx).await?;
    }
    Ok(arn)
}

async fn current_boundary(actor: &Actor<'_>) -> Result<Option<String>, Error> {
    let role = iam::get_role(actor.iam, actor.role(), actor.ctx)
        .await?
        .ok_or_else(|| AccessError::RoleGone { role: actor.role().to_owned() })?;
    Ok(role.permissions_boundary().and_then(|b| b.permissions_boundary_arn()).map(str::to_owned))
}

pub async fn attach_boundary(actor: &Actor<'_>, stack_boundary: Option<&str>) -> Result<AccessActionRecord, Error> {
    let arn = boundary_arn(actor, stack_boundary).await?;
    iam::put_boundary(actor.iam, actor.role(), &arn, actor.ctx).await?;
    let found = current_boundary(actor).await?;
    if found.as_deref() != Some(arn.as_str()) {
        return Err(AccessError::NotVerified {
            action: "attaching the boundary".to_owned(),
            expected: format!("boundary {arn}"),
            found: found.map_or_else(|| "no boundary".to_owned(), |b| format!("boundary {b}")),
        }
        .into());
    }
    let state = iam::boundary_state(actor.iam, &arn, actor.ctx).await?;
    let summary = format!("Limited role {} with the permissions boundary {arn}.", actor.role());
    let detail = json!({ "boundary_arn": arn, "version_id": state.version_id });
    actor.record_change(AccessActionKind::AttachBoundary, summary, &detail, |e| e.boundary = Some(state))
}

pub async fn remove_boundary(actor: &Actor<'_>) -> Result<AccessActionRecord, Error> {
    let before = current_boundary(actor).await?;
    if before.is_some() {
        iam::delete_boundary(actor.iam, actor.role(), actor.ctx).await?;
    }
    if let Some(found) = current_boundary(actor).await? {
        return Err(AccessError::NotVerified {
            action: "removing the boundary".to_owned(),
            expected: "no boundary".to_owned(),
            found: format!("boundary {found}"),
        }
        .into());
    }
    let summary = format!("Removed the permissions boundary of role {}.", actor.role());
    actor.record_change(AccessActionKind::RemoveBoundary, summary, &json!({ "removed": before }), |e| e.boundary = None)
}

/// Puts the scoped policy, then detaches what the preview said it would (AdministratorAccess),
/// in that order, so that the role is never left with neither.
pub async fn apply_tighten(actor: &Actor<'_>, preview: &TightenPreview) -> Result<AccessActionRecord, Error> {
    let policy: serde_json::Value =
        serde_json::from_str(&preview.policy).map_err(|e| AccessError::UnreadablePreview { reason: e.to_string() })?;
    iam::put_inline(actor.iam, actor.role(), SCOPED_POLICY_NAME, &policy, actor.ctx).await?;
    actor.verify_inline(SCOPED_POLICY_NAME, &policy, "tightening the role").await?;
    for (i, arn) in preview.detaches.iter().enumerate() {
        if let Err(err) = iam::detach(actor.iam, actor.role(), arn, actor.ctx).await {
            let detached = preview.detaches[..i].to_vec();
            let mut done = vec![format!("put the scoped policy {SCOPED_POLICY_NAME}")];
            done.extend(detached.iter().map(|a| format!("detached {a}")));
            let left = preview.detaches[i..].iter().map(|a| format!("detach {a}")).collect();
            return Err(actor.stopped(AccessActionKind::Tighten, "tightening the role", done, left, err, |e| {
                e.put_inline(SCOPED_POLICY_NAME, &policy);
                detached.iter().for_each(|a| e.detach(a));
            }));
        }
    }
    let attached = iam::attached_policies(actor.iam, actor.role(), actor.ctx).await?;
    if let Some(left) = attached.iter().find(|p| preview.detaches.contains(&p.arn)) {
        return Err(AccessError::NotVerified {
            action: "tightening the role".to_owned(),
            expected: format!("{} detached", left.arn),
            found: format!("{} still attached", left.arn),
        }
        .into());
    }
    let summary = format!(
        "Tightened role {} to the {} installed resources{}.",
        actor.role(),
        preview.resources.iter().filter(|r| r.arn.is_some()).count(),
        if preview.detaches.is_empty() { String::new() } else { format!("; detached {}", preview.detaches.join(", ")) }
    );
    let detail = json!({ "policy": policy, "detached": preview.detaches });
    actor.record_change(AccessActionKind::Tighten, summary, &detail, |e| {
        e.put_inline(SCOPED_POLICY_NAME, &policy);
        preview.detaches.iter().for_each(|a| e.detach(a));
    })
}
