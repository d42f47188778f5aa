//! Proof by evaluation: the customer's controls over the vendor's role, evaluated with the
//! offline IAM evaluator (`private_deploy_tests::iam_eval`) on the role's documents as read back
//! from moto after a real install, after the Manage actions (window, revocation, cut-off,
//! tighten). moto never evaluates a policy; the evaluator does, on exactly what the app wrote.
//!
//! Each control is shown to hold AND to depend on the document that enforces it: with that
//! document (or statement) taken out, the same request is allowed.

use aws_config::SdkConfig;
use aws_sdk_iam::primitives::{DateTime, DateTimeFormat as Format};
use engine::templates::{
    guardrail_policy, guardrail_scp, GuardrailScope, ACCESS_WINDOW_POLICY_NAME, GUARDRAIL_POLICY_NAME, GUARDRAIL_SIDS,
};
use engine::Engine;
use private_deploy_tests::iam_eval::{Decision, Principal, Request};
use private_deploy_tests::installed::{config, iam, installed, installed_with, ACCOUNT, ENV_REGION, ROLE_NAME};
use private_deploy_tests::stacks::{stacks_named, url_decode, ACCESS_STACK};
use private_deploy_tests::{exclusive, Sandbox};
use serde_json::{json, Value};

const HOME_REGION: &str = "us-east-1";
const ADMIN_ARN: &str = "arn:aws:iam::aws:policy/AdministratorAccess";
/// The customer's own identity: moto's caller, with AdministratorAccess only.
const CUSTOMER_ARN: &str = "arn:aws:iam::123456789012:user/moto";

fn role_arn() -> String {
    format!("arn:aws:iam::{ACCOUNT}:role/private-deploy/{ROLE_NAME}")
}

fn boundary_arn() -> String {
    format!("arn:aws:iam::{ACCOUNT}:policy/private-deploy/{ROLE_NAME}Boundary")
}

fn scope(use_boundary: bool) -> GuardrailScope<'static> {
    GuardrailScope {
        partition: "aws",
        region: HOME_REGION,
        account: ACCOUNT,
        role_path: "/private-deploy/",
        role_name: ROLE_NAME,
        stack_name: ACCESS_STACK,
        use_boundary,
    }
}

fn secs(rfc3339: &str) -> i64 {
    DateTime::from_str(rfc3339, Format::DateTime).unwrap().secs()
}

fn at(secs: i64) -> String {
    DateTime::from_secs(secs).fmt(Format::DateTime).unwrap()
}

fn now() -> i64 {
    DateTime::from(std::time::SystemTime::now()).secs()
}

fn doc(text: &str) -> Value {
    serde_json::from_str(&url_decode(text)).expect("policy JSON")
}

/// A managed policy's default version, as IAM has it.
async fn managed_document(config: &SdkConfig, arn: &str) -> Value {
    let iam = iam(config);
    let policy = iam.get_policy().policy_arn(arn).send().await.unwrap();
    let version = policy.policy().unwrap().default_version_id().unwrap().to_owned();
    let out = iam.get_policy_version().policy_arn(arn).version_id(version).send().await.unwrap();
    doc(out.policy_version().unwrap().document().unwrap())
}

/// The role's documents as IAM has them now: every inline policy (by name), every attached
/// managed policy (by ARN), and its permissions boundary.
struct RoleDocs {
    inline: Vec<(String, Value)>,
    attached: Vec<(String, Value)>,
    boundary: Option<(String, Value)>,
}

impl RoleDocs {
    async fn read(config: &SdkConfig) -> RoleDocs {
        let iam = iam(config);
        let mut inline = Vec::new();
        let names = iam.list_role_policies().role_name(ROLE_NAME).send().await.unwrap();
        for name in names.policy_names() {
            let out = iam.get_role_policy().role_name(ROLE_NAME).policy_name(name).send().await.unwrap();
            inline.push((name.clone(), doc(out.policy_document())));
        }
        let mut attached = Vec::new();
        let list = iam.list_attached_role_policies().role_name(ROLE_NAME).send().await.unwrap();
        for p in list.attached_policies() {
            let arn = p.policy_arn().unwrap().to_owned();
            let document = managed_document(config, &arn).await;
            attached.push((arn, document));
        }
        let role = iam.get_role().role_name(ROLE_NAME).send().await.unwrap();
        let boundary = match role.role().unwrap().permissions_boundary().and_then(|b| b.permissions_boundary_arn()) {
            Some(arn) => Some((arn.to_owned(), managed_document(config, arn).await)),
            None => None,
        };
        RoleDocs { inline, attached, boundary }
    }

