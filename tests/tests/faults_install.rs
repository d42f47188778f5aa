//! Installing through the fault proxy (`private_deploy_tests::fault_proxy`) in front of moto,
//! with the SDK making 3 attempts per call as on a real account: 503s, dropped connections
//! and lost answers on CreateStack; throttling, 503s, drops and slow answers on the progress
//! polls (DescribeStacks, DescribeStackEvents, DescribeStackResources).
//!
//! What must hold, whatever the order of the calls: the install completes, or stops with a
//! message that says which call failed; moto never holds a second stack of a kind;
//! running the install again completes; every stack event CloudFormation has is journaled,
//! once.

use std::collections::BTreeSet;
use std::time::Duration;

use aws_config::SdkConfig;
use engine::install::{CollectSink, InstallEvent, InstallOutcome, InstallRequest, InstallState};
use engine::Explain as _;
use engine::{Engine, ErrorCode};
use private_deploy_tests::fault_proxy::{Fault, FaultRig};
use private_deploy_tests::sandbox::{HOME_REGION, PROFILE};
use private_deploy_tests::stacks::{event_ids, fixture, stacks_named, ACCESS_STACK, ENV_STACK, SANDBOX_INVITE};

const REGION: &str = "eu-west-1";
const CIDR: &str = "10.42.0.0/16";
/// AWS's SDKs default to 3 attempts per call.
const ATTEMPTS: u32 = 3;

async fn rig() -> FaultRig {
    FaultRig::start(ATTEMPTS).await
}

fn request(engine: &Engine) -> InstallRequest {
    let summary = engine.open_invite(&fixture(SANDBOX_INVITE)).expect("open the invite");
    InstallRequest {
        invite: summary.invite,
        region: REGION.to_owned(),
        cidr: CIDR.to_owned(),
        use_boundary: false,
        confirmed_vendor_account: None,
    }
}

/// Never a second stack of a kind: at most one live access stack and one environment stack.
async fn stacks_in_moto(moto: &SdkConfig) -> (usize, usize) {
    (stacks_named(moto, HOME_REGION, ACCESS_STACK).await.len(), stacks_named(moto, REGION, ENV_STACK).await.len())
}

/// Installs until ready (at most `runs` times), each failed run's message checked.
async fn install_until_ready(rig: &FaultRig, runs: usize) -> Vec<String> {
    let mut failures = Vec::new();
    for _ in 0..runs {
        match rig.engine.install(request(&rig.engine), &CollectSink::default()).await {
            Ok(outcome) if outcome.is_ready() => return failures,
            Ok(outcome) => panic!("the stacks cannot fail in moto: {outcome:?}"),
            Err(err) => {
                let failure = err.failure();
                assert!(
                    failure.message.to_lowercase().contains("cloudformation:"),
                    "a stopped install says which call failed: {failure:?}"
                );
                let (access, env) = stacks_in_moto(&rig.moto).await;
                assert!(access <= 1 && env <= 1, "a second stack after {failure:?}");
                failures.push(failure.message);
            }
        }
    }
    panic!("the install did not complete in {runs} runs: {failures:?}");
}

/// Every event CloudFormation lists for both stacks is in the journal, and none twice.
async fn assert_every_event_journaled_once(rig: &FaultRig) {
    let engine = &rig.engine;
    let record = &engine.journal().installations().unwrap()[0];
    assert_eq!(record.state, InstallState::Ready);
    let stacks = engine.journal().install_stacks(record.id).unwrap();
    let id = |kind: &str| stacks.iter().find(|s| s.kind.as_str() == kind).and_then(|s| s.stack_id.clone()).unwrap();
    let in_aws: BTreeSet<String> = event_ids(&rig.moto, HOME_REGION, &id("access"))
        .await
        .into_iter()
        .chain(event_ids(&rig.moto, REGION, &id("environment")).await)
        .collect();
    let journaled: Vec<String> =
        engine.journal().installation_events(record.id).unwrap().into_iter().map(|e| e.event_id).collect();
    assert_eq!(journaled.iter().cloned().collect::<BTreeSet<_>>(), in_aws, "every event is journaled");
    assert_eq!(journaled.len(), in_aws.len(), "and none twice");
    // The journal's stack IDs are the stacks moto has.
    assert_eq!(stacks_named(&rig.moto, HOME_REGION, ACCESS_STACK).await[0].0, id("access"));
    assert_eq!(stacks_named(&rig.moto, REGION, ENV_STACK).await[0].0, id("environment"));
}

