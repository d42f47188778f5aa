//! Names, adoption and Availability Zones against moto: a stack that has the installation's
//! name is adopted only when its parameters are the plan's; an invite from the signed-in
//! account itself is refused; the environment's two zones come from DescribeAvailabilityZones,
//! go to the stack as parameters, show in the plan and are journaled, and re-attaching keeps
//! the stack's own.
//!
//! moto lists plain Availability Zones only: Local and Wavelength Zones, impaired zones and a
//! region with one usable zone are covered with aws-smithy-mocks in the engine
//! (`engine/discovery/zones_tests.rs`).

use std::collections::BTreeMap;

use aws_config::SdkConfig;
use aws_sdk_cloudformation::types::{Capability, Parameter};
use engine::aws::cloudformation_in;
use engine::install::{CollectSink, InstallEvent, InstallRequest};
use engine::templates::{ACCESS_TEMPLATE, ENVIRONMENT_TEMPLATE};
use engine::Explain as _;
use engine::{Engine, ErrorCode};
use private_deploy_tests::installed::{config, signed_in};
use private_deploy_tests::sandbox::HOME_REGION;
use private_deploy_tests::seed::ec2_in;
use private_deploy_tests::stacks::{fixture, stack_count, stacks_named, ACCESS_STACK, ENV_STACK, SANDBOX_INVITE};
use private_deploy_tests::{exclusive, Sandbox};

const REGION: &str = "eu-west-1";
const CIDR: &str = "10.42.0.0/16";

fn request(engine: &Engine, cidr: &str) -> InstallRequest {
    let summary = engine.open_invite(&fixture(SANDBOX_INVITE)).expect("open the invite");
    InstallRequest {
        invite: summary.invite,
        region: REGION.to_owned(),
        cidr: cidr.to_owned(),
        use_boundary: false,
        confirmed_vendor_account: None,
    }
}

/// Creates a stack by hand, as someone else in the account could, and returns its ID.
async fn create_by_hand(
    config: &SdkConfig,
    region: &str,
    name: &str,
    template: &str,
    parameters: &[(String, String)],
) -> String {
    let out = cloudformation_in(config, region)
        .create_stack()
        .stack_name(name)
        .template_body(template)
        .set_parameters(Some(
            parameters.iter().map(|(k, v)| Parameter::builder().parameter_key(k).parameter_value(v).build()).collect(),
        ))
        .capabilities(Capability::CapabilityNamedIam)
        .send()
        .await
        .expect("create the stack by hand");
    out.stack_id().unwrap().to_owned()
}

