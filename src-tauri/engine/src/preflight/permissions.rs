//! The signed-in identity may do what the install does: `iam:SimulatePrincipalPolicy` on it
//! (for an assumed role, the role) for every action of both stacks. A denial names the action
//! and what denied it, read from the result's organizations and permissions boundary details:
//! a Service Control Policy, the identity's permissions boundary, or its own policies. When
//! the simulation itself is not allowed (or not served), that is a warning, not a failure.

use aws_sdk_iam::types::{EvaluationResult, PolicyEvaluationDecisionType};

use super::model::Check;
use super::scope::{code_of, said, Scope};
use crate::access::get_role;

const ID: &str = "permissions";
const TITLE: &str = "Your permissions";

/// What CloudFormation does with the admin's credentials (the stacks have no service role,
/// so every resource is created as the admin).
const ACTIONS: &[&str] = &[
    "cloudformation:CreateStack",
    "cloudformation:DescribeStacks",
    "cloudformation:DescribeStackEvents",
    "cloudformation:DescribeStackResources",
    "cloudformation:CreateChangeSet",
    "cloudformation:DescribeChangeSet",
    "cloudformation:DeleteChangeSet",
    "cloudformation:DeleteStack",
    "iam:CreateRole",
    "iam:GetRole",
    "iam:TagRole",
    "iam:PutRolePolicy",
    "iam:AttachRolePolicy",
    "ec2:DescribeAvailabilityZones",
    "ec2:DescribeVpcs",
    "ec2:CreateVpc",
    "ec2:ModifyVpcAttribute",
    "ec2:CreateSubnet",
    "ec2:CreateInternetGateway",
    "ec2:AttachInternetGateway",
    "ec2:AllocateAddress",
    "ec2:CreateNatGateway",
    "ec2:CreateRouteTable",
    "ec2:CreateRoute",
    "ec2:AssociateRouteTable",
    "ec2:CreateSecurityGroup",
    "ec2:AuthorizeSecurityGroupIngress",
    "ec2:CreateTags",
    "elasticloadbalancing:CreateLoadBalancer",
    "elasticloadbalancing:AddTags",
];

/// Only with the permissions boundary: the boundary policy and the role that carries it.
const BOUNDARY_ACTIONS: &[&str] = &["iam:CreatePolicy", "iam:PutRolePermissionsBoundary"];

pub(crate) fn actions(use_boundary: bool) -> Vec<&'static str> {
    let mut all = ACTIONS.to_vec();
    if use_boundary {
        all.extend_from_slice(BOUNDARY_ACTIONS);
    }
    all
}

/// Why an action is denied, in the admin's words.
fn why_denied(result: &EvaluationResult) -> &'static str {
    if result.organizations_decision_detail().is_some_and(|d| !d.allowed_by_organizations()) {
        "denied by a Service Control Policy"
    } else if result.permissions_boundary_decision_detail().is_some_and(|d| !d.allowed_by_permissions_boundary()) {
        "denied by your permissions boundary"
    } else if result.eval_decision() == &PolicyEvaluationDecisionType::ExplicitDeny {
        "denied by a Deny in your policies"
    } else {
        "not allowed by your policies"
    }
}

/// The ARN to simulate: a user's own, or the role behind an assumed-role session.
async fn principal(scope: &Scope) -> Result<String, String> {
    let arn = &scope.caller_arn;
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let resource = parts.get(5).copied().unwrap_or_default();
    if resource == "root" {
        return Err("you are signed in as the account's root user, which the policy simulator does not evaluate".into());
    }
    if let Some(rest) = resource.strip_prefix("assumed-role/") {
        let role = rest.split('/').next().unwrap_or_default();
        // The session ARN has no path; GetRole gives the role's real ARN.
        // Without GetRole (or the role), the ARN without a path is the best guess.
        return Ok(match get_role(&scope.clients.iam, role, &scope.ctx).await {
            Ok(Some(found)) => found.arn,
            _ => format!("arn:{}:iam::{}:role/{role}", scope.partition(), scope.plan.account),
        });
    }
    if resource.starts_with("user/") {
        return Ok(arn.clone());
    }
    Err(format!("{arn} is not an IAM user or role the policy simulator can evaluate"))
}

pub(crate) async fn check(scope: &Scope) -> Check {
    let principal = match principal(scope).await {
        Ok(p) => p,
        Err(why) => {
            return Check::warning(ID, TITLE, "Your permissions could not be checked before the install.")
                .what_to_do("Go on if you know this identity may create IAM roles, VPCs and load balancers; a missing permission shows as a rollback.")
                .detail(why)
        }
    };
    let wanted = actions(scope.plan.use_boundary);
    let mut pages = scope
        .clients
        .iam
        .simulate_principal_policy()
        .policy_source_arn(&principal)
        .set_action_names(Some(wanted.iter().map(|a| (*a).to_owned()).collect()))
        .into_paginator()
        .send();
    let mut results = Vec::new();
    while let Some(page) = pages.next().await {
        match page {
            Ok(page) => results.extend(page.evaluation_results().iter().cloned()),
            Err(e) => {
                let denied = super::scope::is_denied(code_of(&e).as_deref());
                let summary = if denied {
                    "This identity may not run the policy simulator, so its permissions were not checked."
                } else {
                    "The policy simulator did not answer, so your permissions were not checked."
                };
                return Check::warning(ID, TITLE, summary)
                    .what_to_do("Allow iam:SimulatePrincipalPolicy on your identity to have them checked, or go on if you know it may create IAM roles, VPCs and load balancers.")
                    .detail(format!("simulating {principal}: {}", said(&e)));
            }
        }
    }
    let denied: Vec<String> = results
        .iter()
        .filter(|r| r.eval_decision() != &PolicyEvaluationDecisionType::Allowed)
        .map(|r| format!("{}: {}", r.eval_action_name(), why_denied(r)))
        .collect();
    let detail = format!("simulated as {principal}, {} actions\n{}", results.len(), denied.join("\n"));
    if denied.is_empty() {
        return Check::pass(ID, TITLE, format!("You may do all {} actions the install needs.", results.len()))
            .detail(detail.trim_end().to_owned());
    }
    let scp = denied.iter().any(|d| d.ends_with("Service Control Policy"));
    let boundary = denied.iter().any(|d| d.ends_with("permissions boundary"));
    let first = denied.first().cloned().unwrap_or_default();
    let to_do = match (scp, boundary) {
        (true, _) => "Ask your organization's administrator to exempt this account or identity from the Service Control Policy, or sign in with an identity it allows.",
        (false, true) => "Ask your AWS administrator to widen your permissions boundary for these actions, or sign in with another identity.",
        _ => "Ask your AWS administrator to allow these actions to your identity, or sign in with a profile that has them.",
    };
    Check::failure(
        ID,
        TITLE,
        format!(
            "{} action{} would be refused ({first}{}).",
            denied.len(),
            if denied.len() == 1 { "" } else { "s" },
            if denied.len() > 1 { ", …" } else { "" }
        ),
    )
    .what_to_do(to_do)
    .detail(detail)
}
