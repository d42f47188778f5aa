//! `private-deploy install | status | template access`, the real binary, against moto: JSON
//! lines to a ready event, refusal without --yes, and `kill -9` in the middle of an install
//! followed by a second run that re-attaches (one stack of each name, no event twice).

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::process::{Command, Output, Stdio};

use aws_config::SdkConfig;
use engine::journal::Journal;
use private_deploy_tests::cli::{json, run};
use private_deploy_tests::sandbox::{HOME_REGION, PROFILE};
use private_deploy_tests::stacks::{
    event_ids, fixture, stack_count, stacks_named, ACCESS_STACK, ENV_STACK, SANDBOX_INVITE, SANDBOX_INVITE_UNSIGNED,
};
use private_deploy_tests::{exclusive, paths, Sandbox};
use serde_json::Value;

const REGION: &str = "eu-west-1";

fn install_args(invite: &str) -> Vec<String> {
    let invite = fixture(invite).display().to_string();
    ["install", "--invite", &invite, "--region", REGION, "--cidr", "auto", "--json"].map(String::from).to_vec()
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}")))
        .collect()
}

fn run_args(sandbox: &Sandbox, args: &[String]) -> Output {
    run(sandbox, &args.iter().map(String::as_str).collect::<Vec<_>>())
}

async fn session(sandbox: &Sandbox) -> SdkConfig {
    engine::aws::connect(&sandbox.options(Some(PROFILE))).await.unwrap().config
}

/// One stack of each name, and the journal holding exactly the events AWS lists for them.
async fn assert_one_stack_each_and_every_event_once(sandbox: &Sandbox, config: &SdkConfig) {
    let access = stacks_named(config, HOME_REGION, ACCESS_STACK).await;
    let env = stacks_named(config, REGION, ENV_STACK).await;
    assert_eq!(access.len(), 1, "{access:?}");
    assert_eq!(env.len(), 1, "{env:?}");
    assert_eq!(stack_count(config, HOME_REGION).await, 1);
    assert_eq!(stack_count(config, REGION).await, 1);
    let journal = Journal::open(&sandbox.data_dir().join("journal.sqlite3")).unwrap();
    let record = &journal.installations().unwrap()[0];
    let stored: Vec<String> = journal.installation_events(record.id).unwrap().into_iter().map(|e| e.event_id).collect();
    let in_aws: BTreeSet<String> = event_ids(config, HOME_REGION, &access[0].0)
        .await
        .into_iter()
        .chain(event_ids(config, REGION, &env[0].0).await)
        .collect();
    assert_eq!(stored.iter().cloned().collect::<BTreeSet<_>>(), in_aws, "no event lost");
    assert_eq!(stored.len(), in_aws.len(), "no event twice");
}

