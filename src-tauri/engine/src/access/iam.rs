//! The IAM calls of the Manage panel, in the engine's terms: the role and its policies read
//! back (documents decoded), the boundary policy's default version, and each write, with the
//! steps of deleting the role in their fail-closed order. `NoSuchEntity` on the role becomes
//! [`AccessError::RoleGone`]; everything else is mapped with [`AwsError::from_sdk`].

use aws_sdk_iam::Client;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use serde_json::Value;

use super::documents::{closed_policy, decode_document, parse_document, REVOKE_POLICY_NAME};
use super::drift::ExpectedBoundary;
use super::error::AccessError;
use super::model::{AttachedPolicy, InlinePolicy, RoleView};
use crate::aws::{AwsError, CallContext};
use crate::failure::Error;
use crate::templates::{ACCESS_WINDOW_POLICY_NAME, GUARDRAIL_POLICY_NAME};

fn is_no_such_entity<E: ProvideErrorMetadata, R>(err: &SdkError<E, R>) -> bool {
    err.code() == Some("NoSuchEntity")
}

fn map<E, R>(err: SdkError<E, R>, action: &str, role: &str, ctx: &CallContext) -> Error
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug + Send + Sync + 'static,
{
    if is_no_such_entity(&err) {
        return AccessError::RoleGone { role: role.to_owned() }.into();
    }
    AwsError::from_sdk(err, action, ctx).into()
}

/// The role's name from its ARN (`arn:aws:iam::123456789012:role/path/Name`).
pub fn role_name_from_arn(arn: &str) -> Option<&str> {
    arn.rsplit_once(':').and_then(|(_, resource)| resource.strip_prefix("role/")).and_then(|r| r.rsplit('/').next())
}

/// The role, or `None` when it does not exist.
pub async fn get_role(iam: &Client, role: &str, ctx: &CallContext) -> Result<Option<aws_sdk_iam::types::Role>, Error> {
    match iam.get_role().role_name(role).send().await {
        Ok(out) => Ok(out.role),
        Err(err) if is_no_such_entity(&err) => Ok(None),
        Err(err) => Err(AwsError::from_sdk(err, "iam:GetRole", ctx).into()),
    }
}

/// The role's inline policy `name`, decoded; `None` when the role has no such policy.
pub async fn inline_policy(iam: &Client, role: &str, name: &str, ctx: &CallContext) -> Result<Option<String>, Error> {
    match iam.get_role_policy().role_name(role).policy_name(name).send().await {
        Ok(out) => Ok(Some(decode_document(out.policy_document()))),
        // NoSuchEntity names the policy or the role: tell them apart.
        Err(err) if is_no_such_entity(&err) => match get_role(iam, role, ctx).await? {
            Some(_) => Ok(None),
            None => Err(AccessError::RoleGone { role: role.to_owned() }.into()),
        },
        Err(err) => Err(AwsError::from_sdk(err, "iam:GetRolePolicy", ctx).into()),
    }
}

pub async fn inline_policy_names(iam: &Client, role: &str, ctx: &CallContext) -> Result<Vec<String>, Error> {
    let mut pages = iam.list_role_policies().role_name(role).into_paginator().send();
    let mut names = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| map(e, "iam:ListRolePolicies", role, ctx))?;
        names.extend(page.policy_names().iter().cloned());
    }
    Ok(names)
}

pub async fn attached_policies(iam: &Client, role: &str, ctx: &CallContext) -> Result<Vec<AttachedPolicy>, Error> {
    let mut pages = iam.list_attached_role_policies().role_name(role).into_paginator().send();
    let mut out = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| map(e, "iam:ListAttachedRolePolicies", role, ctx))?;
        out.extend(page.attached_policies().iter().map(|p| AttachedPolicy {
            name: p.policy_name().unwrap_or_default().to_owned(),
            arn: p.policy_arn().unwrap_or_default().to_owned(),
        }));
    }
    Ok(out)
}

fn pretty(document: &str) -> String {
    parse_document(document).and_then(|v| serde_json::to_string_pretty(&v).ok()).unwrap_or_else(|| document.to_owned())
}

