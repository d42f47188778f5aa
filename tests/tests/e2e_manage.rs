//! The Manage panel, end to end, months after an install: the admin signs in, lands on
//! Manage, cuts the vendor off (revoke sessions + close the window, confirmed with the typed
//! account ID), then deletes the stacks. Each result is read back from IAM and CloudFormation
//! with the SDK, and from the app's journal.

mod gui;

use engine::access::{AccessActionKind, REVOKE_POLICY_NAME};
use engine::journal::Journal;
use engine::templates::ACCESS_WINDOW_POLICY_NAME;
use gui::{scenario, Gui};
use private_deploy_tests::installed::{config, inline_policy, installed, role_exists, ACCOUNT, ENV_REGION, ROLE_NAME};
use private_deploy_tests::sandbox::{HOME_REGION, PROFILE};
use private_deploy_tests::stacks::{moto_unblock_environment_delete, stacks_named, ACCESS_STACK, ENV_STACK};
use thirtyfour::By;

/// Opens the typed-account confirmation of `button`, types the account and confirms.
async fn confirmed(gui: &Gui, button: &str) {
    gui.click(&format!(r#"[data-testid="{button}"]"#)).await;
    let field = gui.wait_for(r#"[data-testid="confirm-account"]"#, "the confirmation", async |_| true).await;
    let confirm = gui.driver.find(By::Css(r#"[data-testid="confirm-action"]"#)).await.unwrap();
    assert!(!confirm.is_enabled().await.unwrap(), "nothing runs before the account is typed");
    field.send_keys("000000000000").await.unwrap();
    assert!(!confirm.is_enabled().await.unwrap(), "a wrong account does not enable it");
    field.clear().await.unwrap();
    field.send_keys(ACCOUNT).await.unwrap();
    gui.click(r#"[data-testid="confirm-action"]"#).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cuts_the_vendor_off_then_deletes_the_stacks() {
    scenario("e2e-manage", async |gui: &Gui| {
        // An installation made earlier, recorded in the same journal the app reads.
        let engine = installed(&gui.sandbox).await;
        let aws = config(&engine);
        drop(engine);

        gui.click(r#"[data-step="sign-in"]"#).await;
        gui.click(&format!(r#"input[type=radio][name=profile][value="{PROFILE}"]"#)).await;
        gui.click("#sign-in").await;

        // With a ready installation and nothing in flight, the wizard opens Manage.
        gui.wait_for(r#"[data-testid="manage-status"]"#, "the Manage panel", async |_| true).await;
        gui.wait_text(r#"[data-testid="role-name"]"#, ROLE_NAME).await;
        let state = gui.wait_for(r#"[data-testid="window-state"]"#, "the window state", async |_| true).await;
        assert_eq!(state.attr("data-kind").await.unwrap().as_deref(), Some("always_open"));

        // Cut off now.
        confirmed(gui, "cut-off-button").await;
        gui.wait_for(r#"[data-testid="action-result"][data-action="cut_off"]"#, "cut off", async |_| true).await;
        gui.wait_for(r#"[data-testid="window-state"]"#, "closed", async |el| {
            el.attr("data-kind").await.ok().flatten().as_deref() == Some("closed")
        })
        .await;
        let revocation = gui.driver.find(By::Css(r#"[data-testid="last-revocation"]"#)).await.unwrap();
        assert!(!revocation.text().await.unwrap().trim().is_empty());
        // The first lines say cut off, read back from the engine, and the result sits beside them.
        let now = gui.driver.find(By::Css(r#"[data-testid="access-now"]"#)).await.unwrap();
        assert_eq!(now.attr("data-kind").await.unwrap().as_deref(), Some("cut_off"));

        // IAM: the console's revoke-older-sessions deny, and a window that denies everything.
        let revoke = inline_policy(&aws, ROLE_NAME, REVOKE_POLICY_NAME).await.expect("revoke policy");
        let statement = &revoke["Statement"][0];
        assert_eq!(statement["Effect"], "Deny");
        assert!(statement["Condition"]["DateLessThan"]["aws:TokenIssueTime"].is_string(), "{revoke}");
        let window = inline_policy(&aws, ROLE_NAME, ACCESS_WINDOW_POLICY_NAME).await.expect("window policy");
        assert!(window.to_string().contains("\"Deny\""), "{window}");
        let journal = Journal::open(&gui.sandbox.data_dir().join("journal.sqlite3")).unwrap();
        let done: Vec<AccessActionKind> =
            journal.access_actions(ACCOUNT, "sandbox-demo", &[], 10).unwrap().into_iter().map(|a| a.action).collect();
        assert_eq!(done, vec![AccessActionKind::CutOff]);

        // Delete the stacks. moto's CloudFormation cannot delete the NAT gateway, load
        // balancer, gateway attachment and route tables itself: remove them first.
        let env_id = stacks_named(&aws, ENV_REGION, ENV_STACK).await[0].0.clone();
        moto_unblock_environment_delete(&aws, ENV_REGION, &env_id).await;
        // Its confirmation lists the stacks it deletes, as the engine reads them.
        gui.click(r#"[data-testid="delete-stacks-button"]"#).await;
        let listed = gui
            .wait_for(r#"[data-testid="confirm"] [data-testid="deletion-stack"]"#, "the stacks listed", async |_| true)
            .await;
        assert!(listed.text().await.unwrap().contains(ENV_STACK));
        confirmed(gui, "delete-stacks-button").await;
        gui.wait_for(r#"[data-testid="action-result"][data-action="delete_stacks"]"#, "deleted", async |_| true).await;
        assert!(stacks_named(&aws, ENV_REGION, ENV_STACK).await.is_empty());
        assert!(stacks_named(&aws, HOME_REGION, ACCESS_STACK).await.is_empty());
        assert!(!role_exists(&aws, ROLE_NAME).await);
        let latest = journal.access_actions(ACCOUNT, "sandbox-demo", &[], 1).unwrap();
        assert_eq!(latest[0].action, AccessActionKind::DeleteStacks);
        assert_eq!(latest[0].caller_arn, "arn:aws:sts::123456789012:user/moto");
    })
    .await;
}