#[tokio::test]
async fn a_503_and_a_dropped_connection_on_create_stack_are_retried_and_make_one_stack_of_each_kind() {
    let rig = rig().await;
    rig.proxy.inject("CreateStack", [Fault::Status(503), Fault::Drop]);

    let outcome = rig.engine.install(request(&rig.engine), &CollectSink::default()).await.unwrap();

    assert!(matches!(outcome, InstallOutcome::Ready { .. }), "{outcome:?}");
    assert_eq!(rig.proxy.injected("CreateStack"), 2, "both faults were met");
    assert_eq!(stacks_in_moto(&rig.moto).await, (1, 1));
    assert_every_event_journaled_once(&rig).await;
}

/// moto ignores ClientRequestToken, so the retried CreateStack meets the stack the lost call
/// made (`AlreadyExistsException`); AWS would answer the same token with the same stack. Either
/// way there is one stack.
#[tokio::test]
async fn a_create_stack_whose_answer_is_lost_after_the_stack_was_made_makes_no_second_stack() {
    let rig = rig().await;
    rig.proxy.inject("CreateStack", [Fault::DropAnswer]);

    let failures = install_until_ready(&rig, 2).await;

    assert_eq!(rig.proxy.injected("CreateStack"), 1);
    assert!(failures.is_empty(), "the SDK's retry re-attaches to the stack made: {failures:?}");
    assert_eq!(stacks_in_moto(&rig.moto).await, (1, 1));
    assert_every_event_journaled_once(&rig).await;
}

#[tokio::test]
async fn faults_beyond_the_retry_budget_on_create_stack_stop_the_install_clearly_and_the_next_run_completes() {
    let rig = rig().await;
    // The first call makes the access stack but its answer is lost; the two retries get 503s.
    rig.proxy.inject("CreateStack", [Fault::DropAnswer, Fault::Status(503), Fault::Status(503)]);

    let err = rig.engine.install(request(&rig.engine), &CollectSink::default()).await.unwrap_err().failure();

    assert_eq!(err.code, ErrorCode::AwsUnavailable, "{err:?}");
    assert!(err.message.contains("cloudformation:CreateStack"), "{err:?}");
    assert!(err.hint.as_deref().is_some_and(|h| h.contains("try again")), "{err:?}");
    assert_eq!(rig.proxy.pending("CreateStack"), 0, "all three attempts were made");
    assert_eq!(stacks_in_moto(&rig.moto).await, (1, 0), "the stack the lost call made, and no other");
    let record = &rig.engine.journal().installations().unwrap()[0];
    assert_ne!(record.state, InstallState::Ready);

    let failures = install_until_ready(&rig, 2).await;
    assert!(failures.is_empty(), "{failures:?}");
    assert_eq!(stacks_in_moto(&rig.moto).await, (1, 1), "the next run re-attached to the access stack");
    assert_every_event_journaled_once(&rig).await;
}

#[tokio::test]
async fn a_503_burst_and_dropped_connections_on_describe_stack_events_lose_no_event() {
    let rig = rig().await;
    // Within the retry budget, then beyond it: a poll that fails is only a late poll.
    rig.proxy.inject(
        "DescribeStackEvents",
        [Fault::Status(503), Fault::Drop, Fault::Status(503), Fault::Status(503), Fault::Drop, Fault::Status(500)],
    );

    let failures = install_until_ready(&rig, 3).await;

    assert!(failures.is_empty(), "a poll answered 5xx after the retries is only a late poll: {failures:?}");
    assert_eq!(rig.proxy.injected("DescribeStackEvents"), 6);
    assert_eq!(stacks_in_moto(&rig.moto).await, (1, 1));
    assert_every_event_journaled_once(&rig).await;
}

#[tokio::test]
async fn throttled_and_slow_progress_polls_complete_and_journal_every_event_once() {
    let rig = rig().await;
    let slow = Fault::Slow(Duration::from_millis(1500));
    // At most two in a row on DescribeStacks, which the install also calls before it polls:
    // the SDK's retry takes those. DescribeStackEvents is throttled beyond it, once.
    rig.proxy.inject("DescribeStacks", [Fault::Throttle, slow.clone(), Fault::Throttle, Fault::Throttle]);
    rig.proxy.inject(
        "DescribeStackEvents",
        [Fault::Throttle, Fault::Throttle, Fault::Throttle, slow.clone(), Fault::Throttle, slow.clone()],
    );
    rig.proxy.inject("DescribeStackResources", [Fault::Throttle, slow, Fault::Throttle]);

    let outcome = rig.engine.install(request(&rig.engine), &CollectSink::default()).await.unwrap();

    assert!(outcome.is_ready(), "throttling is only a late poll: {outcome:?}");
    for operation in ["DescribeStacks", "DescribeStackEvents", "DescribeStackResources"] {
        assert_eq!(rig.proxy.pending(operation), 0, "every {operation} fault was met");
    }
    assert_eq!(stacks_in_moto(&rig.moto).await, (1, 1));
    assert_every_event_journaled_once(&rig).await;
}

