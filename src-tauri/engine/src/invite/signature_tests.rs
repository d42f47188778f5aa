//! Unit tests of signing and verifying, the trusted keys, the committed sandbox fixtures,
//! the typed confirmation and the summary.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde_json::json;

use super::test_support::*;
use super::*;
use crate::Explain as _;

fn sandbox_keys() -> Vec<VendorKey> {
    trusted_keys(None).unwrap()
}

fn signed_sample() -> Invite {
    sign(&sandbox_invite(), SANDBOX_KEY_ID, &sandbox_signing_key()).unwrap()
}

fn sandbox_verified() -> Verification {
    Verification::Verified {
        key_id: SANDBOX_KEY_ID.to_owned(),
        vendor_name: SANDBOX_VENDOR_NAME.to_owned(),
        source: KeySource::Sandbox,
    }
}

fn invalid(key_id: &str) -> Verification {
    Verification::Invalid { key_id: key_id.to_owned() }
}

#[test]
fn the_pinned_sandbox_key_is_the_public_half_of_the_sandbox_seed() {
    let pinned = pinned_keys().unwrap();
    let key = pinned.last().unwrap();
    assert_eq!((key.key_id.as_str(), key.vendor_name.as_str()), (SANDBOX_KEY_ID, SANDBOX_VENDOR_NAME));
    assert_eq!(
        (key.vendor_account_ids.as_slice(), key.source),
        ([SANDBOX_ACCOUNT_ID.to_owned()].as_slice(), KeySource::Sandbox)
    );
    assert_eq!(key.verifying_key().unwrap(), sandbox_signing_key().verifying_key());
    assert_eq!(
        SANDBOX_SIGNING_SEED.iter().map(|b| format!("{b:02x}")).collect::<String>(),
        "7d1c1f0e2b3a49586776859493a2b1c0d0e1f2031425364758697a8b9cadbecf"
    );
}

#[test]
fn canonical_json_sorts_keys_has_no_whitespace_and_leaves_out_the_signature() {
    let expected = concat!(
        r#"{"access_mode":"full","environment":{"parameters":{},"template":"reference"},"#,
        r#""external_id":"pd-sandbox-demo-0001","installation_id":"sandbox-demo","role_path":"/private-deploy/","#,
        r#""vendor":{"account_id":"210987654321","name":"Sandbox Vendor"},"version":1,"vpc_prefix":16}"#
    );
    assert_eq!(canonical_json(&sandbox_invite()), expected);
    assert_eq!(canonical_json(&signed_sample()), expected);
}

