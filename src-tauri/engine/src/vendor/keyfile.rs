//! The vendor's key files: `private-key.json` (the key ID and the Ed25519 seed, mode 0600,
//! created only if absent) and `public-key.json` (a list of one trusted key, the form of the
//! build's `vendor-keys.json` and of the `PRIVATE_DEPLOY_VENDOR_KEYS` file).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use ed25519_dalek::SigningKey;
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use super::{random_bytes, VendorError};
use crate::invite::{check_key_id, KeySource, VendorKey};

pub const PRIVATE_KEY_FILE: &str = "private-key.json";
pub const PUBLIC_KEY_FILE: &str = "public-key.json";

/// The private key file's content. Only the seed is secret.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PrivateKeyFile {
    key_id: String,
    /// Standard base64 of the 32-byte Ed25519 seed (RFC 8032's private key).
    ed25519_seed: String,
}

/// A signing key read from a private key file.
pub struct VendorSigningKey {
    pub key_id: String,
    pub key: SigningKey,
}

/// What `keygen` made.
#[derive(Debug, Clone, Serialize)]
pub struct KeyPair {
    pub private_key_file: PathBuf,
    pub public_key_file: PathBuf,
    pub public_key: VendorKey,
}

/// Makes a key pair in `dir` (created if missing). Refuses to overwrite either file. The
/// key ID defaults to one derived from the public key, so two keys never share one.
pub fn keygen(
    dir: &Path,
    key_id: Option<&str>,
    vendor_name: &str,
    vendor_account_ids: &[String],
) -> Result<KeyPair, VendorError> {
    let mut seed = [0u8; 32];
    random_bytes(&mut seed)?;
    let signing = SigningKey::from_bytes(&seed);
    let public = signing.verifying_key();
    let entry = VendorKey {
        key_id: key_id.map_or_else(|| derived_key_id(public.as_bytes()), str::to_owned),
        public_key: STANDARD.encode(public.as_bytes()),
        vendor_name: vendor_name.to_owned(),
        vendor_account_ids: vendor_account_ids.to_vec(),
        source: KeySource::Local,
    };
    // The entry must be one a build can take, before any file is written.
    entry.check().map_err(|problem| VendorError::InviteRules { problem })?;
    std::fs::create_dir_all(dir).map_err(|err| write_error(dir, &err))?;
    let private_key_file = dir.join(PRIVATE_KEY_FILE);
    let public_key_file = dir.join(PUBLIC_KEY_FILE);
    for path in [&private_key_file, &public_key_file] {
        if path.symlink_metadata().is_ok() {
            return Err(VendorError::Exists { path: path.display().to_string() });
        }
    }
    let private = PrivateKeyFile { key_id: entry.key_id.clone(), ed25519_seed: STANDARD.encode(seed) };
    write_new(&private_key_file, &to_json(&private), true)?;
    write_new(&public_key_file, &to_json(&[&entry]), false)?;
    Ok(KeyPair { private_key_file, public_key_file, public_key: entry })
}

/// Reads a private key file written by [`keygen`].
pub fn read_private_key(path: &Path) -> Result<VendorSigningKey, VendorError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|err| VendorError::KeyUnreadable { path: shown.clone(), reason: err.to_string() })?;
    let invalid = |problem: String| VendorError::KeyInvalid { path: shown.clone(), problem };
    let file: PrivateKeyFile = serde_json::from_str(&text).map_err(|err| invalid(err.to_string()))?;
    check_key_id(&file.key_id).map_err(|problem| invalid(format!("key_id {problem}")))?;
    let seed: [u8; 32] = STANDARD
        .decode(&file.ed25519_seed)
        .ok()
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or_else(|| invalid("ed25519_seed must be the base64 of 32 bytes".to_owned()))?;
    Ok(VendorSigningKey { key_id: file.key_id, key: SigningKey::from_bytes(&seed) })
}

fn derived_key_id(public: &[u8]) -> String {
    format!("key-{}", &format!("{:x}", Sha256::digest(public))[..12])
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    // Plain structs of strings serialize.
    serde_json::to_string_pretty(value).expect("a key file serializes") + "\n"
}

/// Creates `path` (never replacing a file), with mode 0600 from the start when `secret`:
/// the seed is never on disk with wider permissions, not even for a moment.
fn write_new(path: &Path, text: &str, secret: bool) -> Result<(), VendorError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(if secret { 0o600 } else { 0o644 });
    }
    #[cfg(not(unix))]
    let _ = secret;
    let mut file = options.open(path).map_err(|err| match err.kind() {
        std::io::ErrorKind::AlreadyExists => VendorError::Exists { path: path.display().to_string() },
        _ => write_error(path, &err),
    })?;
    let written = file.write_all(text.as_bytes()).and_then(|()| file.sync_all());
    written.map_err(|err| {
        // A half-written key file would look usable later.
        let _ = std::fs::remove_file(path);
        write_error(path, &err)
    })
}

pub(super) fn write_error(path: &Path, err: &std::io::Error) -> VendorError {
    VendorError::Write { path: path.display().to_string(), reason: err.to_string() }
}

pub(super) fn write_new_file(path: &Path, text: &str) -> Result<(), VendorError> {
    write_new(path, text, false)
}
