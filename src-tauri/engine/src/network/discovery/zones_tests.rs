//! The zone choice against DescribeAvailabilityZones answers shaped like AWS's (aws-smithy-mocks:
//! moto lists plain Availability Zones only, without Local or Wavelength Zones, opt-in status
//! or impaired zones).

use aws_sdk_ec2::operation::describe_availability_zones::DescribeAvailabilityZonesOutput;
use aws_sdk_ec2::operation::describe_subnets::DescribeSubnetsOutput;
use aws_sdk_ec2::types::{AvailabilityZone, AvailabilityZoneOptInStatus, AvailabilityZoneState, Subnet};
use aws_smithy_mocks::{mock, mock_client, RuleMode};

use super::*;
use crate::ErrorCode;
use crate::Explain as _;

fn zone(name: &str, kind: &str, state: AvailabilityZoneState, opt_in: AvailabilityZoneOptInStatus) -> AvailabilityZone {
    AvailabilityZone::builder()
        .zone_name(name)
        .zone_id(format!("usw2-{name}"))
        .zone_type(kind)
        .state(state)
        .opt_in_status(opt_in)
        .region_name("us-west-2")
        .group_name(if kind == "availability-zone" { "us-west-2-zg-1" } else { "us-west-2-lax-1" })
        .network_border_group(if kind == "availability-zone" { "us-west-2" } else { name })
        .build()
}

fn az(name: &str, state: AvailabilityZoneState) -> AvailabilityZone {
    zone(name, "availability-zone", state, AvailabilityZoneOptInStatus::OptInNotRequired)
}

/// us-west-2 as an account opted in to the Los Angeles Local Zone sees it while us-west-2b is
/// impaired, listed in no particular order (AWS does not guarantee one), with a Wavelength
/// Zone the account has not opted in to.
fn us_west_2_with_local_zones() -> DescribeAvailabilityZonesOutput {
    DescribeAvailabilityZonesOutput::builder()
        .availability_zones(zone(
            "us-west-2-lax-1a",
            "local-zone",
            AvailabilityZoneState::Available,
            AvailabilityZoneOptInStatus::OptedIn,
        ))
        .availability_zones(az("us-west-2d", AvailabilityZoneState::Available))
        .availability_zones(az("us-west-2b", AvailabilityZoneState::Impaired))
        .availability_zones(zone(
            "us-west-2-wl1-den-wlz-1",
            "wavelength-zone",
            AvailabilityZoneState::Available,
            AvailabilityZoneOptInStatus::NotOptedIn,
        ))
        .availability_zones(az("us-west-2c", AvailabilityZoneState::Available))
        .availability_zones(az("us-west-2a", AvailabilityZoneState::Available))
        .build()
}

/// The default VPC of the account has a default subnet in one zone only: what makes the
/// template's old `Fn::GetAZs` return a single zone.
fn one_default_subnet() -> DescribeSubnetsOutput {
    DescribeSubnetsOutput::builder()
        .subnets(
            Subnet::builder()
                .subnet_id("subnet-0default")
                .vpc_id("vpc-0default")
                .availability_zone("us-west-2c")
                .cidr_block("172.31.0.0/20")
                .default_for_az(true)
                .build(),
        )
        .build()
}

#[tokio::test]
async fn mock_an_account_whose_az_list_has_one_default_subnet_gets_two_available_availability_zones() {
    let zones = mock!(aws_sdk_ec2::Client::describe_availability_zones).then_output(us_west_2_with_local_zones);
    let subnets = mock!(aws_sdk_ec2::Client::describe_subnets).then_output(one_default_subnet);
    let ec2 = mock_client!(aws_sdk_ec2, RuleMode::MatchAny, [&zones, &subnets]);

    let chosen = environment_zones(&ec2, "us-west-2", &CallContext::default()).await.unwrap();

    // Not the Local Zone (first in the list), not the impaired us-west-2b, not the Wavelength Zone.
    assert_eq!(chosen, ["us-west-2a".to_owned(), "us-west-2c".to_owned()]);
    assert_eq!(zones.num_calls(), 1);
    // The choice does not depend on where the default subnets are.
    assert_eq!(subnets.num_calls(), 0);
}

#[tokio::test]
async fn mock_a_region_with_one_usable_availability_zone_is_refused_naming_the_region_and_the_zones() {
    let zones = mock!(aws_sdk_ec2::Client::describe_availability_zones).then_output(|| {
        DescribeAvailabilityZonesOutput::builder()
            .availability_zones(az("us-west-2a", AvailabilityZoneState::Available))
            .availability_zones(az("us-west-2b", AvailabilityZoneState::Unavailable))
            .availability_zones(zone(
                "us-west-2-lax-1a",
                "local-zone",
                AvailabilityZoneState::Available,
                AvailabilityZoneOptInStatus::OptedIn,
            ))
            .build()
    });
    let ec2 = mock_client!(aws_sdk_ec2, [&zones]);

    let err = environment_zones(&ec2, "us-west-2", &CallContext::default()).await.unwrap_err();

    let failure = err.failure();
    assert_eq!(failure.code, ErrorCode::InvalidInput);
    assert!(
        failure.message.contains("Region us-west-2 has 1 usable Availability Zone (us-west-2a)"),
        "{}",
        failure.message
    );
    assert!(failure.message.contains("needs two"), "{}", failure.message);
    assert!(failure.message.contains("us-west-2-lax-1a is a local-zone"), "{}", failure.message);
    assert!(failure.message.contains("us-west-2b is unavailable"), "{}", failure.message);
    assert!(failure.hint.as_deref().is_some_and(|h| h.contains("another region")), "{:?}", failure.hint);
}

#[test]
fn a_zone_without_an_opt_in_status_counts_as_an_availability_zone_when_its_type_says_so() {
    // moto leaves OptInStatus out; AWS documents it as always opt-in-not-required for an
    // Availability Zone, so the type and the state decide.
    let bare = |name: &str| ZoneInfo {
        name: name.to_owned(),
        zone_type: Some("availability-zone".to_owned()),
        state: Some(AvailabilityZoneState::Available),
        opt_in_status: None,
    };
    assert_eq!(
        choose_zones("us-east-1", &[bare("us-east-1b"), bare("us-east-1a")]).unwrap(),
        ["us-east-1a".to_owned(), "us-east-1b".to_owned()]
    );
    let untyped = ZoneInfo { zone_type: None, ..bare("us-east-1c") };
    assert!(!untyped.is_usable());
    let opted_in = ZoneInfo { opt_in_status: Some(AvailabilityZoneOptInStatus::OptedIn), ..bare("us-east-1d") };
    assert!(!opted_in.is_usable());
    let err = choose_zones("eu-south-9", &[]).unwrap_err();
    assert_eq!(err.to_string(), "region eu-south-9 has 0 usable Availability Zones, and the environment needs two (its load balancer spans two zones)");
}
