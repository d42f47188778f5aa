//! The vendor keys whose signatures the app trusts: the table built into the binary from
//! `vendor-keys.json` (plus the public sandbox key in sandbox builds), and, for tests and a
//! vendor's staging, keys from a file named by [`VENDOR_KEYS_ENV`], trusted on this computer
//! only. Each key says where it comes from ([`KeySource`]).
//!
//! A key vouches for the vendor accounts it lists: a signature only verifies an invite whose
//! `vendor.account_id` is one of them (see `signature`).

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use ed25519_dalek::{SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

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

/// The vendor keys this build trusts, read at build time from `vendor-keys.json` beside the
/// engine's `Cargo.toml` (the same form `vendor keygen` writes to `public-key.json`). A vendor
/// that makes its own installer puts its keys there (README, "Making your own installer").
pub const BUILT_IN_KEYS_FILE: &str = "src-tauri/engine/vendor-keys.json";
const BUILT_IN_KEYS: &str = include_str!("../../vendor-keys.json");

/// The sandbox key is trusted only by builds made for the sandbox (the `sandbox` feature, which
/// the tests' crate turns on, so `make run` and `make test` have it; `make bundle` does not):
/// its private half is public, and 210987654321 may well be somebody's real account, so a
/// release must not show an invite for it as verified.
pub const SANDBOX_BUILD: bool = cfg!(any(test, feature = "sandbox"));

const SANDBOX_PUBLIC_KEY: &str = "yFGvPYxJESpWvxCm4b8oKVl5t8AunboIOY3+9RR770M=";

/// Where a trusted key comes from, which the window and `vendor verify` say beside a
/// verified signature: only a key built into the release is the vendor's word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum KeySource {
    /// Built into this release from `vendor-keys.json`.
    BuiltIn,
    /// The public sandbox key, in builds made for the sandbox only.
    Sandbox,
    /// From the file named by `PRIVATE_DEPLOY_VENDOR_KEYS`: trusted on this computer only.
    #[default]
    Local,
    /// Given to `vendor verify --key`: says who signed, not that an admin's app trusts it.
    Given,
}

/// A vendor's Ed25519 public key and the vendor accounts whose invites it may sign: one
/// entry of `vendor-keys.json`, of `public-key.json` and of the `PRIVATE_DEPLOY_VENDOR_KEYS`
/// file (one form for all three).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VendorKey {
    pub key_id: String,
    /// Standard base64 of the 32-byte public key.
    pub public_key: String,
    pub vendor_name: String,
    /// The only `vendor.account_id`s this key can verify (at least one).
    pub vendor_account_ids: Vec<String>,
    /// Never read from a file: a file cannot make its keys look built in.
    #[serde(skip)]
    pub source: KeySource,
}

impl VendorKey {
    pub fn verifying_key(&self) -> Result<VerifyingKey, String> {
        let bytes = STANDARD.decode(&self.public_key).map_err(|err| format!("public_key is not base64 ({err})"))?;
        let bytes: [u8; 32] = bytes
            .try_into()
            .map_err(|bytes: Vec<u8>| format!("public_key must be 32 bytes (found {})", bytes.len()))?;
        VerifyingKey::from_bytes(&bytes).map_err(|_| "public_key is not an Ed25519 public key".to_owned())
    }

    /// The key of `signing_key`, vouching for `vendor_account_id`: how tests trust a test key.
    pub fn for_signing_key(key_id: &str, vendor_name: &str, vendor_account_id: &str, signing_key: &SigningKey) -> Self {
        Self {
            key_id: key_id.to_owned(),
            public_key: STANDARD.encode(signing_key.verifying_key().as_bytes()),
            vendor_name: vendor_name.to_owned(),
            vendor_account_ids: vec![vendor_account_id.to_owned()],
            source: KeySource::Local,
        }
    }

    /// True when this key may sign invites of `account_id`.
    pub fn vouches_for(&self, account_id: &str) -> bool {
        self.vendor_account_ids.iter().any(|id| id == account_id)
    }

    /// Whether a build may take this entry: every field follows the invite rules.
    pub(crate) fn check(&self) -> Result<(), String> {
        let field = |name: &str, result: Result<(), String>| result.map_err(|problem| format!("{name} {problem}"));
        field("key_id", rules::key_id(&self.key_id))?;
        field("vendor_name", rules::vendor_name(&self.vendor_name))?;
        if self.vendor_account_ids.is_empty() {
            return Err("vendor_account_ids must list at least one AWS account ID".to_owned());
        }
        for id in &self.vendor_account_ids {
            field("vendor_account_ids", rules::account_id(id))?;
        }
        self.verifying_key().map(drop)
    }
}

