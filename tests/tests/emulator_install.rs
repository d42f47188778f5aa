//! Installing from the sandbox invite through the engine, against moto: both stacks, then
//! the role, the VPC, its subnets, the NAT gateway and the load balancer read back with the
//! SDK; installing again re-attaches; bad input changes nothing in AWS and records nothing.
//!
//! moto completes a stack inside CreateStack and never fails one: slow stacks, rollbacks,
//! nested stacks and throttling are covered with aws-smithy-mocks in the engine
//! (`engine/install/mock_tests.rs`).

use std::collections::BTreeSet;

use engine::install::{CollectSink, InstallEvent, InstallOutcome, InstallRequest, InstallState};
use engine::Explain as _;
use engine::{Engine, ErrorCode};
use private_deploy_tests::installed::{config, signed_in};
use private_deploy_tests::sandbox::{HOME_REGION, PROFILE};
use private_deploy_tests::seed::ec2_in;
use private_deploy_tests::stacks::{
    event_ids, fixture, stack_count, stacks_named, url_decode, ACCESS_STACK, ENV_STACK, INSTALLATION_ID,
    SANDBOX_INVITE, SANDBOX_INVITE_UNSIGNED,
};
use private_deploy_tests::{exclusive, Sandbox};

const REGION: &str = "eu-west-1";
const CIDR: &str = "10.42.0.0/16";

fn request(engine: &Engine, invite: &str, region: &str, cidr: &str) -> InstallRequest {
    let summary = engine.open_invite(&fixture(invite)).expect("open the invite");
    InstallRequest {
        invite: summary.invite,
        region: region.to_owned(),
        cidr: cidr.to_owned(),
        use_boundary: false,
        confirmed_vendor_account: None,
    }
}

/// The stacks of the installation in the journal: (kind, stack ID).
fn journal_stacks(engine: &Engine) -> Vec<(String, String)> {
    let record = &engine.journal().installations().unwrap()[0];
    engine
        .journal()
        .install_stacks(record.id)
        .unwrap()
        .into_iter()
        .map(|s| (s.kind.as_str().to_owned(), s.stack_id.expect("stack ID recorded")))
        .collect()
}

