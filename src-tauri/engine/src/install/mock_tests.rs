//! Install paths that moto cannot show, against the scripted CloudFormation of
//! `fake_cloudformation` (aws-smithy-mocks underneath): moto completes a stack at once, emits
//! only stack-level events, never fails or rolls back a stack, never throttles and never
//! races two clients. Time is tokio's paused clock, so the polling waits take no real time
//! and the elapsed times are exact.

use std::collections::BTreeMap;

use super::model::{DeleteOptions, InstallEvent, InstallOutcome, InstallState, StackKind};
use super::plan::{plan, InstallPlan};
use super::run::run_install;
use super::sink::CollectSink;
use super::template_resources::TemplateResource;
use crate::aws::CallContext;
use crate::failure::Error;
use crate::invite::{AccessMode, Environment, EnvironmentTemplate, Invite, InviteFields, Vendor};
use crate::journal::{InstallationRecord, Journal, NewInstallation};
use crate::stacks::deleting::clean_up;
use crate::stacks::fake_cloudformation::{arn, ev, res, Call, FakeCloudFormation, Res, Script, Stage, NESTED, REGION};
use crate::stacks::status::StackHealth;
use crate::stacks::tracker::Watch;
use crate::Explain as _;
use jiff::Timestamp;

pub(crate) const ENV: &str = "private-deploy-env-acme-prod";
const NETWORK: &str = "private-deploy-env-acme-prod-Network-1AB2C3";

pub(crate) fn invite() -> Invite {
    Invite::try_from(InviteFields {
        version: 1,
        vendor: Vendor { name: "Acme".into(), account_id: "210987654321".into() },
        installation_id: "acme-prod".into(),
        external_id: "ext-0001".into(),
        access_mode: AccessMode::Full,
        vpc_prefix: 16,
        role_path: "/private-deploy/".into(),
        environment: Environment { template: EnvironmentTemplate::Reference, parameters: BTreeMap::new() },
        customer_account_id: None,
        expires_at: None,
        vendor_role_arn: None,
        require_source_identity: None,
        callback: None,
        signature: None,
    })
    .unwrap()
}

/// An install of the environment stack only, whose template declares `resources`.
pub(crate) fn env_only(resources: &[(&str, &str)]) -> InstallPlan {
    let zones = ["eu-west-1a".to_owned(), "eu-west-1b".to_owned()];
    let block = "10.20.0.0/16".parse().unwrap();
    let mut p = plan(&invite(), "123456789012", "us-east-1", REGION, block, zones, false).unwrap();
    p.stacks.retain(|s| s.kind == StackKind::Environment);
    p.stacks[0].resources = resources
        .iter()
        .map(|(id, kind)| TemplateResource { logical_id: (*id).into(), resource_type: (*kind).into(), condition: None })
        .collect();
    p
}

pub(crate) struct Harness {
    pub(crate) journal: Journal,
    pub(crate) sink: CollectSink,
    pub(crate) ctx: CallContext,
    pub(crate) fake: FakeCloudFormation,
}

impl Harness {
    pub(crate) fn new() -> Self {
        Self {
            journal: Journal::open_in_memory().unwrap(),
            sink: CollectSink::default(),
            ctx: CallContext::default(),
            fake: FakeCloudFormation::new(),
        }
    }

    pub(crate) fn record(&self, p: &InstallPlan) -> InstallationRecord {
        self.journal
            .begin_installation(&NewInstallation {
                installation_id: p.installation_id.clone(),
                account: p.account.clone(),
                home_region: p.home_region.clone(),
                region: p.region.clone(),
                cidr: p.cidr,
                invite: serde_json::to_string(&p.invite).unwrap(),
                use_boundary: p.use_boundary,
                zones: p.zones.to_vec(),
                stacks: p.stacks.iter().map(|s| (s.kind, s.region.clone(), s.name.clone())).collect(),
                at: Timestamp::now(),
            })
            .unwrap()
    }

    pub(crate) async fn run(&self, p: &InstallPlan, record: &InstallationRecord) -> Result<InstallOutcome, Error> {
        let client = self.fake.client();
        let watch = Watch { journal: &self.journal, sink: &self.sink, ctx: &self.ctx, installation: record.id };
        run_install(p, record, &watch, |_| client.clone()).await
    }

