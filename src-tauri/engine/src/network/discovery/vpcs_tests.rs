//! What moto cannot show: DescribeVpcs pagination (moto never paginates), throttling that
//! the SDK retries, and one region failing while the others are read.

use std::time::Duration;

use aws_sdk_ec2::config::retry::RetryConfig;
use aws_sdk_ec2::config::Region;
use aws_sdk_ec2::operation::describe_vpcs::DescribeVpcsOutput;
use aws_sdk_ec2::types::{Tag, Vpc, VpcCidrBlockAssociation, VpcCidrBlockState, VpcCidrBlockStateCode};
use aws_smithy_mocks::{mock, mock_client, Rule, RuleMode};

use super::*;
use crate::failure::ErrorCode;

fn vpc(id: &str, cidr: &str, secondary: &[(&str, VpcCidrBlockStateCode)], name: Option<&str>) -> Vpc {
    let assoc = |c: &str, state: VpcCidrBlockStateCode| {
        VpcCidrBlockAssociation::builder()
            .cidr_block(c)
            .association_id(format!("vpc-cidr-assoc-{c}"))
            .cidr_block_state(VpcCidrBlockState::builder().state(state).build())
            .build()
    };
    let mut b = Vpc::builder()
        .vpc_id(id)
        .cidr_block(cidr)
        .is_default(false)
        .cidr_block_association_set(assoc(cidr, VpcCidrBlockStateCode::Associated));
    for (c, state) in secondary {
        b = b.cidr_block_association_set(assoc(c, state.clone()));
    }
    if let Some(name) = name {
        b = b.tags(Tag::builder().key("Name").value(name).build());
    }
    b.build()
}

fn ec2_error(code: &str, message: &str) -> String {
    format!("<Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors><RequestID>req-1</RequestID></Response>")
}

fn client(region: &str, rules: &[&Rule]) -> aws_sdk_ec2::Client {
    let region = region.to_owned();
    mock_client!(aws_sdk_ec2, RuleMode::MatchAny, rules.iter().copied(), move |c: aws_sdk_ec2::config::Builder| c
        .region(Region::new(region.clone()))
        .retry_config(RetryConfig::standard().with_max_attempts(3).with_initial_backoff(Duration::from_millis(1))))
}

#[tokio::test]
async fn every_page_of_describe_vpcs_is_read() {
    let page1 =
        mock!(aws_sdk_ec2::Client::describe_vpcs).match_requests(|r| r.next_token().is_none()).then_output(|| {
            DescribeVpcsOutput::builder()
                .vpcs(vpc("vpc-1", "10.0.0.0/16", &[], Some("one")))
                .next_token("page-2")
                .build()
        });
    let page2 =
        mock!(aws_sdk_ec2::Client::describe_vpcs).match_requests(|r| r.next_token() == Some("page-2")).then_output(
            || DescribeVpcsOutput::builder().vpcs(vpc("vpc-2", "10.1.0.0/16", &[], None)).next_token("page-3").build(),
        );
    let page3 = mock!(aws_sdk_ec2::Client::describe_vpcs)
        .match_requests(|r| r.next_token() == Some("page-3"))
        .then_output(|| DescribeVpcsOutput::builder().vpcs(vpc("vpc-3", "10.2.0.0/16", &[], None)).build());
    let ec2 = client("us-east-1", &[&page1, &page2, &page3]);
    let vpcs = read_region_vpcs(&ec2, "us-east-1", &CallContext::default()).await.unwrap();
    assert_eq!(vpcs.iter().map(|v| v.vpc_id.as_str()).collect::<Vec<_>>(), vec!["vpc-1", "vpc-2", "vpc-3"]);
    assert_eq!(page3.num_calls(), 1);
}

#[tokio::test]
async fn secondary_blocks_are_kept_and_disassociated_ones_dropped() {
    let rule = mock!(aws_sdk_ec2::Client::describe_vpcs).then_output(|| {
        DescribeVpcsOutput::builder()
            .vpcs(vpc(
                "vpc-1",
                "10.0.0.0/16",
                &[
                    ("10.1.0.0/16", VpcCidrBlockStateCode::Associated),
                    ("10.2.0.0/16", VpcCidrBlockStateCode::Associating),
                    ("10.3.0.0/16", VpcCidrBlockStateCode::Disassociated),
                ],
                Some("core"),
            ))
            .build()
    });
    let ec2 = client("eu-west-1", &[&rule]);
    let vpcs = read_region_vpcs(&ec2, "eu-west-1", &CallContext::default()).await.unwrap();
    let blocks: Vec<(String, bool, &str)> =
        vpcs[0].cidr_blocks.iter().map(|b| (b.cidr.to_string(), b.primary, b.state.as_str())).collect();
    assert_eq!(
        blocks,
        vec![
            ("10.0.0.0/16".to_owned(), true, "associated"),
            ("10.1.0.0/16".to_owned(), false, "associated"),
            ("10.2.0.0/16".to_owned(), false, "associating"),
        ]
    );
    assert_eq!(vpcs[0].name.as_deref(), Some("core"));
    assert_eq!(vpcs[0].region, "eu-west-1");
}

