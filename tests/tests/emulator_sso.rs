//! IAM Identity Center sign-in against the loopback stand-in (reached through
//! `AWS_ENDPOINT_URL_SSO_OIDC` / `AWS_ENDPOINT_URL_SSO`) and moto: the device flow and its
//! endings, the token cache as the AWS CLI writes it, the SDK's own SSO provider reading it,
//! the refresh token, and an account and role chosen from the portal, saved or not.
//!
//! Every test holds moto's lock (`exclusive`), so they run one at a time; that is what makes
//! pointing this process's `HOME` at the test's sandbox safe (the SDK's SSO provider reads
//! the token cache under `$HOME`, as the AWS CLI writes it).

use std::sync::Arc;
use std::time::Duration;

use engine::aws::sso::{SsoChoice, SsoTarget};
use engine::{Engine, ErrorCode, Explain};
use private_deploy_tests::identity_center::{
    self, IdentityCenter, ACCOUNT_NAME, ADMIN_ROLE, READ_ONLY_ROLE, SSO_REGION, START_URL,
};
use private_deploy_tests::installed::ACCOUNT;
use private_deploy_tests::moto::MotoGuard;
use private_deploy_tests::sandbox::EXPIRED_SSO_PROFILE;
use private_deploy_tests::{exclusive, Sandbox};

/// A start URL no `[sso-session]` of the sandbox names.
const NEW_START_URL: &str = "https://d-9a8b7c6d5e.awsapps.com/start";

struct Rig {
    _guard: MotoGuard,
    sandbox: Sandbox,
    engine: Arc<Engine>,
    stand_in: &'static IdentityCenter,
}

async fn rig() -> Rig {
    let guard = exclusive().await;
    let stand_in = identity_center::shared();
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    std::env::set_var("HOME", sandbox.home());
    let engine = Arc::new(sandbox.engine());
    Rig { _guard: guard, sandbox, engine, stand_in }
}

fn profile_target() -> SsoTarget {
    SsoTarget::Profile { profile: EXPIRED_SSO_PROFILE.into() }
}

fn url_target(url: &str) -> SsoTarget {
    SsoTarget::StartUrl { start_url: url.into(), sso_region: SSO_REGION.into() }
}

/// Logs in to `target`, the stand-in approving the code at once.
async fn log_in(rig: &Rig, target: SsoTarget) -> engine::aws::sso::SsoLoggedIn {
    let device = rig.engine.sso_begin(target).await.expect("begin");
    assert!(rig.stand_in.approve(&device.user_code), "the code {} was not waiting", device.user_code);
    rig.engine.sso_finish(&device.login_id).await.expect("finish")
}

fn code_of(err: engine::Error) -> ErrorCode {
    err.failure().code
}

fn cache_file(rig: &Rig, key: &str) -> serde_json::Map<String, serde_json::Value> {
    let path = engine::aws::sso::cache_path(&rig.sandbox.home(), key);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("the cache file is a JSON object")
}

fn is_rfc3339_z(text: &str) -> bool {
    let b = text.as_bytes();
    text.len() == 20
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && b[19] == b'Z'
        && [0..4, 5..7, 8..10, 11..13, 14..16, 17..19].into_iter().all(|r| b[r].iter().all(u8::is_ascii_digit))
}