    fn resources(&self) -> Vec<(String, String, String)> {
        self.sink
            .events()
            .into_iter()
            .filter_map(|e| match e {
                InstallEvent::Resource { stack, logical_id, status, .. } => Some((stack, logical_id, status)),
                _ => None,
            })
            .collect()
    }

    /// (done, total, elapsed_ms, eta_ms) of every Progress event.
    fn progress(&self) -> Vec<(u32, u32, u64, Option<u64>)> {
        self.sink
            .events()
            .into_iter()
            .filter_map(|e| match e {
                InstallEvent::Progress { done, total, elapsed_ms, eta_ms } => Some((done, total, elapsed_ms, eta_ms)),
                _ => None,
            })
            .collect()
    }

    fn event_reads(&self) -> Vec<Option<String>> {
        self.fake
            .calls()
            .into_iter()
            .filter_map(|c| match c {
                Call::DescribeStackEvents { token, .. } => Some(token),
                _ => None,
            })
            .collect()
    }
}

fn triple(stack: &str, logical: &str, status: &str) -> (String, String, String) {
    (stack.to_owned(), logical.to_owned(), status.to_owned())
}

/// A VPC that completes in the second poll and a NAT gateway that takes until the fourth.
pub(crate) fn slow_stack() -> Script {
    let vpc = "AWS::EC2::VPC";
    let nat = "AWS::EC2::NatGateway";
    let in_progress = |vpc_status, nat_status| vec![res("Vpc", vpc, vpc_status), res("Nat", nat, nat_status)];
    Script {
        stages: vec![
            Stage {
                status: "CREATE_IN_PROGRESS",
                resources: in_progress("CREATE_IN_PROGRESS", "CREATE_IN_PROGRESS"),
                events: vec![
                    ev("e1", ENV, NESTED, "CREATE_IN_PROGRESS", "2026-11-21T10:00:00Z").because("User Initiated"),
                    ev("e2", "Vpc", vpc, "CREATE_IN_PROGRESS", "2026-11-21T10:00:01Z"),
                    ev("e3", "Nat", nat, "CREATE_IN_PROGRESS", "2026-11-21T10:00:01.5Z"),
                ],
                ..Stage::default()
            },
            Stage {
                status: "CREATE_IN_PROGRESS",
                resources: in_progress("CREATE_COMPLETE", "CREATE_IN_PROGRESS"),
                events: vec![ev("e4", "Vpc", vpc, "CREATE_COMPLETE", "2026-11-21T10:00:11Z")],
                ..Stage::default()
            },
            Stage {
                status: "CREATE_IN_PROGRESS",
                resources: in_progress("CREATE_COMPLETE", "CREATE_IN_PROGRESS"),
                ..Stage::default()
            },
            Stage {
                status: "CREATE_COMPLETE",
                resources: in_progress("CREATE_COMPLETE", "CREATE_COMPLETE"),
                events: vec![
                    ev("e5", "Nat", nat, "CREATE_COMPLETE", "2026-11-21T10:02:01Z"),
                    ev("e6", ENV, NESTED, "CREATE_COMPLETE", "2026-11-21T10:02:02Z"),
                ],
                outputs: vec![("VpcId", "vpc-123")],
                ..Stage::default()
            },
        ],
        nested: vec![],
    }
}