    fn inline(&self, name: &str) -> Option<&Value> {
        self.inline.iter().find(|(n, _)| n == name).map(|(_, d)| d)
    }

    /// The vendor's role as the evaluator sees it.
    fn vendor(&self) -> Principal {
        Principal {
            identity: self.inline.iter().chain(&self.attached).map(|(_, d)| d.clone()).collect(),
            boundary: self.boundary.as_ref().map(|(_, d)| d.clone()),
            scp_levels: Vec::new(),
        }
    }

    /// The same role with one inline policy taken out.
    fn vendor_without(&self, name: &str) -> Principal {
        let mut p = self.vendor();
        p.identity =
            self.inline.iter().filter(|(n, _)| n != name).chain(&self.attached).map(|(_, d)| d.clone()).collect();
        p
    }
}

/// A request by the vendor's role at `time`, in a session issued at `issued`.
fn vendor_request(action: &str, resource: &str, time: i64, issued: i64) -> Request {
    Request::new(action, resource)
        .with("aws:CurrentTime", &at(time))
        .with("aws:TokenIssueTime", &at(issued))
        .with("aws:PrincipalArn", &role_arn())
}

/// What the vendor must not do to the controls, each with the resource IAM authorizes it on.
fn undoing_the_controls(stack_id: &str) -> Vec<(&'static str, &'static str, String)> {
    let role = role_arn();
    let user = format!("arn:aws:iam::{ACCOUNT}:user/backdoor");
    vec![
        ("delete the window policy", "iam:DeleteRolePolicy", role.clone()),
        ("rewrite the window, revocation or guardrail", "iam:PutRolePolicy", role.clone()),
        ("attach another policy", "iam:AttachRolePolicy", role.clone()),
        ("detach a policy", "iam:DetachRolePolicy", role.clone()),
        ("remove the boundary from the role", "iam:DeleteRolePermissionsBoundary", role.clone()),
        ("set another boundary", "iam:PutRolePermissionsBoundary", role.clone()),
        ("rewrite the trust policy", "iam:UpdateAssumeRolePolicy", role.clone()),
        ("retag the role", "iam:TagRole", role.clone()),
        ("delete the role", "iam:DeleteRole", role.clone()),
        ("replace the boundary's default version", "iam:CreatePolicyVersion", boundary_arn()),
        ("switch the boundary's default version", "iam:SetDefaultPolicyVersion", boundary_arn()),
        ("delete the boundary policy", "iam:DeletePolicy", boundary_arn()),
        ("update the access stack", "cloudformation:UpdateStack", stack_id.to_owned()),
        ("change the access stack by change set", "cloudformation:CreateChangeSet", stack_id.to_owned()),
        ("delete the access stack", "cloudformation:DeleteStack", stack_id.to_owned()),
        ("create a user", "iam:CreateUser", user.clone()),
        ("create an access key", "iam:CreateAccessKey", user.clone()),
        ("create a login profile", "iam:CreateLoginProfile", user),
        (
            "create an OIDC provider",
            "iam:CreateOpenIDConnectProvider",
            format!("arn:aws:iam::{ACCOUNT}:oidc-provider/x"),
        ),
        ("get a federation token", "sts:GetFederationToken", "*".to_owned()),
        (
            "stop CloudTrail",
            "cloudtrail:StopLogging",
            format!("arn:aws:cloudtrail:{HOME_REGION}:{ACCOUNT}:trail/audit"),
        ),
        (
            "delete the trail",
            "cloudtrail:DeleteTrail",
            format!("arn:aws:cloudtrail:{HOME_REGION}:{ACCOUNT}:trail/audit"),
        ),
    ]
}

/// moto skips the stack role's ManagedPolicyArns: attach AdministratorAccess as AWS would. The
/// install recorded the role without it, so to the app this is a change made outside it, which
/// the admin accepts (as in the window) before opening access again.
async fn attach_administrator_access(engine: &Engine, config: &SdkConfig) {
    iam(config).attach_role_policy().role_name(ROLE_NAME).policy_arn(ADMIN_ARN).send().await.unwrap();
    let seen = engine.access_status(None).await.unwrap().drift;
    assert_eq!(seen.len(), 1, "only the attachment differs: {seen:?}");
    engine.accept_drift(None, Some(&seen)).await.unwrap().expect("accepted");
}

async fn access_stack_id(config: &SdkConfig) -> String {
    stacks_named(config, HOME_REGION, ACCESS_STACK).await[0].0.clone()
}

