//! The wizard window, end to end, from the sample invite to "ready" on the sandbox account:
//! open the signed invite through the file input, sign in, review the access (trust policy
//! with the vendor and External ID), pick a region and a suggested block, install, and watch
//! the progress reach ready. Both stacks are then read back with the SDK.

mod gui;

use gui::{scenario, Gui};
use private_deploy_tests::sandbox::{HOME_REGION, PROFILE};
use private_deploy_tests::stacks::{fixture, stacks_named, ACCESS_STACK, ENV_STACK, SANDBOX_INVITE};
use thirtyfour::By;

const REGION: &str = "eu-west-1";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn opens_the_sample_invite_reviews_access_and_installs_to_ready() {
    scenario("e2e-install", async |gui: &Gui| {
        let text = std::fs::read_to_string(fixture(SANDBOX_INVITE)).unwrap();
        let expected: serde_json::Value = serde_json::from_str(&text).unwrap();
        let vendor_account = expected["vendor"]["account_id"].as_str().unwrap().to_owned();
        let external_id = expected["external_id"].as_str().unwrap().to_owned();

        // Invite: the file goes in through the ordinary file input a person uses.
        gui.open_sample_invite().await;
        let verification = gui.driver.find(By::Css(r#"[data-testid="invite-verification"]"#)).await.unwrap();
        assert_eq!(verification.attr("data-status").await.unwrap().as_deref(), Some("verified"));
        gui.wait_text(r#"[data-testid="vendor-account"]"#, &vendor_account).await;
        gui.click("#next").await;

        // Sign in.
        gui.click(&format!(r#"input[type=radio][name=profile][value="{PROFILE}"]"#)).await;
        gui.click("#sign-in").await;
        gui.wait_text(r#"[data-testid="account-id"]"#, "123456789012").await;
        gui.click("#next").await;

        // Review access: the trust policy names the vendor's account and the External ID.
        let trust = gui
            .wait_for(r#"[data-testid="trust-policy"]"#, "the trust policy", async |el| {
                el.text().await.is_ok_and(|t| t.contains("sts:ExternalId"))
            })
            .await
            .text()
            .await
            .unwrap();
        assert!(trust.contains(&format!("arn:aws:iam::{vendor_account}:root")), "{trust}");
        assert!(trust.contains(&external_id), "{trust}");
        gui.click("#next").await;

        // Region, once the regions are read.
        let filter = gui.wait_for("#region-filter", "the region list", async |_| true).await;
        filter.send_keys(REGION).await.unwrap();
        gui.click(&format!(r#"input[type=radio][name=region][value="{REGION}"]"#)).await;
        gui.click("#next").await;

        // Network: the first suggestion.
        let cidr = gui.first_suggestion().await;
        gui.click("#use-network").await;
        gui.wait_for(r#"[data-testid="network-saved"]"#, "saved", async |_| true).await;
        gui.click("#next").await;

        // Install: the plan, then the run to ready.
        gui.wait_text(r#"[data-testid="plan-cidr"]"#, &cidr).await;
        gui.wait_text(r#"[data-testid="plan-region"]"#, REGION).await;
        gui.click(r#"[data-testid="install-button"]"#).await;
        gui.wait_for(r#"[data-testid="install-ready"]"#, "ready", async |_| true).await;
        let bar = gui.driver.find(By::Css(r#"[data-testid="install-progress"]"#)).await.unwrap();
        let done = bar.attr("aria-valuenow").await.unwrap().unwrap_or_default();
        let total = bar.attr("aria-valuemax").await.unwrap().unwrap_or_default();
        assert!(!total.is_empty() && total != "0" && done == total, "progress {done}/{total}");
        // Ready leads with what the vendor needs, read live from the engine; the raw outputs are folded away.
        gui.wait_for(r#"[data-testid="ready-role-arn"]"#, "the role ARN", async |el| {
            el.text().await.is_ok_and(|t| t.contains(":role/private-deploy/"))
        })
        .await;
        let access = gui.driver.find(By::Css(r#"[data-testid="ready-access"]"#)).await.unwrap();
        assert_eq!(access.attr("data-kind").await.unwrap().as_deref(), Some("open"));
        let links = gui.driver.find_all(By::Css(r#"[data-testid="console-link"]"#)).await.unwrap();
        assert_eq!(links.len(), 4, "the two stacks, the role and the VPC");

        // What the window launched is really there, once each.
        let session = engine::aws::connect(&gui.sandbox.options(Some(PROFILE))).await.unwrap();
        assert_eq!(stacks_named(&session.config, HOME_REGION, ACCESS_STACK).await.len(), 1);
        let env = stacks_named(&session.config, REGION, ENV_STACK).await;
        assert_eq!(env.len(), 1, "{env:?}");
        let journal = engine::journal::Journal::open(&gui.sandbox.data_dir().join("journal.sqlite3")).unwrap();
        let record = &journal.installations().unwrap()[0];
        assert_eq!((record.region.as_str(), record.cidr.to_string().as_str()), (REGION, cidr.as_str()));
    })
    .await;
}
