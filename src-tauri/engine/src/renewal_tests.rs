//! Credentials that expire mid-install, against the scripted CloudFormation (aws-smithy-mocks
//! underneath) answering `ExpiredToken` as AWS does: the run waits, a sign-in to another
//! account is refused, a sign-in to the same account (by another profile) resumes it from the
//! journal, and cancelling ends it with the journal as it was.

use std::time::Duration;

use super::*;
use crate::aws::AwsError;
use crate::aws::{Identity, ProfilePaths, SessionOptions, Timeouts};
use crate::install::mock_tests::{env_only, slow_stack, Harness, ENV};
use crate::install::{run_install_with, InstallOutcome, InstallState};
use crate::journal::Journal;
use crate::stacks::tracker::Watch;

const ACCOUNT: &str = "123456789012";
const OTHER: &str = "999999999999";

async fn engine_in(dir: &std::path::Path, waits: bool) -> Engine {
    std::fs::write(dir.join("config"), "[profile a]\nregion = us-east-1\n[profile b]\nregion = us-east-1\n").unwrap();
    let opts = SessionOptions {
        profile: None,
        region: None,
        endpoint: Some("http://127.0.0.1:9".into()),
        max_attempts: 1,
        timeouts: Timeouts::default(),
        files: ProfilePaths { config: dir.join("config"), credentials: dir.join("credentials") },
        pasted: None,
        mfa_code: None,
        service_endpoints: Vec::new(),
    };
    let engine = Engine::new(Journal::open_in_memory().unwrap(), opts);
    engine.wait_for_renewal(waits);
    sign_in_as(&engine, "a", ACCOUNT).await.unwrap();
    engine
}

/// The sign-in path after STS answered: `profile`'s session, which STS says is in `account`.
async fn sign_in_as(engine: &Engine, profile: &str, account: &str) -> Result<Identity, Error> {
    let session = crate::aws::connect(&engine.base_options().clone().with_profile(Some(profile.into()))).await?;
    let identity = Identity {
        profile: profile.into(),
        region: "us-east-1".into(),
        account: account.into(),
        arn: format!("arn:aws:sts::{account}:assumed-role/Admin/{profile}"),
        user_id: "AROAEXAMPLE:admin".into(),
        is_root: false,
        clock_skew_seconds: None,
        clock_warning: None,
        credentials_expire_at: None,
    };
    engine.signed_in(session, identity)
}

/// Runs the install of `h` with `engine` deciding what an expiry does, and `admin` beside it.
async fn run_beside(
    engine: &Engine,
    h: &Harness,
    admin: impl std::future::Future<Output = ()>,
) -> Result<InstallOutcome, Error> {
    let p = env_only(&[("Vpc", "AWS::EC2::VPC"), ("Nat", "AWS::EC2::NatGateway")]);
    let record = h.record(&p);
    let client = h.fake.client();
    let watch = Watch { journal: &h.journal, sink: &h.sink, ctx: &h.ctx, installation: record.id };
    let run = run_install_with(
        &p,
        &record,
        &watch,
        |_| client.clone(),
        |_| async { Ok(()) },
        |err| engine.renew_or(err, ACCOUNT, "acme-prod", &h.sink),
    );
    tokio::join!(run, admin).0
}

