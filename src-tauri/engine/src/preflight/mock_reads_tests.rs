//! The checks that read through the engine's own calls, with aws-smithy-mocks: the zones by
//! `discovery::list_zones` and `ZoneInfo::is_usable` (not a filter AWS applies), the names by
//! `access::get_role` and `policy_exists`, errors in `aws::error`'s words, and quota usage
//! counted over every page.

use aws_sdk_ec2::operation::describe_availability_zones::DescribeAvailabilityZonesOutput;
use aws_sdk_ec2::operation::describe_vpcs::DescribeVpcsOutput;
use aws_sdk_ec2::types::{AvailabilityZone, AvailabilityZoneOptInStatus, AvailabilityZoneState, Vpc};
use aws_sdk_iam::operation::get_policy::GetPolicyOutput;
use aws_sdk_iam::operation::get_role::GetRoleOutput;
use aws_sdk_iam::types::Role;
use aws_sdk_servicequotas::operation::get_service_quota::GetServiceQuotaOutput;
use aws_sdk_servicequotas::types::ServiceQuota;
use aws_smithy_mocks::{mock, Rule};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;

use super::mock_tests::{error, iam_error, scope, Rules};
use super::model::CheckOutcome;
use super::{names, quotas, region};

fn zone(name: &str, kind: &str, state: AvailabilityZoneState) -> AvailabilityZone {
    AvailabilityZone::builder()
        .zone_name(name)
        .zone_type(kind)
        .state(state)
        .opt_in_status(if kind == "availability-zone" {
            AvailabilityZoneOptInStatus::OptInNotRequired
        } else {
            AvailabilityZoneOptInStatus::OptedIn
        })
        .build()
}

/// Every zone listed, whatever filter is asked: the rule is the app's, not AWS's.
fn zones(listed: Vec<AvailabilityZone>) -> Rule {
    mock!(aws_sdk_ec2::Client::describe_availability_zones).then_output(move || {
        DescribeAvailabilityZonesOutput::builder().set_availability_zones(Some(listed.clone())).build()
    })
}

#[tokio::test]
async fn mock_a_plan_zone_that_is_impaired_fails_and_a_local_zone_does_not_count() {
    let listed = zones(vec![
        zone("eu-west-1a", "availability-zone", AvailabilityZoneState::Available),
        zone("eu-west-1b", "availability-zone", AvailabilityZoneState::Impaired),
        zone("eu-west-1c", "availability-zone", AvailabilityZoneState::Available),
        zone("eu-west-1-lhr-1a", "local-zone", AvailabilityZoneState::Available),
    ]);
    let check = region::check(&scope(Rules { ec2: vec![&listed], ..Default::default() })).await;
    assert_eq!(check.outcome, CheckOutcome::Failure, "{check:?}");
    assert_eq!(check.summary, "The environment's Availability Zone eu-west-1b is not available in eu-west-1.");
    assert!(check.detail.contains("zones usable: eu-west-1a, eu-west-1c\n"), "{}", check.detail);
}

#[tokio::test]
async fn mock_the_plans_zones_usable_pass_without_counting_a_local_zone() {
    let listed = zones(vec![
        zone("eu-west-1b", "availability-zone", AvailabilityZoneState::Available),
        zone("eu-west-1a", "availability-zone", AvailabilityZoneState::Available),
        zone("eu-west-1-lhr-1a", "local-zone", AvailabilityZoneState::Available),
    ]);
    let check = region::check(&scope(Rules { ec2: vec![&listed], ..Default::default() })).await;
    assert_eq!(check.outcome, CheckOutcome::Pass, "{check:?}");
    assert_eq!(check.summary, "eu-west-1 is enabled and has 2 Availability Zones available.");
}

#[tokio::test]
async fn mock_zones_that_cannot_be_read_are_a_warning_in_aws_errors_words() {
    let denied = mock!(aws_sdk_ec2::Client::describe_availability_zones).then_http_response(|| {
        error(403, "<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>req-1</RequestID></Response>".to_owned())
    });
    let check = region::check(&scope(Rules { ec2: vec![&denied], ..Default::default() })).await;
    assert_eq!(check.outcome, CheckOutcome::Warning, "{check:?}");
    assert_eq!(check.detail, "Access denied: this identity may not call ec2:DescribeAvailabilityZones.");
}

