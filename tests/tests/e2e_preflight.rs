//! The Install step's preflight, end to end, in a crowded sandbox account (`crowded.rs`: the
//! region's VPC and Elastic IP quotas used up, the role's name taken): the panel reports every
//! failing check at once with what to do, and Install stays disabled.

mod gui;

use gui::{scenario, Gui};
use private_deploy_tests::crowded::crowd;
use private_deploy_tests::sandbox::PROFILE;
use thirtyfour::By;

const REGION: &str = "eu-west-1";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_preflight_keeps_install_disabled_and_names_each_fix() {
    scenario("e2e-preflight", async |gui: &Gui| {
        let config = engine::aws::connect(&gui.sandbox.options(Some(PROFILE))).await.unwrap().config;
        crowd(&config, REGION).await;

        gui.to_install_step(REGION).await;

        gui.wait_for(r#"[data-testid="preflight"][data-state="done"]"#, "the preflight's end", async |_| true).await;
        let failed =
            gui.driver.find_all(By::Css(r#"[data-testid="preflight-check"][data-outcome="failure"]"#)).await.unwrap();
        let mut ids = Vec::new();
        for check in &failed {
            ids.push(check.attr("data-id").await.unwrap().unwrap_or_default());
            let todo = check.find(By::Css(r#"[data-testid="check-what-to-do"]"#)).await.unwrap();
            assert!(!todo.text().await.unwrap().is_empty());
        }
        assert_eq!(ids, ["names", "quota-vpcs", "quota-elastic-ips"]);
        let vpcs =
            gui.driver.find(By::Css(r#"[data-id="quota-vpcs"] [data-testid="check-what-to-do"]"#)).await.unwrap();
        assert!(vpcs.text().await.unwrap().contains("L-F678F1CE"));
        let summary = gui.driver.find(By::Css(r#"[data-testid="preflight-summary"]"#)).await.unwrap();
        assert!(summary.text().await.unwrap().starts_with("3 checks failed"));
        let install = gui.driver.find(By::Css(r#"[data-testid="install-button"]"#)).await.unwrap();
        assert!(!install.is_enabled().await.unwrap(), "Install stays disabled while a check fails");
        let cost = gui.driver.find(By::Css(r#"[data-testid="cost-monthly"]"#)).await.unwrap();
        assert!(cost.text().await.unwrap().ends_with(" USD"));
    })
    .await;
}
