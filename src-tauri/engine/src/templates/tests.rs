use std::collections::BTreeSet;
use std::process::Command;

use ipnet::Ipv4Net;
use serde_json::{json, Value};

use super::export::{percent_encode, shell_quote, shorthand_value};
use super::*;
use crate::Explain as _;

fn net(s: &str) -> Ipv4Net {
    s.parse().expect("a CIDR block")
}

fn seed() -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seed-boundary-policy.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (the vendor's seed boundary, kept as a fixture)", path.display()));
    serde_json::from_str(&text).expect("the seed is JSON")
}

fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn access() -> AccessParameters {
    AccessParameters {
        vendor_account_id: "111122223333".into(),
        external_id: "Ext+=,.@:/-id_1".into(),
        role_path: DEFAULT_ROLE_PATH.into(),
        role_name: DEFAULT_ROLE_NAME.into(),
        installation_id: "inst-42".into(),
        use_boundary: true,
        vendor_role_arn: String::new(),
        require_source_identity: false,
    }
}

/// The lines of a top-level section (`Parameters:`, `Resources:`, …) of a template.
fn section<'a>(template: &'a str, name: &str) -> Vec<&'a str> {
    let header = format!("{name}:");
    template
        .lines()
        .skip_while(|line| *line != header)
        .skip(1)
        .take_while(|line| line.is_empty() || line.starts_with(' ') || line.starts_with('#'))
        .collect()
}

/// The keys of a section's entries (`  Name:` at two spaces).
fn section_keys(template: &str, name: &str) -> Vec<String> {
    section(template, name)
        .into_iter()
        .filter(|line| line.starts_with("  ") && !line.starts_with("   ") && line.ends_with(':'))
        .map(|line| line.trim().trim_end_matches(':').to_owned())
        .collect()
}

/// The `- action` lines of access.yaml between the seed boundary markers.
fn yaml_boundary_actions() -> Vec<String> {
    let lines: Vec<&str> = ACCESS_TEMPLATE.lines().collect();
    let begin = lines.iter().position(|l| l.contains("# BEGIN seed boundary actions")).expect("BEGIN marker");
    let end = lines.iter().position(|l| l.contains("# END seed boundary actions")).expect("END marker");
    assert!(begin < end);
    lines[begin + 1..end]
        .iter()
        .map(|l| l.trim().strip_prefix("- ").unwrap_or_else(|| panic!("not an action line: {l:?}")).to_owned())
        .collect()
}

// --- subnets ---------------------------------------------------------------------------------

#[test]
fn subnet_plans_split_the_vpc_block_into_four_quarters() {
    let cases = [
        ("10.0.0.0/16", ["10.0.0.0/18", "10.0.64.0/18", "10.0.128.0/18", "10.0.192.0/18"]),
        ("172.16.16.0/20", ["172.16.16.0/22", "172.16.20.0/22", "172.16.24.0/22", "172.16.28.0/22"]),
        ("192.168.7.0/24", ["192.168.7.0/26", "192.168.7.64/26", "192.168.7.128/26", "192.168.7.192/26"]),
        ("10.9.8.128/25", ["10.9.8.128/27", "10.9.8.160/27", "10.9.8.192/27", "10.9.8.224/27"]),
    ];
    for (vpc, [pa, pb, qa, qb]) in cases {
        let plan = subnet_plan(net(vpc)).unwrap_or_else(|e| panic!("{vpc}: {e}"));
        assert_eq!(plan.vpc, net(vpc));
        assert_eq!(plan.public_a, net(pa), "{vpc} public A");
        assert_eq!(plan.public_b, net(pb), "{vpc} public B");
        assert_eq!(plan.private_a, net(qa), "{vpc} private A");
        assert_eq!(plan.private_b, net(qb), "{vpc} private B");
        assert_eq!(plan.subnets(), [net(pa), net(pb), net(qa), net(qb)]);
    }
}

