//! Reading back what an install made, with the SDK, as the install tests check it: stacks by
//! name, their events, and the documents IAM returns URL-encoded.

use std::collections::BTreeSet;

use aws_config::SdkConfig;
use engine::aws::cloudformation_in;

pub const SANDBOX_INVITE: &str = "sandbox-invite.json";
pub const SANDBOX_INVITE_UNSIGNED: &str = "sandbox-invite-unsigned.json";
pub const INSTALLATION_ID: &str = "sandbox-demo";
pub const ACCESS_STACK: &str = "private-deploy-access-sandbox-demo";
pub const ENV_STACK: &str = "private-deploy-env-sandbox-demo";

pub fn fixture(name: &str) -> std::path::PathBuf {
    crate::paths::repo_root().join("tests").join("fixtures").join(name)
}

/// The stacks of `region` named `name` that are not deleted, as DescribeStacks lists them.
pub async fn stacks_named(config: &SdkConfig, region: &str, name: &str) -> Vec<(String, String)> {
    let cfn = cloudformation_in(config, region);
    let stacks: Vec<_> = cfn
        .describe_stacks()
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .unwrap_or_else(|e| panic!("DescribeStacks in {region}: {e:?}"));
    stacks
        .iter()
        .filter(|s| s.stack_name() == Some(name))
        .filter(|s| s.stack_status().map(|st| st.as_str()) != Some("DELETE_COMPLETE"))
        .map(|s| {
            (
                s.stack_id().unwrap_or_default().to_owned(),
                s.stack_status().map(|st| st.as_str().to_owned()).unwrap_or_default(),
            )
        })
        .collect()
}

/// Every stack of `region`, whatever its name.
pub async fn stack_count(config: &SdkConfig, region: &str) -> usize {
    let cfn = cloudformation_in(config, region);
    let out = cfn.describe_stacks().send().await.unwrap_or_else(|e| panic!("DescribeStacks in {region}: {e:?}"));
    out.stacks().len()
}

/// The IDs of every event of a stack, as CloudFormation lists them.
pub async fn event_ids(config: &SdkConfig, region: &str, stack_id: &str) -> BTreeSet<String> {
    let cfn = cloudformation_in(config, region);
    let events: Vec<_> = cfn
        .describe_stack_events()
        .stack_name(stack_id)
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .unwrap_or_else(|e| panic!("DescribeStackEvents {stack_id}: {e:?}"));
    events.iter().filter_map(|e| e.event_id().map(str::to_owned)).collect()
}

/// Decodes `%XX` escapes and `+` (IAM returns policy documents URL-encoded, as AWS does).
pub fn url_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 3;
                    }
                    None => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Removes what moto's CloudFormation cannot delete from the environment stack `stack` in
/// `region` (its NAT gateway, load balancer, internet gateway attachment and route tables),
/// with the EC2 and ELB APIs, so that a DeleteStack of it then completes in moto as it does in
/// AWS. Without this, moto fails the DeleteStack with `DependencyViolation` on the VPC and then
/// forgets the stack. Nothing of the app is involved: it still deletes the stack itself.
pub async fn moto_unblock_environment_delete(config: &SdkConfig, region: &str, stack: &str) {
    let cfn = cloudformation_in(config, region);
    let ec2 = engine::aws::ec2_in(config, region);
    let elb = aws_sdk_elasticloadbalancingv2::Client::from_conf(
        aws_sdk_elasticloadbalancingv2::config::Builder::from(config)
            .region(aws_config::Region::new(region.to_owned()))
            .build(),
    );
    let resources = cfn.describe_stack_resources().stack_name(stack).send().await.unwrap();
    let resources = resources.stack_resources();
    let physical = |kind: &str| -> Vec<String> {
        resources
            .iter()
            .filter(|r| r.resource_type() == Some(kind))
            .filter_map(|r| r.physical_resource_id().map(str::to_owned))
            .collect()
    };
    let vpc = physical("AWS::EC2::VPC").pop().expect("the environment has a VPC");
    for nat in physical("AWS::EC2::NatGateway") {
        ec2.delete_nat_gateway().nat_gateway_id(nat).send().await.unwrap();
    }
    for lb in physical("AWS::ElasticLoadBalancingV2::LoadBalancer") {
        elb.delete_load_balancer().load_balancer_arn(lb).send().await.unwrap();
    }
    for igw in physical("AWS::EC2::InternetGateway") {
        ec2.detach_internet_gateway().internet_gateway_id(igw).vpc_id(&vpc).send().await.unwrap();
    }
    let tables = ec2
        .describe_route_tables()
        .filters(aws_sdk_ec2::types::Filter::builder().name("vpc-id").values(&vpc).build())
        .send()
        .await
        .unwrap();
    for table in tables.route_tables() {
        let associations = table.associations();
        if associations.iter().any(|a| a.main() == Some(true)) {
            continue;
        }
        for association in associations {
            let id = association.route_table_association_id().unwrap_or_default();
            ec2.disassociate_route_table().association_id(id).send().await.unwrap();
        }
        ec2.delete_route_table().route_table_id(table.route_table_id().unwrap_or_default()).send().await.unwrap();
    }
}

#[cfg(test)]
mod tests {
    use super::url_decode;

    #[test]
    fn url_decoding_handles_escapes_plus_and_stray_percent() {
        assert_eq!(url_decode("%7B%22a%22%3A+1%7D"), "{\"a\": 1}");
        assert_eq!(url_decode("100%"), "100%");
        assert_eq!(url_decode("plain"), "plain");
    }
}
