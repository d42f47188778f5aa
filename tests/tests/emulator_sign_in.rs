//! Sign-in against moto, through the same engine the window and the CLI use.

use private_deploy::engine::ErrorCode;
use private_deploy_tests::sandbox::{EXPIRED_SSO_PROFILE, NO_KEYS_PROFILE, PROFILE};
use private_deploy_tests::{exclusive, Sandbox};

#[tokio::test]
async fn signing_in_with_the_sandbox_profile_shows_the_account_and_journals_it() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = sandbox.engine();

    let identity = engine.sign_in(Some(PROFILE.into()), None).await.expect("sign in");
    assert_eq!(identity.account, "123456789012");
    assert!(identity.arn.starts_with("arn:aws:"), "{}", identity.arn);
    assert!(identity.arn.contains(":123456789012:"), "{}", identity.arn);
    assert_eq!(identity.profile, PROFILE);
    assert_eq!(identity.region, "us-east-1");

    let last = engine.journal().last_sign_in().unwrap().expect("journaled");
    assert_eq!(last.sign_in.identity, identity);
    let profiles = engine.list_profiles().await.unwrap();
    assert_eq!(profiles.last_used.as_deref(), Some(PROFILE));
}

#[tokio::test]
async fn the_profile_list_is_read_from_the_sandbox_files() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let list = sandbox.engine().list_profiles().await.unwrap();
    let names: Vec<&str> = list.profiles.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, vec![EXPIRED_SSO_PROFILE, NO_KEYS_PROFILE, PROFILE]);
    assert_eq!(list.selected.as_deref(), Some(PROFILE), "AWS_PROFILE of the sandbox options");
    assert_eq!(list.last_used, None);
}

#[tokio::test]
async fn an_sso_profile_without_a_login_says_which_login_to_run_and_journals_nothing() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = sandbox.engine();
    let failure = engine.sign_in(Some(EXPIRED_SSO_PROFILE.into()), None).await.unwrap_err().failure();
    assert_eq!(failure.code, ErrorCode::SsoLoginRequired, "{failure:?}");
    assert_eq!(failure.hint.as_deref(), Some("Run `aws sso login --profile expired-sso`, then try again."));
    assert_eq!(engine.journal().last_sign_in().unwrap(), None);
}

#[tokio::test]
async fn a_profile_without_credentials_is_refused_with_what_to_do() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let failure = sandbox.engine().sign_in(Some(NO_KEYS_PROFILE.into()), None).await.unwrap_err().failure();
    assert_eq!(failure.code, ErrorCode::NoCredentials, "{failure:?}");
    assert!(failure.hint.unwrap().contains("aws configure --profile no-keys"));
}

#[tokio::test]
async fn an_unknown_profile_lists_the_existing_ones() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let failure = sandbox.engine().sign_in(Some("prod".into()), None).await.unwrap_err().failure();
    assert_eq!(failure.code, ErrorCode::ProfileNotFound);
    assert_eq!(failure.hint.as_deref(), Some("Profiles that exist: expired-sso, no-keys, sandbox."));
}

#[tokio::test]
async fn a_dead_endpoint_is_a_network_error_not_a_hang() {
    let _guard = exclusive().await;
    // A port that nothing listens on: bind, learn the port, close.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let sandbox = Sandbox::new(&format!("http://127.0.0.1:{port}"));
    let failure = sandbox.engine().sign_in(Some(PROFILE.into()), None).await.unwrap_err().failure();
    assert_eq!(failure.code, ErrorCode::Network, "{failure:?}");
}
