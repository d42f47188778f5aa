//! `private-deploy preflight` and the preflight `install` runs first, against moto: exit 0
//! with warnings on a clean sandbox, exit 1 naming every failing check in a crowded account,
//! and `install --yes` refusing to start there (no stack created) unless `--skip-preflight`;
//! `install` planning once and the preflight running on that plan (counted through the fault
//! proxy).

use private_deploy_tests::cli::{json, run};
use private_deploy_tests::crowded::{crowd, ROUTED_BLOCK};
use private_deploy_tests::fault_proxy::FaultRig;
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

/// A plan reads the region's zones and looks for the installation's stacks; the preflight reads
/// the zones once more (its zone check) and no stack (which stacks stand is the plan's). So
/// `preflight` costs one plan and one zone read, and `install --yes` the same before its run:
/// planning twice would show as a second plan's reads.
#[tokio::test]
async fn install_plans_once_and_its_preflight_reads_no_stack_again() {
    let rig = FaultRig::start(1).await;
    let invite = fixture(SANDBOX_INVITE).display().to_string();
    let target = ["--invite", invite.as_str(), "--region", REGION, "--cidr", ROUTED_BLOCK];
    let seen = || (rig.proxy.seen("DescribeAvailabilityZones"), rig.proxy.seen("DescribeStacks"));

    // `install` without --yes: the plan alone, shown and not carried out.
    let planned = run(&rig.sandbox, &[&["install"][..], &target, &["--json"]].concat());
    assert!(!planned.status.success(), "{}", String::from_utf8_lossy(&planned.stdout));
    let (plan_zones, plan_stacks) = seen();
    assert_eq!(plan_zones, 1, "a new installation's plan reads the zones once");
    assert!(plan_stacks >= 2, "the plan looks for both stacks: {plan_stacks}");

    let preflight = run(&rig.sandbox, &[&["preflight"][..], &target, &["--json"]].concat());
    assert_eq!(preflight.status.code(), Some(0), "{}", String::from_utf8_lossy(&preflight.stderr));
    assert_eq!(seen(), (2 * plan_zones + 1, 2 * plan_stacks), "one plan, one zone check, no stack read again");

    let before = seen().0;
    let installed = run(&rig.sandbox, &[&["install"][..], &target, &["--yes", "--json"]].concat());
    let stdout = String::from_utf8_lossy(&installed.stdout);
    assert_eq!(installed.status.code(), Some(0), "{stdout}");
    assert!(stdout.lines().any(|l| l.contains(r#""kind":"preflight""#)), "{stdout}");
    assert_eq!(seen().0 - before, plan_zones + 1, "install --yes planned once: {stdout}");
}
