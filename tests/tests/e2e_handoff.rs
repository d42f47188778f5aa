//! From a vendor-made invite to the hand-off sent, end to end: the vendor makes a key and
//! signs an invite for the sandbox account with the real CLI (`vendor keygen`, `vendor
//! invite`, its callback a loopback HTTPS endpoint of the test), the app trusts that key through
//! `PRIVATE_DEPLOY_VENDOR_KEYS` and the endpoint's CA through `SSL_CERT_FILE`; the admin opens
//! the invite in the real window (verified), installs, and presses "Send to <vendor>". The
//! endpoint gets the document with the installation's role ARN and External ID, and the window
//! says it was taken.

mod gui;

use std::path::Path;
use std::time::Duration;

use gui::{scenario_with_env, Gui};
use private_deploy_tests::installed::ACCOUNT;
use private_deploy_tests::invites::trusted_keys_file;
use private_deploy_tests::vendor_endpoint::{serve, test_ca, Reply};
use serde_json::Value;
use thirtyfour::By;

const REGION: &str = "eu-west-1";
const VENDOR: &str = "Acme Analytics";
const VENDOR_ACCOUNT: &str = "111122223333";
const INSTALLATION: &str = "acme-prod";

/// `private-deploy vendor ARGS`; it must succeed.
fn vendor(args: &[&str]) {
    let out = private_deploy_tests::cli::vendor(args);
    assert!(out.status.success(), "vendor {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_vendor_made_invite_installs_and_its_hand_off_reaches_the_vendor() {
    let endpoint = serve(vec![Reply::new(200, "{\"received\":true}")]);
    let dir = tempfile::tempdir().unwrap();
    let keys = dir.path().join("keys");
    vendor(&["keygen", "--out", path(&keys), "--vendor-name", VENDOR, "--vendor-account", VENDOR_ACCOUNT]);
    let invite = dir.path().join("acme-invite.json");
    vendor(&[
        "invite",
        "--key",
        path(&keys.join("private-key.json")),
        "--vendor-name",
        VENDOR,
        "--vendor-account",
        VENDOR_ACCOUNT,
        "--installation",
        INSTALLATION,
        "--generate-external-id",
        "--customer-account",
        ACCOUNT,
        "--expires",
        "30d",
        "--callback",
        &endpoint.url,
        "--out",
        path(&invite),
    ]);
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&invite).unwrap()).unwrap();
    let external_id = written["external_id"].as_str().unwrap().to_owned();
    let role_arn = format!("arn:aws:iam::{ACCOUNT}:role/private-deploy/PrivateDeployVendorAccess-{INSTALLATION}");
    let env = [
        ("PRIVATE_DEPLOY_VENDOR_KEYS".to_owned(), trusted_keys_file(&keys, dir.path()).display().to_string()),
        ("SSL_CERT_FILE".to_owned(), test_ca().ca_file().display().to_string()),
    ];

    scenario_with_env("e2e-handoff", &env, async |gui: &Gui| {
        // Invite: verified by the vendor's key, for this account only, with its callback.
        gui.open_invite(&invite).await;
        let verification = gui.driver.find(By::Css(r#"[data-testid="invite-verification"]"#)).await.unwrap();
        assert_eq!(verification.attr("data-status").await.unwrap().as_deref(), Some("verified"));
        // A key from PRIVATE_DEPLOY_VENDOR_KEYS, not built in: the window says so.
        assert_eq!(verification.attr("data-source").await.unwrap().as_deref(), Some("local"));
        assert!(verification.text().await.unwrap().contains("Trusted on this computer only"));
        gui.wait_text(r#"[data-testid="vendor-name"]"#, VENDOR).await;
        gui.wait_text(r#"[data-testid="vendor-account"]"#, VENDOR_ACCOUNT).await;
        let terms = gui.driver.find(By::Css(r#"[data-testid="invite-terms"]"#)).await.unwrap().text().await.unwrap();
        assert!(terms.contains(ACCOUNT) && terms.contains(&endpoint.url), "{terms}");
        assert!(gui.driver.find(By::Css(r#"[data-testid="vendor-account-confirm"]"#)).await.is_err(), "no typed ID");

        // Install into the sandbox account.
        gui.sign_in_and_review_access(false).await;
        gui.choose_region(REGION).await;
        gui.save_first_suggestion().await;
        gui.click("#next").await;
        gui.click(r#"[data-testid="install-button"]"#).await;
        gui.wait_for(r#"[data-testid="install-ready"]"#, "ready", async |_| true).await;
        gui.wait_for(r#"[data-testid="ready-role-arn"]"#, "the role ARN", async |el| {
            el.text().await.is_ok_and(|t| t.contains(&role_arn))
        })
        .await;
        // Nothing was tried before the admin asks: an attempt is journaled before its request.
        let journal = engine::journal::Journal::open(&gui.sandbox.data_dir().join(engine::journal::FILE_NAME)).unwrap();
        let record = journal.installations().unwrap().into_iter().find(|r| r.installation_id == INSTALLATION).unwrap();
        assert_eq!(journal.handoff_attempts(record.id).unwrap(), vec![], "nothing is sent before the admin asks");
        drop(journal);

        // The hand-off: shown first, then sent with the button.
        let shown = gui
            .wait_for(r#"[data-testid="handoff-body"]"#, "the hand-off", async |el| {
                el.text().await.is_ok_and(|t| t.contains(&role_arn))
            })
            .await
            .text()
            .await
            .unwrap();
        let send = gui.wait_for(r#"[data-testid="handoff-send"]"#, "the send button", async |_| true).await;
        assert_eq!(send.text().await.unwrap().trim(), format!("Send to {VENDOR}"));
        gui.click(r#"[data-testid="handoff-send"]"#).await;
        let taken = gui.wait_for(r#"[data-testid="handoff-sent"]"#, "sent", async |_| true).await.text().await.unwrap();
        assert!(taken.contains(&format!("{VENDOR} took it (HTTP 200")), "{taken}");
        gui.wait_for(r#"[data-testid="handoff-attempt"]"#, "the journaled attempt", async |el| {
            el.text().await.is_ok_and(|t| t.contains("HTTP 200"))
        })
        .await;

        // What the vendor's endpoint got: the document shown, with the role and External ID.
        let received = endpoint.wait_for(1, Duration::from_secs(5));
        assert_eq!(received.len(), 1);
        assert_eq!(received[0].line, "POST /handoff HTTP/1.1");
        let document: Value = serde_json::from_str(&received[0].body).expect("a JSON document");
        assert_eq!(document["installation_id"], INSTALLATION);
        assert_eq!(document["account_id"], ACCOUNT);
        assert_eq!(document["vendor_account_id"], VENDOR_ACCOUNT);
        assert_eq!(document["role_arn"], role_arn.as_str());
        assert_eq!(document["external_id"], external_id.as_str());
        assert_eq!(document["region"], REGION);
        assert_eq!(document, serde_json::from_str::<Value>(&shown).expect("the window shows JSON"));
        // The window's role ARN is the one IAM has.
        let session =
            engine::aws::connect(&gui.sandbox.options(Some(private_deploy_tests::sandbox::PROFILE))).await.unwrap();
        let role = private_deploy_tests::installed::iam(&session.config)
            .get_role()
            .role_name(format!("PrivateDeployVendorAccess-{INSTALLATION}"))
            .send()
            .await
            .unwrap();
        assert_eq!(role.role().unwrap().arn(), role_arn);
    })
    .await;
}
