//! Manage's writes through the fault proxy (`private_deploy_tests::fault_proxy`) in front of
//! moto, with the SDK making 3 attempts per call as on a real account: cut-off with
//! PutRolePolicy failing (500s beyond the retry budget, answers lost after IAM wrote), through
//! the engine and through the CLI; delete-stacks with DeleteStack and DescribeStacks failing.
//!
//! The assertions are on the outcome, whatever the order of the calls: a failed action is a
//! clear error and journals no success; what the app then shows of the role is what IAM holds;
//! delete-stacks reports success only when moto has both stacks `DELETE_COMPLETE` by ID.

use std::process::{Command, Output};

use aws_config::SdkConfig;
use engine::access::{AccessActionKind, AccessWindow, REVOKE_POLICY_NAME};
use engine::install::{CollectSink, DeleteOptions, InstallRequest};
use engine::templates::ACCESS_WINDOW_POLICY_NAME;
use engine::Engine;
use engine::Explain as _;
use private_deploy_tests::fault_proxy::{Fault, FaultRig};
use private_deploy_tests::installed::{inline_policy, ACCOUNT, ENV_CIDR, ENV_REGION, ROLE_NAME};
use private_deploy_tests::sandbox::HOME_REGION;
use private_deploy_tests::stacks::{
    fixture, moto_unblock_environment_delete, stacks_named, ACCESS_STACK, ENV_STACK, INSTALLATION_ID, SANDBOX_INVITE,
};
use serde_json::{json, Value};

const ATTEMPTS: u32 = 3;

/// Installed through the proxy (no faults yet), the window open for 2 hours.
async fn installed_with_window() -> FaultRig {
    let rig = FaultRig::start(ATTEMPTS).await;
    let summary = rig.engine.open_invite(&fixture(SANDBOX_INVITE)).expect("open the invite");
    let request = InstallRequest {
        invite: summary.invite,
        region: ENV_REGION.to_owned(),
        cidr: ENV_CIDR.to_owned(),
        use_boundary: false,
        confirmed_vendor_account: None,
    };
    let outcome = rig.engine.install(request, &CollectSink::default()).await.expect("install");
    assert!(outcome.is_ready(), "{outcome:?}");
    rig.engine.open_window(None, 2, ACCOUNT).await.expect("open the window");
    rig
}

fn actions(engine: &Engine) -> Vec<AccessActionKind> {
    engine.journal().access_actions(ACCOUNT, INSTALLATION_ID, &[], 100).unwrap().into_iter().map(|a| a.action).collect()
}

fn closed() -> Value {
    json!({"Version": "2012-10-17", "Statement": [{"Sid": "AccessWindowClosedNow", "Effect": "Deny", "Action": "*", "Resource": "*"}]})
}

/// What IAM holds: the window document, and whether there is a revocation.
async fn role_in_moto(moto: &SdkConfig) -> (Value, bool) {
    let window = inline_policy(moto, ROLE_NAME, ACCESS_WINDOW_POLICY_NAME).await.expect("the window policy");
    (window, inline_policy(moto, ROLE_NAME, REVOKE_POLICY_NAME).await.is_some())
}

/// The app's view of the role (read through the proxy, no faults queued) is IAM's.
async fn assert_status_is_what_iam_holds(rig: &FaultRig) {
    let (window, revoked) = role_in_moto(&rig.moto).await;
    let status = rig.engine.access_status(None).await.expect("status");
    assert_eq!(status.window == AccessWindow::Closed, window == closed(), "{:?} / {window}", status.window);
    assert_eq!(status.sessions_revoked_before.is_some(), revoked);
}

