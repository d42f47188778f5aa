//! `private-deploy vendor keygen | invite | verify`, the real binary: a key pair made, an
//! invite signed for one customer and checked, and a changed invite refused. No AWS.

use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;
use std::process::{Command, Output};

use private_deploy_tests::cli::vendor;
use private_deploy_tests::paths;
use serde_json::Value;

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn keygen_invite_verify_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let keys = dir.path().join("keys");
    let out = vendor(&["keygen", "--out", path(&keys), "--vendor-name", "Acme", "--vendor-account", "111122223333"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // stdout is the public key entry alone; the seed is printed nowhere.
    let entry = json(&out);
    assert_eq!(entry["vendor_account_ids"], serde_json::json!(["111122223333"]));
    let private = std::fs::read_to_string(keys.join("private-key.json")).unwrap();
    let seed: Value = serde_json::from_str(&private).unwrap();
    let seed = seed["ed25519_seed"].as_str().unwrap();
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains(seed) && !String::from_utf8_lossy(&out.stderr).contains(seed)
    );
    let mode = std::fs::metadata(keys.join("private-key.json")).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    // Never replaced.
    let again = vendor(&[
        "keygen",
        "--out",
        path(&keys),
        "--vendor-name",
        "Acme",
        "--vendor-account",
        "111122223333",
        "--json",
    ]);
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(json(&again)["error"]["code"], "invalid_input");
    assert_eq!(std::fs::read_to_string(keys.join("private-key.json")).unwrap(), private);

    let invite = dir.path().join("invite.json");
    let key = keys.join("private-key.json");
    let out = vendor(&[
        "invite",
        "--key",
        path(&key),
        "--vendor-name",
        "Acme",
        "--vendor-account",
        "111122223333",
        "--installation",
        "acme-prod",
        "--generate-external-id",
        "--customer-account",
        "444455556666",
        "--expires",
        "30d",
        "--vendor-role",
        "arn:aws:iam::111122223333:role/acme-operators",
        "--require-source-identity",
        "--callback",
        "https://acme.example/handoff",
        "--boundary",
        "--vpc-prefix",
        "20",
        "--out",
        path(&invite),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let link = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    assert!(link.starts_with("private-deploy://install?invite="), "{link}");
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&invite).unwrap()).unwrap();
    assert_eq!(written["version"], 2);
    assert_eq!(written["external_id"].as_str().unwrap().len(), 32);
    assert_eq!(written["access_mode"], "boundary");

    let public = keys.join("public-key.json");
    for target in [path(&invite), link.as_str()] {
        let out = vendor(&["verify", target, "--key", path(&public), "--json"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
        let report = json(&out);
        assert_eq!(report["verification"]["status"], "verified");
        assert_eq!(report["verification"]["key_id"], entry["key_id"]);
        assert_eq!(report["verification"]["source"], "given");
        assert_eq!(report["expired"], false);
        assert_eq!(report["invite"]["customer_account_id"], "444455556666");
    }
    // In words: every field, the customer account and the role.
    let out = vendor(&["verify", path(&invite), "--key", path(&public)]);
    let text = String::from_utf8_lossy(&out.stdout);
    for shown in ["verified", "444455556666 only", "acme-operators", "https://acme.example"] {
        assert!(text.contains(shown), "{shown}: {text}");
    }
    let line = text.lines().find(|l| l.starts_with("Source identity")).unwrap();
    assert!(line.ends_with(" required"), "{line}");
    // Without --key, this build does not trust the new key.
    let out = vendor(&["verify", path(&invite), "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out)["verification"]["status"], "unknown_key");
    // Trusted through PRIVATE_DEPLOY_VENDOR_KEYS (keygen's public-key.json as it is): on this
    // computer only.
    let out = Command::new(paths::cli_binary())
        .args(["vendor", "verify", path(&invite)])
        .env("PRIVATE_DEPLOY_VENDOR_KEYS", &public)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("trusted on this computer only"));

    // A changed invite is refused.
    let tampered = dir.path().join("tampered.json");
    let mut changed = written.clone();
    changed["customer_account_id"] = "999999999999".into();
    std::fs::write(&tampered, changed.to_string()).unwrap();
    let out = vendor(&["verify", path(&tampered), "--key", path(&public), "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out)["verification"]["status"], "invalid");
    let out = vendor(&["verify", path(&tampered), "--key", path(&public)]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("INVALID"));
}

#[test]
fn an_expired_invite_says_so_and_bad_options_are_refused_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let keys = dir.path().join("keys");
    // A key names the vendor and the accounts it signs for: the form a build takes.
    let bare = vendor(&["keygen", "--out", path(&keys)]);
    assert_eq!(bare.status.code(), Some(2), "clap's usage error");
    assert!(String::from_utf8_lossy(&bare.stderr).contains("--vendor-name"));
    assert!(!keys.join("private-key.json").exists(), "nothing written");
    assert!(vendor(&["keygen", "--out", path(&keys), "--vendor-name", "Acme", "--vendor-account", "111122223333"])
        .status
        .success());
    let key = keys.join("private-key.json");
    let base = |out: &str, extra: &[&str]| {
        let mut args = vec![
            "invite",
            "--key",
            path(&key),
            "--vendor-name",
            "Acme",
            "--vendor-account",
            "111122223333",
            "--installation",
            "acme-prod",
            "--external-id",
            "ext-1",
            "--out",
        ];
        args.push(out);
        args.extend_from_slice(extra);
        args.push("--json");
        vendor(&args)
    };
    let past = dir.path().join("past.json");
    let out = base(path(&past), &["--expires", "2020-01-01T00:00:00Z"]);
    assert_eq!(out.status.code(), Some(1));
    let error = &json(&out)["error"];
    assert_eq!(error["code"], "invalid_input");
    assert!(error["message"].as_str().unwrap().contains("not in the future"), "{error}");
    assert!(error["hint"].as_str().unwrap().contains("30d"), "{error}");
    assert!(!past.exists());

    let out = base(path(&dir.path().join("bad.json")), &["--customer-account", "12"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(json(&out)["error"]["message"].as_str().unwrap().contains("customer_account_id"));

    // A short-lived invite, checked after its expiry: still verifies, and says it expired.
    let soon = dir.path().join("soon.json");
    assert!(base(path(&soon), &["--expires", "1h"]).status.success());
    let mut value: Value = serde_json::from_str(&std::fs::read_to_string(&soon).unwrap()).unwrap();
    assert!(value["expires_at"].as_str().unwrap().ends_with('Z'));
    value["expires_at"] = "2020-01-01T00:00:00Z".into();
    std::fs::write(&soon, value.to_string()).unwrap();
    let out = vendor(&["verify", path(&soon), "--key", path(&keys.join("public-key.json")), "--json"]);
    // Changed after signing, so not verified; the expiry is reported either way.
    assert_eq!(json(&out)["expired"], true);
    let out = vendor(&["verify", path(&soon), "--key", path(&keys.join("public-key.json"))]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("EXPIRED"));

    // Neither --external-id nor --generate-external-id: a usage error.
    let out = vendor(&[
        "invite",
        "--key",
        path(&key),
        "--vendor-name",
        "A",
        "--vendor-account",
        "111122223333",
        "--installation",
        "abc",
        "--out",
        "x.json",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

/// docs/examples/sign_invite.py signs an invite with a `vendor keygen` key; the app verifies it.
#[test]
fn python_signed_invite() {
    let dir = tempfile::tempdir().unwrap();
    let keys = dir.path().join("keys");
    let made = vendor(&[
        "keygen",
        "--out",
        path(&keys),
        "--key-id",
        "py-1",
        "--vendor-name",
        "Acme",
        "--vendor-account",
        "111122223333",
    ]);
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let unsigned = serde_json::json!({
        "version": 2,
        "vendor": {"name": "Acme Ünïcode", "account_id": "111122223333"},
        "installation_id": "acme-py",
        "external_id": "ext-py-0001",
        "access_mode": "full",
        "vpc_prefix": 16,
        "role_path": "/private-deploy/",
        "environment": {"template": "reference"},
        "customer_account_id": "444455556666",
        "require_source_identity": true,
    });
    let invite = dir.path().join("invite.json");
    std::fs::write(&invite, serde_json::to_string_pretty(&unsigned).unwrap()).unwrap();
    let script = paths::repo_root().join("docs/examples/sign_invite.py");
    let out = Command::new(paths::python())
        .arg(&script)
        .arg(&invite)
        .arg(keys.join("private-key.json"))
        .output()
        .expect("run python");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let signed = dir.path().join("signed.json");
    std::fs::write(&signed, &out.stdout).unwrap();

    let verify = vendor(&["verify", path(&signed), "--key", path(&keys.join("public-key.json")), "--json"]);
    assert!(verify.status.success(), "{}", String::from_utf8_lossy(&verify.stdout));
    let report = json(&verify);
    assert_eq!(report["verification"]["status"], "verified");
    assert_eq!(report["verification"]["key_id"], "py-1");
    // The engine's own reading of the Python-signed invite: verified as the window would.
    let parsed = engine::invite::parse_invite(&std::fs::read_to_string(&signed).unwrap()).unwrap();
    let text = std::fs::read_to_string(keys.join("public-key.json")).unwrap();
    let keys = engine::invite::parse_key_list(&text, engine::invite::KeySource::Local).unwrap();
    assert!(engine::invite::verify(&parsed, &keys).is_verified());
}
