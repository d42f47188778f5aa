//! The Manage panel's database section as engine calls: whether the customer's database
//! network can be connected to the environment (peering and Transit Gateway need blocks that
//! do not overlap), and the addresses the environment's traffic leaves from.

use ipnet::Ipv4Net;

use crate::access::{self, AccessError, DatabaseCheck, DatabaseInput, NatAddress};
use crate::aws::{self, AwsError};
use crate::engine::Engine;
use crate::failure::Error;
use crate::install::StackKind;
use crate::stacks::cloudformation as cfn;
use aws_sdk_ec2::types::VpcCidrBlockStateCode;

impl Engine {
    /// Whether the database's VPC (an ID, looked up in the environment's region) or network
    /// (a CIDR block) overlaps the environment's block.
    pub async fn database_check(
        &self,
        installation_id: Option<&str>,
        vpc_or_cidr: &str,
    ) -> Result<DatabaseCheck, Error> {
        let r = self.resolve(installation_id).await?;
        let environment = r.record.cidr;
        let region = r.record.region.clone();
        match access::parse_database_input(vpc_or_cidr)? {
            DatabaseInput::Cidr(net) => Ok(access::check_blocks(vpc_or_cidr, None, &region, environment, &[net])),
            DatabaseInput::Vpc(vpc_id) => {
                let ec2 = aws::ec2_in(&r.active.session.config, &region);
                let out = match ec2.describe_vpcs().vpc_ids(&vpc_id).send().await {
                    Ok(out) => out,
                    Err(err)
                        if aws_smithy_types::error::metadata::ProvideErrorMetadata::code(&err)
                            == Some("InvalidVpcID.NotFound") =>
                    {
                        return Err(AccessError::NoSuchVpc { vpc_id, region }.into())
                    }
                    Err(err) => return Err(AwsError::from_sdk(err, "ec2:DescribeVpcs", &r.active.ctx()).into()),
                };
                let blocks: Vec<Ipv4Net> = out
                    .vpcs()
                    .iter()
                    .flat_map(|v| v.cidr_block_association_set())
                    .filter(|a| {
                        a.cidr_block_state().and_then(|s| s.state()) == Some(&VpcCidrBlockStateCode::Associated)
                    })
                    .filter_map(|a| a.cidr_block()?.parse().ok())
                    .collect();
                Ok(access::check_blocks(vpc_or_cidr, Some(vpc_id), &region, environment, &blocks))
            }
        }
    }

    /// The NAT gateway's Elastic IPs: the addresses to allow in the database's firewall.
    pub async fn nat_addresses(&self, installation_id: Option<&str>) -> Result<Vec<NatAddress>, Error> {
        let r = self.resolve(installation_id).await?;
        let ctx = r.active.ctx();
        let (env, state) = self.live_stack(&r, StackKind::Environment).await?.ok_or_else(|| {
            AccessError::NotInEnvironment { installation_id: r.record.installation_id.clone(), what: "stack" }
        })?;
        let cfn_client = aws::cloudformation_in(&r.active.session.config, &env.region);
        let resources = cfn::stack_resources(&cfn_client, &state.stack_id, &ctx).await?;
        let nat_ids: Vec<String> = resources
            .iter()
            .filter(|res| res.resource_type == "AWS::EC2::NatGateway")
            .filter_map(|res| res.physical_id.clone())
            .collect();
        if nat_ids.is_empty() {
            return Err(AccessError::NotInEnvironment {
                installation_id: r.record.installation_id.clone(),
                what: "NAT gateway",
            }
            .into());
        }
        let ec2 = aws::ec2_in(&r.active.session.config, &env.region);
        let out = ec2
            .describe_nat_gateways()
            .set_nat_gateway_ids(Some(nat_ids))
            .send()
            .await
            .map_err(|e| AwsError::from_sdk(e, "ec2:DescribeNatGateways", &ctx))?;
        Ok(out
            .nat_gateways()
            .iter()
            .flat_map(|nat| {
                nat.nat_gateway_addresses().iter().filter_map(|a| {
                    Some(NatAddress {
                        public_ip: a.public_ip()?.to_owned(),
                        allocation_id: a.allocation_id().map(str::to_owned),
                        nat_gateway_id: nat.nat_gateway_id().map(str::to_owned),
                        region: env.region.clone(),
                    })
                })
            })
            .collect())
    }
}