#[tokio::test(start_paused = true)]
async fn mock_slow_stack_progresses_over_several_polls_and_only_new_events_are_read() {
    // moto completes a stack inside CreateStack and emits no resource events.
    let h = Harness::new();
    h.fake.on_create(ENV, slow_stack());
    let p = env_only(&[("Vpc", "AWS::EC2::VPC"), ("Nat", "AWS::EC2::NatGateway")]);
    let record = h.record(&p);

    let outcome = h.run(&p, &record).await.unwrap();

    assert!(outcome.is_ready(), "{outcome:?}");
    assert_eq!(
        h.resources(),
        vec![
            triple(ENV, "Vpc", "CREATE_IN_PROGRESS"),
            triple(ENV, "Nat", "CREATE_IN_PROGRESS"),
            triple(ENV, "Vpc", "CREATE_COMPLETE"),
            triple(ENV, "Nat", "CREATE_COMPLETE"),
        ],
        "each change once, although DescribeStackResources repeats them every poll"
    );
    let progress = h.progress();
    let done: Vec<u32> = progress.iter().map(|p| p.0).collect();
    assert_eq!(done, vec![0, 0, 1, 1, 2], "one Progress before launching, then one per poll");
    assert!(progress.iter().all(|p| p.1 == 2));
    // Polls at 0 s, 2 s (changed), 4 s (changed), 8 s (idle: the interval doubled).
    let elapsed: Vec<u64> = progress.iter().skip(1).map(|p| p.2 / 1000).collect();
    assert_eq!(elapsed, vec![0, 2, 4, 8]);
    // The estimate: NAT 120 s + VPC 10 s at first, then the NAT's 120 s less the time it has run.
    assert_eq!(progress[1].3, Some(130_000));
    assert_eq!(progress[2].3, Some(118_000));
    assert_eq!(progress[4].3, None);

    // Pages of two, newest first. Poll 1 reads everything (two pages); poll 2 stops at e3 on
    // its first page, poll 3 at e4 right away; poll 4 needs the second page to reach e4.
    // No read ever goes back to the third page, where the old events are.
    assert_eq!(h.event_reads(), vec![None, Some("2".into()), None, None, None, Some("2".into())]);
    let stored: Vec<String> =
        h.journal.installation_events(record.id).unwrap().into_iter().map(|e| e.event_id).collect();
    assert_eq!(stored, vec!["e1", "e2", "e3", "e4", "e5", "e6"]);
    let stack = &h.journal.install_stacks(record.id).unwrap()[0];
    assert_eq!(stack.last_event_id.as_deref(), Some("e6"));
    assert_eq!(stack.last_status, Some(crate::stacks::StackStatus::CreateComplete));
    assert_eq!(h.journal.installations().unwrap()[0].state, InstallState::Ready);
    match h.sink.events().last() {
        Some(InstallEvent::Ready { outputs }) => {
            assert_eq!((outputs[0].key.as_str(), outputs[0].value.as_str()), ("VpcId", "vpc-123"))
        }
        other => panic!("{other:?}"),
    }
}

