//! `private-deploy whoami`, the real binary, against moto: output, `--json`, exit codes.

use std::process::Command;

use private_deploy_tests::cli::{json, run};
use private_deploy_tests::sandbox::{
    assumed_role_arn, EXPIRED_SSO_PROFILE, PROFILE, ROLE_NO_REGION_PROFILE, ROLE_NO_REGION_SESSION, ROLE_PROFILE,
    ROLE_SESSION,
};
use private_deploy_tests::{exclusive, paths, seed, Sandbox};

/// The sandbox with the role its role profiles assume.
async fn with_sign_in_role(sandbox: &Sandbox) {
    let keys = engine::aws::connect(&sandbox.options(Some(PROFILE))).await.unwrap();
    seed::create_sign_in_role(&keys.config).await;
}

#[tokio::test]
async fn whoami_prints_the_account_as_text_and_json() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());

    let text = run(&sandbox, &["whoami"]);
    assert!(text.status.success(), "{}", String::from_utf8_lossy(&text.stderr));
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert!(stdout.lines().any(|l| l == "Account  123456789012"), "{stdout}");

    let out = run(&sandbox, &["whoami", "--json"]);
    assert!(out.status.success());
    let value = json(&out);
    assert_eq!(value["account"], "123456789012");
    assert_eq!(value["profile"], "sandbox");
    assert_eq!(value["is_root"], false);
}

#[tokio::test]
async fn whoami_failures_exit_non_zero_with_a_stable_code() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());

    let out = run(&sandbox, &["whoami", "--json", "--profile", EXPIRED_SSO_PROFILE]);
    assert_eq!(out.status.code(), Some(1));
    let value = json(&out);
    assert_eq!(value["error"]["code"], "sso_login_required");
    assert_eq!(value["error"]["command"], "aws sso login --profile expired-sso");
    assert_eq!(value["error"]["fix"], "sign-in");

    let out = run(&sandbox, &["whoami", "--profile", "nope"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("There is no AWS profile named \"nope\"."), "{stderr}");

    let out = run(&sandbox, &["whoami", "--bogus-flag"]);
    assert_eq!(out.status.code(), Some(2), "usage errors exit 2");
}

#[tokio::test]
async fn whoami_records_the_sign_in_for_the_window_to_preselect() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    assert!(run(&sandbox, &["whoami"]).status.success());
    let journal = engine::journal::Journal::open(&sandbox.data_dir().join("journal.sqlite3")).unwrap();
    let last = journal.last_sign_in().unwrap().expect("a sign-in was journaled by the CLI");
    assert_eq!(last.sign_in.identity.account, "123456789012");
}

#[tokio::test]
async fn whoami_through_a_role_profile_shows_the_assumed_role() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    with_sign_in_role(&sandbox).await;

    let text = run(&sandbox, &["whoami", "--profile", ROLE_PROFILE]);
    assert!(text.status.success(), "{}", String::from_utf8_lossy(&text.stderr));
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert!(stdout.lines().any(|l| l == format!("ARN      {}", assumed_role_arn(ROLE_SESSION))), "{stdout}");
    assert!(stdout.lines().any(|l| l == "Profile  sandbox-role (region us-east-1)"), "{stdout}");
    let stderr = String::from_utf8_lossy(&text.stderr);
    assert!(!stderr.contains("clock"), "moto's clock is this machine's: {stderr}");

    // No region in the profile's section: the session's, AWS_REGION (--region is the
    // environment's, which whoami has none of).
    let mut cmd = Command::new(paths::cli_binary());
    sandbox.apply(&mut cmd);
    cmd.env("AWS_REGION", "us-west-2");
    let out = cmd.args(["whoami", "--json", "--profile", ROLE_NO_REGION_PROFILE]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let value = json(&out);
    assert_eq!(value["arn"], assumed_role_arn(ROLE_NO_REGION_SESSION));
    assert_eq!(value["region"], "us-west-2");
    assert_eq!(value["clock_warning"], serde_json::Value::Null);
    assert_eq!(value["clock_skew_seconds"], 0, "{value}");
}

#[tokio::test]
async fn a_picked_role_profile_wins_over_keys_in_the_environment() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    with_sign_in_role(&sandbox).await;

    // Keys in the environment (the default chain would take them first) and --profile.
    let mut cmd = Command::new(paths::cli_binary());
    sandbox.apply(&mut cmd);
    cmd.env("AWS_ACCESS_KEY_ID", "AKIAENVIRONMENTKEYS1").env("AWS_SECRET_ACCESS_KEY", "env-secret");
    let out = cmd.args(["whoami", "--json", "--profile", ROLE_PROFILE]).output().expect("run private-deploy");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(json(&out)["arn"], assumed_role_arn(ROLE_SESSION));
}

#[tokio::test]
async fn a_role_profile_behind_mfa_takes_the_code_from_mfa_code_and_scripts_get_a_stable_refusal() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    with_sign_in_role(&sandbox).await;
    let profile = sandbox.add_mfa_profile();

    // No terminal on stdin (the test's pipe): no prompt, the refusal as it is.
    let out = run(&sandbox, &["whoami", "--json", "--profile", profile]);
    assert_eq!(out.status.code(), Some(1));
    let value = json(&out);
    assert_eq!(value["error"]["code"], "mfa_required", "{value}");
    assert!(value["error"]["message"].as_str().unwrap().contains(private_deploy_tests::sandbox::MFA_SERIAL));

    let out = run(&sandbox, &["whoami", "--json", "--profile", profile, "--mfa-code", "123456"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(json(&out)["arn"], assumed_role_arn(profile));
}
