//! The boundary summary Review access shows, checked by evaluation: every action it says the
//! vendor may do is allowed, and every example of what it says may fail is denied, when the
//! offline IAM evaluator (`private_deploy_tests::iam_eval`) runs the role's identity policy
//! (AdministratorAccess) with the boundary document the access stack really creates.
//! Offline: no emulator, since the documents are the app's own.

use engine::invite::{parse_invite, AccessMode};
use engine::templates::review;
use private_deploy_tests::iam_eval::{Decision, Principal, Request};
use serde_json::{json, Value};

const ACCOUNT: &str = "123456789012";

/// AdministratorAccess's document, as AWS publishes it.
fn administrator_access() -> Value {
    json!({ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }] })
}

fn reviewed() -> engine::templates::AccessReview {
    let invite = parse_invite(include_str!("../fixtures/sandbox-invite-unsigned.json")).unwrap();
    let invite = invite.edited(|i| i.access_mode = AccessMode::Full).unwrap();
    review(&invite, true, "private-deploy-access-x", "us-east-1", Some(ACCOUNT), None).unwrap()
}

fn vendor_role(boundary: &str) -> Principal {
    Principal {
        identity: vec![administrator_access()],
        boundary: Some(serde_json::from_str(boundary).unwrap()),
        scp_levels: Vec::new(),
    }
}

#[test]
fn what_the_summary_says_the_vendor_may_do_is_allowed_and_what_may_fail_is_denied() {
    let r = reviewed();
    let role = vendor_role(r.boundary_policy.as_deref().unwrap());
    let summary = r.boundary_summary.unwrap();
    let own_roles = format!("arn:aws:iam::{ACCOUNT}:role{}", r.role_path);
    for service in &summary.services {
        for action in &service.actions {
            // An action the summary limits is tried on a resource inside its limit.
            let limited = service.limits.iter().any(|l| l.starts_with(&format!("{action} only on")));
            let resource = if limited { format!("{own_roles}{}", r.role_name) } else { "*".to_owned() };
            assert_eq!(role.evaluate(&Request::new(action, &resource)), Decision::Allow, "{action} on {resource}");
            if limited {
                let other = format!("arn:aws:iam::{ACCOUNT}:role/other/SomeRole");
                assert_eq!(role.evaluate(&Request::new(action, &other)), Decision::ImplicitDeny, "{action} on {other}");
            }
        }
    }
    assert!(!summary.may_fail.is_empty());
    for fails in &summary.may_fail {
        assert!(!fails.examples.is_empty(), "{fails:?}");
        for action in &fails.examples {
            assert_eq!(role.evaluate(&Request::new(action, "*")), Decision::ImplicitDeny, "{}: {action}", fails.what);
            // Without the boundary, AdministratorAccess alone allows it: the boundary is what denies it.
            let full = Principal { identity: vec![administrator_access()], ..Principal::default() };
            assert_eq!(full.evaluate(&Request::new(action, "*")), Decision::Allow, "{action}");
        }
    }
}