#[test]
fn canonical_json_does_not_depend_on_the_input_order_or_whitespace() {
    let compact = r#"{"version":1,"vendor":{"name":"V","account_id":"111122223333"},"installation_id":"abc","external_id":"ex","access_mode":"full","environment":{"template":"reference","parameters":{}}}"#;
    let reordered = r#"
    {
        "environment" : { "parameters" : { }, "template" : "reference" },
        "access_mode" : "full",   "external_id" : "ex",
        "installation_id" : "abc",
        "vendor" : { "account_id" : "111122223333", "name" : "V" },
        "version" : 1
    }"#;
    let a = canonical_json(&parse_invite(compact).unwrap());
    let b = canonical_json(&parse_invite(reordered).unwrap());
    assert_eq!(a, b);
    assert!(a.contains(r#""vendor":{"account_id":"111122223333","name":"V"}"#), "{a}");
    assert!(!a.contains(' '));
}

#[test]
fn a_signature_by_the_pinned_key_verifies() {
    let signed = signed_sample();
    let signature = signed.signature.as_ref().unwrap();
    assert_eq!(signature.key_id, SANDBOX_KEY_ID);
    assert_eq!(STANDARD.decode(&signature.ed25519).unwrap().len(), 64);
    assert_eq!(verify(&signed, &sandbox_keys()), sandbox_verified());
    assert!(verify(&signed, &sandbox_keys()).is_verified());
}

#[test]
fn an_invite_without_signature_is_unsigned() {
    assert_eq!(verify(&sandbox_invite(), &sandbox_keys()), Verification::Unsigned);
    assert!(!Verification::Unsigned.is_verified());
}

#[test]
fn a_key_id_the_app_does_not_know_is_an_unknown_key() {
    let signed = sign(&sandbox_invite(), "popsql-2026", &test_key(7)).unwrap();
    assert_eq!(verify(&signed, &sandbox_keys()), Verification::UnknownKey { key_id: "popsql-2026".to_owned() });
    assert_eq!(verify(&signed_sample(), &[]), Verification::UnknownKey { key_id: SANDBOX_KEY_ID.to_owned() });
}

#[test]
fn any_change_after_signing_makes_the_signature_invalid() {
    let signed = signed_sample();
    type Tamper = fn(&mut InviteFields);
    let tampers: Vec<(&str, Tamper)> = vec![
        ("external_id", |i| i.external_id.push('x')),
        ("vendor.name", |i| i.vendor.name = "Sandbox Vendor Inc".to_owned()),
        ("installation_id", |i| i.installation_id = "sandbox-demo2".to_owned()),
        ("access_mode", |i| i.access_mode = AccessMode::Boundary),
        ("vpc_prefix", |i| i.vpc_prefix = 17),
        ("role_path", |i| i.role_path = "/".to_owned()),
        ("environment.parameters", |i| {
            i.environment.parameters.insert("A".to_owned(), "1".to_owned());
        }),
        ("signature.ed25519", |i| {
            let signature = i.signature.as_mut().unwrap();
            let mut bytes = STANDARD.decode(&signature.ed25519).unwrap();
            bytes[10] ^= 1;
            signature.ed25519 = STANDARD.encode(bytes);
        }),
        ("signature.ed25519 not base64", |i| i.signature.as_mut().unwrap().ed25519 = "%%%".to_owned()),
    ];
    for (what, tamper) in tampers {
        let mut fields = signed.fields().clone();
        tamper(&mut fields);
        match Invite::try_from(fields) {
            Ok(changed) => {
                assert_ne!(changed, signed, "{what}");
                assert_eq!(verify(&changed, &sandbox_keys()), invalid(SANDBOX_KEY_ID), "{what}");
            }
            // A signature that is not base64, or a parameter the environment does not take,
            // never becomes an invite to verify.
            Err(err) => assert!(what.ends_with("not base64") || what == "environment.parameters", "{what}: {err}"),
        }
    }
}

#[test]
fn a_tampered_file_is_invalid() {
    let text = fixture(SIGNED_FIXTURE).replace("pd-sandbox-demo-0001", "pd-sandbox-demo-0002");
    let invite = parse_invite(&text).unwrap();
    assert_eq!(verify(&invite, &sandbox_keys()), invalid(SANDBOX_KEY_ID));
}

#[test]
fn a_pinned_key_only_vouches_for_its_own_account() {
    // A genuine sandbox signature over an invite that names another account.
    let other = sandbox_invite().edited(|i| i.vendor.account_id = "111122223333".to_owned()).unwrap();
    let signed = sign(&other, SANDBOX_KEY_ID, &sandbox_signing_key()).unwrap();
    assert_eq!(verify(&signed, &sandbox_keys()), invalid(SANDBOX_KEY_ID));

    // A key pinned for another account, signing an invite for the sandbox account.
    let key = test_key(3);
    let keys = vec![VendorKey::for_signing_key("popsql-2026", "PopSQL", "111122223333", &key)];
    let signed = sign(&sandbox_invite(), "popsql-2026", &key).unwrap();
    assert_eq!(verify(&signed, &keys), invalid("popsql-2026"));
    assert_eq!(
        verify(&signed, &[VendorKey::for_signing_key("popsql-2026", "PopSQL", SANDBOX_ACCOUNT_ID, &key)]),
        Verification::Verified {
            key_id: "popsql-2026".to_owned(),
            vendor_name: "PopSQL".to_owned(),
            source: KeySource::Local
        }
    );
}

#[test]
fn a_signature_by_another_key_under_a_pinned_key_id_is_invalid() {
    let forged = sign(&sandbox_invite(), SANDBOX_KEY_ID, &test_key(9)).unwrap();
    assert_eq!(verify(&forged, &sandbox_keys()), invalid(SANDBOX_KEY_ID));
}

#[test]
fn signing_again_replaces_the_signature() {
    let first = signed_sample();
    let again = sign(&first, "other", &test_key(2)).unwrap();
    assert_eq!(again.signature.as_ref().unwrap().key_id, "other");
    assert_eq!(canonical_json(&again), canonical_json(&first));
    assert_eq!(sign(&again, SANDBOX_KEY_ID, &sandbox_signing_key()).unwrap(), first, "Ed25519 is deterministic");
}

#[test]
fn left_out_defaults_sign_the_same_as_written_out_ones() {
    let text = sample_with(|v| {
        for field in ["vpc_prefix", "role_path"] {
            v.as_object_mut().unwrap().remove(field);
        }
        v["environment"].as_object_mut().unwrap().remove("parameters");
        v["signature"] = serde_json::to_value(&signed_sample().signature).unwrap();
    });
    assert!(!text.contains("vpc_prefix"));
    assert_eq!(verify(&parse_invite(&text).unwrap(), &sandbox_keys()), sandbox_verified());
}

/// Writes the committed fixtures; run it after changing the sample or the signing scheme.
#[test]
#[ignore = "writes tests/fixtures; run by hand"]
fn write_sandbox_fixtures() {
    std::fs::write(fixture_path(UNSIGNED_FIXTURE), fixture_text(&sandbox_invite())).unwrap();
    std::fs::write(fixture_path(SIGNED_FIXTURE), fixture_text(&signed_sample())).unwrap();
}

#[test]
fn the_committed_signed_fixture_is_verified_by_the_pinned_key() {
    let text = fixture(SIGNED_FIXTURE);
    let invite = parse_invite(&text).unwrap();
    assert_eq!(verify(&invite, &sandbox_keys()), sandbox_verified());
    assert_eq!(InviteFields { signature: None, ..invite.fields().clone() }, sandbox_invite().into_fields());
    assert_eq!(text, fixture_text(&signed_sample()), "the fixture is what write_sandbox_fixtures writes");
}

#[test]
fn the_committed_unsigned_fixture_is_unsigned() {
    let text = fixture(UNSIGNED_FIXTURE);
    let invite = parse_invite(&text).unwrap();
    assert_eq!(invite, sandbox_invite());
    assert_eq!(verify(&invite, &sandbox_keys()), Verification::Unsigned);
    assert_eq!(text, fixture_text(&sandbox_invite()));
}

#[test]
fn the_vendor_account_is_confirmed_only_by_its_exact_digits() {
    let invite = sandbox_invite();
    assert_eq!(confirm_vendor_account(&invite, "210987654321"), Ok(()));
    assert_eq!(confirm_vendor_account(&invite, "  210987654321\n"), Ok(()));
    for typed in ["", "21098765432", "2109-8765-4321", "210987654322", "210987654321 1"] {
        let err = confirm_vendor_account(&invite, typed).unwrap_err();
        assert_eq!(err, InviteError::AccountNotConfirmed { typed: typed.to_owned() });
        assert_eq!(err.field(), "vendor.account_id");
        assert!(err.failure().message.contains("vendor.account_id"), "{}", err.failure().message);
        assert!(err.failure().hint.unwrap().contains("without dashes"));
    }
}

#[test]
fn the_summary_says_who_gets_what_and_whether_to_confirm() {
    let summary = summarize(parse_invite(&fixture(SIGNED_FIXTURE)).unwrap(), &sandbox_keys()).unwrap();
    assert_eq!(summary.verification, sandbox_verified());
    assert!(!summary.needs_confirmation);
    assert_eq!(
        summary.access,
        "Sandbox Vendor (AWS account 210987654321) gets full administrator access to this AWS account through \
         a role under the path /private-deploy/, and only with the External ID pd-sandbox-demo-0001."
    );

    let limited = sandbox_invite().edited(|i| i.access_mode = AccessMode::Boundary).unwrap();
    let summary = summarize(limited, &sandbox_keys()).unwrap();
    assert_eq!(summary.verification, Verification::Unsigned);
    assert!(summary.needs_confirmation);
    assert!(summary.access.contains("gets administrator access limited by the Private Deploy permissions boundary"));

    let summary = serde_json::to_value(summarize(signed_sample(), &[]).unwrap()).unwrap();
    assert_eq!(summary["verification"], json!({"status": "unknown_key", "key_id": "sandbox-2026"}));
    assert_eq!(summary["needs_confirmation"], json!(true));
}

#[test]
fn extra_vendor_keys_come_from_the_file_the_variable_names() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keys.json");
    let key = test_key(5);
    let extra = VendorKey::for_signing_key("staging-1", "PopSQL Staging", "111122223333", &key);
    std::fs::write(&path, serde_json::to_string(&[&extra]).unwrap()).unwrap();

    let keys = trusted_keys(Some(path.to_str().unwrap())).unwrap();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[1], extra);
    let invite = sandbox_invite().edited(|i| i.vendor.account_id = "111122223333".to_owned()).unwrap();
    let signed = sign(&invite, "staging-1", &key).unwrap();
    assert!(verify(&signed, &keys).is_verified());
    assert_eq!(verify(&signed, &sandbox_keys()), Verification::UnknownKey { key_id: "staging-1".to_owned() });
    assert_eq!(trusted_keys(Some("  ")).unwrap(), pinned_keys().unwrap(), "an empty variable adds nothing");
}