/// The customer's own administrator: AdministratorAccess as moto has it, nothing else.
async fn customer(config: &SdkConfig) -> Principal {
    Principal { identity: vec![managed_document(config, ADMIN_ARN).await], ..Principal::default() }
}

#[tokio::test]
async fn full_mode_the_window_revocation_and_guardrail_hold_on_the_documents_the_app_wrote() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = installed(&sandbox).await;
    let config = config(&engine);
    attach_administrator_access(&engine, &config).await;
    let stack_id = access_stack_id(&config).await;
    let t0 = now();

    // As installed: the guardrail is exactly the engine's document (template and engine agree).
    let docs = RoleDocs::read(&config).await;
    assert_eq!(docs.inline(GUARDRAIL_POLICY_NAME), Some(&guardrail_policy(&scope(false))));
    assert!(docs.boundary.is_none());
    let vendor = docs.vendor();
    assert!(vendor.evaluate(&vendor_request("ec2:RunInstances", "*", t0, t0)).allowed());
    assert!(vendor.evaluate(&vendor_request("iam:CreateRole", "*", t0, t0)).allowed(), "full mode creates roles");
    for (what, action, resource) in undoing_the_controls(&stack_id) {
        let request = vendor_request(action, &resource, t0, t0);
        assert_eq!(vendor.evaluate(&request), Decision::ExplicitDeny, "the vendor can {what} ({action})");
        // Without the guardrail the same request is allowed: the guardrail is what denies it.
        assert!(docs.vendor_without(GUARDRAIL_POLICY_NAME).evaluate(&request).allowed(), "{what} without guardrail");
    }
    // The customer's own administrator is untouched, even with the guardrail's SCP in force
    // for the whole account (its statements name the vendor's role alone).
    let mut customer = customer(&config).await;
    let full_access =
        json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]});
    customer.scp_levels = vec![vec![full_access, guardrail_scp(&scope(false))]];
    for (what, action, resource) in undoing_the_controls(&stack_id) {
        let request = Request::new(action, &resource).with("aws:PrincipalArn", CUSTOMER_ARN);
        assert!(customer.evaluate(&request).allowed(), "the customer cannot {what}");
    }

    // Open for two hours: inside it the vendor works, outside it every action is denied.
    engine.open_window(None, 2, ACCOUNT).await.unwrap();
    let docs = RoleDocs::read(&config).await;
    let window = docs.inline(ACCESS_WINDOW_POLICY_NAME).unwrap();
    let start = secs(window["Statement"][0]["Condition"]["DateLessThan"]["aws:CurrentTime"].as_str().unwrap());
    let end = secs(window["Statement"][1]["Condition"]["DateGreaterThan"]["aws:CurrentTime"].as_str().unwrap());
    let vendor = docs.vendor();
    let inside = start + 3600;
    for action in ["ec2:RunInstances", "s3:CreateBucket", "eks:CreateCluster"] {
        assert!(vendor.evaluate(&vendor_request(action, "*", inside, start)).allowed(), "{action} inside the window");
    }
    for time in [start - 1, end + 1, end + 86_400] {
        for (action, resource) in [
            ("ec2:RunInstances", "*".to_owned()),
            ("sts:GetCallerIdentity", "*".to_owned()),
            ("s3:GetObject", "arn:aws:s3:::bucket/key".to_owned()),
            ("iam:ListRoles", "*".to_owned()),
            ("lambda:CreateFunction", format!("arn:aws:lambda:{ENV_REGION}:{ACCOUNT}:function:f")),
        ] {
            let d = vendor.evaluate(&vendor_request(action, &resource, time, time));
            assert_eq!(d, Decision::ExplicitDeny, "{action} at {} is outside the window", at(time));
        }
        assert!(
            docs.vendor_without(ACCESS_WINDOW_POLICY_NAME)
                .evaluate(&vendor_request("ec2:RunInstances", "*", time, time))
                .allowed(),
            "without the window document nothing limits the time"
        );
    }
    // While the window is open, the vendor still cannot undo any control.
    for (what, action, resource) in undoing_the_controls(&stack_id) {
        let d = vendor.evaluate(&vendor_request(action, &resource, inside, start));
        assert_eq!(d, Decision::ExplicitDeny, "inside the window the vendor can {what}");
    }
    let customer_put = Request::new("iam:PutRolePolicy", &role_arn()).with("aws:CurrentTime", &at(end + 1));
    assert!(customer.evaluate(&customer_put).allowed(), "the window binds the vendor's role only");

    // Revoke: a session issued before the revocation is denied, one issued after is not.
    engine.revoke_sessions(None, ACCOUNT).await.unwrap();
    let docs = RoleDocs::read(&config).await;
    let revoke = docs.inline("AWSRevokeOlderSessions").expect("the revocation");
    let revoked = secs(revoke["Statement"][0]["Condition"]["DateLessThan"]["aws:TokenIssueTime"].as_str().unwrap());
    let vendor = docs.vendor();
    let later = revoked + 60;
    assert!(later < end, "still inside the window");
    let old_session = vendor_request("ec2:RunInstances", "*", later, revoked - 1);
    assert_eq!(vendor.evaluate(&old_session), Decision::ExplicitDeny, "a session issued before the revocation");
    assert!(vendor.evaluate(&vendor_request("ec2:RunInstances", "*", later, revoked)).allowed(), "issued at it");
    assert!(vendor.evaluate(&vendor_request("ec2:RunInstances", "*", later, revoked + 1)).allowed(), "issued after");
    assert!(docs.vendor_without("AWSRevokeOlderSessions").evaluate(&old_session).allowed());

    // Cut off: the window closed for every session, old or new, at any time.
    engine.cut_off(None, ACCOUNT).await.unwrap();
    let docs = RoleDocs::read(&config).await;
    let vendor = docs.vendor();
    let t = now();
    for (time, issued) in [(t, t), (t + 1, t + 1), (t + 86_400 * 365, t + 86_400 * 365), (inside, start)] {
        let d = vendor.evaluate(&vendor_request("ec2:RunInstances", "*", time, issued));
        assert_eq!(d, Decision::ExplicitDeny, "cut off at {}", at(time));
    }
    assert!(docs
        .vendor_without(ACCESS_WINDOW_POLICY_NAME)
        .evaluate(&vendor_request("ec2:RunInstances", "*", t, t))
        .allowed());

    // The guardrail, not the closed window, is what holds once the window is open again.
    engine.always_open(None, ACCOUNT).await.unwrap();
    let docs = RoleDocs::read(&config).await;
    let t = now();
    assert!(docs.vendor().evaluate(&vendor_request("ec2:RunInstances", "*", t, t)).allowed());
    for (what, action, resource) in undoing_the_controls(&stack_id) {
        let d = docs.vendor().evaluate(&vendor_request(action, &resource, t, t));
        assert_eq!(d, Decision::ExplicitDeny, "with the window always open the vendor can {what}");
    }
}

