//! "Changed outside Private Deploy", against moto after a real install: the journal holds the
//! role as installed; the role is then changed behind the app's back with the IAM SDK (an
//! inline policy added, a managed policy attached, the trust policy and the window rewritten,
//! the guardrail deleted, the boundary given a new default version) and each change is
//! reported; an action that grants access is refused until the changes are accepted, and one
//! that reduces access goes on and reports them. Also: an installation journaled before the
//! journal kept the role finds it once from the access stack and records it.

use engine::access::{AccessActionKind, AccessWindow, DriftKind, RoleState};
use engine::templates::{ACCESS_WINDOW_POLICY_NAME, GUARDRAIL_POLICY_NAME};
use engine::Explain as _;
use engine::{Engine, ErrorCode};
use private_deploy_tests::installed::{config, iam, inline_policy, installed, ACCOUNT, ROLE_NAME};
use private_deploy_tests::{exclusive, Sandbox};
use serde_json::json;

const INSTALLATION: &str = "sandbox-demo";

fn kinds(drift: &[engine::access::Drift]) -> Vec<DriftKind> {
    let mut kinds: Vec<DriftKind> = drift.iter().map(|d| d.kind).collect();
    kinds.sort();
    kinds.dedup();
    kinds
}

fn actions(engine: &Engine) -> Vec<AccessActionKind> {
    engine.journal().access_actions(ACCOUNT, INSTALLATION, &[], 100).unwrap().into_iter().map(|a| a.action).collect()
}

fn guardrail() -> serde_json::Value {
    json!({"Version": "2012-10-17", "Statement": [{"Sid": "NoSelfChange", "Effect": "Deny",
        "Action": ["iam:PutRolePolicy", "iam:DeleteRolePolicy"], "Resource": "*"}]})
}