async fn until_waiting(engine: &Engine) {
    while !engine.awaiting_sign_in() {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn renewal_events(h: &Harness) -> Vec<InstallEvent> {
    h.sink
        .events()
        .into_iter()
        .filter(|e| matches!(e, InstallEvent::CredentialsExpired { .. } | InstallEvent::CredentialsRenewed { .. }))
        .collect()
}

#[tokio::test(start_paused = true)]
async fn mock_an_install_whose_credentials_expire_waits_and_a_sign_in_to_the_same_account_finishes_it() {
    let dir = tempfile::tempdir().unwrap();
    let engine = engine_in(dir.path(), true).await;
    let h = Harness::new();
    h.fake.on_create(ENV, slow_stack());
    // Call 1 is the look-up by name before CreateStack, call 2 poll 1: poll 2 gets ExpiredToken.
    h.fake.expire("DescribeStacks", 3);

    let admin = async {
        until_waiting(&engine).await;
        let refused = sign_in_as(&engine, "b", OTHER).await.unwrap_err().failure();
        assert_eq!(refused.code, ErrorCode::OtherAccount);
        assert!(refused.message.contains(OTHER) && refused.message.contains(ACCOUNT), "{}", refused.message);
        assert_eq!(refused.fix, Some(FixStep::SignIn));
        let active = engine.active().unwrap();
        assert_eq!(active.identity.as_ref().unwrap().account, ACCOUNT, "the refused sign-in replaced nothing");
        assert_eq!(engine.journal().last_sign_in().unwrap().unwrap().sign_in.identity.profile, "a");
        assert!(engine.awaiting_sign_in(), "the install still waits");
        // Another profile into the same account is a way back in.
        sign_in_as(&engine, "b", ACCOUNT).await.unwrap();
    };
    let outcome = run_beside(&engine, &h, admin).await.unwrap();

    assert!(outcome.is_ready(), "{outcome:?}");
    match renewal_events(&h).as_slice() {
        [InstallEvent::CredentialsExpired { installation_id, profile, account_id, sso, waiting, message, .. }, InstallEvent::CredentialsRenewed { profile: renewed_as, account_id: renewed_in, .. }] =>
        {
            assert_eq!(installation_id, "acme-prod");
            assert_eq!((profile.as_deref(), account_id.as_str(), *sso, *waiting), (Some("a"), ACCOUNT, false, true));
            assert!(message.contains("expired"), "{message}");
            assert_eq!((renewed_as.as_deref(), renewed_in.as_str()), (Some("b"), ACCOUNT));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        h.fake.create_tokens().len(),
        1,
        "the stack launched before the expiry is re-attached, not created again"
    );
    let stored: Vec<String> = h.journal.installation_events(1).unwrap().into_iter().map(|e| e.event_id).collect();
    assert_eq!(stored, vec!["e1", "e2", "e3", "e4", "e5", "e6"], "nothing lost, nothing twice");
    assert!(!engine.awaiting_sign_in());
}

#[tokio::test(start_paused = true)]
async fn mock_cancelling_the_wait_ends_the_install_with_the_expiry_and_the_journal_left_to_resume() {
    let dir = tempfile::tempdir().unwrap();
    let engine = engine_in(dir.path(), true).await;
    let h = Harness::new();
    h.fake.on_create(ENV, slow_stack());
    h.fake.expire("DescribeStackEvents", 2);

    let admin = async {
        until_waiting(&engine).await;
        engine.cancel_renewal();
    };
    let err = run_beside(&engine, &h, admin).await.unwrap_err();

    assert_eq!(err.failure().code, ErrorCode::ExpiredCredentials, "{err:?}");
    assert!(!engine.awaiting_sign_in());
    let record = &h.journal.installations().unwrap()[0];
    assert_eq!(record.state, InstallState::InProgress, "the next start (or retry) re-attaches");
    assert_eq!(renewal_events(&h).len(), 1, "expired, never renewed");
}

#[tokio::test(start_paused = true)]
async fn mock_without_waiting_the_expiry_is_reported_and_returned_at_once() {
    // The CLI: nothing else in its process can sign in.
    let dir = tempfile::tempdir().unwrap();
    let engine = engine_in(dir.path(), false).await;
    let h = Harness::new();
    h.fake.on_create(ENV, slow_stack());
    h.fake.expire("DescribeStacks", 3);

    let err = run_beside(&engine, &h, async {}).await.unwrap_err();

    assert_eq!(err.failure().code, ErrorCode::ExpiredCredentials);
    match renewal_events(&h).as_slice() {
        [InstallEvent::CredentialsExpired { waiting: false, .. }] => {}
        other => panic!("{other:?}"),
    }
    assert_eq!(h.fake.create_tokens().len(), 1);
}

#[test]
fn only_credentials_that_stopped_working_are_an_expiry() {
    let expired = Error::Aws(AwsError::ExpiredCredentials { profile: None });
    let sso = Error::Aws(AwsError::SsoLoginRequired { profile: "sso".into(), detail: String::new() });
    let invalid = Error::Aws(AwsError::InvalidCredentials { profile: None, detail: String::new() });
    let denied = Error::Aws(AwsError::AccessDenied { action: "iam:GetRole".into(), detail: String::new() });
    assert!(is_expiry(&expired, false) && is_expiry(&sso, false));
    assert!(is_expiry(&invalid, true), "temporary keys that worked until now were ended");
    assert!(!is_expiry(&invalid, false), "long-term keys that AWS does not know are not an expiry");
    assert!(!is_expiry(&denied, true));
    let stopped = |cause: &Error| {
        Error::Access(AccessError::Partial(Box::new(crate::access::Stopped {
            action: "Cut off".into(),
            done: vec!["close the window".into()],
            left: vec!["revoke sessions".into()],
            cause: cause.failure(),
        })))
    };
    assert!(is_expiry(&stopped(&expired), false), "an action stopped part-way by the expiry");
    assert!(!is_expiry(&stopped(&denied), false));
}
