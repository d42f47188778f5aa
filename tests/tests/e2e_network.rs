//! The wizard window, end to end, on the seeded sandbox account: open the sample invite, sign
//! in, pass Review access, pick a region, see its VPCs, have a conflicting typed block refused
//! with its reason, accept a suggestion.

mod gui;

use gui::{scenario, Gui};
use private_deploy_tests::sandbox::PROFILE;
use private_deploy_tests::seed;
use thirtyfour::By;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn picks_a_region_refuses_a_conflicting_block_and_saves_a_suggestion() {
    scenario("e2e-network", async |gui: &Gui| {
        let session = engine::aws::connect(&gui.sandbox.options(Some(PROFILE))).await.unwrap();
        let ids = seed::apply(&session.config, &seed::sandbox_seed()).await;

        // Invite and Sign in, then past Review access.
        gui.open_sample_invite().await;
        gui.click("#next").await;
        gui.click(&format!(r#"input[type=radio][name=profile][value="{PROFILE}"]"#)).await;
        gui.click("#sign-in").await;
        gui.wait_text(r#"[data-testid="account-id"]"#, "123456789012").await;
        gui.click("#next").await;
        gui.wait_for(r#"[data-testid="trust-policy"]"#, "the review", async |_| true).await;
        gui.click("#next").await;

        // Region: us-east-1 holds prod-core, analytics and the default VPC.
        gui.wait_text(r#"[data-testid="vpc-count"][data-region="us-east-1"]"#, "3").await;
        let filter = gui.driver.find(By::Css("#region-filter")).await.unwrap();
        filter.send_keys("east-1").await.unwrap();
        gui.click(r#"input[type=radio][name=region][value="us-east-1"]"#).await;
        gui.click("#next").await;

        // Network: the seeded VPCs are listed.
        gui.wait_for(
            &format!(r#"[data-testid="vpc-row"][data-vpc-id="{}"]"#, ids[0]),
            "prod-core listed",
            async |_| true,
        )
        .await;
        let rows = gui.driver.find_all(By::Css(r#"[data-testid="vpc-row"]"#)).await.unwrap();
        assert!(rows.len() >= ids.len(), "{} rows for {} seeded VPCs", rows.len(), ids.len());

        // A typed block that overlaps prod-core's secondary block is refused, naming it.
        gui.click("#cidr-mode-custom").await;
        let field = gui.driver.find(By::Css("#cidr-custom")).await.unwrap();
        field.send_keys("10.1.0.0/16").await.unwrap();
        let problem = gui
            .wait_for(r#"[data-testid="cidr-problem"][data-kind="overlaps_vpc"]"#, "the overlap", async |el| {
                el.text().await.is_ok_and(|t| t.contains(&ids[0]))
            })
            .await;
        let text = problem.text().await.unwrap();
        assert!(text.contains("us-east-1") && text.contains("10.1.0.0/16"), "{text}");
        let use_network = gui.driver.find(By::Css("#use-network")).await.unwrap();
        assert!(!use_network.is_enabled().await.unwrap(), "a conflicting block cannot be used");

        // The first suggestion conflicts with nothing and is saved.
        let suggestion = gui.first_suggestion().await;
        assert_eq!(suggestion, "10.4.0.0/16", "10.0-10.3 are taken by the seed");
        gui.click("#use-network").await;
        let saved =
            gui.wait_for(r#"[data-testid="network-saved"]"#, "saved", async |_| true).await.text().await.unwrap();
        assert!(saved.contains("us-east-1") && saved.contains("10.4.0.0/16"), "{saved}");

        // The choice went through the engine into the app's journal.
        let journal = engine::journal::Journal::open(&gui.sandbox.data_dir().join("journal.sqlite3")).unwrap();
        let choice = journal.last_network_choice("123456789012").unwrap().expect("journaled");
        assert_eq!((choice.region.as_str(), choice.cidr.to_string().as_str()), ("us-east-1", "10.4.0.0/16"));
    })
    .await;
}
