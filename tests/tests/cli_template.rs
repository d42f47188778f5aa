//! `private-deploy template access | scp`, the real binary: what each control can and cannot
//! do beside the template, and the organisation's Service Control Policy for an invite. Both
//! call no AWS (moto is only there because the sandbox points the app at it).

use std::process::Command;

use engine::templates::{guardrail_actions, CONTROLS_SUMMARY, SCP_MAX_CHARS};
use private_deploy_tests::cli::{json, run};
use private_deploy_tests::stacks::{fixture, SANDBOX_INVITE};
use private_deploy_tests::{exclusive, paths, Sandbox};
use serde_json::Value;

#[tokio::test]
async fn template_access_says_what_each_control_cannot_do_beside_the_template() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let out = run(&sandbox, &["template", "access"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), engine::templates::ACCESS_TEMPLATE);
    let notes = String::from_utf8_lossy(&out.stderr);
    assert!(notes.contains(&format!("# {}", &CONTROLS_SUMMARY[..40])), "{notes}");
    assert!(notes.contains("# Access window") && notes.contains("bad faith"), "{notes}");

    let invite = fixture(SANDBOX_INVITE).display().to_string();
    let out = run(&sandbox, &["template", "access", "--invite", &invite, "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let value = json(&out);
    assert_eq!(value["guardrail_policy_name"], "PrivateDeployGuardrail");
    let guardrail: Value = serde_json::from_str(value["guardrail_policy"].as_str().unwrap()).unwrap();
    assert_eq!(guardrail["Statement"].as_array().unwrap().len(), 6);
    let limits = value["control_limits"].as_array().unwrap();
    assert!(limits
        .iter()
        .any(|l| l["control"] == "Access window" && l["cannot"].as_str().unwrap().contains("bad faith")));
}

#[tokio::test]
async fn template_access_with_the_boundary_names_who_gets_what_and_the_boundary_by_service() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let invite = fixture(SANDBOX_INVITE).display().to_string();
    let out = run(&sandbox, &["template", "access", "--invite", &invite]);
    let notes = String::from_utf8_lossy(&out.stderr);
    assert!(notes.contains("gets full administrator access"), "{notes}");
    assert!(!notes.contains("may only do"), "no boundary, no summary: {notes}");

    let out = run(&sandbox, &["template", "access", "--invite", &invite, "--boundary"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let notes = String::from_utf8_lossy(&out.stderr);
    assert!(notes.contains("limited by the permissions boundary"), "{notes}");
    assert!(notes.contains("#   EC2: ") && notes.contains("run instances"), "{notes}");
    // The sandbox invite asks for full access: what may fail is said.
    assert!(notes.contains("may fail") && notes.contains("iam:PassRole"), "{notes}");

    let out = run(&sandbox, &["template", "access", "--invite", &invite, "--boundary", "--json"]);
    let value = json(&out);
    let services = value["boundary_summary"]["services"].as_array().unwrap();
    assert!(services.iter().any(|s| s["service"] == "ec2"), "{value}");
}

#[tokio::test]
async fn template_scp_prints_the_policy_for_the_invites_role_and_how_to_attach_it() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let invite = fixture(SANDBOX_INVITE).display().to_string();

    // The access stack's region is the home region (here AWS_REGION), as for `install`.
    let mut cmd = Command::new(paths::cli_binary());
    sandbox.apply(&mut cmd);
    let out = cmd
        .env("AWS_REGION", "eu-west-1")
        .args(["template", "scp", "--invite", &invite, "--account", "123456789012"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.trim().chars().count() <= SCP_MAX_CHARS);
    let scp: Value = serde_json::from_str(text.trim()).expect("stdout is the SCP alone");
    let role = "arn:aws:iam::123456789012:role/private-deploy/PrivateDeployVendorAccess-sandbox-demo";
    let statements = scp["Statement"].as_array().unwrap();
    assert!(statements.iter().all(|s| s["Condition"]["ArnLike"]["aws:PrincipalArn"] == role), "{scp}");
    assert_eq!(
        statements[2]["Resource"],
        "arn:aws:cloudformation:eu-west-1:123456789012:stack/private-deploy-access-sandbox-demo/*"
    );
    let actions: usize = statements.iter().map(|s| s["Action"].as_array().unwrap().len()).sum();
    assert_eq!(actions, guardrail_actions().len() - 1, "all but iam:CreateRole, which only boundary mode denies");
    let notes = String::from_utf8_lossy(&out.stderr);
    assert!(notes.contains("Service control policies") && notes.contains("management account"), "{notes}");

    // Without --account: a placeholder, and a note to replace it; with --boundary, CreateRole too.
    let out = run(&sandbox, &["template", "scp", "--invite", &invite, "--boundary", "--json"]);
    assert!(out.status.success());
    let value = json(&out);
    assert!(value["scp_text"].as_str().unwrap().contains("${AWS::AccountId}"));
    let last = value["scp"]["Statement"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["Action"], serde_json::json!(["iam:CreateRole", "iam:PutRolePermissionsBoundary"]));

    // A malformed account ID is refused with what to do.
    let out = run(&sandbox, &["template", "scp", "--invite", &invite, "--account", "12345"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("12-digit"));
}
