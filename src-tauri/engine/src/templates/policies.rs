//! The policy documents of the access stack, as the Review access screen shows them: built as
//! data (not by formatting strings) and equal to what CloudFormation makes of `access.yaml`.

use serde::Serialize;
use serde_json::{json, Value};

/// The action of the seed boundary's first statement, allowed on the roles under the role path.
pub const BOUNDARY_ROLE_ACTION: &str = "iam:UpdateRole";

/// The actions of the seed boundary's second statement (`seed-boundary-policy.json`, on
/// `Resource: "*"`), in the seed's order. `access.yaml` lists the same, and a test compares
/// both with the seed file.
pub const BOUNDARY_ACTIONS: [&str; 79] = [
    "autoscaling:CreateAutoScalingGroup",
    "autoscaling:DescribeAutoScalingGroups",
    "autoscaling:DescribeScalingActivities",
    "autoscaling:UpdateAutoScalingGroup",
    "cloudformation:CreateStack",
    "cloudformation:DescribeStacks",
    "dynamodb:BatchGetItem",
    "ec2:AllocateAddress",
    "ec2:AssociateAddress",
    "ec2:AssociateRouteTable",
    "ec2:AssociateSubnetCidrBlock",
    "ec2:AttachInternetGateway",
    "ec2:AttachNetworkInterface",
    "ec2:AttachVolume",
    "ec2:AttachVpnGateway",
    "ec2:AuthorizeSecurityGroupEgress",
    "ec2:AuthorizeSecurityGroupIngress",
    "ec2:CreateRoute",
    "ec2:CreateInternetGateway",
    "ec2:CreateLaunchTemplate",
    "ec2:CreateNatGateway",
    "ec2:CreateNetworkInterface",
    "ec2:CreateRouteTable",
    "ec2:CreateSecurityGroup",
    "ec2:CreateSubnet",
    "ec2:CreateTags",
    "ec2:CreateVolume",
    "ec2:CreateVpc",
    "ec2:CreateVpnGateway",
    "ec2:DescribeAccountAttributes",
    "ec2:DescribeAddresses",
    "ec2:DescribeImages",
    "ec2:DescribeLaunchTemplates",
    "ec2:DescribeLaunchTemplateVersions",
    "ec2:DescribeNatGateways",
    "ec2:DescribeRegions",
    "ec2:DescribeRouteTables",
    "ec2:DescribeSecurityGroups",
    "ec2:DescribeSubnets",
    "ec2:DescribeVpcs",
    "ec2:ModifySubnetAttribute",
    "ec2:ModifyVpcAttribute",
    "ec2:RevokeSecurityGroupEgress",
    "ec2:RevokeSecurityGroupIngress",
    "ec2:RunInstances",
    "ecr:BatchCheckLayerAvailability",
    "ecr:BatchGetImage",
    "ecr:CompleteLayerUpload",
    "ecr:DescribeRepositories",
    "ecr:GetAuthorizationToken",
    "ecr:InitiateLayerUpload",
    "ecr:PutImage",
    "ecr:UploadLayerPart",
    "eks:CreateAddon",
    "eks:CreateCluster",
    "eks:DescribeAddon",
    "eks:DescribeAddonVersions",
    "eks:DescribeCluster",
    "eks:TagResource",
    "elasticfilesystem:CreateMountTarget",
    "elasticfilesystem:CreateFileSystem",
    "elasticfilesystem:CreateTags",
    "elasticloadbalancing:AddTags",
    "elasticloadbalancing:CreateLoadBalancer",
    "elasticloadbalancing:CreateLoadBalancerListeners",
    "iam:CreatePolicy",
    "iam:CreateRole",
    "iam:TagPolicy",
    "iam:TagRole",
    "kms:CreateAlias",
    "kms:CreateGrant",
    "kms:CreateKey",
    "kms:DescribeKey",
    "kms:Decrypt",
    "kms:Encrypt",
    "kms:ListAliases",
    "s3:CreateBucket",
    "servicequotas:ListServiceQuotas",
    "sts:GetCallerIdentity",
];

/// The Sids of the seed boundary's two statements, kept as they are.
pub const BOUNDARY_SIDS: [&str; 2] = ["VisualEditor0", "VisualEditor1"];

/// The AWS managed policy the role gets: the seed's "SuperUser" default.
pub fn administrator_access_arn(partition: &str) -> String {
    format!("arn:{partition}:iam::aws:policy/AdministratorAccess")
}

/// An IAM policy document. A struct rather than a `json!` map so that the pretty JSON keeps
/// the order IAM and the AWS docs use (Version, then Statement; Sid, Effect, Principal,
/// Action, Resource, Condition) whatever serde_json's map ordering is.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct PolicyDocument {
    version: &'static str,
    statement: Vec<Statement>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct Statement {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) sid: Option<&'static str>,
    pub(super) effect: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) principal: Option<Value>,
    /// A string for one action, a list for several (as the template writes them).
    pub(super) action: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) resource: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) condition: Option<Value>,
}

