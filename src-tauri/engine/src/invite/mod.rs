//! The install invite: the vendor's request, read from a file or an install link, validated
//! field by field, its Ed25519 signature checked against pinned vendor keys, and summed up for
//! the window. Pure: no AWS calls; the only I/O is reading the extra vendor key file.
//!
//! [`parse_invite`] and [`parse_link`] read; [`verify`] says who signed; [`summarize`] is what
//! the window shows; [`confirm_vendor_account`] is the admin's typed confirmation that an
//! unverified invite is from the account they expect.

mod error;
mod file;
mod json;
mod keys;
mod link;
mod model;
mod opening;
mod rules;
mod schema;
mod signature;
mod validate;

#[cfg(test)]
mod link_tests;
#[cfg(test)]
mod signature_tests;
#[cfg(test)]
mod test_support;
#[cfg(test)]
mod validate_tests;
#[cfg(test)]
mod version2_tests;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use error::{FieldProblem, InviteError};
pub use file::read_invite_file;
pub use keys::{
    parse_key_list, pinned_keys, sandbox_signing_key, trusted_keys, trusted_keys_from_env, KeySource, VendorKey,
    BUILT_IN_KEYS_FILE, SANDBOX_ACCOUNT_ID, SANDBOX_BUILD, SANDBOX_KEY_ID, SANDBOX_SIGNING_SEED, SANDBOX_VENDOR_NAME,
    VENDOR_KEYS_ENV,
};
pub use link::{parse_link, to_link, LINK_SCHEME};
pub use model::{
    AccessMode, Environment, EnvironmentTemplate, Invite, InviteFields, Signature, Vendor, DEFAULT_ROLE_PATH,
    DEFAULT_VPC_PREFIX, INVITE_VERSION, INVITE_VERSIONS,
};
pub use rules::{
    account_id as check_account_id, installation_id as check_installation_id, installation_id_char,
    key_id as check_key_id, vendor_role_arn as check_vendor_role_arn,
};
pub use signature::{canonical_json, sign, verify, Verification};
pub use validate::{parse_invite, parse_invite_bytes, InviteLimits, INVITE_LIMITS, MAX_INVITE_BYTES};

/// An opened invite as the window shows it before the admin accepts it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InviteSummary {
    pub invite: Invite,
    pub verification: Verification,
    /// True unless the signature is verified: the admin must then type the vendor account ID.
    pub needs_confirmation: bool,
    /// One sentence of who gets what.
    pub access: String,
}

/// What the window shows of `invite`, checked against `keys`.
pub fn summarize(invite: Invite, keys: &[VendorKey]) -> Result<InviteSummary, InviteError> {
    let verification = usable_verification(&invite, keys)?;
    Ok(InviteSummary {
        needs_confirmation: !verification.is_verified(),
        access: access_sentence(&invite),
        verification,
        invite,
    })
}

/// The invite's verification, when the app may go on with it. A signature that names a pinned
/// key but does not verify means the invite was changed after signing (or the key's vendor
/// did not make it for this account): it is refused outright, naming the key, never treated
/// like an unsigned invite the admin could confirm by typing an account ID.
pub fn usable_verification(invite: &Invite, keys: &[VendorKey]) -> Result<Verification, InviteError> {
    match verify(invite, keys) {
        Verification::Invalid { key_id } => {
            let key_vendor =
                keys.iter().find(|k| k.key_id == key_id).map(|k| k.vendor_name.clone()).unwrap_or_default();
            Err(InviteError::Altered { key_id, key_vendor })
        }
        other => Ok(other),
    }
}

/// Refuses an invite whose `expires_at` is before `now`, naming the time.
pub fn check_not_expired(invite: &Invite, now: jiff::Timestamp) -> Result<(), InviteError> {
    match invite.expiry() {
        Some(at) if at <= now => Err(InviteError::Expired {
            at: invite.expires_at.clone().unwrap_or_default(),
            vendor: invite.vendor.name.clone(),
        }),
        _ => Ok(()),
    }
}

/// The admin's typed confirmation of an unverified invite's vendor account ID: it must be the
/// invite's `vendor.account_id` exactly, apart from surrounding spaces.
pub fn confirm_vendor_account(invite: &Invite, typed: &str) -> Result<(), InviteError> {
    if typed.trim() == invite.vendor.account_id {
        Ok(())
    } else {
        Err(InviteError::AccountNotConfirmed { typed: typed.to_owned() })
    }
}

fn access_sentence(invite: &Invite) -> String {
    let what = match invite.access_mode {
        AccessMode::Full => "full administrator access",
        AccessMode::Boundary => "administrator access limited by the Private Deploy permissions boundary",
    };
    format!(
        "{} (AWS account {}) gets {what} to this AWS account through a role under the path {}, \
         and only with the External ID {}.",
        invite.vendor.name, invite.vendor.account_id, invite.role_path, invite.external_id
    )
}
