//! Sign-in against moto, through the same engine the window and the CLI use.

use engine::ErrorCode;
use engine::Explain as _;
use private_deploy_tests::sandbox::{
    assumed_role_arn, EXPIRED_SSO_PROFILE, NO_KEYS_PROFILE, PROFILE, ROLE_NO_REGION_PROFILE, ROLE_NO_REGION_SESSION,
    ROLE_PROFILE, ROLE_SESSION,
};
use private_deploy_tests::{exclusive, seed, Sandbox};

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

    // moto answers with this machine's clock: no skew worth a warning.
    assert_eq!(identity.clock_skew_seconds, Some(0), "within what Date can show: {identity:?}");
    assert_eq!(identity.clock_warning, None);

    let last = engine.journal().last_sign_in().unwrap().expect("journaled");
    let journaled = &last.sign_in.identity;
    assert_eq!(
        (&journaled.profile, &journaled.account, &journaled.arn),
        (&identity.profile, &identity.account, &identity.arn)
    );
    assert_eq!((&journaled.region, &journaled.user_id), (&identity.region, &identity.user_id));
    let profiles = engine.list_profiles().await.unwrap();
    assert_eq!(profiles.last_used.as_deref(), Some(PROFILE));
}

#[tokio::test]
async fn the_profile_list_is_read_from_the_sandbox_files() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let list = sandbox.engine().list_profiles().await.unwrap();
    let names: Vec<&str> = list.profiles.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, vec![EXPIRED_SSO_PROFILE, NO_KEYS_PROFILE, PROFILE, ROLE_PROFILE, ROLE_NO_REGION_PROFILE]);
    let kind = |name: &str| list.profiles.iter().find(|p| p.name == name).map(|p| p.kind);
    assert_eq!(kind(ROLE_PROFILE), Some(engine::aws::ProfileKind::AssumeRole));
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
    assert_eq!(failure.command.as_deref(), Some("aws sso login --profile expired-sso"));
    assert_eq!(failure.fix, Some(engine::FixStep::SignIn));
    assert_eq!(engine.journal().last_sign_in().unwrap(), None);
}

#[tokio::test]
async fn a_profile_without_credentials_is_refused_with_what_to_do() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let failure = sandbox.engine().sign_in(Some(NO_KEYS_PROFILE.into()), None).await.unwrap_err().failure();
    assert_eq!(failure.code, ErrorCode::NoCredentials, "{failure:?}");
    assert_eq!(failure.command.as_deref(), Some("aws configure --profile no-keys"));
    let words = format!("{} {}", failure.message, failure.hint.unwrap_or_default());
    assert!(!words.contains("{ ") && !words.contains("source:"), "no debug text: {words}");
}

#[tokio::test]
async fn an_unknown_profile_lists_the_existing_ones() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let failure = sandbox.engine().sign_in(Some("prod".into()), None).await.unwrap_err().failure();
    assert_eq!(failure.code, ErrorCode::ProfileNotFound);
    assert_eq!(
        failure.hint.as_deref(),
        Some("Profiles that exist: expired-sso, no-keys, sandbox, sandbox-role, sandbox-role-no-region.")
    );
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

#[tokio::test]
async fn a_role_profile_signs_in_as_the_assumed_role_through_its_source_profile() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let keys = engine::aws::connect(&sandbox.options(Some(PROFILE))).await.unwrap();
    seed::create_sign_in_role(&keys.config).await;
    let engine = sandbox.engine();

    let identity = engine.sign_in(Some(ROLE_PROFILE.into()), None).await.expect("sign in through the role");
    assert_eq!(identity.arn, assumed_role_arn(ROLE_SESSION));
    assert_eq!(identity.account, "123456789012");
    assert_eq!(identity.profile, ROLE_PROFILE);
    assert_eq!(identity.region, "us-east-1");
    assert!(!identity.is_root);

    // The session acts as the role: the next call (not only GetCallerIdentity) uses its keys.
    assert_eq!(engine.identity().await.unwrap().arn, identity.arn);
    let last = engine.journal().last_sign_in().unwrap().expect("journaled");
    assert_eq!(last.sign_in.identity.arn, identity.arn);
}

