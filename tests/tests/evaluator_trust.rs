//! Proof by evaluation: who can assume the vendor's role, evaluated with the offline IAM
//! evaluator (`private_deploy_tests::iam_eval`) on the trust policy Review access shows for an
//! invite (the engine's one rule, `templates::Trust`), for a version 1 invite (the vendor's
//! account, the External ID), one naming the vendor's role, and one requiring a source
//! identity; and on the document moto stores after a real install of such an invite.
//!
//! Each control is shown to hold AND to depend on the statement or condition that enforces it:
//! with that part taken out, the same call is allowed.

use engine::invite::Invite;
use engine::templates::review;
use private_deploy_tests::iam_eval::{assume_role, assume_role_requests, Decision, Principal};
use private_deploy_tests::installed::{config, iam, installed_invite, ACCOUNT, ROLE_NAME};
use private_deploy_tests::invites::sandbox_invite_v2;
use private_deploy_tests::stacks::{url_decode, ACCESS_STACK};
use private_deploy_tests::{exclusive, Sandbox};
use serde_json::{json, Value};

/// The sandbox vendor's account (the one its invite names) and the External ID it chose.
const VENDOR_ACCOUNT: &str = "210987654321";
const EXTERNAL_ID: &str = "pd-sandbox-demo-0001";
/// The vendor's role its invite names, another role of the same account, and the same role
/// name in another account.
const VENDOR_ROLE: &str = "arn:aws:iam::210987654321:role/ops/Support";
const OTHER_ROLE: &str = "arn:aws:iam::210987654321:role/ops/Intern";
const ELSEWHERE: &str = "arn:aws:iam::444455556666:role/ops/Support";

fn customer_role() -> String {
    format!("arn:aws:iam::{ACCOUNT}:role/private-deploy/{ROLE_NAME}")
}

/// The vendor's own account lets its people assume any role: only the trust policy decides.
fn vendor_side() -> Principal {
    let admin = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]});
    Principal { identity: vec![admin], ..Principal::default() }
}

/// One AssumeRole call of the customer's role: allowed only when every action it is
/// authorized as is (`sts:AssumeRole`, and `sts:SetSourceIdentity` with a source identity).
fn assume(trust: &Value, caller: &str, external_id: Option<&str>, source_identity: Option<&str>) -> Decision {
    let decisions: Vec<Decision> = assume_role_requests(&customer_role(), caller, external_id, source_identity)
        .iter()
        .map(|r| assume_role(trust, &vendor_side(), r))
        .collect();
    if decisions.contains(&Decision::ExplicitDeny) {
        Decision::ExplicitDeny
    } else if decisions.iter().all(|d| d.allowed()) {
        Decision::Allow
    } else {
        Decision::ImplicitDeny
    }
}

/// `sts:SetSourceIdentity` alone, as STS authorizes it for a call that passes a source identity.
fn set_source_identity(trust: &Value, caller: &str) -> Decision {
    let requests = assume_role_requests(&customer_role(), caller, Some(EXTERNAL_ID), Some("alice"));
    let request = requests.iter().find(|r| r.action == "sts:SetSourceIdentity").expect("with a source identity");
    assume_role(trust, &vendor_side(), request)
}

/// The trust policy Review access shows for `invite`, as a document.
fn reviewed_trust(invite: &Invite) -> Value {
    let review = review(invite, false, ACCESS_STACK, "us-east-1", Some(ACCOUNT), None).expect("review");
    serde_json::from_str(&review.trust_policy).expect("trust policy JSON")
}

fn v1_invite() -> Invite {
    let text = std::fs::read_to_string(private_deploy_tests::stacks::fixture("sandbox-invite.json")).unwrap();
    engine::invite::parse_invite(&text).unwrap()
}

fn vendor_role_invite() -> Invite {
    sandbox_invite_v2(|f| f["vendor_role_arn"] = VENDOR_ROLE.into())
}

fn source_identity_invite() -> Invite {
    sandbox_invite_v2(|f| {
        f["vendor_role_arn"] = VENDOR_ROLE.into();
        f["require_source_identity"] = true.into();
        f["customer_account_id"] = ACCOUNT.into();
    })
}

/// `trust` with its one statement changed by `edit`.
fn changed(trust: &Value, edit: impl FnOnce(&mut Value)) -> Value {
    let mut copy = trust.clone();
    let statements = copy["Statement"].as_array_mut().expect("a list of statements");
    assert_eq!(statements.len(), 1, "the trust policy is one statement: {trust}");
    edit(&mut statements[0]);
    copy
}

/// (d) The External ID: a wrong or missing one is denied to the very principal trusted, and
/// the `StringEquals` on `sts:ExternalId` is what denies it.
fn assert_the_external_id_is_required(trust: &Value, trusted: &str, source_identity: Option<&str>) {
    assert!(assume(trust, trusted, Some(EXTERNAL_ID), source_identity).allowed(), "{trust}");
    for wrong in [Some("pd-sandbox-demo-0002"), Some("PD-SANDBOX-DEMO-0001"), Some(""), None] {
        assert_eq!(assume(trust, trusted, wrong, source_identity), Decision::ImplicitDeny, "External ID {wrong:?}");
    }
    let without = changed(trust, |s| {
        s["Condition"].as_object_mut().unwrap().remove("StringEquals").expect("the External ID condition");
    });
    for wrong in [Some("pd-sandbox-demo-0002"), None] {
        assert!(assume(&without, trusted, wrong, source_identity).allowed(), "without the condition: {wrong:?}");
    }
}

