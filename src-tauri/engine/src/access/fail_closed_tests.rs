//! Fail closed, with aws-smithy-mocks (moto deletes a role whatever it holds and never fails
//! part-way): a small IAM that keeps the role's state, logs every write in order, and fails
//! the Nth write with an AWS-shaped error. For cut-off, delete-role and tighten, each N: which
//! writes ran, that the closing Deny was written before anything that removes a Deny or a
//! permission, and what the journal holds (a partial action, the role as now expected).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use aws_sdk_iam::operation::delete_role::DeleteRoleOutput;
use aws_sdk_iam::operation::delete_role_permissions_boundary::DeleteRolePermissionsBoundaryOutput;
use aws_sdk_iam::operation::delete_role_policy::DeleteRolePolicyOutput;
use aws_sdk_iam::operation::detach_role_policy::DetachRolePolicyOutput;
use aws_sdk_iam::operation::get_role::GetRoleOutput;
use aws_sdk_iam::operation::get_role_policy::GetRolePolicyOutput;
use aws_sdk_iam::operation::list_attached_role_policies::ListAttachedRolePoliciesOutput;
use aws_sdk_iam::operation::list_instance_profiles_for_role::ListInstanceProfilesForRoleOutput;
use aws_sdk_iam::operation::list_role_policies::ListRolePoliciesOutput;
use aws_sdk_iam::operation::put_role_policy::PutRolePolicyOutput;
use aws_sdk_iam::types::{AttachedPermissionsBoundary, AttachedPolicy as IamAttached, Role};
use aws_smithy_mocks::{mock, mock_client, MockResponse, RuleMode};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::DateTime;
use serde_json::{json, Value};

use super::*;
use crate::aws::CallContext;
use crate::failure::ErrorCode;
use crate::journal::{BaselineSource, Journal};
use crate::templates::ACCESS_WINDOW_POLICY_NAME;
use crate::Explain as _;

const ROLE: &str = "PrivateDeployVendorAccess-acme";
const ADMIN: &str = "arn:aws:iam::aws:policy/AdministratorAccess";
const BOUNDARY: &str = "arn:aws:iam::123456789012:policy/private-deploy/PrivateDeployVendorAccess-acmeBoundary";
const GUARDRAIL: &str = "PrivateDeployGuardrail";

/// The role as the fake IAM holds it, and the writes in the order they came.
#[derive(Default)]
struct State {
    inline: BTreeMap<String, Value>,
    attached: Vec<String>,
    boundary: Option<String>,
    exists: bool,
    writes: Vec<String>,
    /// The write (1-based) that fails with `AccessDenied`.
    fail_at: Option<usize>,
    /// The write (1-based) after which someone else puts an inline policy on the role.
    added_after: Option<usize>,
}

type Shared = Arc<Mutex<State>>;

fn iam_error(status: u16, code: &str, message: &str) -> HttpResponse {
    let xml = format!(
        "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>9a1b2c3d-0000-4000-8000-000000000000</RequestId></ErrorResponse>"
    );
    HttpResponse::new(StatusCode::try_from(status).unwrap(), SdkBody::from(xml))
}

fn no_such_entity() -> HttpResponse {
    iam_error(404, "NoSuchEntity", "The role with name PrivateDeployVendorAccess-acme cannot be found.")
}

/// Logs a write; `Err` with AWS's AccessDenied when it is the one that fails.
fn write(state: &Shared, what: String) -> Result<(), Box<HttpResponse>> {
    let mut s = state.lock().unwrap();
    s.writes.push(what.clone());
    if s.added_after.is_some_and(|n| n + 1 == s.writes.len()) {
        s.inline.insert("AddedMeanwhile".into(), json!({"Statement": []}));
    }
    if s.fail_at == Some(s.writes.len()) {
        let action = what.split(' ').next().unwrap_or_default().to_owned();
        return Err(Box::new(iam_error(
            403,
            "AccessDenied",
            &format!("User: arn:aws:iam::123456789012:user/admin is not authorized to perform: iam:{action} on resource: role {ROLE}"),
        )));
    }
    Ok(())
}

