//! Regions, account-wide VPC discovery and CIDR planning against moto, with awkward layouts
//! seeded: secondary blocks, adjacent and nested blocks, VPCs in many regions, 300+ VPCs
//! in one region. (Pagination, throttling and a failing region are covered with
//! aws-smithy-mocks in the engine: moto never paginates DescribeVpcs and never fails.)

use std::collections::BTreeSet;

use engine::network::cidr::{Problem, Relation};
use engine::network::discovery::OptInStatus;
use engine::network::parse_avoid;
use engine::Explain as _;
use engine::{Engine, ErrorCode};
use futures_util::{stream, StreamExt};
use private_deploy_tests::sandbox::PROFILE;
use private_deploy_tests::seed::{self, ec2_in};
use private_deploy_tests::{exclusive, Sandbox};

async fn signed_in(sandbox: &Sandbox) -> Engine {
    let engine = sandbox.engine();
    engine.sign_in(Some(PROFILE.into()), None).await.expect("sign in");
    engine
}

async fn create_vpcs(engine: &Engine, region: &str, cidrs: &[String]) -> Vec<String> {
    let ec2 = ec2_in(&engine.active().unwrap().session.config, region);
    stream::iter(cidrs.iter().cloned())
        .map(|cidr| {
            let ec2 = ec2.clone();
            async move {
                let out = ec2.create_vpc().cidr_block(&cidr).send().await.unwrap_or_else(|e| panic!("{cidr}: {e:?}"));
                out.vpc().unwrap().vpc_id().unwrap().to_owned()
            }
        })
        .buffered(8)
        .collect()
        .await
}

#[tokio::test]
async fn regions_are_the_aws_partition_with_opt_in_status() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = signed_in(&sandbox).await;
    let regions = engine.regions().await.unwrap();
    assert!(
        regions.iter().all(|r| !r.name.starts_with("cn-") && !r.name.starts_with("us-gov-")),
        "other partitions leaked"
    );
    let enabled: Vec<&str> = regions.iter().filter(|r| r.enabled).map(|r| r.name.as_str()).collect();
    assert_eq!(enabled.len(), 20, "moto enables 20 regions of the aws partition: {enabled:?}");
    assert!(enabled.contains(&"us-east-1") && enabled.contains(&"eu-west-1"));
    let disabled: Vec<_> = regions.iter().filter(|r| !r.enabled).collect();
    assert!(!disabled.is_empty());
    assert!(disabled.iter().all(|r| r.opt_in_status == OptInStatus::NotOptedIn));
    let names: Vec<&str> = regions.iter().map(|r| r.name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);

    let off = disabled[0].name.clone();
    let failure = engine.enabled_region(&off).await.unwrap_err().failure();
    assert_eq!(failure.code, ErrorCode::RegionDisabled);
    assert!(failure.hint.unwrap().contains("AWS Regions"));
}

#[tokio::test]
async fn discovery_finds_every_seeded_vpc_with_all_its_blocks() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = signed_in(&sandbox).await;
    let seed_file = seed::sandbox_seed();
    let ids = seed::apply(&engine.active().unwrap().session.config, &seed_file).await;

    let found = engine.discovery(true).await.unwrap();
    assert!(found.failed.is_empty(), "{:?}", found.failed);
    assert_eq!(found.regions.len(), 20);
    for (vpc, id) in seed_file.vpcs.iter().zip(&ids) {
        let got = found.vpcs.iter().find(|v| &v.vpc_id == id).unwrap_or_else(|| panic!("{id} not discovered"));
        assert_eq!(got.region, vpc.region);
        assert_eq!(got.name.as_deref(), Some(vpc.name.as_str()));
        let blocks: BTreeSet<String> = got.cidr_blocks.iter().map(|b| b.cidr.to_string()).collect();
        let expected: BTreeSet<String> =
            std::iter::once(vpc.cidr.clone()).chain(vpc.secondary.iter().cloned()).collect();
        assert_eq!(blocks, expected, "{id}");
        assert!(got.cidr_blocks[0].primary && got.cidr_blocks[0].cidr.to_string() == vpc.cidr);
    }
    // moto makes a default VPC in every region it is asked about.
    let defaults = found.vpcs.iter().filter(|v| v.is_default).count();
    assert_eq!(defaults, 20);
}

#[tokio::test]
async fn three_hundred_vpcs_in_one_region_and_vpcs_in_many_regions_are_all_found() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = signed_in(&sandbox).await;
    let cidrs: Vec<String> = (0..310).map(|i| format!("10.{}.{}.0/24", 200 + i / 256, i % 256)).collect();
    let ids = create_vpcs(&engine, "eu-central-1", &cidrs).await;
    let regions = ["us-east-2", "ca-central-1", "sa-east-1", "ap-northeast-1", "eu-north-1", "eu-west-3"];
    for (i, region) in regions.iter().enumerate() {
        create_vpcs(&engine, region, &[format!("10.{}.0.0/16", 60 + i)]).await;
    }
    let found = engine.discovery(true).await.unwrap();
    let in_frankfurt: BTreeSet<&str> =
        found.vpcs.iter().filter(|v| v.region == "eu-central-1" && !v.is_default).map(|v| v.vpc_id.as_str()).collect();
    assert_eq!(in_frankfurt, ids.iter().map(String::as_str).collect());
    for (i, region) in regions.iter().enumerate() {
        let cidr = format!("10.{}.0.0/16", 60 + i);
        assert!(
            found.vpcs.iter().any(|v| &v.region == region && v.cidr_blocks.iter().any(|b| b.cidr.to_string() == cidr)),
            "{cidr} in {region}"
        );
    }
    // The planner sees every one of them: no suggestion may touch 10.200.0.0/15.
    let suggestions = engine.suggest_cidrs(24, vec![], 5).await.unwrap();
    assert!(suggestions.blocks.iter().all(|b| b.to_string() != "10.200.0.0/24"));
    let report = engine.check_cidr("10.201.20.0/24", vec![], false).await.unwrap();
    assert!(!report.ok);
}

