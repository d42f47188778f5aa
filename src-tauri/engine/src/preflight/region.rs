//! The environment's region is enabled (the plan refused a disabled one) and has two
//! Availability Zones available for its subnets.

use super::model::Check;
use super::scope::{said, Scope};
use aws_sdk_ec2::types::Filter;

const ID: &str = "region";
const TITLE: &str = "Region and Availability Zones";

pub(crate) async fn check(scope: &Scope) -> Check {
    let region = &scope.plan.region;
    let answer = scope
        .clients
        .ec2
        .describe_availability_zones()
        .filters(Filter::builder().name("state").values("available").build())
        .filters(Filter::builder().name("zone-type").values("availability-zone").build())
        .send()
        .await;
    let zones: Vec<String> = match answer {
        Ok(out) => out.availability_zones().iter().filter_map(|z| z.zone_name().map(str::to_owned)).collect(),
        Err(e) => {
            return Check::warning(ID, TITLE, format!("The zones of {region} could not be read."))
                .what_to_do("Allow ec2:DescribeAvailabilityZones to this identity, then run the preflight again.")
                .detail(said(&e))
        }
    };
    let detail = format!(
        "region {region}: enabled\nzones available: {}\nthe environment uses {} and {}",
        zones.join(", "),
        scope.plan.zones[0],
        scope.plan.zones[1]
    );
    let missing: Vec<&String> = scope.plan.zones.iter().filter(|z| !zones.contains(z)).collect();
    if zones.len() < 2 || !missing.is_empty() {
        return Check::failure(
            ID,
            TITLE,
            format!("{region} does not have the environment's two Availability Zones available."),
        )
        .what_to_do("Pick another region on the Region step.")
        .detail(detail);
    }
    Check::pass(ID, TITLE, format!("{region} is enabled and has {} Availability Zones available.", zones.len()))
        .detail(detail)
}