/// The session's credentials expire while the install is followed: AWS answers a progress poll
/// with `ExpiredToken` (HTTP 403, what keys from STS get past their expiry). The install
/// waits instead of failing, and signing in again resumes it from the journal: ready, one
/// CreateStack and one stack of each kind, every event journaled once. (moto has one account:
/// the refusal of another is `engine::renewal`'s unit tests'.)
#[tokio::test]
async fn credentials_that_expire_mid_follow_wait_for_a_new_sign_in_and_the_install_completes() {
    let rig = rig().await;
    rig.engine.wait_for_renewal(true);
    // The first read of events passes (the access stack's); the second (the environment
    // stack's, after the access stack was launched) finds the keys expired.
    rig.proxy.inject("DescribeStackEvents", [Fault::Slow(Duration::ZERO), Fault::Expired]);

    let sink = CollectSink::default();
    let admin = async {
        // Bounded: an install that failed instead of waiting must fail the test, not hang it.
        for _ in 0..600 {
            if rig.engine.awaiting_sign_in() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert!(rig.engine.awaiting_sign_in(), "the install waits for a new sign-in");
        let record = &rig.engine.journal().installations().unwrap()[0];
        let launched = rig.engine.journal().install_stacks(record.id).unwrap();
        assert!(
            launched.iter().any(|s| s.kind.as_str() == "access" && s.stack_id.is_some()),
            "the expiry came mid-way, after the access stack was launched: {launched:?}"
        );
        rig.engine.sign_in(Some(PROFILE.into()), None).await.expect("sign in again");
    };
    let (outcome, ()) = tokio::join!(rig.engine.install(request(&rig.engine), &sink), admin);

    assert!(matches!(outcome, Ok(InstallOutcome::Ready { .. })), "{outcome:?}");
    assert_eq!(rig.proxy.injected("DescribeStackEvents"), 2, "the expiry was met");
    let renewal: Vec<&'static str> = sink
        .events()
        .iter()
        .filter_map(|e| match e {
            InstallEvent::CredentialsExpired { waiting: true, account_id, .. } if account_id == "123456789012" => {
                Some("expired")
            }
            InstallEvent::CredentialsRenewed { .. } => Some("renewed"),
            _ => None,
        })
        .collect();
    assert_eq!(renewal, ["expired", "renewed"]);
    assert_eq!(rig.proxy.seen("CreateStack"), 2, "no stack created twice");
    assert_eq!(stacks_in_moto(&rig.moto).await, (1, 1));
    assert_every_event_journaled_once(&rig).await;
}

/// The CLI cannot ask a script to sign in again: an expiry mid-follow ends `install` with
/// exit 1, the `credentials_expired` event (not waiting) and the expiry's error, nothing lost;
/// running the same command again re-attaches and completes, with no stack created twice.
#[tokio::test]
async fn the_cli_stops_on_expired_credentials_with_nothing_lost_and_the_same_command_completes() {
    let rig = rig().await;
    rig.proxy.inject("DescribeStackEvents", [Fault::Slow(Duration::ZERO), Fault::Expired]);
    let invite = fixture(SANDBOX_INVITE);
    let args = ["install", "--invite", invite.to_str().unwrap(), "--region", REGION, "--cidr", CIDR, "--yes", "--json"];
    let cli = || {
        let mut cmd = std::process::Command::new(private_deploy_tests::paths::cli_binary());
        rig.sandbox.apply(&mut cmd);
        cmd.env("AWS_MAX_ATTEMPTS", ATTEMPTS.to_string());
        cmd.args(args).output().expect("run private-deploy")
    };
    let lines = |out: &std::process::Output| -> Vec<serde_json::Value> {
        String::from_utf8_lossy(&out.stdout).lines().filter_map(|l| serde_json::from_str(l).ok()).collect()
    };

    let stopped = cli();

    assert_eq!(stopped.status.code(), Some(1), "{}", String::from_utf8_lossy(&stopped.stderr));
    let seen = lines(&stopped);
    let expired = seen.iter().find(|l| l["kind"] == "credentials_expired").expect("the expiry is reported");
    assert_eq!(expired["waiting"], false, "{expired}");
    assert_eq!(expired["account_id"], "123456789012");
    let error = seen.iter().find_map(|l| l.get("error")).expect("an error line");
    assert_eq!(error["code"], "expired_credentials", "{error}");
    assert_eq!(rig.engine.journal().installations().unwrap()[0].state, InstallState::InProgress);

    let again = cli();

    assert_eq!(again.status.code(), Some(0), "{}", String::from_utf8_lossy(&again.stderr));
    assert!(lines(&again).iter().any(|l| l["kind"] == "ready"));
    assert_eq!(rig.proxy.seen("CreateStack"), 2, "the second run re-attached to the stack the first launched");
    assert_eq!(stacks_in_moto(&rig.moto).await, (1, 1));
    assert_every_event_journaled_once(&rig).await;
}