#[tokio::test]
async fn the_sandbox_invite_installs_both_stacks_and_everything_reads_back() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = signed_in(&sandbox).await;
    let config = config(&engine);
    let summary = engine.open_invite(&fixture(SANDBOX_INVITE)).unwrap();
    assert!(summary.verification.is_verified(), "the sample invite is signed by the pinned sandbox key");

    let sink = CollectSink::default();
    let outcome = engine.install(request(&engine, SANDBOX_INVITE, REGION, CIDR), &sink).await.unwrap();

    let InstallOutcome::Ready { outputs, .. } = &outcome else { panic!("{outcome:?}") };
    let output = |key: &str| outputs.iter().find(|o| o.key == key).map(|o| o.value.clone()).unwrap_or_default();
    assert_eq!(
        output("RoleArn"),
        "arn:aws:iam::123456789012:role/private-deploy/PrivateDeployVendorAccess-sandbox-demo"
    );
    assert_eq!(output("VpcCidr"), CIDR);
    let events = sink.events();
    assert!(matches!(events.first(), Some(InstallEvent::Started { .. })), "{:?}", events.first());
    assert!(matches!(events.last(), Some(InstallEvent::Ready { .. })), "{:?}", events.last());
    let launched: Vec<(String, bool)> = events
        .iter()
        .filter_map(|e| match e {
            InstallEvent::StackLaunched { stack, attached, .. } => Some((stack.clone(), *attached)),
            _ => None,
        })
        .collect();
    assert_eq!(launched, vec![(ACCESS_STACK.to_owned(), false), (ENV_STACK.to_owned(), false)]);
    let last_progress = events.iter().rev().find_map(|e| match e {
        InstallEvent::Progress { done, total, .. } => Some((*done, *total)),
        _ => None,
    });
    assert_eq!(last_progress, Some((22, 22)), "3 access resources (no boundary) + 19 environment resources");

    // Both stacks, each in its region.
    let access = stacks_named(&config, HOME_REGION, ACCESS_STACK).await;
    let env = stacks_named(&config, REGION, ENV_STACK).await;
    assert_eq!(access.iter().map(|s| s.1.as_str()).collect::<Vec<_>>(), vec!["CREATE_COMPLETE"]);
    assert_eq!(env.iter().map(|s| s.1.as_str()).collect::<Vec<_>>(), vec!["CREATE_COMPLETE"]);

    // The role: under /private-deploy/, trusting only the vendor's account with the External ID.
    let iam = aws_sdk_iam::Client::new(&config);
    let role = iam.get_role().role_name("PrivateDeployVendorAccess-sandbox-demo").send().await.unwrap();
    let role = role.role().unwrap();
    assert_eq!(role.path(), "/private-deploy/");
    let trust: serde_json::Value =
        serde_json::from_str(&url_decode(role.assume_role_policy_document().unwrap())).expect("trust policy JSON");
    let statement = &trust["Statement"][0];
    assert_eq!(statement["Effect"], "Allow");
    assert_eq!(statement["Action"], "sts:AssumeRole");
    assert_eq!(statement["Principal"]["AWS"], "arn:aws:iam::210987654321:root");
    assert_eq!(statement["Condition"]["StringEquals"]["sts:ExternalId"], "pd-sandbox-demo-0001");
    assert_eq!(trust["Statement"].as_array().unwrap().len(), 1);

    // The network: the VPC with the chosen block, its four subnets, the NAT gateway, the load balancer.
    let ec2 = ec2_in(&config, REGION);
    let vpcs = ec2
        .describe_vpcs()
        .filters(
            aws_sdk_ec2::types::Filter::builder()
                .name("tag:private-deploy:installation-id")
                .values(INSTALLATION_ID)
                .build(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(vpcs.vpcs().len(), 1);
    let vpc = &vpcs.vpcs()[0];
    assert_eq!(vpc.cidr_block(), Some(CIDR));
    let vpc_id = vpc.vpc_id().unwrap().to_owned();
    let by_vpc = || aws_sdk_ec2::types::Filter::builder().name("vpc-id").values(&vpc_id).build();
    let subnets = ec2.describe_subnets().filters(by_vpc()).send().await.unwrap();
    let blocks: BTreeSet<&str> = subnets.subnets().iter().filter_map(|s| s.cidr_block()).collect();
    assert_eq!(blocks, BTreeSet::from(["10.42.0.0/18", "10.42.64.0/18", "10.42.128.0/18", "10.42.192.0/18"]));
    let nats = ec2.describe_nat_gateways().filter(by_vpc()).send().await.unwrap();
    assert_eq!(nats.nat_gateways().len(), 1);
    assert_eq!(nats.nat_gateways()[0].nat_gateway_id(), Some(output("NatGatewayId").as_str()));
    let elb = aws_sdk_elasticloadbalancingv2::Client::from_conf(
        aws_sdk_elasticloadbalancingv2::config::Builder::from(&config)
            .region(aws_sdk_elasticloadbalancingv2::config::Region::new(REGION))
            .build(),
    );
    let lbs = elb.describe_load_balancers().send().await.unwrap();
    let ours: Vec<_> = lbs.load_balancers().iter().filter(|lb| lb.vpc_id() == Some(vpc_id.as_str())).collect();
    assert_eq!(ours.len(), 1);
    assert_eq!(ours[0].scheme().map(|s| s.as_str()), Some("internet-facing"));

    // The journal: the installation, both stacks with their IDs, and every event, once.
    let record = &engine.journal().installations().unwrap()[0];
    assert_eq!(
        (record.installation_id.as_str(), record.account.as_str(), record.home_region.as_str(), record.region.as_str()),
        (INSTALLATION_ID, "123456789012", HOME_REGION, REGION)
    );
    assert_eq!(
        (record.cidr.to_string().as_str(), record.state, record.use_boundary),
        (CIDR, InstallState::Ready, false)
    );
    assert_eq!(
        journal_stacks(&engine),
        vec![("access".to_owned(), access[0].0.clone()), ("environment".to_owned(), env[0].0.clone())]
    );
    let journaled = engine.journal().installation_events(record.id).unwrap();
    let aws_events: BTreeSet<String> = event_ids(&config, HOME_REGION, &access[0].0)
        .await
        .into_iter()
        .chain(event_ids(&config, REGION, &env[0].0).await)
        .collect();
    let journal_ids: Vec<String> = journaled.iter().map(|e| e.event_id.clone()).collect();
    assert_eq!(journal_ids.iter().cloned().collect::<BTreeSet<_>>(), aws_events, "every event seen is journaled");
    assert_eq!(journal_ids.len(), aws_events.len(), "and none twice");

    // Installing again re-attaches: still one stack of each name, no event twice.
    let again = CollectSink::default();
    let outcome = engine.install(request(&engine, SANDBOX_INVITE, REGION, "auto"), &again).await.unwrap();
    assert!(outcome.is_ready(), "{outcome:?}");
    assert!(again.events().iter().all(|e| !matches!(e, InstallEvent::StackLaunched { attached: false, .. })));
    assert_eq!(stacks_named(&config, HOME_REGION, ACCESS_STACK).await.len(), 1);
    assert_eq!(stacks_named(&config, REGION, ENV_STACK).await.len(), 1);
    assert_eq!(engine.journal().installation_events(record.id).unwrap().len(), journal_ids.len());
    assert_eq!(engine.journal().installations().unwrap().len(), 1);

    // And the status view shows both stacks live.
    let status = engine.install_status().await.unwrap();
    assert_eq!(status.len(), 1);
    assert_eq!(status[0].state, InstallState::Ready);
    assert!(status[0].stacks.iter().all(|s| s.live && s.status.as_deref() == Some("CREATE_COMPLETE")), "{status:?}");
}

#[tokio::test]
async fn an_install_left_in_flight_is_resumed_without_a_second_stack() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = signed_in(&sandbox).await;
    let config = config(&engine);
    engine.install(request(&engine, SANDBOX_INVITE, HOME_REGION, "auto"), &CollectSink::default()).await.unwrap();
    // As if the app had been killed while the install ran: the journal still says in progress.
    let record = engine.journal().installations().unwrap()[0].clone();
    engine
        .journal()
        .set_installation_state(record.id, InstallState::InProgress, "2026-11-21T10:00:00Z".parse().unwrap())
        .unwrap();
    let events_before = engine.journal().installation_events(record.id).unwrap().len();

    let restarted = sandbox.engine();
    restarted.sign_in(Some(PROFILE.into()), None).await.unwrap();
    let sink = CollectSink::default();
    let outcomes = restarted.resume_installs(&sink).await.unwrap();

    assert_eq!(outcomes.len(), 1);
    assert!(outcomes[0].is_ready(), "{:?}", outcomes[0]);
    let attached: Vec<bool> = sink
        .events()
        .iter()
        .filter_map(|e| match e {
            InstallEvent::StackLaunched { attached, .. } => Some(*attached),
            _ => None,
        })
        .collect();
    assert_eq!(attached, vec![true, true]);
    assert_eq!(stack_count(&config, HOME_REGION).await, 2, "both stacks are in the home region here, once each");
    assert_eq!(restarted.journal().installation_events(record.id).unwrap().len(), events_before);
    assert_eq!(restarted.journal().installations().unwrap()[0].state, InstallState::Ready);
    // Nothing left in flight: a second resume does nothing.
    assert!(restarted.resume_installs(&CollectSink::default()).await.unwrap().is_empty());
}