#[tokio::test]
async fn after_tightening_the_vendor_reaches_only_the_installed_resources_and_still_not_the_controls() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = installed(&sandbox).await;
    let config = config(&engine);
    attach_administrator_access(&engine, &config).await;
    let stack_id = access_stack_id(&config).await;
    let preview = engine.tighten_preview(None).await.unwrap();
    engine.tighten_apply(None, ACCOUNT).await.unwrap();

    let docs = RoleDocs::read(&config).await;
    assert!(docs.attached.is_empty(), "AdministratorAccess detached");
    let vendor = docs.vendor();
    let t = now();
    let vpc = preview
        .resources
        .iter()
        .filter_map(|r| r.arn.as_deref())
        .find(|a| a.contains(":vpc/"))
        .expect("the VPC is in scope")
        .to_owned();
    assert!(vendor.evaluate(&vendor_request("ec2:CreateTags", &vpc, t, t)).allowed(), "its own VPC");
    assert!(vendor.evaluate(&vendor_request("ec2:DescribeVpcs", "*", t, t)).allowed(), "reads anywhere");
    let other_vpc = format!("arn:aws:ec2:{ENV_REGION}:{ACCOUNT}:vpc/vpc-0123456789abcdef0");
    assert_eq!(vendor.evaluate(&vendor_request("ec2:CreateTags", &other_vpc, t, t)), Decision::ImplicitDeny);
    assert_eq!(
        vendor.evaluate(&vendor_request("iam:CreateRole", &format!("arn:aws:iam::{ACCOUNT}:role/x"), t, t)),
        Decision::ImplicitDeny
    );
    for (what, action, resource) in undoing_the_controls(&stack_id) {
        assert!(
            !vendor.evaluate(&vendor_request(action, &resource, t, t)).allowed(),
            "tightened, the vendor can {what}"
        );
    }
    // The tightened policy scopes the environment; the guardrail still guards the access stack,
    // which the scoped policy's `*` action would otherwise reach if it were in scope.
    let env_stack = preview.resources.iter().filter_map(|r| r.arn.as_deref()).find(|a| a.contains(":stack/"));
    if let Some(env_stack) = env_stack {
        assert!(vendor.evaluate(&vendor_request("cloudformation:UpdateStack", env_stack, t, t)).allowed());
    }
}

