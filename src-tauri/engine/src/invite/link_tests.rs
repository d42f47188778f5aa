//! Unit tests of install links: the round trip, the tolerated variants, and each malformed link.

use base64::engine::general_purpose::{URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine as _;
use serde_json::json;

use super::test_support::*;
use super::*;
use crate::Explain as _;

const PREFIX: &str = "private-deploy://install?invite=";

fn link_of(json: &str) -> String {
    format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(json))
}

fn link_problem(link: &str) -> String {
    match parse_link(link) {
        Err(err @ InviteError::Link { .. }) => {
            assert_eq!(err.field(), "link");
            assert!(err.failure().message.starts_with("The install link is not valid: "), "{}", err.failure().message);
            err.to_string()
        }
        other => panic!("{link:.80}: expected a link error, got {other:?}"),
    }
}

#[test]
fn a_link_carries_the_invite_and_its_signature_both_ways() {
    let signed = sign(&sandbox_invite(), SANDBOX_KEY_ID, &sandbox_signing_key()).unwrap();
    let link = to_link(&signed);
    assert!(link.starts_with(PREFIX), "{link}");
    let payload = &link[PREFIX.len()..];
    assert!(payload.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "{payload}");
    let read = parse_link(&link).unwrap();
    assert_eq!(read, signed);
    assert!(verify(&read, &trusted_keys(None).unwrap()).is_verified());
    assert_eq!(parse_link(&to_link(&sandbox_invite())).unwrap(), sandbox_invite());
}

#[test]
fn tolerated_variants_of_a_link_read_the_same() {
    let json = sample_with(|_| {});
    let padded = URL_SAFE.encode(&json);
    let unpadded = URL_SAFE_NO_PAD.encode(&json);
    let json_with_padding = if padded.ends_with('=') { json.clone() } else { format!("{json} ") };
    let padded = URL_SAFE.encode(&json_with_padding);
    assert!(padded.ends_with('='), "the case needs padding");
    for link in [
        format!("{PREFIX}{padded}"),
        format!("{PREFIX}{}", padded.replace('=', "%3D")),
        format!("private-deploy://install/?invite={unpadded}"),
        format!("private-deploy:install?invite={unpadded}"),
        format!("PRIVATE-DEPLOY://install?invite={unpadded}"),
        format!("  {PREFIX}{unpadded}\n"),
    ] {
        assert_eq!(parse_link(&link).unwrap_or_else(|err| panic!("{link}: {err}")), sandbox_invite());
    }
}

#[test]
fn each_malformed_link_says_what_is_wrong() {
    let payload = URL_SAFE_NO_PAD.encode(sample_with(|_| {}));
    let cases: Vec<(String, &str)> = vec![
        ("not a link".to_owned(), "it is not a URL"),
        (format!("https://install?invite={payload}"), "must start with private-deploy://install? (found https:)"),
        (format!("private-deploy-x://install?invite={payload}"), "found private-deploy-x:"),
        (format!("private-deploy://uninstall?invite={payload}"), "(found uninstall)"),
        (format!("private-deploy://install/more?invite={payload}"), "(found install/more)"),
        (format!("private-deploy://user@install?invite={payload}"), "user name, password or port"),
        (format!("private-deploy://install:8080?invite={payload}"), "user name, password or port"),
        (format!("{PREFIX}{payload}#top"), "#fragment"),
        ("private-deploy://install".to_owned(), "it has no invite parameter"),
        ("private-deploy://install?".to_owned(), "it has no invite parameter"),
        (format!("private-deploy://install?invitation={payload}"), "exactly one parameter, invite (found: invitation)"),
        (format!("{PREFIX}{payload}&invite={payload}"), "exactly one parameter, invite (found: invite, invite)"),
        (format!("{PREFIX}{payload}&utm_source=mail"), "(found: invite, utm_source)"),
        (PREFIX.to_owned(), "its invite parameter is empty"),
        (format!("{PREFIX}{payload}***"), "not base64url"),
        (format!("{PREFIX}ab/c"), "not base64url"),
        (format!("{PREFIX}ab+c"), "not base64url"),
        (format!("{PREFIX}A"), "not base64url"),
    ];
    for (link, expected) in cases {
        let problem = link_problem(&link);
        assert!(problem.contains(expected), "{link:.80}: {problem:?} lacks {expected:?}");
    }
}

#[test]
fn a_link_with_an_invite_over_64_kib_is_refused() {
    // Valid JSON, so only the size can be the problem.
    let big = sample_with(|_| {}) + &" ".repeat(MAX_INVITE_BYTES);
    let problem = link_problem(&link_of(&big));
    assert!(problem.contains("larger than 64 KiB"), "{problem}");

    // Just past the limit once decoded, though the text fits.
    let base = sample_with(|_| {});
    let just_over = base.clone() + &" ".repeat(MAX_INVITE_BYTES + 1 - base.len());
    let problem = link_problem(&link_of(&just_over));
    assert!(problem.contains("larger than 64 KiB"), "{problem}");
    let at_limit = base.clone() + &" ".repeat(MAX_INVITE_BYTES - base.len());
    assert_eq!(parse_link(&link_of(&at_limit)).unwrap(), sandbox_invite());
}

#[test]
fn a_well_formed_link_with_a_bad_invite_names_the_invite_field() {
    let err = parse_link(&link_of(&sample_with(|v| v["vendor"]["account_id"] = json!("12")))).unwrap_err();
    assert_eq!(err.field(), "vendor.account_id");
    let err = parse_link(&link_of("{not json")).unwrap_err();
    assert!(matches!(err, InviteError::Malformed { .. }), "{err:?}");
}
