//! The invite's fields in one table: which exist, which are required, their JSON type and
//! their rule. [`check`] walks a parsed document against it and collects every problem, each
//! named by its JSON path, so the admin sees all that is wrong at once.
//!
//! The serde model (`model`) is only deserialized after this check passes; a test keeps the
//! two in step.

use serde_json::{Map, Value};

use super::error::{FieldProblem, WHOLE_INVITE};
use super::rules::{self, NumberRule, TextRule, MAX_PARAMETERS};

pub(super) struct Field {
    pub name: &'static str,
    pub required: bool,
    pub kind: Kind,
}

pub(super) enum Kind {
    /// A JSON number without fraction, not negative.
    Integer(NumberRule),
    Text(TextRule),
    Bool,
    Object(&'static [Field]),
    /// An object of string values under free-form keys.
    TextMap {
        max_entries: usize,
        key: TextRule,
        value: TextRule,
    },
}

const fn required(name: &'static str, kind: Kind) -> Field {
    Field { name, required: true, kind }
}

const fn optional(name: &'static str, kind: Kind) -> Field {
    Field { name, required: false, kind }
}

pub(super) const INVITE: &[Field] = &[
    required("version", Kind::Integer(rules::version)),
    required("vendor", Kind::Object(VENDOR)),
    required("installation_id", Kind::Text(rules::installation_id)),
    required("external_id", Kind::Text(rules::external_id)),
    required("access_mode", Kind::Text(rules::access_mode)),
    optional("vpc_prefix", Kind::Integer(rules::vpc_prefix)),
    optional("role_path", Kind::Text(rules::role_path)),
    required("environment", Kind::Object(ENVIRONMENT)),
    optional("customer_account_id", Kind::Text(rules::account_id)),
    optional("expires_at", Kind::Text(rules::timestamp)),
    optional("vendor_role_arn", Kind::Text(rules::role_arn)),
    optional("require_source_identity", Kind::Bool),
    optional("callback", Kind::Text(rules::callback)),
    optional("signature", Kind::Object(SIGNATURE)),
];

/// The fields that exist from version 2 on.
pub(super) const SINCE_VERSION_2: &[&str] =
    &["customer_account_id", "expires_at", "vendor_role_arn", "require_source_identity", "callback"];

/// The fields version 2 requires that version 1 let default: a version 2 invite is signed as
/// written, so nothing in it may be filled in by the reader.
pub(super) const WRITTEN_OUT_IN_VERSION_2: &[&str] = &["vpc_prefix", "role_path"];

const VENDOR: &[Field] =
    &[required("name", Kind::Text(rules::vendor_name)), required("account_id", Kind::Text(rules::account_id))];

const ENVIRONMENT: &[Field] = &[
    required("template", Kind::Text(rules::template)),
    optional(
        "parameters",
        Kind::TextMap { max_entries: MAX_PARAMETERS, key: rules::parameter_name, value: rules::parameter_value },
    ),
];

const SIGNATURE: &[Field] =
    &[required("key_id", Kind::Text(rules::key_id)), required("ed25519", Kind::Text(rules::signature_bytes))];

/// Every problem of `document` against [`INVITE`], in table order (unknown fields last).
pub(super) fn check(document: &Value) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    check_object(document, INVITE, "", &mut problems);
    problems
}

fn check_object(value: &Value, fields: &[Field], path: &str, out: &mut Vec<FieldProblem>) {
    let Some(map) = value.as_object() else {
        out.push(FieldProblem::new(named(path), format!("must be a JSON object (found {})", describe(value))));
        return;
    };
    for field in fields {
        let field_path = join(path, field.name);
        match map.get(field.name) {
            Some(item) => check_value(item, &field.kind, &field_path, out),
            None if field.required => out.push(FieldProblem::new(field_path, "is missing; it is required")),
            None => {}
        }
    }
    unknown_fields(map, fields, path, out);
}

fn unknown_fields(map: &Map<String, Value>, fields: &[Field], path: &str, out: &mut Vec<FieldProblem>) {
    let allowed = fields.iter().map(|f| f.name).collect::<Vec<_>>().join(", ");
    for key in map.keys().filter(|key| !fields.iter().any(|f| f.name == key.as_str())) {
        out.push(FieldProblem::new(
            join(path, key),
            format!("is not a field of {} (the fields there are: {allowed})", named(path)),
        ));
    }
}

fn check_value(value: &Value, kind: &Kind, path: &str, out: &mut Vec<FieldProblem>) {
    match kind {
        Kind::Integer(rule) => match value.as_u64() {
            Some(n) => report(out, path, rule(n)),
            None => report(out, path, Err(format!("must be a whole number (found {})", describe(value)))),
        },
        Kind::Text(rule) => check_text(value, *rule, path, out),
        Kind::Bool if value.is_boolean() => {}
        Kind::Bool => report(out, path, Err(format!("must be true or false (found {})", describe(value)))),
        Kind::Object(fields) => check_object(value, fields, path, out),
        Kind::TextMap { max_entries, key, value: value_rule } => {
            let Some(map) = value.as_object() else {
                return report(out, path, Err(format!("must be a JSON object of strings (found {})", describe(value))));
            };
            if map.len() > *max_entries {
                report(out, path, Err(format!("may have at most {max_entries} entries (found {})", map.len())));
            }
            for (name, item) in map {
                let item_path = join(path, name);
                report(out, &item_path, key(name).map_err(|problem| format!("has an invalid name: it {problem}")));
                check_text(item, *value_rule, &item_path, out);
            }
        }
    }
}

fn check_text(value: &Value, rule: TextRule, path: &str, out: &mut Vec<FieldProblem>) {
    match value.as_str() {
        Some(text) => report(out, path, rule(text)),
        None => report(out, path, Err(format!("must be a string (found {})", describe(value)))),
    }
}

fn report(out: &mut Vec<FieldProblem>, path: &str, result: Result<(), String>) {
    if let Err(problem) = result {
        out.push(FieldProblem::new(path, problem));
    }
}

/// `path.key`, or `path["key"]` when the key is not a plain identifier.
fn join(path: &str, key: &str) -> String {
    let plain = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    match (path.is_empty(), plain) {
        (true, true) => key.to_owned(),
        (false, true) => format!("{path}.{key}"),
        (_, false) => format!("{path}[{}]", serde_json::Value::from(key)),
    }
}

fn named(path: &str) -> &str {
    if path.is_empty() {
        WHOLE_INVITE
    } else {
        path
    }
}

fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the string {}", rules::quote(s)),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}
