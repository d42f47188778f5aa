use jiff::Timestamp;

use super::*;
use crate::install::StackKind;
use crate::journal::NewInstallation;
use crate::stacks::StackStatus;

const EXTERNAL_ID: &str = "pd-ext-7c1f0e2b3a495867";

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn journal_with_failures() -> Journal {
    let journal = Journal::open_in_memory().unwrap();
    let record = journal
        .begin_installation(&NewInstallation {
            installation_id: "acme-prod".into(),
            account: "111111111111".into(),
            home_region: "us-east-1".into(),
            region: "eu-west-1".into(),
            cidr: "10.20.0.0/16".parse().unwrap(),
            invite: serde_json::json!({"external_id": EXTERNAL_ID}).to_string(),
            use_boundary: false,
            zones: vec![],
            stacks: vec![
                (StackKind::Access, "us-east-1".into(), "private-deploy-access-acme-prod".into()),
                (StackKind::Environment, "eu-west-1".into(), "private-deploy-env-acme-prod".into()),
            ],
            at: at("2026-11-21T10:00:00Z"),
        })
        .unwrap();
    journal.set_stack_id(record.id, StackKind::Access, "arn:access", at("2026-11-21T10:00:01Z")).unwrap();
    journal.set_stack_id(record.id, StackKind::Environment, "arn:env", at("2026-11-21T10:00:02Z")).unwrap();
    journal
        .record_stack_status(
            "arn:access",
            &StackStatus::from("ROLLBACK_COMPLETE"),
            Some(&format!("Parameter ExternalId value {EXTERNAL_ID} is not allowed")),
            at("2026-11-21T10:05:00Z"),
        )
        .unwrap();
    journal
        .record_stack_status("arn:env", &StackStatus::from("CREATE_COMPLETE"), None, at("2026-11-21T10:06:00Z"))
        .unwrap();
    // Written with a capital and no path slash: an HTTP library prints it normalized.
    let url = "https://Vendor.example?token=s3cret";
    let row = journal.begin_handoff_attempt(record.id, url, "ab", 1, at("2026-11-21T10:07:00Z")).unwrap();
    journal
        .finish_handoff_attempt(
            row,
            None,
            None,
            Some("error sending request for url (https://vendor.example/?token=s3cret)"),
            at("2026-11-21T10:07:05Z"),
        )
        .unwrap();
    let row = journal.begin_handoff_attempt(record.id, url, "ab", 2, at("2026-11-21T10:08:00Z")).unwrap();
    journal.finish_handoff_attempt(row, Some(200), Some("ok"), None, at("2026-11-21T10:08:01Z")).unwrap();
    journal
}

#[test]
fn failed_stacks_and_refused_hand_offs_come_newest_first_and_successes_do_not() {
    let failures = journal_with_failures().recent_failures(10).unwrap();
    let what: Vec<&str> = failures.iter().map(|f| f.what.as_str()).collect();
    assert_eq!(
        what,
        ["hand-off to https://vendor.example", "access stack private-deploy-access-acme-prod: ROLLBACK_COMPLETE"]
    );
    assert!(failures.iter().all(|f| f.installation_id == "acme-prod"));
    assert_eq!(journal_with_failures().recent_failures(1).unwrap().len(), 1);
}

#[test]
fn no_external_id_and_no_callback_path_or_token_is_ever_shown() {
    let failures = journal_with_failures().recent_failures(10).unwrap();
    let text = serde_json::to_string(&failures).unwrap();
    assert!(!text.contains(EXTERNAL_ID), "{text}");
    assert!(!text.contains("s3cret"), "{text}");
    assert!(text.contains("[External ID]"), "the reason is kept, blanked: {text}");
    assert!(text.contains("error sending request for url (https://vendor.example)"), "{text}");
}

#[test]
fn an_invite_that_is_not_json_hides_no_failure() {
    let journal = journal_with_failures();
    journal.write(|tx| tx.execute("UPDATE installation SET invite = 'not json'", [])).unwrap();
    assert_eq!(journal.recent_failures(10).unwrap().len(), 2);
}

#[test]
fn the_schema_version_is_this_builds_after_migrating() {
    let journal = Journal::open_in_memory().unwrap();
    assert_eq!(journal.schema_version().unwrap(), Journal::supported_schema_version());
    assert!(Journal::supported_schema_version() >= 9);
}
