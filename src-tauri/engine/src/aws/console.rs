//! Links into the AWS web console: a stack, a role, a VPC, each in its own region and the
//! region's partition (the host comes from the one partition table). The window and the CLI
//! get these URLs from here; neither builds one itself.
//!
//! The fragments (`#/stacks/stackinfo?stackId=…`, `#/roles/details/…`, `#VpcDetails:VpcId=…`)
//! are the console's own deep links, the ones its address bar shows on those pages.

use super::partition;
use crate::templates::percent_encode;

/// A CloudFormation stack's page, by its stack ID (an ARN, which names one stack even after a
/// stack of the same name replaces it). `None` in a partition with no public console.
pub fn stack_url(region: &str, stack_id: &str) -> Option<String> {
    let host = partition::console_host(region)?;
    Some(format!(
        "https://{host}/cloudformation/home?region={region}#/stacks/stackinfo?stackId={id}",
        id = percent_encode(stack_id)
    ))
}

/// An IAM role's page. IAM is global within a partition; `region` (any of the partition's)
/// picks the console host.
pub fn role_url(region: &str, role_name: &str) -> Option<String> {
    let host = partition::console_host(region)?;
    Some(format!("https://{host}/iam/home#/roles/details/{name}", name = percent_encode(role_name)))
}

/// A VPC's page in the VPC console.
pub fn vpc_url(region: &str, vpc_id: &str) -> Option<String> {
    let host = partition::console_host(region)?;
    Some(format!("https://{host}/vpcconsole/home?region={region}#VpcDetails:VpcId={id}", id = percent_encode(vpc_id)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const STACK: &str = "stack/private-deploy-env-demo/0a1b2c3d";

    #[test]
    fn links_go_to_each_partitions_console_in_the_resources_region() {
        let cases = [
            ("eu-west-1", "aws", "https://eu-west-1.console.aws.amazon.com"),
            ("cn-northwest-1", "aws-cn", "https://console.amazonaws.cn"),
            ("us-gov-east-1", "aws-us-gov", "https://console.amazonaws-us-gov.com"),
        ];
        for (region, partition, host) in cases {
            let id = format!("arn:{partition}:cloudformation:{region}:123456789012:{STACK}");
            assert_eq!(
                stack_url(region, &id).unwrap(),
                format!(
                    "{host}/cloudformation/home?region={region}#/stacks/stackinfo?stackId=arn%3A{partition}%3Acloudformation%3A{region}%3A123456789012%3Astack%2Fprivate-deploy-env-demo%2F0a1b2c3d"
                ),
            );
            assert_eq!(
                role_url(region, "Vendor+Role").unwrap(),
                format!("{host}/iam/home#/roles/details/Vendor%2BRole")
            );
            assert_eq!(
                vpc_url(region, "vpc-0abc").unwrap(),
                format!("{host}/vpcconsole/home?region={region}#VpcDetails:VpcId=vpc-0abc")
            );
        }
    }

    #[test]
    fn a_partition_without_a_public_console_gets_no_link() {
        assert_eq!(stack_url("us-iso-east-1", "arn:aws-iso:cloudformation:us-iso-east-1:1:stack/a/b"), None);
        assert_eq!(role_url("us-isob-east-1", "r"), None);
        assert_eq!(vpc_url("eu-isoe-west-1", "vpc-1"), None);
    }
}
