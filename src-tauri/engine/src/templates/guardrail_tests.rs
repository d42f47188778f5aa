//! The guardrail and its Service Control Policy: real action names, the template and the
//! engine's document saying the same, the SCP within AWS Organizations' limits.

use std::collections::BTreeSet;

use serde_json::{json, Value};

use super::*;

/// The IAM actions of iam, cloudformation, cloudtrail and sts (see the file's header).
fn known_actions() -> BTreeSet<&'static str> {
    include_str!("aws_actions.txt").lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
}

fn scope(use_boundary: bool) -> GuardrailScope<'static> {
    GuardrailScope {
        partition: "aws",
        region: "eu-west-1",
        account: "123456789012",
        role_path: "/private-deploy/",
        role_name: "PrivateDeployVendorAccess-acme",
        stack_name: "private-deploy-access-acme",
        use_boundary,
    }
}

/// The `- action` lines of access.yaml between `# BEGIN guardrail <name>` and its END.
fn yaml_block(name: &str) -> Vec<String> {
    let lines: Vec<&str> = ACCESS_TEMPLATE.lines().collect();
    let begin = lines.iter().position(|l| l.trim() == format!("# BEGIN guardrail {name}")).expect("BEGIN marker");
    let end = lines.iter().position(|l| l.trim() == format!("# END guardrail {name}")).expect("END marker");
    lines[begin + 1..end]
        .iter()
        .map(|l| l.trim().strip_prefix("- ").unwrap_or_else(|| panic!("not an action line: {l:?}")).to_owned())
        .collect()
}

fn actions_of(statement: &Value) -> Vec<&str> {
    match &statement["Action"] {
        Value::String(a) => vec![a.as_str()],
        Value::Array(list) => list.iter().map(|a| a.as_str().expect("str")).collect(),
        other => panic!("{other}"),
    }
}

#[test]
fn every_guardrail_action_is_a_real_action_name() {
    let known = known_actions();
    assert!(known.len() > 300, "the list holds the four services' actions");
    let all = guardrail_actions();
    assert_eq!(all.len(), all.iter().collect::<BTreeSet<_>>().len(), "each action once");
    for action in &all {
        assert!(known.contains(action), "{action} is not an action of its service: a Deny of it would deny nothing");
    }
    // The check can fail: a misspelling or the wrong case is not in the list.
    for typo in ["iam:PutRolePolicies", "iam:CreateOpenIdConnectProvider", "cloudtrail:StopTrail"] {
        assert!(!known.contains(typo), "{typo}");
    }
}

#[test]
fn the_templates_guardrail_lists_the_engines_actions_in_its_statements() {
    assert_eq!(yaml_block("role"), ROLE_ACTIONS);
    assert_eq!(yaml_block("boundary-policy"), BOUNDARY_POLICY_ACTIONS);
    assert_eq!(yaml_block("stack"), STACK_ACTIONS);
    assert_eq!(yaml_block("credentials"), CREDENTIAL_ACTIONS);
    assert_eq!(yaml_block("cloudtrail"), CLOUDTRAIL_ACTIONS);
    assert_eq!(yaml_block("boundary-mode"), BOUNDARY_MODE_ACTIONS);
    assert!(ACCESS_TEMPLATE.contains(&format!("      PolicyName: {GUARDRAIL_POLICY_NAME}\n")));
    let sids: Vec<&str> = ACCESS_TEMPLATE.lines().filter_map(|l| l.trim().strip_prefix("- Sid: Guardrail")).collect();
    let expected: Vec<&str> = GUARDRAIL_SIDS.iter().map(|s| s.strip_prefix("Guardrail").unwrap()).collect();
    assert_eq!(sids, expected);
    for resource in [
        "Resource: !Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role${RolePath}${RoleName}'\n",
        "Resource: !Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:policy${RolePath}${RoleName}Boundary*'\n",
        "Resource: !Sub 'arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/${AWS::StackName}/*'\n",
        "iam:PermissionsBoundary: !Ref Boundary\n",
    ] {
        assert!(ACCESS_TEMPLATE.contains(resource), "{resource}");
    }
}

#[test]
fn the_guardrail_points_at_this_installations_role_boundary_and_stack() {
    let doc = guardrail_policy(&scope(true));
    let statements = doc["Statement"].as_array().unwrap();
    assert_eq!(statements.len(), 6);
    assert!(statements.iter().all(|s| s["Effect"] == "Deny"));
    let resources: Vec<&str> = statements.iter().map(|s| s["Resource"].as_str().unwrap()).collect();
    assert_eq!(
        resources,
        [
            "arn:aws:iam::123456789012:role/private-deploy/PrivateDeployVendorAccess-acme",
            "arn:aws:iam::123456789012:policy/private-deploy/PrivateDeployVendorAccess-acmeBoundary*",
            "arn:aws:cloudformation:eu-west-1:123456789012:stack/private-deploy-access-acme/*",
            "*",
            "*",
            "*",
        ]
    );
    assert_eq!(
        statements[5]["Condition"],
        json!({"StringNotEquals": {"iam:PermissionsBoundary":
            "arn:aws:iam::123456789012:policy/private-deploy/PrivateDeployVendorAccess-acmeBoundary"}})
    );
    // Full mode: the statement is there, and never matches.
    let full = guardrail_policy(&scope(false));
    assert_eq!(full["Statement"][5]["Condition"], json!({"DateLessThan": {"aws:CurrentTime": "1970-01-01T00:00:00Z"}}));
    assert_eq!(serde_json::from_str::<Value>(&guardrail_policy_json(&scope(false))).unwrap(), full);
}

