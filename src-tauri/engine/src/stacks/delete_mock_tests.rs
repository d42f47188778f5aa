//! Statuses, tokens and deletes as AWS answers them, which moto cannot show (it finishes every
//! stack at once, ignores ClientRequestToken, and fails an environment's DeleteStack at once
//! with DependencyViolation instead of ending it DELETE_FAILED): a stack whose update rolled
//! back (UPDATE_ROLLBACK_COMPLETE), TokenAlreadyExistsException on CreateStack and DeleteStack,
//! a stack found DELETE_IN_PROGRESS, and a delete that ends DELETE_FAILED on a
//! DependencyViolation, then forced.

use super::deleting::clean_up;
use super::fake_cloudformation::{arn, delete_failed, Call, DeleteOutcome, Script, Stage};
use super::tracker::Watch;
use crate::failure::{Error, ErrorCode};
use crate::install::mock_tests::{env_only, slow_stack, Harness, ENV};
use crate::install::model::{DeleteOptions, InstallEvent, InstallState, StackKind};
use crate::install::plan::request_token;
use crate::install::InstallError;
use crate::stacks::StackStatus;
use crate::Explain as _;

fn settled(status: &'static str) -> Script {
    Script { stages: vec![Stage { status, ..Stage::default() }], nested: vec![] }
}

fn vpc_dependency() -> super::fake_cloudformation::Res {
    delete_failed(
        "Vpc",
        "AWS::EC2::VPC",
        "vpc-0abc",
        "The vpc 'vpc-0abc' has dependencies and cannot be deleted. (Service: Ec2, Status Code: 400, Request ID: \
         3b8e0f0e-1111-4000-8000-000000000000)",
    )
}

async fn clean(
    h: &Harness,
    record: &crate::journal::InstallationRecord,
    options: &DeleteOptions,
) -> Result<Vec<StackKind>, Error> {
    let client = h.fake.client();
    let watch = Watch { journal: &h.journal, sink: &h.sink, ctx: &h.ctx, installation: record.id };
    clean_up(record, &watch, options, |_| client.clone()).await
}

#[tokio::test(start_paused = true)]
async fn mock_a_stack_in_update_rollback_complete_is_ready_and_clean_up_refuses_to_delete_it() {
    // A vendor's update that failed and rolled back leaves a working environment.
    let h = Harness::new();
    // Found by name (the journal was lost, say): made with the plan's parameters, so adopted.
    let p = env_only(&[("Vpc", "AWS::EC2::VPC")]);
    let params = &p.stack(StackKind::Environment).unwrap().parameters;
    let id = h.fake.create_now_with(ENV, settled("UPDATE_ROLLBACK_COMPLETE"), params);
    let record = h.record(&p);

    let outcome = h.run(&p, &record).await.unwrap();
    assert!(outcome.is_ready(), "re-attached and healthy: {outcome:?}");
    assert_eq!(h.journal.installations().unwrap()[0].state, InstallState::Ready);

    let err = clean(&h, &record, &DeleteOptions::default()).await.unwrap_err();
    assert!(matches!(err, Error::Install(InstallError::NothingToCleanUp { .. })), "{err:?}");
    assert!(err.failure().hint.unwrap().contains("UPDATE_ROLLBACK_COMPLETE included"));
    assert!(!h.fake.calls().iter().any(|c| matches!(c, Call::DeleteStack(_))), "a healthy stack is never deleted");
    assert_eq!(h.journal.install_stacks(record.id).unwrap()[0].stack_id.as_deref(), Some(id.as_str()));
}

#[tokio::test(start_paused = true)]
async fn mock_update_rollback_failed_points_to_continue_update_rollback_and_is_not_deleted() {
    let h = Harness::new();
    let p = env_only(&[("Vpc", "AWS::EC2::VPC")]);
    h.fake.create_now_with(
        ENV,
        settled("UPDATE_ROLLBACK_FAILED"),
        &p.stack(StackKind::Environment).unwrap().parameters,
    );
    let record = h.record(&p);

    let outcome = h.run(&p, &record).await.unwrap();
    let hint = match outcome {
        crate::install::model::InstallOutcome::Failed { health, hint, .. } => {
            assert_eq!(health, super::status::StackHealth::UpdateRollbackFailed);
            hint.unwrap()
        }
        other => panic!("{other:?}"),
    };
    assert!(hint.contains("continue-update-rollback --stack-name private-deploy-env-acme-prod"), "{hint}");
    let err = clean(&h, &record, &DeleteOptions::default()).await.unwrap_err().failure();
    assert!(err.hint.unwrap().contains("Continue update rollback"));
    assert!(!h.fake.calls().iter().any(|c| matches!(c, Call::DeleteStack(_))));
}

#[tokio::test(start_paused = true)]
async fn mock_token_already_exists_on_create_starts_a_new_attempt_with_a_new_token() {
    // An earlier CreateStack with this token (the same attempt of the same installation, made
    // before the stack was deleted outside the app) is known to CloudFormation.
    let h = Harness::new();
    let p = env_only(&[("Vpc", "AWS::EC2::VPC"), ("Nat", "AWS::EC2::NatGateway")]);
    let record = h.record(&p);
    let nonce = h.journal.token_nonce(record.id).unwrap();
    let first = request_token(StackKind::Environment, "acme-prod", &nonce, 1);
    h.fake.token_seen(&first);
    h.fake.on_create(ENV, slow_stack());

    let outcome = h.run(&p, &record).await.unwrap();

    assert!(outcome.is_ready(), "{outcome:?}");
    let tokens = h.fake.create_tokens();
    assert_eq!(tokens, vec![first, request_token(StackKind::Environment, "acme-prod", &nonce, 2)]);
    assert_eq!(h.journal.install_stacks(record.id).unwrap()[0].attempt, 2);
}

