//! `private-deploy handoff show | send`, the real binary, after a sandbox install through the
//! CLI of an invite whose callback is a loopback HTTPS endpoint of the test
//! (`vendor_endpoint`, its CA trusted by the CLI through `SSL_CERT_FILE`): the document shown is
//! the one posted, byte for byte; a refusal exits 1 with the vendor's answer, `--json` as
//! `{error: {code, message, hint}}`.

use std::process::Output;

use private_deploy_tests::cli::{json, run, run_with};
use private_deploy_tests::installed::{ACCOUNT, ROLE_NAME};
use private_deploy_tests::invites::sandbox_invite_v2;
use private_deploy_tests::stacks::INSTALLATION_ID;
use private_deploy_tests::vendor_endpoint::{serve, test_ca, Reply};
use private_deploy_tests::{exclusive, Sandbox};
use serde_json::Value;

const REGION: &str = "eu-west-1";

/// `private-deploy ARGS` in the sandbox, trusting the test's CA.
fn run_trusting(sandbox: &Sandbox, args: &[&str]) -> Output {
    run_with(sandbox, &[("SSL_CERT_FILE", test_ca().ca_file().as_os_str())], args)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[tokio::test]
async fn handoff_show_prints_the_document_and_send_posts_exactly_it() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let endpoint = serve(vec![
        Reply::new(201, "{\"received\":true}"),
        Reply::new(422, "unknown installation sandbox-demo"),
        Reply::new(403, "this endpoint does not know you"),
    ]);
    let invite = sandbox_invite_v2(|f| {
        f["callback"] = endpoint.url.as_str().into();
        f["customer_account_id"] = ACCOUNT.into();
    });
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("invite.json");
    std::fs::write(&file, serde_json::to_string(&invite).unwrap()).unwrap();
    let out =
        run(&sandbox, &["install", "--invite", file.to_str().unwrap(), "--region", REGION, "--cidr", "auto", "--yes"]);
    assert!(out.status.success(), "{}\n{}", text(&out.stdout), text(&out.stderr));
    // Nothing was even tried (an attempt would be journaled, whether or not TLS let it through).
    let journal = engine::journal::Journal::open(&sandbox.data_dir().join(engine::journal::FILE_NAME)).unwrap();
    let record = journal.installations().unwrap().into_iter().find(|r| r.installation_id == INSTALLATION_ID).unwrap();
    assert_eq!(journal.handoff_attempts(record.id).unwrap(), vec![], "nothing is sent without --send-handoff");
    drop(journal);
    assert!(endpoint.received().is_empty());

    // show --json: the document alone.
    let out = run(&sandbox, &["handoff", "show", INSTALLATION_ID, "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    let document = json(&out);
    assert_eq!(document["installation_id"], INSTALLATION_ID);
    assert_eq!(document["account_id"], ACCOUNT);
    assert_eq!(document["vendor_account_id"], "210987654321");
    assert_eq!(document["role_arn"], format!("arn:aws:iam::{ACCOUNT}:role/private-deploy/{ROLE_NAME}"));
    assert_eq!(document["external_id"], "pd-sandbox-demo-0001");
    assert_eq!(document["region"], REGION);
    assert_eq!(document["vpc_cidr"], "10.0.0.0/16");
    let outputs = document["outputs"].as_array().unwrap();
    assert!(outputs.iter().any(|o| o["key"] == "RoleArn" && o["value"] == document["role_arn"]), "{document}");
    // For people, the same document, then where it goes.
    let out = run(&sandbox, &["handoff", "show", INSTALLATION_ID]);
    assert_eq!(text(&out.stdout), shown);
    assert!(text(&out.stderr).contains(&endpoint.url), "{}", text(&out.stderr));

    // send: exactly that body, to the invite's callback.
    let out = run_trusting(&sandbox, &["handoff", "send", INSTALLATION_ID]);
    assert!(out.status.success(), "{}\n{}", text(&out.stdout), text(&out.stderr));
    assert!(text(&out.stdout).contains("HTTP 201"), "{}", text(&out.stdout));
    let received = endpoint.wait_for(1, std::time::Duration::from_secs(5));
    assert_eq!(received[0].line, "POST /handoff HTTP/1.1");
    assert_eq!(received[0].header("content-type"), Some("application/json"));
    assert_eq!(received[0].body, shown.trim_end_matches('\n'));
    assert_eq!(serde_json::from_str::<Value>(&received[0].body).unwrap(), document);

    // A refusal: exit 1, the vendor's answer and what to do, and no retry.
    let out = run_trusting(&sandbox, &["handoff", "send", INSTALLATION_ID]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("refused the hand-off (HTTP 422)"), "{stderr}");
    assert!(stderr.contains("unknown installation sandbox-demo"), "{stderr}");
    assert!(stderr.contains("copy the hand-off and send it yourself"), "{stderr}");
    assert_eq!(endpoint.received().len(), 2);
    let out = run_trusting(&sandbox, &["handoff", "send", INSTALLATION_ID, "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let error = &json(&out)["error"];
    assert_eq!(error["code"], "handoff_refused", "{error}");
    assert!(error["message"].as_str().unwrap().contains("this endpoint does not know you"), "{error}");
    assert!(error["hint"].as_str().unwrap().contains("send it yourself"), "{error}");
    assert_eq!(endpoint.received().len(), 3);

    // Every attempt is journaled, with the vendor's answer.
    let out = run(&sandbox, &["handoff", "show", INSTALLATION_ID]);
    let stderr = text(&out.stderr);
    for status in ["HTTP 201", "HTTP 422", "HTTP 403"] {
        assert!(stderr.contains(status), "{status}: {stderr}");
    }
}

#[tokio::test]
async fn handoff_of_an_unknown_installation_and_without_a_callback_says_what_to_do() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let out = run(&sandbox, &["handoff", "show", "no-such-installation", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let error = &json(&out)["error"];
    assert_eq!(error["code"], "not_found");
    assert!(error["message"].as_str().unwrap().contains("no-such-installation"), "{error}");
    assert!(error["hint"].as_str().unwrap().contains("private-deploy status"), "{error}");

    // The sandbox invite (version 1) has no callback: send refuses before any connection.
    let out = run(
        &sandbox,
        &[
            "install",
            "--invite",
            private_deploy_tests::stacks::fixture("sandbox-invite.json").to_str().unwrap(),
            "--region",
            REGION,
            "--cidr",
            "auto",
            "--yes",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = run(&sandbox, &["handoff", "send", INSTALLATION_ID, "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let error = &json(&out)["error"];
    assert_eq!(error["code"], "invalid_input");
    assert!(error["message"].as_str().unwrap().contains("gives no address"), "{error}");
    assert!(error["hint"].as_str().unwrap().contains("send it to the vendor yourself"), "{error}");
}
