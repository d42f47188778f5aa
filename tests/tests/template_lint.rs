//! The CloudFormation templates the app ships, checked by `cfn-lint` (installed in the
//! project's venv by `make venv`; it ships its resource specs and runs offline).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use engine::templates::{ACCESS_TEMPLATE, ENVIRONMENT_TEMPLATE};
use private_deploy_tests::paths;

fn cfn_lint() -> PathBuf {
    let bin = paths::repo_root().join(".venv").join("bin").join("cfn-lint");
    assert!(bin.exists(), "{} is missing: run `make venv` (it installs cfn-lint)", bin.display());
    bin
}

/// Runs cfn-lint on `files` in `dir` (so that no `.cfnlintrc` of the repository or the home
/// folder changes what it checks).
fn lint(dir: &Path, files: &[&str]) -> Output {
    Command::new(cfn_lint())
        .current_dir(dir)
        .args(["--format", "parseable", "--"])
        .args(files)
        .output()
        .expect("run cfn-lint")
}

fn report(out: &Output) -> String {
    format!(
        "cfn-lint exited with {}\n--- stdout\n{}--- stderr\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn both_templates_pass_cfn_lint_without_errors_or_warnings() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("access.yaml"), ACCESS_TEMPLATE).expect("write access.yaml");
    std::fs::write(dir.path().join("environment.yaml"), ENVIRONMENT_TEMPLATE).expect("write environment.yaml");

    let out = lint(dir.path(), &["access.yaml", "environment.yaml"]);
    assert_eq!(out.status.code(), Some(0), "{}", report(&out));
    assert!(out.stdout.is_empty(), "{}", report(&out));
}

#[test]
fn cfn_lint_fails_a_template_with_a_broken_reference() {
    let broken = ACCESS_TEMPLATE.replacen("Path: !Ref RolePath\n", "Path: !Ref RolePathTypo\n", 1);
    assert_ne!(broken, ACCESS_TEMPLATE, "the access template no longer has `Path: !Ref RolePath`");
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("broken.yaml"), broken).expect("write broken.yaml");

    let out = lint(dir.path(), &["broken.yaml"]);
    // cfn-lint's exit code is a bit mask; 2 means at least one error.
    let code = out.status.code().expect("cfn-lint exited");
    assert_ne!(code & 2, 0, "cfn-lint did not report an error\n{}", report(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("RolePathTypo"), "{}", report(&out));
}

/// cfn-lint checks every IAM action name against its own copy of AWS's action lists (W3037),
/// so the clean run above also proves the guardrail names no action that does not exist (a
/// misspelt action in a Deny would silently deny nothing). Shown here on a misspelt one.
#[test]
fn cfn_lint_flags_a_misspelt_action_in_the_guardrail() {
    let broken = ACCESS_TEMPLATE.replacen("- cloudtrail:StopLogging\n", "- cloudtrail:StopLoging\n", 1);
    assert_ne!(broken, ACCESS_TEMPLATE, "the guardrail no longer denies cloudtrail:StopLogging");
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("typo.yaml"), broken).expect("write typo.yaml");

    let out = lint(dir.path(), &["typo.yaml"]);
    let code = out.status.code().expect("cfn-lint exited");
    // 4 is cfn-lint's bit for a warning.
    assert_ne!(code & 4, 0, "cfn-lint did not warn\n{}", report(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("W3037") && stdout.contains("stoploging"), "{}", report(&out));
}