#[tokio::test(start_paused = true)]
async fn mock_a_delete_in_progress_is_waited_for_and_not_requested_again() {
    let h = Harness::new();
    let id = h.fake.create_now(ENV, settled("ROLLBACK_COMPLETE"));
    let p = env_only(&[("Vpc", "AWS::EC2::VPC")]);
    let record = h.record(&p);
    h.journal.set_stack_id(record.id, StackKind::Environment, &id, jiff::Timestamp::now()).unwrap();
    h.fake.deleting_now(&id);

    let cleaned = clean(&h, &record, &DeleteOptions::default()).await.unwrap();

    assert_eq!(cleaned, vec![StackKind::Environment]);
    assert!(h.fake.deletes().is_empty(), "no DeleteStack while one is in progress: {:?}", h.fake.deletes());
    let statuses: Vec<String> = h
        .sink
        .events()
        .into_iter()
        .filter_map(|e| match e {
            InstallEvent::StackStatus { status, .. } => Some(status),
            _ => None,
        })
        .collect();
    assert_eq!(statuses.last().map(String::as_str), Some("DELETE_COMPLETE"));
}

#[tokio::test(start_paused = true)]
async fn mock_delete_failed_on_dependency_violation_names_the_resource_then_force_finishes_with_fresh_tokens() {
    let h = Harness::new();
    let id = h.fake.create_now(ENV, settled("ROLLBACK_COMPLETE"));
    let p = env_only(&[("Vpc", "AWS::EC2::VPC")]);
    let record = h.record(&p);
    h.journal.set_stack_id(record.id, StackKind::Environment, &id, jiff::Timestamp::now()).unwrap();
    h.fake.on_delete(
        &id,
        vec![DeleteOutcome::Fails(vec![vpc_dependency()]), DeleteOutcome::Fails(vec![vpc_dependency()])],
    );

    // Retain asked of a stack that is not DELETE_FAILED: refused before any call that changes anything.
    let wrong = DeleteOptions { retain: vec!["Vpc".into()], force: false };
    let err = clean(&h, &record, &wrong).await.unwrap_err().failure();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(h.fake.deletes().is_empty());

    let err = clean(&h, &record, &DeleteOptions::default()).await.unwrap_err();
    let Error::Install(InstallError::DeleteFailed { resources, status, .. }) = &err else { panic!("{err:?}") };
    assert_eq!(status, &StackStatus::DeleteFailed);
    assert_eq!(resources.len(), 1);
    assert_eq!((resources[0].logical_id.as_str(), resources[0].physical_id.as_deref()), ("Vpc", Some("vpc-0abc")));
    let failure = err.failure();
    assert!(failure.message.contains("has dependencies and cannot be deleted"), "{}", failure.message);
    assert!(failure.hint.as_deref().unwrap().contains("--retain Vpc"), "{:?}", failure.hint);
    assert_eq!(h.journal.installations().unwrap()[0].state, InstallState::InProgress, "not cleaned up");

    // A plain retry fails the same way; then forced, it finishes, and each DeleteStack had its own token.
    clean(&h, &record, &DeleteOptions::default()).await.unwrap_err();
    let forced = clean(&h, &record, &DeleteOptions { retain: vec![], force: true }).await.unwrap();
    assert_eq!(forced, vec![StackKind::Environment]);
    let deletes = h.fake.deletes();
    assert_eq!(deletes.len(), 3);
    assert_eq!(deletes.iter().map(|d| d.force).collect::<Vec<_>>(), vec![false, false, true]);
    let mut tokens: Vec<String> = deletes.iter().map(|d| d.token.clone().unwrap()).collect();
    tokens.dedup();
    assert_eq!(tokens.len(), 3, "a fresh token for every DeleteStack");
    assert_eq!(h.journal.installations().unwrap()[0].state, InstallState::CleanedUp);
    assert!(h.fake.calls().contains(&Call::DescribeStacks(arn(ENV, 1))));
}

#[tokio::test(start_paused = true)]
async fn mock_token_already_exists_on_delete_means_the_delete_is_under_way_and_it_is_waited_for() {
    // The SDK resent a DeleteStack whose answer was lost: CloudFormation has its token already.
    let h = Harness::new();
    let id = h.fake.create_now(ENV, settled("CREATE_FAILED"));
    let p = env_only(&[("Vpc", "AWS::EC2::VPC")]);
    let record = h.record(&p);
    h.journal.set_stack_id(record.id, StackKind::Environment, &id, jiff::Timestamp::now()).unwrap();
    h.fake.answer_next_delete_token_exists();

    let cleaned = clean(&h, &record, &DeleteOptions::default()).await.unwrap();

    assert_eq!(cleaned, vec![StackKind::Environment]);
    assert_eq!(h.fake.deletes().len(), 1, "not sent again");
}
