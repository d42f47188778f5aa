//! What already exists in the account: its regions with their opt-in status, every VPC of
//! every enabled region, read concurrently (the CIDR planner works from this), and the
//! Availability Zones of the environment's region (`zones`).

mod regions;
mod vpcs;
mod zones;

pub use regions::{list_regions, OptInStatus, RegionInfo};
pub use vpcs::{
    discover_vpcs, read_region_vpcs, DiscoveredVpc, Discovery, RegionFailure, VpcCidrBlock, MAX_REGIONS_IN_FLIGHT,
};
pub use zones::{choose_zones, environment_zones, list_zones, TooFewZones, ZoneInfo};