#[tokio::test]
async fn a_cut_off_whose_put_role_policy_fails_beyond_the_retries_reports_the_failure_and_journals_nothing() {
    let rig = installed_with_window().await;
    let before = role_in_moto(&rig.moto).await;
    rig.proxy.inject("PutRolePolicy", [Fault::Status(500), Fault::Status(500), Fault::Status(503)]);

    let err = rig.engine.cut_off(None, ACCOUNT).await.unwrap_err().failure();

    assert!(err.message.contains("PutRolePolicy"), "{err:?}");
    assert_eq!(rig.proxy.injected("PutRolePolicy"), 3, "the SDK tried three times");
    assert_eq!(actions(&rig.engine), vec![AccessActionKind::OpenWindow], "no cut-off journaled");
    assert_eq!(role_in_moto(&rig.moto).await, before, "no write reached IAM");
    assert_status_is_what_iam_holds(&rig).await;
    assert!(matches!(
        rig.engine.access_status(None).await.unwrap().window,
        AccessWindow::Window { open_now: true, .. }
    ));

    // The same cut-off with one answer lost (IAM wrote) and one 500: the SDK's retries carry it.
    rig.proxy.inject("PutRolePolicy", [Fault::DropAnswer, Fault::Status(500)]);
    let record = rig.engine.cut_off(None, ACCOUNT).await.expect("cut off on retry");
    assert_eq!(record.action, AccessActionKind::CutOff);
    assert_eq!(rig.proxy.pending("PutRolePolicy"), 0);
    assert_eq!(role_in_moto(&rig.moto).await, (closed(), true));
    assert_eq!(actions(&rig.engine), vec![AccessActionKind::CutOff, AccessActionKind::OpenWindow]);
    assert_status_is_what_iam_holds(&rig).await;
}

fn cli(rig: &FaultRig, args: &[&str]) -> Output {
    let mut cmd = Command::new(private_deploy_tests::paths::cli_binary());
    rig.sandbox.apply(&mut cmd);
    // As on a real account: the SDK's default of 3 attempts, not the sandbox's 1.
    cmd.env("AWS_MAX_ATTEMPTS", ATTEMPTS.to_string());
    cmd.args(args).output().expect("run private-deploy")
}

fn json_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

/// Every answer lost: IAM may have taken writes the app could not confirm. The CLI fails
/// (exit 1) with a clear message, journals no cut-off, and then shows the role as IAM has it.
#[tokio::test]
async fn the_cli_cut_off_with_every_answer_lost_fails_clearly_and_then_shows_the_role_as_iam_has_it() {
    let rig = installed_with_window().await;
    rig.proxy.inject("PutRolePolicy", [Fault::DropAnswer, Fault::DropAnswer, Fault::DropAnswer]);

    let out = cli(&rig, &["access", "cut-off", "--yes", "--json"]);

    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stdout));
    let error = &json_of(&out)["error"];
    let message = error["message"].as_str().unwrap_or_default();
    assert!(message.contains("PutRolePolicy"), "{error}");
    assert!(error["hint"].as_str().is_some_and(|h| !h.is_empty()), "{error}");
    assert_eq!(rig.proxy.injected("PutRolePolicy"), 3);
    assert_eq!(actions(&rig.engine), vec![AccessActionKind::OpenWindow], "no cut-off journaled");

    let shown = json_of(&cli(&rig, &["access", "show", "--json"]));
    let (window, revoked) = role_in_moto(&rig.moto).await;
    assert_eq!(shown["window"]["kind"] == "closed", window == closed(), "{shown} / {window}");
    assert_eq!(shown["sessions_revoked_before"].is_string(), revoked, "{shown}");
    let kinds: Vec<&str> =
        shown["recent_actions"].as_array().unwrap().iter().map(|a| a["action"].as_str().unwrap()).collect();
    assert_eq!(kinds, vec!["open_window"]);
}

/// A stack's status in moto, by its ID (a deleted stack is still found by ID, as in AWS).
async fn status_by_id(moto: &SdkConfig, region: &str, stack_id: &str) -> String {
    let cfn = engine::aws::cloudformation_in(moto, region);
    let out = cfn.describe_stacks().stack_name(stack_id).send().await.expect("DescribeStacks by ID");
    out.stacks()[0].stack_status().map(|s| s.as_str().to_owned()).unwrap_or_default()
}