fn role_output(s: &State) -> Role {
    let mut role = Role::builder()
        .path("/private-deploy/")
        .role_name(ROLE)
        .role_id("AROAEXAMPLEROLEID0001")
        .arn(format!("arn:aws:iam::123456789012:role/private-deploy/{ROLE}"))
        .create_date(DateTime::from_secs(1_795_000_000))
        .assume_role_policy_document("%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D");
    if let Some(arn) = &s.boundary {
        role = role.permissions_boundary(
            AttachedPermissionsBoundary::builder()
                .permissions_boundary_type("Policy".into())
                .permissions_boundary_arn(arn)
                .build(),
        );
    }
    role.build().unwrap()
}

/// The IAM client over `state`: reads answer from it, writes change it (until the failing one).
fn fake_iam(state: &Shared) -> aws_sdk_iam::Client {
    let s = state.clone();
    let get_role = mock!(aws_sdk_iam::Client::get_role).then_compute_response(move |_| {
        let st = s.lock().unwrap();
        match st.exists {
            true => MockResponse::Output(GetRoleOutput::builder().role(role_output(&st)).build()),
            false => MockResponse::Http(no_such_entity()),
        }
    });
    let s = state.clone();
    let list_inline = mock!(aws_sdk_iam::Client::list_role_policies).then_compute_output(move |_| {
        let names: Vec<String> = s.lock().unwrap().inline.keys().cloned().collect();
        ListRolePoliciesOutput::builder().set_policy_names(Some(names)).is_truncated(false).build().unwrap()
    });
    let s = state.clone();
    let get_inline = mock!(aws_sdk_iam::Client::get_role_policy).then_compute_response(move |r| {
        let st = s.lock().unwrap();
        match st.inline.get(r.policy_name().unwrap_or_default()) {
            Some(doc) => MockResponse::Output(
                GetRolePolicyOutput::builder()
                    .role_name(ROLE)
                    .policy_name(r.policy_name().unwrap_or_default())
                    .policy_document(
                        percent_encoding::utf8_percent_encode(&doc.to_string(), percent_encoding::NON_ALPHANUMERIC)
                            .to_string(),
                    )
                    .build()
                    .unwrap(),
            ),
            None => MockResponse::Http(no_such_entity()),
        }
    });
    let s = state.clone();
    let list_attached = mock!(aws_sdk_iam::Client::list_attached_role_policies).then_compute_output(move |_| {
        let attached = s.lock().unwrap().attached.clone();
        ListAttachedRolePoliciesOutput::builder()
            .set_attached_policies(Some(
                attached
                    .iter()
                    .map(|a| IamAttached::builder().policy_arn(a).policy_name(a.rsplit('/').next().unwrap()).build())
                    .collect(),
            ))
            .is_truncated(false)
            .build()
    });
    let profiles = mock!(aws_sdk_iam::Client::list_instance_profiles_for_role).then_output(|| {
        ListInstanceProfilesForRoleOutput::builder()
            .set_instance_profiles(Some(vec![]))
            .is_truncated(false)
            .build()
            .unwrap()
    });
    let s = state.clone();
    let put = mock!(aws_sdk_iam::Client::put_role_policy).then_compute_response(move |r| {
        let name = r.policy_name().unwrap_or_default().to_owned();
        if let Err(e) = write(&s, format!("PutRolePolicy {name}")) {
            return MockResponse::Http(*e);
        }
        let doc: Value = serde_json::from_str(r.policy_document().unwrap_or_default()).unwrap();
        s.lock().unwrap().inline.insert(name, doc);
        MockResponse::Output(PutRolePolicyOutput::builder().build())
    });
    let s = state.clone();
    let delete_inline = mock!(aws_sdk_iam::Client::delete_role_policy).then_compute_response(move |r| {
        let name = r.policy_name().unwrap_or_default().to_owned();
        if let Err(e) = write(&s, format!("DeleteRolePolicy {name}")) {
            return MockResponse::Http(*e);
        }
        s.lock().unwrap().inline.remove(&name);
        MockResponse::Output(DeleteRolePolicyOutput::builder().build())
    });
    let s = state.clone();
    let detach = mock!(aws_sdk_iam::Client::detach_role_policy).then_compute_response(move |r| {
        let arn = r.policy_arn().unwrap_or_default().to_owned();
        if let Err(e) = write(&s, format!("DetachRolePolicy {arn}")) {
            return MockResponse::Http(*e);
        }
        s.lock().unwrap().attached.retain(|a| *a != arn);
        MockResponse::Output(DetachRolePolicyOutput::builder().build())
    });
    let s = state.clone();
    let delete_boundary =
        mock!(aws_sdk_iam::Client::delete_role_permissions_boundary).then_compute_response(move |_| {
            if let Err(e) = write(&s, "DeleteRolePermissionsBoundary".to_owned()) {
                return MockResponse::Http(*e);
            }
            s.lock().unwrap().boundary = None;
            MockResponse::Output(DeleteRolePermissionsBoundaryOutput::builder().build())
        });
    let s = state.clone();
    let delete_role = mock!(aws_sdk_iam::Client::delete_role).then_compute_response(move |_| {
        if let Err(e) = write(&s, "DeleteRole".to_owned()) {
            return MockResponse::Http(*e);
        }
        let mut st = s.lock().unwrap();
        // As IAM does: DeleteConflict while the role still has policies or a boundary.
        if !st.inline.is_empty() || !st.attached.is_empty() {
            return MockResponse::Http(iam_error(
                409,
                "DeleteConflict",
                "Cannot delete entity, must delete policies first.",
            ));
        }
        st.exists = false;
        MockResponse::Output(DeleteRoleOutput::builder().build())
    });
    mock_client!(
        aws_sdk_iam,
        RuleMode::MatchAny,
        [
            &get_role,
            &list_inline,
            &get_inline,
            &list_attached,
            &profiles,
            &put,
            &delete_inline,
            &detach,
            &delete_boundary,
            &delete_role
        ]
    )
}