#[test]
fn v1_the_vendors_account_with_the_external_id_and_nobody_else() {
    let trust = reviewed_trust(&v1_invite());
    assert_eq!(trust["Statement"][0]["Principal"]["AWS"], format!("arn:aws:iam::{VENDOR_ACCOUNT}:root"));
    // The account principal: any of the vendor's roles (its own policies decide which).
    for caller in [VENDOR_ROLE, OTHER_ROLE, "arn:aws:iam::210987654321:user/ops"] {
        assert!(assume(&trust, caller, Some(EXTERNAL_ID), None).allowed(), "{caller}");
    }
    // Another account, even with the right External ID, is not named.
    assert_eq!(assume(&trust, ELSEWHERE, Some(EXTERNAL_ID), None), Decision::ImplicitDeny);
    let anyone = changed(&trust, |s| s["Principal"] = json!({"AWS": "*"}));
    assert!(assume(&anyone, ELSEWHERE, Some(EXTERNAL_ID), None).allowed(), "the Principal is what keeps it out");
    // The vendor's account must allow it too: the trust policy delegates, it does not grant.
    let request = &assume_role_requests(&customer_role(), VENDOR_ROLE, Some(EXTERNAL_ID), None)[0];
    assert_eq!(assume_role(&trust, &Principal::default(), request), Decision::ImplicitDeny);
    // A version 1 trust does not let the vendor set a source identity.
    assert_eq!(set_source_identity(&trust, VENDOR_ROLE), Decision::ImplicitDeny);
    assert_eq!(assume(&trust, VENDOR_ROLE, Some(EXTERNAL_ID), Some("alice")), Decision::ImplicitDeny);
    assert_the_external_id_is_required(&trust, VENDOR_ROLE, None);
}

#[test]
fn with_a_vendor_role_only_that_role_may_assume() {
    let trust = reviewed_trust(&vendor_role_invite());
    assert_eq!(trust["Statement"][0]["Principal"]["AWS"], VENDOR_ROLE);
    assert!(assume(&trust, VENDOR_ROLE, Some(EXTERNAL_ID), None).allowed());
    for caller in [OTHER_ROLE, ELSEWHERE, "arn:aws:iam::210987654321:root", "arn:aws:iam::210987654321:user/ops"] {
        assert_eq!(assume(&trust, caller, Some(EXTERNAL_ID), None), Decision::ImplicitDeny, "{caller}");
    }
    // The same invite without the role trusts the account: the role ARN is what keeps the
    // vendor's other roles out.
    let account_wide = reviewed_trust(&sandbox_invite_v2(|_| {}));
    assert!(assume(&account_wide, OTHER_ROLE, Some(EXTERNAL_ID), None).allowed());
    let root = changed(&trust, |s| s["Principal"]["AWS"] = format!("arn:aws:iam::{VENDOR_ACCOUNT}:root").into());
    assert_eq!(root, account_wide, "the one difference is the principal");
    assert_the_external_id_is_required(&trust, VENDOR_ROLE, None);
}

/// The checks of a trust policy that names [`VENDOR_ROLE`] and requires a source identity.
fn assert_a_source_identity_is_required(trust: &Value) {
    // (c) Without a source identity: denied; with one: allowed.
    assert_eq!(assume(trust, VENDOR_ROLE, Some(EXTERNAL_ID), None), Decision::ImplicitDeny);
    assert!(assume(trust, VENDOR_ROLE, Some(EXTERNAL_ID), Some("alice@vendor.example")).allowed());
    // SetSourceIdentity only to the trusted principal.
    assert!(set_source_identity(trust, VENDOR_ROLE).allowed());
    for caller in [OTHER_ROLE, ELSEWHERE] {
        assert_eq!(set_source_identity(trust, caller), Decision::ImplicitDeny, "{caller}");
        assert_eq!(assume(trust, caller, Some(EXTERNAL_ID), Some("alice")), Decision::ImplicitDeny, "{caller}");
    }
    // The Null condition is what requires it…
    let no_null = changed(trust, |s| {
        s["Condition"].as_object_mut().unwrap().remove("Null").expect("the Null condition");
    });
    assert!(assume(&no_null, VENDOR_ROLE, Some(EXTERNAL_ID), None).allowed(), "without Null");
    // …and the sts:SetSourceIdentity action is what lets one be set.
    let no_set = changed(trust, |s| s["Action"] = json!("sts:AssumeRole"));
    assert_eq!(assume(&no_set, VENDOR_ROLE, Some(EXTERNAL_ID), Some("alice")), Decision::ImplicitDeny);
    assert_eq!(set_source_identity(&no_set, VENDOR_ROLE), Decision::ImplicitDeny);
    // With the source identity, the External ID is still required.
    assert_the_external_id_is_required(trust, VENDOR_ROLE, Some("alice"));
}

#[test]
fn with_a_source_identity_required_the_vendor_must_name_its_engineer() {
    let trust = reviewed_trust(&source_identity_invite());
    assert_eq!(trust["Statement"][0]["Condition"]["Null"], json!({"sts:SourceIdentity": "false"}));
    assert_a_source_identity_is_required(&trust);
}

/// The document IAM holds after a real install is the one Review access showed, and it
/// evaluates the same way.
#[tokio::test]
async fn the_trust_policy_moto_stores_after_an_install_is_the_reviewed_one() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let invite = source_identity_invite();
    let engine = installed_invite(&sandbox, &serde_json::to_string(&invite).unwrap(), false).await;
    let role = iam(&config(&engine)).get_role().role_name(ROLE_NAME).send().await.unwrap();
    let stored: Value =
        serde_json::from_str(&url_decode(role.role().unwrap().assume_role_policy_document().unwrap())).unwrap();
    assert_eq!(stored, reviewed_trust(&invite));
    assert_a_source_identity_is_required(&stored);
}