impl PolicyDocument {
    pub(super) fn new(statement: Vec<Statement>) -> Self {
        Self { version: "2012-10-17", statement }
    }

    pub(super) fn to_value(&self) -> Value {
        serde_json::to_value(self).expect("a policy document always serializes")
    }

    pub(super) fn to_pretty_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a policy document always serializes")
    }
}

/// Who the role trusts and on what terms: the trust policy's inputs, one copy for the
/// template's parameters, the Review access screen and the documents checked after install.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trust<'a> {
    pub vendor_account_id: &'a str,
    pub external_id: &'a str,
    /// Only this role of the vendor's account; `None` trusts the account (its policies decide).
    pub vendor_role_arn: Option<&'a str>,
    /// The vendor must set `sts:SourceIdentity` when it assumes the role.
    pub require_source_identity: bool,
}

impl Trust<'_> {
    /// The trust policy in one plain sentence, from the same inputs as the document: who may
    /// assume the role, with which External ID, and whether it must name its user.
    pub fn sentence(&self) -> String {
        let who = match self.vendor_role_arn {
            Some(role) => format!("Only the role {role} may assume this role"),
            None => format!("Only AWS account {} may assume this role", self.vendor_account_id),
        };
        let identity = if self.require_source_identity {
            " It must name the person using it (a source identity), which CloudTrail records with every call."
        } else {
            ""
        };
        format!("{who}, and only with External ID {}.{identity}", self.external_id)
    }
}

fn trust_document(trust: &Trust, partition: &str) -> PolicyDocument {
    let principal = match trust.vendor_role_arn {
        Some(role) => role.to_owned(),
        None => format!("arn:{partition}:iam::{}:root", trust.vendor_account_id),
    };
    let external_id = json!({ "StringEquals": { "sts:ExternalId": trust.external_id } });
    let (action, condition) = if trust.require_source_identity {
        let mut condition = external_id;
        condition["Null"] = json!({ "sts:SourceIdentity": "false" });
        (json!(["sts:AssumeRole", "sts:SetSourceIdentity"]), condition)
    } else {
        (json!("sts:AssumeRole"), external_id)
    };
    PolicyDocument::new(vec![Statement {
        sid: None,
        effect: "Allow",
        principal: Some(json!({ "AWS": principal })),
        action,
        resource: None,
        condition: Some(condition),
    }])
}

/// The role's trust policy: `sts:AssumeRole` by the vendor's account (or only its role) and
/// only with the invite's External ID; with a source identity required when the invite asks.
pub fn trust_policy(trust: &Trust, partition: &str) -> Value {
    trust_document(trust, partition).to_value()
}

/// [`trust_policy`] as pretty JSON, for the Review access screen.
pub fn trust_policy_json(trust: &Trust, partition: &str) -> String {
    trust_document(trust, partition).to_pretty_json()
}

fn boundary_document(account_id: &str, role_path: &str, partition: &str) -> PolicyDocument {
    PolicyDocument::new(vec![
        Statement {
            sid: Some(BOUNDARY_SIDS[0]),
            effect: "Allow",
            principal: None,
            action: json!(BOUNDARY_ROLE_ACTION),
            resource: Some(format!("arn:{partition}:iam::{account_id}:role{role_path}*")),
            condition: None,
        },
        Statement {
            sid: Some(BOUNDARY_SIDS[1]),
            effect: "Allow",
            principal: None,
            action: json!(BOUNDARY_ACTIONS.as_slice()),
            resource: Some("*".to_owned()),
            condition: None,
        },
    ])
}

/// The permissions boundary as CloudFormation creates it in `account_id`: the seed's two
/// statements, with `iam:UpdateRole` scoped to the roles under `role_path` (the seed said
/// `role/release/*`; see `access.yaml`).
pub fn boundary_policy(account_id: &str, role_path: &str, partition: &str) -> Value {
    boundary_document(account_id, role_path, partition).to_value()
}

/// [`boundary_policy`] as pretty JSON, for the Review access screen.
pub fn boundary_policy_json(account_id: &str, role_path: &str, partition: &str) -> String {
    boundary_document(account_id, role_path, partition).to_pretty_json()
}

fn access_window_always_open_document() -> PolicyDocument {
    PolicyDocument::new(vec![Statement {
        sid: Some("AccessWindowAlwaysOpen"),
        effect: "Deny",
        principal: None,
        action: json!("*"),
        resource: Some("*".to_owned()),
        condition: Some(json!({ "DateLessThan": { "aws:CurrentTime": "1970-01-01T00:00:00Z" } })),
    }])
}

/// The document of the access-window slot ([`super::ACCESS_WINDOW_POLICY_NAME`]) as the stack
/// creates it, and as "always open" puts it back: a Deny that never matches, because
/// `aws:CurrentTime` is never before 1970 (a policy needs at least one statement).
pub fn access_window_always_open_policy() -> Value {
    access_window_always_open_document().to_value()
}

/// [`access_window_always_open_policy`] as pretty JSON.
pub fn access_window_always_open_policy_json() -> String {
    access_window_always_open_document().to_pretty_json()
}
