//! "Tighten to installed resources": a policy that allows every action, but only on the ARNs
//! of what the environment stack created (plus the read-only calls that IAM cannot scope to a
//! resource), to replace `AdministratorAccess`; and the line diff the admin confirms. Pure.
//!
//! Resource types that get an ARN: `AWS::EC2::VPC`, `Subnet`, `InternetGateway`,
//! `RouteTable`, `SecurityGroup`, `NatGateway`, `EIP` (by its allocation ID), every
//! `AWS::ElasticLoadBalancingV2::*` (its physical ID is its ARN), and the stack itself.
//! Attachments, routes and route-table associations have no ARN of their own: IAM authorizes
//! them on their VPC, route table or subnet, which are in the list.

use std::collections::{BTreeMap, HashMap};

use serde_json::{json, Value};

use super::model::{AttachedPolicy, DiffKind, DiffLine, InlinePolicy, ScopedResource};
use crate::stacks::cloudformation::ResourceState;

/// The inline policy that holds the tightened permissions.
pub const SCOPED_POLICY_NAME: &str = "PrivateDeployScopedAccess";

/// Calls that IAM authorizes only on `*`: without them the vendor cannot even list what it runs.
pub const READ_ANYWHERE: [&str; 7] = [
    "ec2:Describe*",
    "elasticloadbalancing:Describe*",
    "cloudformation:Describe*",
    "cloudformation:List*",
    "cloudformation:GetTemplate*",
    "cloudwatch:GetMetricData",
    "sts:GetCallerIdentity",
];

/// Where the ARNs point.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    pub partition: &'a str,
    pub region: &'a str,
    pub account: &'a str,
}

/// The ARN of one stack resource, or why it has none. `allocations` maps an Elastic IP's
/// public address (its physical ID) to its allocation ID.
pub fn resource_arn(
    r: &ResourceState,
    scope: Scope<'_>,
    allocations: &HashMap<String, String>,
) -> Result<String, &'static str> {
    let Some(id) = r.physical_id.as_deref() else { return Err("not created") };
    let Scope { partition, region, account } = scope;
    let ec2 = |kind: &str, id: &str| Ok(format!("arn:{partition}:ec2:{region}:{account}:{kind}/{id}"));
    match r.resource_type.as_str() {
        "AWS::EC2::VPC" => ec2("vpc", id),
        "AWS::EC2::Subnet" => ec2("subnet", id),
        "AWS::EC2::InternetGateway" => ec2("internet-gateway", id),
        "AWS::EC2::RouteTable" => ec2("route-table", id),
        "AWS::EC2::SecurityGroup" => ec2("security-group", id),
        "AWS::EC2::NatGateway" => ec2("natgateway", id),
        "AWS::EC2::EIP" => match (id.starts_with("eipalloc-"), allocations.get(id)) {
            (true, _) => ec2("elastic-ip", id),
            (false, Some(alloc)) => ec2("elastic-ip", alloc),
            (false, None) => Err("its allocation ID is unknown"),
        },
        t if t.starts_with("AWS::ElasticLoadBalancingV2::") && id.starts_with("arn:") => Ok(id.to_owned()),
        "AWS::EC2::VPCGatewayAttachment" => Err("covered by the ARN of its VPC and internet gateway"),
        "AWS::EC2::Route" => Err("covered by the ARN of its route table"),
        "AWS::EC2::SubnetRouteTableAssociation" => Err("covered by the ARNs of its subnet and route table"),
        _ => Err("no ARN is known for this type: not included"),
    }
}

/// `arn:…:stack/name/uuid` → `arn:…:stack/name/*`: the stack under any of its IDs.
fn stack_arn_pattern(stack_id: &str) -> String {
    match stack_id.rsplit_once('/') {
        Some((head, _)) if stack_id.starts_with("arn:") => format!("{head}/*"),
        _ => stack_id.to_owned(),
    }
}