#[tokio::test]
async fn a_profile_login_is_cached_as_the_aws_cli_caches_it_and_the_sdk_signs_in_with_it() {
    let rig = rig().await;
    let needed = |list: &engine::aws::ProfileList| {
        list.profiles.iter().find(|p| p.name == EXPIRED_SSO_PROFILE).expect("listed").sso_login_needed
    };
    assert!(needed(&rig.engine.list_profiles().await.unwrap()), "no token yet");

    let device = rig.engine.sso_begin(profile_target()).await.unwrap();
    assert!(!device.refreshed);
    assert_eq!((device.start_url.as_str(), device.sso_region.as_str()), (START_URL, SSO_REGION));
    assert!(device.verification_uri.starts_with(&rig.stand_in.endpoint()), "{}", device.verification_uri);
    assert!(device.verification_uri_complete.ends_with(&device.user_code), "{}", device.verification_uri_complete);
    assert!(rig.stand_in.approve(&device.user_code));
    let done = rig.engine.sso_finish(&device.login_id).await.unwrap();
    assert_eq!(done.session_name.as_deref(), Some("sandbox-sso"));

    // The file the AWS CLI v2 writes for `[sso-session sandbox-sso]`, field for field.
    let file = cache_file(&rig, "sandbox-sso");
    let keys: Vec<&str> = file.keys().map(String::as_str).collect();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    assert_eq!(
        sorted,
        [
            "accessToken",
            "clientId",
            "clientSecret",
            "expiresAt",
            "refreshToken",
            "region",
            "registrationExpiresAt",
            "startUrl"
        ]
    );
    assert_eq!(file["startUrl"], START_URL);
    assert_eq!(file["region"], SSO_REGION);
    assert_eq!(file["expiresAt"], done.expires_at.as_str());
    for field in ["expiresAt", "registrationExpiresAt"] {
        assert!(is_rfc3339_z(file[field].as_str().unwrap()), "{field}: {}", file[field]);
    }
    for field in ["accessToken", "clientId", "clientSecret", "refreshToken"] {
        assert!(!file[field].as_str().unwrap().is_empty(), "{field} is empty");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let path = engine::aws::sso::cache_path(&rig.sandbox.home(), "sandbox-sso");
        assert_eq!(std::fs::metadata(path).unwrap().permissions().mode() & 0o777, 0o600);
    }
    assert!(!needed(&rig.engine.list_profiles().await.unwrap()), "the token is fresh now");

    // The SDK's own SSO provider finds the token and gets the role's keys from the portal.
    let before = rig.stand_in.calls("GetRoleCredentials");
    let identity = rig.engine.sign_in(Some(EXPIRED_SSO_PROFILE.into()), None).await.expect("sign in with the profile");
    assert_eq!(identity.account, ACCOUNT);
    // Once for the STS call, once more when the sign-in reads the keys' expiry (the SDK's
    // credential cache sits in its clients, not in the provider).
    let fetched = rig.stand_in.calls("GetRoleCredentials") - before;
    assert!((1..=2).contains(&fetched), "{fetched} GetRoleCredentials");
}

#[tokio::test]
async fn a_refresh_token_is_used_before_a_new_device_login() {
    let rig = rig().await;
    log_in(&rig, profile_target()).await;
    let first = cache_file(&rig, "sandbox-sso");
    // The access token expires; its refresh token is still good.
    let mut expired = first.clone();
    expired.insert("expiresAt".into(), "2020-01-01T00:00:00Z".into());
    let path = engine::aws::sso::cache_path(&rig.sandbox.home(), "sandbox-sso");
    std::fs::write(&path, serde_json::to_string(&expired).unwrap()).unwrap();
    assert!(
        !rig.engine.list_profiles().await.unwrap().profiles.iter().any(|p| p.sso_login_needed),
        "a usable refresh token means no login is needed"
    );

    let started = rig.stand_in.calls("StartDeviceAuthorization");
    let device = rig.engine.sso_begin(profile_target()).await.unwrap();
    assert!(device.refreshed, "{device:?}");
    assert_eq!(rig.stand_in.calls("StartDeviceAuthorization"), started, "no device login");
    let done = rig.engine.sso_finish(&device.login_id).await.unwrap();
    let second = cache_file(&rig, "sandbox-sso");
    assert_ne!(second["accessToken"], first["accessToken"]);
    assert_eq!(second["refreshToken"], first["refreshToken"]);
    assert_eq!(second["clientId"], first["clientId"]);
    assert_eq!(second["expiresAt"], done.expires_at.as_str());
    assert!(second["expiresAt"].as_str().unwrap() > "2020-01-01T00:00:00Z");
}

#[tokio::test]
async fn a_denied_code_and_an_expired_code_end_the_login_with_their_own_errors() {
    let rig = rig().await;
    let device = rig.engine.sso_begin(profile_target()).await.unwrap();
    assert!(rig.stand_in.deny(&device.user_code));
    let err = rig.engine.sso_finish(&device.login_id).await.unwrap_err();
    assert_eq!(code_of(err), ErrorCode::SsoLoginDenied);

    let device = rig.engine.sso_begin(profile_target()).await.unwrap();
    assert!(rig.stand_in.expire(&device.user_code));
    let err = rig.engine.sso_finish(&device.login_id).await.unwrap_err();
    let failure = err.failure();
    assert_eq!(failure.code, ErrorCode::SsoLoginExpired);
    assert!(failure.message.contains("expired"), "{}", failure.message);
    let path = engine::aws::sso::cache_path(&rig.sandbox.home(), "sandbox-sso");
    assert!(!path.exists(), "nothing is cached");
}

