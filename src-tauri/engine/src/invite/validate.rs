//! Reading an invite from a file's bytes or text: size, encoding, JSON syntax, then every
//! field against the rules, before anything is deserialized into [`Invite`]. The same rules
//! run when an `Invite` is deserialized from anywhere else.

use serde_json::Value;

use super::error::{FieldProblem, InviteError, WHOLE_INVITE};
use super::model::{Invite, InviteFields, INVITE_VERSIONS};
use super::{json, rules, schema};

/// An invite is a few hundred bytes; the limit stops a wrong file (or a hostile link) from
/// being read whole and reported on at length.
pub const MAX_INVITE_BYTES: usize = 64 * 1024;

/// What the window checks before it reads a picked or dropped file, so that a huge file is
/// refused before its text crosses to the engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct InviteLimits {
    pub max_bytes: u32,
}

pub const INVITE_LIMITS: InviteLimits = InviteLimits { max_bytes: MAX_INVITE_BYTES as u32 };

/// Reads an invite file's contents.
pub fn parse_invite_bytes(bytes: &[u8]) -> Result<Invite, InviteError> {
    check_size(bytes.len())?;
    let text = std::str::from_utf8(bytes).map_err(|err| InviteError::NotUtf8 { offset: err.valid_up_to() })?;
    parse_invite(text)
}

/// Reads an invite, reporting every invalid field of a well-formed document at once.
pub fn parse_invite(text: &str) -> Result<Invite, InviteError> {
    check_size(text.len())?;
    // Editors on Windows save UTF-8 with a byte order mark; it is not part of the JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(InviteError::Empty);
    }
    let document = json::read_strict(text).map_err(malformed)?;
    check_document(document)
}

/// Checks a parsed document against every rule, reporting every invalid field at once.
pub(super) fn check_document(document: Value) -> Result<Invite, InviteError> {
    // Another version's fields mean something else: listing them as unknown would mislead.
    let version = document.get("version").and_then(Value::as_u64);
    if let Some(found) = version {
        if !INVITE_VERSIONS.iter().any(|&v| u64::from(v) == found) {
            return Err(InviteError::UnsupportedVersion { found });
        }
    }
    let mut document = document;
    if let Some(name) = document.pointer_mut("/vendor/name") {
        if let Some(text) = name.as_str() {
            *name = Value::String(rules::composed(text));
        }
    }
    let mut problems = schema::check(&document);
    // Once every parameter is well-formed, whether the environment takes it at all.
    if !problems.iter().any(|p| p.field.starts_with("environment.parameters")) {
        problems.extend(reference_takes_no_parameters(&document));
    }
    match version {
        Some(1) => problems.extend(version_2_fields_in_version_1(&document)),
        Some(2) => problems.extend(version_2_rules(&document)),
        _ => {}
    }
    if !problems.is_empty() {
        return Err(InviteError::Invalid { problems });
    }
    // Cannot fail once the schema check passed, unless the schema and the model drifted apart.
    let fields: InviteFields = serde_json::from_value(document).map_err(|err| InviteError::Invalid {
        problems: vec![FieldProblem::new(WHOLE_INVITE, format!("cannot be read ({err})"))],
    })?;
    Ok(Invite::checked(fields))
}

/// The reference environment's parameters are all set by the app (from the plan), so an
/// invite that sets one asks for something that would be ignored or overridden: refused here,
/// when the invite is opened, not at Install.
fn reference_takes_no_parameters(document: &Value) -> Vec<FieldProblem> {
    let environment = &document["environment"];
    if environment["template"] != "reference" {
        return Vec::new();
    }
    let Some(parameters) = environment["parameters"].as_object() else { return Vec::new() };
    parameters
        .keys()
        .map(|name| {
            FieldProblem::new(
                format!("environment.parameters.{name}"),
                "is not a parameter the reference environment takes: it takes none (the app sets them all)",
            )
        })
        .collect()
}

fn version_2_fields_in_version_1(document: &Value) -> Vec<FieldProblem> {
    schema::SINCE_VERSION_2
        .iter()
        .filter(|name| document.get(**name).is_some())
        .map(|name| FieldProblem::new(*name, "exists from invite version 2 on: the invite must say \"version\": 2"))
        .collect()
}

/// Version 2 is signed as written (RFC 8785), so every field is written out, and its fields
/// that name the vendor agree with each other.
fn version_2_rules(document: &Value) -> Vec<FieldProblem> {
    let mut problems: Vec<FieldProblem> = schema::WRITTEN_OUT_IN_VERSION_2
        .iter()
        .filter(|name| document.get(**name).is_none())
        .map(|name| FieldProblem::new(*name, "is missing; version 2 invites write it out (nothing is filled in)"))
        .collect();
    if document.pointer("/environment/parameters").is_some() {
        problems.push(FieldProblem::new(
            "environment.parameters",
            "is not part of version 2: the reference environment takes no parameters (the app sets them all)",
        ));
    }
    let vendor_account = document.pointer("/vendor/account_id").and_then(Value::as_str);
    if let (Some(arn), Some(vendor_account)) = (document.get("vendor_role_arn").and_then(Value::as_str), vendor_account)
    {
        // Its form was checked with the other fields: only the account is new here.
        if let (Ok(()), Err(problem)) = (rules::role_arn(arn), rules::vendor_role_arn(arn, vendor_account)) {
            problems.push(FieldProblem::new("vendor_role_arn", problem));
        }
    }
    problems
}

fn check_size(size: usize) -> Result<(), InviteError> {
    if size > MAX_INVITE_BYTES {
        Err(InviteError::TooLarge { size, limit: MAX_INVITE_BYTES })
    } else {
        Ok(())
    }
}

fn malformed(err: serde_json::Error) -> InviteError {
    let (line, column) = (err.line(), err.column());
    let text = err.to_string();
    let problem = text.strip_suffix(&format!(" at line {line} column {column}")).unwrap_or(&text).to_owned();
    InviteError::Malformed { line, column, problem }
}
