//! The Manage panel through the engine, against moto, after a real install: each action's
//! result read back from IAM with the SDK and its policy JSON asserted; the journal's record
//! of who did it; and the refusals (a wrong account ID changes nothing and records nothing;
//! a role already gone).
//!
//! moto cannot show IAM denying the admin, a read-back that does not match, or CloudTrail
//! LookupEvents (HTTP 500): those are `engine/access/mock_tests.rs`.

use std::time::{SystemTime, UNIX_EPOCH};

use aws_sdk_iam::primitives::{DateTime, DateTimeFormat as Format};
use engine::access::{AccessActionKind, AccessWindow, RoleState, REVOKE_POLICY_NAME, SCOPED_POLICY_NAME};
use engine::install::{CollectSink, DeleteOptions};
use engine::templates::{access_window_always_open_policy, ACCESS_WINDOW_POLICY_NAME};
use engine::Explain as _;
use engine::{Engine, ErrorCode};
use private_deploy_tests::installed::{
    config, iam, inline_policy, installed, role_exists, ACCOUNT, ENV_CIDR, ENV_REGION, ROLE_NAME,
};
use private_deploy_tests::seed::ec2_in;
use private_deploy_tests::{exclusive, Sandbox};
use serde_json::json;

const WRONG_ACCOUNT: &str = "000000000000";

fn unix_now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64
}

fn secs(rfc3339: &str) -> i64 {
    DateTime::from_str(rfc3339, Format::DateTime).unwrap().secs()
}

fn actions(engine: &Engine) -> Vec<AccessActionKind> {
    engine.journal().access_actions(ACCOUNT, "sandbox-demo", &[], 100).unwrap().into_iter().map(|a| a.action).collect()
}