fn role_found() -> Rule {
    mock!(aws_sdk_iam::Client::get_role).then_output(|| {
        GetRoleOutput::builder()
            .role(
                Role::builder()
                    .path("/")
                    .role_name("x")
                    .role_id("AROA0000000000000000")
                    .arn("arn:aws:iam::123456789012:role/x")
                    .create_date(aws_smithy_types::DateTime::from_secs(0))
                    .build()
                    .unwrap(),
            )
            .build()
    })
}

/// IAM's NoSuchEntity (HTTP 404), as its query protocol returns it.
fn not_found() -> HttpResponse {
    error(
        404,
        "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The entity cannot be found.</Message></Error><RequestId>1</RequestId></ErrorResponse>".to_owned(),
    )
}

#[tokio::test]
async fn mock_a_role_of_the_installations_name_held_elsewhere_fails_the_names() {
    let (role, policy) = (role_found(), mock!(aws_sdk_iam::Client::get_policy).then_http_response(not_found));
    let check = names::check(&scope(Rules { iam: vec![&role, &policy], ..Default::default() })).await;
    assert_eq!(check.outcome, CheckOutcome::Failure, "{check:?}");
    assert!(check.summary.starts_with("Already taken by something else: IAM role "), "{}", check.summary);
    assert!(check.detail.contains(": free"), "the policy is free: {}", check.detail);
}

#[tokio::test]
async fn mock_a_name_that_cannot_be_read_is_a_warning_in_aws_errors_words() {
    let role = mock!(aws_sdk_iam::Client::get_role).then_http_response(not_found);
    let denied = mock!(aws_sdk_iam::Client::get_policy).then_http_response(|| {
        iam_error(
            "AccessDenied",
            "User: arn:aws:iam::123456789012:user/admin is not authorized to perform: iam:GetPolicy",
        )
    });
    let check = names::check(&scope(Rules { iam: vec![&role, &denied], ..Default::default() })).await;
    assert_eq!(check.outcome, CheckOutcome::Warning, "{check:?}");
    assert!(
        check.detail.contains("could not be read (Access denied: this identity may not call iam:GetPolicy.)"),
        "{}",
        check.detail
    );
    let policy = mock!(aws_sdk_iam::Client::get_policy).then_output(|| GetPolicyOutput::builder().build());
    let check = names::check(&scope(Rules { iam: vec![&role, &policy], ..Default::default() })).await;
    assert_eq!(check.outcome, CheckOutcome::Failure, "a policy of the boundary's name is taken: {check:?}");
}

#[tokio::test]
async fn mock_vpcs_are_counted_over_every_page() {
    let page = |from: usize, next: Option<&'static str>| {
        move || {
            let vpcs = (from..from + 3).map(|i| Vpc::builder().vpc_id(format!("vpc-{i:08}")).build());
            DescribeVpcsOutput::builder().set_vpcs(Some(vpcs.collect())).set_next_token(next.map(str::to_owned)).build()
        }
    };
    let first = mock!(aws_sdk_ec2::Client::describe_vpcs)
        .match_requests(|r| r.next_token().is_none())
        .then_output(page(0, Some("page-2")));
    let second = mock!(aws_sdk_ec2::Client::describe_vpcs)
        .match_requests(|r| r.next_token() == Some("page-2"))
        .then_output(page(3, None));
    let quota = mock!(aws_sdk_servicequotas::Client::get_service_quota).then_output(|| {
        GetServiceQuotaOutput::builder()
            .quota(ServiceQuota::builder().service_code("vpc").quota_code("L-F678F1CE").value(5.0).build())
            .build()
    });
    let rules = Rules { ec2: vec![&first, &second], quotas: vec![&quota], ..Default::default() };
    let check = quotas::vpcs(&scope(rules)).await;
    assert_eq!((first.num_calls(), second.num_calls()), (1, 1));
    // Six VPCs over two pages are over the quota of five; the first page alone would not be.
    assert_eq!(check.outcome, CheckOutcome::Failure, "{check:?}");
    assert!(check.detail.contains("6 in use, 1 to add, quota 5"), "{}", check.detail);
}