#[tokio::test]
async fn boundary_mode_denies_what_the_boundary_lacks_and_roles_with_another_boundary() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = installed_with(&sandbox, true).await;
    let config = config(&engine);
    attach_administrator_access(&engine, &config).await;
    let stack_id = access_stack_id(&config).await;

    let docs = RoleDocs::read(&config).await;
    let (boundary, _) = docs.boundary.as_ref().expect("the stack's boundary on the role");
    assert_eq!(boundary, &boundary_arn());
    assert_eq!(docs.inline(GUARDRAIL_POLICY_NAME), Some(&guardrail_policy(&scope(true))));
    let vendor = docs.vendor();
    let t = now();
    assert!(vendor.evaluate(&vendor_request("ec2:RunInstances", "*", t, t)).allowed(), "in the boundary");
    for action in ["s3:GetObject", "lambda:CreateFunction", "iam:PassRole", "ec2:TerminateInstances", "iam:ListRoles"] {
        assert_eq!(vendor.evaluate(&vendor_request(action, "*", t, t)), Decision::ImplicitDeny, "{action}");
    }
    let mut unbounded = docs.vendor();
    unbounded.boundary = None;
    assert!(unbounded.evaluate(&vendor_request("s3:GetObject", "*", t, t)).allowed(), "the boundary is what limits");

    // Creating a role: only with this installation's boundary.
    let new_role = format!("arn:aws:iam::{ACCOUNT}:role/private-deploy/app");
    let create = |b: Option<&str>| {
        let r = vendor_request("iam:CreateRole", &new_role, t, t);
        b.map_or(r.clone(), |b| r.with("iam:PermissionsBoundary", b))
    };
    assert!(vendor.evaluate(&create(Some(&boundary_arn()))).allowed());
    let other = format!("arn:aws:iam::{ACCOUNT}:policy/Wide");
    assert_eq!(vendor.evaluate(&create(Some(&other))), Decision::ExplicitDeny);
    assert_eq!(vendor.evaluate(&create(None)), Decision::ExplicitDeny);
    let mut guardrail = docs.inline(GUARDRAIL_POLICY_NAME).unwrap().clone();
    let statements = guardrail["Statement"].as_array_mut().unwrap();
    statements.retain(|s| s["Sid"] != GUARDRAIL_SIDS[5]);
    let mut without_statement = docs.vendor_without(GUARDRAIL_POLICY_NAME);
    without_statement.identity.push(guardrail);
    assert!(without_statement.evaluate(&create(Some(&other))).allowed(), "that statement is what denies it");

    for (what, action, resource) in undoing_the_controls(&stack_id) {
        assert!(!vendor.evaluate(&vendor_request(action, &resource, t, t)).allowed(), "the vendor can {what}");
    }
}

#[tokio::test]
async fn the_scp_holds_the_guardrail_even_when_the_roles_own_guardrail_is_gone() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = installed(&sandbox).await;
    let config = config(&engine);
    attach_administrator_access(&engine, &config).await;
    let stack_id = access_stack_id(&config).await;
    let docs = RoleDocs::read(&config).await;
    let full_access =
        json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]});
    let scp = vec![full_access.clone(), guardrail_scp(&scope(false))];

    let mut vendor = docs.vendor_without(GUARDRAIL_POLICY_NAME);
    vendor.scp_levels = vec![scp.clone()];
    let mut customer = customer(&config).await;
    customer.scp_levels = vec![scp];
    let t = now();
    for (what, action, resource) in undoing_the_controls(&stack_id) {
        let d = vendor.evaluate(&vendor_request(action, &resource, t, t));
        assert_eq!(d, Decision::ExplicitDeny, "under the SCP the vendor can {what}");
        let mine = Request::new(action, &resource).with("aws:PrincipalArn", CUSTOMER_ARN);
        assert!(customer.evaluate(&mine).allowed(), "the SCP binds the vendor's role only: {what}");
    }
    assert!(vendor.evaluate(&vendor_request("ec2:RunInstances", "*", t, t)).allowed());
    vendor.scp_levels = vec![vec![full_access]];
    assert!(vendor.evaluate(&vendor_request("iam:DeleteRolePolicy", &role_arn(), t, t)).allowed());
}