#[tokio::test]
async fn a_role_profile_without_a_region_of_its_own_uses_the_sessions_region() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let keys = engine::aws::connect(&sandbox.options(Some(PROFILE))).await.unwrap();
    seed::create_sign_in_role(&keys.config).await;
    let engine = sandbox.engine();

    // No region anywhere (the sandbox's options name none): the fallback region.
    let identity = engine.sign_in(Some(ROLE_NO_REGION_PROFILE.into()), None).await.expect("sign in without a region");
    assert_eq!(identity.arn, assumed_role_arn(ROLE_NO_REGION_SESSION));
    assert_eq!(identity.region, engine::aws::FALLBACK_REGION);

    // A region chosen for the session is the role's STS region too.
    let identity = engine.sign_in(Some(ROLE_NO_REGION_PROFILE.into()), Some("eu-west-1".into())).await.unwrap();
    assert_eq!(identity.arn, assumed_role_arn(ROLE_NO_REGION_SESSION));
    assert_eq!(identity.region, "eu-west-1");
}

/// What the access portal's "Access keys" dialog hands out: a role's temporary keys.
async fn role_keys_as_the_portal_prints_them(sandbox: &Sandbox, session: &str) -> (String, [String; 3]) {
    let keys = engine::aws::connect(&sandbox.options(Some(PROFILE))).await.unwrap();
    seed::create_sign_in_role(&keys.config).await;
    let out = aws_sdk_sts::Client::new(&keys.config)
        .assume_role()
        .role_arn(private_deploy_tests::sandbox::sign_in_role_arn())
        .role_session_name(session)
        .send()
        .await
        .expect("assume the sign-in role");
    let c = out.credentials.expect("credentials");
    let values = [c.access_key_id, c.secret_access_key, c.session_token];
    let text = format!(
        "Option 1: Set AWS environment variables\nexport AWS_ACCESS_KEY_ID=\"{}\"\nexport AWS_SECRET_ACCESS_KEY=\"{}\"\nexport AWS_SESSION_TOKEN=\"{}\"\n",
        values[0], values[1], values[2]
    );
    (text, values)
}

#[tokio::test]
async fn pasted_portal_keys_sign_in_as_their_role_and_are_never_written_down() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let (pasted, [key_id, secret, token]) = role_keys_as_the_portal_prints_them(&sandbox, "portal-session").await;
    let engine = sandbox.engine();

    // The sandbox's options name a profile; pasted keys win over it.
    let identity = engine.sign_in_pasted(&pasted, None).await.expect("sign in with pasted keys");
    assert_eq!(identity.arn, assumed_role_arn("portal-session"));
    assert_eq!(identity.profile, engine::aws::PASTED_LABEL);
    // The session acts with them: the next call asks STS again, as the role.
    engine.connect(None, None).await.unwrap();
    let again = engine.sign_in_pasted(&pasted, Some("eu-west-1".into())).await.unwrap();
    assert_eq!((again.arn.as_str(), again.region.as_str()), (identity.arn.as_str(), "eu-west-1"));

    let last = engine.journal().last_sign_in().unwrap().expect("journaled");
    assert_eq!(last.sign_in.identity.profile, engine::aws::PASTED_LABEL);
    drop(engine);
    for file in std::fs::read_dir(sandbox.data_dir()).unwrap() {
        let bytes = std::fs::read(file.unwrap().path()).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for value in [&key_id, &secret, &token] {
            assert!(!text.contains(value.as_str()), "a pasted value was written to the data folder");
        }
    }
}

#[tokio::test]
async fn pasted_text_without_a_secret_is_refused_before_any_call_and_journals_nothing() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = sandbox.engine();
    let failure =
        engine.sign_in_pasted("export AWS_ACCESS_KEY_ID=ASIAIOSFODNN7EXAMPLE", None).await.unwrap_err().failure();
    assert_eq!(failure.code, ErrorCode::InvalidInput, "{failure:?}");
    assert_eq!(failure.message, "The pasted text has no AWS_SECRET_ACCESS_KEY.");
    assert_eq!(engine.journal().last_sign_in().unwrap(), None);
    assert!(matches!(engine.active().unwrap_err(), engine::Error::NotSignedIn));
}

#[tokio::test]
async fn a_role_profile_behind_mfa_asks_for_the_code_then_assumes_the_role_with_it() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let keys = engine::aws::connect(&sandbox.options(Some(PROFILE))).await.unwrap();
    seed::create_sign_in_role(&keys.config).await;
    let profile = sandbox.add_mfa_profile();
    let engine = sandbox.engine();

    let listed = engine.list_profiles().await.unwrap();
    let mfa = listed.profiles.iter().find(|p| p.name == profile).expect("listed");
    assert_eq!(mfa.mfa_serial.as_deref(), Some("arn:aws:iam::123456789012:mfa/admin"));

    let failure = engine.sign_in(Some(profile.into()), None).await.unwrap_err().failure();
    assert_eq!(failure.code, ErrorCode::MfaRequired, "{failure:?}");
    assert!(failure.message.contains("arn:aws:iam::123456789012:mfa/admin"), "{failure:?}");
    let failure =
        engine.sign_in_with_code(Some(profile.into()), None, Some("12ab".into())).await.unwrap_err().failure();
    assert_eq!(failure.code, ErrorCode::InvalidInput, "{failure:?}");
    assert_eq!(engine.journal().last_sign_in().unwrap(), None, "nothing is journaled before a sign-in succeeds");

    let identity = engine.sign_in_with_code(Some(profile.into()), None, Some("123456".into())).await.unwrap();
    assert_eq!(identity.arn, assumed_role_arn("mfa-admin"));
    assert_eq!(identity.profile, profile);
    // Later calls of the session use the role's keys, not the source profile's.
    assert_eq!(engine.identity().await.unwrap().arn, identity.arn);
}