/// Everything the status shows of the role; `None` when it does not exist.
pub async fn role_view(iam: &Client, role: &str, ctx: &CallContext) -> Result<Option<RoleView>, Error> {
    let Some(found) = get_role(iam, role, ctx).await? else { return Ok(None) };
    let trust = found.assume_role_policy_document().map(decode_document).unwrap_or_default();
    let trust_value: Value = serde_json::from_str(&trust).unwrap_or(Value::Null);
    let mut trusted_principals = Vec::new();
    let mut external_id = None;
    let statements = match &trust_value["Statement"] {
        Value::Array(list) => list.clone(),
        one @ Value::Object(_) => vec![one.clone()],
        _ => vec![],
    };
    for s in &statements {
        match &s["Principal"]["AWS"] {
            Value::String(p) => trusted_principals.push(p.clone()),
            Value::Array(list) => trusted_principals.extend(list.iter().filter_map(|p| p.as_str().map(str::to_owned))),
            _ => {}
        }
        if let Some(id) = s["Condition"]["StringEquals"]["sts:ExternalId"].as_str() {
            external_id = Some(id.to_owned());
        }
    }
    let mut inline_policies = Vec::new();
    for name in inline_policy_names(iam, role, ctx).await? {
        if let Some(document) = inline_policy(iam, role, &name, ctx).await? {
            inline_policies.push(InlinePolicy { name, document: pretty(&document) });
        }
    }
    Ok(Some(RoleView {
        name: found.role_name().to_owned(),
        arn: found.arn().to_owned(),
        role_id: found.role_id().to_owned(),
        path: found.path().to_owned(),
        created_at: crate::aws::timestamp(found.create_date()),
        trust_policy: pretty(&trust),
        trusted_principals,
        external_id,
        inline_policies,
        attached_policies: attached_policies(iam, role, ctx).await?,
        boundary_arn: found.permissions_boundary().and_then(|b| b.permissions_boundary_arn()).map(str::to_owned),
        last_used_at: found
            .role_last_used()
            .and_then(|u| u.last_used_date())
            .map(|d| crate::aws::timestamp(d).to_string()),
    }))
}

pub async fn put_inline(iam: &Client, role: &str, name: &str, doc: &Value, ctx: &CallContext) -> Result<(), Error> {
    iam.put_role_policy()
        .role_name(role)
        .policy_name(name)
        .policy_document(doc.to_string())
        .send()
        .await
        .map(|_| ())
        .map_err(|e| map(e, "iam:PutRolePolicy", role, ctx))
}

pub async fn delete_inline(iam: &Client, role: &str, name: &str, ctx: &CallContext) -> Result<(), Error> {
    iam.delete_role_policy()
        .role_name(role)
        .policy_name(name)
        .send()
        .await
        .map(|_| ())
        .map_err(|e| map(e, "iam:DeleteRolePolicy", role, ctx))
}

pub async fn detach(iam: &Client, role: &str, arn: &str, ctx: &CallContext) -> Result<(), Error> {
    iam.detach_role_policy()
        .role_name(role)
        .policy_arn(arn)
        .send()
        .await
        .map(|_| ())
        .map_err(|e| map(e, "iam:DetachRolePolicy", role, ctx))
}

pub async fn put_boundary(iam: &Client, role: &str, arn: &str, ctx: &CallContext) -> Result<(), Error> {
    iam.put_role_permissions_boundary()
        .role_name(role)
        .permissions_boundary(arn)
        .send()
        .await
        .map(|_| ())
        .map_err(|e| map(e, "iam:PutRolePermissionsBoundary", role, ctx))
}

pub async fn delete_boundary(iam: &Client, role: &str, ctx: &CallContext) -> Result<(), Error> {
    iam.delete_role_permissions_boundary()
        .role_name(role)
        .send()
        .await
        .map(|_| ())
        .map_err(|e| map(e, "iam:DeleteRolePermissionsBoundary", role, ctx))
}

/// The managed policy at `arn`, if it exists.
pub async fn policy_exists(iam: &Client, arn: &str, ctx: &CallContext) -> Result<bool, Error> {
    match iam.get_policy().policy_arn(arn).send().await {
        Ok(_) => Ok(true),
        Err(err) if is_no_such_entity(&err) => Ok(false),
        Err(err) => Err(AwsError::from_sdk(err, "iam:GetPolicy", ctx).into()),
    }
}

pub async fn create_policy(
    iam: &Client,
    name: &str,
    path: &str,
    doc: &Value,
    description: &str,
    ctx: &CallContext,
) -> Result<String, Error> {
    let out = iam
        .create_policy()
        .policy_name(name)
        .path(path)
        .policy_document(doc.to_string())
        .description(description)
        .send()
        .await
        .map_err(|e| AwsError::from_sdk(e, "iam:CreatePolicy", ctx))?;
    Ok(out.policy().and_then(|p| p.arn()).unwrap_or_default().to_owned())
}

/// The boundary policy at `arn` as it is: its default version and that version's document
/// (both `None` when the policy cannot be found).
pub async fn boundary_state(iam: &Client, arn: &str, ctx: &CallContext) -> Result<ExpectedBoundary, Error> {
    let policy = match iam.get_policy().policy_arn(arn).send().await {
        Ok(out) => out.policy,
        Err(err) if is_no_such_entity(&err) => None,
        Err(err) => return Err(AwsError::from_sdk(err, "iam:GetPolicy", ctx).into()),
    };
    let Some(version_id) = policy.and_then(|p| p.default_version_id) else {
        return Ok(ExpectedBoundary { arn: arn.to_owned(), version_id: None, document: None });
    };
    let version = iam
        .get_policy_version()
        .policy_arn(arn)
        .version_id(&version_id)
        .send()
        .await
        .map_err(|e| AwsError::from_sdk(e, "iam:GetPolicyVersion", ctx))?;
    let document = version.policy_version().and_then(|v| v.document()).and_then(parse_document);
    Ok(ExpectedBoundary { arn: arn.to_owned(), version_id: Some(version_id), document })
}