#[tokio::test]
async fn bad_input_changes_nothing_in_aws_and_records_nothing() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = signed_in(&sandbox).await;
    let config = config(&engine);
    let taken = ec2_in(&config, "us-west-2").create_vpc().cidr_block("10.50.0.0/16").send().await.unwrap();
    let taken_id = taken.vpc().unwrap().vpc_id().unwrap().to_owned();
    let sink = CollectSink::default();

    // A malformed invite file is refused when it is opened.
    let dir = tempfile::tempdir().unwrap();
    let malformed = dir.path().join("invite.json");
    std::fs::write(&malformed, "{\"version\": 1, \"vendor\": ").unwrap();
    let failure = engine.open_invite(&malformed).unwrap_err().failure();
    assert_eq!(failure.code, ErrorCode::InvalidInput);
    assert!(failure.message.contains("not valid JSON"), "{}", failure.message);

    // A block that overlaps a VPC in another region names it.
    let failure =
        engine.install(request(&engine, SANDBOX_INVITE, REGION, "10.50.0.0/16"), &sink).await.unwrap_err().failure();
    assert_eq!(failure.code, ErrorCode::InvalidInput);
    assert!(failure.message.contains(&taken_id) && failure.message.contains("us-west-2"), "{}", failure.message);

    // Too small for the load balancer's subnets (AWS would take the /26), and not a block at all.
    for cidr in ["10.60.0.0/26", "10.60.0.0/27", "10.60.0.0/33", "not-a-cidr"] {
        let failure =
            engine.install(request(&engine, SANDBOX_INVITE, REGION, cidr), &sink).await.unwrap_err().failure();
        assert_eq!(failure.code, ErrorCode::InvalidInput, "{cidr}");
    }

    // A region that is not enabled.
    let disabled = engine.regions().await.unwrap().iter().find(|r| !r.enabled).unwrap().name.clone();
    let failure = engine.install(request(&engine, SANDBOX_INVITE, &disabled, CIDR), &sink).await.unwrap_err().failure();
    assert_eq!(failure.code, ErrorCode::RegionDisabled);

    // An unverified invite without the vendor account confirmed, or with the wrong one.
    let unsigned = request(&engine, SANDBOX_INVITE_UNSIGNED, REGION, CIDR);
    let failure = engine.install(unsigned.clone(), &sink).await.unwrap_err().failure();
    assert_eq!(failure.code, ErrorCode::InvalidInput);
    assert!(failure.message.contains("not verified"), "{}", failure.message);
    let wrong = InstallRequest { confirmed_vendor_account: Some("111111111111".into()), ..unsigned.clone() };
    let failure = engine.install(wrong, &sink).await.unwrap_err().failure();
    assert!(failure.message.contains("does not match"), "{}", failure.message);

    for region in [HOME_REGION, REGION, disabled.as_str()] {
        assert_eq!(stack_count(&config, region).await, 0, "no stack in {region}");
    }
    assert!(engine.journal().installations().unwrap().is_empty(), "nothing recorded");
    assert!(sink.events().is_empty(), "no install started");

    // The same unsigned invite installs once the admin confirms the vendor's account.
    let confirmed = InstallRequest { confirmed_vendor_account: Some(" 210987654321 ".into()), ..unsigned };
    assert!(engine.install(confirmed, &sink).await.unwrap().is_ready());
    assert_eq!(stacks_named(&config, REGION, ENV_STACK).await.len(), 1);
}

