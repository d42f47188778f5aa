//! The network lost mid-install, end to end: the app talks to moto through the loopback fault
//! proxy, which stops forwarding from the install's first read of stack events (moto finishes
//! stacks at once, so the outage has to start inside the run). The window says at once that
//! AWS cannot be reached, holds the estimate while the elapsed time goes on, keeps "you can
//! close the app" in view; once the proxy forwards again it says when AWS came back, and the
//! install reaches ready.

mod gui;

use gui::{scenario_through_proxy, Gui};
use thirtyfour::By;

const REGION: &str = "eu-west-1";

async fn text_of(gui: &Gui, css: &str) -> String {
    gui.driver.find(By::Css(css)).await.unwrap().text().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_network_lost_during_the_install_is_shown_at_once_and_cleared_when_it_is_back() {
    scenario_through_proxy("e2e-connectivity", async |gui: &Gui| {
        let proxy = gui.proxy.as_ref().expect("started through the proxy");

        gui.to_install_step(REGION).await;
        let planned = gui
            .wait_for(r#"[data-testid="plan-estimate"]"#, "the plan's expected time", async |el| {
                el.text().await.is_ok_and(|t| t.starts_with("About "))
            })
            .await;
        assert!(planned.text().await.unwrap().contains("counts down from the same estimate"));

        // Only the install's follower reads stack events: the outage starts inside the run.
        proxy.stop_forwarding_at("DescribeStackEvents");
        gui.click(r#"[data-testid="install-button"]"#).await;

        let lost = gui
            .wait_for(
                r#"[data-testid="connectivity-note"][data-state="lost"]"#,
                "the lost-connection note",
                async |el| {
                    el.text().await.is_ok_and(|t| t.contains("Can't reach AWS since") && t.contains("retrying…"))
                },
            )
            .await;
        assert!(proxy.is_offline() && proxy.injected("DescribeStackEvents") >= 1, "the outage really happened");
        let since = gui.driver.find(By::Css(r#"[data-testid="connectivity-since"]"#)).await.unwrap();
        let utc = since.attr("title").await.unwrap().unwrap_or_default();
        assert!(utc.ends_with(" UTC"), "the exact time on hover: {utc:?}");
        let since_text = since.text().await.unwrap();
        assert!(lost.text().await.unwrap().contains(&since_text));
        let eta = gui.driver.find(By::Css(r#"[data-testid="eta"]"#)).await.unwrap();
        assert_eq!(eta.attr("data-held").await.unwrap().as_deref(), Some("true"));
        gui.wait_for(r#"[data-testid="close-app-note"]"#, "the close-the-app note", async |el| {
            el.text().await.is_ok_and(|t| t.starts_with("You can close the app"))
        })
        .await;
        // The elapsed time goes on while the estimate holds.
        let held = text_of(gui, r#"[data-testid="eta"]"#).await;
        let elapsed = text_of(gui, r#"[data-testid="elapsed"]"#).await;
        gui.wait_for(r#"[data-testid="elapsed"]"#, "the elapsed time to tick", async |el| {
            el.text().await.is_ok_and(|t| t != elapsed)
        })
        .await;
        assert!(proxy.is_offline(), "still offline while the elapsed time ticked");
        assert_eq!(text_of(gui, r#"[data-testid="eta"]"#).await, held, "the estimate did not count down");
        gui.screenshot("e2e-connectivity-lost").await;

        proxy.resume_forwarding();
        let back = gui
            .wait_for(
                r#"[data-testid="connectivity-note"][data-state="restored"]"#,
                "the note that AWS is back",
                async |el| el.text().await.is_ok_and(|t| t.contains("AWS answers again since")),
            )
            .await;
        let at = gui.driver.find(By::Css(r#"[data-testid="connectivity-back"]"#)).await.unwrap();
        assert!(at.attr("title").await.unwrap().unwrap_or_default().ends_with(" UTC"));
        assert!(back.text().await.unwrap().contains(&since_text), "it says since when it was lost");
        gui.wait_for(r#"[data-testid="install-ready"]"#, "ready", async |_| true).await;
        assert!(gui.driver.find(By::Css(r#"[data-testid="connectivity-note"][data-state="lost"]"#)).await.is_err());
    })
    .await;
}