/// One write of [`delete_role`], in the order they run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeleteStep {
    /// Put the closed window (an unconditional Deny): from here on the role can do nothing.
    CloseWindow,
    DeleteInline(String),
    Detach(String),
    RemoveBoundary,
    RemoveFromInstanceProfile(String),
    /// The closing Deny goes last of the policies: once nothing else is left.
    DeleteWindow,
    DeleteRole,
}

impl DeleteStep {
    pub fn describe(&self, role: &str) -> String {
        match self {
            DeleteStep::CloseWindow => "closed the access window (deny everything)".to_owned(),
            DeleteStep::DeleteInline(name) => format!("deleted inline policy {name}"),
            DeleteStep::Detach(arn) => format!("detached {arn}"),
            DeleteStep::RemoveBoundary => "removed the permissions boundary".to_owned(),
            DeleteStep::RemoveFromInstanceProfile(name) => format!("removed from instance profile {name}"),
            DeleteStep::DeleteWindow => format!("deleted inline policy {ACCESS_WINDOW_POLICY_NAME}"),
            DeleteStep::DeleteRole => format!("deleted role {role}"),
        }
    }
}

/// The writes that delete the role, worked out by reads only. Fail closed: the first write
/// denies everything; then what grants goes (managed policies, the other inline policies,
/// instance profiles, then the boundary, harmless once nothing grants); the customer's Denies
/// (revocation, guardrail) go after every Allow is gone, so that a stop part-way never leaves
/// a permission without them; the closing Deny goes last, then the role. IAM requires all of
/// these gone before DeleteRole.
pub async fn delete_plan(iam: &Client, role: &str, ctx: &CallContext) -> Result<Vec<DeleteStep>, Error> {
    let found = get_role(iam, role, ctx).await?.ok_or_else(|| AccessError::RoleGone { role: role.to_owned() })?;
    let mut plan = vec![DeleteStep::CloseWindow];
    for policy in attached_policies(iam, role, ctx).await? {
        plan.push(DeleteStep::Detach(policy.arn));
    }
    let controls = [REVOKE_POLICY_NAME, GUARDRAIL_POLICY_NAME];
    let (control_denies, others): (Vec<String>, Vec<String>) = inline_policy_names(iam, role, ctx)
        .await?
        .into_iter()
        .filter(|name| name != ACCESS_WINDOW_POLICY_NAME)
        .partition(|name| controls.contains(&name.as_str()));
    plan.extend(others.into_iter().map(DeleteStep::DeleteInline));
    let mut profiles = iam.list_instance_profiles_for_role().role_name(role).into_paginator().send();
    while let Some(page) = profiles.next().await {
        let page = page.map_err(|e| map(e, "iam:ListInstanceProfilesForRole", role, ctx))?;
        for profile in page.instance_profiles() {
            plan.push(DeleteStep::RemoveFromInstanceProfile(profile.instance_profile_name().to_owned()));
        }
    }
    if found.permissions_boundary().is_some() {
        plan.push(DeleteStep::RemoveBoundary);
    }
    plan.extend(control_denies.into_iter().map(DeleteStep::DeleteInline));
    plan.push(DeleteStep::DeleteWindow);
    plan.push(DeleteStep::DeleteRole);
    Ok(plan)
}

/// Runs one step of [`delete_plan`].
pub async fn delete_step(iam: &Client, role: &str, step: &DeleteStep, ctx: &CallContext) -> Result<(), Error> {
    match step {
        DeleteStep::CloseWindow => put_inline(iam, role, ACCESS_WINDOW_POLICY_NAME, &closed_policy(), ctx).await,
        DeleteStep::DeleteInline(name) => delete_inline(iam, role, name, ctx).await,
        DeleteStep::Detach(arn) => detach(iam, role, arn, ctx).await,
        DeleteStep::RemoveBoundary => delete_boundary(iam, role, ctx).await,
        DeleteStep::RemoveFromInstanceProfile(name) => iam
            .remove_role_from_instance_profile()
            .role_name(role)
            .instance_profile_name(name)
            .send()
            .await
            .map(|_| ())
            .map_err(|e| map(e, "iam:RemoveRoleFromInstanceProfile", role, ctx)),
        DeleteStep::DeleteWindow => delete_inline(iam, role, ACCESS_WINDOW_POLICY_NAME, ctx).await,
        DeleteStep::DeleteRole => {
            iam.delete_role().role_name(role).send().await.map(|_| ()).map_err(|e| map(e, "iam:DeleteRole", role, ctx))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::role_name_from_arn;

    #[test]
    fn the_role_name_is_the_last_segment_of_its_path() {
        assert_eq!(role_name_from_arn("arn:aws:iam::123456789012:role/private-deploy/Vendor-x"), Some("Vendor-x"));
        assert_eq!(role_name_from_arn("arn:aws:iam::123456789012:role/Plain"), Some("Plain"));
        assert_eq!(role_name_from_arn("arn:aws:iam::123456789012:user/u"), None);
    }
}
