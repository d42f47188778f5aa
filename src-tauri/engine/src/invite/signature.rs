//! Ed25519 signatures of invites: what is signed, signing (for tests and vendor tools) and
//! checking against the trusted vendor keys.
//!
//! What is signed is the invite without its `signature` field:
//! - **version 2**: its RFC 8785 (JSON Canonicalization Scheme) form, exactly as written, so
//!   that a vendor can sign in any language (`docs/INVITE-SIGNING.md` has a test vector and a
//!   Python example). Version 2 requires every field written out, so the form the app
//!   re-serializes is the form the vendor signed.
//! - **version 1**: its canonical JSON with the defaults of left-out fields written out
//!   (`vpc_prefix`, `role_path`, `environment.parameters`), object keys sorted, no whitespace.
//!   For the fields an invite holds (ASCII keys, strings, small integers) that is the same
//!   byte string RFC 8785 gives, so both versions go through the same canonicalizer.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use ed25519_dalek::{Signer as _, SigningKey};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::error::InviteError;
use super::keys::{KeySource, VendorKey};
use super::model::{Invite, InviteFields, Signature};

/// What the signature of an invite says about who made it. Only `Verified` is trusted; the
/// window shows anything else as unverified and asks the admin to type the vendor account ID.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Verification {
    /// Signed by a trusted key that vouches for the invite's vendor account.
    Verified {
        key_id: String,
        vendor_name: String,
        /// Where the key comes from: built into the release, the sandbox's, or trusted on
        /// this computer only.
        source: KeySource,
    },
    Unsigned,
    /// Signed, but by no key this app trusts.
    UnknownKey {
        key_id: String,
    },
    /// Changed after signing, or signed by a key that vouches for another account.
    Invalid {
        key_id: String,
    },
}

impl Verification {
    pub fn is_verified(&self) -> bool {
        matches!(self, Verification::Verified { .. })
    }
}

/// The bytes a signature covers.
pub fn canonical_json(invite: &Invite) -> String {
    let unsigned = InviteFields { signature: None, ..invite.fields().clone() };
    // Serializing plain structs, strings and integers cannot fail.
    let mut value = serde_json::to_value(&unsigned).expect("an invite serializes to JSON");
    if invite.version == 1 {
        // Version 1 signed the default of a left-out `parameters`, which the model now leaves out.
        if let Some(environment) = value.get_mut("environment").and_then(serde_json::Value::as_object_mut) {
            environment.entry("parameters").or_insert_with(|| serde_json::Value::Object(Default::default()));
        }
    }
    serde_jcs::to_string(&value).expect("an invite's JSON canonicalizes")
}

/// `invite` signed by `signing_key` under `key_id`, replacing any signature it had; refused
/// when `key_id` breaks the invite's rules.
pub fn sign(invite: &Invite, key_id: &str, signing_key: &SigningKey) -> Result<Invite, InviteError> {
    let signature = signing_key.sign(canonical_json(invite).as_bytes());
    Invite::try_from(InviteFields {
        signature: Some(Signature { key_id: key_id.to_owned(), ed25519: STANDARD.encode(signature.to_bytes()) }),
        ..invite.fields().clone()
    })
}

/// Checks the invite's signature against `keys`.
pub fn verify(invite: &Invite, keys: &[VendorKey]) -> Verification {
    let Some(signature) = &invite.signature else {
        return Verification::Unsigned;
    };
    let key_id = signature.key_id.clone();
    let Some(key) = keys.iter().find(|key| key.key_id == key_id) else {
        return Verification::UnknownKey { key_id };
    };
    // A valid signature by a key of another vendor must not lend that vendor's name to an
    // invite that hands the role to a different account.
    if !key.vouches_for(&invite.vendor.account_id) {
        return Verification::Invalid { key_id };
    }
    let verifies = || -> Option<()> {
        let public = key.verifying_key().ok()?;
        let bytes: [u8; 64] = STANDARD.decode(&signature.ed25519).ok()?.try_into().ok()?;
        let signature = ed25519_dalek::Signature::from_bytes(&bytes);
        public.verify_strict(canonical_json(invite).as_bytes(), &signature).ok()
    };
    match verifies() {
        Some(()) => Verification::Verified { key_id, vendor_name: key.vendor_name.clone(), source: key.source },
        None => Verification::Invalid { key_id },
    }
}
