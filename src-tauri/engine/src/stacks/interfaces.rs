//! What else lives in the environment's VPC: the network interfaces its stack did not create.
//!
//! The vendor deploys into the environment, so its VPC usually holds instances, functions,
//! databases or load balancers that CloudFormation knows nothing of. Each has a network
//! interface in the VPC, and while one is there the VPC's delete fails with
//! `DependencyViolation` (the stack ends `DELETE_FAILED`). They are listed before the delete is
//! confirmed, with what each belongs to.
//!
//! An interface is the stack's own when it is one of the stack's resources, or when its
//! description names one: AWS-managed interfaces say whose they are (a NAT gateway's is
//! "Interface for NAT Gateway nat-…", a load balancer's "ELB app/NAME/ID", whose ARN ends
//! `loadbalancer/app/NAME/ID`). An interface an AWS service created for a resource of yours
//! is "requester-managed", and its `RequesterId` names the service
//! (<https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/requester-managed-eni.html>).
//! Read with DescribeNetworkInterfaces filtered by `vpc-id`, paginated
//! (<https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeNetworkInterfaces.html>).

use aws_sdk_cloudformation::Client as CloudFormation;
use aws_sdk_ec2::types::{Filter, NetworkInterface};
use aws_sdk_ec2::Client as Ec2;

use super::cloudformation::{self as cfn, NESTED_STACK_TYPE};
use crate::aws::{AwsError, CallContext};
use crate::failure::Error;
use crate::install::model::ForeignInterface;

/// The VPC of the environment stack `stack_id` and the network interfaces in it that the
/// stack (or a stack nested under it) did not create. `None` when the stack has no VPC.
pub async fn foreign_interfaces(
    cfn: &CloudFormation,
    ec2: &Ec2,
    stack_id: &str,
    ctx: &CallContext,
) -> Result<Option<(String, Vec<ForeignInterface>)>, Error> {
    let mut markers = Vec::new();
    let mut vpc = None;
    let mut queue = vec![stack_id.to_owned()];
    while let Some(id) = queue.pop() {
        for r in cfn::stack_resources(cfn, &id, ctx).await? {
            let Some(physical) = r.physical_id else { continue };
            if r.resource_type == NESTED_STACK_TYPE && physical.starts_with("arn:") {
                queue.push(physical.clone());
            }
            if r.resource_type == "AWS::EC2::VPC" {
                vpc.get_or_insert_with(|| physical.clone());
            }
            if let Some((_, lb)) = physical.split_once(":loadbalancer/") {
                markers.push(lb.to_owned());
            }
            markers.push(physical);
        }
    }
    let Some(vpc) = vpc else { return Ok(None) };
    let mut pages = ec2
        .describe_network_interfaces()
        .filters(Filter::builder().name("vpc-id").values(&vpc).build())
        // Interfaces of AWS-managed resources hidden from the account's view still keep the VPC.
        .include_managed_resources(true)
        .into_paginator()
        .send();
    let mut out = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| AwsError::from_sdk(e, "ec2:DescribeNetworkInterfaces", ctx))?;
        out.extend(page.network_interfaces().iter().filter(|i| !is_stacks(i, &markers)).map(describe));
    }
    Ok(Some((vpc, out)))
}

fn is_stacks(interface: &NetworkInterface, markers: &[String]) -> bool {
    let id = interface.network_interface_id().unwrap_or_default();
    let description = interface.description().unwrap_or_default();
    markers.iter().any(|m| m == id || (m.len() > 4 && description.contains(m.as_str())))
}

fn describe(interface: &NetworkInterface) -> ForeignInterface {
    let id = interface.network_interface_id().unwrap_or_default().to_owned();
    let description = interface.description().filter(|d| !d.is_empty()).map(str::to_owned);
    let interface_type = interface.interface_type().map(|t| t.as_str().to_owned());
    let requester_id = interface.requester_id().filter(|r| !r.is_empty()).map(str::to_owned);
    let instance_id = interface.attachment().and_then(|a| a.instance_id()).map(str::to_owned);
    // An AWS service's interface (`RequesterManaged`) names the service in `RequesterId`.
    let service = requester_id.as_deref().filter(|_| interface.requester_managed() == Some(true));
    let owner = match (&instance_id, interface_type.as_deref(), service, &description) {
        (Some(instance), _, _, _) => format!("EC2 instance {instance}"),
        (None, Some("lambda"), _, d) => format!("a Lambda function ({})", d.as_deref().unwrap_or("no description")),
        (None, _, Some(service), Some(d)) => format!("{d} (managed by {service})"),
        (None, _, Some(service), None) => format!("managed by {service}"),
        (None, _, None, Some(d)) => d.clone(),
        (None, _, None, None) => format!("network interface {id}, attached to nothing"),
    };
    ForeignInterface {
        interface_id: id,
        owner,
        description,
        interface_type,
        requester_id,
        instance_id,
        subnet_id: interface.subnet_id().map(str::to_owned),
    }
}

#[cfg(test)]
mod tests {
    use aws_sdk_ec2::types::{NetworkInterfaceAttachment, NetworkInterfaceType};

    use super::*;

    fn eni(id: &str, description: &str) -> aws_sdk_ec2::types::builders::NetworkInterfaceBuilder {
        NetworkInterface::builder().network_interface_id(id).description(description).subnet_id("subnet-1")
    }

    #[test]
    fn the_stacks_own_interfaces_are_told_from_what_the_vendor_deployed() {
        let markers = vec![
            "nat-0a1b2c3d4e5f".to_owned(),
            "app/private-deploy-acme/50dc6c495c0c9188".to_owned(),
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/private-deploy-acme/50dc6c495c0c9188"
                .to_owned(),
        ];
        let nat = eni("eni-nat", "Interface for NAT Gateway nat-0a1b2c3d4e5f")
            .interface_type(NetworkInterfaceType::NatGateway)
            .requester_id("amazon-nat")
            .build();
        let alb = eni("eni-alb", "ELB app/private-deploy-acme/50dc6c495c0c9188").requester_id("amazon-elb").build();
        let instance = eni("eni-vm", "")
            .attachment(NetworkInterfaceAttachment::builder().instance_id("i-0123456789abcdef0").build())
            .build();
        let lambda = eni("eni-fn", "AWS Lambda VPC ENI-vendor-api-1234")
            .interface_type(NetworkInterfaceType::Lambda)
            .requester_id("123456789012:vendor-api")
            .build();
        let rds = eni("eni-db", "RDSNetworkInterface").requester_id("amazon-rds").requester_managed(true).build();
        assert!(is_stacks(&nat, &markers));
        assert!(is_stacks(&alb, &markers));
        let foreign: Vec<ForeignInterface> =
            [&instance, &lambda, &rds].into_iter().filter(|i| !is_stacks(i, &markers)).map(describe).collect();
        let owners: Vec<&str> = foreign.iter().map(|f| f.owner.as_str()).collect();
        assert_eq!(
            owners,
            [
                "EC2 instance i-0123456789abcdef0",
                "a Lambda function (AWS Lambda VPC ENI-vendor-api-1234)",
                "RDSNetworkInterface (managed by amazon-rds)",
            ]
        );
        assert_eq!(foreign[1].interface_type.as_deref(), Some("lambda"));
    }
}