/// Deletes the stacks until it succeeds (at most `runs` times). A failed run journals no
/// delete; a successful one is reported only with both stacks `DELETE_COMPLETE` in moto.
async fn delete_until_done(rig: &FaultRig, ids: &(String, String), runs: usize) -> Vec<String> {
    let mut failures = Vec::new();
    for _ in 0..runs {
        match rig.engine.delete_stacks(None, ACCOUNT, &DeleteOptions::default(), &CollectSink::default()).await {
            Ok(record) => {
                assert_eq!(record.action, AccessActionKind::DeleteStacks);
                assert_eq!(status_by_id(&rig.moto, ENV_REGION, &ids.1).await, "DELETE_COMPLETE");
                assert_eq!(status_by_id(&rig.moto, HOME_REGION, &ids.0).await, "DELETE_COMPLETE");
                return failures;
            }
            Err(err) => {
                let failure = err.failure();
                assert!(!failure.message.is_empty() && failure.message.contains(':'), "{failure:?}");
                assert!(
                    !actions(&rig.engine).contains(&AccessActionKind::DeleteStacks),
                    "a failed delete is not journaled as done: {failure:?}"
                );
                failures.push(failure.message);
            }
        }
    }
    panic!("delete-stacks did not complete in {runs} runs: {failures:?}");
}

async fn ready_to_delete() -> (FaultRig, (String, String)) {
    let rig = installed_with_window().await;
    let access = stacks_named(&rig.moto, HOME_REGION, ACCESS_STACK).await[0].0.clone();
    let env = stacks_named(&rig.moto, ENV_REGION, ENV_STACK).await[0].0.clone();
    moto_unblock_environment_delete(&rig.moto, ENV_REGION, &env).await;
    (rig, (access, env))
}

#[tokio::test]
async fn delete_stacks_with_delete_stack_failing_beyond_the_retries_reports_no_success_and_a_retry_finishes() {
    let (rig, ids) = ready_to_delete().await;
    rig.proxy.inject("DeleteStack", [Fault::Status(503), Fault::Drop, Fault::Status(500)]);

    let err = rig
        .engine
        .delete_stacks(None, ACCOUNT, &DeleteOptions::default(), &CollectSink::default())
        .await
        .unwrap_err()
        .failure();

    assert!(err.message.contains("DeleteStack"), "{err:?}");
    assert_eq!(rig.proxy.injected("DeleteStack"), 3);
    assert_eq!(status_by_id(&rig.moto, ENV_REGION, &ids.1).await, "CREATE_COMPLETE", "nothing reached moto");
    assert_eq!(status_by_id(&rig.moto, HOME_REGION, &ids.0).await, "CREATE_COMPLETE");
    assert!(!actions(&rig.engine).contains(&AccessActionKind::DeleteStacks));

    let failures = delete_until_done(&rig, &ids, 2).await;
    assert!(failures.is_empty(), "{failures:?}");
    let deletes = actions(&rig.engine).into_iter().filter(|a| *a == AccessActionKind::DeleteStacks).count();
    assert_eq!(deletes, 1);
}

#[tokio::test]
async fn delete_stacks_with_lost_answers_and_failing_polls_reports_success_only_once_both_are_deleted() {
    let (rig, ids) = ready_to_delete().await;
    // The environment's DeleteStack reaches moto but its answer is lost (the SDK sends it again
    // for the same stack ID); the waits for DELETE_COMPLETE are throttled, dropped, answered
    // 503 and slowly.
    rig.proxy.inject("DeleteStack", [Fault::DropAnswer]);
    rig.proxy.inject(
        "DescribeStacks",
        [
            Fault::Throttle,
            Fault::Drop,
            Fault::Slow(std::time::Duration::from_millis(1500)),
            Fault::Status(503),
            Fault::Throttle,
            Fault::Status(503),
            Fault::Status(503),
            Fault::Status(503),
        ],
    );

    delete_until_done(&rig, &ids, 3).await;

    assert_eq!(rig.proxy.injected("DeleteStack"), 1);
    let deletes = actions(&rig.engine).into_iter().filter(|a| *a == AccessActionKind::DeleteStacks).count();
    assert_eq!(deletes, 1, "journaled once");
}

