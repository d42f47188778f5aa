//! A crowded sandbox account for preflight: the region's five VPCs and five Elastic IPs
//! already in use (AWS's default quotas; moto enforces none), the installation's role name
//! taken by a role of another stack, and a Transit Gateway route that reaches the block the
//! install wants (moto has no CreateVpnConnectionRoute: VPN static routes are covered with
//! aws-smithy-mocks). Every VPC stays clear of that block,
//! so the plan itself accepts it and only the preflight finds what is wrong.

use aws_config::SdkConfig;
use aws_sdk_ec2::types::DomainType;

use crate::seed::ec2_in;

/// The block the crowded account's routes reach.
pub const ROUTED_BLOCK: &str = "10.42.0.0/16";
/// The installation's role name, as the sandbox invite gives it.
pub const TAKEN_ROLE: &str = "PrivateDeployVendorAccess-sandbox-demo";

pub async fn crowd(config: &SdkConfig, region: &str) {
    let ec2 = ec2_in(config, region);
    let existing = ec2.describe_vpcs().send().await.expect("DescribeVpcs").vpcs().len();
    for i in existing..5 {
        ec2.create_vpc().cidr_block(format!("10.{}.0.0/16", 100 + i)).send().await.expect("CreateVpc");
    }
    for _ in 0..5 {
        ec2.allocate_address().domain(DomainType::Vpc).send().await.expect("AllocateAddress");
    }
    let tgw = ec2.create_transit_gateway().send().await.expect("CreateTransitGateway");
    let tgw_id = tgw.transit_gateway().and_then(|t| t.transit_gateway_id()).expect("a gateway ID").to_owned();
    let table = ec2
        .create_transit_gateway_route_table()
        .transit_gateway_id(&tgw_id)
        .send()
        .await
        .expect("CreateTransitGatewayRouteTable");
    let table_id = table
        .transit_gateway_route_table()
        .and_then(|t| t.transit_gateway_route_table_id())
        .expect("a route table ID")
        .to_owned();
    ec2.create_transit_gateway_route()
        .transit_gateway_route_table_id(&table_id)
        .destination_cidr_block("10.42.0.0/20")
        .blackhole(true)
        .send()
        .await
        .expect("CreateTransitGatewayRoute");
    let iam = aws_sdk_iam::Client::new(config);
    iam.create_role()
        .role_name(TAKEN_ROLE)
        .path("/someone-else/")
        .assume_role_policy_document(
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#,
        )
        .send()
        .await
        .expect("CreateRole");
}
