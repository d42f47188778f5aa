//! Preflight against moto: a clean sandbox account passes (the policy simulator, which moto
//! does not serve, is a warning), leaves no stack behind (the change set's stack is deleted)
//! and the install then works; a crowded account (`crowded.rs`) has every failing check
//! reported at once, each with what to do. The simulator's answers, Service Quotas' applied
//! values and hooks are covered with aws-smithy-mocks in `engine/preflight/mock_*tests.rs`.

use engine::install::{CollectSink, InstallRequest};
use engine::preflight::{CheckOutcome, Preflight};
use engine::Engine;
use private_deploy_tests::crowded::{crowd, ROUTED_BLOCK, TAKEN_ROLE};
use private_deploy_tests::installed::{config, signed_in};
use private_deploy_tests::sandbox::HOME_REGION;
use private_deploy_tests::stacks::{fixture, stack_count, SANDBOX_INVITE};
use private_deploy_tests::{exclusive, Sandbox};

const REGION: &str = "eu-west-1";

fn request(engine: &Engine, cidr: &str) -> InstallRequest {
    InstallRequest {
        invite: engine.open_invite(&fixture(SANDBOX_INVITE)).unwrap().invite,
        region: REGION.to_owned(),
        cidr: cidr.to_owned(),
        use_boundary: false,
        confirmed_vendor_account: None,
    }
}

fn outcome_of(report: &Preflight, id: &str) -> CheckOutcome {
    report.checks.iter().find(|c| c.id == id).unwrap_or_else(|| panic!("no check {id}: {report:#?}")).outcome
}

#[tokio::test]
async fn a_clean_sandbox_passes_leaves_nothing_behind_and_then_installs() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = signed_in(&sandbox).await;
    let config = config(&engine);

    let report = engine.preflight(&request(&engine, ROUTED_BLOCK)).await.unwrap();

    // moto has no policy simulator: that check warns, and the report says so in its outcome.
    assert_eq!((report.outcome, report.failures), (CheckOutcome::Warning, 0), "{report:#?}");
    assert!(report.warnings >= 1, "{report:#?}");
    for id in [
        "names",
        "region",
        "quota-vpcs",
        "quota-internet-gateways",
        "quota-elastic-ips",
        "quota-nat-gateways",
        "quota-load-balancers",
        "quota-iam-roles",
        "network-routes",
        "validation",
    ] {
        assert_eq!(outcome_of(&report, id), CheckOutcome::Pass, "{id}: {report:#?}");
    }
    let permissions = report.checks.iter().find(|c| c.id == "permissions").unwrap();
    assert_eq!(permissions.outcome, CheckOutcome::Warning, "moto has no policy simulator: {permissions:?}");
    let vpcs = report.checks.iter().find(|c| c.id == "quota-vpcs").unwrap();
    assert!(vpcs.detail.contains("1 in use, 1 to add"), "moto's default VPC: {}", vpcs.detail);
    let cost = report.cost.as_ref().expect("eu-west-1 is priced");
    assert!(cost.monthly > 0.0 && cost.currency == "USD");
    assert_eq!(stack_count(&config, REGION).await, 0, "the change set's stack was deleted");
    assert_eq!(stack_count(&config, HOME_REGION).await, 0);

    let installed = engine.install(request(&engine, ROUTED_BLOCK), &CollectSink::default()).await.unwrap();
    assert!(installed.is_ready(), "{installed:?}");
    let again = engine.preflight(&request(&engine, ROUTED_BLOCK)).await.unwrap();
    let names = again.checks.iter().find(|c| c.id == "names").unwrap();
    assert_eq!(names.outcome, CheckOutcome::Pass, "{names:?}");
    assert!(names.detail.contains("this installation's (re-attach)"), "{}", names.detail);
    let vpcs = again.checks.iter().find(|c| c.id == "quota-vpcs").unwrap();
    assert!(vpcs.detail.contains("0 to add"), "re-attaching adds nothing: {}", vpcs.detail);
}

#[tokio::test]
async fn a_crowded_account_has_every_failing_check_reported_at_once_with_its_fix() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = signed_in(&sandbox).await;
    let config = config(&engine);
    crowd(&config, REGION).await;

    let report = engine.preflight(&request(&engine, ROUTED_BLOCK)).await.unwrap();

    let failed: Vec<&str> = report.failed_checks().map(|c| c.id.as_str()).collect();
    assert_eq!(failed, ["names", "quota-vpcs", "quota-elastic-ips", "network-routes"], "{report:#?}");
    assert_eq!((report.outcome, report.failures), (CheckOutcome::Failure, 4));
    for check in report.failed_checks() {
        assert!(check.what_to_do.as_deref().is_some_and(|w| !w.is_empty()), "{check:?}");
        assert!(!check.detail.is_empty(), "{check:?}");
    }
    let names = report.checks.iter().find(|c| c.id == "names").unwrap();
    assert!(names.summary.contains(TAKEN_ROLE), "{}", names.summary);
    let eips = report.checks.iter().find(|c| c.id == "quota-elastic-ips").unwrap();
    assert!(eips.detail.contains("L-0263D0A3"), "{}", eips.detail);
    assert!(eips.what_to_do.as_deref().unwrap().contains("Request an increase"));
    let routes = report.checks.iter().find(|c| c.id == "network-routes").unwrap();
    assert!(routes.detail.contains("10.42.0.0/20 (Transit Gateway route table tgw-rtb-"), "{}", routes.detail);
    assert_eq!(stack_count(&config, REGION).await, 0, "nothing created");
}