fn target() -> Target {
    Target {
        installation_id: "acme".into(),
        account: "123456789012".into(),
        caller_arn: "arn:aws:iam::123456789012:user/admin".into(),
        role_name: ROLE.into(),
    }
}

/// A role as installed with a boundary, the revocation, the guardrail and the scoped policy,
/// with the journal's expected state recorded from it.
fn installed(fail_at: Option<usize>) -> (Shared, Journal) {
    let state = Arc::new(Mutex::new(State {
        inline: BTreeMap::from([
            (ACCESS_WINDOW_POLICY_NAME.to_owned(), crate::templates::access_window_always_open_policy()),
            (REVOKE_POLICY_NAME.to_owned(), revoke_policy(jiff::Timestamp::from_second(1_795_000_000).unwrap())),
            (
                GUARDRAIL.to_owned(),
                json!({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "iam:*", "Resource": "*"}]}),
            ),
        ]),
        attached: vec![ADMIN.to_owned()],
        boundary: Some(BOUNDARY.to_owned()),
        exists: true,
        writes: vec![],
        fail_at: None,
        added_after: None,
    }));
    let journal = Journal::open_in_memory().unwrap();
    let view = RoleView {
        name: ROLE.into(),
        arn: format!("arn:aws:iam::123456789012:role/private-deploy/{ROLE}"),
        role_id: "AROAEXAMPLEROLEID0001".into(),
        path: "/private-deploy/".into(),
        created_at: "2026-11-18T07:33:20Z".parse().unwrap(),
        trust_policy: json!({"Version": "2012-10-17", "Statement": []}).to_string(),
        trusted_principals: vec![],
        external_id: None,
        inline_policies: state
            .lock()
            .unwrap()
            .inline
            .iter()
            .map(|(n, d)| InlinePolicy { name: n.clone(), document: d.to_string() })
            .collect(),
        attached_policies: vec![AttachedPolicy { name: "AdministratorAccess".into(), arn: ADMIN.into() }],
        boundary_arn: Some(BOUNDARY.into()),
        last_used_at: None,
    };
    let boundary = Some(ExpectedBoundary { arn: BOUNDARY.into(), version_id: Some("v1".into()), document: None });
    let expected = ExpectedRole::from_live(&LiveRole { view, boundary }, Some(BOUNDARY.into()));
    journal
        .record_access_baseline("123456789012", "acme", &expected, BaselineSource::Install, jiff::Timestamp::now())
        .unwrap();
    state.lock().unwrap().fail_at = fail_at;
    (state, journal)
}

