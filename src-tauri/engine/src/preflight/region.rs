//! The environment's region is enabled (the plan refused a disabled one) and the plan's two
//! Availability Zones are still usable there, by the one rule the plan chose them with
//! (`discovery::list_zones` and `ZoneInfo::is_usable`).

use super::model::Check;
use super::scope::{told, Scope};
use crate::network::discovery::list_zones;

const ID: &str = "region";
const TITLE: &str = "Region and Availability Zones";

pub(crate) async fn check(scope: &Scope) -> Check {
    let region = &scope.plan.region;
    let zones = match list_zones(&scope.clients.ec2, &scope.ctx).await {
        Ok(zones) => zones,
        Err(e) => {
            return Check::warning(ID, TITLE, format!("The zones of {region} could not be read."))
                .what_to_do("Allow ec2:DescribeAvailabilityZones to this identity, then run the preflight again.")
                .detail(told(&e))
        }
    };
    let mut usable: Vec<&str> = zones.iter().filter(|z| z.is_usable()).map(|z| z.name.as_str()).collect();
    usable.sort_unstable();
    usable.dedup();
    let detail = format!(
        "region {region}: enabled\nzones usable: {}\nthe environment uses {} and {}",
        usable.join(", "),
        scope.plan.zones[0],
        scope.plan.zones[1]
    );
    let missing: Vec<&str> = scope.plan.zones.iter().map(String::as_str).filter(|z| !usable.contains(z)).collect();
    if !missing.is_empty() {
        return Check::failure(
            ID,
            TITLE,
            format!(
                "The environment's Availability Zone{} {} not available in {region}.",
                if missing.len() == 1 { "" } else { "s" },
                if missing.len() == 1 {
                    format!("{} is", missing[0])
                } else {
                    format!("{} are", missing.join(" and "))
                }
            ),
        )
        .what_to_do("Pick another region on the Region step.")
        .detail(detail);
    }
    Check::pass(ID, TITLE, format!("{region} is enabled and has {} Availability Zones available.", usable.len()))
        .detail(detail)
}