#[test]
fn the_scp_is_valid_json_within_the_size_limit_and_denies_the_same_actions_to_the_vendors_role_only() {
    for use_boundary in [false, true] {
        let scope = scope(use_boundary);
        let text = guardrail_scp_json(&scope);
        assert!(text.chars().count() <= SCP_MAX_CHARS, "{} characters", text.chars().count());
        let scp: Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(scp, guardrail_scp(&scope));
        let statements = scp["Statement"].as_array().unwrap();
        for s in statements {
            assert_eq!(s["Effect"], "Deny");
            assert!(s.get("Principal").is_none() && s.get("NotPrincipal").is_none(), "SCPs take no Principal");
            assert_eq!(s["Condition"]["ArnLike"]["aws:PrincipalArn"], scope.role_arn().as_str());
        }
        // The same statements as the role's guardrail (the full-mode no-op left out).
        let guardrail = guardrail_policy(&scope);
        let effective: Vec<&Value> = guardrail["Statement"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["Condition"]["DateLessThan"]["aws:CurrentTime"] != "1970-01-01T00:00:00Z")
            .collect();
        assert_eq!(statements.len(), effective.len());
        for (scp_s, own) in statements.iter().zip(effective) {
            assert_eq!(actions_of(scp_s), actions_of(own));
            assert_eq!(scp_s["Resource"], own["Resource"]);
            assert_eq!(scp_s["Sid"], own["Sid"]);
        }
        let scp_actions: BTreeSet<&str> = statements.iter().flat_map(actions_of).collect();
        let expected: BTreeSet<&str> = guardrail_actions()
            .into_iter()
            .filter(|a| use_boundary || !BOUNDARY_MODE_ACTIONS.contains(a) || ROLE_ACTIONS.contains(a))
            .collect();
        assert_eq!(scp_actions, expected);
    }
    // The longest names still fit.
    let long_name = "r".repeat(64);
    let long_path = format!("/{}/", "p".repeat(100));
    let stack = format!("private-deploy-access-{}", "i".repeat(106));
    let long = GuardrailScope { role_name: &long_name, role_path: &long_path, stack_name: &stack, ..scope(true) };
    assert!(guardrail_scp_json(&long).chars().count() <= SCP_MAX_CHARS);
}

#[test]
fn the_review_shows_the_guardrail_the_scp_and_what_each_control_cannot_do() {
    let invite =
        crate::invite::parse_invite(include_str!("../../../../tests/fixtures/sandbox-invite-unsigned.json")).unwrap();
    let r = review(&invite, false, "private-deploy-access-x", "eu-west-1", Some("123456789012"), None).unwrap();
    assert_eq!(r.guardrail_policy_name, GUARDRAIL_POLICY_NAME);
    let guardrail: Value = serde_json::from_str(&r.guardrail_policy).unwrap();
    let role_arn = format!("arn:aws:iam::123456789012:role{}{}", r.role_path, r.role_name);
    assert_eq!(guardrail["Statement"][0]["Resource"], role_arn.as_str());
    assert_eq!(
        guardrail["Statement"][2]["Resource"],
        "arn:aws:cloudformation:eu-west-1:123456789012:stack/private-deploy-access-x/*"
    );
    let scp: Value = serde_json::from_str(&r.scp_policy).unwrap();
    assert_eq!(scp["Statement"][0]["Condition"]["ArnLike"]["aws:PrincipalArn"], role_arn.as_str());
    assert!(r.scp_how_to.iter().any(|s| s.contains("management account")));
    assert!(r.scp_how_to.iter().any(|s| s.contains("Service control policies")));
    let window = r.control_limits.iter().find(|l| l.control == "Access window").unwrap();
    assert!(window.can.contains("when"), "{}", window.can);
    assert!(window.cannot.contains("bad faith"), "{}", window.cannot);
    assert_eq!(r.control_limits.len(), 4);
    assert!(control_limits_text().contains(CONTROLS_SUMMARY));
    let readme = include_str!("../../../../README.md");
    assert!(readme.contains(&control_limits_markdown()), "README.md's controls section differs from the engine's text");
    // Before sign-in the account is a placeholder.
    let r = review(&invite, true, "s", "eu-west-1", None, None).unwrap();
    assert!(
        r.guardrail_policy.contains(&format!("arn:aws:iam::{ACCOUNT_PLACEHOLDER}:role/")),
        "{}",
        r.guardrail_policy
    );
}