/// The scoped policy and the resources it names.
pub fn scoped_policy(
    resources: &[ResourceState],
    stack_id: &str,
    scope: Scope<'_>,
    allocations: &HashMap<String, String>,
) -> (Value, Vec<ScopedResource>) {
    let mut arns = vec![stack_arn_pattern(stack_id)];
    let mut listed = Vec::new();
    for r in resources {
        let (arn, note) = match resource_arn(r, scope, allocations) {
            Ok(arn) => (Some(arn), None),
            Err(why) => (None, Some(why.to_owned())),
        };
        if let Some(arn) = &arn {
            if !arns.contains(arn) {
                arns.push(arn.clone());
            }
        }
        listed.push(ScopedResource {
            logical_id: r.logical_id.clone(),
            resource_type: r.resource_type.clone(),
            arn,
            note,
        });
    }
    let policy = json!({
        "Version": "2012-10-17",
        "Statement": [
            { "Sid": "InstalledResources", "Effect": "Allow", "Action": "*", "Resource": arns },
            { "Sid": "ReadAnywhere", "Effect": "Allow", "Action": READ_ANYWHERE, "Resource": "*" },
        ]
    });
    (policy, listed)
}

/// The role's permissions as one document, for the diff: attached policies by ARN, inline
/// policies by name (the access window and revocation are left out: tightening keeps them).
pub fn permissions_view(attached: &[String], inline: &BTreeMap<String, Value>) -> String {
    let doc = json!({ "AttachedPolicies": attached, "InlinePolicies": inline });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

/// The role's permissions now and after tightening: (current, proposed, detached ARNs).
pub fn before_after(
    attached: &[AttachedPolicy],
    inline: &[InlinePolicy],
    keep_inline: &[&str],
    scoped: &Value,
) -> (String, String, Vec<String>) {
    let now_attached: Vec<String> = attached.iter().map(|p| p.arn.clone()).collect();
    let detaches: Vec<String> =
        now_attached.iter().filter(|arn| arn.ends_with(":policy/AdministratorAccess")).cloned().collect();
    let after_attached: Vec<String> = now_attached.iter().filter(|a| !detaches.contains(a)).cloned().collect();
    let now_inline: BTreeMap<String, Value> = inline
        .iter()
        .filter(|p| !keep_inline.contains(&p.name.as_str()))
        .map(|p| (p.name.clone(), serde_json::from_str(&p.document).unwrap_or(Value::String(p.document.clone()))))
        .collect();
    let mut after_inline = now_inline.clone();
    after_inline.insert(SCOPED_POLICY_NAME.to_owned(), scoped.clone());
    (permissions_view(&now_attached, &now_inline), permissions_view(&after_attached, &after_inline), detaches)
}

/// A line diff (by `similar`): what to remove from `old` and add to get `new`.
pub fn line_diff(old: &str, new: &str) -> Vec<DiffLine> {
    similar::TextDiff::from_lines(old, new)
        .iter_all_changes()
        .map(|change| DiffLine {
            kind: match change.tag() {
                similar::ChangeTag::Equal => DiffKind::Same,
                similar::ChangeTag::Delete => DiffKind::Removed,
                similar::ChangeTag::Insert => DiffKind::Added,
            },
            text: change.value().trim_end_matches(['\n', '\r']).to_owned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn res(logical: &str, kind: &str, physical: &str) -> ResourceState {
        ResourceState {
            logical_id: logical.into(),
            physical_id: Some(physical.into()),
            resource_type: kind.into(),
            status: "CREATE_COMPLETE".into(),
            reason: None,
            timestamp: jiff::Timestamp::UNIX_EPOCH,
        }
    }

    const SCOPE: Scope<'static> = Scope { partition: "aws", region: "eu-west-1", account: "123456789012" };

    #[test]
    fn the_scoped_policy_names_each_installed_resource_by_arn() {
        let lb = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/pd/50dc6c495c0c9188";
        let resources = vec![
            res("Vpc", "AWS::EC2::VPC", "vpc-0abc"),
            res("PublicSubnetA", "AWS::EC2::Subnet", "subnet-01"),
            res("NatEip", "AWS::EC2::EIP", "203.0.113.7"),
            res("NatGateway", "AWS::EC2::NatGateway", "nat-0123"),
            res("PublicDefaultRoute", "AWS::EC2::Route", "rtb-1|0.0.0.0/0"),
            res("LoadBalancer", "AWS::ElasticLoadBalancingV2::LoadBalancer", lb),
            res("Queue", "AWS::SQS::Queue", "https://sqs/q"),
        ];
        let allocations = HashMap::from([("203.0.113.7".to_owned(), "eipalloc-0f00".to_owned())]);
        let stack = "arn:aws:cloudformation:eu-west-1:123456789012:stack/private-deploy-env-x/1f2e-3d4c";
        let (policy, listed) = scoped_policy(&resources, stack, SCOPE, &allocations);
        assert_eq!(
            policy["Statement"][0]["Resource"],
            json!([
                "arn:aws:cloudformation:eu-west-1:123456789012:stack/private-deploy-env-x/*",
                "arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-0abc",
                "arn:aws:ec2:eu-west-1:123456789012:subnet/subnet-01",
                "arn:aws:ec2:eu-west-1:123456789012:elastic-ip/eipalloc-0f00",
                "arn:aws:ec2:eu-west-1:123456789012:natgateway/nat-0123",
                lb,
            ])
        );
        assert_eq!(policy["Statement"][0]["Action"], "*");
        assert_eq!(policy["Statement"][1]["Resource"], "*");
        assert!(policy["Statement"][1]["Action"].as_array().unwrap().iter().all(|a| {
            let a = a.as_str().unwrap();
            a.contains(":Describe") || a.contains(":List") || a.contains(":Get")
        }));
        let route = listed.iter().find(|r| r.logical_id == "PublicDefaultRoute").unwrap();
        assert_eq!(
            (route.arn.as_deref(), route.note.as_deref()),
            (None, Some("covered by the ARN of its route table"))
        );
        assert!(listed.iter().find(|r| r.logical_id == "Queue").unwrap().arn.is_none());
    }

    #[test]
    fn before_and_after_drop_administrator_access_and_add_the_scoped_policy() {
        let attached = vec![AttachedPolicy {
            name: "AdministratorAccess".into(),
            arn: "arn:aws:iam::aws:policy/AdministratorAccess".into(),
        }];
        let inline = vec![InlinePolicy { name: "PrivateDeployAccessWindow".into(), document: "{}".into() }];
        let scoped = json!({"Version": "2012-10-17"});
        let (now, after, detaches) = before_after(&attached, &inline, &["PrivateDeployAccessWindow"], &scoped);
        assert_eq!(detaches, vec!["arn:aws:iam::aws:policy/AdministratorAccess".to_owned()]);
        assert!(now.contains("AdministratorAccess") && !now.contains(SCOPED_POLICY_NAME), "{now}");
        assert!(!after.contains("AdministratorAccess") && after.contains(SCOPED_POLICY_NAME), "{after}");
        assert!(!after.contains("PrivateDeployAccessWindow"), "the window is not part of the diff");
        let diff = line_diff(&now, &after);
        assert!(diff.iter().any(|l| l.kind == DiffKind::Removed && l.text.contains("AdministratorAccess")));
        assert!(diff.iter().any(|l| l.kind == DiffKind::Added && l.text.contains(SCOPED_POLICY_NAME)));
    }

    #[test]
    fn the_line_diff_keeps_common_lines_in_order() {
        let diff = line_diff("a\nb\nc\nd", "a\nc\nx\nd");
        let kinds: Vec<(DiffKind, &str)> = diff.iter().map(|l| (l.kind.clone(), l.text.as_str())).collect();
        assert_eq!(
            kinds,
            vec![
                (DiffKind::Same, "a"),
                (DiffKind::Removed, "b"),
                (DiffKind::Same, "c"),
                (DiffKind::Added, "x"),
                (DiffKind::Same, "d"),
            ]
        );
        assert!(line_diff("same", "same").iter().all(|l| l.kind == DiffKind::Same));
    }
}
