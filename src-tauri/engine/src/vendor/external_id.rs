//! Generated External IDs: 160 random bits, so that no two customers of a vendor share one.

use super::{random_bytes, VendorError};

/// RFC 4648 base32: letters and digits only, so the ID is safe in every field that carries it.
const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// 32 characters of base32 from 20 random bytes (160 bits).
pub fn generate_external_id() -> Result<String, VendorError> {
    let mut bytes = [0u8; 20];
    random_bytes(&mut bytes)?;
    Ok(base32(&bytes))
}

pub(super) fn base32(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}