#[test]
fn vpc_blocks_smaller_than_25_are_refused_with_the_load_balancers_limit_named() {
    for vpc in ["10.0.0.0/26", "10.0.0.0/27", "10.0.0.16/28"] {
        let err = subnet_plan(net(vpc)).expect_err(vpc);
        assert_eq!(err, TemplateError::VpcTooSmall { vpc: net(vpc) });
        let message = err.to_string();
        assert!(message.contains(vpc) && message.contains("load balancer"), "{message}");
        assert!(message.contains("/27") && message.contains("/25"), "{message}");
    }
}

#[test]
fn vpc_blocks_larger_than_16_and_host_addresses_are_refused() {
    assert_eq!(subnet_plan(net("10.0.0.0/15")), Err(TemplateError::VpcTooLarge { vpc: net("10.0.0.0/15") }));
    let err = subnet_plan(net("10.0.0.1/24")).expect_err("host bits set");
    assert_eq!(err, TemplateError::NotNetworkAddress { vpc: net("10.0.0.1/24"), network: net("10.0.0.0/24") });
    assert!(err.hint().contains("10.0.0.0/24"));
}

#[test]
fn a_template_error_becomes_an_invalid_input_with_a_hint() {
    let err: crate::Error = TemplateError::VpcTooSmall { vpc: net("10.0.0.0/27") }.into();
    let failure = err.failure();
    assert_eq!(failure.code, crate::ErrorCode::InvalidInput);
    assert!(failure.message.contains("10.0.0.0/27"), "{}", failure.message);
    assert_eq!(failure.hint.as_deref(), Some("Choose a VPC block from /16 to /25."));
}

// --- parameters ------------------------------------------------------------------------------

#[test]
fn access_parameters_are_the_templates_parameters_in_order() {
    assert_eq!(
        access().to_parameters(),
        params(&[
            ("VendorAccountId", "111122223333"),
            ("ExternalId", "Ext+=,.@:/-id_1"),
            ("RolePath", "/private-deploy/"),
            ("RoleName", "PrivateDeployVendorAccess"),
            ("InstallationId", "inst-42"),
            ("UseBoundary", "true"),
        ])
    );
    let without = AccessParameters { use_boundary: false, ..access() };
    assert_eq!(without.to_parameters()[5], ("UseBoundary".to_owned(), "false".to_owned()));
    // With the version 2 parameters set, every parameter of the template, in its order.
    let v2 = AccessParameters {
        vendor_role_arn: "arn:aws:iam::111122223333:role/ops/Support".into(),
        require_source_identity: true,
        ..access()
    };
    let keys: Vec<String> = v2.to_parameters().into_iter().map(|(k, _)| k).collect();
    assert_eq!(keys, section_keys(ACCESS_TEMPLATE, "Parameters"));
    assert_eq!(v2.to_parameters()[6].1, "arn:aws:iam::111122223333:role/ops/Support");
    assert_eq!(v2.to_parameters()[7].1, "true");
    assert_eq!(v2.validate(), Ok(()));
    let elsewhere = AccessParameters { vendor_role_arn: "arn:aws:iam::999999999999:role/x".into(), ..v2 };
    assert!(elsewhere.validate().is_err(), "a role of another account is refused");
}

#[test]
fn environment_parameters_are_the_templates_parameters_in_order() {
    let plan = subnet_plan(net("10.20.0.0/16")).expect("plan");
    let zones = ["eu-west-1a".to_owned(), "eu-west-1c".to_owned()];
    let list = environment_parameters("inst-42", &plan, &zones).expect("valid");
    assert_eq!(
        list,
        params(&[
            ("InstallationId", "inst-42"),
            ("VpcCidr", "10.20.0.0/16"),
            ("PublicSubnetACidr", "10.20.0.0/18"),
            ("PublicSubnetBCidr", "10.20.64.0/18"),
            ("PrivateSubnetACidr", "10.20.128.0/18"),
            ("PrivateSubnetBCidr", "10.20.192.0/18"),
            ("AvailabilityZone1", "eu-west-1a"),
            ("AvailabilityZone2", "eu-west-1c"),
        ])
    );
    let keys: Vec<String> = list.into_iter().map(|(k, _)| k).collect();
    assert_eq!(keys, section_keys(ENVIRONMENT_TEMPLATE, "Parameters"));
    assert!(matches!(
        environment_parameters("has space", &plan, &zones),
        Err(TemplateError::InvalidParameter { field: "the installation ID", .. })
    ));
    let same = ["eu-west-1a".to_owned(), "eu-west-1a".to_owned()];
    assert!(matches!(
        environment_parameters("inst-42", &plan, &same),
        Err(TemplateError::InvalidParameter { field: "the second Availability Zone", .. })
    ));
    let odd = ["eu-west-1a".to_owned(), "EU West 1b".to_owned()];
    assert!(matches!(
        environment_parameters("inst-42", &plan, &odd),
        Err(TemplateError::InvalidParameter { field: "the Availability Zone", .. })
    ));
}

