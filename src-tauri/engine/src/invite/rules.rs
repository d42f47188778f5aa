//! What each invite field may hold. Each rule gets a value of the right JSON type and returns
//! the problem, worded to follow the field's name ("must be …, found …").
//!
//! Lengths count characters, as AWS does for these strings.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

use super::model::{DEFAULT_VPC_PREFIX, INVITE_VERSIONS};

pub(super) type NumberRule = fn(u64) -> Result<(), String>;
pub(super) type TextRule = fn(&str) -> Result<(), String>;

pub(super) const VENDOR_NAME_MAX: usize = 64;
pub(super) const INSTALLATION_ID_LEN: (usize, usize) = (3, 64);
/// `sts:ExternalId` limits.
pub(super) const EXTERNAL_ID_LEN: (usize, usize) = (2, 1224);
/// IAM `Path` limits.
pub(super) const ROLE_PATH_MAX: usize = 512;
/// VPC sizes an invite may ask for: the environment's (AWS takes /16 to /28, but the load
/// balancer's subnets must be /27 or larger, so the four subnets need a /25 or larger).
pub(super) const VPC_PREFIX_RANGE: (u64, u64) =
    (crate::templates::MIN_VPC_PREFIX as u64, crate::templates::MAX_VPC_PREFIX as u64);
/// CloudFormation's limits: 60 parameters per template, names of up to 255 alphanumerics.
pub(super) const MAX_PARAMETERS: usize = 60;
pub(super) const PARAMETER_NAME_MAX: usize = 255;
pub(super) const PARAMETER_VALUE_MAX: usize = 4096;
pub(super) const KEY_ID_MAX: usize = 64;
const SIGNATURE_BYTES: usize = 64;
const TIMESTAMP_MAX: usize = 64;
/// IAM's limit for a role ARN.
const ROLE_ARN_MAX: usize = 2048;
const CALLBACK_MAX: usize = 2048;
/// The AWS partitions a vendor's role can be in.
const PARTITIONS: [&str; 3] = ["aws", "aws-us-gov", "aws-cn"];
/// How much of a found value a message quotes.
const QUOTE_MAX: usize = 40;

pub(super) fn version(found: u64) -> Result<(), String> {
    if INVITE_VERSIONS.iter().any(|&v| u64::from(v) == found) {
        Ok(())
    } else {
        Err(format!("must be 1 or 2 (found {found})"))
    }
}

/// An RFC 3339 time with its offset, such as 2027-01-31T23:59:59Z.
pub(super) fn timestamp(at: &str) -> Result<(), String> {
    length(at, 1, TIMESTAMP_MAX)?;
    at.parse::<jiff::Timestamp>().map(drop).map_err(|_| {
        format!("must be an RFC 3339 time with its offset, like 2027-01-31T23:59:59Z (found {})", quote(at))
    })
}

/// An IAM role ARN: `arn:<partition>:iam::<account>:role/<path><name>`. Which account it
/// must be in is a rule across fields (`validate`).
pub(super) fn role_arn(arn: &str) -> Result<(), String> {
    let wrong =
        || format!("must be an IAM role ARN like arn:aws:iam::123456789012:role/Support (found {})", quote(arn));
    length(arn, 1, ROLE_ARN_MAX)?;
    let mut parts = arn.splitn(6, ':');
    let (Some("arn"), Some(partition), Some("iam"), Some(""), Some(account), Some(resource)) =
        (parts.next(), parts.next(), parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(wrong());
    };
    if !PARTITIONS.contains(&partition) || account_id(account).is_err() {
        return Err(wrong());
    }
    let Some(path_and_name) = resource.strip_prefix("role/") else { return Err(wrong()) };
    let name = path_and_name.rsplit('/').next().unwrap_or_default();
    length(name, 1, 64).map_err(|_| wrong())?;
    allowed_chars(path_and_name, |c| c.is_ascii_alphanumeric() || "+=,.@_-/".contains(c), "A-Z, a-z, 0-9 and +=,.@_-/")
}

