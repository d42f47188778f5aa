//! The two Availability Zones the environment goes in, chosen from `ec2:DescribeAvailabilityZones`
//! in its region.
//!
//! The list mixes Availability Zones with the Local Zones and Wavelength Zones the account has
//! opted in to. An application load balancer needs subnets in two zones of the same type, and
//! Local and Wavelength Zones lack most of what the environment uses, so only zones of type
//! `availability-zone` in state `available` count; AWS documents that such a zone's opt-in
//! status is always `opt-in-not-required`, so a zone saying anything else is left out too.
//! The first two by name are chosen (the order AWS lists zones in is not guaranteed).
//!
//! This replaces the template's `Fn::GetAZs`, which lists only the zones that have a default
//! subnet whenever any zone has one: with a default VPC whose only subnet is in one zone, it
//! gives one zone, and the environment cannot be created.

use aws_sdk_ec2::types::{AvailabilityZoneOptInStatus, AvailabilityZoneState};

use crate::aws::{AwsError, CallContext};

/// A zone as DescribeAvailabilityZones lists it, with what decides whether it is usable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZoneInfo {
    pub name: String,
    /// `availability-zone`, `local-zone` or `wavelength-zone`.
    pub zone_type: Option<String>,
    /// `available`, `information`, `impaired`, `unavailable` or `constrained`.
    pub state: Option<AvailabilityZoneState>,
    /// `opt-in-not-required` (every Availability Zone), `opted-in` or `not-opted-in`.
    pub opt_in_status: Option<AvailabilityZoneOptInStatus>,
}

impl ZoneInfo {
    /// Whether the environment may use it.
    pub fn is_usable(&self) -> bool {
        let opt_in_ok = matches!(self.opt_in_status, None | Some(AvailabilityZoneOptInStatus::OptInNotRequired));
        self.zone_type.as_deref() == Some("availability-zone")
            && self.state == Some(AvailabilityZoneState::Available)
            && opt_in_ok
    }

    /// Why it is not usable, in a few words (for the error when too few are).
    fn why_not(&self) -> String {
        match (self.zone_type.as_deref(), &self.state) {
            (Some(kind), _) if kind != "availability-zone" => format!("{} is a {kind}", self.name),
            (_, Some(state)) if *state != AvailabilityZoneState::Available => {
                format!("{} is {}", self.name, state.as_str())
            }
            _ => format!("{} is not an available Availability Zone", self.name),
        }
    }
}

/// Fewer than two zones of the region can hold the environment.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "region {region} has {} usable Availability Zone{}{}, and the environment needs two (its load balancer spans two zones){}",
    usable.len(),
    if usable.len() == 1 { "" } else { "s" },
    if usable.is_empty() { String::new() } else { format!(" ({})", usable.join(", ")) },
    if others.is_empty() { String::new() } else { format!("; {}", others.join(", ")) }
)]
pub struct TooFewZones {
    pub region: String,
    pub usable: Vec<String>,
    /// The zones left out, and why.
    pub others: Vec<String>,
}

/// Every zone DescribeAvailabilityZones lists in the client's region, in the order listed.
pub async fn list_zones(ec2: &aws_sdk_ec2::Client, ctx: &CallContext) -> Result<Vec<ZoneInfo>, AwsError> {
    let out = ec2.describe_availability_zones().send().await.map_err(|e| {
        let err = AwsError::from_sdk(e, "ec2:DescribeAvailabilityZones", ctx);
        match ec2.config().region() {
            Some(region) => err.in_region(region.as_ref()),
            None => err,
        }
    })?;
    Ok(out
        .availability_zones()
        .iter()
        .filter_map(|z| {
            Some(ZoneInfo {
                name: z.zone_name()?.to_owned(),
                zone_type: z.zone_type().map(str::to_owned),
                state: z.state().cloned(),
                opt_in_status: z.opt_in_status().cloned(),
            })
        })
        .collect())
}

/// The first two usable zones of `zones` by name, or why there are not two.
pub fn choose_zones(region: &str, zones: &[ZoneInfo]) -> Result<[String; 2], TooFewZones> {
    let mut usable: Vec<String> = zones.iter().filter(|z| z.is_usable()).map(|z| z.name.clone()).collect();
    usable.sort();
    usable.dedup();
    match usable.as_slice() {
        [first, second, ..] => Ok([first.clone(), second.clone()]),
        _ => {
            let mut others: Vec<&ZoneInfo> = zones.iter().filter(|z| !z.is_usable()).collect();
            others.sort_by(|a, b| a.name.cmp(&b.name));
            Err(TooFewZones {
                region: region.to_owned(),
                usable,
                others: others.into_iter().map(ZoneInfo::why_not).collect(),
            })
        }
    }
}

/// The two zones for the environment in the client's region `region`.
pub async fn environment_zones(
    ec2: &aws_sdk_ec2::Client,
    region: &str,
    ctx: &CallContext,
) -> Result<[String; 2], crate::Error> {
    let zones = list_zones(ec2, ctx).await?;
    Ok(choose_zones(region, &zones)?)
}

#[cfg(test)]
#[path = "zones_tests.rs"]
mod tests;
