//! The window across an installation's life, end to end: an environment that rolls back while
//! the access stack stands (the failure panel says the vendor's role exists and closes its
//! access; after a relaunch, signing in lands on Manage for it), Back after Ready (the choices
//! read-only on their steps, the run still on Install, Manage open), and a relaunch before
//! install bringing back every choice, the boundary and the networks to avoid included.
//!
//! moto completes every stack at once and never fails one: the rolled-back environment is
//! moto's answer to DescribeStacks rewritten by the loopback fault proxy the app goes through.

mod gui;

use gui::{scenario_mut, Gui};
use private_deploy_tests::installed::ACCOUNT;
use private_deploy_tests::sandbox::PROFILE;
use private_deploy_tests::stacks::ENV_STACK;
use thirtyfour::By;

const REGION: &str = "eu-west-1";
const AVOID: &str = "10.200.0.0/16";

async fn sign_in(gui: &Gui) {
    gui.click(r#"[data-step="sign-in"]"#).await;
    gui.click(&format!(r#"input[type=radio][name=profile][value="{PROFILE}"]"#)).await;
    gui.click("#sign-in").await;
}

async fn attr(gui: &Gui, css: &str, name: &str) -> Option<String> {
    gui.driver.find(By::Css(css)).await.ok()?.attr(name).await.ok().flatten()
}

/// Invite → Sign in → Review access (the boundary turned on when asked) → Region → Network
/// (a network to avoid added when asked, then the first suggestion saved); returns the block.
async fn choose_everything(gui: &Gui, boundary: bool, avoid: bool) -> String {
    gui.to_region_step(boundary).await;
    gui.choose_region(REGION).await;
    if avoid {
        let field = gui.wait_for("#avoid-cidr", "the networks to avoid", async |_| true).await;
        field.send_keys(AVOID).await.unwrap();
        gui.click("#avoid-add").await;
        gui.wait_for(&format!(r#"[data-testid="avoid-entry"][data-cidr="{AVOID}"]"#), "added", async |_| true).await;
    }
    gui.save_first_suggestion().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_environment_rollback_with_the_role_live_offers_close_access_and_manage_lists_it_after_a_relaunch() {
    scenario_mut("e2e-lifecycle-rollback", true, async |gui: &mut Gui| {
        // The environment stack, as CloudFormation reports it, rolled back.
        gui.proxy.as_ref().unwrap().rewrite(
            "DescribeStacks",
            ENV_STACK,
            "<StackStatus>CREATE_COMPLETE</StackStatus>",
            "<StackStatus>ROLLBACK_COMPLETE</StackStatus>",
        );
        choose_everything(gui, false, false).await;
        gui.click("#next").await;
        gui.click(r#"[data-testid="install-button"]"#).await;

        gui.wait_text(r#"[data-testid="failure-stack"]"#, ENV_STACK).await;
        let live = gui.wait_for(r#"[data-testid="access-live"]"#, "the role's note", async |_| true).await;
        assert!(live.text().await.unwrap().contains("The vendor's role exists."));
        for beside in ["retry-button", "cleanup-button", "close-access-button"] {
            gui.driver.find(By::Css(format!(r#"[data-testid="{beside}"]"#))).await.unwrap();
        }
        // The launched choices are read-only; Manage opens for this failed installation.
        gui.click(r#"[data-step="region"]"#).await;
        gui.wait_text(r#"[data-testid="summary-region"]"#, REGION).await;
        assert_eq!(
            attr(gui, r#"[data-testid="launched-choices"]"#, "data-phase").await.as_deref(),
            Some("failed_access_live")
        );
        gui.click(r#"[data-step="install"]"#).await;

        // Close access now: Manage's cut off, confirmed with the account typed.
        gui.click(r#"[data-testid="close-access-button"]"#).await;
        let field = gui.wait_for(r#"[data-testid="close-access-account"]"#, "the confirmation", async |_| true).await;
        field.send_keys(ACCOUNT).await.unwrap();
        gui.click(r#"[data-testid="close-access-confirm"]"#).await;
        gui.wait_for(r#"[data-testid="close-access-done"]"#, "closed", async |_| true).await;

        // After a relaunch, signing in lands on Manage for it; its environment parts say why not.
        gui.relaunch().await;
        gui.wait_for(r#"[data-testid="invite-summary"]"#, "the restored invite", async |_| true).await;
        sign_in(gui).await;
        gui.wait_for(r#"[data-testid="manage-status"]"#, "the Manage panel", async |_| true).await;
        let role = gui.wait_for(r#"[data-testid="role-arn"]"#, "the role", async |_| true).await;
        assert!(role.text().await.unwrap().contains(":role/private-deploy/"));
        gui.wait_for(r#"[data-testid="window-state"]"#, "closed", async |el| {
            el.attr("data-kind").await.ok().flatten().as_deref() == Some("closed")
        })
        .await;
        let env = gui.wait_for(r#"[data-testid="environment-unavailable"]"#, "why not", async |_| true).await;
        assert_eq!(env.attr("data-phase").await.unwrap().as_deref(), Some("failed_access_live"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn back_after_ready_shows_the_choices_read_only_and_leads_nowhere_dead() {
    scenario_mut("e2e-lifecycle-back", false, async |gui: &mut Gui| {
        let cidr = choose_everything(gui, false, false).await;
        gui.click("#next").await;
        gui.click(r#"[data-testid="install-button"]"#).await;
        gui.wait_for(r#"[data-testid="install-ready"]"#, "ready", async |_| true).await;

        // Back: the Network step shows the block the stacks were made with, nothing to edit.
        gui.click("#back").await;
        gui.wait_text(r#"[data-testid="summary-cidr"]"#, &cidr).await;
        assert!(gui.driver.find(By::Css("#use-network")).await.is_err(), "no way to save another block");
        gui.click("#back").await;
        gui.wait_text(r#"[data-testid="summary-region"]"#, REGION).await;
        assert!(gui.driver.find(By::Css("input[type=radio][name=region]")).await.is_err());
        assert_eq!(attr(gui, r#"[data-testid="launched-choices"]"#, "data-phase").await.as_deref(), Some("ready"));
        gui.click(r#"[data-step="invite"]"#).await;
        gui.wait_for(r#"[data-testid="start-different"]"#, "Start a different installation", async |_| true).await;

        // Forward again: Install still shows Ready (no second Install), and Manage opens.
        gui.click(r#"[data-step="install"]"#).await;
        gui.wait_for(r#"[data-testid="install-ready"]"#, "still ready", async |el| {
            el.is_displayed().await.unwrap_or(false)
        })
        .await;
        assert!(gui.driver.find(By::Css(r#"[data-testid="install-button"]"#)).await.is_err());
        gui.click(r#"[data-step="manage"]"#).await;
        gui.wait_for(r#"[data-testid="manage-status"]"#, "the Manage panel", async |_| true).await;

        // Start a different installation: the Invite step is empty again.
        gui.click(r#"[data-step="invite"]"#).await;
        gui.click(r#"[data-testid="start-different"]"#).await;
        gui.wait_for(r#"[data-testid="invite-file"]"#, "the invite input", async |_| true).await;
        assert!(gui.driver.find(By::Css(r#"[data-testid="invite-summary"]"#)).await.is_err());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_relaunch_before_install_brings_back_every_choice_the_boundary_included() {
    scenario_mut("e2e-lifecycle-restore", false, async |gui: &mut Gui| {
        let cidr = choose_everything(gui, true, true).await;
        gui.relaunch().await;

        // The invite, before signing in.
        gui.wait_for(r#"[data-testid="invite-summary"]"#, "the restored invite", async |_| true).await;
        sign_in(gui).await;
        gui.wait_text(r#"[data-testid="account-id"]"#, ACCOUNT).await;
        gui.click("#next").await;
        // The boundary choice.
        gui.wait_for(r#"[data-testid="boundary-checkbox"]"#, "the boundary, on", async |el| {
            el.is_selected().await.unwrap_or(false)
        })
        .await;
        gui.click("#next").await;
        // The region.
        gui.wait_text(r#"[data-testid="selected-region"]"#, REGION).await;
        // The restored region reaches the wizard a moment after it is shown: Next moves once
        // the Network step is unlocked.
        gui.wait_for(r#"[data-step="network"]:not([aria-disabled="true"])"#, "Network unlocked", async |_| true).await;
        gui.click("#next").await;
        // The networks to avoid and the saved block.
        gui.wait_for(
            &format!(r#"[data-testid="avoid-entry"][data-cidr="{AVOID}"]"#),
            "the avoided network",
            async |_| true,
        )
        .await;
        gui.wait_for(r#"[data-testid="network-saved"]"#, "the saved block", async |_| true).await;
        gui.click("#next").await;
        gui.wait_text(r#"[data-testid="plan-cidr"]"#, &cidr).await;
        gui.wait_for(r#"[data-testid="plan-boundary"]"#, "the boundary on", async |el| {
            el.text().await.is_ok_and(|t| t.trim().starts_with("On"))
        })
        .await;
    })
    .await;
}