#[tokio::test]
async fn changes_behind_the_apps_back_are_reported_grants_wait_for_acceptance_and_reductions_go_on() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = installed(&sandbox).await;
    let config = config(&engine);
    let iam = iam(&config);

    // The install recorded the role as IAM had it: nothing differs.
    let baseline = engine.journal().access_baseline(ACCOUNT, INSTALLATION).unwrap().expect("recorded at install");
    assert_eq!(baseline.source, "install");
    assert_eq!(baseline.expected.role_name, ROLE_NAME);
    assert!(baseline.expected.inline_policies.contains_key(ACCESS_WINDOW_POLICY_NAME));
    assert_eq!(engine.access_status(None).await.unwrap().drift, vec![]);

    // A guardrail the app knows of (the install's, or one accepted), and a boundary the app attached.
    let doc = guardrail().to_string();
    iam.put_role_policy()
        .role_name(ROLE_NAME)
        .policy_name(GUARDRAIL_POLICY_NAME)
        .policy_document(&doc)
        .send()
        .await
        .unwrap();
    let seen = engine.access_status(None).await.unwrap().drift;
    assert_eq!(kinds(&seen), vec![DriftKind::Guardrail], "{seen:?}");
    engine.accept_drift(None, Some(&seen)).await.unwrap().expect("accepted");
    engine.attach_boundary(None, ACCOUNT).await.unwrap();
    assert_eq!(engine.access_status(None).await.unwrap().drift, vec![]);
    let boundary_arn = format!("arn:aws:iam::{ACCOUNT}:policy/private-deploy/{ROLE_NAME}Boundary");

    // Behind the app's back.
    let allow_all =
        json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]});
    iam.put_role_policy()
        .role_name(ROLE_NAME)
        .policy_name("VendorExtra")
        .policy_document(allow_all.to_string())
        .send()
        .await
        .unwrap();
    iam.attach_role_policy()
        .role_name(ROLE_NAME)
        .policy_arn("arn:aws:iam::aws:policy/ReadOnlyAccess")
        .send()
        .await
        .unwrap();
    let trust = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::999999999999:root"}, "Action": "sts:AssumeRole"}]});
    iam.update_assume_role_policy().role_name(ROLE_NAME).policy_document(trust.to_string()).send().await.unwrap();
    let no_deny = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*",
        "Condition": {"DateLessThan": {"aws:CurrentTime": "1971-01-01T00:00:00Z"}}}]});
    iam.put_role_policy()
        .role_name(ROLE_NAME)
        .policy_name(ACCESS_WINDOW_POLICY_NAME)
        .policy_document(no_deny.to_string())
        .send()
        .await
        .unwrap();
    iam.delete_role_policy().role_name(ROLE_NAME).policy_name(GUARDRAIL_POLICY_NAME).send().await.unwrap();
    let wider = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]});
    iam.create_policy_version()
        .policy_arn(&boundary_arn)
        .policy_document(wider.to_string())
        .set_as_default(true)
        .send()
        .await
        .unwrap();

    // Each change is reported, with what was expected and what is there.
    let status = engine.access_status(None).await.unwrap();
    assert_eq!(
        kinds(&status.drift),
        vec![
            DriftKind::TrustPolicy,
            DriftKind::AccessWindow,
            DriftKind::Guardrail,
            DriftKind::InlinePolicy,
            DriftKind::AttachedPolicy,
            DriftKind::BoundaryVersion,
        ],
        "{:#?}",
        status.drift
    );
    let trust_drift = status.drift.iter().find(|d| d.kind == DriftKind::TrustPolicy).unwrap();
    assert!(trust_drift.found.contains("999999999999") && trust_drift.expected.contains("210987654321"));
    let guardrail_drift = status.drift.iter().find(|d| d.kind == DriftKind::Guardrail).unwrap();
    assert_eq!(guardrail_drift.found, "deleted");
    let extra = status.drift.iter().find(|d| d.kind == DriftKind::InlinePolicy).unwrap();
    assert_eq!(extra.subject, "VendorExtra");

    // Granting access is refused, listing the changes; nothing is written or journaled.
    let before = actions(&engine);
    for refused in [
        engine.open_window(None, 2, ACCOUNT).await,
        engine.always_open(None, ACCOUNT).await,
        engine.remove_boundary(None, ACCOUNT).await,
    ] {
        let f = refused.unwrap_err().failure();
        assert_eq!(f.code, ErrorCode::ChangedOutside, "{f:?}");
        assert!(
            f.message.contains("changed outside Private Deploy") && f.message.contains("VendorExtra"),
            "{}",
            f.message
        );
        assert!(f.hint.unwrap().contains("--accept-drift"));
    }
    assert_eq!(inline_policy(&config, ROLE_NAME, ACCESS_WINDOW_POLICY_NAME).await.unwrap(), no_deny);
    assert_eq!(actions(&engine), before);

    // Reducing access goes on, and says what it found.
    let record = engine.close_window(None, ACCOUNT).await.unwrap();
    assert_eq!(kinds(&record.drift), kinds(&status.drift));
    assert_eq!(engine.access_status(None).await.unwrap().window, AccessWindow::Closed);
    let after_close = engine.access_status(None).await.unwrap().drift;
    assert!(
        !kinds(&after_close).contains(&DriftKind::AccessWindow),
        "the app's own write is expected: {after_close:?}"
    );

    // Accepting what was shown before the close is refused: the role changed since.
    let f = engine.accept_drift(None, Some(&status.drift)).await.unwrap_err().failure();
    assert_eq!(f.code, ErrorCode::ChangedOutside);
    // Accepting what is there now records it; the window opens again.
    let accepted = engine.accept_drift(None, Some(&after_close)).await.unwrap().expect("something to accept");
    assert_eq!(accepted.action, AccessActionKind::AcceptDrift);
    assert_eq!(engine.access_status(None).await.unwrap().drift, vec![]);
    engine.open_window(None, 1, ACCOUNT).await.unwrap();
    assert!(matches!(engine.access_status(None).await.unwrap().window, AccessWindow::Window { open_now: true, .. }));
    assert_eq!(
        &actions(&engine)[..3],
        &[AccessActionKind::OpenWindow, AccessActionKind::AcceptDrift, AccessActionKind::CloseWindow]
    );

    // The role deleted, then created again under the same name: not the role installed.
    for name in ["VendorExtra", ACCESS_WINDOW_POLICY_NAME] {
        iam.delete_role_policy().role_name(ROLE_NAME).policy_name(name).send().await.unwrap();
    }
    for arn in ["arn:aws:iam::aws:policy/ReadOnlyAccess"] {
        iam.detach_role_policy().role_name(ROLE_NAME).policy_arn(arn).send().await.unwrap();
    }
    iam.delete_role_permissions_boundary().role_name(ROLE_NAME).send().await.unwrap();
    iam.delete_role().role_name(ROLE_NAME).send().await.unwrap();
    let status = engine.access_status(None).await.unwrap();
    assert_eq!(status.role, RoleState::Gone { name: ROLE_NAME.to_owned() });
    assert_eq!(kinds(&status.drift), vec![DriftKind::RoleGone]);
    iam.create_role()
        .role_name(ROLE_NAME)
        .path("/private-deploy/")
        .assume_role_policy_document(trust.to_string())
        .send()
        .await
        .unwrap();
    let status = engine.access_status(None).await.unwrap();
    assert!(kinds(&status.drift).contains(&DriftKind::RoleRecreated), "{:?}", status.drift);
    assert_eq!(engine.open_window(None, 1, ACCOUNT).await.unwrap_err().failure().code, ErrorCode::ChangedOutside);
    // Cutting off still works on whatever role has the name.
    let record = engine.cut_off(None, ACCOUNT).await.unwrap();
    assert!(kinds(&record.drift).contains(&DriftKind::RoleRecreated));
}

#[tokio::test]
async fn an_installation_journaled_before_the_role_was_finds_it_once_from_the_access_stack() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = installed(&sandbox).await;
    let path = engine.journal().path().to_owned();
    // As a journal of the version before: no record of the role, and the installation marked
    // as journaled before records were kept.
    let db = rusqlite::Connection::open(&path).unwrap();
    db.execute("DELETE FROM access_baseline", []).unwrap();
    drop(db);
    // Not marked: the role is not looked up from the stack (whose outputs the vendor could rewrite).
    let f = engine.close_window(None, ACCOUNT).await.unwrap_err().failure();
    assert_eq!(f.code, ErrorCode::NotFound);
    assert!(f.hint.unwrap().contains("install again"), "re-attaching records it");
    let db = rusqlite::Connection::open(&path).unwrap();
    db.execute("INSERT INTO installation_before_baseline (installation) SELECT id FROM installation", []).unwrap();
    drop(db);
    let status = engine.access_status(None).await.unwrap();
    assert_eq!(status.drift, vec![]);
    let RoleState::Present { role } = &status.role else { panic!("{:?}", status.role) };
    assert_eq!(role.name, ROLE_NAME);
    let baseline = engine.journal().access_baseline(ACCOUNT, INSTALLATION).unwrap().expect("recorded now");
    assert_eq!(baseline.source, "stack_outputs");
    assert_eq!(baseline.expected.role_name, ROLE_NAME);
}