#[tokio::test]
async fn a_second_install_while_one_runs_joins_it_and_following_a_finished_one_is_refused() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = signed_in(&sandbox).await;
    let config = config(&engine);
    let first = std::sync::Arc::new(CollectSink::default());
    let second = std::sync::Arc::new(CollectSink::default());

    // join! polls the first call first: it registers its run before its first request, so
    // the second finds the run and joins it instead of starting another.
    let (a, b) = tokio::join!(
        engine.start_install(request(&engine, SANDBOX_INVITE, REGION, CIDR), first.clone()),
        engine.start_install(request(&engine, SANDBOX_INVITE, REGION, CIDR), second.clone()),
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert!(a.is_ready(), "{a:?}");
    assert_eq!(a, b, "the joined call gets the run's own outcome");
    assert_eq!(first.events(), second.events(), "the joined call sees every event of the run, once");
    let started = first.events().iter().filter(|e| matches!(e, InstallEvent::Started { .. })).count();
    assert_eq!(started, 1, "one run");
    assert_eq!(stacks_named(&config, HOME_REGION, ACCESS_STACK).await.len(), 1);
    assert_eq!(stacks_named(&config, REGION, ENV_STACK).await.len(), 1);

    // Nothing is in flight any more: following it says so and changes nothing.
    let err = engine.follow_install(INSTALLATION_ID, std::sync::Arc::new(CollectSink::default())).await.unwrap_err();
    let failure = err.failure();
    assert_eq!(failure.code, ErrorCode::InvalidInput, "{failure:?}");
    assert!(failure.message.contains("ready, not in flight"), "{failure:?}");
    assert_eq!(engine.journal().installations().unwrap()[0].state, InstallState::Ready);
}

#[tokio::test]
async fn an_install_left_in_flight_is_followed_to_ready_after_a_restart() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = signed_in(&sandbox).await;
    engine.install(request(&engine, SANDBOX_INVITE, REGION, CIDR), &CollectSink::default()).await.unwrap();
    // A crash mid-install leaves the record in flight; a new process (a new engine on the
    // same journal) follows it.
    let record = engine.journal().installations().unwrap()[0].id;
    engine
        .journal()
        .set_installation_state(record, InstallState::InProgress, "2026-11-21T00:00:00Z".parse().unwrap())
        .unwrap();
    drop(engine);
    let engine = signed_in(&sandbox).await;
    let sink = std::sync::Arc::new(CollectSink::default());
    let outcome = engine.follow_install(INSTALLATION_ID, sink.clone()).await.unwrap();
    assert!(outcome.is_ready(), "{outcome:?}");
    let attached: Vec<bool> = sink
        .events()
        .iter()
        .filter_map(|e| match e {
            InstallEvent::StackLaunched { attached, .. } => Some(*attached),
            _ => None,
        })
        .collect();
    assert_eq!(attached, vec![true, true], "re-attached to both stacks, created none");
    assert_eq!(engine.journal().installations().unwrap()[0].state, InstallState::Ready);
    assert_eq!(stack_count(&config(&engine), REGION).await, 1);
}
