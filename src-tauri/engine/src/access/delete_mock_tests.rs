//! Deleting the stacks as AWS answers it, which moto cannot show: moto fails the environment's
//! DeleteStack at once with DependencyViolation (AWS ends it DELETE_FAILED and names the
//! resources), forgets a stack's ManagedPolicyArns and ignores request tokens. Against the
//! scripted CloudFormation and IAM: the role's DeleteRole fails with DeleteConflict while a
//! policy the stack does not own is on it, the environment's delete fails on a
//! DependencyViolation, and each path finishes.

use jiff::Timestamp;
use serde_json::json;

use super::delete_stacks::StacksDeleted;
use super::fake_iam::{FakeIam, Write, ADMIN, ROLE};
use super::*;
use crate::aws::CallContext;
use crate::failure::Error;
use crate::install::{CollectSink, DeleteOptions, InstallEvent, InstallState, StackKind};
use crate::journal::{InstallationRecord, Journal, NewInstallation};
use crate::stacks::fake_cloudformation::{delete_failed, Call, DeleteOutcome, FakeCloudFormation, Res, Script, Stage};
use crate::templates::{ACCESS_WINDOW_POLICY_NAME, GUARDRAIL_POLICY_NAME};
use crate::Explain as _;

const ACCESS: &str = "private-deploy-access-acme";
const ENV: &str = "private-deploy-env-acme";
const DENY_ALL: &str = "arn:aws:iam::aws:policy/AWSDenyAll";
const APP_BOUNDARY: &str = "arn:aws:iam::123456789012:policy/private-deploy/PrivateDeployVendorAccess-acmeBoundary";

fn target() -> Target {
    Target {
        installation_id: "acme".into(),
        account: "123456789012".into(),
        caller_arn: "arn:aws:iam::123456789012:user/admin".into(),
        role_name: ROLE.into(),
    }
}

struct World {
    cfn: FakeCloudFormation,
    iam: FakeIam,
    journal: Journal,
    record: InstallationRecord,
    access_id: String,
    env_id: String,
}

