//! A signed version 2 invite made from the vendor's options, written to a file and given as
//! a `private-deploy://` link.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

use super::keyfile::write_new_file;
use super::{VendorError, VendorSigningKey};
use crate::invite::{
    self, AccessMode, Environment, EnvironmentTemplate, Invite, InviteFields, Vendor, DEFAULT_ROLE_PATH,
    DEFAULT_VPC_PREFIX, INVITE_VERSION,
};

/// What the vendor chose; every value is checked by the invite's own rules.
#[derive(Debug, Clone, Default)]
pub struct InviteOptions {
    pub vendor_name: String,
    pub vendor_account_id: String,
    pub installation_id: String,
    pub external_id: String,
    pub customer_account_id: Option<String>,
    /// `30d`, `12h` or an RFC 3339 time.
    pub expires: Option<String>,
    pub vendor_role_arn: Option<String>,
    pub require_source_identity: bool,
    pub callback: Option<String>,
    pub boundary: bool,
    pub vpc_prefix: Option<u8>,
}

/// The signed invite and its link.
#[derive(Debug, Clone, Serialize)]
pub struct MadeInvite {
    pub invite: Invite,
    pub link: String,
}

/// Signs an invite from `options` with `key`, at `now` (for the expiry), and writes it to
/// `out` (never replacing a file) as pretty JSON.
pub fn make_invite(
    options: &InviteOptions,
    key: &VendorSigningKey,
    now: Timestamp,
    out: &Path,
) -> Result<MadeInvite, VendorError> {
    let expires_at = options.expires.as_deref().map(|given| parse_expiry(given, now)).transpose()?;
    let fields = InviteFields {
        version: INVITE_VERSION,
        vendor: Vendor { name: options.vendor_name.clone(), account_id: options.vendor_account_id.clone() },
        installation_id: options.installation_id.clone(),
        external_id: options.external_id.clone(),
        access_mode: if options.boundary { AccessMode::Boundary } else { AccessMode::Full },
        vpc_prefix: options.vpc_prefix.unwrap_or(DEFAULT_VPC_PREFIX),
        role_path: DEFAULT_ROLE_PATH.to_owned(),
        environment: Environment { template: EnvironmentTemplate::Reference, parameters: BTreeMap::new() },
        customer_account_id: options.customer_account_id.clone(),
        expires_at: expires_at.map(|at| at.to_string()),
        vendor_role_arn: options.vendor_role_arn.clone(),
        require_source_identity: options.require_source_identity.then_some(true),
        callback: options.callback.clone(),
        signature: None,
    };
    let rules = |err: invite::InviteError| VendorError::InviteRules { problem: err.to_string() };
    let invite = Invite::try_from(fields).map_err(rules)?;
    let invite = invite::sign(&invite, &key.key_id, &key.key).map_err(rules)?;
    // Plain structs of strings and integers serialize.
    let text = serde_json::to_string_pretty(&invite).expect("an invite serializes") + "\n";
    write_new_file(out, &text)?;
    Ok(MadeInvite { link: invite::to_link(&invite), invite })
}

/// `30d`, `12h` (from `now`) or an RFC 3339 time, to the second; it must be in the future.
pub fn parse_expiry(given: &str, now: Timestamp) -> Result<Timestamp, VendorError> {
    let refuse = |problem: &str| VendorError::Expiry { given: given.to_owned(), problem: problem.to_owned() };
    let relative = |unit_hours: i64, digits: &str| -> Result<Timestamp, VendorError> {
        let count: i64 = digits.parse().map_err(|_| refuse("is not a whole number of days or hours"))?;
        let hours = count.checked_mul(unit_hours).filter(|h| (1..=24 * 3660).contains(h));
        let hours = hours.ok_or_else(|| refuse("must be from 1 hour to 10 years"))?;
        now.checked_add(SignedDuration::from_hours(hours)).map_err(|_| refuse("is too far away"))
    };
    let at = if let Some(days) = given.strip_suffix('d') {
        relative(24, days)?
    } else if let Some(hours) = given.strip_suffix('h') {
        relative(1, hours)?
    } else {
        given.parse::<Timestamp>().map_err(|_| refuse("is neither a duration (30d, 12h) nor an RFC 3339 time"))?
    };
    if at <= now {
        return Err(refuse("is not in the future"));
    }
    // Whole seconds: the invite shows the time as people read it.
    Timestamp::from_second(at.as_second()).map_err(|_| refuse("is out of range"))
}
