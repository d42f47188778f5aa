//! The release pipeline as far as it can be checked here (it runs on a hosted CI): the
//! workflow parses as YAML, builds every bundle tauri.conf.json configures on a platform that
//! can build it, signs for the updater only through the release config and secrets, verifies
//! each updater signature before publishing, and the updater's private key is in no file of
//! the repository.

use std::collections::BTreeSet;
use std::process::Command;

use private_deploy_tests::paths;
use serde_json::Value;

/// The workflow as JSON, through PyYAML (installed in the project's venv with cfn-lint).
fn workflow() -> Value {
    let path = paths::repo_root().join(".github/workflows/release.yml");
    let script = "import json, sys, yaml\n\
                  d = yaml.safe_load(open(sys.argv[1]))\n\
                  # YAML 1.1 reads an unquoted `on` key as true: keep the file's own spelling.\n\
                  d = {('on' if k is True else k): v for k, v in d.items()}\n\
                  print(json.dumps(d))";
    let out = Command::new(paths::python()).args(["-c", script]).arg(&path).output().unwrap();
    assert!(out.status.success(), "{} does not parse: {}", path.display(), String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn config(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(paths::repo_root().join("src-tauri/app").join(name)).unwrap())
        .unwrap()
}

#[test]
fn the_release_workflow_builds_every_configured_bundle_on_a_tag() {
    let workflow = workflow();
    assert!(workflow["on"]["push"]["tags"].as_array().is_some_and(|t| !t.is_empty()), "not run on tags: {workflow}");

    let matrix = workflow["jobs"]["build"]["strategy"]["matrix"]["include"].as_array().expect("a build matrix");
    let built: BTreeSet<String> = matrix
        .iter()
        .flat_map(|m| m["bundles"].as_str().expect("bundles").split(',').map(str::to_owned).collect::<Vec<_>>())
        .collect();
    let configured: BTreeSet<String> = config("tauri.conf.json")["bundle"]["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(built, configured, "the workflow builds other bundles than tauri.conf.json configures");
    for expected in ["deb", "rpm", "appimage", "app", "dmg", "msi", "nsis"] {
        assert!(configured.contains(expected), "tauri.conf.json does not configure {expected}");
    }
    // Each bundle is built where it can be: Apple's on macOS, Windows' on Windows.
    for m in matrix {
        let (runner, bundles) = (m["runner"].as_str().unwrap(), m["bundles"].as_str().unwrap());
        let platform = if bundles.contains("dmg") {
            "macos"
        } else if bundles.contains("msi") {
            "windows"
        } else {
            "ubuntu"
        };
        assert!(runner.starts_with(platform), "{bundles} built on {runner}");
    }
}

#[test]
fn updater_signatures_come_from_secrets_after_platform_signing_and_are_verified_before_publishing() {
    let workflow = workflow();
    let steps = workflow["jobs"]["build"]["steps"].as_array().unwrap();
    let action = steps
        .iter()
        .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("tauri-apps/tauri-action@")))
        .expect("the official Tauri action builds the bundles");
    for secret in ["TAURI_SIGNING_PRIVATE_KEY", "TAURI_SIGNING_PRIVATE_KEY_PASSWORD", "APPLE_CERTIFICATE"] {
        assert_eq!(
            action["env"][secret].as_str(),
            Some(format!("${{{{ secrets.{secret} }}}}").as_str()),
            "{secret} must come from the repository's secrets"
        );
    }
    assert_eq!(action["with"]["includeUpdaterJson"], Value::Bool(true), "no update manifest");
    assert_eq!(action["with"]["releaseDraft"], Value::Bool(true), "published before verification");
    let args = action["with"]["args"].as_str().unwrap();
    assert!(args.contains("--config src-tauri/app/tauri.release.conf.json"), "args: {args}");
    // Updater artifacts only in the release build: `make bundle` needs no private key.
    assert_eq!(config("tauri.release.conf.json")["bundle"]["createUpdaterArtifacts"], Value::Bool(true));
    assert!(config("tauri.conf.json")["bundle"].get("createUpdaterArtifacts").is_none());
    // Windows' certificate is in the store before tauri build signs (and then updater-signs).
    let position = |pred: &dyn Fn(&Value) -> bool| steps.iter().position(pred);
    let certificate = position(&|s| s["name"].as_str().is_some_and(|n| n.contains("code-signing certificate")));
    let build = position(&|s| s["uses"].as_str().is_some_and(|u| u.starts_with("tauri-apps/tauri-action@")));
    assert!(certificate.is_some() && certificate < build, "platform signing set up after the build");

    let verify = &workflow["jobs"]["verify"];
    assert_eq!(verify["needs"].as_str(), Some("build"));
    let verify_steps: Vec<&str> =
        verify["steps"].as_array().unwrap().iter().filter_map(|s| s["run"].as_str()).collect();
    let checks = verify_steps.iter().position(|r| r.contains("minisign -V")).expect("no signature verification");
    let publish =
        verify_steps.iter().position(|r| r.contains("--draft=false")).expect("the release is never published");
    assert!(checks < publish, "published before the signatures were verified");
}

#[test]
fn the_updater_key_is_public_in_the_config_and_its_private_half_in_no_tracked_file() {
    let pubkey = config("tauri.conf.json")["plugins"]["updater"]["pubkey"].as_str().unwrap().to_owned();
    // base64 of "untrusted comment: minisign public key".
    assert!(pubkey.starts_with("dW50cnVzdGVkIGNvbW1lbnQ6IG1pbmlzaWduIHB1YmxpYyBrZXk6"), "pubkey: {pubkey}");
    assert_eq!(config("tauri.conf.json")["plugins"]["updater"]["requireSignedVersion"], Value::Bool(true));

    // A Tauri signer private key, as its file holds it (base64) or decoded; split so that this
    // file does not match itself.
    let needles = [
        ["dW50cnVzdGVkIGNvbW1lbnQ6IHJzaWdu", "IGVuY3J5cHRlZCBzZWNyZXQga2V5"].concat(),
        ["rsign encrypted", " secret key"].concat(),
    ];
    let root = paths::repo_root();
    let listed = Command::new("git").args(["ls-files", "-z"]).current_dir(&root).output().unwrap();
    assert!(listed.status.success());
    let mut checked = 0;
    for file in listed.stdout.split(|b| *b == 0).filter(|f| !f.is_empty()) {
        let path = root.join(String::from_utf8_lossy(file).as_ref());
        let Ok(bytes) = std::fs::read(&path) else { continue };
        let text = String::from_utf8_lossy(&bytes);
        for needle in &needles {
            assert!(!text.contains(needle.as_str()), "{} holds an updater private key", path.display());
        }
        checked += 1;
    }
    assert!(checked > 100, "only {checked} tracked files read");
}
