//! The IAM calls of the Manage panel, in the engine's terms: the role and its policies read
//! back (documents decoded), and each write. `NoSuchEntity` on the role becomes
//! [`AccessError::RoleGone`]; everything else is mapped with [`AwsError::from_sdk`].

use aws_sdk_iam::Client;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use serde_json::Value;

use super::documents::{decode_document, parse_document};
use super::error::AccessError;
use super::model::{AttachedPolicy, InlinePolicy, RoleView};
use crate::engine::aws::{AwsError, CallContext};
use crate::engine::failure::Error;
use crate::engine::install::cfn::rfc3339;

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
        path: found.path().to_owned(),
        created_at: rfc3339(Some(found.create_date())),
        trust_policy: pretty(&trust),
        trusted_principals,
        external_id,
        inline_policies,
        attached_policies: attached_policies(iam, role, ctx).await?,
        boundary_arn: found.permissions_boundary().and_then(|b| b.permissions_boundary_arn()).map(str::to_owned),
        last_used_at: found.role_last_used().and_then(|u| u.last_used_date()).map(|d| rfc3339(Some(d))),
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

/// Deletes the role the way IAM requires: its inline policies, its managed policies, its
/// boundary and its instance profiles first, then the role.
pub async fn delete_role(iam: &Client, role: &str, ctx: &CallContext) -> Result<Vec<String>, Error> {
    let mut steps = Vec::new();
    for name in inline_policy_names(iam, role, ctx).await? {
        delete_inline(iam, role, &name, ctx).await?;
        steps.push(format!("deleted inline policy {name}"));
    }
    for policy in attached_policies(iam, role, ctx).await? {
        detach(iam, role, &policy.arn, ctx).await?;
        steps.push(format!("detached {}", policy.arn));
    }
    let found = get_role(iam, role, ctx).await?.ok_or_else(|| AccessError::RoleGone { role: role.to_owned() })?;
    if found.permissions_boundary().is_some() {
        delete_boundary(iam, role, ctx).await?;
        steps.push("removed the permissions boundary".to_owned());
    }
    let profiles = iam
        .list_instance_profiles_for_role()
        .role_name(role)
        .send()
        .await
        .map_err(|e| map(e, "iam:ListInstanceProfilesForRole", role, ctx))?;
    for profile in profiles.instance_profiles() {
        iam.remove_role_from_instance_profile()
            .role_name(role)
            .instance_profile_name(profile.instance_profile_name())
            .send()
            .await
            .map_err(|e| map(e, "iam:RemoveRoleFromInstanceProfile", role, ctx))?;
        steps.push(format!("removed from instance profile {}", profile.instance_profile_name()));
    }
    iam.delete_role().role_name(role).send().await.map_err(|e| map(e, "iam:DeleteRole", role, ctx))?;
    steps.push(format!("deleted role {role}"));
    Ok(steps)
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
