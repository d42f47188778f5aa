//! `private-deploy preflight` and the preflight `install` runs first, against moto: exit 0
//! with warnings on a clean sandbox, exit 1 naming every failing check in a crowded account,
//! and `install --yes` refusing to start there (no stack created) unless `--skip-preflight`.

use private_deploy_tests::cli::{json, run};
use private_deploy_tests::crowded::{crowd, ROUTED_BLOCK};
use private_deploy_tests::installed::{config, signed_in};
use private_deploy_tests::stacks::{fixture, stack_count, SANDBOX_INVITE};
use private_deploy_tests::{exclusive, Sandbox};

const REGION: &str = "eu-west-1";

#[tokio::test]
async fn preflight_exits_0_on_a_clean_account_and_1_naming_every_failure_in_a_crowded_one() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let invite = fixture(SANDBOX_INVITE).display().to_string();
    let args = ["preflight", "--invite", &invite, "--region", REGION, "--cidr", ROUTED_BLOCK];

    let clean = run(&sandbox, &[&args[..], &["--json"]].concat());
    assert_eq!(clean.status.code(), Some(0), "{}", String::from_utf8_lossy(&clean.stderr));
    let report = json(&clean);
    assert_eq!(report["checks"].as_array().unwrap().len(), 12);
    assert!(report["cost"]["monthly"].as_f64().unwrap() > 0.0);
    let text = run(&sandbox, &args);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("0 failed"), "{text}");
    assert!(text.contains("Not included: NAT gateway data processing"), "{text}");

    let engine = signed_in(&sandbox).await;
    crowd(&config(&engine), REGION).await;
    let crowded = run(&sandbox, &[&args[..], &["--json"]].concat());
    assert_eq!(crowded.status.code(), Some(1));
    let failed: Vec<String> = json(&crowded)["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["outcome"] == "failure")
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(failed, ["names", "quota-vpcs", "quota-elastic-ips", "network-routes"]);

    let install =
        run(&sandbox, &["install", "--invite", &invite, "--region", REGION, "--cidr", ROUTED_BLOCK, "--yes", "--json"]);
    assert_eq!(install.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&install.stdout);
    let lines: Vec<serde_json::Value> = stdout.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    assert!(lines.iter().any(|l| l["kind"] == "preflight"), "{stdout}");
    let error = lines.iter().find_map(|l| l.get("error")).unwrap_or_else(|| panic!("an error line: {stdout}"));
    assert_eq!(error["code"], "preflight_failed", "{error}");
    assert!(error["message"].as_str().unwrap().contains("4 failing checks"), "{error}");
    assert_eq!(stack_count(&config(&engine), REGION).await, 0, "nothing created");
    assert_eq!(stack_count(&config(&engine), "us-east-1").await, 0, "not even the access stack");

    // --skip-preflight: the report is still shown, and the install goes on (here into the
    // taken names the preflight warned of).
    let skipped = run(
        &sandbox,
        &[
            "install",
            "--invite",
            &invite,
            "--region",
            REGION,
            "--cidr",
            ROUTED_BLOCK,
            "--yes",
            "--skip-preflight",
            "--json",
        ],
    );
    let stdout = String::from_utf8_lossy(&skipped.stdout);
    let lines: Vec<serde_json::Value> = stdout.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    assert!(lines.iter().any(|l| l["kind"] == "preflight"), "{stdout}");
    assert!(!lines.iter().any(|l| l["error"]["code"] == "preflight_failed"), "{stdout}");
    assert!(lines.iter().any(|l| l["kind"] == "started"), "the install started: {stdout}");
}
