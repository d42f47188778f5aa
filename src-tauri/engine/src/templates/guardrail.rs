//! The guardrail: the inline policy [`super::GUARDRAIL_POLICY_NAME`] that `access.yaml` puts on
//! the vendor's role, and the equivalent Service Control Policy an organisation can attach.
//! Both deny, to the vendor's role only, the direct ways to undo the customer's controls: its
//! own policies, boundary, trust and tags; the boundary policy; the access stack; new users
//! and long-lived credentials; CloudTrail. Built as data, equal to what CloudFormation makes
//! of `access.yaml` (a test compares the action lists, an emulator test the document).
//!
//! Every action name is checked against AWS's own operation names in the tests: IAM matches a
//! misspelt action against nothing, so a typo in a Deny would silently deny nothing.

use serde_json::{json, Map, Value};

use super::policies::{PolicyDocument, Statement};

/// The changes to the role itself, denied on the role's own ARN.
pub const ROLE_ACTIONS: [&str; 12] = [
    "iam:AttachRolePolicy",
    "iam:DeleteRole",
    "iam:DeleteRolePermissionsBoundary",
    "iam:DeleteRolePolicy",
    "iam:DetachRolePolicy",
    "iam:PutRolePermissionsBoundary",
    "iam:PutRolePolicy",
    "iam:TagRole",
    "iam:UntagRole",
    "iam:UpdateAssumeRolePolicy",
    "iam:UpdateRole",
    "iam:UpdateRoleDescription",
];

/// The changes to the boundary policy, denied on its ARN (the stack's, or the one the app
/// creates beside the role: both are `<RoleName>Boundary` under the role path).
pub const BOUNDARY_POLICY_ACTIONS: [&str; 7] = [
    "iam:CreatePolicy",
    "iam:CreatePolicyVersion",
    "iam:DeletePolicy",
    "iam:DeletePolicyVersion",
    "iam:SetDefaultPolicyVersion",
    "iam:TagPolicy",
    "iam:UntagPolicy",
];

/// Every CloudFormation write on a stack, denied on the access stack's ARN (any stack ID).
/// `TagResource` and `UntagResource` are permission-only actions (no API of that name).
pub const STACK_ACTIONS: [&str; 13] = [
    "cloudformation:CancelUpdateStack",
    "cloudformation:ContinueUpdateRollback",
    "cloudformation:CreateChangeSet",
    "cloudformation:DeleteChangeSet",
    "cloudformation:DeleteStack",
    "cloudformation:ExecuteChangeSet",
    "cloudformation:RollbackStack",
    "cloudformation:SetStackPolicy",
    "cloudformation:SignalResource",
    "cloudformation:TagResource",
    "cloudformation:UntagResource",
    "cloudformation:UpdateStack",
    "cloudformation:UpdateTerminationProtection",
];

/// Identities and credentials that would outlive every revocation, denied everywhere.
pub const CREDENTIAL_ACTIONS: [&str; 15] = [
    "iam:AddClientIDToOpenIDConnectProvider",
    "iam:CreateAccessKey",
    "iam:CreateLoginProfile",
    "iam:CreateOpenIDConnectProvider",
    "iam:CreateSAMLProvider",
    "iam:CreateServiceSpecificCredential",
    "iam:CreateUser",
    "iam:ResetServiceSpecificCredential",
    "iam:UpdateAccessKey",
    "iam:UpdateLoginProfile",
    "iam:UpdateOpenIDConnectProviderThumbprint",
    "iam:UpdateSAMLProvider",
    "iam:UploadSSHPublicKey",
    "iam:UploadSigningCertificate",
    "sts:GetFederationToken",
];

/// Stopping or changing the audit trail, denied everywhere.
pub const CLOUDTRAIL_ACTIONS: [&str; 8] = [
    "cloudtrail:DeleteEventDataStore",
    "cloudtrail:DeleteTrail",
    "cloudtrail:PutEventSelectors",
    "cloudtrail:PutInsightSelectors",
    "cloudtrail:StopEventDataStoreIngestion",
    "cloudtrail:StopLogging",
    "cloudtrail:UpdateEventDataStore",
    "cloudtrail:UpdateTrail",
];

/// In boundary mode: creating a role, or setting a boundary, with any boundary but this
/// installation's (so the vendor cannot make itself a role the boundary does not limit).
pub const BOUNDARY_MODE_ACTIONS: [&str; 2] = ["iam:CreateRole", "iam:PutRolePermissionsBoundary"];

/// The Sids of the guardrail's statements, in order.
pub const GUARDRAIL_SIDS: [&str; 6] = [
    "GuardrailProtectRole",
    "GuardrailProtectBoundaryPolicy",
    "GuardrailProtectAccessStack",
    "GuardrailNoNewCredentials",
    "GuardrailKeepCloudTrail",
    "GuardrailOnlyThisBoundary",
];

/// The condition of the boundary-mode statement in full mode: `aws:CurrentTime` is never
/// before 1970, so it never matches. (The template keeps the statement in both modes because
/// `AWS::NoValue` inside a list is not removed by every CloudFormation implementation.)
const NEVER: &str = "1970-01-01T00:00:00Z";

/// Every action the guardrail denies, each once, in statement order.
pub fn guardrail_actions() -> Vec<&'static str> {
    let mut all: Vec<&'static str> = Vec::new();
    for group in [&ROLE_ACTIONS[..], &BOUNDARY_POLICY_ACTIONS, &STACK_ACTIONS, &CREDENTIAL_ACTIONS, &CLOUDTRAIL_ACTIONS]
    {
        all.extend(group);
    }
    for a in BOUNDARY_MODE_ACTIONS {
        if !all.contains(&a) {
            all.push(a);
        }
    }
    all
}

