//! `private-deploy vendor …`: the vendor's key pair, signed invites and their check. Files
//! only: no AWS sign-in, no journal. The work is the engine's (`engine::vendor`).

use std::path::PathBuf;

use clap::Subcommand;

use engine::invite::{trusted_keys_from_env, Invite, Verification};
use engine::vendor::{self, InviteOptions, VerifyReport};
use engine::Failure;

use crate::output::{Columns, Printer};
use crate::Outcome;

#[derive(Debug, Subcommand)]
pub enum VendorCommand {
    /// Make an Ed25519 key pair in DIR: private-key.json (mode 0600, never printed) and
    /// public-key.json; prints the public key as the entry of the build's vendor key file.
    Keygen {
        /// The directory to write the two files into (created if missing; no file is replaced).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The key's ID in invites (default: one derived from the public key).
        #[arg(long, value_name = "ID")]
        key_id: Option<String>,
        /// The vendor's display name, as the window shows it beside a verified invite.
        #[arg(long, value_name = "NAME")]
        vendor_name: String,
        /// An AWS account whose invites this key signs; repeat as needed.
        #[arg(long, value_name = "ID", required = true)]
        vendor_account: Vec<String>,
    },
    /// Write a signed invite (format version 2) to --out and print its private-deploy:// link.
    Invite {
        /// The private-key.json that `vendor keygen` wrote.
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
        #[arg(long, value_name = "NAME")]
        vendor_name: String,
        /// The vendor's 12-digit AWS account ID: the account the customer's role trusts.
        #[arg(long, value_name = "ID")]
        vendor_account: String,
        /// The installation ID (a-z, 0-9 and '-'; 3 to 64 characters).
        #[arg(long, value_name = "ID")]
        installation: String,
        /// The External ID the vendor presents to assume the role.
        #[arg(long, value_name = "ID", required_unless_present = "generate_external_id")]
        external_id: Option<String>,
        /// Generate a random External ID (160 bits, 32 characters).
        #[arg(long, conflicts_with = "external_id")]
        generate_external_id: bool,
        /// The only AWS account the environment may be installed in.
        #[arg(long, value_name = "ID")]
        customer_account: Option<String>,
        /// When the invite stops being usable: 30d, 12h, or an RFC 3339 time.
        #[arg(long, value_name = "30d|RFC3339")]
        expires: Option<String>,
        /// The vendor's IAM role the customer's role trusts, instead of the whole vendor account.
        #[arg(long, value_name = "ARN")]
        vendor_role: Option<String>,
        /// The vendor must set sts:SourceIdentity (its engineer's name) when it assumes the role.
        #[arg(long)]
        require_source_identity: bool,
        /// The vendor's https URL that receives the hand-off after the install.
        #[arg(long, value_name = "URL")]
        callback: Option<String>,
        /// The vendor's role is limited by the Private Deploy permissions boundary.
        #[arg(long)]
        boundary: bool,
        /// The VPC block's prefix length (default 16).
        #[arg(long, value_name = "N")]
        vpc_prefix: Option<u8>,
        /// The invite file to write (never replaced).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Say whether and by which key an invite is signed, and every field. Exits 0 only when
    /// the signature verifies.
    Verify {
        /// An invite file or a private-deploy:// link.
        #[arg(value_name = "FILE|LINK")]
        invite: String,
        /// Check against this public key (public-key.json, or base64) instead of the keys this
        /// build and PRIVATE_DEPLOY_VENDOR_KEYS trust.
        #[arg(long, value_name = "PUBKEY")]
        key: Option<String>,
    },
}

pub(crate) fn run(printer: &Printer, command: &VendorCommand) -> Result<Outcome, Failure> {
    match command {
        VendorCommand::Keygen { out, key_id, vendor_name, vendor_account } => {
            let pair = vendor::keygen(out, key_id.as_deref(), vendor_name, vendor_account)?;
            if printer.json {
                printer.print_json(&pair);
            } else {
                // stdout is the entry alone, to paste into the vendor key file.
                printer.print_json(&pair.public_key);
                eprintln!(
                    "Wrote {} (mode 0600: keep it secret) and {}. Fingerprint {} (About and \
                     `private-deploy diagnostics` show it for each key a build trusts).",
                    pair.private_key_file.display(),
                    pair.public_key_file.display(),
                    engine::diagnostics::fingerprint(&pair.public_key.public_key)
                );
            }
            Ok(Outcome::Done)
        }
        VendorCommand::Invite {
            key,
            vendor_name,
            vendor_account,
            installation,
            external_id,
            generate_external_id,
            customer_account,
            expires,
            vendor_role,
            require_source_identity,
            callback,
            boundary,
            vpc_prefix,
            out,
        } => {
            let signing = vendor::read_private_key(key)?;
            let external_id = match (external_id, generate_external_id) {
                (Some(id), _) => id.clone(),
                // clap requires one of the two.
                (None, _) => vendor::generate_external_id()?,
            };
            let options = InviteOptions {
                vendor_name: vendor_name.clone(),
                vendor_account_id: vendor_account.clone(),
                installation_id: installation.clone(),
                external_id,
                customer_account_id: customer_account.clone(),
                expires: expires.clone(),
                vendor_role_arn: vendor_role.clone(),
                require_source_identity: *require_source_identity,
                callback: callback.clone(),
                boundary: *boundary,
                vpc_prefix: *vpc_prefix,
            };
            let made = vendor::make_invite(&options, &signing, jiff::Timestamp::now(), out)?;
            if printer.json {
                printer.print_json(&serde_json::json!({
                    "file": out.display().to_string(),
                    "link": made.link,
                    "invite": made.invite,
                }));
            } else {
                println!("{}", made.link);
                eprintln!("Wrote {} (signed with key {}).", out.display(), signing.key_id);
            }
            Ok(Outcome::Done)
        }
        VendorCommand::Verify { invite, key } => {
            let invite = vendor::read_invite_arg(invite)?;
            let keys = match key {
                Some(key) => vendor::parse_public_key(key, &invite)?,
                None => trusted_keys_from_env()?,
            };
            let report = vendor::verify_report(invite, &keys, jiff::Timestamp::now());
            if printer.json {
                printer.print_json(&report);
            } else {
                print_report(&report);
            }
            Ok(if report.verification.is_verified() { Outcome::Done } else { Outcome::Refused })
        }
    }
}

fn print_report(report: &VerifyReport) {
    let signature = match &report.verification {
        Verification::Verified { key_id, vendor_name, source } => {
            let whose = engine::diagnostics::source_words(*source);
            format!("verified: signed by key {key_id} of {vendor_name}, {whose}")
        }
        Verification::Unsigned => "NOT SIGNED".to_owned(),
        Verification::UnknownKey { key_id } => {
            format!("NOT VERIFIED: signed by key {key_id}, which is not trusted")
        }
        Verification::Invalid { key_id } => format!(
            "INVALID: key {key_id} did not sign this invite as it is (changed after signing, or the key does not \
             vouch for the vendor account)"
        ),
    };
    let invite: &Invite = &report.invite;
    let none = || "-".to_owned();
    let mut rows = Columns::new(0);
    rows.row(["Signature", &signature]);
    rows.row(["Version", &invite.version.to_string()]);
    rows.row(["Vendor", &format!("{} (AWS account {})", invite.vendor.name, invite.vendor.account_id)]);
    rows.row(["Installation", &invite.installation_id]);
    rows.row(["External ID", &invite.external_id]);
    rows.row(["Access", &format!("{:?}", invite.access_mode).to_lowercase()]);
    rows.row(["VPC prefix", &format!("/{}", invite.vpc_prefix)]);
    rows.row(["Role path", &invite.role_path]);
    rows.row([
        "Customer account",
        &invite.customer_account_id.as_ref().map_or_else(|| "any account".to_owned(), |id| format!("{id} only")),
    ]);
    let expires = match &invite.expires_at {
        Some(at) if report.expired => format!("{at} (EXPIRED: the app refuses it)"),
        Some(at) => at.clone(),
        None => "never".to_owned(),
    };
    rows.row(["Expires", &expires]);
    rows.row(["Vendor role", &invite.vendor_role_arn.clone().unwrap_or_else(|| "the whole vendor account".into())]);
    rows.row(["Source identity", if invite.requires_source_identity() { "required" } else { "not required" }]);
    rows.row(["Callback", &invite.callback.clone().unwrap_or_else(none)]);
    rows.row(["Signed bytes SHA-256", &report.signed_bytes_sha256]);
    rows.print();
}