#[tokio::test]
async fn status_window_revoke_and_cut_off_read_back_from_iam_and_are_journaled() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = installed(&sandbox).await;
    let config = config(&engine);

    // The status as installed: the role found from the access stack, its trust, the window slot.
    let status = engine.access_status(None).await.unwrap();
    let RoleState::Present { role } = &status.role else { panic!("{:?}", status.role) };
    assert_eq!(role.name, ROLE_NAME);
    assert_eq!(role.arn, format!("arn:aws:iam::{ACCOUNT}:role/private-deploy/{ROLE_NAME}"));
    assert_eq!(role.trusted_principals, vec!["arn:aws:iam::210987654321:root".to_owned()]);
    assert_eq!(role.external_id.as_deref(), Some("pd-sandbox-demo-0001"));
    assert!(role.inline_policies.iter().any(|p| p.name == ACCESS_WINDOW_POLICY_NAME));
    assert!(role.trust_policy.contains("\"sts:AssumeRole\""), "decoded and pretty: {}", role.trust_policy);
    assert_eq!(status.window, AccessWindow::AlwaysOpen);
    assert_eq!(status.sessions_revoked_before, None);
    assert!(status.recent_actions.is_empty());
    assert!(status.installation.stacks.iter().all(|s| s.status.as_deref() == Some("CREATE_COMPLETE")));

    // Open for two hours: two Deny statements on aws:CurrentTime, two hours apart.
    let before = unix_now();
    let record = engine.open_window(None, 2, ACCOUNT).await.unwrap();
    assert_eq!(record.action, AccessActionKind::OpenWindow);
    assert_eq!(record.caller_arn, "arn:aws:sts::123456789012:user/moto");
    let doc = inline_policy(&config, ROLE_NAME, ACCESS_WINDOW_POLICY_NAME).await.unwrap();
    let statements = doc["Statement"].as_array().unwrap();
    assert_eq!(statements.len(), 2);
    for s in statements {
        assert_eq!(
            (s["Effect"].as_str(), s["Action"].as_str(), s["Resource"].as_str()),
            (Some("Deny"), Some("*"), Some("*"))
        );
    }
    let start = secs(doc["Statement"][0]["Condition"]["DateLessThan"]["aws:CurrentTime"].as_str().unwrap());
    let end = secs(doc["Statement"][1]["Condition"]["DateGreaterThan"]["aws:CurrentTime"].as_str().unwrap());
    assert!((before - 2..=unix_now()).contains(&start), "starts now: {start} vs {before}");
    assert_eq!(end - start, 2 * 3600);
    let status = engine.access_status(None).await.unwrap();
    let AccessWindow::Window { open_now: true, seconds_left: Some(left), .. } = status.window else {
        panic!("{:?}", status.window)
    };
    assert!((7100..=7200).contains(&left), "{left}");

    // A wrong account ID: refused before any write; IAM and the journal unchanged.
    let err = engine.close_window(None, WRONG_ACCOUNT).await.unwrap_err().failure();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(err.hint.unwrap().contains(ACCOUNT));
    for refused in [engine.cut_off(None, WRONG_ACCOUNT).await, engine.revoke_sessions(None, "").await] {
        assert_eq!(refused.unwrap_err().failure().code, ErrorCode::InvalidInput);
    }
    assert_eq!(inline_policy(&config, ROLE_NAME, ACCESS_WINDOW_POLICY_NAME).await.unwrap(), doc);
    assert_eq!(inline_policy(&config, ROLE_NAME, REVOKE_POLICY_NAME).await, None);
    assert_eq!(actions(&engine), vec![AccessActionKind::OpenWindow]);

    // Revoke sessions: the console's AWSRevokeOlderSessions, issued-before now.
    let before = unix_now();
    engine.revoke_sessions(None, ACCOUNT).await.unwrap();
    let revoke = inline_policy(&config, ROLE_NAME, REVOKE_POLICY_NAME).await.unwrap();
    let issued = revoke["Statement"][0]["Condition"]["DateLessThan"]["aws:TokenIssueTime"].as_str().unwrap().to_owned();
    assert!((before - 2..=unix_now()).contains(&secs(&issued)));
    assert_eq!(
        revoke,
        json!({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": ["*"], "Resource": ["*"],
            "Condition": {"DateLessThan": {"aws:TokenIssueTime": issued}}}]})
    );
    let status = engine.access_status(None).await.unwrap();
    assert_eq!(status.sessions_revoked_before.as_deref(), Some(issued.as_str()));
    assert_eq!(status.last_revocation.as_ref().map(|r| r.action), Some(AccessActionKind::RevokeSessions));
    assert!(
        matches!(status.window, AccessWindow::Window { open_now: true, .. }),
        "revoking alone leaves the window open"
    );

    // Cut off: the revocation again, and the window closed with an unconditional Deny.
    engine.cut_off(None, ACCOUNT).await.unwrap();
    let window = inline_policy(&config, ROLE_NAME, ACCESS_WINDOW_POLICY_NAME).await.unwrap();
    assert_eq!(
        window,
        json!({"Version": "2012-10-17", "Statement": [{"Sid": "AccessWindowClosedNow", "Effect": "Deny", "Action": "*", "Resource": "*"}]})
    );
    assert!(inline_policy(&config, ROLE_NAME, REVOKE_POLICY_NAME).await.is_some());
    let status = engine.access_status(None).await.unwrap();
    assert_eq!(status.window, AccessWindow::Closed);
    assert_eq!(status.last_revocation.as_ref().map(|r| r.action), Some(AccessActionKind::CutOff));

    // Always open puts the template's document back.
    engine.always_open(None, ACCOUNT).await.unwrap();
    let window = inline_policy(&config, ROLE_NAME, ACCESS_WINDOW_POLICY_NAME).await.unwrap();
    assert_eq!(window, access_window_always_open_policy());
    assert_eq!(engine.access_status(None).await.unwrap().window, AccessWindow::AlwaysOpen);

    // Everything that was done, newest first, each with who did it.
    assert_eq!(
        actions(&engine),
        vec![
            AccessActionKind::AlwaysOpen,
            AccessActionKind::CutOff,
            AccessActionKind::RevokeSessions,
            AccessActionKind::OpenWindow
        ]
    );
    // An hour count this app does not open is refused before anything.
    assert_eq!(engine.open_window(None, 0, ACCOUNT).await.unwrap_err().failure().code, ErrorCode::InvalidInput);
    assert_eq!(engine.open_window(None, 24 * 8, ACCOUNT).await.unwrap_err().failure().code, ErrorCode::InvalidInput);
}

