//! `private-deploy diagnostics`, the real binary: what a support ticket needs, without an
//! AWS call (the sandbox's endpoint is a closed port) and without the secrets beside it: the
//! vendor keys this copy trusts with where each comes from, a key file that cannot be used,
//! and a damaged journal reported instead of refused.

use std::process::{Command, Output};

use private_deploy_tests::cli::json;
use private_deploy_tests::{paths, Sandbox};

/// Nothing listens there: any AWS call would fail.
const CLOSED: &str = "http://127.0.0.1:9";

fn diagnostics(sandbox: &Sandbox, keys: Option<&std::path::Path>, args: &[&str]) -> Output {
    let mut cmd = Command::new(paths::cli_binary());
    sandbox.apply(&mut cmd);
    cmd.env_remove("PRIVATE_DEPLOY_VENDOR_KEYS");
    if let Some(keys) = keys {
        cmd.env("PRIVATE_DEPLOY_VENDOR_KEYS", keys);
    }
    cmd.arg("diagnostics").args(args).output().unwrap()
}

#[test]
fn reports_the_build_its_keys_and_the_journal_with_no_secret_and_no_aws_call() {
    let sandbox = Sandbox::new(CLOSED);
    let out = diagnostics(&sandbox, None, &["--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report = json(&out);
    assert_eq!(report["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(report["sandbox_build"], true, "the tests' builds are sandbox builds");
    let keys = report["trusted_keys"].as_array().unwrap();
    let sandbox_key = keys.iter().find(|k| k["key_id"] == engine::invite::SANDBOX_KEY_ID).unwrap();
    assert_eq!(sandbox_key["source"], "sandbox");
    assert_eq!(report["journal_schema"], report["journal_schema_supported"]);
    assert_eq!(report["endpoints"][0]["url"], CLOSED);
    assert_eq!(report["recent_failures"], serde_json::json!([]));
    let text = String::from_utf8_lossy(&out.stdout);
    for secret in ["sandbox-secret", "AKIASANDBOXEXAMPLE"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }

    // A key of keygen's, trusted through the variable: listed as this computer's only.
    let dir = tempfile::tempdir().unwrap();
    let made = Command::new(paths::cli_binary())
        .args(["vendor", "keygen", "--out", dir.path().to_str().unwrap(), "--key-id", "acme-staging"])
        .args(["--vendor-name", "Acme", "--vendor-account", "111122223333", "--vendor-account", "444455556666"])
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let public = dir.path().join("public-key.json");
    let out = diagnostics(&sandbox, Some(&public), &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().find(|l| l.contains("acme-staging")).unwrap_or_else(|| panic!("{text}"));
    assert!(line.contains("accounts 111122223333, 444455556666"), "{line}");
    assert!(line.contains("trusted on this computer only"), "{line}");

    // A key file others can write: reported, not trusted, and the report still made.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&public, std::fs::Permissions::from_mode(0o666)).unwrap();
        let out = diagnostics(&sandbox, Some(&public), &["--json"]);
        assert!(out.status.success());
        let report = json(&out);
        assert!(report["trusted_keys_problem"].as_str().unwrap().contains("chmod 600"), "{report}");
        assert!(report["trusted_keys"].as_array().unwrap().iter().all(|k| k["key_id"] != "acme-staging"));
    }
}

#[test]
fn a_damaged_journal_is_reported_not_refused_and_a_region_is_refused() {
    let sandbox = Sandbox::new(CLOSED);
    std::fs::create_dir_all(sandbox.data_dir()).unwrap();
    let path = sandbox.data_dir().join(engine::journal::FILE_NAME);
    std::fs::write(&path, b"not a journal at all ".repeat(100)).unwrap();
    let out = diagnostics(&sandbox, None, &["--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report = json(&out);
    assert_eq!(report["journal_schema"], serde_json::Value::Null);
    assert!(report["journal_problem"].as_str().unwrap().contains(&path.display().to_string()), "{report}");

    let mut cmd = Command::new(paths::cli_binary());
    sandbox.apply(&mut cmd);
    let out = cmd.args(["--region", "eu-west-1", "diagnostics", "--json"]).output().unwrap();
    assert!(!out.status.success());
    let error = &json(&out)["error"];
    assert_eq!(error["code"], "invalid_input", "{error}");
    assert!(error["message"].as_str().unwrap().contains("no region"), "{error}");
}