/// The 12-digit account of a role ARN that passed [`role_arn`].
fn role_arn_account(arn: &str) -> Option<&str> {
    arn.split(':').nth(4)
}

/// The vendor's role: an IAM role ARN, and one of the vendor's own account.
pub fn vendor_role_arn(arn: &str, vendor_account: &str) -> Result<(), String> {
    role_arn(arn)?;
    match role_arn_account(arn) {
        Some(account) if account != vendor_account => {
            Err(format!("must be a role of the vendor's account {vendor_account} (found one of {account})"))
        }
        _ => Ok(()),
    }
}

/// Where the hand-off goes: an https URL with a host and no user name or password (it would
/// be a credential in the invite).
pub(super) fn callback(url: &str) -> Result<(), String> {
    length(url, 1, CALLBACK_MAX)?;
    let parsed = url::Url::parse(url).map_err(|err| format!("must be an https URL ({err}; found {})", quote(url)))?;
    if parsed.scheme() != "https" {
        return Err(format!("must be an https URL; the hand-off is never sent in the clear (found {})", quote(url)));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(format!("must name a host (found {})", quote(url)));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(
            "must not carry a user name or password: the vendor authenticates the hand-off by its content".to_owned()
        );
    }
    if parsed.fragment().is_some() {
        return Err(format!("must not have a #fragment (found {})", quote(url)));
    }
    Ok(())
}

pub(super) fn vendor_name(name: &str) -> Result<(), String> {
    if name.trim().is_empty() {
        return Err(format!("must be the vendor's name, 1 to {VENDOR_NAME_MAX} characters (found {})", quote(name)));
    }
    if name.trim() != name {
        return Err(format!("must not start or end with spaces (found {})", quote(name)));
    }
    length(name, 1, VENDOR_NAME_MAX)?;
    allowed_chars(name, |c| !c.is_control() && !is_invisible_format(c), "printable characters")
}

/// The vendor's name in Unicode's composed form (NFC): two spellings of one name (a
/// precomposed é, or e and a combining accent) show and compare alike, and the signature is
/// over this form.
pub(super) fn composed(name: &str) -> String {
    unicode_normalization::UnicodeNormalization::nfc(name).collect()
}

/// Characters that change how text around them shows without showing themselves: Unicode's
/// format characters (Cf: zero-width joiners, the bidirectional overrides and isolates, the
/// soft hyphen) and the line and paragraph separators (Zl, Zp). In a vendor's name they could
/// make "Acme" read as another name, or reorder what the admin sees.
fn is_invisible_format(c: char) -> bool {
    use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
    matches!(
        c.general_category(),
        GeneralCategory::Format | GeneralCategory::LineSeparator | GeneralCategory::ParagraphSeparator
    )
}

pub fn account_id(id: &str) -> Result<(), String> {
    if id.len() == 12 && id.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(format!("must be an AWS account ID: exactly 12 digits (found {})", quote(id)))
    }
}

/// A character an installation ID may hold. IDs go into stack, role and policy names, so
/// they keep to what every one of those allows.
pub fn installation_id_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'
}

/// The one rule for installation IDs: 3 to 64 characters of a-z, 0-9 and '-', not starting with '-'.
pub fn installation_id(id: &str) -> Result<(), String> {
    let (min, max) = INSTALLATION_ID_LEN;
    length(id, min, max)?;
    allowed_chars(id, installation_id_char, "a-z, 0-9 and '-'")?;
    if id.starts_with('-') {
        return Err(format!("must start with a letter or a digit (found {})", quote(id)));
    }
    Ok(())
}

pub(super) fn external_id(id: &str) -> Result<(), String> {
    let (min, max) = EXTERNAL_ID_LEN;
    length(id, min, max)?;
    allowed_chars(id, |c| c.is_ascii_alphanumeric() || "_+=,.@:/-".contains(c), "A-Z, a-z, 0-9 and _+=,.@:/-")
}

