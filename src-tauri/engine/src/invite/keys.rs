//! The vendor keys whose signatures the app trusts: a table pinned in the binary, plus, for
//! tests and a vendor's staging, keys from a file named by [`VENDOR_KEYS_ENV`].
//!
//! A key vouches for one vendor account: a signature only verifies an invite whose
//! `vendor.account_id` is the key's account (see `signature`).

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use ed25519_dalek::{SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};

use super::error::InviteError;
use super::rules;

/// Names a JSON file holding an array of [`VendorKey`] that are trusted besides the pinned
/// ones. It exists so that tests can verify invites signed with a throwaway key, and so that
/// a vendor can try its staging invites before its production key is pinned in a release.
/// Whoever can set the admin's environment can already run code as the admin, so it opens
/// no door that is not already open; a file that other users can write would, so it is
/// refused.
pub const VENDOR_KEYS_ENV: &str = "PRIVATE_DEPLOY_VENDOR_KEYS";

pub const SANDBOX_KEY_ID: &str = "sandbox-2026";
pub const SANDBOX_VENDOR_NAME: &str = "Sandbox Vendor";
pub const SANDBOX_ACCOUNT_ID: &str = "210987654321";

/// The seed of the sandbox vendor's signing key. PUBLIC ON PURPOSE: it signs the sample
/// invite of the sandbox and lets demos and tests make verified sandbox invites. It is
/// therefore no proof of anything beyond "made for the sandbox": its pinned key only vouches
/// for account 210987654321, so it can never make an invite for another account look verified.
pub const SANDBOX_SIGNING_SEED: [u8; 32] = [
    0x7d, 0x1c, 0x1f, 0x0e, 0x2b, 0x3a, 0x49, 0x58, 0x67, 0x76, 0x85, 0x94, 0x93, 0xa2, 0xb1, 0xc0, 0xd0, 0xe1, 0xf2,
    0x03, 0x14, 0x25, 0x36, 0x47, 0x58, 0x69, 0x7a, 0x8b, 0x9c, 0xad, 0xbe, 0xcf,
];

/// Keys pinned in the app. A vendor's production key is added here in a release.
///
/// The sandbox key is pinned in debug builds only (the sandbox, the tests): its private
/// half is public, and 210987654321 may well be somebody's real account, so a release must
/// not show an invite for it as verified.
const PINNED: &[PinnedKey] = if cfg!(debug_assertions) { &[SANDBOX_PINNED] } else { &[] };

const SANDBOX_PINNED: PinnedKey = PinnedKey {
    key_id: SANDBOX_KEY_ID,
    vendor_name: SANDBOX_VENDOR_NAME,
    vendor_account_id: SANDBOX_ACCOUNT_ID,
    // The public half of SANDBOX_SIGNING_SEED; a test derives it again.
    public_key: "yFGvPYxJESpWvxCm4b8oKVl5t8AunboIOY3+9RR770M=",
};

struct PinnedKey {
    key_id: &'static str,
    vendor_name: &'static str,
    vendor_account_id: &'static str,
    public_key: &'static str,
}

/// A vendor's Ed25519 public key and the account it vouches for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VendorKey {
    pub key_id: String,
    pub vendor_name: String,
    /// The only `vendor.account_id` this key can verify.
    pub vendor_account_id: String,
    /// Standard base64 of the 32-byte public key.
    pub public_key: String,
}

impl VendorKey {
    pub fn verifying_key(&self) -> Result<VerifyingKey, String> {
        let bytes = STANDARD.decode(&self.public_key).map_err(|err| format!("public_key is not base64 ({err})"))?;
        let bytes: [u8; 32] = bytes
            .try_into()
            .map_err(|bytes: Vec<u8>| format!("public_key must be 32 bytes (found {})", bytes.len()))?;
        VerifyingKey::from_bytes(&bytes).map_err(|_| "public_key is not an Ed25519 public key".to_owned())
    }

    /// The key of `signing_key`, vouching for `vendor_account_id`: how tests pin a test key.
    pub fn for_signing_key(key_id: &str, vendor_name: &str, vendor_account_id: &str, signing_key: &SigningKey) -> Self {
        Self {
            key_id: key_id.to_owned(),
            vendor_name: vendor_name.to_owned(),
            vendor_account_id: vendor_account_id.to_owned(),
            public_key: STANDARD.encode(signing_key.verifying_key().as_bytes()),
        }
    }

    fn check(&self) -> Result<(), String> {
        let field = |name: &str, result: Result<(), String>| result.map_err(|problem| format!("{name} {problem}"));
        field("key_id", rules::key_id(&self.key_id))?;
        field("vendor_name", rules::vendor_name(&self.vendor_name))?;
        field("vendor_account_id", rules::account_id(&self.vendor_account_id))?;
        self.verifying_key().map(drop)
    }
}

/// The keys pinned in the app.
pub fn pinned_keys() -> Vec<VendorKey> {
    PINNED
        .iter()
        .map(|key| VendorKey {
            key_id: key.key_id.to_owned(),
            vendor_name: key.vendor_name.to_owned(),
            vendor_account_id: key.vendor_account_id.to_owned(),
            public_key: key.public_key.to_owned(),
        })
        .collect()
}

/// The pinned keys, plus those of the file that `extra_env` (the value of [`VENDOR_KEYS_ENV`])
/// names. A file that cannot be used is an error rather than ignored: the admin set it on
/// purpose, and silently trusting fewer keys would show its invites as unverified for no
/// visible reason. A file key may not reuse a pinned key's ID.
pub fn trusted_keys(extra_env: Option<&str>) -> Result<Vec<VendorKey>, InviteError> {
    let mut keys = pinned_keys();
    let Some(path) = extra_env.map(str::trim).filter(|path| !path.is_empty()) else {
        return Ok(keys);
    };
    let refuse = |problem: String| InviteError::VendorKeys { path: path.to_owned(), problem };
    let text = std::fs::read_to_string(path).map_err(|err| refuse(format!("it cannot be read ({err})")))?;
    // A key file another user of this computer can change lets that user make invites this
    // app shows as signed.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode =
            std::fs::metadata(path).map_err(|err| refuse(format!("it cannot be read ({err})")))?.permissions().mode();
        if mode & 0o022 != 0 {
            return Err(refuse(format!(
                "other users of this computer can change it (mode {:o}); make it writable by you only: chmod 600 {path}",
                mode & 0o777
            )));
        }
    }
    let extra: Vec<VendorKey> = serde_json::from_str(&text).map_err(|err| {
        refuse(format!("it is not a JSON array of {{key_id, vendor_name, vendor_account_id, public_key}} ({err})"))
    })?;
    for key in extra {
        key.check().map_err(|problem| refuse(format!("key {:?}: {problem}", key.key_id)))?;
        if keys.iter().any(|known| known.key_id == key.key_id) {
            return Err(refuse(format!("key {:?} appears twice or reuses a pinned key's ID", key.key_id)));
        }
        keys.push(key);
    }
    Ok(keys)
}

/// [`trusted_keys`] with the variable of this process.
pub fn trusted_keys_from_env() -> Result<Vec<VendorKey>, InviteError> {
    trusted_keys(std::env::var(VENDOR_KEYS_ENV).ok().as_deref())
}

/// The sandbox vendor's signing key, from [`SANDBOX_SIGNING_SEED`].
pub fn sandbox_signing_key() -> SigningKey {
    SigningKey::from_bytes(&SANDBOX_SIGNING_SEED)
}