/// The environment with a nested `Network` stack whose NAT gateway fails; the load balancer
/// is cancelled first, and the nested stack's failure is repeated on its resource in the parent.
fn nested_failure() -> Script {
    let nested_arn = arn(NETWORK, 1);
    let lb = "AWS::ElasticLoadBalancingV2::LoadBalancer";
    let nat = "AWS::EC2::NatGateway";
    let network = |status, reason| Res { reason, physical: Some(nested_arn.clone()), ..res("Network", NESTED, status) };
    let root = vec![
        Stage {
            status: "CREATE_IN_PROGRESS",
            resources: vec![network("CREATE_IN_PROGRESS", None), res("LoadBalancer", lb, "CREATE_IN_PROGRESS")],
            events: vec![
                ev("r1", ENV, NESTED, "CREATE_IN_PROGRESS", "2026-11-21T10:00:00Z").because("User Initiated"),
                ev("r2", "Network", NESTED, "CREATE_IN_PROGRESS", "2026-11-21T10:00:01Z"),
                ev("r3", "LoadBalancer", lb, "CREATE_IN_PROGRESS", "2026-11-21T10:00:01Z"),
            ],
            ..Stage::default()
        },
        Stage {
            status: "ROLLBACK_IN_PROGRESS",
            reason: Some("The following resource(s) failed to create: [Network, LoadBalancer]. Rollback requested by user."),
            resources: vec![
                network("CREATE_FAILED", Some("Embedded stack was not successfully created")),
                Res { reason: Some("Resource creation cancelled"), ..res("LoadBalancer", lb, "CREATE_FAILED") },
            ],
            events: vec![
                ev("r4", "LoadBalancer", lb, "CREATE_FAILED", "2026-11-21T10:02:00Z").because("Resource creation cancelled"),
                ev("r5", "Network", NESTED, "CREATE_FAILED", "2026-11-21T10:02:02Z").because(
                    "Embedded stack arn:aws:cloudformation:eu-west-1:123456789012:stack/private-deploy-env-acme-prod-Network-1AB2C3/uuid-1 \
                     was not successfully created: The following resource(s) failed to create: [NatGateway].",
                ),
                ev("r6", ENV, NESTED, "ROLLBACK_IN_PROGRESS", "2026-11-21T10:02:03Z")
                    .because("The following resource(s) failed to create: [Network, LoadBalancer]. Rollback requested by user."),
            ],
            ..Stage::default()
        },
        Stage {
            status: "ROLLBACK_COMPLETE",
            resources: vec![network("DELETE_COMPLETE", None), res("LoadBalancer", lb, "DELETE_COMPLETE")],
            events: vec![
                ev("r7", "LoadBalancer", lb, "DELETE_COMPLETE", "2026-11-21T10:03:00Z"),
                ev("r8", "Network", NESTED, "DELETE_COMPLETE", "2026-11-21T10:04:00Z"),
                ev("r9", ENV, NESTED, "ROLLBACK_COMPLETE", "2026-11-21T10:04:01Z"),
            ],
            ..Stage::default()
        },
    ];
    let nested = vec![
        Stage {
            status: "CREATE_IN_PROGRESS",
            resources: vec![res("NatGateway", nat, "CREATE_IN_PROGRESS")],
            events: vec![
                ev("n1", NETWORK, NESTED, "CREATE_IN_PROGRESS", "2026-11-21T10:00:02Z"),
                ev("n2", "NatGateway", nat, "CREATE_IN_PROGRESS", "2026-11-21T10:00:03Z"),
            ],
            ..Stage::default()
        },
        Stage {
            status: "ROLLBACK_IN_PROGRESS",
            resources: vec![res("NatGateway", nat, "CREATE_FAILED")],
            events: vec![
                ev("n3", "NatGateway", nat, "CREATE_FAILED", "2026-11-21T10:02:01Z")
                    .because("The maximum number of NAT gateways has been reached. (Service: Ec2, Status Code: 400)"),
                ev("n4", NETWORK, NESTED, "ROLLBACK_IN_PROGRESS", "2026-11-21T10:02:01.5Z")
                    .because("The following resource(s) failed to create: [NatGateway]."),
            ],
            ..Stage::default()
        },
        Stage {
            status: "ROLLBACK_COMPLETE",
            resources: vec![res("NatGateway", nat, "DELETE_COMPLETE")],
            events: vec![ev("n5", NETWORK, NESTED, "ROLLBACK_COMPLETE", "2026-11-21T10:03:30Z")],
            ..Stage::default()
        },
    ];
    Script { stages: root, nested: vec![(NETWORK.to_owned(), nested)] }
}