pub(super) fn access_mode(mode: &str) -> Result<(), String> {
    match mode {
        "full" | "boundary" => Ok(()),
        _ => Err(format!("must be \"full\" or \"boundary\" (found {})", quote(mode))),
    }
}

pub(super) fn vpc_prefix(prefix: u64) -> Result<(), String> {
    let (min, max) = VPC_PREFIX_RANGE;
    if (min..=max).contains(&prefix) {
        Ok(())
    } else {
        Err(format!(
            "must be a VPC prefix length from {min} to {max}, or left out for {DEFAULT_VPC_PREFIX} (found {prefix})"
        ))
    }
}

pub(super) fn role_path(path: &str) -> Result<(), String> {
    length(path, 1, ROLE_PATH_MAX)?;
    if !path.starts_with('/') || !path.ends_with('/') {
        return Err(format!("must start and end with '/', like /private-deploy/ (found {})", quote(path)));
    }
    allowed_chars(path, |c| c.is_ascii_graphic(), "ASCII characters from '!' to '~'")?;
    if path.contains("//") {
        return Err(format!("must not contain \"//\" (found {})", quote(path)));
    }
    Ok(())
}

pub(super) fn template(name: &str) -> Result<(), String> {
    if name == "reference" {
        Ok(())
    } else {
        Err(format!("must be \"reference\", the environment shipped with the app (found {})", quote(name)))
    }
}

pub(super) fn parameter_name(name: &str) -> Result<(), String> {
    length(name, 1, PARAMETER_NAME_MAX)?;
    allowed_chars(name, |c| c.is_ascii_alphanumeric(), "A-Z, a-z and 0-9")
}

pub(super) fn parameter_value(value: &str) -> Result<(), String> {
    length(value, 0, PARAMETER_VALUE_MAX)
}

pub fn key_id(id: &str) -> Result<(), String> {
    length(id, 1, KEY_ID_MAX)?;
    allowed_chars(id, |c| c.is_ascii_alphanumeric() || "._-".contains(c), "A-Z, a-z, 0-9 and ._-")
}

pub(super) fn signature_bytes(text: &str) -> Result<(), String> {
    match STANDARD.decode(text) {
        Ok(bytes) if bytes.len() == SIGNATURE_BYTES => Ok(()),
        Ok(bytes) => Err(format!("must be {SIGNATURE_BYTES} bytes in base64 (found {} bytes)", bytes.len())),
        Err(err) => Err(format!("must be standard base64 of a {SIGNATURE_BYTES}-byte signature ({err})")),
    }
}

fn length(text: &str, min: usize, max: usize) -> Result<(), String> {
    let count = text.chars().count();
    if (min..=max).contains(&count) {
        Ok(())
    } else if min == 0 {
        Err(format!("must be at most {max} characters (found {count})"))
    } else {
        Err(format!("must be {min} to {max} characters long (found {count}: {})", quote(text)))
    }
}

/// Names the first character outside `allowed` and its position (counting from 1).
fn allowed_chars(text: &str, allowed: fn(char) -> bool, described: &str) -> Result<(), String> {
    match text.chars().enumerate().find(|&(_, c)| !allowed(c)) {
        None => Ok(()),
        Some((i, c)) => Err(format!("may only contain {described} (found {} at character {})", show_char(c), i + 1)),
    }
}

fn show_char(c: char) -> String {
    // An invisible character shown as itself would be invisible in the message too.
    if c.is_control() || c.is_whitespace() || is_invisible_format(c) {
        format!("U+{:04X}", u32::from(c))
    } else {
        format!("'{c}'")
    }
}

/// The value as a JSON string, cut short so that one long field cannot flood the message.
pub(super) fn quote(text: &str) -> String {
    if text.chars().count() <= QUOTE_MAX {
        format!("{text:?}")
    } else {
        let start: String = text.chars().take(QUOTE_MAX).collect();
        format!("{start:?}…")
    }
}