#[tokio::test]
async fn install_streams_json_lines_to_ready_and_status_shows_it() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let config = session(&sandbox).await;

    let mut args = install_args(SANDBOX_INVITE);
    args.push("--yes".into());
    let out = run_args(&sandbox, &args);
    assert!(out.status.success(), "{}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let events = lines(&out);
    assert_eq!(events[0]["kind"], "invite");
    assert_eq!(events[0]["verification"]["status"], "verified");
    assert_eq!(events[1]["kind"], "preflight", "install runs the preflight first");
    assert!(events[1]["checks"].as_array().unwrap().iter().all(|c| c["outcome"] != "failure"), "{}", events[1]);
    assert_eq!(events[2]["kind"], "started");
    let last = events.last().unwrap();
    assert_eq!(last["kind"], "ready", "{last}");
    assert!(last["outputs"].as_array().unwrap().iter().any(|o| o["key"] == "NatPublicIp"));
    let kinds: BTreeSet<&str> = events.iter().filter_map(|e| e["kind"].as_str()).collect();
    assert!(
        kinds.is_superset(&BTreeSet::from(["stack_launched", "stack_status", "resource", "progress"])),
        "{kinds:?}"
    );
    assert_one_stack_each_and_every_event_once(&sandbox, &config).await;

    let out = run(&sandbox, &["status", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let status = json(&out);
    let installation = &status[0];
    assert_eq!(installation["installation_id"], "sandbox-demo");
    assert_eq!(installation["state"], "ready");
    assert_eq!(installation["region"], REGION);
    let stacks: Vec<(&str, &str, bool)> = installation["stacks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["name"].as_str().unwrap(), s["status"].as_str().unwrap(), s["live"].as_bool().unwrap()))
        .collect();
    assert_eq!(stacks, vec![(ACCESS_STACK, "CREATE_COMPLETE", true), (ENV_STACK, "CREATE_COMPLETE", true)]);

    let text = run(&sandbox, &["status"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("sandbox-demo") && text.contains("ready") && text.contains(ENV_STACK), "{text}");

    // For people, a run that ends ready says what Ready says in the window: what to send the
    // vendor, the access now, what happens next and the console pages.
    let out = run(&sandbox, &["retry", "sandbox-demo"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Role ARN:    arn:aws:iam::123456789012:role/private-deploy/"), "{text}");
    assert!(text.contains("External ID: ") && text.contains("Access now: Open"), "{text}");
    assert!(
        text.contains(&format!(
            "https://{REGION}.console.aws.amazon.com/vpcconsole/home?region={REGION}#VpcDetails:VpcId=vpc-"
        )),
        "{text}"
    );
}

#[tokio::test]
async fn install_without_yes_shows_the_plan_and_creates_nothing() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let config = session(&sandbox).await;

    let out = run_args(&sandbox, &install_args(SANDBOX_INVITE));
    assert_eq!(out.status.code(), Some(1));
    let events = lines(&out);
    let plan = events.iter().find(|e| e["kind"] == "plan").expect("the plan is shown");
    assert_eq!(plan["stacks"][1]["name"], ENV_STACK);
    assert_eq!(plan["cidr"], "10.0.0.0/16", "auto: the first free /16");
    assert_eq!(events.last().unwrap()["error"]["code"], "invalid_input");
    assert_eq!(stack_count(&config, HOME_REGION).await, 0);
    assert_eq!(stack_count(&config, REGION).await, 0);

    // An unsigned invite needs the vendor account confirmed.
    let mut args = install_args(SANDBOX_INVITE_UNSIGNED);
    args.push("--yes".into());
    let out = run_args(&sandbox, &args);
    assert_eq!(out.status.code(), Some(1));
    let events = lines(&out);
    assert_eq!(events[0]["verification"]["status"], "unsigned");
    let error = &events.last().unwrap()["error"];
    assert!(error["hint"].as_str().unwrap().contains("--confirm-vendor-account"), "{error}");
    assert_eq!(stack_count(&config, REGION).await, 0);

    // A malformed invite file.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "not json").unwrap();
    let out =
        run(&sandbox, &["install", "--invite", bad.to_str().unwrap(), "--region", REGION, "--cidr", "auto", "--yes"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not valid JSON"));
    assert_eq!(stack_count(&config, HOME_REGION).await, 0);
}

#[tokio::test]
async fn template_access_prints_the_template_and_with_an_invite_its_parameters() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());

    let out = run(&sandbox, &["template", "access"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text, engine::templates::ACCESS_TEMPLATE);
    assert!(text.contains("sts:ExternalId"));

    let invite = fixture(SANDBOX_INVITE).display().to_string();
    let out = run(&sandbox, &["template", "access", "--boundary", "--invite", &invite, "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let value = json(&out);
    assert!(value["template"].as_str().unwrap().contains("sts:ExternalId"));
    assert_eq!(value["use_boundary"], true);
    let params: Vec<(&str, &str)> = value["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["key"].as_str().unwrap(), p["value"].as_str().unwrap()))
        .collect();
    assert!(params.contains(&("ExternalId", "pd-sandbox-demo-0001")));
    assert!(params.contains(&("UseBoundary", "true")));
    let command = value["create_stack_command"].as_str().unwrap();
    assert!(command.contains("--stack-name private-deploy-access-sandbox-demo"), "{command}");
}

/// The installation ID of an invite fixture.
fn installation_id(invite: &str) -> String {
    let text = std::fs::read_to_string(fixture(invite)).unwrap();
    serde_json::from_str::<Value>(&text).unwrap()["installation_id"].as_str().unwrap().to_owned()
}

/// Starts `install --yes --json`, kills it with SIGKILL right after it prints the first line
/// of `kind`, then installs again.
async fn kill_after_then_install_again(kind: &str) {
    kill_after_then(kind, None).await;
}

/// As [`kill_after_then_install_again`], the second run being `rerun` when given.
async fn kill_after_then(kind: &str, rerun: Option<Vec<String>>) {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let config = session(&sandbox).await;
    let mut args = install_args(SANDBOX_INVITE);
    args.push("--yes".into());

    let mut cmd = Command::new(paths::cli_binary());
    sandbox.apply(&mut cmd);
    let mut child = cmd.args(&args).stdout(Stdio::piped()).stderr(Stdio::null()).spawn().unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut seen = Vec::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.unwrap();
        let value: Value = serde_json::from_str(&line).unwrap();
        seen.push(value["kind"].as_str().unwrap_or_default().to_owned());
        if value["kind"] == kind {
            // Child::kill is SIGKILL: no destructor, no flush, as with `kill -9`.
            child.kill().unwrap();
            break;
        }
    }
    let status = child.wait().unwrap();
    assert!(seen.contains(&kind.to_owned()), "never printed {kind}: {seen:?}");
    assert!(!status.success(), "killed: {status:?}");

    let out = run_args(&sandbox, rerun.as_deref().unwrap_or(&args));
    assert!(out.status.success(), "{}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let events = lines(&out);
    assert_eq!(events.last().unwrap()["kind"], "ready");
    let created = events.iter().filter(|e| e["kind"] == "stack_launched" && e["attached"] == false).count();
    let attached = events.iter().filter(|e| e["kind"] == "stack_launched" && e["attached"] == true).count();
    assert_eq!(created + attached, 2);
    assert_one_stack_each_and_every_event_once(&sandbox, &config).await;
    let journal = Journal::open(&sandbox.data_dir().join("journal.sqlite3")).unwrap();
    assert_eq!(journal.installations().unwrap().len(), 1);
}

#[tokio::test]
async fn kill_9_right_after_the_install_starts_then_a_rerun_reaches_ready_without_duplicates() {
    kill_after_then_install_again("started").await;
}

#[tokio::test]
async fn kill_9_right_after_the_access_stack_is_launched_then_a_rerun_re_attaches() {
    kill_after_then_install_again("stack_launched").await;
}

#[tokio::test]
async fn kill_9_mid_install_then_retry_by_installation_id_re_attaches() {
    let id = installation_id(SANDBOX_INVITE);
    kill_after_then("stack_launched", Some(["retry", &id, "--json"].map(String::from).to_vec())).await;
}

#[tokio::test]
async fn retry_and_clean_up_refuse_what_they_cannot_do_and_change_nothing() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let config = session(&sandbox).await;

    // Nothing recorded yet: both name the installation and point at `status`.
    for args in [&["retry", "no-such-installation"][..], &["clean-up", "no-such-installation", "--yes"]] {
        let out = run(&sandbox, &[args, &["--json"]].concat());
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let err: Value = serde_json::from_str(stdout.lines().last().unwrap_or_default()).unwrap();
        assert_eq!(err["error"]["code"], "not_found", "{args:?}: {err}");
        assert!(err["error"]["message"].as_str().unwrap().contains("no-such-installation"), "{err}");
    }

    let mut args = install_args(SANDBOX_INVITE);
    args.push("--yes".into());
    assert!(run_args(&sandbox, &args).status.success());
    let id = installation_id(SANDBOX_INVITE);

    // Without --yes, clean-up deletes nothing.
    let out = run(&sandbox, &["clean-up", &id]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--yes"), "{}", String::from_utf8_lossy(&out.stderr));
    // A ready installation has no failed stack to clean up.
    let out = run(&sandbox, &["clean-up", &id, "--yes"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no failed stack"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_one_stack_each_and_every_event_once(&sandbox, &config).await;

    // Retrying a ready installation re-attaches to both stacks and creates nothing.
    let out = run(&sandbox, &["retry", &id, "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let events = lines(&out);
    assert_eq!(events.last().unwrap()["kind"], "ready");
    assert!(events.iter().filter(|e| e["kind"] == "stack_launched").all(|e| e["attached"] == true), "{events:?}");
    assert_one_stack_each_and_every_event_once(&sandbox, &config).await;
}
