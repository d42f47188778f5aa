//! `private-deploy access …` and `audit`, the real binary, against moto after an install:
//! JSON out, IAM read back, exit codes (0 done, 1 refused or failed, 2 usage), and that a
//! refusal changes nothing. The installation is made in-process; the CLI finds it in the
//! same journal.

use std::process::Output;

use private_deploy_tests::cli::{json, run};
use private_deploy_tests::installed::{config, inline_policy, installed, role_exists, ENV_REGION, ROLE_NAME};
use private_deploy_tests::{exclusive, Sandbox};
use serde_json::Value;

const WINDOW: &str = "PrivateDeployAccessWindow";

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited")
}

fn error_code(out: &Output) -> String {
    json(out)["error"]["code"].as_str().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn access_show_window_cut_off_and_delete_role_through_the_cli() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = installed(&sandbox).await;
    let config = config(&engine);

    let out = run(&sandbox, &["access", "show", "--json"]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let status = json(&out);
    assert_eq!(status["role"]["kind"], "present");
    assert_eq!(status["role"]["role"]["name"], ROLE_NAME);
    assert_eq!(status["window"]["kind"], "always_open");
    assert_eq!(status["installation"]["installation_id"], "sandbox-demo");

    // --region is the environment's region: status lists, and access acts on, only the
    // installations there; one named elsewhere is refused, saying where it is.
    let listed =
        |region: &str| json(&run(&sandbox, &["status", "--region", region, "--json"])).as_array().unwrap().len();
    assert_eq!((listed(ENV_REGION), listed("us-west-2")), (1, 0));
    let out = run(&sandbox, &["access", "show", "--region", ENV_REGION, "--json"]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stdout));
    let out = run(&sandbox, &["access", "--installation", "sandbox-demo", "show", "--region", "us-west-2", "--json"]);
    assert_eq!((code(&out), error_code(&out).as_str()), (1, "invalid_input"));
    let message = json(&out)["error"]["message"].as_str().unwrap().to_owned();
    assert_eq!(message, format!("Installation sandbox-demo has its environment in {ENV_REGION}, not in us-west-2."));

    // Opening is confirmed like closing: refused without --yes, nothing changed.
    let before = inline_policy(&config, ROLE_NAME, WINDOW).await.unwrap();
    let out = run(&sandbox, &["access", "window", "--hours", "2", "--json"]);
    assert_eq!((code(&out), error_code(&out).as_str()), (1, "invalid_input"));
    assert_eq!(inline_policy(&config, ROLE_NAME, WINDOW).await.unwrap(), before);
    let out = run(&sandbox, &["access", "window", "--hours", "2", "--yes", "--json"]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(json(&out)["action"], "open_window");
    let opened = inline_policy(&config, ROLE_NAME, WINDOW).await.unwrap();
    assert_eq!(opened["Statement"].as_array().unwrap().len(), 2);
    let text = run(&sandbox, &["access", "show"]);
    let shown = String::from_utf8_lossy(&text.stdout).into_owned();
    assert!(shown.contains("Window        open until "), "{shown}");
    assert!(shown.contains(&format!("arn:aws:iam::123456789012:role/private-deploy/{ROLE_NAME}")), "{shown}");

    // Without --yes, or with another account's ID: refused, nothing changed.
    let out = run(&sandbox, &["access", "close", "--json"]);
    assert_eq!((code(&out), error_code(&out).as_str()), (1, "invalid_input"));
    let out = run(&sandbox, &["access", "cut-off", "--yes", "--confirm-account", "000000000000", "--json"]);
    assert_eq!((code(&out), error_code(&out).as_str()), (1, "invalid_input"));
    assert_eq!(inline_policy(&config, ROLE_NAME, WINDOW).await.unwrap(), opened);
    // A usage error is exit code 2.
    assert_eq!(code(&run(&sandbox, &["access", "window"])), 2);

    let out = run(&sandbox, &["access", "cut-off", "--yes", "--json"]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stdout));
    let record = json(&out);
    assert_eq!(record["action"], "cut_off");
    assert_eq!(record["caller_arn"], "arn:aws:sts::123456789012:user/moto");
    let closed = inline_policy(&config, ROLE_NAME, WINDOW).await.unwrap();
    assert!(closed["Statement"][0].get("Condition").is_none(), "{closed}");
    assert!(inline_policy(&config, ROLE_NAME, "AWSRevokeOlderSessions").await.is_some());
    let shown = String::from_utf8_lossy(&run(&sandbox, &["access", "show"]).stdout).into_owned();
    assert!(shown.starts_with("Access now    Cut off at "), "{shown}");
    assert!(shown.contains("Window        closed"), "{shown}");
    assert!(shown.contains("Last revoked  "), "{shown}");
    assert!(shown.contains("cut_off"), "{shown}");

    // The database check says whether the block overlaps (exit 1 when it does).
    let out = run(&sandbox, &["access", "database", "10.42.0.0/24", "--json"]);
    assert_eq!(code(&out), 1);
    assert_eq!(json(&out)["ok"], false);
    let out = run(&sandbox, &["access", "nat-addresses", "--json"]);
    assert_eq!(code(&out), 0);
    assert_eq!(json(&out).as_array().map(Vec::len), Some(1));

    // moto has no CloudTrail LookupEvents (HTTP 500 in every region): the audit fails cleanly,
    // exit 1, saying no region could be read and why; a bad --since is refused before any call.
    let out = run(&sandbox, &["audit", "--since", "5w", "--json"]);
    assert_eq!((code(&out), error_code(&out).as_str()), (1, "invalid_input"));
    let out = run(&sandbox, &["audit", "--since", "24h", "--json"]);
    assert_eq!(code(&out), 1);
    let message = json(&out)["error"]["message"].as_str().unwrap().to_owned();
    assert!(message.contains("CloudTrail could not be read in any region (20 regions)"), "{message}");
    assert!(message.contains("LookupEvents failed: CloudTrail answered HTTP 500"), "{message}");

    let out = run(&sandbox, &["access", "delete-role", "--yes", "--json"]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(json(&out)["action"], "delete_role");
    assert!(!role_exists(&config, ROLE_NAME).await);
    let out = run(&sandbox, &["access", "delete-role", "--yes", "--json"]);
    assert_eq!((code(&out), error_code(&out).as_str()), (1, "not_found"));
    let status: Value = json(&run(&sandbox, &["access", "show", "--json"]));
    assert_eq!(status["role"]["kind"], "gone");
    let kinds: Vec<&str> =
        status["recent_actions"].as_array().unwrap().iter().map(|a| a["action"].as_str().unwrap()).collect();
    assert_eq!(kinds, vec!["delete_role", "cut_off", "open_window"]);
}
