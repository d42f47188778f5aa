use super::*;

#[test]
fn the_report_lists_the_sandbox_key_and_the_journal_and_holds_no_secret() {
    let journal = Journal::open_in_memory().unwrap();
    let report = gather(&journal, vec![], Some("Tauri 2".into()));
    assert_eq!(report.version, env!("CARGO_PKG_VERSION"));
    assert_eq!(report.journal_schema, Some(report.journal_schema_supported));
    let sandbox = report.trusted_keys.iter().find(|key| key.key_id == invite::SANDBOX_KEY_ID).unwrap();
    assert_eq!(sandbox.source, KeySource::Sandbox);
    assert_eq!(sandbox.fingerprint.len(), 16);
    let text = report.text.clone();
    assert!(text.contains("Window: Tauri 2"), "{text}");
    assert!(text.contains("sandbox-2026 (Sandbox Vendor, accounts 210987654321): the public sandbox key"), "{text}");
    assert!(text.contains("Recent failures:\n  none recorded"), "{text}");
    // The public key itself is not needed to compare: the fingerprint is.
    assert!(!text.contains(&invite::pinned_keys().unwrap().last().unwrap().public_key), "{text}");
}