#[tokio::test]
async fn the_boundary_and_tightening_change_the_role_as_shown() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = installed(&sandbox).await;
    let config = config(&engine);
    let iam = iam(&config);

    // Attach: the stack made no boundary, so the seed's is created beside the role.
    let boundary_arn = format!("arn:aws:iam::{ACCOUNT}:policy/private-deploy/{ROLE_NAME}Boundary");
    assert_eq!(engine.attach_boundary(None, WRONG_ACCOUNT).await.unwrap_err().failure().code, ErrorCode::InvalidInput);
    let role = iam.get_role().role_name(ROLE_NAME).send().await.unwrap();
    assert!(role.role().unwrap().permissions_boundary().is_none(), "nothing changed after a wrong confirmation");
    engine.attach_boundary(None, ACCOUNT).await.unwrap();
    let role = iam.get_role().role_name(ROLE_NAME).send().await.unwrap();
    let found = role.role().unwrap().permissions_boundary().and_then(|b| b.permissions_boundary_arn());
    assert_eq!(found, Some(boundary_arn.as_str()));
    let policy = iam.get_policy().policy_arn(&boundary_arn).send().await.unwrap();
    let version = policy.policy().unwrap().default_version_id().unwrap().to_owned();
    let doc = iam.get_policy_version().policy_arn(&boundary_arn).version_id(version).send().await.unwrap();
    let doc: serde_json::Value = serde_json::from_str(&private_deploy_tests::stacks::url_decode(
        doc.policy_version().unwrap().document().unwrap(),
    ))
    .unwrap();
    assert_eq!(doc["Statement"][0]["Resource"], format!("arn:aws:iam::{ACCOUNT}:role/private-deploy/*"));
    assert_eq!(doc["Statement"][1]["Action"].as_array().unwrap().len(), 79);
    let status = engine.access_status(None).await.unwrap();
    let RoleState::Present { role } = &status.role else { panic!() };
    assert_eq!(role.boundary_arn.as_deref(), Some(boundary_arn.as_str()));

    engine.remove_boundary(None, ACCOUNT).await.unwrap();
    let role = iam.get_role().role_name(ROLE_NAME).send().await.unwrap();
    assert!(role.role().unwrap().permissions_boundary().is_none());

    // Tighten. moto does not apply the stack's ManagedPolicyArns: attach AdministratorAccess
    // as CloudFormation does on AWS.
    iam.attach_role_policy()
        .role_name(ROLE_NAME)
        .policy_arn("arn:aws:iam::aws:policy/AdministratorAccess")
        .send()
        .await
        .unwrap();
    let preview = engine.tighten_preview(None).await.unwrap();
    assert_eq!(preview.detaches, vec!["arn:aws:iam::aws:policy/AdministratorAccess".to_owned()]);
    assert!(preview
        .diff
        .iter()
        .any(|l| l.text.contains("AdministratorAccess") && l.kind == engine::access::DiffKind::Removed));
    let vpc_id = ec2_in(&config, ENV_REGION)
        .describe_vpcs()
        .filters(aws_sdk_ec2::types::Filter::builder().name("cidr").values(ENV_CIDR).build())
        .send()
        .await
        .unwrap()
        .vpcs()[0]
        .vpc_id()
        .unwrap()
        .to_owned();
    let vpc_arn = format!("arn:aws:ec2:{ENV_REGION}:{ACCOUNT}:vpc/{vpc_id}");
    assert!(preview.resources.iter().any(|r| r.arn.as_deref() == Some(vpc_arn.as_str())), "{:?}", preview.resources);
    // Previewing changed nothing.
    assert_eq!(inline_policy(&config, ROLE_NAME, SCOPED_POLICY_NAME).await, None);

    assert_eq!(engine.tighten_apply(None, WRONG_ACCOUNT).await.unwrap_err().failure().code, ErrorCode::InvalidInput);
    let attached = iam.list_attached_role_policies().role_name(ROLE_NAME).send().await.unwrap();
    assert_eq!(attached.attached_policies().len(), 1, "a wrong confirmation detaches nothing");

    engine.tighten_apply(None, ACCOUNT).await.unwrap();
    let scoped = inline_policy(&config, ROLE_NAME, SCOPED_POLICY_NAME).await.unwrap();
    assert_eq!(scoped, serde_json::from_str::<serde_json::Value>(&preview.policy).unwrap());
    let resources: Vec<&str> =
        scoped["Statement"][0]["Resource"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
    assert!(resources.contains(&vpc_arn.as_str()), "{resources:?}");
    assert!(resources.iter().all(|r| r.starts_with("arn:aws:")), "{resources:?}");
    assert_eq!(scoped["Statement"][0]["Action"], "*");
    let attached = iam.list_attached_role_policies().role_name(ROLE_NAME).send().await.unwrap();
    assert!(attached.attached_policies().is_empty(), "AdministratorAccess detached");
    assert_eq!(
        actions(&engine),
        vec![AccessActionKind::Tighten, AccessActionKind::RemoveBoundary, AccessActionKind::AttachBoundary]
    );
}