/// Both stacks complete; the role as the app leaves it after a cut-off, a tighten (which
/// detached AdministratorAccess) and an app-created boundary; the access stack's delete runs
/// AWS's role handler against the IAM fake.
fn world() -> World {
    let cfn = FakeCloudFormation::new();
    let complete = || Script { stages: vec![Stage { status: "CREATE_COMPLETE", ..Stage::default() }], nested: vec![] };
    let access_id = cfn.create_now(ACCESS, complete());
    let env_id = cfn.create_now(ENV, complete());
    let iam = FakeIam::new()
        .with_inline(ACCESS_WINDOW_POLICY_NAME, r#"{"Version":"2012-10-17","Statement":[]}"#)
        .with_inline(GUARDRAIL_POLICY_NAME, r#"{"Version":"2012-10-17","Statement":[]}"#)
        .with_inline(REVOKE_POLICY_NAME, r#"{"Version":"2012-10-17","Statement":[]}"#)
        .with_inline(SCOPED_POLICY_NAME, r#"{"Version":"2012-10-17","Statement":[]}"#)
        .with_attached("arn:aws:iam::123456789012:policy/SomeonesExtraPolicy")
        .with_boundary(APP_BOUNDARY)
        .with_policy(APP_BOUNDARY);
    let journal = Journal::open_in_memory().unwrap();
    let record = journal
        .begin_installation(&NewInstallation {
            installation_id: "acme".into(),
            account: "123456789012".into(),
            home_region: "us-east-1".into(),
            region: "eu-west-1".into(),
            cidr: "10.20.0.0/16".parse().unwrap(),
            invite: "{}".into(),
            use_boundary: false,
            zones: vec![],
            stacks: vec![
                (StackKind::Access, "us-east-1".into(), ACCESS.into()),
                (StackKind::Environment, "eu-west-1".into(), ENV.into()),
            ],
            at: "2026-11-21T10:00:00Z".parse().unwrap(),
        })
        .unwrap();
    journal.set_stack_id(record.id, StackKind::Access, &access_id, jiff::Timestamp::now()).unwrap();
    journal.set_stack_id(record.id, StackKind::Environment, &env_id, jiff::Timestamp::now()).unwrap();
    journal.set_installation_state(record.id, InstallState::Ready, jiff::Timestamp::now()).unwrap();
    journal
        .record_access_action(&AccessActionRecord {
            installation_id: "acme".into(),
            account: "123456789012".into(),
            caller_arn: "arn:aws:iam::123456789012:user/admin".into(),
            action: AccessActionKind::Tighten,
            summary: "Tightened".into(),
            detail: json!({ "policy": {}, "detached": [ADMIN] }).to_string(),
            at: "2026-11-21T11:00:00Z".parse().unwrap(),
            partial: false,
            drift: vec![],
        })
        .unwrap();
    // AWS::IAM::Role's delete: the stack's own policies go, then DeleteRole. The boundary in
    // place at that moment is kept, to check that the vendor had none of its access then.
    let role = iam.clone();
    cfn.on_delete(
        &access_id,
        vec![DeleteOutcome::Check(std::sync::Arc::new(move || -> Vec<Res> {
            assert_eq!(role.boundary().as_deref(), Some(DENY_ALL), "the window policy goes first: the boundary holds");
            match role.delete_conflict(&[ACCESS_WINDOW_POLICY_NAME, GUARDRAIL_POLICY_NAME], &[ADMIN]) {
                None => Vec::new(),
                Some(message) => vec![delete_failed("VendorRole", "AWS::IAM::Role", ROLE, message)],
            }
        }))],
    );
    World { cfn, iam, journal, record, access_id, env_id }
}

async fn delete(w: &World, options: &DeleteOptions, sink: &CollectSink) -> Result<StacksDeleted, Error> {
    let iam = w.iam.client();
    let t = target();
    let ctx = CallContext::default();
    let actor = Actor { iam: &iam, journal: &w.journal, ctx: &ctx, target: &t };
    let d = StackDelete {
        record: &w.record,
        journal: &w.journal,
        sink,
        ctx: &ctx,
        options,
        actor: &actor,
        role_live: true,
        stack_boundary: None,
        now: Timestamp::from_second(1_795_000_000).unwrap(),
    };
    let client = w.cfn.client();
    delete_stacks(&d, |_| client.clone()).await
}

fn actions(w: &World) -> Vec<AccessActionKind> {
    w.journal.access_actions("123456789012", "acme", &[], 100).unwrap().into_iter().map(|a| a.action).collect()
}

#[tokio::test(start_paused = true)]
async fn mock_without_stripping_the_role_the_access_stacks_delete_fails_with_delete_conflict() {
    // The fake reproduces AWS: a DeleteStack of the access stack as it is (out-of-band policies
    // on the role) ends DELETE_FAILED on the role, "must delete policies first".
    let w = world();
    let client = w.cfn.client();
    let iam = w.iam.clone().with_boundary(DENY_ALL);
    let sink = CollectSink::default();
    let ctx = CallContext::default();
    let watch = crate::stacks::Watch { journal: &w.journal, sink: &sink, ctx: &ctx, installation: w.record.id };
    let stack =
        w.journal.install_stacks(w.record.id).unwrap().into_iter().find(|s| s.kind == StackKind::Access).unwrap();
    let err = crate::stacks::delete_and_wait(
        &client,
        &stack,
        &w.access_id,
        &crate::stacks::cloudformation::DeleteMode::Standard,
        &watch,
    )
    .await
    .unwrap_err()
    .failure();
    assert!(err.message.contains("VendorRole (AWS::IAM::Role PrivateDeployVendorAccess-acme): Cannot delete entity, must delete policies first"), "{}", err.message);
    assert!(iam.inline_names().contains(&REVOKE_POLICY_NAME.to_owned()));
}

#[tokio::test(start_paused = true)]
async fn mock_deleting_the_stacks_cuts_off_first_strips_the_role_under_deny_all_and_both_deletes_finish() {
    let w = world();
    let sink = CollectSink::default();

    let deleted = delete(&w, &DeleteOptions::default(), &sink).await.unwrap();

    assert_eq!(
        deleted.stacks.iter().map(|d| (d.0, d.2.clone())).collect::<Vec<_>>(),
        vec![(StackKind::Environment, w.env_id.clone()), (StackKind::Access, w.access_id.clone())]
    );
    // IAM, in order: the cut-off (revocation and window), then the deny-all boundary, then the
    // out-of-band policies go and AdministratorAccess comes back, then (role gone) the app's boundary.
    let writes = w.iam.writes();
    let at = |w: &Write| writes.iter().position(|x| x == w).unwrap_or_else(|| panic!("{w:?} not in {writes:?}"));
    let window = at(&Write::PutInline(ACCESS_WINDOW_POLICY_NAME.into()));
    let deny_all = at(&Write::PutBoundary(DENY_ALL.into()));
    assert!(at(&Write::PutInline(REVOKE_POLICY_NAME.into())) < deny_all && window < deny_all, "{writes:?}");
    for after in [
        Write::DeleteInline(REVOKE_POLICY_NAME.into()),
        Write::DeleteInline(SCOPED_POLICY_NAME.into()),
        Write::Detach("arn:aws:iam::123456789012:policy/SomeonesExtraPolicy".into()),
        Write::Attach(ADMIN.into()),
    ] {
        assert!(deny_all < at(&after), "{after:?} before the deny-all boundary: {writes:?}");
    }
    assert_eq!(writes.last(), Some(&Write::DeletePolicy(APP_BOUNDARY.into())));
    assert!(!writes.contains(&Write::DeleteInline(ACCESS_WINDOW_POLICY_NAME.into())), "the stack's own stay");
    assert!(w.iam.policies().is_empty());

    // CloudFormation: the environment is deleted and gone before the access stack is touched.
    let calls = w.cfn.calls();
    let env_delete = calls.iter().position(|c| *c == Call::DeleteStack(w.env_id.clone())).unwrap();
    let access_delete = calls.iter().position(|c| *c == Call::DeleteStack(w.access_id.clone())).unwrap();
    assert!(env_delete < access_delete);
    let statuses: Vec<(String, String)> = sink
        .events()
        .into_iter()
        .filter_map(|e| match e {
            InstallEvent::StackStatus { stack_id, status, .. } => Some((stack_id, status)),
            _ => None,
        })
        .collect();
    assert_eq!(
        statuses,
        vec![
            (w.env_id.clone(), "DELETE_IN_PROGRESS".to_owned()),
            (w.env_id.clone(), "DELETE_COMPLETE".to_owned()),
            (w.access_id.clone(), "DELETE_IN_PROGRESS".to_owned()),
            (w.access_id.clone(), "DELETE_COMPLETE".to_owned()),
        ]
    );
    assert!(w.journal.install_stacks(w.record.id).unwrap().iter().all(|s| s.stack_id.is_none()));
    assert_eq!(w.journal.installations().unwrap()[0].state, InstallState::CleanedUp);
    assert_eq!(actions(&w), vec![AccessActionKind::CutOff, AccessActionKind::Tighten]);
}

#[tokio::test(start_paused = true)]
async fn mock_an_environment_delete_failed_on_dependency_violation_stops_then_retaining_the_vpc_finishes() {
    let w = world();
    let vpc = delete_failed(
        "Vpc",
        "AWS::EC2::VPC",
        "vpc-0abc",
        "The vpc 'vpc-0abc' has dependencies and cannot be deleted. (Service: Ec2, Status Code: 400, Request ID: \
         3b8e0f0e-1111-4000-8000-000000000000)",
    );
    w.cfn.on_delete(&w.env_id, vec![DeleteOutcome::Fails(vec![vpc])]);
    let sink = CollectSink::default();

    let err = delete(&w, &DeleteOptions::default(), &sink).await.unwrap_err().failure();

    assert!(err.message.contains("Done: Cut off role PrivateDeployVendorAccess-acme"), "{}", err.message);
    assert!(
        err.message.contains("Vpc (AWS::EC2::VPC vpc-0abc): The vpc 'vpc-0abc' has dependencies"),
        "{}",
        err.message
    );
    assert!(
        err.message.contains("Left: delete stack private-deploy-env-acme; delete stack private-deploy-access-acme"),
        "{}",
        err.message
    );
    assert!(err.hint.as_deref().unwrap().contains("--retain Vpc"), "{:?}", err.hint);
    assert!(!w.cfn.calls().contains(&Call::DeleteStack(w.access_id.clone())), "the access stack is not touched");
    assert!(!w.iam.writes().contains(&Write::PutBoundary(DENY_ALL.into())), "the role is only cut off so far");
    let stopped =
        w.journal.access_actions("123456789012", "acme", &[AccessActionKind::DeleteStacksStopped], 1).unwrap();
    assert_eq!(stopped.len(), 1, "what was done and what is left is journaled");
    assert!(stopped[0].detail.contains("delete stack private-deploy-env-acme"), "{}", stopped[0].detail);

    // Retaining a resource that did not fail is refused before any write.
    let writes = w.iam.writes().len();
    let bad = delete(&w, &DeleteOptions { retain: vec!["Subnet".into()], force: false }, &sink).await.unwrap_err();
    assert!(bad.failure().message.contains("Subnet is not a resource that failed to delete"), "{bad:?}");
    assert_eq!(w.iam.writes().len(), writes);

    // Retaining the VPC: the environment goes (the VPC stays, said so), then the access stack.
    let deleted = delete(&w, &DeleteOptions { retain: vec!["Vpc".into()], force: false }, &sink).await.unwrap();
    assert_eq!(deleted.stacks.len(), 2);
    assert!(
        deleted
            .steps
            .iter()
            .any(|s| s.contains("kept in the account") && s.contains("Vpc (vpc-0abc)") && s.contains("costing money")),
        "{:?}",
        deleted.steps
    );
    let deletes = w.cfn.deletes();
    let env: Vec<_> = deletes.iter().filter(|d| d.stack == w.env_id).collect();
    assert_eq!(env.len(), 2);
    assert_eq!(env[1].retain, vec!["Vpc".to_owned()]);
    assert_ne!(env[0].token, env[1].token, "a fresh token for the second DeleteStack");
    assert_eq!(w.journal.installations().unwrap()[0].state, InstallState::CleanedUp);
}