/// Temporary keys of the sign-in role for `session`, as a helper or the environment hands them out.
async fn role_keys(sandbox: &Sandbox, session: &str) -> [String; 3] {
    let (_, keys) = role_keys_as_the_portal_prints_them(sandbox, session).await;
    keys
}

#[tokio::test]
async fn a_credential_process_profile_signs_in_with_the_keys_its_helper_prints() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let [key_id, secret, token] = role_keys(&sandbox, "process-session").await;
    let helper = sandbox.path().join("credential-helper.sh");
    std::fs::write(
        &helper,
        format!(
            "#!/bin/sh\ncat <<'JSON'\n{}\nJSON\n",
            serde_json::json!({"Version": 1, "AccessKeyId": key_id, "SecretAccessKey": secret, "SessionToken": token})
        ),
    )
    .unwrap();
    std::fs::set_permissions(&helper, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    sandbox.append_config(&format!("[profile helper]\ncredential_process = {}\nregion = us-east-1", helper.display()));
    let engine = sandbox.engine();

    let listed = engine.list_profiles().await.unwrap();
    let kind = listed.profiles.iter().find(|p| p.name == "helper").map(|p| p.kind);
    assert_eq!(kind, Some(engine::aws::ProfileKind::CredentialProcess));
    let identity = engine.sign_in(Some("helper".into()), None).await.expect("sign in through the helper");
    assert_eq!(identity.arn, assumed_role_arn("process-session"), "the helper's keys were used");
    assert_eq!(identity.profile, "helper");
}

#[tokio::test]
async fn a_role_chain_of_two_assume_roles_signs_in_as_the_last_role() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let keys = engine::aws::connect(&sandbox.options(Some(PROFILE))).await.unwrap();
    seed::create_sign_in_role(&keys.config).await;
    let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}"#;
    engine::aws::iam(&keys.config)
        .create_role()
        .role_name("Auditor")
        .assume_role_policy_document(trust)
        .send()
        .await
        .unwrap();
    sandbox.append_config(&format!(
        "[profile first-hop]\nrole_arn = {}\nsource_profile = {PROFILE}\nrole_session_name = first-hop\n\
         [profile second-hop]\nrole_arn = arn:aws:iam::123456789012:role/Auditor\nsource_profile = first-hop\n\
         role_session_name = second-hop\nregion = us-east-1",
        private_deploy_tests::sandbox::sign_in_role_arn()
    ));
    let engine = sandbox.engine();

    let identity = engine.sign_in(Some("second-hop".into()), None).await.expect("sign in through two roles");
    assert_eq!(identity.arn, "arn:aws:sts::123456789012:assumed-role/Auditor/second-hop");
    assert_eq!(engine.identity().await.unwrap().arn, identity.arn, "later calls act as the last role");
}

#[tokio::test]
async fn a_web_identity_profile_signs_in_with_its_token_file() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let keys = engine::aws::connect(&sandbox.options(Some(PROFILE))).await.unwrap();
    seed::create_sign_in_role(&keys.config).await;
    let token = sandbox.path().join("web-identity-token");
    std::fs::write(&token, "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2ln").unwrap();
    sandbox.append_config(&format!(
        "[profile ci]\nrole_arn = {}\nweb_identity_token_file = {}\nrole_session_name = ci-run\nregion = us-east-1",
        private_deploy_tests::sandbox::sign_in_role_arn(),
        token.display()
    ));
    let engine = sandbox.engine();

    let listed = engine.list_profiles().await.unwrap();
    let kind = listed.profiles.iter().find(|p| p.name == "ci").map(|p| p.kind);
    assert_eq!(kind, Some(engine::aws::ProfileKind::WebIdentity));
    let identity = engine.sign_in(Some("ci".into()), None).await.expect("sign in with the web identity token");
    assert_eq!(identity.arn, assumed_role_arn("ci-run"));
}
