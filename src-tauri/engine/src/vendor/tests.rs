use std::os::unix::fs::PermissionsExt as _;

use jiff::Timestamp;

use super::external_id::base32;
use super::*;
use crate::invite::{KeySource, VendorKey, Verification};

fn now() -> Timestamp {
    "2026-12-01T00:00:00Z".parse().unwrap()
}

fn options() -> InviteOptions {
    InviteOptions {
        vendor_name: "Acme Analytics".into(),
        vendor_account_id: "111122223333".into(),
        installation_id: "acme-prod".into(),
        external_id: "ext-0001".into(),
        customer_account_id: Some("444455556666".into()),
        expires: Some("30d".into()),
        ..InviteOptions::default()
    }
}

#[test]
fn base32_matches_rfc_4648_vectors() {
    assert_eq!(base32(b"foobar"), "MZXW6YTBOI");
    assert_eq!(base32(b"fooba"), "MZXW6YTB");
    let id = generate_external_id().unwrap();
    assert_eq!(id.len(), 32);
    assert_ne!(id, generate_external_id().unwrap());
}

#[test]
fn keygen_sign_verify_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let pair = keygen(dir.path(), None, "Acme Analytics", &["111122223333".into()]).unwrap();
    let mode = std::fs::metadata(&pair.private_key_file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let key = read_private_key(&pair.private_key_file).unwrap();
    assert_eq!(key.key_id, pair.public_key.key_id);
    // A second keygen in the same directory replaces nothing.
    assert!(matches!(keygen(dir.path(), None, "Acme", &["111122223333".into()]), Err(VendorError::Exists { .. })));
    // public-key.json is in the one form of a trusted key: a build or PRIVATE_DEPLOY_VENDOR_KEYS takes it.
    let text = std::fs::read_to_string(&pair.public_key_file).unwrap();
    let listed = crate::invite::parse_key_list(&text, crate::invite::KeySource::Local).unwrap();
    assert_eq!(listed, vec![pair.public_key.clone()]);

    let out = dir.path().join("invite.json");
    let made = make_invite(&options(), &key, now(), &out).unwrap();
    assert_eq!(made.invite.expires_at.as_deref(), Some("2026-12-31T00:00:00Z"));
    let read = read_invite_arg(out.to_str().unwrap()).unwrap();
    assert_eq!(read, made.invite);
    assert_eq!(read_invite_arg(&made.link).unwrap(), made.invite);

    let given = parse_public_key(pair.public_key_file.to_str().unwrap(), &read).unwrap();
    let report = verify_report(read.clone(), &given, now());
    assert!(matches!(report.verification, Verification::Verified { source: KeySource::Given, .. }), "{report:?}");
    assert!(!report.expired);
    // Trusted through the local file rather than built in.
    let local = crate::invite::parse_key_list(&text, KeySource::Local).unwrap();
    let report = verify_report(read.clone(), &local, now());
    assert!(matches!(report.verification, Verification::Verified { source: KeySource::Local, .. }));
    // After the expiry it still verifies, and says it expired.
    let later: Timestamp = "2027-01-01T00:00:00Z".parse().unwrap();
    assert!(verify_report(read.clone(), &given, later).expired);
    // Another key does not verify it.
    let other = VendorKey::for_signing_key(
        &key.key_id,
        "Acme",
        "111122223333",
        &ed25519_dalek::SigningKey::from_bytes(&[9; 32]),
    );
    let report = verify_report(read.clone(), &[other], now());
    assert!(matches!(report.verification, Verification::Invalid { .. }), "{report:?}");
    // A changed field does not verify.
    let tampered = read.edited(|f| f.customer_account_id = Some("999999999999".into())).unwrap();
    let report = verify_report(tampered, &given, now());
    assert!(matches!(report.verification, Verification::Invalid { .. }), "{report:?}");
    // The out file is never replaced.
    assert!(matches!(make_invite(&options(), &key, now(), &out), Err(VendorError::Exists { .. })));
}

#[test]
fn expiry_forms() {
    assert_eq!(parse_expiry("12h", now()).unwrap().to_string(), "2026-12-01T12:00:00Z");
    assert_eq!(parse_expiry("2027-01-31T00:00:00Z", now()).unwrap().to_string(), "2027-01-31T00:00:00Z");
    for bad in ["0d", "-3d", "xd", "2020-01-01T00:00:00Z", "tomorrow", "99999999d"] {
        assert!(matches!(parse_expiry(bad, now()), Err(VendorError::Expiry { .. })), "{bad}");
    }
}

#[test]
fn an_option_that_breaks_the_rules_names_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let key = VendorSigningKey { key_id: "k1".into(), key: ed25519_dalek::SigningKey::from_bytes(&[1; 32]) };
    let bad = InviteOptions { customer_account_id: Some("12".into()), ..options() };
    let err = make_invite(&bad, &key, now(), &dir.path().join("i.json")).unwrap_err();
    assert!(err.to_string().contains("customer_account_id"), "{err}");
    assert!(!dir.path().join("i.json").exists());
}

#[test]
fn every_error_explains_itself() {
    use crate::Explain as _;
    let all = [
        VendorError::Exists { path: "a".into() },
        VendorError::Write { path: "a".into(), reason: "r".into() },
        VendorError::KeyUnreadable { path: "a".into(), reason: "r".into() },
        VendorError::KeyInvalid { path: "a".into(), problem: "p".into() },
        VendorError::PublicKey { given: "a".into(), problem: "p".into() },
        VendorError::Expiry { given: "a".into(), problem: "is p".into() },
        VendorError::InviteRules { problem: "p".into() },
        VendorError::Random { reason: "r".into() },
    ];
    for err in all {
        let failure = err.failure();
        assert!(failure.message.ends_with('.'), "{failure:?}");
        assert!(failure.hint.is_some_and(|hint| hint.ends_with('.') || hint.ends_with(')')));
    }
}