/// Where the guardrail points: one installation's role, boundary and access stack.
#[derive(Debug, Clone, Copy)]
pub struct GuardrailScope<'a> {
    pub partition: &'a str,
    pub region: &'a str,
    /// The customer's account ID, or [`super::ACCOUNT_PLACEHOLDER`] before sign-in.
    pub account: &'a str,
    pub role_path: &'a str,
    pub role_name: &'a str,
    /// The access stack's name.
    pub stack_name: &'a str,
    pub use_boundary: bool,
}

impl GuardrailScope<'_> {
    pub fn role_arn(&self) -> String {
        format!("arn:{}:iam::{}:role{}{}", self.partition, self.account, self.role_path, self.role_name)
    }

    /// The boundary's ARN, as the stack (boundary mode) or the app (full mode) names it.
    pub fn boundary_arn(&self) -> String {
        format!("arn:{}:iam::{}:policy{}{}Boundary", self.partition, self.account, self.role_path, self.role_name)
    }

    /// The boundary's ARN with a trailing `*`, so that a later version of the name (a suffix)
    /// stays covered; it can only match policies named after this installation's role.
    pub fn boundary_arn_pattern(&self) -> String {
        format!("{}*", self.boundary_arn())
    }

    /// The access stack under any of its stack IDs.
    pub fn stack_arn_pattern(&self) -> String {
        format!("arn:{}:cloudformation:{}:{}:stack/{}/*", self.partition, self.region, self.account, self.stack_name)
    }
}

fn deny(sid: &'static str, actions: &[&str], resource: String, condition: Option<Value>) -> Statement {
    Statement {
        sid: Some(sid),
        effect: "Deny",
        principal: None,
        action: json!(actions),
        resource: Some(resource),
        condition,
    }
}

fn statements(scope: &GuardrailScope<'_>, full_mode_statement: bool) -> Vec<Statement> {
    let mut list = vec![
        deny(GUARDRAIL_SIDS[0], &ROLE_ACTIONS, scope.role_arn(), None),
        deny(GUARDRAIL_SIDS[1], &BOUNDARY_POLICY_ACTIONS, scope.boundary_arn_pattern(), None),
        deny(GUARDRAIL_SIDS[2], &STACK_ACTIONS, scope.stack_arn_pattern(), None),
        deny(GUARDRAIL_SIDS[3], &CREDENTIAL_ACTIONS, "*".to_owned(), None),
        deny(GUARDRAIL_SIDS[4], &CLOUDTRAIL_ACTIONS, "*".to_owned(), None),
    ];
    let only_this_boundary = if scope.use_boundary {
        Some(json!({ "StringNotEquals": { "iam:PermissionsBoundary": scope.boundary_arn() } }))
    } else if full_mode_statement {
        Some(json!({ "DateLessThan": { "aws:CurrentTime": NEVER } }))
    } else {
        None
    };
    if let Some(condition) = only_this_boundary {
        list.push(deny(GUARDRAIL_SIDS[5], &BOUNDARY_MODE_ACTIONS, "*".to_owned(), Some(condition)));
    }
    list
}

/// The guardrail as CloudFormation creates it from `access.yaml`. In full mode its last
/// statement is there but never matches (see [`NEVER`]).
pub fn guardrail_policy(scope: &GuardrailScope<'_>) -> Value {
    PolicyDocument::new(statements(scope, true)).to_value()
}

/// [`guardrail_policy`] as pretty JSON, for the Review access screen.
pub fn guardrail_policy_json(scope: &GuardrailScope<'_>) -> String {
    PolicyDocument::new(statements(scope, true)).to_pretty_json()
}

/// AWS Organizations' limit on the size of a Service Control Policy, in characters.
pub const SCP_MAX_CHARS: usize = 5120;

/// The Service Control Policy equivalent to the guardrail: the same Denies, each limited to
/// requests by the vendor's role (`aws:PrincipalArn`), so that it holds even if the role's
/// own guardrail were removed. Compact JSON, as it counts against [`SCP_MAX_CHARS`].
pub fn guardrail_scp(scope: &GuardrailScope<'_>) -> Value {
    let principal = json!({ "ArnLike": { "aws:PrincipalArn": scope.role_arn() } });
    let list: Vec<Statement> = statements(scope, false)
        .into_iter()
        .map(|mut s| {
            let mut condition: Map<String, Value> = match s.condition.take() {
                Some(Value::Object(map)) => map,
                _ => Map::new(),
            };
            if let Value::Object(p) = &principal {
                condition.extend(p.clone());
            }
            s.condition = Some(Value::Object(condition));
            s
        })
        .collect();
    PolicyDocument::new(list).to_value()
}

/// [`guardrail_scp`] as compact JSON (what to paste into AWS Organizations).
pub fn guardrail_scp_json(scope: &GuardrailScope<'_>) -> String {
    guardrail_scp(scope).to_string()
}

/// How to attach the SCP, step by step.
pub const SCP_HOW_TO: [&str; 5] = [
    "In the organisation's management account, open AWS Organizations → Policies → Service control policies (enable service control policies there if they are not enabled yet).",
    "Choose Create policy, name it (for example PrivateDeployGuardrail), and paste the JSON in place of the example.",
    "Save it, then choose Actions → Attach policy and attach it to this account (or to the OU that holds it).",
    "SCPs never affect the organisation's management account: install into a member account for the SCP to hold.",
    "The SCP names this installation's role, boundary and access stack: create one per installation.",
];