#[tokio::test]
async fn deleting_the_role_is_verified_journaled_and_a_second_delete_finds_it_gone() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = installed(&sandbox).await;
    let config = config(&engine);
    engine.revoke_sessions(None, ACCOUNT).await.unwrap();

    let err = engine.delete_role(None, WRONG_ACCOUNT).await.unwrap_err().failure();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(role_exists(&config, ROLE_NAME).await, "a wrong confirmation deletes nothing");

    let record = engine.delete_role(None, ACCOUNT).await.unwrap();
    assert_eq!(record.action, AccessActionKind::DeleteRole);
    assert!(!role_exists(&config, ROLE_NAME).await);
    let detail: serde_json::Value = serde_json::from_str(&record.detail).unwrap();
    let steps: Vec<&str> = detail["steps"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
    assert!(steps.contains(&"deleted inline policy AWSRevokeOlderSessions"), "{steps:?}");
    assert_eq!(steps.last(), Some(&format!("deleted role {ROLE_NAME}").as_str()));

    let status = engine.access_status(None).await.unwrap();
    assert_eq!(status.role, RoleState::Gone { name: ROLE_NAME.to_owned() });
    assert_eq!(status.window, AccessWindow::Closed);

    // The role already gone: every action says so, and records nothing.
    for err in [
        engine.delete_role(None, ACCOUNT).await.unwrap_err(),
        engine.cut_off(None, ACCOUNT).await.unwrap_err(),
        engine.open_window(None, 1, ACCOUNT).await.unwrap_err(),
    ] {
        let f = err.failure();
        assert_eq!(f.code, ErrorCode::NotFound, "{f:?}");
        assert!(f.message.contains(ROLE_NAME), "{}", f.message);
    }
    assert_eq!(actions(&engine), vec![AccessActionKind::DeleteRole, AccessActionKind::RevokeSessions]);
}

/// moto cannot delete the reference environment's stack: its DeleteStack fails with
/// `DependencyViolation` on the VPC (it deletes neither the NAT gateway nor the gateway
/// attachment first). The successful delete, waited for `DELETE_COMPLETE` by stack ID, is
/// `engine/access/delete_mock_tests.rs`; here: a wrong confirmation deletes nothing, and when
/// the environment's delete fails the vendor stays cut off (done first), the access stack is
/// not touched, and the journal says what was done and what is left, not that it was deleted.
#[tokio::test]
async fn deleting_the_stacks_needs_the_account_and_a_failed_environment_delete_leaves_the_access_stack() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = installed(&sandbox).await;
    let config = config(&engine);
    let sink = CollectSink::default();
    let err = engine.delete_stacks(None, WRONG_ACCOUNT, &DeleteOptions::default(), &sink).await.unwrap_err().failure();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    let env =
        private_deploy_tests::stacks::stacks_named(&config, ENV_REGION, private_deploy_tests::stacks::ENV_STACK).await;
    assert_eq!(env.len(), 1, "a wrong confirmation deletes nothing");

    let err = engine.delete_stacks(None, ACCOUNT, &DeleteOptions::default(), &sink).await.unwrap_err().failure();
    assert!(err.message.contains("DependencyViolation"), "{}", err.message);
    assert!(err.message.contains("Done: Cut off role"), "{}", err.message);
    assert!(err.message.contains("Left: delete stack private-deploy-env-"), "{}", err.message);
    let access =
        private_deploy_tests::stacks::stacks_named(&config, "us-east-1", private_deploy_tests::stacks::ACCESS_STACK)
            .await;
    assert_eq!(access.len(), 1, "the access stack is deleted only after the environment");
    assert!(role_exists(&config, ROLE_NAME).await);
    assert_eq!(
        actions(&engine),
        vec![AccessActionKind::DeleteStacksStopped, AccessActionKind::CutOff],
        "a failed delete is not journaled as done; the cut-off before it is"
    );
}

