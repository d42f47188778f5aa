//! The wizard window, end to end, signing in through IAM Identity Center: the app is pointed
//! at the loopback stand-in (`AWS_ENDPOINT_URL_SSO_OIDC`, `AWS_ENDPOINT_URL_SSO`) and at moto
//! for everything else. The test plays the admin's browser: it reads the code the window
//! shows and approves exactly that code at the stand-in, so no browser is needed (the window
//! is never asked to open the page).

mod gui;

use gui::{scenario_with_env, Gui};
use private_deploy_tests::identity_center::{IdentityCenter, ACCOUNT_NAME, ADMIN_ROLE, SSO_REGION, START_URL};
use private_deploy_tests::sandbox::EXPIRED_SSO_PROFILE;
use thirtyfour::prelude::*;

/// Reads the user code the window shows and approves it as the admin would in the browser.
async fn approve_shown_code(gui: &Gui, ic: &IdentityCenter) {
    let code = gui
        .wait_for(r#"[data-testid="sso-user-code"]"#, "the user code", async |el| {
            el.text().await.is_ok_and(|t| !t.trim().is_empty())
        })
        .await
        .text()
        .await
        .unwrap();
    let code = code.trim();
    assert_eq!(ic.pending(), [code.to_owned()], "the window shows the code Identity Center is waiting on");
    assert!(ic.approve(code), "{code} was waiting for approval");
}

async fn type_into(gui: &Gui, css: &str, text: &str) {
    let field = gui.wait_for(css, "a field", async |el| el.is_enabled().await.unwrap_or(false)).await;
    field.send_keys(text).await.unwrap();
}