#[tokio::test]
async fn adjacent_and_nested_blocks_are_all_named_and_suggestions_avoid_them() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = signed_in(&sandbox).await;
    // 10.0/16 and 10.1/16 adjacent in us-east-1; 10.2.128.0/20 nested in 10.2.0.0/16 across regions.
    create_vpcs(&engine, "us-east-1", &["10.0.0.0/16".into(), "10.1.0.0/16".into()]).await;
    let outer = create_vpcs(&engine, "us-west-2", &["10.2.0.0/16".into()]).await;
    let inner = create_vpcs(&engine, "eu-west-1", &["10.2.128.0/20".into()]).await;

    let report = engine.check_cidr("10.2.0.0/16", vec![], false).await.unwrap();
    assert!(!report.ok);
    let overlaps: Vec<(&str, &str, Relation)> = report
        .problems
        .iter()
        .filter_map(|p| match p {
            Problem::OverlapsVpc { vpc_id, region, relation, .. } => {
                Some((vpc_id.as_str(), region.as_str(), *relation))
            }
            _ => None,
        })
        .collect();
    assert!(overlaps.contains(&(outer[0].as_str(), "us-west-2", Relation::Equal)), "{overlaps:?}");
    assert!(overlaps.contains(&(inner[0].as_str(), "eu-west-1", Relation::Contains)), "{overlaps:?}");

    let avoid = vec![parse_avoid("10.3.0.0/16", "Database VPC").unwrap()];
    let suggestions = engine.suggest_cidrs(16, avoid.clone(), 3).await.unwrap();
    let blocks: Vec<String> = suggestions.blocks.iter().map(ToString::to_string).collect();
    assert_eq!(blocks, vec!["10.4.0.0/16", "10.5.0.0/16", "10.6.0.0/16"]);
    for block in &blocks {
        assert!(engine.check_cidr(block, avoid.clone(), false).await.unwrap().ok, "{block}");
    }
    let report = engine.check_cidr("10.3.0.0/17", avoid, false).await.unwrap();
    assert!(report
        .problems
        .iter()
        .any(|p| matches!(p, Problem::OverlapsNetwork { label, .. } if label == "Database VPC")));
}

#[tokio::test]
async fn a_chosen_network_is_rechecked_and_journaled() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = signed_in(&sandbox).await;
    create_vpcs(&engine, "us-east-1", &["10.0.0.0/16".into()]).await;

    let refused = engine.choose_network("us-east-1", "10.0.0.0/20", vec![]).await.unwrap_err().failure();
    assert_eq!(refused.code, ErrorCode::InvalidInput);
    assert!(refused.message.contains("10.0.0.0/16"), "{}", refused.message);
    assert_eq!(engine.last_network_choice().await.unwrap(), None, "a refused choice is not recorded");

    let disabled = engine.regions().await.unwrap().iter().find(|r| !r.enabled).unwrap().name.clone();
    let refused = engine.choose_network(&disabled, "10.9.0.0/16", vec![]).await.unwrap_err().failure();
    assert_eq!(refused.code, ErrorCode::RegionDisabled);

    let choice = engine.choose_network("eu-west-1", "10.9.0.0/16", vec![]).await.unwrap();
    assert_eq!(
        (choice.region.as_str(), choice.cidr.to_string().as_str(), choice.account.as_str()),
        ("eu-west-1", "10.9.0.0/16", "123456789012")
    );
    let reopened = sandbox.engine();
    reopened.sign_in(Some(PROFILE.into()), None).await.unwrap();
    assert_eq!(reopened.last_network_choice().await.unwrap(), Some(choice));
}

#[tokio::test]
async fn steps_after_sign_in_refuse_to_run_without_a_session() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let failure = sandbox.engine().regions().await.unwrap_err().failure();
    assert_eq!(failure.code, ErrorCode::NotSignedIn);
}

#[tokio::test]
async fn concurrent_callers_share_one_discovery() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = signed_in(&sandbox).await;
    let (a, b) = tokio::join!(engine.discovery(false), engine.discovery(false));
    assert!(std::sync::Arc::ptr_eq(&a.unwrap(), &b.unwrap()), "the second caller waited for the first answer");
    let (r1, r2) = tokio::join!(engine.regions(), engine.regions());
    assert!(std::sync::Arc::ptr_eq(&r1.unwrap(), &r2.unwrap()));
}