/// Reads a list of keys in the one form (a JSON array of entries, or a single entry), each
/// checked, no key ID twice, all marked as from `source`.
pub fn parse_key_list(text: &str, source: KeySource) -> Result<Vec<VendorKey>, String> {
    let read = if text.trim_start().starts_with('{') {
        serde_json::from_str::<VendorKey>(text).map(|key| vec![key])
    } else {
        serde_json::from_str::<Vec<VendorKey>>(text)
    };
    let keys = read.map_err(|err| {
        format!(
            "it is not a JSON array of {{key_id, public_key, vendor_name, vendor_account_ids}} \
             (the form of vendor keygen's public-key.json) ({err})"
        )
    })?;
    let mut seen = std::collections::HashSet::new();
    keys.into_iter()
        .map(|key| {
            key.check().map_err(|problem| format!("key {:?}: {problem}", key.key_id))?;
            if !seen.insert(key.key_id.clone()) {
                return Err(format!("key {:?} appears twice", key.key_id));
            }
            // Its private half is published: under any other name it would verify anyone's invites.
            // (`--key` only says who signed; a sandbox build adds the key itself.)
            let trusted = matches!(source, KeySource::BuiltIn) || (source == KeySource::Local && !SANDBOX_BUILD);
            if key.public_key == SANDBOX_PUBLIC_KEY && trusted {
                return Err(format!(
                    "key {:?} is the public sandbox key, whose private half anyone has; only sandbox builds trust it",
                    key.key_id
                ));
            }
            Ok(VendorKey { source, ..key })
        })
        .collect()
}

/// The keys built into this app: `vendor-keys.json`'s, plus the sandbox key in a sandbox build.
pub fn pinned_keys() -> Result<Vec<VendorKey>, InviteError> {
    built_in_table(BUILT_IN_KEYS, SANDBOX_BUILD)
}

/// The built-in table made of `file` (the text of `vendor-keys.json`), with or without the
/// sandbox key: exactly the file's keys, then the sandbox's.
fn built_in_table(file: &str, with_sandbox: bool) -> Result<Vec<VendorKey>, InviteError> {
    let mut keys = parse_key_list(file, KeySource::BuiltIn).map_err(|problem| InviteError::BuiltInKeys { problem })?;
    if with_sandbox {
        if keys.iter().any(|key| key.key_id == SANDBOX_KEY_ID) {
            return Err(InviteError::BuiltInKeys { problem: format!("key ID {SANDBOX_KEY_ID:?} is the sandbox's") });
        }
        keys.push(VendorKey {
            key_id: SANDBOX_KEY_ID.to_owned(),
            public_key: SANDBOX_PUBLIC_KEY.to_owned(),
            vendor_name: SANDBOX_VENDOR_NAME.to_owned(),
            vendor_account_ids: vec![SANDBOX_ACCOUNT_ID.to_owned()],
            source: KeySource::Sandbox,
        });
    }
    Ok(keys)
}

/// The pinned keys, plus those of the file that `extra_env` (the value of [`VENDOR_KEYS_ENV`])
/// names. A file that cannot be used is an error rather than ignored: the admin set it on
/// purpose, and silently trusting fewer keys would show its invites as unverified for no
/// visible reason. A file key may not reuse a pinned key's ID.
pub fn trusted_keys(extra_env: Option<&str>) -> Result<Vec<VendorKey>, InviteError> {
    let mut keys = pinned_keys()?;
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
        let metadata = std::fs::metadata(path).map_err(|err| refuse(format!("it cannot be read ({err})")))?;
        let mode = metadata.permissions().mode();
        if mode & 0o022 != 0 {
            return Err(refuse(format!(
                "other users of this computer can change it (mode {:o}); make it writable by you only: chmod 600 {path}",
                mode & 0o777
            )));
        }
    }
    for key in parse_key_list(&text, KeySource::Local).map_err(refuse)? {
        if keys.iter().any(|known| known.key_id == key.key_id) {
            return Err(refuse(format!("key {:?} reuses the ID of a key built into this app", key.key_id)));
        }
        keys.push(key);
    }
    Ok(keys)
}

/// [`trusted_keys`] with the variable of this process.
pub fn trusted_keys_from_env() -> Result<Vec<VendorKey>, InviteError> {
    trusted_keys(std::env::var(VENDOR_KEYS_ENV).ok().as_deref())
}

#[cfg(test)]
#[path = "keys_tests.rs"]
mod tests;

/// The sandbox vendor's signing key, from [`SANDBOX_SIGNING_SEED`].
pub fn sandbox_signing_key() -> SigningKey {
    SigningKey::from_bytes(&SANDBOX_SIGNING_SEED)
}
