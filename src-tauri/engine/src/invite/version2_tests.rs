//! Unit tests of invite format version 2: its fields, what it requires written out, the
//! vendor role's account, that version 1 cannot carry its fields, and that its signature
//! covers the document exactly as written (RFC 8785).

use serde_json::{json, Value};

use super::test_support::*;
use super::*;

/// A version 2 invite with every field, as a vendor's tool writes it.
fn v2() -> Value {
    json!({
        "version": 2,
        "vendor": {"name": SANDBOX_VENDOR_NAME, "account_id": SANDBOX_ACCOUNT_ID},
        "installation_id": "acme-prod",
        "external_id": "pd-acme-prod-7f3a9c",
        "access_mode": "boundary",
        "vpc_prefix": 20,
        "role_path": "/private-deploy/",
        "environment": {"template": "reference"},
        "customer_account_id": "123456789012",
        "expires_at": "2027-01-31T23:59:59Z",
        "vendor_role_arn": format!("arn:aws:iam::{SANDBOX_ACCOUNT_ID}:role/support/PrivateDeployOperator"),
        "require_source_identity": true,
        "callback": "https://console.vendor.example/private-deploy/handoff"
    })
}

fn problems(value: &Value) -> Vec<(String, String)> {
    match parse_invite(&value.to_string()) {
        Err(InviteError::Invalid { problems }) => problems.into_iter().map(|p| (p.field, p.problem)).collect(),
        other => panic!("expected field problems, got {other:?}"),
    }
}

#[test]
fn a_full_version_2_invite_reads_and_serializes_as_written() {
    let invite = parse_invite(&v2().to_string()).unwrap();
    assert_eq!(invite.customer_account_id.as_deref(), Some("123456789012"));
    assert!(invite.requires_source_identity());
    assert_eq!(invite.expiry().unwrap().to_string(), "2027-01-31T23:59:59Z");
    assert_eq!(serde_json::to_value(&invite).unwrap(), v2());
}

#[test]
fn version_2_fields_are_checked() {
    let cases: Vec<(&str, Value, &str)> = vec![
        ("customer_account_id", json!("1234"), "exactly 12 digits"),
        ("expires_at", json!("next tuesday"), "RFC 3339"),
        ("expires_at", json!("2027-01-31T23:59:59"), "RFC 3339"),
        ("vendor_role_arn", json!("arn:aws:iam::210987654321:user/bob"), "IAM role ARN"),
        ("vendor_role_arn", json!("arn:aws:iam::210987654321:role/"), "IAM role ARN"),
        (
            "vendor_role_arn",
            json!("arn:aws:iam::123456789012:role/Support"),
            "role of the vendor's account 210987654321",
        ),
        ("require_source_identity", json!("yes"), "true or false"),
        ("callback", json!("http://vendor.example/h"), "https"),
        ("callback", json!("https://user:pw@vendor.example/h"), "user name or password"),
        ("callback", json!("not a url"), "https URL"),
    ];
    for (field, bad, expected) in cases {
        let mut value = v2();
        value[field] = bad.clone();
        let found = problems(&value);
        assert_eq!(found.len(), 1, "{field} = {bad}: {found:?}");
        assert_eq!(found[0].0, field);
        assert!(found[0].1.contains(expected), "{field} = {bad}: {}", found[0].1);
    }
}

#[test]
fn version_2_writes_out_what_version_1_let_default() {
    let mut value = v2();
    value.as_object_mut().unwrap().remove("vpc_prefix");
    value.as_object_mut().unwrap().remove("role_path");
    value["environment"]["parameters"] = json!({});
    let fields: Vec<String> = problems(&value).into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, ["vpc_prefix", "role_path", "environment.parameters"]);
}

#[test]
fn version_1_cannot_carry_version_2_fields() {
    let mut value = v2();
    value["version"] = json!(1);
    let found = problems(&value);
    assert_eq!(found.len(), 5, "{found:?}");
    assert!(found.iter().all(|(_, p)| p.contains("\"version\": 2")), "{found:?}");
}

#[test]
fn a_version_2_signature_covers_the_rfc_8785_form_as_written() {
    let key = sandbox_signing_key();
    let invite = parse_invite(&v2().to_string()).unwrap();
    let signed = sign(&invite, SANDBOX_KEY_ID, &key).unwrap();
    let mut unsigned = v2();
    unsigned.as_object_mut().unwrap().remove("signature");
    assert_eq!(canonical_json(&signed), serde_jcs::to_string(&unsigned).unwrap());
    // Sent as text, read back, checked: verified; any field changed: altered.
    let read = parse_invite(&serde_json::to_string_pretty(&signed).unwrap()).unwrap();
    let keys = pinned_keys().unwrap();
    assert!(verify(&read, &keys).is_verified());
    let tampered = read.edited(|f| f.customer_account_id = Some("999999999999".into())).unwrap();
    assert!(matches!(verify(&tampered, &keys), Verification::Invalid { .. }));
}

#[test]
fn an_expired_invite_is_refused_with_its_date() {
    let invite = parse_invite(&v2().to_string()).unwrap();
    let before: jiff::Timestamp = "2027-01-31T23:59:58Z".parse().unwrap();
    let after: jiff::Timestamp = "2027-02-01T00:00:00Z".parse().unwrap();
    assert_eq!(check_not_expired(&invite, before), Ok(()));
    let err = check_not_expired(&invite, after).unwrap_err();
    let failure = crate::Explain::failure(&err);
    assert_eq!(failure.code, crate::ErrorCode::InviteExpired);
    assert!(failure.message.contains("2027-01-31T23:59:59Z"), "{}", failure.message);
    assert!(failure.hint.unwrap().contains("new invite"));
    // No expiry: never refused.
    assert_eq!(check_not_expired(&sandbox_invite(), after), Ok(()));
}
