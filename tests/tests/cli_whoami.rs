//! `private-deploy whoami`, the real binary, against moto: output, `--json`, exit codes.

use private_deploy_tests::cli::{json, run};
use private_deploy_tests::sandbox::EXPIRED_SSO_PROFILE;
use private_deploy_tests::{exclusive, Sandbox};

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
    assert!(value["error"]["hint"].as_str().unwrap().contains("aws sso login --profile expired-sso"));

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
    let journal = private_deploy::engine::journal::Journal::open(&sandbox.data_dir().join("journal.sqlite3")).unwrap();
    let last = journal.last_sign_in().unwrap().expect("a sign-in was journaled by the CLI");
    assert_eq!(last.sign_in.identity.account, "123456789012");
}
