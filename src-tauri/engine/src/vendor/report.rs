//! `vendor verify`: whether and by which key an invite is signed, where that key comes from
//! (pinned in this build, trusted on this computer only, or given on the command line), and
//! every field, with the expiry and customer account said in words.

use std::path::Path;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use jiff::Timestamp;
use serde::Serialize;
use sha2::{Digest as _, Sha256};

use super::keyfile::PublicKeyEntry;
use super::VendorError;
use crate::invite::{self, canonical_json, Invite, InviteError, VendorKey, Verification};

/// Where the key that verified an invite comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyTrust {
    /// Built into this app.
    Pinned,
    /// From the file named by `PRIVATE_DEPLOY_VENDOR_KEYS`: trusted on this computer only.
    Local,
    /// Given with `--key`: says the invite was signed by it, not that an admin's app trusts it.
    Given,
}

/// What `vendor verify` says.
#[derive(Debug, Clone, Serialize)]
pub struct VerifyReport {
    pub verification: Verification,
    /// Where the signing key comes from, when the signature verified.
    pub trust: Option<KeyTrust>,
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

/// `--key`: a public key file written by `vendor keygen` (or one entry of it), or the base64
/// of a 32-byte Ed25519 public key. The keys vouch for the accounts their entry lists, or
/// for `invite`'s vendor account when it lists none (a bare key).
pub fn parse_public_key(given: &str, invite: &Invite) -> Result<Vec<VendorKey>, VendorError> {
    let refuse = |problem: String| VendorError::PublicKey { given: given.to_owned(), problem };
    let signed_key_id = invite.signature.as_ref().map_or_else(|| "given".to_owned(), |s| s.key_id.clone());
    let entries: Vec<PublicKeyEntry> = if Path::new(given).is_file() {
        let text = std::fs::read_to_string(given).map_err(|err| refuse(format!("it cannot be read ({err})")))?;
        serde_json::from_str::<Vec<PublicKeyEntry>>(&text)
            .or_else(|_| serde_json::from_str::<PublicKeyEntry>(&text).map(|entry| vec![entry]))
            .map_err(|err| refuse(format!("it is not a public-key.json ({err})")))?
    } else {
        let bytes = STANDARD.decode(given.trim()).map_err(|_| refuse("it is neither a file nor base64".into()))?;
        if bytes.len() != 32 {
            return Err(refuse(format!("a public key is 32 bytes (found {})", bytes.len())));
        }
        vec![PublicKeyEntry {
            key_id: signed_key_id,
            public_key: given.trim().to_owned(),
            vendor_name: invite.vendor.name.clone(),
            vendor_account_ids: vec![],
        }]
    };
    entries
        .into_iter()
        .map(|entry| {
            let account = if entry.vendor_account_ids.is_empty()
                || entry.vendor_account_ids.contains(&invite.vendor.account_id)
            {
                invite.vendor.account_id.clone()
            } else {
                entry.vendor_account_ids[0].clone()
            };
            let key = VendorKey {
                key_id: entry.key_id,
                vendor_name: entry.vendor_name,
                vendor_account_id: account,
                public_key: entry.public_key,
            };
            key.verifying_key().map(|_| key).map_err(refuse)
        })
        .collect()
}

/// The report of `invite` against `keys` (the app's trusted keys, or the `--key` ones when
/// `given`); `pinned` names the keys built into the app.
pub fn verify_report(
    invite: Invite,
    keys: &[VendorKey],
    pinned: &[VendorKey],
    given: bool,
    now: Timestamp,
) -> VerifyReport {
    let verification = invite::verify(&invite, keys);
    let trust = match &verification {
        Verification::Verified { .. } if given => Some(KeyTrust::Given),
        Verification::Verified { key_id, .. } if pinned.iter().any(|key| &key.key_id == key_id) => {
            Some(KeyTrust::Pinned)
        }
        Verification::Verified { .. } => Some(KeyTrust::Local),
        _ => None,
    };
    let digest = Sha256::digest(canonical_json(&invite).as_bytes());
    VerifyReport {
        verification,
        trust,
        signed_bytes_sha256: format!("{digest:x}"),
        expired: invite.expiry().is_some_and(|at| at <= now),
        invite,
    }
}
