//! The vendor's side of an invite: making a signing key pair ([`keygen`]), writing a signed
//! version 2 invite ([`make_invite`]) and saying who signed one and what it asks
//! ([`verify_report`]). The `vendor` commands of the CLI are a thin layer over this.
//!
//! The private key file holds the key's ID and its 32-byte Ed25519 seed; it is created with
//! mode 0600 and never printed. The public key is written and printed in the one form of a
//! trusted key (`invite::VendorKey`): an entry of the build's `vendor-keys.json`.

mod error;
mod external_id;
mod keyfile;
mod make;
mod report;

#[cfg(test)]
mod doc_tests;
#[cfg(test)]
mod tests;

pub use error::VendorError;
pub use external_id::generate_external_id;
pub use keyfile::{keygen, read_private_key, KeyPair, VendorSigningKey, PRIVATE_KEY_FILE, PUBLIC_KEY_FILE};
pub use make::{make_invite, parse_expiry, InviteOptions, MadeInvite};
pub use report::{parse_public_key, read_invite_arg, verify_report, VerifyReport};

/// Fills `buf` from the operating system's CSPRNG.
fn random_bytes(buf: &mut [u8]) -> Result<(), VendorError> {
    getrandom::fill(buf).map_err(|err| VendorError::Random { reason: err.to_string() })
}