/// "I have an IAM Identity Center start URL": the start URL and its region, the code approved
/// at the stand-in, then the sandbox account's administrator role, up to the save question.
async fn log_in_with_start_url(gui: &Gui, ic: &IdentityCenter, screenshots: bool) {
    gui.click(r#"[data-testid="sso-start-url"] > summary"#).await;
    type_into(gui, "#sso-start-url", START_URL).await;
    type_into(gui, "#sso-region", SSO_REGION).await;
    gui.click(r#"[data-testid="sso-start"]"#).await;

    // The code, large and copyable, with the page to open; the stand-in approves it.
    let url = gui.wait_for(r#"[data-testid="sso-verification-url"]"#, "the sign-in address", async |_| true).await;
    assert!(url.text().await.unwrap().starts_with(&ic.endpoint()), "the page the stand-in handed out");
    if screenshots {
        gui.screenshot("e2e-sign-in-sso-code").await;
    }
    approve_shown_code(gui, ic).await;

    // Every account of every ListAccounts page, then the sandbox's roles.
    let accounts = gui.wait_for(r#"[data-testid="sso-accounts"]"#, "the accounts", async |_| true).await;
    let radios = accounts.find_all(By::Css(r#"input[name="sso-account"]"#)).await.unwrap();
    assert_eq!(radios.len(), 3, "the stand-in lists three accounts, two to a page");
    gui.click(r#"input[name="sso-account"][value="123456789012"]"#).await;
    gui.click(&format!(r#"input[name="sso-role"][value="{ADMIN_ROLE}"]"#)).await;
    gui.click(r#"[data-testid="sso-use-role"]"#).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_with_only_a_start_url_signs_in_picks_a_role_saves_it_and_reaches_region() {
    let ic = IdentityCenter::start();
    scenario_with_env("e2e-sign-in-sso", &ic.env(), async |gui: &Gui| {
        let config = gui.sandbox.profile_paths().config;
        let credentials = gui.sandbox.profile_paths().credentials;
        let (config_before, credentials_before) =
            (std::fs::read_to_string(&config).unwrap(), std::fs::read_to_string(&credentials).unwrap());

        gui.open_sample_invite().await;
        gui.click("#next").await;

        log_in_with_start_url(gui, &ic, true).await;

        // The consent shows the exact text; saving appends exactly it to the config file.
        let text = gui
            .wait_for(r#"[data-testid="sso-config-text"]"#, "the config text", async |el| {
                el.text().await.is_ok_and(|t| t.contains(ADMIN_ROLE))
            })
            .await;
        let shown: String = gui
            .driver
            .execute("return arguments[0].textContent", vec![text.to_json().unwrap()])
            .await
            .unwrap()
            .convert()
            .unwrap();
        let profile_name =
            gui.driver.find(By::Css(r#"[data-testid="sso-profile-name"]"#)).await.unwrap().text().await.unwrap();
        assert!(profile_name.contains(ACCOUNT_NAME), "{profile_name}");
        gui.screenshot("e2e-sign-in-sso-consent").await;
        gui.click(r#"[data-testid="sso-save-profile"]"#).await;

        gui.wait_text(r#"[data-testid="account-id"]"#, "123456789012").await;
        assert_eq!(std::fs::read_to_string(&config).unwrap(), format!("{config_before}{shown}"));
        assert_eq!(std::fs::read_to_string(&credentials).unwrap(), credentials_before, "credentials untouched");
        // The saved profile is listed now, chosen as the one signed in.
        let saved = gui
            .wait_for(
                &format!(r#"input[type=radio][name=profile][value="{profile_name}"]"#),
                "the saved profile",
                async |_| true,
            )
            .await;
        assert!(saved.is_selected().await.unwrap());

        // On through Review access to the Region step, which lists the account's regions.
        gui.click("#next").await;
        gui.wait_for(r#"[data-testid="trust-policy"]"#, "the review", async |_| true).await;
        gui.click("#next").await;
        gui.wait_for(r#"[aria-current="step"][data-step="region"]"#, "the Region step", async |_| true).await;
        gui.wait_for(r#"input[type=radio][name=region][value="us-east-1"]"#, "the regions", async |_| true).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_sso_profile_whose_login_expired_logs_in_from_the_window_for_this_session() {
    let ic = IdentityCenter::start();
    scenario_with_env("e2e-sign-in-sso-profile", &ic.env(), async |gui: &Gui| {
        gui.click(r#"button[data-step="sign-in"]"#).await;

        // The profile's token is missing (the engine's sso_login_needed): the window offers the
        // login beside it, and again when signing in fails.
        gui.click(&format!(r#"input[type=radio][name=profile][value="{EXPIRED_SSO_PROFILE}"]"#)).await;
        gui.wait_for(r#"[data-testid="sso-for-profile"]"#, "the login offered", async |el| {
            el.is_displayed().await.unwrap_or(false)
        })
        .await;
        gui.click("#sign-in").await;
        let error = gui
            .wait_for(r#"[data-testid="error"]"#, "an error", async |el| el.is_displayed().await.unwrap_or(false))
            .await;
        assert_eq!(error.attr("data-code").await.unwrap().as_deref(), Some("sso_login_required"));
        assert!(
            error.text().await.unwrap().contains(&format!("aws sso login --profile {EXPIRED_SSO_PROFILE}")),
            "the command stays as the alternative"
        );
        gui.click(r#"[data-testid="error"] [data-testid="sso-from-error"]"#).await;

        approve_shown_code(gui, &ic).await;

        // The token is cached as the AWS CLI caches it, and the SDK's own SSO provider finds it.
        gui.wait_text(r#"[data-testid="account-id"]"#, "123456789012").await;
        assert!(ic.calls("GetRoleCredentials") >= 1, "the role's keys came from the portal");
        // The list is read again behind the card: the profile's login is cached, none is offered.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while !gui.driver.find_all(By::Css(r#"[data-testid="sso-for-profile"]"#)).await.unwrap().is_empty() {
            assert!(std::time::Instant::now() < deadline, "the login is still offered 20 s after it was done");
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_role_used_for_this_session_only_writes_nothing() {
    let ic = IdentityCenter::start();
    scenario_with_env("e2e-sign-in-sso-session-only", &ic.env(), async |gui: &Gui| {
        let paths = gui.sandbox.profile_paths();
        let before =
            (std::fs::read_to_string(&paths.config).unwrap(), std::fs::read_to_string(&paths.credentials).unwrap());

        gui.click(r#"button[data-step="sign-in"]"#).await;
        log_in_with_start_url(gui, &ic, false).await;
        gui.wait_for(r#"[data-testid="sso-config-text"]"#, "the config text", async |_| true).await;
        gui.click(r#"[data-testid="sso-session-only"]"#).await;

        gui.wait_text(r#"[data-testid="account-id"]"#, "123456789012").await;
        let after =
            (std::fs::read_to_string(&paths.config).unwrap(), std::fs::read_to_string(&paths.credentials).unwrap());
        assert_eq!(after, before, "neither the config nor the credentials file changed");
        assert!(ic.calls("GetRoleCredentials") >= 1, "the role's keys came from the portal");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_denied_code_is_said_in_words_start_again_gives_a_new_one_and_cancel_stops_it() {
    let ic = IdentityCenter::start();
    scenario_with_env("e2e-sign-in-sso-denied", &ic.env(), async |gui: &Gui| {
        gui.click(r#"button[data-step="sign-in"]"#).await;
        gui.click(r#"[data-testid="sso-start-url"] > summary"#).await;
        type_into(gui, "#sso-start-url", START_URL).await;
        type_into(gui, "#sso-region", SSO_REGION).await;
        gui.click(r#"[data-testid="sso-start"]"#).await;

        // The admin refuses in the browser: the window says so, with the way out.
        let first = gui
            .wait_for(r#"[data-testid="sso-user-code"]"#, "the user code", async |el| {
                el.text().await.is_ok_and(|t| !t.trim().is_empty())
            })
            .await
            .text()
            .await
            .unwrap();
        assert!(ic.deny(first.trim()), "{first} was waiting");
        let error = gui.wait_for(r#"[data-testid="error"]"#, "the refusal", async |_| true).await;
        assert_eq!(error.attr("data-code").await.unwrap().as_deref(), Some("sso_login_denied"));
        assert!(error.text().await.unwrap().contains("not allowed"), "{}", error.text().await.unwrap());

        // Start again: a new code, waiting at Identity Center.
        gui.click(r#"[data-testid="sso-start-again"]"#).await;
        let second = gui
            .wait_for(r#"[data-testid="sso-user-code"]"#, "a new code", async |el| {
                el.text().await.is_ok_and(|t| !t.trim().is_empty() && t.trim() != first.trim())
            })
            .await
            .text()
            .await
            .unwrap();
        assert_eq!(ic.pending(), [second.trim().to_owned()]);

        // Cancel: back to the form with what was typed, and no error.
        gui.click(r#"[data-testid="sso-cancel"]"#).await;
        let field = gui.wait_for("#sso-start-url", "the form again", async |_| true).await;
        assert_eq!(field.value().await.unwrap().as_deref(), Some(START_URL));
        assert!(gui.driver.find_all(By::Css(r#"[data-testid="error"]"#)).await.unwrap().is_empty());
    })
    .await;
}
