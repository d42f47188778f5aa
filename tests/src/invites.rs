//! Invites and vendor keys made for a test: the sandbox invite changed and signed again with
//! the sandbox's key (its seed is public on purpose, and its pinned key vouches for the
//! sandbox vendor's account only), and the file of keys a test trusts through
//! `PRIVATE_DEPLOY_VENDOR_KEYS`, written from what `vendor keygen` made.

use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};

use engine::invite::{parse_invite, sandbox_signing_key, sign, Invite, SANDBOX_KEY_ID};
use serde_json::Value;

use crate::stacks::{fixture, SANDBOX_INVITE_UNSIGNED};

/// The sandbox invite as version 2, changed by `edit` (its fields as JSON), signed with the
/// sandbox key.
pub fn sandbox_invite_v2(edit: impl FnOnce(&mut Value)) -> Invite {
    let text = std::fs::read_to_string(fixture(SANDBOX_INVITE_UNSIGNED)).expect("the unsigned sandbox invite");
    let mut fields: Value = serde_json::from_str(&text).expect("JSON");
    fields["version"] = 2.into();
    edit(&mut fields);
    let invite = parse_invite(&fields.to_string()).unwrap_or_else(|e| panic!("{e}: {fields}"));
    sign(&invite, SANDBOX_KEY_ID, &sandbox_signing_key()).expect("signed")
}

/// Writes, in `dir`, the file of vendor keys the app trusts besides its built-in ones: the
/// `public-key.json` of `keygen_dir` (`vendor keygen --out keygen_dir`) as it is, since the
/// file takes keygen's form. Returns its path for `PRIVATE_DEPLOY_VENDOR_KEYS`. Mode 0600: a
/// file others can write is refused.
pub fn trusted_keys_file(keygen_dir: &Path, dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(keygen_dir.join("public-key.json")).expect("keygen's public-key.json");
    let path = dir.join("vendor-keys.json");
    std::fs::write(&path, text).expect("write the vendor keys");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod 600");
    path
}
