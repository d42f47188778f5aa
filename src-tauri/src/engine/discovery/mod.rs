//! What already exists in the account: its regions with their opt-in status, and every VPC
//! of every enabled region, read concurrently. The CIDR planner works from this.

mod regions;
mod vpcs;

pub use regions::{list_regions, partition_of_arn, partition_of_region, OptInStatus, RegionInfo};
pub use vpcs::{
    discover_vpcs, read_region_vpcs, DiscoveredVpc, Discovery, RegionFailure, VpcCidrBlock, MAX_REGIONS_IN_FLIGHT,
};
