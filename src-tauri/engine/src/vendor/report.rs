//! `vendor verify`: whether and by which key an invite is signed, where that key comes from
//! (built into this app, the sandbox's, trusted on this computer only, or given with `--key`), and
//! every field, with the expiry and customer account said in words.

use std::path::Path;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use jiff::Timestamp;
use serde::Serialize;
use sha2::{Digest as _, Sha256};

use super::VendorError;
use crate::invite::{self, canonical_json, parse_key_list, Invite, InviteError, KeySource, VendorKey, Verification};

/// What `vendor verify` says.
#[derive(Debug, Clone, Serialize)]
pub struct VerifyReport {
    pub verification: Verification,
    /// The SHA-256 (hex) of the bytes the signature covers, to compare with a vendor's own signer.
    pub signed_bytes_sha256: String,
    /// True when `expires_at` is past: the app refuses the invite.
    pub expired: bool,
    pub invite: Invite,
}

/// An invite from a `private-deploy://` link or a file path.
pub fn read_invite_arg(arg: &str) -> Result<Invite, InviteError> {
    if crate::launch::is_link(arg) {
        invite::parse_link(arg)
    } else {
        invite::parse_invite_bytes(&invite::read_invite_file(Path::new(arg))?)
    }
}

/// `--key`: a public key file written by `vendor keygen` (or any file in that form), or the
/// base64 of a 32-byte Ed25519 public key, which then vouches for `invite`'s vendor account.
pub fn parse_public_key(given: &str, invite: &Invite) -> Result<Vec<VendorKey>, VendorError> {
    let refuse = |problem: String| VendorError::PublicKey { given: given.to_owned(), problem };
    if Path::new(given).is_file() {
        let text = std::fs::read_to_string(given).map_err(|err| refuse(format!("it cannot be read ({err})")))?;
        return parse_key_list(&text, KeySource::Given).map_err(refuse);
    }
    let bytes = STANDARD.decode(given.trim()).map_err(|_| refuse("it is neither a file nor base64".into()))?;
    if bytes.len() != 32 {
        return Err(refuse(format!("a public key is 32 bytes (found {})", bytes.len())));
    }
    let key = VendorKey {
        key_id: invite.signature.as_ref().map_or_else(|| "given".to_owned(), |s| s.key_id.clone()),
        public_key: given.trim().to_owned(),
        vendor_name: invite.vendor.name.clone(),
        vendor_account_ids: vec![invite.vendor.account_id.clone()],
        source: KeySource::Given,
    };
    key.verifying_key().map_err(refuse)?;
    Ok(vec![key])
}

/// The report of `invite` against `keys` (the app's trusted keys, or the `--key` ones); the
/// verification says where a verifying key comes from.
pub fn verify_report(invite: Invite, keys: &[VendorKey], now: Timestamp) -> VerifyReport {
    let verification = invite::verify(&invite, keys);
    let digest = Sha256::digest(canonical_json(&invite).as_bytes());
    VerifyReport {
        verification,
        signed_bytes_sha256: format!("{digest:x}"),
        expired: invite.expiry().is_some_and(|at| at <= now),
        invite,
    }
}