#[test]
fn access_parameters_are_checked_against_the_templates_constraints() {
    assert_eq!(access().validate(), Ok(()));
    assert_eq!(AccessParameters { role_path: "/".into(), ..access() }.validate(), Ok(()));
    let bad = [
        (AccessParameters { vendor_account_id: "11112222333".into(), ..access() }, "the vendor account ID"),
        (AccessParameters { vendor_account_id: "11112222333x".into(), ..access() }, "the vendor account ID"),
        (AccessParameters { external_id: "x".into(), ..access() }, "the External ID"),
        (AccessParameters { external_id: "has space".into(), ..access() }, "the External ID"),
        (AccessParameters { external_id: "x".repeat(1225), ..access() }, "the External ID"),
        (AccessParameters { role_path: "private-deploy/".into(), ..access() }, "the role path"),
        (AccessParameters { role_path: "/private deploy/".into(), ..access() }, "the role path"),
        (AccessParameters { role_path: "//".into(), ..access() }, "the role path"),
        (AccessParameters { role_name: "r".repeat(65), ..access() }, "the role name"),
        (AccessParameters { role_name: "a/b".into(), ..access() }, "the role name"),
        (AccessParameters { installation_id: String::new(), ..access() }, "the installation ID"),
    ];
    for (params, field) in bad {
        match params.validate() {
            Err(TemplateError::InvalidParameter { field: f, .. }) => assert_eq!(f, field),
            other => panic!("{params:?}: expected {field} to be refused, got {other:?}"),
        }
    }
    assert!(AccessParameters { external_id: "x".repeat(1224), ..access() }.validate().is_ok());
}

#[test]
fn the_templates_defaults_are_the_apps() {
    assert!(ACCESS_TEMPLATE.contains(&format!("    Default: {DEFAULT_ROLE_PATH}\n")));
    assert!(ACCESS_TEMPLATE.contains(&format!("    Default: {DEFAULT_ROLE_NAME}\n")));
    assert!(ACCESS_TEMPLATE.contains(&format!("      PolicyName: {ACCESS_WINDOW_POLICY_NAME}\n")));
    assert!(ACCESS_TEMPLATE.contains(&format!("        - Key: {INSTALLATION_ID_TAG}\n")));
    assert!(ACCESS_TEMPLATE.contains(&format!("        - Key: {MANAGED_TAG}\n          Value: 'true'\n")));
}

// --- policies --------------------------------------------------------------------------------

