//! The wizard window, end to end: open, go to Sign in, pick a profile, see the account.

mod gui;

use gui::{scenario, Gui};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signs_in_to_the_sandbox_account_after_an_sso_profile_fails() {
    scenario("e2e-sign-in", async |gui: &Gui| {
        gui.click(r#"button[data-step="sign-in"]"#).await;
        let current = gui.driver.find(thirtyfour::By::Css(r#"[aria-current="step"]"#)).await.unwrap();
        assert_eq!(current.attr("data-step").await.unwrap().as_deref(), Some("sign-in"));
        let review = gui.driver.find(thirtyfour::By::Css(r#"button[data-step="review-access"]"#)).await.unwrap();
        assert_eq!(
            review.attr("aria-disabled").await.unwrap().as_deref(),
            Some("true"),
            "Review access waits for an invite and a sign-in"
        );

        // An SSO profile whose login has expired: the error names the command to run.
        gui.click(r#"input[type=radio][name=profile][value="expired-sso"]"#).await;
        gui.click("#sign-in").await;
        let error = gui
            .wait_for(r#"[data-testid="error"]"#, "an error", async |el| el.is_displayed().await.unwrap_or(false))
            .await;
        assert_eq!(error.attr("data-code").await.unwrap().as_deref(), Some("sso_login_required"));
        assert!(error.text().await.unwrap().contains("aws sso login --profile expired-sso"));

        gui.click(r#"input[type=radio][name=profile][value="sandbox"]"#).await;
        gui.click("#sign-in").await;
        gui.wait_text(r#"[data-testid="account-id"]"#, "123456789012").await;
        let arn = gui.driver.find(thirtyfour::By::Css(r#"[data-testid="arn"]"#)).await.unwrap().text().await.unwrap();
        assert!(arn.contains(":123456789012:"), "{arn}");
    })
    .await;
}