/// When the account's regions cannot be listed (DescribeRegions failing beyond the retries),
/// the audit still reads the regions it knows, the home region and the environment's (us-east-1
/// among them, where IAM's events are), and says which; moto answers LookupEvents with HTTP 500
/// everywhere, so the command fails, naming those regions and why.
#[tokio::test]
async fn the_audit_without_the_region_list_reads_the_home_and_environment_regions() {
    let rig = installed_with_window().await;
    rig.proxy.inject("DescribeRegions", [Fault::Status(503), Fault::Status(500), Fault::Drop]);

    let out = cli(&rig, &["audit", "--since", "24h", "--json"]);

    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(rig.proxy.injected("DescribeRegions"), 3, "the region list failed");
    assert_eq!(
        rig.proxy.seen("LookupEvents"),
        2 * ATTEMPTS as usize,
        "one lookup in each of the two regions (moto's 500 tried 3 times), not in 20"
    );
    let message = json_of(&out)["error"]["message"].as_str().unwrap_or_default().to_owned();
    assert!(message.contains("CloudTrail could not be read in any region (eu-west-1, us-east-1)"), "{message}");
    assert!(message.contains("LookupEvents failed: CloudTrail answered HTTP 500"), "{message}");
}

/// The session's credentials expire between the cut-off's two writes (the window closed, the
/// revocation answered `ExpiredToken`): the stop is journaled as partial, as any part-way stop
/// is, and the action waits for a new sign-in instead of failing, then runs again from the
/// role as IAM has it and finishes: the role closed and revoked, the finished cut-off journaled.
#[tokio::test]
async fn a_cut_off_whose_credentials_expire_part_way_waits_for_a_new_sign_in_and_finishes() {
    let rig = installed_with_window().await;
    rig.engine.wait_for_renewal(true);
    rig.proxy.inject("PutRolePolicy", [Fault::Slow(std::time::Duration::ZERO), Fault::Expired]);
    let sink = CollectSink::default();
    let request = engine::access::AccessRequest::CutOff;

    let admin = async {
        // Bounded: an action that failed instead of waiting must fail the test, not hang it.
        for _ in 0..600 {
            if rig.engine.awaiting_sign_in() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert!(rig.engine.awaiting_sign_in(), "the action waits for a new sign-in");
        assert_eq!(role_in_moto(&rig.moto).await, (closed(), false), "paused between the two writes");
        rig.engine.sign_in(Some(private_deploy_tests::sandbox::PROFILE.into()), None).await.expect("sign in again");
    };
    let (record, ()) = tokio::join!(rig.engine.access_request(None, request, Some(ACCOUNT), &sink), admin);

    let record = record.expect("the cut-off finishes after the new sign-in");
    assert_eq!(record.action, AccessActionKind::CutOff);
    assert_eq!(rig.proxy.injected("PutRolePolicy"), 2, "the expiry was met");
    let kinds: Vec<&str> = sink
        .events()
        .iter()
        .filter_map(|e| match e {
            engine::install::InstallEvent::CredentialsExpired { .. } => Some("expired"),
            engine::install::InstallEvent::CredentialsRenewed { .. } => Some("renewed"),
            _ => None,
        })
        .collect();
    assert_eq!(kinds, ["expired", "renewed"]);
    assert_eq!(role_in_moto(&rig.moto).await, (closed(), true));
    // Newest first: the finished cut-off, the part-way stop the expiry caused (journaled as it
    // happened, with what was done), and the window opened before.
    let journaled = rig.engine.journal().access_actions(ACCOUNT, INSTALLATION_ID, &[], 100).unwrap();
    let kinds: Vec<(AccessActionKind, bool)> = journaled.iter().map(|a| (a.action, a.partial)).collect();
    assert_eq!(
        kinds,
        vec![
            (AccessActionKind::CutOff, false),
            (AccessActionKind::CutOff, true),
            (AccessActionKind::OpenWindow, false)
        ]
    );
    assert_status_is_what_iam_holds(&rig).await;
}
