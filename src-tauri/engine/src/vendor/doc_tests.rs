//! The test vector of docs/INVITE-SIGNING.md is what the engine computes.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use ed25519_dalek::SigningKey;

use crate::invite::{canonical_json, parse_invite, sign, verify, VendorKey, Verification};

/// The fenced block after `<!-- vector:NAME -->`.
fn block<'a>(doc: &'a str, name: &str) -> &'a str {
    let marker = format!("<!-- vector:{name} -->");
    let after = &doc[doc.find(&marker).unwrap_or_else(|| panic!("no {marker}")) + marker.len()..];
    let start = after.find("```").unwrap();
    let body = &after[start..];
    let body = &body[body.find('\n').unwrap() + 1..];
    body[..body.find("```").unwrap()].trim_end_matches('\n')
}

#[test]
fn the_documented_test_vector_is_what_the_engine_signs_and_verifies() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/INVITE-SIGNING.md");
    let doc = std::fs::read_to_string(path).unwrap();
    let seed: [u8; 32] = STANDARD.decode(block(&doc, "seed")).unwrap().try_into().unwrap();
    assert_eq!(seed, std::array::from_fn(|i| i as u8));
    let key = SigningKey::from_bytes(&seed);
    assert_eq!(STANDARD.encode(key.verifying_key().as_bytes()), block(&doc, "public_key"));

    let invite = parse_invite(block(&doc, "document")).unwrap();
    assert_eq!(invite.version, 2);
    assert_eq!(canonical_json(&invite), block(&doc, "canonical"));
    let signed = sign(&invite, "example-2026", &key).unwrap();
    assert_eq!(signed.signature.as_ref().unwrap().ed25519, block(&doc, "signature"));
    let pinned = VendorKey::for_signing_key("example-2026", "Example Vendor", "111122223333", &key);
    assert!(matches!(verify(&signed, &[pinned]), Verification::Verified { .. }));
}