#[test]
fn an_unusable_vendor_key_file_is_an_error_naming_the_variable() {
    let dir = tempfile::tempdir().unwrap();
    let good = VendorKey::for_signing_key("staging-1", "PopSQL", "111122223333", &test_key(5));
    let with = |change: &dyn Fn(&mut serde_json::Value)| {
        let mut value = json!([good]);
        change(&mut value);
        value.to_string()
    };
    let cases: Vec<(&str, String, &str)> = vec![
        ("not json", "nope".to_owned(), "not a JSON array"),
        ("a number", "12".to_owned(), "not a JSON array"),
        ("unknown field", with(&|v| v[0]["comment"] = json!("x")), "unknown field `comment`"),
        ("a claimed source", with(&|v| v[0]["source"] = json!("built_in")), "unknown field `source`"),
        ("the old single account", with(&|v| v[0]["vendor_account_id"] = json!("111122223333")), "unknown field"),
        ("bad account", with(&|v| v[0]["vendor_account_ids"] = json!(["1234"])), "vendor_account_ids must be"),
        ("no account", with(&|v| v[0]["vendor_account_ids"] = json!([])), "at least one AWS account"),
        ("bad key id", with(&|v| v[0]["key_id"] = json!("a b")), "key_id may only contain"),
        ("short key", with(&|v| v[0]["public_key"] = json!(STANDARD.encode([1u8; 31]))), "32 bytes (found 31)"),
        ("not base64", with(&|v| v[0]["public_key"] = json!("***")), "not base64"),
        ("built-in id", with(&|v| v[0]["key_id"] = json!(SANDBOX_KEY_ID)), "reuses the ID of a key built into"),
        (
            "twice",
            with(&|v| {
                let first = v[0].clone();
                v.as_array_mut().unwrap().push(first);
            }),
            "appears twice",
        ),
    ];
    for (what, text, expected) in cases {
        let path = dir.path().join("keys.json");
        std::fs::write(&path, text).unwrap();
        let err = trusted_keys(Some(path.to_str().unwrap())).unwrap_err();
        assert_eq!(err.field(), VENDOR_KEYS_ENV, "{what}");
        assert!(err.to_string().contains(expected), "{what}: {err}");
        assert!(err.failure().message.contains(VENDOR_KEYS_ENV), "{what}");
    }
    let err = trusted_keys(Some("/nonexistent/keys.json")).unwrap_err();
    assert!(err.to_string().contains("cannot be read"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_vendor_key_file_that_others_can_write_is_refused() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keys.json");
    let good = VendorKey::for_signing_key("staging-1", "PopSQL", "111122223333", &test_key(5));
    std::fs::write(&path, json!([good]).to_string()).unwrap();
    for (mode, usable) in [(0o600, true), (0o644, true), (0o664, false), (0o646, false)] {
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        let read = trusted_keys(Some(path.to_str().unwrap()));
        assert_eq!(read.is_ok(), usable, "mode {mode:o}: {read:?}");
        if let Err(err) = read {
            assert!(err.to_string().contains("chmod 600"), "{err}");
        }
    }
}

#[test]
fn an_invite_altered_after_signing_by_a_pinned_key_is_refused_naming_the_key() {
    let altered = signed_sample().edited(|i| i.external_id.push('x')).unwrap();
    let err = summarize(altered.clone(), &sandbox_keys()).unwrap_err();
    match &err {
        InviteError::Altered { key_id, key_vendor } => {
            assert_eq!(key_id, SANDBOX_KEY_ID);
            assert!(!key_vendor.is_empty());
        }
        other => panic!("unexpected {other:?}"),
    }
    let failure = crate::Explain::failure(&err);
    assert!(failure.message.contains(SANDBOX_KEY_ID), "{}", failure.message);
    assert!(failure.hint.as_deref().unwrap().contains("Do not use this invite"));
    // Not a key this app trusts: unverified, and the admin may confirm it by typing the account.
    let unknown = summarize(altered, &[]).unwrap();
    assert!(unknown.needs_confirmation);
}
