//! `private-deploy regions | networks | cidr suggest | cidr check`, the real binary, against
//! the seeded sandbox account in moto.

use private_deploy_tests::cli::{json, run};
use private_deploy_tests::sandbox::PROFILE;
use private_deploy_tests::{exclusive, seed, Sandbox};

async fn seeded(endpoint: &str) -> (Sandbox, Vec<String>) {
    let sandbox = Sandbox::new(endpoint);
    let session = engine::aws::connect(&sandbox.options(Some(PROFILE))).await.unwrap();
    let ids = seed::apply(&session.config, &seed::sandbox_seed()).await;
    (sandbox, ids)
}

#[tokio::test]
async fn regions_and_networks_list_the_account() {
    let guard = exclusive().await;
    let (sandbox, ids) = seeded(&guard.moto.endpoint()).await;

    let out = run(&sandbox, &["regions", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let regions = json(&out);
    let enabled = regions.as_array().unwrap().iter().filter(|r| r["enabled"] == true).count();
    assert_eq!(enabled, 20);

    let out = run(&sandbox, &["networks", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let found = json(&out);
    let vpc_ids: Vec<&str> = found["vpcs"].as_array().unwrap().iter().map(|v| v["vpc_id"].as_str().unwrap()).collect();
    for id in &ids {
        assert!(vpc_ids.contains(&id.as_str()), "{id} missing");
    }
    assert_eq!(found["failed"].as_array().unwrap().len(), 0);

    let out = run(&sandbox, &["networks", "--region", "us-west-2"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("customer-db") && text.contains("192.168.0.0/20"), "{text}");
    assert!(!text.contains("prod-core"), "only us-west-2: {text}");

    for bad in ["mars-east-1", "EU WEST 1"] {
        let out = run(&sandbox, &["networks", "--region", bad, "--json"]);
        assert_eq!(out.status.code(), Some(1), "{bad}");
        assert_eq!(json(&out)["error"]["code"], "invalid_input", "{bad}");
    }
}

#[tokio::test]
async fn cidr_suggest_and_check_plan_around_the_seeded_vpcs() {
    let guard = exclusive().await;
    let (sandbox, ids) = seeded(&guard.moto.endpoint()).await;

    let out = run(&sandbox, &["cidr", "suggest", "--prefix", "16", "--count", "3", "--avoid", "10.4.0.0/16", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // The seed takes 10.0-10.3 (prod-core and its secondaries, analytics); 10.4 is avoided.
    assert_eq!(json(&out)["blocks"], serde_json::json!(["10.5.0.0/16", "10.6.0.0/16", "10.7.0.0/16"]));

    let out = run(&sandbox, &["cidr", "check", "10.1.0.0/16", "--json"]);
    assert_eq!(out.status.code(), Some(1), "a conflicting block exits non-zero");
    let report = json(&out);
    assert_eq!(report["ok"], false);
    let problem = &report["problems"][0];
    assert_eq!(problem["kind"], "overlaps_vpc");
    assert_eq!(problem["vpc_id"], ids[0].as_str());
    assert_eq!(problem["region"], "us-east-1");

    let out = run(&sandbox, &["cidr", "check", "10.5.0.0/16"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "10.5.0.0/16 is free");

    let out = run(&sandbox, &["cidr", "check", "172.17.3.0/24"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Docker"));

    let out = run(&sandbox, &["cidr", "suggest", "--prefix", "8", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out)["error"]["code"], "invalid_input");

    let out = run(&sandbox, &["cidr", "suggest", "--avoid", "not-a-cidr", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out)["error"]["code"], "invalid_input");
}

#[tokio::test]
async fn the_smallest_vpc_is_one_the_load_balancer_fits_in_and_help_says_so() {
    let guard = exclusive().await;
    let (sandbox, _) = seeded(&guard.moto.endpoint()).await;

    let out = run(&sandbox, &["cidr", "suggest", "--prefix", "25", "--count", "1", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(json(&out)["prefix"], 25);

    // AWS takes a /26 VPC, but its quarters would be /28: too small for the load balancer.
    let out = run(&sandbox, &["cidr", "suggest", "--prefix", "26", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(json(&out)["error"]["message"].as_str().unwrap().contains("/16 to /25"), "{}", json(&out));
    let out = run(&sandbox, &["cidr", "check", "10.9.0.0/26"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("load balancer needs subnets of /27 or larger"), "{text}");

    // clap wraps the help to the terminal's width: compare the words.
    let words = |out: &std::process::Output| {
        String::from_utf8_lossy(&out.stdout).split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let help = words(&run(&sandbox, &["cidr", "suggest", "--help"]));
    assert!(help.contains("16 to 25") && help.contains("subnets of /27 or larger"), "{help}");
    let help = words(&run(&sandbox, &["install", "--help"]));
    assert!(help.contains("/16 to /25") && help.contains("Availability Zones"), "{help}");
}

/// `--region` is the environment's region on every command: a filter where a command lists
/// what regions hold, and refused, saying why, where a command has no environment.
#[tokio::test]
async fn region_means_the_environments_region_and_commands_without_one_refuse_it() {
    let guard = exclusive().await;
    let (sandbox, _) = seeded(&guard.moto.endpoint()).await;

    let out = run(&sandbox, &["regions", "--region", "us-west-2", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let names: Vec<String> =
        json(&out).as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap().to_owned()).collect();
    assert_eq!(names, vec!["us-west-2"]);
    let out = run(&sandbox, &["regions", "--region", "us-north-9", "--json"]);
    assert_eq!((out.status.code(), json(&out)["error"]["code"].as_str()), (Some(1), Some("invalid_input")));

    // No installation yet: status in a region lists none, and access names the region.
    let out = run(&sandbox, &["status", "--region", "eu-west-1", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(json(&out), serde_json::json!([]));
    let out = run(&sandbox, &["access", "show", "--region", "eu-west-1", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let message = json(&out)["error"]["message"].as_str().unwrap().to_owned();
    assert!(message.contains("no installation whose environment is in eu-west-1"), "{message}");

    for (args, command) in [
        (&["whoami"][..], "whoami"),
        (&["cidr", "check", "10.5.0.0/16"], "cidr"),
        (&["cidr", "suggest"], "cidr"),
        (&["template", "access"], "template"),
    ] {
        let out = run(&sandbox, &[args, &["--region", "us-west-2", "--json"]].concat());
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let error = &json(&out)["error"];
        assert_eq!(error["code"], "invalid_input", "{args:?}");
        assert!(error["message"].as_str().unwrap().starts_with(&format!("{command} takes no --region")), "{error}");
        assert!(error["hint"].as_str().unwrap().contains("AWS_REGION"), "{error}");
    }

    // The meaning is written once, in the global option's help.
    let help = run(&sandbox, &["status", "--help"]);
    let words = String::from_utf8_lossy(&help.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("--region <REGION> The environment's region, on every command"), "{words}");
}
