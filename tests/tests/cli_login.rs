//! `private-deploy login`, the real binary, against the Identity Center stand-in and moto:
//! the page and code printed as `aws sso login --no-browser` prints them, the wait for the
//! approval, then `whoami` with the profile through the SDK's own SSO provider; and with a
//! start URL, the accounts listed and a chosen role saved as a profile.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use private_deploy_tests::cli::json;
use private_deploy_tests::identity_center::{IdentityCenter, ACCOUNT_NAME, ADMIN_ROLE, SSO_REGION};
use private_deploy_tests::installed::ACCOUNT;
use private_deploy_tests::sandbox::EXPIRED_SSO_PROFILE;
use private_deploy_tests::{exclusive, paths, Sandbox};

const NEW_START_URL: &str = "https://d-1029384756.awsapps.com/start";

fn command(sandbox: &Sandbox, stand_in: &IdentityCenter, args: &[&str]) -> Command {
    let mut cmd = Command::new(paths::cli_binary());
    sandbox.apply(&mut cmd);
    stand_in.apply(&mut cmd);
    cmd.args(args);
    cmd
}

/// Runs a login, approving its code once the stand-in has it; returns the output.
fn login(sandbox: &Sandbox, stand_in: &IdentityCenter, args: &[&str]) -> Output {
    let child: Child =
        command(sandbox, stand_in, args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn");
    let code = stand_in.wait_for_user_code(Duration::from_secs(30));
    assert!(stand_in.approve(&code));
    child.wait_with_output().expect("login output")
}

#[tokio::test]
async fn login_prints_the_page_and_code_then_whoami_signs_in_with_the_cached_token() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let stand_in = IdentityCenter::start();

    let before = command(&sandbox, &stand_in, &["whoami", "--profile", EXPIRED_SSO_PROFILE]).output().unwrap();
    assert_eq!(before.status.code(), Some(1), "no login yet");

    // Read the printed code while the command waits, as an admin would.
    let mut child = command(&sandbox, &stand_in, &["login", "--profile", EXPIRED_SSO_PROFILE, "--no-browser"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut printed = String::new();
    let code = loop {
        let mut line = String::new();
        assert!(stdout.read_line(&mut line).unwrap() > 0, "ended before printing a code: {printed}");
        printed.push_str(&line);
        let line = line.trim();
        if line.starts_with("SAND-") {
            break line.to_owned();
        }
    };
    assert!(printed.contains(&format!("{}/device", stand_in.endpoint())), "{printed}");
    assert!(stand_in.approve(&code));
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{printed}{rest}");
    assert!(rest.contains("Successfully logged into Start URL: https://sandbox.awsapps.example/start"), "{rest}");

    let after = command(&sandbox, &stand_in, &["whoami", "--json", "--profile", EXPIRED_SSO_PROFILE]).output().unwrap();
    assert!(after.status.success(), "{}", String::from_utf8_lossy(&after.stderr));
    assert_eq!(json(&after)["account"], ACCOUNT);
}

#[tokio::test]
async fn login_with_a_start_url_lists_the_accounts_then_saves_the_chosen_role_as_a_profile() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let stand_in = IdentityCenter::start();

    let out =
        login(&sandbox, &stand_in, &["login", "--json", "--start-url", NEW_START_URL, "--sso-region", SSO_REGION]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<serde_json::Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).expect("JSON Lines")).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0]["device_login"]["user_code"].as_str().is_some_and(|c| c.starts_with("SAND-")));
    let accounts = lines[1]["accounts"].as_array().expect("accounts");
    assert_eq!(accounts.len(), 3, "every page");
    assert!(accounts.iter().any(|a| a["account_id"] == ACCOUNT && a["account_name"] == ACCOUNT_NAME));

    // The token is cached: choosing the role needs no new approval (its refresh token is used).
    let config_before = std::fs::read_to_string(sandbox.profile_paths().config).unwrap();
    let out = command(
        &sandbox,
        &stand_in,
        &[
            "login",
            "--json",
            "--start-url",
            NEW_START_URL,
            "--sso-region",
            SSO_REGION,
            "--account",
            ACCOUNT,
            "--role",
            ADMIN_ROLE,
            "--save-profile",
        ],
    )
    .output()
    .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let last: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&out.stdout).lines().last().unwrap()).unwrap();
    assert_eq!(last["identity"]["account"], ACCOUNT);
    let profile = last["saved"]["profile_name"].as_str().unwrap().to_owned();
    let text = last["saved"]["text"].as_str().unwrap();
    let config_after = std::fs::read_to_string(sandbox.profile_paths().config).unwrap();
    assert_eq!(config_after, format!("{config_before}{text}"));

    let whoami = command(&sandbox, &stand_in, &["whoami", "--json", "--profile", &profile]).output().unwrap();
    assert!(whoami.status.success(), "{}", String::from_utf8_lossy(&whoami.stderr));
    assert_eq!(json(&whoami)["account"], ACCOUNT);
}

#[tokio::test]
async fn login_refuses_a_role_without_an_account_as_a_usage_error() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let stand_in = IdentityCenter::start();
    let out =
        command(&sandbox, &stand_in, &["login", "--start-url", NEW_START_URL, "--role", ADMIN_ROLE]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
}
