//! The built-in key table: exactly the keys of `vendor-keys.json` in a release, the sandbox
//! key added only in a sandbox build, and a broken table refused.

use ed25519_dalek::SigningKey;
use serde_json::json;

use super::*;

fn entry(key_id: &str, accounts: &[&str], seed: u8) -> serde_json::Value {
    let key = VendorKey::for_signing_key(key_id, "PopSQL", accounts[0], &SigningKey::from_bytes(&[seed; 32]));
    json!({"key_id": key.key_id, "public_key": key.public_key, "vendor_name": key.vendor_name, "vendor_account_ids": accounts})
}

#[test]
fn the_compiled_in_table_is_the_committed_vendor_keys_json() {
    // Read from disk now, not through include_str!: the table in the binary is the file's.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("vendor-keys.json");
    let file = std::fs::read_to_string(&path).unwrap();
    let configured = parse_key_list(&file, KeySource::BuiltIn).unwrap();
    assert_eq!(built_in_table(BUILT_IN_KEYS, false).unwrap(), configured);
    assert!(configured.iter().all(|key| key.key_id != SANDBOX_KEY_ID && key.public_key != SANDBOX_PUBLIC_KEY));
    let pinned = pinned_keys().unwrap();
    assert_eq!(&pinned[..configured.len()], configured.as_slice());
}

#[test]
fn a_release_table_holds_exactly_the_configured_keys_and_a_sandbox_one_adds_the_sandbox_key() {
    let file =
        json!([entry("popsql-2026", &["111122223333", "444455556666"], 1), entry("popsql-2027", &["111122223333"], 2)])
            .to_string();
    let release = built_in_table(&file, false).unwrap();
    assert_eq!(release.iter().map(|k| k.key_id.as_str()).collect::<Vec<_>>(), ["popsql-2026", "popsql-2027"]);
    assert!(release.iter().all(|key| key.source == KeySource::BuiltIn));
    assert!(release[0].vouches_for("444455556666") && !release[1].vouches_for("444455556666"));

    let sandbox = built_in_table(&file, true).unwrap();
    assert_eq!(&sandbox[..2], release.as_slice());
    assert_eq!((sandbox.len(), sandbox[2].key_id.as_str(), sandbox[2].source), (3, SANDBOX_KEY_ID, KeySource::Sandbox));
    assert_eq!(sandbox[2].verifying_key().unwrap(), sandbox_signing_key().verifying_key());
}

#[test]
fn a_broken_table_is_an_error_saying_the_build_is_broken() {
    for (what, file, expected) in [
        ("not json", "[".to_owned(), "not a JSON array"),
        (
            "no account",
            json!([{"key_id": "k", "public_key": "x", "vendor_name": "V", "vendor_account_ids": []}]).to_string(),
            "at least one",
        ),
        (
            "twice",
            json!([entry("k1", &["111122223333"], 1), entry("k1", &["111122223333"], 2)]).to_string(),
            "appears twice",
        ),
        ("the sandbox id", json!([entry(SANDBOX_KEY_ID, &["111122223333"], 1)]).to_string(), "is the sandbox's"),
    ] {
        let err = built_in_table(&file, true).unwrap_err();
        assert!(matches!(err, InviteError::BuiltInKeys { .. }), "{what}: {err:?}");
        assert!(err.to_string().contains(expected), "{what}: {err}");
        assert!(err.to_string().contains(BUILT_IN_KEYS_FILE), "{what}: {err}");
    }
}

#[test]
fn a_key_verifies_invites_of_every_account_it_lists_and_no_other() {
    use crate::invite::test_support::sandbox_invite;
    use crate::invite::{sign, verify, Verification};
    let signing = SigningKey::from_bytes(&[4; 32]);
    let mut key = VendorKey::for_signing_key("popsql-2026", "PopSQL", "111122223333", &signing);
    key.vendor_account_ids.push(SANDBOX_ACCOUNT_ID.to_owned());
    key.source = KeySource::BuiltIn;
    let for_account = |account: &str| {
        let invite = sandbox_invite().edited(|i| i.vendor.account_id = account.to_owned()).unwrap();
        verify(&sign(&invite, "popsql-2026", &signing).unwrap(), std::slice::from_ref(&key))
    };
    for account in ["111122223333", SANDBOX_ACCOUNT_ID] {
        assert!(matches!(for_account(account), Verification::Verified { source: KeySource::BuiltIn, .. }), "{account}");
    }
    assert_eq!(for_account("999988887777"), Verification::Invalid { key_id: "popsql-2026".to_owned() });
}

#[test]
fn the_sandbox_public_key_is_refused_under_any_other_name() {
    let sandbox = json!([{
        "key_id": "acme-2026", "public_key": SANDBOX_PUBLIC_KEY, "vendor_name": "Acme",
        "vendor_account_ids": ["111122223333"],
    }])
    .to_string();
    for with_sandbox in [false, true] {
        let err = built_in_table(&sandbox, with_sandbox).unwrap_err();
        assert!(err.to_string().contains("public sandbox key"), "{err}");
    }
    let local = parse_key_list(&sandbox, KeySource::Local);
    assert_eq!(local.is_ok(), SANDBOX_BUILD, "a sandbox build may trust it from a local file: {local:?}");
    assert!(parse_key_list(&sandbox, KeySource::Given).is_ok(), "--key only says who signed");
}