fn writes(state: &Shared) -> Vec<String> {
    state.lock().unwrap().writes.clone()
}

fn expected(journal: &Journal) -> ExpectedRole {
    journal.access_baseline("123456789012", "acme").unwrap().unwrap().expected
}

fn actions(journal: &Journal) -> Vec<AccessActionRecord> {
    journal.access_actions("123456789012", "acme", &[], 100).unwrap()
}

#[tokio::test]
async fn mock_cut_off_closes_the_window_before_revoking_and_a_failed_revocation_is_journaled_as_partial() {
    let now = jiff::Timestamp::from_second(1_796_000_000).unwrap();
    // Write 1 (the window) fails: nothing was done, nothing is journaled.
    let (state, journal) = installed(Some(1));
    let t = target();
    let iam = fake_iam(&state);
    let actor = Actor { iam: &iam, journal: &journal, ctx: &CallContext::default(), target: &t };
    let err = cut_off(&actor, now).await.unwrap_err().failure();
    assert_eq!(err.code, ErrorCode::AccessDenied);
    assert_eq!(writes(&state), vec![format!("PutRolePolicy {ACCESS_WINDOW_POLICY_NAME}")]);
    assert!(actions(&journal).is_empty());

    // Write 2 (the revocation) fails: the window is closed already, and the journal says so.
    let (state, journal) = installed(Some(2));
    let iam = fake_iam(&state);
    let actor = Actor { iam: &iam, journal: &journal, ctx: &CallContext::default(), target: &t };
    let err = cut_off(&actor, now).await.unwrap_err().failure();
    assert_eq!(
        writes(&state),
        vec![format!("PutRolePolicy {ACCESS_WINDOW_POLICY_NAME}"), format!("PutRolePolicy {REVOKE_POLICY_NAME}")]
    );
    assert_eq!(state.lock().unwrap().inline[ACCESS_WINDOW_POLICY_NAME], closed_policy());
    assert_eq!(err.code, ErrorCode::AccessDenied, "the cause's code");
    assert!(err.message.contains("Done: closed the access window"), "{}", err.message);
    assert!(err.message.contains("Not done: revoke the sessions"), "{}", err.message);
    assert!(err.message.contains("iam:PutRolePolicy"), "{}", err.message);
    assert!(err.hint.unwrap().contains("no more access than before"));
    let recorded = actions(&journal);
    assert_eq!(recorded.len(), 1);
    assert!(recorded[0].partial && recorded[0].action == AccessActionKind::CutOff);
    let detail: Value = serde_json::from_str(&recorded[0].detail).unwrap();
    assert_eq!(detail["left"].as_array().unwrap().len(), 1);
    let now_expected = expected(&journal);
    assert_eq!(now_expected.inline_policies[ACCESS_WINDOW_POLICY_NAME], normalize(&closed_policy()));
    assert_ne!(now_expected.inline_policies[REVOKE_POLICY_NAME], normalize(&revoke_policy(now)), "not revoked yet");

    // No failure: both, window first, recorded once as done.
    let (state, journal) = installed(None);
    let iam = fake_iam(&state);
    let actor = Actor { iam: &iam, journal: &journal, ctx: &CallContext::default(), target: &t };
    let record = cut_off(&actor, now).await.unwrap();
    assert!(!record.partial);
    assert_eq!(writes(&state)[0], format!("PutRolePolicy {ACCESS_WINDOW_POLICY_NAME}"));
    assert_eq!(expected(&journal).inline_policies[REVOKE_POLICY_NAME], normalize(&revoke_policy(now)));
}