#[tokio::test(start_paused = true)]
async fn mock_a_nested_stack_failure_rolls_back_with_the_nested_resource_as_root_cause() {
    // moto never fails a stack, so it never rolls one back either.
    let h = Harness::new();
    h.fake.on_create(ENV, nested_failure());
    let p = env_only(&[("Network", NESTED), ("LoadBalancer", "AWS::ElasticLoadBalancingV2::LoadBalancer")]);
    let record = h.record(&p);

    let outcome = h.run(&p, &record).await.unwrap();

    let InstallOutcome::Failed { stack, root_cause, rollback_status, .. } = outcome else {
        panic!("{outcome:?}");
    };
    assert_eq!(stack, ENV);
    assert_eq!(rollback_status, "ROLLBACK_COMPLETE");
    assert_eq!(root_cause.stack_name, NETWORK, "the nested stack's resource, not its cascade in the parent");
    assert_eq!(root_cause.logical_id, "NatGateway");
    assert_eq!(root_cause.resource_type, "AWS::EC2::NatGateway");
    assert!(root_cause.reason.starts_with("The maximum number of NAT gateways"), "{}", root_cause.reason);
    let failed: Vec<InstallEvent> =
        h.sink.events().into_iter().filter(|e| matches!(e, InstallEvent::Failed { .. })).collect();
    assert_eq!(
        failed,
        vec![InstallEvent::Failed {
            stack: ENV.into(),
            root_cause: root_cause.clone(),
            rollback_status: "ROLLBACK_COMPLETE".into(),
            health: StackHealth::FailedCreate,
            hint: None,
        }]
    );
    let resources = h.resources();
    assert!(resources.contains(&triple(NETWORK, "NatGateway", "CREATE_FAILED")), "nested rows: {resources:?}");
    assert!(resources.contains(&triple(ENV, "Network", "CREATE_FAILED")));
    let statuses: Vec<String> = h
        .sink
        .events()
        .into_iter()
        .filter_map(|e| match e {
            InstallEvent::StackStatus { status, .. } => Some(status),
            _ => None,
        })
        .collect();
    assert_eq!(statuses, vec!["CREATE_IN_PROGRESS", "ROLLBACK_IN_PROGRESS", "ROLLBACK_COMPLETE"]);

    // The nested stack was followed and journaled with its events.
    let stacks = h.journal.install_stacks(record.id).unwrap();
    let nested = stacks.iter().find(|s| s.kind == StackKind::Nested).expect("nested stack recorded");
    assert_eq!(nested.stack_id.as_deref(), Some(arn(NETWORK, 1).as_str()));
    assert_eq!(nested.root_stack_id.as_deref(), Some(arn(ENV, 1).as_str()));
    assert_eq!(nested.last_event_id.as_deref(), Some("n5"));
    assert_eq!(h.journal.installation_events(record.id).unwrap().len(), 9 + 5);
    assert_eq!(h.journal.installations().unwrap()[0].state, InstallState::Failed);

    // Installing again re-attaches to the rolled-back stack and reports the same cause from
    // the journal: no second CreateStack.
    let again = h.run(&p, &record).await.unwrap();
    assert!(matches!(&again, InstallOutcome::Failed { root_cause: c, .. } if *c == root_cause), "{again:?}");
    let creates = |h: &Harness| h.fake.calls().iter().filter(|c| matches!(c, Call::CreateStack { .. })).count();
    assert_eq!(creates(&h), 1);

    // Clean up deletes it and waits for DELETE_COMPLETE by stack ID; the next launch is attempt 2.
    let client = h.fake.client();
    let watch = Watch { journal: &h.journal, sink: &h.sink, ctx: &h.ctx, installation: record.id };
    let cleaned = clean_up(&record, &watch, &DeleteOptions::default(), |_| client.clone()).await.unwrap();
    assert_eq!(cleaned, vec![StackKind::Environment]);
    let calls = h.fake.calls();
    let delete_at = calls.iter().position(|c| *c == Call::DeleteStack(arn(ENV, 1))).expect("DeleteStack by stack ID");
    let waits = calls[delete_at..].iter().filter(|c| **c == Call::DescribeStacks(arn(ENV, 1))).count();
    assert_eq!(waits, 2, "DELETE_IN_PROGRESS, then DELETE_COMPLETE, both read by stack ID");
    let env = &h.journal.install_stacks(record.id).unwrap()[0];
    assert_eq!((env.attempt, env.stack_id.as_deref()), (2, None));
    assert_eq!(h.journal.installations().unwrap()[0].state, InstallState::CleanedUp);

    h.fake.on_create(ENV, slow_stack());
    let retried =
        h.run(&env_only(&[("Vpc", "AWS::EC2::VPC"), ("Nat", "AWS::EC2::NatGateway")]), &record).await.unwrap();
    assert!(retried.is_ready(), "{retried:?}");
    let tokens = h.fake.create_tokens();
    let nonce = h.journal.token_nonce(record.id).unwrap();
    assert_eq!(
        tokens,
        vec![format!("pd-environment-{nonce}-1-acme-prod"), format!("pd-environment-{nonce}-2-acme-prod")],
        "the same nonce, the next attempt"
    );
    let delete_tokens: Vec<Option<String>> = h.fake.deletes().into_iter().map(|d| d.token).collect();
    assert!(
        delete_tokens.iter().all(|t| t.as_deref().is_some_and(|t| t.starts_with("pd-delete-"))),
        "{delete_tokens:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn mock_throttling_while_polling_backs_off_and_the_install_still_completes() {
    // moto never throttles. SDK retries are off in the fake, so both throttles reach the tracker.
    let h = Harness::new();
    h.fake.on_create(ENV, slow_stack());
    h.fake.throttle("DescribeStackEvents", 3).throttle("DescribeStacks", 4);
    let p = env_only(&[("Vpc", "AWS::EC2::VPC"), ("Nat", "AWS::EC2::NatGateway")]);
    let record = h.record(&p);

    let outcome = h.run(&p, &record).await.unwrap();

    assert!(outcome.is_ready(), "{outcome:?}");
    // Poll 1 at 0 s reads two pages of events (calls 1 and 2). Poll 2 at 2 s is throttled
    // reading events (call 3): the wait doubles to 4 s. Poll 3 at 6 s is throttled at
    // DescribeStacks (call 4; call 1 was the lookup by name before CreateStack): 8 s. Poll 4
    // at 14 s and poll 5 at 16 s see the rest. Neither throttle was reported as a failure.
    let elapsed: Vec<u64> = h.progress().iter().skip(1).map(|p| p.2 / 1000).collect();
    assert_eq!(elapsed, vec![0, 14, 16]);
    let stored: Vec<String> =
        h.journal.installation_events(record.id).unwrap().into_iter().map(|e| e.event_id).collect();
    assert_eq!(stored, vec!["e1", "e2", "e3", "e4", "e5", "e6"], "nothing lost, nothing twice");
    assert_eq!(
        h.resources(),
        vec![
            triple(ENV, "Vpc", "CREATE_IN_PROGRESS"),
            triple(ENV, "Nat", "CREATE_IN_PROGRESS"),
            triple(ENV, "Vpc", "CREATE_COMPLETE"),
            triple(ENV, "Nat", "CREATE_COMPLETE"),
        ]
    );
}

/// The connection events, as (kind, since, at) in order.
fn connection_events(h: &Harness) -> Vec<(&'static str, Timestamp, Option<Timestamp>)> {
    h.sink
        .events()
        .into_iter()
        .filter_map(|e| match e {
            InstallEvent::ConnectionLost { since, .. } => Some(("lost", since, None)),
            InstallEvent::ConnectionRestored { since, at } => Some(("restored", since, Some(at))),
            _ => None,
        })
        .collect()
}

#[tokio::test(start_paused = true)]
async fn mock_polls_that_get_no_answer_say_aws_is_unreachable_once_then_that_it_is_back() {
    // moto always answers. Here the connection is refused (a DispatchFailure, as with the
    // network down) for DescribeStacks calls 3 and 4: polls 2 and 3 (call 1 was the lookup by
    // name before CreateStack, call 2 poll 1).
    let h = Harness::new();
    h.fake.on_create(ENV, slow_stack());
    h.fake.unreachable("DescribeStacks", 3).unreachable("DescribeStacks", 4);
    let p = env_only(&[("Vpc", "AWS::EC2::VPC"), ("Nat", "AWS::EC2::NatGateway")]);
    let record = h.record(&p);

    let outcome = h.run(&p, &record).await.unwrap();

    assert!(outcome.is_ready(), "an outage shorter than the give-up time is only late polls: {outcome:?}");
    let seen = connection_events(&h);
    assert_eq!(seen.iter().map(|e| e.0).collect::<Vec<_>>(), vec!["lost", "restored"], "{seen:?}");
    let (lost_since, restored_since, back_at) = (seen[0].1, seen[1].1, seen[1].2.unwrap());
    assert_eq!(restored_since, lost_since, "the restored event says since when it was lost");
    assert!(back_at >= lost_since, "{back_at} < {lost_since}");
    let detail = h
        .sink
        .events()
        .into_iter()
        .find_map(|e| match e {
            InstallEvent::ConnectionLost { detail, .. } => Some(detail),
            _ => None,
        })
        .unwrap();
    assert!(detail.contains("could not reach AWS for cloudformation:DescribeStacks"), "{detail}");
    // Lost comes after poll 1's progress and before any later one; restored before the next.
    let kinds: Vec<&str> = h
        .sink
        .events()
        .iter()
        .filter_map(|e| match e {
            InstallEvent::Progress { .. } => Some("progress"),
            InstallEvent::ConnectionLost { .. } => Some("lost"),
            InstallEvent::ConnectionRestored { .. } => Some("restored"),
            _ => None,
        })
        .collect();
    assert_eq!(kinds, vec!["progress", "progress", "lost", "restored", "progress", "progress", "progress"]);
}

#[tokio::test(start_paused = true)]
async fn mock_a_throttled_poll_is_not_a_lost_connection() {
    let h = Harness::new();
    h.fake.on_create(ENV, slow_stack());
    h.fake.throttle("DescribeStacks", 3);
    let p = env_only(&[("Vpc", "AWS::EC2::VPC"), ("Nat", "AWS::EC2::NatGateway")]);
    let record = h.record(&p);

    assert!(h.run(&p, &record).await.unwrap().is_ready());
    assert_eq!(connection_events(&h), vec![], "AWS answered: it can be reached");
}

#[tokio::test(start_paused = true)]
async fn mock_the_plan_and_the_progress_view_start_from_the_same_estimate() {
    let h = Harness::new();
    h.fake.on_create(ENV, slow_stack());
    let p = env_only(&[("Vpc", "AWS::EC2::VPC"), ("Nat", "AWS::EC2::NatGateway")]);
    let record = h.record(&p);
    let estimates = crate::stacks::Estimates::from_history(&h.journal.resource_durations().unwrap());
    let planned = p.summary(&estimates);

    h.run(&p, &record).await.unwrap();

    assert_eq!(planned.estimate_ms, 130_000, "VPC 10 s and NAT gateway 120 s, from their types");
    let first = h.progress()[0];
    assert_eq!(first.3, Some(planned.estimate_ms), "the progress view counts down from the plan's time");
    let started = h.sink.events().into_iter().find_map(|e| match e {
        InstallEvent::Started { stacks, .. } => Some(stacks),
        _ => None,
    });
    assert_eq!(started.unwrap()[0].estimate_ms, planned.stacks[0].estimate_ms);
}

#[tokio::test(start_paused = true)]
async fn mock_a_create_that_finds_the_name_taken_re_attaches_instead_of_failing() {
    // moto cannot race two clients: here another copy of the app creates the stack between
    // this one's lookup by name and its CreateStack.
    let h = Harness::new();
    let p = env_only(&[("Vpc", "AWS::EC2::VPC"), ("Nat", "AWS::EC2::NatGateway")]);
    let theirs = h.fake.create_now_with(ENV, slow_stack(), &p.stacks[0].parameters);
    h.fake.hide_from_lookups(1);
    let record = h.record(&p);

    let outcome = h.run(&p, &record).await.unwrap();

    assert!(outcome.is_ready(), "{outcome:?}");
    let launched: Vec<(String, bool)> = h
        .sink
        .events()
        .into_iter()
        .filter_map(|e| match e {
            InstallEvent::StackLaunched { stack_id, attached, .. } => Some((stack_id, attached)),
            _ => None,
        })
        .collect();
    assert_eq!(launched, vec![(theirs.clone(), true)]);
    let creates = h.fake.calls().iter().filter(|c| matches!(c, Call::CreateStack { .. })).count();
    assert_eq!(creates, 1, "one CreateStack, answered AlreadyExistsException");
    assert_eq!(h.journal.install_stacks(record.id).unwrap()[0].stack_id.as_deref(), Some(theirs.as_str()));
}

#[tokio::test(start_paused = true)]
async fn mock_a_create_that_finds_the_name_taken_by_a_stack_with_other_parameters_stops_without_adopting_it() {
    // Between the plan's checks and CreateStack, someone else creates a stack of the
    // installation's name with another VPC block: AlreadyExistsException must not adopt it.
    let h = Harness::new();
    let p = env_only(&[("Vpc", "AWS::EC2::VPC")]);
    let mut other = p.stacks[0].parameters.clone();
    other.iter_mut().filter(|(k, _)| k == "VpcCidr").for_each(|(_, v)| *v = "10.99.0.0/16".into());
    h.fake.create_now_with(ENV, slow_stack(), &other);
    h.fake.hide_from_lookups(1);
    let record = h.record(&p);

    let err = h.run(&p, &record).await.unwrap_err();

    let failure = err.failure();
    assert!(failure.message.contains(ENV), "{}", failure.message);
    assert!(failure.message.contains(r#"VpcCidr is "10.99.0.0/16", expected "10.20.0.0/16""#), "{}", failure.message);
    assert!(failure.hint.as_deref().is_some_and(|h| h.contains("delete-stack")), "{:?}", failure.hint);
    assert!(!h.sink.events().iter().any(|e| matches!(e, InstallEvent::StackLaunched { .. })));
    assert_eq!(h.journal.install_stacks(record.id).unwrap()[0].stack_id, None, "nothing adopted");
}
