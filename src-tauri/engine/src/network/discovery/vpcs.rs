//! Every VPC of the given regions, read concurrently: all regions in flight at once (up to
//! a cap), each paginated with the SDK's paginator. A region that cannot be read is named
//! with its reason; it does not fail the others.

use futures_util::{stream, StreamExt};
use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::aws::{AwsError, CallContext};
use crate::failure::Explain as _;
use crate::failure::Failure;
use crate::network::cidr::ExistingBlock;

/// The commercial partition has about 30 regions; reading them all at once is what makes
/// discovery take one round trip, and the cap keeps a huge list from opening a socket each.
pub const MAX_REGIONS_IN_FLIGHT: usize = 32;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VpcCidrBlock {
    #[ts(type = "string")]
    pub cidr: Ipv4Net,
    pub primary: bool,
    /// `associated` or `associating` (blocks being removed are left out).
    pub state: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DiscoveredVpc {
    pub vpc_id: String,
    pub region: String,
    pub name: Option<String>,
    pub is_default: bool,
    pub cidr_blocks: Vec<VpcCidrBlock>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RegionFailure {
    pub region: String,
    pub error: Failure,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Discovery {
    /// The regions that were read, sorted.
    pub regions: Vec<String>,
    /// Sorted by region, then VPC ID.
    pub vpcs: Vec<DiscoveredVpc>,
    /// The regions that could not be read, and why.
    pub failed: Vec<RegionFailure>,
}

impl Discovery {
    /// Every block of every VPC, as the CIDR planner takes them.
    pub fn existing_blocks(&self) -> Vec<ExistingBlock> {
        self.vpcs
            .iter()
            .flat_map(|vpc| {
                vpc.cidr_blocks.iter().map(|b| ExistingBlock {
                    cidr: b.cidr,
                    vpc_id: vpc.vpc_id.clone(),
                    name: vpc.name.clone(),
                    region: vpc.region.clone(),
                })
            })
            .collect()
    }

    pub fn unread_regions(&self) -> Vec<String> {
        self.failed.iter().map(|f| f.region.clone()).collect()
    }
}

/// Reads `regions` concurrently with a client per region from `client_for`.
pub async fn discover_vpcs<F>(regions: &[String], client_for: F, ctx: &CallContext, max_in_flight: usize) -> Discovery
where
    F: Fn(&str) -> aws_sdk_ec2::Client,
{
    let results: Vec<(String, Result<Vec<DiscoveredVpc>, AwsError>)> = stream::iter(regions.iter().cloned())
        .map(|region| {
            let ec2 = client_for(&region);
            async move {
                let result = read_region_vpcs(&ec2, &region, ctx).await;
                (region, result)
            }
        })
        .buffer_unordered(max_in_flight.max(1))
        .collect()
        .await;
    let mut discovery = Discovery::default();
    for (region, result) in results {
        match result {
            Ok(vpcs) => {
                discovery.regions.push(region);
                discovery.vpcs.extend(vpcs);
            }
            Err(err) => {
                tracing::warn!(%region, error = %err, "could not read the region's VPCs");
                discovery.failed.push(RegionFailure { region, error: err.failure() });
            }
        }
    }
    discovery.regions.sort();
    discovery.failed.sort_by(|a, b| a.region.cmp(&b.region));
    discovery.vpcs.sort_by(|a, b| (&a.region, &a.vpc_id).cmp(&(&b.region, &b.vpc_id)));
    discovery
}

/// All VPCs of one region, every page.
pub async fn read_region_vpcs(
    ec2: &aws_sdk_ec2::Client,
    region: &str,
    ctx: &CallContext,
) -> Result<Vec<DiscoveredVpc>, AwsError> {
    let vpcs = ec2
        .describe_vpcs()
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .map_err(|e| AwsError::from_sdk(e, "ec2:DescribeVpcs", ctx).in_region(region))?;
    Ok(vpcs.iter().filter_map(|vpc| to_discovered(vpc, region)).collect())
}

fn to_discovered(vpc: &aws_sdk_ec2::types::Vpc, region: &str) -> Option<DiscoveredVpc> {
    let vpc_id = vpc.vpc_id()?.to_owned();
    let primary = vpc.cidr_block().and_then(|c| c.parse::<Ipv4Net>().ok());
    let mut cidr_blocks: Vec<VpcCidrBlock> = vpc
        .cidr_block_association_set()
        .iter()
        .filter_map(|assoc| {
            let state = assoc.cidr_block_state().and_then(|s| s.state()).map(|s| s.as_str().to_owned())?;
            if state != "associated" && state != "associating" {
                return None;
            }
            let cidr = assoc.cidr_block()?.parse::<Ipv4Net>().ok()?;
            Some(VpcCidrBlock { cidr, primary: Some(cidr) == primary, state })
        })
        .collect();
    // The association set normally lists the primary block too; keep it when it does not.
    if let Some(primary) = primary {
        if !cidr_blocks.iter().any(|b| b.cidr == primary) {
            cidr_blocks.insert(0, VpcCidrBlock { cidr: primary, primary: true, state: "associated".into() });
        }
    }
    cidr_blocks.sort_by_key(|b| (!b.primary, b.cidr));
    Some(DiscoveredVpc {
        vpc_id,
        region: region.to_owned(),
        name: vpc.tags().iter().find(|t| t.key() == Some("Name")).and_then(|t| t.value()).map(str::to_owned),
        is_default: vpc.is_default().unwrap_or(false),
        cidr_blocks,
    })
}

#[cfg(test)]
#[path = "vpcs_tests.rs"]
mod tests;