#[tokio::test]
async fn throttling_is_retried_by_the_sdk() {
    let rule = mock!(aws_sdk_ec2::Client::describe_vpcs)
        .sequence()
        .http_status(503, Some(ec2_error("RequestLimitExceeded", "Request limit exceeded.")))
        .times(2)
        .output(|| DescribeVpcsOutput::builder().vpcs(vpc("vpc-9", "10.9.0.0/16", &[], None)).build())
        .build();
    let ec2 = client("us-west-2", &[&rule]);
    let vpcs = read_region_vpcs(&ec2, "us-west-2", &CallContext::default()).await.unwrap();
    assert_eq!(vpcs.len(), 1);
    assert_eq!(rule.num_calls(), 3, "two throttled attempts, then the answer");
}

#[tokio::test]
async fn one_region_failing_does_not_fail_the_others_and_is_named() {
    let ok = mock!(aws_sdk_ec2::Client::describe_vpcs)
        .then_output(|| DescribeVpcsOutput::builder().vpcs(vpc("vpc-ok", "10.0.0.0/16", &[], None)).build());
    let denied = mock!(aws_sdk_ec2::Client::describe_vpcs).then_http_response(|| {
        aws_smithy_runtime_api::client::orchestrator::HttpResponse::new(
            aws_smithy_runtime_api::http::StatusCode::try_from(403).unwrap(),
            aws_smithy_types::body::SdkBody::from(ec2_error(
                "UnauthorizedOperation",
                "You are not authorized to perform this operation.",
            )),
        )
    });
    let throttled = mock!(aws_sdk_ec2::Client::describe_vpcs)
        .sequence()
        .http_status(503, Some(ec2_error("RequestLimitExceeded", "Request limit exceeded.")))
        .repeatedly()
        .build();
    let regions: Vec<String> = ["ap-south-1", "eu-west-1", "us-east-1"].map(String::from).to_vec();
    let discovery = discover_vpcs(
        &regions,
        |region| match region {
            "eu-west-1" => client(region, &[&denied]),
            "ap-south-1" => client(region, &[&throttled]),
            _ => client(region, &[&ok]),
        },
        &CallContext::default(),
        MAX_REGIONS_IN_FLIGHT,
    )
    .await;
    assert_eq!(discovery.regions, vec!["us-east-1"]);
    assert_eq!(discovery.vpcs.len(), 1);
    assert_eq!(discovery.vpcs[0].region, "us-east-1");
    assert_eq!(discovery.unread_regions(), vec!["ap-south-1", "eu-west-1"]);
    assert_eq!(discovery.failed[0].error.code, ErrorCode::Throttled);
    assert_eq!(discovery.failed[1].error.code, ErrorCode::AccessDenied);
    assert!(discovery.failed[1].error.message.contains("ec2:DescribeVpcs"));
    assert_eq!(throttled.num_calls(), 3, "the SDK retried before giving up");
}

#[tokio::test]
async fn existing_blocks_carry_the_vpc_they_belong_to() {
    let rule = mock!(aws_sdk_ec2::Client::describe_vpcs).then_output(|| {
        DescribeVpcsOutput::builder()
            .vpcs(vpc("vpc-1", "10.0.0.0/16", &[("10.1.0.0/16", VpcCidrBlockStateCode::Associated)], Some("core")))
            .build()
    });
    let discovery = discover_vpcs(&["us-east-1".to_owned()], |r| client(r, &[&rule]), &CallContext::default(), 4).await;
    let blocks = discovery.existing_blocks();
    assert_eq!(blocks.len(), 2);
    assert!(blocks.iter().all(|b| b.vpc_id == "vpc-1" && b.region == "us-east-1" && b.name.as_deref() == Some("core")));
}