#[tokio::test]
async fn polling_waits_while_pending_and_slows_down_by_five_seconds() {
    let rig = rig().await;
    // Pending: approved only once the app has asked (and been told to wait) once.
    let device = rig.engine.sso_begin(profile_target()).await.unwrap();
    let code = device.user_code.clone();
    let stand_in = rig.stand_in;
    let approver = tokio::task::spawn_blocking(move || {
        while stand_in.polls(&code).is_empty() {
            std::thread::sleep(Duration::from_millis(20));
        }
        stand_in.approve(&code)
    });
    rig.engine.sso_finish(&device.login_id).await.expect("approved after pending");
    assert!(approver.await.unwrap());

    // slow_down: the next poll comes interval + 5 seconds later. (Another start URL: the
    // profile's token is cached now, and would be refreshed instead.)
    let device = rig.engine.sso_begin(url_target("https://d-5a0d0e1e2f.awsapps.com/start")).await.unwrap();
    assert!(!device.refreshed);
    rig.stand_in.slow_down(1);
    assert!(rig.stand_in.approve(&device.user_code));
    let polls_before = device.interval_seconds;
    rig.engine.sso_finish(&device.login_id).await.expect("approved after slow_down");
    let polls = rig.stand_in.polls(&device.user_code);
    assert_eq!(polls.len(), 2, "one slow_down, then the token");
    let gap = polls[1] - polls[0];
    assert!(gap >= Duration::from_secs(u64::from(polls_before) + 5), "waited only {gap:?}");
}