#[tokio::test]
async fn the_database_check_names_an_overlap_and_the_nat_addresses_are_the_stacks_elastic_ip() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = installed(&sandbox).await;
    let config = config(&engine);
    let ec2 = ec2_in(&config, ENV_REGION);
    let db = ec2.create_vpc().cidr_block("10.42.128.0/20").send().await.unwrap();
    let db_vpc = db.vpc().unwrap().vpc_id().unwrap().to_owned();
    let free = ec2.create_vpc().cidr_block("192.168.0.0/20").send().await.unwrap();
    let free_vpc = free.vpc().unwrap().vpc_id().unwrap().to_owned();

    let check = engine.database_check(None, &db_vpc).await.unwrap();
    assert!(!check.ok);
    assert_eq!(check.vpc_id.as_deref(), Some(db_vpc.as_str()));
    assert!(check.message.contains("10.42.128.0/20 lies inside the environment's 10.42.0.0/16"), "{}", check.message);
    assert!(engine.database_check(None, &free_vpc).await.unwrap().ok);
    assert!(engine.database_check(None, "10.43.0.0/16").await.unwrap().ok);
    assert!(!engine.database_check(None, "10.0.0.0/8").await.unwrap().ok);
    let missing = engine.database_check(None, "vpc-0123456789abcdef0").await.unwrap_err().failure();
    assert_eq!(missing.code, ErrorCode::InvalidInput);

    let addresses = engine.nat_addresses(None).await.unwrap();
    let status = engine.install_status().await.unwrap();
    assert_eq!(status.len(), 1);
    let eips = ec2.describe_addresses().send().await.unwrap();
    let public: Vec<&str> = eips.addresses().iter().filter_map(|a| a.public_ip()).collect();
    assert_eq!(addresses.len(), 1, "{addresses:?}");
    assert!(public.contains(&addresses[0].public_ip.as_str()), "{public:?} / {addresses:?}");
    assert!(addresses[0].allocation_id.as_deref().is_some_and(|a| a.starts_with("eipalloc-")));
}

