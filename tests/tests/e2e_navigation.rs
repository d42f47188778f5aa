//! The window stays on the app: a navigation to another origin (a link, a script, a form) is
//! refused by the app's navigation guard, which logs it, and the wizard is still there.

mod gui;

use std::time::{Duration, Instant};

use gui::{scenario, Gui};
use private_deploy_tests::paths;

const REFUSED: &str = "refused a navigation away from the app";

/// The app's stderr goes to tauri-driver's log (tauri-driver starts WebKitWebDriver, which
/// starts the app); counts the guard's lines there.
fn refusals() -> usize {
    let log = std::fs::read_to_string(paths::artifacts_dir().join("tauri-driver.log")).unwrap_or_default();
    log.matches(REFUSED).count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_window_refuses_to_navigate_away_from_the_app() {
    scenario("e2e-navigation", async |gui: &Gui| {
        gui.wait_for(r#"[data-testid="invite-drop"]"#, "the Invite step", async |_| true).await;
        let origin = gui.driver.execute("return window.location.origin", Vec::new()).await.unwrap().json().clone();
        let before = refusals();
        gui.driver
            .execute("window.location.href = 'https://console.aws.amazon.com/iam/home?token=x'", Vec::new())
            .await
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        while refusals() == before {
            assert!(Instant::now() < deadline, "the guard did not refuse the navigation within 20 s");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let log = std::fs::read_to_string(paths::artifacts_dir().join("tauri-driver.log")).unwrap();
        let line = log.lines().rfind(|l| l.contains(REFUSED)).unwrap();
        assert!(line.contains("https://console.aws.amazon.com") && !line.contains("token"), "origin only: {line}");

        let now = gui.driver.execute("return window.location.origin", Vec::new()).await.unwrap().json().clone();
        assert_eq!(now, origin, "still on the app");
        gui.wait_for(r#"[data-testid="invite-drop"]"#, "the Invite step, still there", async |el| {
            el.is_displayed().await.unwrap_or(false)
        })
        .await;
    })
    .await;
}