/// The writes of a whole delete, in order.
fn delete_order() -> Vec<String> {
    vec![
        format!("PutRolePolicy {ACCESS_WINDOW_POLICY_NAME}"),
        format!("DetachRolePolicy {ADMIN}"),
        "DeleteRolePermissionsBoundary".to_owned(),
        format!("DeleteRolePolicy {REVOKE_POLICY_NAME}"),
        format!("DeleteRolePolicy {GUARDRAIL}"),
        format!("DeleteRolePolicy {ACCESS_WINDOW_POLICY_NAME}"),
        "DeleteRole".to_owned(),
    ]
}

#[tokio::test]
async fn mock_delete_role_denies_everything_first_removes_the_closing_deny_last_and_journals_each_stop() {
    let t = target();
    // The whole delete: this order, verified, recorded as done, nothing expected any more.
    let (state, journal) = installed(None);
    let iam = fake_iam(&state);
    let actor = Actor { iam: &iam, journal: &journal, ctx: &CallContext::default(), target: &t };
    let record = delete_role(&actor).await.unwrap();
    assert_eq!(writes(&state), delete_order());
    assert!(!record.partial);
    assert!(expected(&journal).deleted);

    let all = delete_order();
    for n in 1..=all.len() {
        let (state, journal) = installed(Some(n));
        let iam = fake_iam(&state);
        let actor = Actor { iam: &iam, journal: &journal, ctx: &CallContext::default(), target: &t };
        let err = delete_role(&actor).await.unwrap_err().failure();
        let mut ran = all[..n].to_vec();
        if n == all.len() {
            // DeleteRole refused: the closing Deny is written back.
            ran.push(format!("PutRolePolicy {ACCESS_WINDOW_POLICY_NAME}"));
        }
        assert_eq!(writes(&state), ran, "write {n} fails: nothing after it runs");
        assert_eq!(err.code, ErrorCode::AccessDenied, "write {n}: {}", err.message);
        {
            let st = state.lock().unwrap();
            assert!(st.exists, "the role is still there");
            if n == 1 {
                // The closing Deny was not written: nothing else was touched, nothing journaled.
                assert_eq!(st.inline.len(), 3);
            } else {
                // From the second write on, the window denies everything, unless the role has
                // no permission left at all (only the last two writes come after that).
                let denies_all = st.inline.get(ACCESS_WINDOW_POLICY_NAME) == Some(&closed_policy());
                let nothing_left = st.inline.is_empty() && st.attached.is_empty();
                assert!(denies_all || nothing_left, "write {n}: {:?} / {:?}", st.inline.keys(), st.attached);
                // While anything still grants, the customer's Denies are all still there.
                if !st.attached.is_empty() {
                    for control in [GUARDRAIL, REVOKE_POLICY_NAME] {
                        assert!(st.inline.contains_key(control), "write {n}: {control} gone before the Allows");
                    }
                }
            }
        }
        if n == 1 {
            assert!(actions(&journal).is_empty());
            continue;
        }
        let recorded = actions(&journal);
        assert_eq!(recorded.len(), 1, "write {n}");
        assert!(recorded[0].partial && recorded[0].action == AccessActionKind::DeleteRole);
        let detail: Value = serde_json::from_str(&recorded[0].detail).unwrap();
        let closed_again = usize::from(n == all.len());
        assert_eq!(detail["done"].as_array().unwrap().len(), n - 1 + closed_again, "write {n}");
        assert_eq!(detail["left"].as_array().unwrap().len(), all.len() - n + 1, "write {n}");
        assert!(err.message.contains("Done: closed the access window"), "{}", err.message);
        // What the journal now expects is what IAM has: no drift from the app's own steps.
        let view = crate::access::iam::role_view(&iam, ROLE, &CallContext::default()).await.unwrap().unwrap();
        let boundary = view.boundary_arn.clone().map(|arn| ExpectedBoundary {
            arn,
            version_id: Some("v1".into()),
            document: None,
        });
        let drift = compare(&expected(&journal), Some(&LiveRole { view, boundary }));
        assert_eq!(drift, vec![], "write {n}");
    }
}

