//! `private-deploy access …` with the role changed behind the app's back, the real binary
//! against moto: `access show` says what changed; opening the window is refused (exit 1,
//! `changed_outside`) until `--accept-drift`; closing goes on and warns.

use std::process::Output;

use private_deploy_tests::cli::{json, run};
use private_deploy_tests::installed::{config, iam, inline_policy, installed, ROLE_NAME};
use private_deploy_tests::{exclusive, Sandbox};

const WINDOW: &str = "PrivateDeployAccessWindow";

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited")
}

#[tokio::test]
async fn the_cli_shows_changes_made_outside_refuses_to_open_until_accepted_and_closes_anyway() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = installed(&sandbox).await;
    let config = config(&engine);
    let allow_all = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;
    iam(&config)
        .put_role_policy()
        .role_name(ROLE_NAME)
        .policy_name("VendorExtra")
        .policy_document(allow_all)
        .send()
        .await
        .unwrap();

    let out = run(&sandbox, &["access", "show"]);
    assert_eq!(code(&out), 0);
    let shown = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(shown.contains("Changed outside Private Deploy"), "{shown}");
    assert!(shown.contains("an inline policy was changed (VendorExtra)"), "{shown}");
    let status = json(&run(&sandbox, &["access", "show", "--json"]));
    assert_eq!(status["drift"][0]["kind"], "inline_policy");

    let before = inline_policy(&config, ROLE_NAME, WINDOW).await.unwrap();
    let out = run(&sandbox, &["access", "window", "--hours", "1", "--yes", "--json"]);
    assert_eq!(code(&out), 1);
    let error = &json(&out)["error"];
    assert_eq!(error["code"], "changed_outside");
    assert!(error["hint"].as_str().unwrap().contains("--accept-drift"));
    assert_eq!(inline_policy(&config, ROLE_NAME, WINDOW).await.unwrap(), before, "nothing written");

    // Closing is never refused; it says what it found.
    let out = run(&sandbox, &["access", "close", "--yes"]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("changed outside Private Deploy"));

    let out = run(&sandbox, &["access", "window", "--hours", "1", "--yes", "--accept-drift", "--json"]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(json(&out)["action"], "open_window");
    let status = json(&run(&sandbox, &["access", "show", "--json"]));
    assert_eq!(status["drift"], serde_json::json!([]));
    let actions: Vec<&str> =
        status["recent_actions"].as_array().unwrap().iter().map(|a| a["action"].as_str().unwrap()).collect();
    assert_eq!(actions, vec!["open_window", "accept_drift", "close_window"]);
}