#[tokio::test]
async fn a_cancelled_login_stops_polling_and_says_so() {
    let rig = rig().await;
    let device = rig.engine.sso_begin(profile_target()).await.unwrap();
    let engine = rig.engine.clone();
    let id = device.login_id.clone();
    let finishing = tokio::spawn(async move { engine.sso_finish(&id).await });
    while rig.stand_in.polls(&device.user_code).is_empty() {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    rig.engine.sso_cancel(&device.login_id);
    let err =
        tokio::time::timeout(Duration::from_secs(5), finishing).await.expect("stops at once").unwrap().unwrap_err();
    assert_eq!(code_of(err), ErrorCode::SsoLoginCancelled);
    assert!(rig.stand_in.approve(&device.user_code), "the code is still waiting: nobody asked for it");
}

#[tokio::test]
async fn a_start_url_login_lists_every_page_and_an_unsaved_choice_signs_in_from_memory() {
    let rig = rig().await;
    let done = log_in(&rig, url_target(NEW_START_URL)).await;
    assert_eq!(done.session_name.as_deref(), Some("d-9a8b7c6d5e"), "named after the start URL's host");

    let listed = rig.stand_in.calls("ListAccounts");
    let accounts = rig.engine.sso_accounts(NEW_START_URL, SSO_REGION).await.unwrap();
    assert_eq!(rig.stand_in.calls("ListAccounts"), listed + 2, "two pages");
    let names: Vec<&str> = accounts.iter().map(|a| a.account_name.as_str()).collect();
    assert_eq!(names, ["Logs", ACCOUNT_NAME, "Staging"]);
    let roles = rig.engine.sso_roles(NEW_START_URL, SSO_REGION, ACCOUNT).await.unwrap();
    assert_eq!(roles, [ADMIN_ROLE, READ_ONLY_ROLE]);

    let config = std::fs::read(rig.sandbox.profile_paths().config).unwrap();
    let credentials = std::fs::read(rig.sandbox.profile_paths().credentials).unwrap();
    let choice = SsoChoice {
        start_url: NEW_START_URL.into(),
        sso_region: SSO_REGION.into(),
        account_id: ACCOUNT.into(),
        role_name: ADMIN_ROLE.into(),
        region: Some("eu-west-1".into()),
    };
    let identity = rig.engine.sign_in_sso(choice, false).await.expect("in-memory sign-in");
    assert_eq!(identity.account, ACCOUNT);
    assert_eq!(identity.region, "eu-west-1");
    assert_eq!(identity.profile, format!("Identity Center {ACCOUNT}/{ADMIN_ROLE}"));
    assert_eq!(std::fs::read(rig.sandbox.profile_paths().config).unwrap(), config, "config untouched");
    assert_eq!(std::fs::read(rig.sandbox.profile_paths().credentials).unwrap(), credentials, "credentials untouched");

    // A role the user is not assigned is refused in words.
    let other = SsoChoice {
        start_url: NEW_START_URL.into(),
        sso_region: SSO_REGION.into(),
        account_id: "210987654321".into(),
        role_name: READ_ONLY_ROLE.into(),
        region: None,
    };
    let err = rig.engine.sign_in_sso(other, false).await.unwrap_err();
    assert_eq!(code_of(err), ErrorCode::AccessDenied);
}

#[tokio::test]
async fn saving_appends_exactly_the_preview_and_the_saved_profile_signs_in_through_the_sdk() {
    let rig = rig().await;
    log_in(&rig, url_target(NEW_START_URL)).await;
    let choice = SsoChoice {
        start_url: NEW_START_URL.into(),
        sso_region: SSO_REGION.into(),
        account_id: ACCOUNT.into(),
        role_name: ADMIN_ROLE.into(),
        region: Some("us-east-1".into()),
    };
    let preview = rig.engine.sso_config_preview(&choice).await.unwrap();
    assert_eq!(preview.profile_name, format!("{ACCOUNT_NAME}-{ADMIN_ROLE}"));
    assert_eq!(preview.session_name, "d-9a8b7c6d5e");
    assert_eq!(
        preview.text,
        format!(
            "\n[sso-session d-9a8b7c6d5e]\nsso_start_url = {NEW_START_URL}\nsso_region = {SSO_REGION}\n\
             sso_registration_scopes = sso:account:access\n\n[profile {ACCOUNT_NAME}-{ADMIN_ROLE}]\n\
             sso_session = d-9a8b7c6d5e\nsso_account_id = {ACCOUNT}\nsso_role_name = {ADMIN_ROLE}\nregion = us-east-1\n"
        )
    );
    let paths = rig.sandbox.profile_paths();
    let before = std::fs::read_to_string(&paths.config).unwrap();
    let credentials = std::fs::read(&paths.credentials).unwrap();
    let identity = rig.engine.sign_in_sso(choice, true).await.expect("saved and signed in");
    assert_eq!(std::fs::read_to_string(&paths.config).unwrap(), format!("{before}{}", preview.text));
    assert_eq!(std::fs::read(&paths.credentials).unwrap(), credentials, "never the credentials file");
    assert_eq!(identity.profile, preview.profile_name);
    assert_eq!(identity.account, ACCOUNT);

    // A fresh engine (as after a restart) signs in with the saved profile through the SDK.
    let fresh = rig.sandbox.engine();
    let again = fresh.sign_in(Some(preview.profile_name.clone()), None).await.expect("the saved profile works");
    assert_eq!(again.account, ACCOUNT);
}

#[tokio::test]
async fn a_start_url_with_a_session_in_the_config_reuses_it_and_a_taken_name_is_refused() {
    let rig = rig().await;
    let done = log_in(&rig, url_target(START_URL)).await;
    assert_eq!(done.session_name.as_deref(), Some("sandbox-sso"), "the config's session for that URL");
    let choice = SsoChoice {
        start_url: START_URL.into(),
        sso_region: SSO_REGION.into(),
        account_id: ACCOUNT.into(),
        role_name: READ_ONLY_ROLE.into(),
        region: None,
    };
    let preview = rig.engine.sso_config_preview(&choice).await.unwrap();
    assert_eq!(preview.session_name, "sandbox-sso");
    assert!(!preview.text.contains("[sso-session"), "{}", preview.text);
    assert!(preview.text.contains("sso_session = sandbox-sso\n"), "{}", preview.text);

    // Someone adds a profile of that name before the admin consents.
    let paths = rig.sandbox.profile_paths();
    let mut taken = std::fs::read_to_string(&paths.config).unwrap();
    taken.push_str(&format!("\n[profile {}]\nregion = eu-west-1\n", preview.profile_name));
    std::fs::write(&paths.config, &taken).unwrap();
    let err = rig.engine.sign_in_sso(choice, true).await.unwrap_err();
    let failure = err.failure();
    assert_eq!(failure.code, ErrorCode::InvalidInput);
    assert!(failure.message.contains(&preview.profile_name), "{}", failure.message);
    assert_eq!(std::fs::read_to_string(&paths.config).unwrap(), taken, "nothing appended");
}