#[tokio::test]
async fn mock_a_policy_added_during_delete_role_makes_iam_answer_delete_conflict_and_the_window_is_closed_again() {
    // Someone puts a policy on the role after the app removed the closing Deny: IAM refuses
    // DeleteRole with DeleteConflict. The app writes the closed window back.
    let (state, journal) = installed(None);
    state.lock().unwrap().added_after = Some(6);
    let t = target();
    let iam = fake_iam(&state);
    let actor = Actor { iam: &iam, journal: &journal, ctx: &CallContext::default(), target: &t };
    let err = delete_role(&actor).await.unwrap_err().failure();
    let mut order = delete_order();
    order.push(format!("PutRolePolicy {ACCESS_WINDOW_POLICY_NAME}"));
    assert_eq!(writes(&state), order);
    assert!(err.message.contains("DeleteConflict") || err.message.contains("must delete policies"), "{}", err.message);
    assert!(err.message.contains("closed the access window again"), "{}", err.message);
    {
        let st = state.lock().unwrap();
        assert!(st.exists);
        assert_eq!(st.inline.get(ACCESS_WINDOW_POLICY_NAME), Some(&closed_policy()));
    }
    let recorded = actions(&journal);
    assert!(recorded[0].partial && recorded[0].action == AccessActionKind::DeleteRole);
    assert_eq!(expected(&journal).inline_policies[ACCESS_WINDOW_POLICY_NAME], normalize(&closed_policy()));
}

#[tokio::test]
async fn mock_tighten_puts_the_scoped_policy_before_detaching_and_a_failed_detach_is_partial() {
    let t = target();
    let preview = TightenPreview {
        role_name: ROLE.into(),
        policy_name: SCOPED_POLICY_NAME.into(),
        policy: json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": ["arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-1"]}]}).to_string(),
        current: String::new(),
        proposed: String::new(),
        diff: vec![],
        resources: vec![],
        detaches: vec![ADMIN.into()],
    };
    // The scoped policy fails: AdministratorAccess stays, nothing journaled.
    let (state, journal) = installed(Some(1));
    let iam = fake_iam(&state);
    let actor = Actor { iam: &iam, journal: &journal, ctx: &CallContext::default(), target: &t };
    apply_tighten(&actor, &preview).await.unwrap_err();
    assert_eq!(writes(&state), vec![format!("PutRolePolicy {SCOPED_POLICY_NAME}")]);
    assert_eq!(state.lock().unwrap().attached, vec![ADMIN.to_owned()]);
    assert!(actions(&journal).is_empty());
    // The detach fails: the role has both (no more than before), journaled as partial.
    let (state, journal) = installed(Some(2));
    let iam = fake_iam(&state);
    let actor = Actor { iam: &iam, journal: &journal, ctx: &CallContext::default(), target: &t };
    let err = apply_tighten(&actor, &preview).await.unwrap_err().failure();
    assert_eq!(
        writes(&state),
        vec![format!("PutRolePolicy {SCOPED_POLICY_NAME}"), format!("DetachRolePolicy {ADMIN}")]
    );
    assert!(err.message.contains(&format!("Not done: detach {ADMIN}")), "{}", err.message);
    let recorded = actions(&journal);
    assert!(recorded[0].partial && recorded[0].action == AccessActionKind::Tighten);
    let e = expected(&journal);
    assert!(e.inline_policies.contains_key(SCOPED_POLICY_NAME));
    assert_eq!(e.attached_policies, vec![ADMIN.to_owned()]);
}