fn launched(sink: &CollectSink) -> Vec<(String, String, bool)> {
    sink.events()
        .into_iter()
        .filter_map(|e| match e {
            InstallEvent::StackLaunched { stack, stack_id, attached, .. } => Some((stack, stack_id, attached)),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn a_stack_of_the_installations_name_with_another_external_id_is_refused_and_nothing_is_created() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = signed_in(&sandbox).await;
    let config = config(&engine);
    let plan = engine.plan_install(&request(&engine, CIDR)).await.unwrap();
    let mut theirs = plan.stacks[0].parameters.clone();
    theirs.iter_mut().filter(|(k, _)| k == "ExternalId").for_each(|(_, v)| *v = "someone-elses-id".into());
    create_by_hand(&config, HOME_REGION, ACCESS_STACK, ACCESS_TEMPLATE, &theirs).await;
    let sink = CollectSink::default();

    let failure = engine.install(request(&engine, CIDR), &sink).await.unwrap_err().failure();

    assert_eq!(failure.code, ErrorCode::InvalidInput);
    assert!(failure.message.contains(ACCESS_STACK) && failure.message.contains(HOME_REGION), "{}", failure.message);
    assert!(
        failure.message.contains(r#"ExternalId is "someone-elses-id", expected "pd-sandbox-demo-0001""#),
        "{}",
        failure.message
    );
    assert!(failure.hint.as_deref().unwrap_or_default().contains("delete-stack"), "{:?}", failure.hint);
    assert_eq!(stack_count(&config, HOME_REGION).await, 1, "only the stack made by hand");
    assert_eq!(stack_count(&config, REGION).await, 0, "no environment");
    assert!(engine.journal().installations().unwrap().is_empty(), "nothing journaled");
    assert!(sink.events().is_empty(), "no install started");
}

#[tokio::test]
async fn a_stack_of_the_installations_name_with_the_plans_parameters_is_adopted() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = signed_in(&sandbox).await;
    let config = config(&engine);
    let plan = engine.plan_install(&request(&engine, CIDR)).await.unwrap();
    let made = create_by_hand(&config, HOME_REGION, ACCESS_STACK, ACCESS_TEMPLATE, &plan.stacks[0].parameters).await;
    let sink = CollectSink::default();

    let outcome = engine.install(request(&engine, CIDR), &sink).await.unwrap();

    assert!(outcome.is_ready(), "{outcome:?}");
    let launched = launched(&sink);
    assert_eq!(launched[0], (ACCESS_STACK.to_owned(), made, true), "the stack made by hand is adopted");
    assert_eq!((launched[1].0.as_str(), launched[1].2), (ENV_STACK, false));
    assert_eq!(stacks_named(&config, HOME_REGION, ACCESS_STACK).await.len(), 1);
}

#[tokio::test]
async fn an_environment_of_the_installations_name_over_other_zones_and_block_is_refused_naming_both() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = signed_in(&sandbox).await;
    let config = config(&engine);
    let plan = engine.plan_install(&request(&engine, CIDR)).await.unwrap();
    let mut theirs = plan.stacks[1].parameters.clone();
    for (key, value) in theirs.iter_mut() {
        match key.as_str() {
            "AvailabilityZone1" => *value = "eu-west-1c".into(),
            "PublicSubnetACidr" => *value = "10.42.0.0/19".into(),
            _ => {}
        }
    }
    create_by_hand(&config, REGION, ENV_STACK, ENVIRONMENT_TEMPLATE, &theirs).await;

    // `auto` takes the stack's block; what else differs is named.
    let failure = engine.install(request(&engine, "auto"), &CollectSink::default()).await.unwrap_err().failure();

    assert!(failure.message.contains(ENV_STACK), "{}", failure.message);
    assert!(
        failure.message.contains(r#"PublicSubnetACidr is "10.42.0.0/19", expected "10.42.0.0/18""#),
        "{}",
        failure.message
    );
    // The stack's zones are taken as they are; its subnets do not fit the plan's block split.
    assert!(!failure.message.contains("AvailabilityZone1"), "{}", failure.message);
    assert_eq!(stack_count(&config, HOME_REGION).await, 0, "not even the access stack");
    assert!(engine.journal().installations().unwrap().is_empty());

    // A typed block other than the stack's is one more difference.
    let failure = engine.install(request(&engine, "10.43.0.0/16"), &CollectSink::default()).await.unwrap_err();
    let message = failure.failure().message;
    assert!(message.contains(r#"VpcCidr is "10.42.0.0/16", expected "10.43.0.0/16""#), "{message}");
}

#[tokio::test]
async fn an_invite_whose_vendor_is_the_signed_in_account_is_refused_before_anything_is_created() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = signed_in(&sandbox).await;
    let config = config(&engine);
    let account = engine.identity().await.unwrap().account;
    let mut invite: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("sandbox-invite-unsigned.json")).unwrap()).unwrap();
    invite["vendor"]["account_id"] = account.clone().into();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("own-invite.json");
    std::fs::write(&path, invite.to_string()).unwrap();
    let summary = engine.open_invite(&path).unwrap();
    let request = InstallRequest {
        invite: summary.invite,
        region: REGION.to_owned(),
        cidr: "auto".to_owned(),
        use_boundary: false,
        confirmed_vendor_account: Some(account.clone()),
    };

    let failure = engine.plan_install(&request).await.unwrap_err().failure();

    assert_eq!(failure.code, ErrorCode::InvalidInput);
    assert!(failure.message.contains(&account) && failure.message.contains("trust itself"), "{}", failure.message);
    assert!(failure.hint.as_deref().unwrap_or_default().contains("vendor's own account"), "{:?}", failure.hint);
    let failure = engine.install(request, &CollectSink::default()).await.unwrap_err().failure();
    assert!(failure.message.contains("trust itself"), "{}", failure.message);
    assert_eq!(stack_count(&config, HOME_REGION).await, 0);
    assert_eq!(stack_count(&config, REGION).await, 0);
    assert!(engine.journal().installations().unwrap().is_empty());
}

#[tokio::test]
async fn the_environment_goes_in_two_zones_from_describe_availability_zones_shown_journaled_and_kept() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = signed_in(&sandbox).await;
    let config = config(&engine);

    // moto's eu-west-1 lists eu-west-1a, b and c, all available Availability Zones.
    assert_eq!(engine.environment_zones(REGION).await.unwrap(), ["eu-west-1a".to_owned(), "eu-west-1b".to_owned()]);
    let plan = engine.plan_install(&request(&engine, CIDR)).await.unwrap();
    assert_eq!(
        plan.summary(&engine::stacks::Estimates::default()).availability_zones,
        vec!["eu-west-1a", "eu-west-1b"]
    );

    assert!(engine.install(request(&engine, CIDR), &CollectSink::default()).await.unwrap().is_ready());

    // The subnets are where the parameters say: A in the first zone, B in the second.
    let ec2 = ec2_in(&config, REGION);
    let subnets = ec2.describe_subnets().send().await.unwrap();
    let zone_of: BTreeMap<&str, &str> = subnets
        .subnets()
        .iter()
        .filter_map(|s| Some((s.cidr_block()?, s.availability_zone()?)))
        .filter(|(cidr, _)| cidr.starts_with("10.42."))
        .collect();
    assert_eq!(
        zone_of,
        BTreeMap::from([
            ("10.42.0.0/18", "eu-west-1a"),
            ("10.42.64.0/18", "eu-west-1b"),
            ("10.42.128.0/18", "eu-west-1a"),
            ("10.42.192.0/18", "eu-west-1b"),
        ])
    );
    let record = engine.journal().installations().unwrap()[0].clone();
    assert_eq!(record.zones, vec!["eu-west-1a", "eu-west-1b"]);

    // With the journal lost, a new install of the same invite adopts the environment with
    // its own zones and block.
    let fresh = Sandbox::new(&guard.moto.endpoint());
    let again = signed_in(&fresh).await;
    let plan = again.plan_install(&request(&again, "auto")).await.unwrap();
    assert_eq!((plan.cidr.to_string(), plan.zones.to_vec()), (CIDR.to_owned(), record.zones.clone()));
    let sink = CollectSink::default();
    assert!(again.install(request(&again, "auto"), &sink).await.unwrap().is_ready());
    assert!(launched(&sink).iter().all(|(_, _, attached)| *attached), "{:?}", launched(&sink));
    assert_eq!(again.journal().installations().unwrap()[0].zones, record.zones);
    assert_eq!(stacks_named(&config, REGION, ENV_STACK).await.len(), 1);
}