fn trust(role: Option<&'static str>, source_identity: bool) -> Trust<'static> {
    Trust {
        vendor_account_id: "111122223333",
        external_id: "Ext+=,.@:/-id_1",
        vendor_role_arn: role,
        require_source_identity: source_identity,
    }
}

#[test]
fn the_trust_policy_names_only_the_vendor_account_and_requires_the_external_id() {
    let policy = trust_policy(&trust(None, false), "aws");
    assert_eq!(
        policy,
        json!({
            "Version": "2012-10-17",
            "Statement": [{
                "Effect": "Allow",
                "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
                "Action": "sts:AssumeRole",
                "Condition": { "StringEquals": { "sts:ExternalId": "Ext+=,.@:/-id_1" } }
            }]
        })
    );
    let text = trust_policy_json(&trust(None, false), "aws-cn");
    assert!(text.starts_with("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": ["), "{text}");
    assert!(text.contains("arn:aws-cn:iam::111122223333:root"), "{text}");
    assert_eq!(text.matches("arn:").count(), 1, "one principal only: {text}");
    // The template says the same.
    assert!(ACCESS_TEMPLATE.contains("- !Sub 'arn:${AWS::Partition}:iam::${VendorAccountId}:root'"));
    assert!(ACCESS_TEMPLATE.contains("sts:ExternalId: !Ref ExternalId"));
}

#[test]
fn a_version_2_trust_policy_names_the_vendor_role_and_requires_a_source_identity() {
    let policy = trust_policy(&trust(Some("arn:aws:iam::111122223333:role/ops/Support"), true), "aws");
    assert_eq!(
        policy,
        json!({
            "Version": "2012-10-17",
            "Statement": [{
                "Effect": "Allow",
                "Principal": { "AWS": "arn:aws:iam::111122223333:role/ops/Support" },
                "Action": ["sts:AssumeRole", "sts:SetSourceIdentity"],
                "Condition": {
                    "StringEquals": { "sts:ExternalId": "Ext+=,.@:/-id_1" },
                    "Null": { "sts:SourceIdentity": "false" }
                }
            }]
        })
    );
    // The template's conditions give the same document.
    for line in [
        "                - WithVendorRole\n                - !Ref VendorRoleArn\n",
        "              - - sts:AssumeRole\n                - sts:SetSourceIdentity\n",
        "                'Null':\n                  sts:SourceIdentity: 'false'\n",
    ] {
        assert!(ACCESS_TEMPLATE.contains(line), "{line}");
    }
}

#[test]
fn the_trust_sentence_says_what_the_document_says() {
    assert_eq!(
        trust(None, false).sentence(),
        "Only AWS account 111122223333 may assume this role, and only with External ID Ext+=,.@:/-id_1."
    );
    let sentence = trust(Some("arn:aws:iam::111122223333:role/ops/Support"), true).sentence();
    assert!(sentence.starts_with("Only the role arn:aws:iam::111122223333:role/ops/Support may assume"), "{sentence}");
    assert!(sentence.contains("only with External ID Ext+=,.@:/-id_1.") && sentence.contains("source identity"));
    assert!(!trust(Some("arn:aws:iam::111122223333:role/x"), false).sentence().contains("source identity"));
}

#[test]
fn the_boundary_is_the_seed_with_update_role_scoped_to_the_role_path() {
    let seed = seed();
    let boundary = boundary_policy("123456789012", "/private-deploy/", "aws");
    let mut expected = seed.clone();
    assert_eq!(expected["Statement"][0]["Resource"], json!("arn:aws:iam::<account_id>:role/release/*"));
    expected["Statement"][0]["Resource"] = json!("arn:aws:iam::123456789012:role/private-deploy/*");
    assert_eq!(boundary, expected);

    let seed_actions: Vec<&str> =
        seed["Statement"][1]["Action"].as_array().expect("list").iter().map(|a| a.as_str().expect("str")).collect();
    assert_eq!(seed_actions.len(), 79);
    assert_eq!(BOUNDARY_ACTIONS.to_vec(), seed_actions);
    assert_eq!(seed["Statement"][0]["Action"], json!(BOUNDARY_ROLE_ACTION));
    let sids: Vec<&Value> = seed["Statement"].as_array().expect("list").iter().map(|s| &s["Sid"]).collect();
    assert_eq!(sids, [&json!(BOUNDARY_SIDS[0]), &json!(BOUNDARY_SIDS[1])]);

    let text = boundary_policy_json("123456789012", "/", "aws-us-gov");
    assert!(text.contains("\"arn:aws-us-gov:iam::123456789012:role/*\""), "{text}");
    let parsed: Value = serde_json::from_str(&text).expect("JSON");
    let all_actions: BTreeSet<&str> = parsed["Statement"]
        .as_array()
        .expect("list")
        .iter()
        .flat_map(|s| match &s["Action"] {
            Value::String(a) => vec![a.as_str()],
            Value::Array(list) => list.iter().map(|a| a.as_str().expect("str")).collect(),
            other => panic!("{other}"),
        })
        .collect();
    assert_eq!(all_actions.len(), 80);
}

#[test]
fn the_templates_boundary_lists_the_seeds_actions() {
    let seed = seed();
    let seed_actions: Vec<String> = seed["Statement"][1]["Action"]
        .as_array()
        .expect("list")
        .iter()
        .map(|a| a.as_str().expect("str").to_owned())
        .collect();
    assert_eq!(yaml_boundary_actions(), seed_actions);
    for sid in BOUNDARY_SIDS {
        assert!(ACCESS_TEMPLATE.contains(&format!("          - Sid: {sid}\n")), "{sid}");
    }
    assert!(ACCESS_TEMPLATE.contains(
        "            Action: iam:UpdateRole\n            Resource: !Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role${RolePath}*'\n"
    ));
    // Only the comment that explains the change still mentions the seed's hand-filled ARN.
    let code = ACCESS_TEMPLATE.lines().filter(|l| !l.trim_start().starts_with('#'));
    assert!(code.clone().all(|l| !l.contains("<account_id>") && !l.contains("role/release")));
    assert!(code.clone().all(|l| !l.contains("123456789012")), "no account ID typed in");
}

#[test]
fn the_access_window_slot_starts_as_a_deny_that_never_matches() {
    let policy = access_window_always_open_policy();
    let statement = &policy["Statement"][0];
    assert_eq!(statement["Effect"], "Deny");
    assert_eq!(statement["Condition"], json!({ "DateLessThan": { "aws:CurrentTime": "1970-01-01T00:00:00Z" } }));
    assert_eq!(policy["Statement"].as_array().map(Vec::len), Some(1));
    assert_eq!(serde_json::from_str::<Value>(&access_window_always_open_policy_json()).expect("JSON"), policy);
    assert!(ACCESS_TEMPLATE.contains(
        "            Effect: Deny\n            Action: '*'\n            Resource: '*'\n            Condition:\n              DateLessThan:\n                aws:CurrentTime: '1970-01-01T00:00:00Z'\n"
    ));
}

#[test]
fn the_managed_policy_arn_has_the_partition() {
    assert_eq!(administrator_access_arn("aws"), "arn:aws:iam::aws:policy/AdministratorAccess");
}

// --- environment template -----------------------------------------------------------------

#[test]
fn every_taggable_environment_resource_carries_the_installation_id_and_a_name() {
    const UNTAGGABLE: [&str; 3] =
        ["AWS::EC2::VPCGatewayAttachment", "AWS::EC2::Route", "AWS::EC2::SubnetRouteTableAssociation"];
    let lines = section(ENVIRONMENT_TEMPLATE, "Resources");
    let mut blocks: Vec<(String, Vec<&str>)> = Vec::new();
    for line in lines {
        if line.starts_with("  ") && !line.starts_with("   ") && !line.trim_start().starts_with('#') {
            blocks.push((line.trim().trim_end_matches(':').to_owned(), Vec::new()));
        } else if let Some((_, body)) = blocks.last_mut() {
            body.push(line);
        }
    }
    assert_eq!(blocks.len(), 19, "{:?}", blocks.iter().map(|(n, _)| n).collect::<Vec<_>>());
    let mut tagged = 0;
    for (name, body) in &blocks {
        let kind = body.iter().find_map(|l| l.strip_prefix("    Type: ")).unwrap_or_else(|| panic!("{name}: no Type"));
        let text = body.join("\n");
        if UNTAGGABLE.contains(&kind) {
            assert!(!text.contains("Tags:"), "{name}");
            continue;
        }
        tagged += 1;
        assert!(
            text.contains(&format!("- Key: {INSTALLATION_ID_TAG}\n          Value: !Ref InstallationId")),
            "{name} ({kind}) lacks the installation ID tag"
        );
        assert!(text.contains("- Key: Name\n          Value: !Sub 'private-deploy-${InstallationId}-"), "{name}");
    }
    assert_eq!(tagged, 12);
}

// --- exports ---------------------------------------------------------------------------------

#[test]
fn the_create_stack_command_is_exact_for_plain_values() {
    let command = create_stack_command("private-deploy-access", "eu-west-1", &access().to_parameters());
    let expected = "aws cloudformation create-stack \\
  --stack-name private-deploy-access \\
  --region eu-west-1 \\
  --template-body file://private-deploy-access.yaml \\
  --capabilities CAPABILITY_NAMED_IAM \\
  --parameters \\
    ParameterKey=VendorAccountId,ParameterValue=111122223333 \\
    'ParameterKey=ExternalId,ParameterValue=\"Ext+=,.@:/-id_1\"' \\
    ParameterKey=RolePath,ParameterValue=/private-deploy/ \\
    ParameterKey=RoleName,ParameterValue=PrivateDeployVendorAccess \\
    ParameterKey=InstallationId,ParameterValue=inst-42 \\
    ParameterKey=UseBoundary,ParameterValue=true";
    assert_eq!(command, expected);
}

#[test]
fn the_create_stack_command_survives_a_real_shell() {
    let tricky = params(&[
        ("ExternalId", "a+b=c,d.e@f:g/h-i"),
        ("InstallationId", "it's \"quoted\" and spaced $HOME `x` \\ ~ * ;"),
        ("RoleName", "=leading-equals"),
    ]);
    let command = create_stack_command("stack 'one'", "us-east-1", &tricky);
    // Run the command with `aws` swapped for a printf that prints each argument it gets.
    let script = command.replacen("aws ", "printf '%s\\0' ", 1);
    let output = Command::new("sh").arg("-c").arg(&script).output().expect("run sh");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let args: Vec<String> =
        String::from_utf8(output.stdout).expect("utf-8").split_terminator('\0').map(str::to_owned).collect();
    let expected: Vec<String> = [
        "cloudformation",
        "create-stack",
        "--stack-name",
        "stack 'one'",
        "--region",
        "us-east-1",
        "--template-body",
        "file://private-deploy-access.yaml",
        "--capabilities",
        "CAPABILITY_NAMED_IAM",
        "--parameters",
        "ParameterKey=ExternalId,ParameterValue=\"a+b=c,d.e@f:g/h-i\"",
        "ParameterKey=InstallationId,ParameterValue=\"it's \\\"quoted\\\" and spaced $HOME `x` \\\\ ~ * ;\"",
        "ParameterKey=RoleName,ParameterValue=\"=leading-equals\"",
    ]
    .map(str::to_owned)
    .to_vec();
    assert_eq!(args, expected);
}

#[test]
fn shell_and_shorthand_quoting() {
    assert_eq!(shell_quote("plain-word_1.2/3:4@5+6=7,8"), "plain-word_1.2/3:4@5+6=7,8");
    assert_eq!(shell_quote(""), "''");
    assert_eq!(shell_quote("=x"), "'=x'");
    assert_eq!(shell_quote("~/x"), "'~/x'");
    assert_eq!(shell_quote("a b"), "'a b'");
    assert_eq!(shell_quote("it's"), "'it'\\''s'");
    assert_eq!(shorthand_value("abc+=.@:/-"), "abc+=.@:/-");
    assert_eq!(shorthand_value("a,b"), "\"a,b\"");
    assert_eq!(shorthand_value("=a"), "\"=a\"");
    assert_eq!(shorthand_value(""), "\"\"");
    assert_eq!(shorthand_value("say \"hi\" \\o/"), "\"say \\\"hi\\\" \\\\o/\"");
}

#[test]
fn the_quick_create_url_percent_encodes_every_value() {
    let url = quick_create_url(
        "eu-west-1",
        "private-deploy-access",
        "https://bucket.s3.amazonaws.com/private-deploy/access.yaml?v=1",
        &params(&[("ExternalId", "a+b=c,d.e@f:g/h-i"), ("InstallationId", "x y&z#é")]),
    );
    assert_eq!(
        url,
        "https://eu-west-1.console.aws.amazon.com/cloudformation/home?region=eu-west-1#/stacks/quickcreate\
         ?templateURL=https%3A%2F%2Fbucket.s3.amazonaws.com%2Fprivate-deploy%2Faccess.yaml%3Fv%3D1\
         &stackName=private-deploy-access\
         &param_ExternalId=a%2Bb%3Dc%2Cd.e%40f%3Ag%2Fh-i\
         &param_InstallationId=x%20y%26z%23%C3%A9"
    );
    assert!(quick_create_url("cn-north-1", "s", "t", &[]).starts_with("https://console.amazonaws.cn/cloudformation/"));
    assert_eq!(percent_encode("AZaz09-._~"), "AZaz09-._~");
}

#[test]
fn each_installation_gets_its_own_role_name_within_iams_rules() {
    assert_eq!(super::role_name_for("acme-prod"), "PrivateDeployVendorAccess-acme-prod");
    assert_ne!(super::role_name_for("a"), super::role_name_for("b"));
    let long = super::role_name_for(&format!("corp:eu/{}", "x".repeat(100)));
    assert_eq!(long.len(), 64);
    assert!(long.starts_with("PrivateDeployVendorAccess-corp-eu-xx"), "{long}");
    assert_ne!(long, super::role_name_for(&format!("corp:eu/{}", "x".repeat(101))));
    let params = AccessParameters { role_name: long, ..access() };
    params.validate().unwrap();
}

#[test]
fn the_environment_takes_its_zones_as_parameters_and_never_asks_fn_get_azs() {
    // Fn::GetAZs lists only the zones that have a default subnet (comments may name it).
    let code: Vec<&str> = ENVIRONMENT_TEMPLATE.lines().filter(|l| !l.trim_start().starts_with('#')).collect();
    assert!(code.iter().all(|l| !l.contains("GetAZs") && !l.contains("Select")), "{code:?}");
    assert_eq!(ENVIRONMENT_TEMPLATE.matches("AvailabilityZone: !Ref AvailabilityZone1").count(), 2);
    assert_eq!(ENVIRONMENT_TEMPLATE.matches("AvailabilityZone: !Ref AvailabilityZone2").count(), 2);
    assert_eq!(ENVIRONMENT_TEMPLATE.matches("Type: AWS::EC2::AvailabilityZone::Name").count(), 2);
}

#[test]
fn the_environment_templates_block_sizes_are_the_engines() {
    // The template's patterns end in the prefix ranges; they must be the constants' ranges.
    let vpc = format!("/(1[6-9]|2[0-{}])$'", super::MAX_VPC_PREFIX - 20);
    let subnet = format!("/(1[89]|2[0-{}])$'", super::MAX_SUBNET_PREFIX - 20);
    assert_eq!(ENVIRONMENT_TEMPLATE.matches(&vpc).count(), 1, "VpcCidr should end in {vpc}");
    assert_eq!(ENVIRONMENT_TEMPLATE.matches(&subnet).count(), 4, "subnets should end in {subnet}");
    assert_eq!(super::VPC_LIMITS.max_prefix, 25);
    assert_eq!(super::VPC_LIMITS.max_subnet_prefix, 27);
    // The smallest VPC the planner offers is exactly one the template takes.
    let smallest = subnet_plan(net("10.0.0.0/25")).expect("a /25 fits");
    assert!(smallest.subnets().iter().all(|s| s.prefix_len() == super::MAX_SUBNET_PREFIX));
}

#[test]
fn the_app_names_a_boundary_it_creates_as_the_template_does() {
    assert!(ACCESS_TEMPLATE.contains("ManagedPolicyName: !Sub '${RoleName}Boundary'"));
    let role = super::role_name_for(&"z".repeat(64));
    let boundary = super::boundary_name_for(&role);
    assert_eq!(boundary, format!("{role}Boundary"));
    assert!(boundary.len() <= super::POLICY_NAME_MAX);
}