/// With what moto's CloudFormation cannot delete removed first (as AWS's CloudFormation would
/// delete it itself), the engine deletes the environment stack, then the access stack, each
/// checked `DELETE_COMPLETE` by stack ID, and journals it.
#[tokio::test]
async fn deleting_the_stacks_deletes_both_in_order_verifies_them_by_id_and_journals_it() {
    use engine::install::InstallEvent;
    use private_deploy_tests::stacks::{moto_unblock_environment_delete, stacks_named, ACCESS_STACK, ENV_STACK};
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = installed(&sandbox).await;
    let config = config(&engine);
    let env_id = stacks_named(&config, ENV_REGION, ENV_STACK).await[0].0.clone();
    moto_unblock_environment_delete(&config, ENV_REGION, &env_id).await;

    let sink = CollectSink::default();
    let record = engine.delete_stacks(None, ACCOUNT, &DeleteOptions::default(), &sink).await.unwrap();
    assert_eq!(record.action, AccessActionKind::DeleteStacks);
    assert!(stacks_named(&config, ENV_REGION, ENV_STACK).await.is_empty());
    assert!(stacks_named(&config, "us-east-1", ACCESS_STACK).await.is_empty());
    let by_id =
        engine::aws::cloudformation_in(&config, ENV_REGION).describe_stacks().stack_name(&env_id).send().await.unwrap();
    assert_eq!(by_id.stacks()[0].stack_status().map(|s| s.as_str()), Some("DELETE_COMPLETE"));
    assert!(!role_exists(&config, ROLE_NAME).await, "the role went with the access stack");
    let order: Vec<String> = sink
        .events()
        .iter()
        .filter_map(|e| match e {
            InstallEvent::StackStatus { stack, status, .. } if status == "DELETE_COMPLETE" => Some(stack.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(order, vec![ENV_STACK.to_owned(), ACCESS_STACK.to_owned()], "environment first");
    assert_eq!(actions(&engine), vec![AccessActionKind::DeleteStacks, AccessActionKind::CutOff], "cut off first");
}

/// Before confirming, the preview lists the stacks and what else has a network interface in
/// the environment's VPC (here an interface made outside the stack, as a vendor's instance or
/// function would have), read with DescribeNetworkInterfaces filtered by the VPC.
#[tokio::test]
async fn the_delete_preview_lists_the_stacks_and_what_the_stack_did_not_create_in_its_vpc() {
    use engine::stacks::StackHealth;
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = installed(&sandbox).await;
    let config = config(&engine);
    let ec2 = ec2_in(&config, ENV_REGION);
    let env = engine::aws::cloudformation_in(&config, ENV_REGION)
        .describe_stack_resources()
        .stack_name(private_deploy_tests::stacks::ENV_STACK)
        .send()
        .await
        .unwrap();
    let subnet = env
        .stack_resources()
        .iter()
        .find(|r| r.resource_type() == Some("AWS::EC2::Subnet"))
        .and_then(|r| r.physical_resource_id())
        .unwrap()
        .to_owned();
    let made = ec2.create_network_interface().subnet_id(&subnet).description("vendor-api worker").send().await.unwrap();
    let eni = made.network_interface().unwrap().network_interface_id().unwrap().to_owned();

    let preview = engine.delete_stacks_preview(None).await.unwrap();

    let kinds: Vec<(String, StackHealth)> =
        preview.stacks.iter().map(|s| (s.kind.as_str().to_owned(), s.health)).collect();
    assert_eq!(
        kinds,
        vec![("environment".to_owned(), StackHealth::Healthy), ("access".to_owned(), StackHealth::Healthy)]
    );
    assert!(preview.interfaces_read);
    let found = preview.foreign_interfaces.iter().find(|i| i.interface_id == eni).expect("the foreign interface");
    assert_eq!(found.owner, "vendor-api worker");
    assert_eq!(found.subnet_id.as_deref(), Some(subnet.as_str()));
    assert!(preview.warning.contains("is not deleted"), "{}", preview.warning);
    assert!(actions(&engine).is_empty(), "a preview changes nothing");
}

#[tokio::test]
async fn ready_says_what_to_send_the_vendor_and_the_access_read_live_after_a_cut_off() {
    use engine::access::{AccessLevel, AccessNow, ConsoleTarget};
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = installed(&sandbox).await;

    let ready = engine.ready_summary(None).await.unwrap();
    assert_eq!(ready.access_level, AccessLevel::Administrator);
    assert_eq!(ready.access, AccessNow::Open);
    let arn = ready.role_arn.clone().expect("the role's ARN");
    assert!(arn.ends_with(&format!(":role/private-deploy/{ROLE_NAME}")), "{arn}");
    assert_eq!(ready.external_id, "pd-sandbox-demo-0001");
    let targets: Vec<ConsoleTarget> = ready.console_links.iter().map(|l| l.target).collect();
    assert_eq!(
        targets,
        [ConsoleTarget::AccessStack, ConsoleTarget::EnvironmentStack, ConsoleTarget::Role, ConsoleTarget::Vpc]
    );
    let vpc = &ready.console_links[3].url;
    assert!(vpc.starts_with(&format!("https://{ENV_REGION}.console.aws.amazon.com/vpcconsole/")), "{vpc}");

    // After a cut off, Ready reads it live and never says the vendor can use the role.
    engine.cut_off(None, ACCOUNT).await.unwrap();
    let after = engine.ready_summary(None).await.unwrap();
    assert!(matches!(after.access, AccessNow::CutOff { .. }), "{:?}", after.access);
    assert!(engine.access_status(None).await.unwrap().access_now == after.access);
    let said = format!("{} {} {}", after.headline, after.next_steps.join(" "), after.usable);
    assert!(!said.contains("can use the role"), "{said}");
    assert!(after.next_steps.iter().any(|s| s.starts_with("Open the access window in Manage")), "{said}");
}
