//! The policy documents the Manage panel writes on the vendor's role, and reading them back:
//! the access window (a Deny of everything outside `[start, end]` on `aws:CurrentTime`), the
//! console's `AWSRevokeOlderSessions` (a Deny of every session issued before a time), and
//! IAM's URL-encoded documents. Pure: no AWS calls.

use jiff::Timestamp;
use serde_json::{json, Value};

use super::model::AccessWindow;

/// The inline policy the IAM console writes for "Revoke active sessions"; the same name, so
/// that the console and this app see each other's revocation.
pub const REVOKE_POLICY_NAME: &str = "AWSRevokeOlderSessions";

/// The start of a window that was never limited: the template's "always open" document
/// denies only before this instant, which never comes again.
const EPOCH: &str = "1970-01-01T00:00:00Z";

/// IAM returns policy documents URL-encoded (RFC 3986 escapes); the SDK does not decode them.
pub fn decode_document(text: &str) -> String {
    // A document is JSON: one that already parses was not encoded (or a mock gave it raw).
    if serde_json::from_str::<Value>(text).is_ok() {
        return text.to_owned();
    }
    percent_encoding::percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// Parses a (possibly URL-encoded) policy document.
pub fn parse_document(text: &str) -> Option<Value> {
    serde_json::from_str(&decode_document(text)).ok()
}

/// A time as IAM conditions take it: RFC 3339 in UTC, whole seconds.
pub fn iam_time(at: Timestamp) -> String {
    Timestamp::from_second(at.as_second()).unwrap_or(at).to_string()
}

fn parse_time(text: &str) -> Option<Timestamp> {
    text.parse().ok()
}

fn deny_all(sid: &str, condition: Option<Value>) -> Value {
    let mut statement = json!({ "Sid": sid, "Effect": "Deny", "Action": "*", "Resource": "*" });
    if let Some(condition) = condition {
        statement["Condition"] = condition;
    }
    statement
}

/// Denies everything before `start` and after `end`: two statements, because the conditions
/// of one statement must all match (AND), and the window needs either (OR).
pub fn window_policy(start: Timestamp, end: Timestamp) -> Value {
    json!({
        "Version": "2012-10-17",
        "Statement": [
            deny_all("AccessWindowNotYetOpen", Some(json!({ "DateLessThan": { "aws:CurrentTime": iam_time(start) } }))),
            deny_all("AccessWindowClosed", Some(json!({ "DateGreaterThan": { "aws:CurrentTime": iam_time(end) } }))),
        ]
    })
}

/// Denies everything, at any time: the window is closed until it is opened again.
pub fn closed_policy() -> Value {
    json!({ "Version": "2012-10-17", "Statement": [deny_all("AccessWindowClosedNow", None)] })
}

/// The console's revocation: every session whose token was issued before `before` is denied.
/// A session issued later (the vendor assuming the role again) is not.
pub fn revoke_policy(before: Timestamp) -> Value {
    json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Deny",
            "Action": ["*"],
            "Resource": ["*"],
            "Condition": { "DateLessThan": { "aws:TokenIssueTime": iam_time(before) } }
        }]
    })
}

/// `Statement` as a list (IAM allows a single statement object too).
fn statements(doc: &Value) -> Vec<&Value> {
    match doc.get("Statement") {
        Some(Value::Array(list)) => list.iter().collect(),
        Some(one @ Value::Object(_)) => vec![one],
        _ => vec![],
    }
}

/// `"*"` or `["*"]`.
fn is_star(value: Option<&Value>) -> bool {
    match value {
        Some(Value::String(s)) => s == "*",
        Some(Value::Array(list)) => list.len() == 1 && list[0] == "*",
        _ => false,
    }
}

/// A Deny of every action on every resource, with its condition (if any).
fn deny_all_condition(statement: &Value) -> Option<Option<&serde_json::Map<String, Value>>> {
    let deny_all = statement.get("Effect").and_then(Value::as_str) == Some("Deny")
        && is_star(statement.get("Action"))
        && is_star(statement.get("Resource"))
        && statement.get("NotAction").is_none()
        && statement.get("NotResource").is_none();
    if !deny_all {
        return None;
    }
    match statement.get("Condition") {
        None => Some(None),
        Some(Value::Object(map)) => Some(Some(map)),
        Some(_) => None,
    }
}

/// `{operator: {key: "time"}}` with exactly one operator and key: the time.
fn single_time<'a>(condition: &'a serde_json::Map<String, Value>, operator: &str, key: &str) -> Option<&'a str> {
    if condition.len() != 1 {
        return None;
    }
    let inner = condition.get(operator)?.as_object()?;
    if inner.len() != 1 {
        return None;
    }
    match inner.get(key)? {
        Value::String(s) => Some(s.as_str()),
        Value::Array(list) if list.len() == 1 => list[0].as_str(),
        _ => None,
    }
}

/// What the access-window slot's document means at `now`. Read by meaning rather than by
/// Sid, so that a window written by hand in the same shape is understood too; anything else
/// is [`AccessWindow::Custom`].
pub fn parse_window(document: Option<&str>, now: Timestamp) -> AccessWindow {
    let Some(text) = document else { return AccessWindow::Missing };
    let Some(doc) = parse_document(text) else {
        return AccessWindow::Custom { document: decode_document(text) };
    };
    let custom = || AccessWindow::Custom { document: serde_json::to_string_pretty(&doc).unwrap_or_default() };
    let mut starts: Vec<Timestamp> = Vec::new();
    let mut ends: Vec<Timestamp> = Vec::new();
    let mut closed = false;
    let list = statements(&doc);
    if list.is_empty() {
        return custom();
    }
    for statement in list {
        match deny_all_condition(statement) {
            Some(None) => closed = true,
            Some(Some(condition)) => {
                if let Some(t) = single_time(condition, "DateLessThan", "aws:CurrentTime") {
                    match parse_time(t) {
                        Some(t) => starts.push(t),
                        None => return custom(),
                    }
                } else if let Some(t) = single_time(condition, "DateGreaterThan", "aws:CurrentTime") {
                    match parse_time(t) {
                        Some(t) => ends.push(t),
                        None => return custom(),
                    }
                } else {
                    return custom();
                }
            }
            None => return custom(),
        }
    }
    if closed {
        return AccessWindow::Closed;
    }
    let start = starts.into_iter().max_by_key(|t| t.as_second());
    let end = ends.into_iter().min_by_key(|t| t.as_second());
    let epoch = parse_time(EPOCH).map(|t| t.as_second()).unwrap_or(0);
    match (start, end) {
        (None, None) => AccessWindow::AlwaysOpen,
        (Some(s), None) if s.as_second() <= epoch => AccessWindow::AlwaysOpen,
        (start, end) => {
            let start_secs = start.map(|s| s.as_second()).unwrap_or(i64::MIN);
            let end_secs = end.map(|e| e.as_second()).unwrap_or(i64::MAX);
            let open_now = start_secs <= now.as_second() && now.as_second() <= end_secs;
            let seconds_left = match end {
                Some(e) if open_now => Some(e.as_second() - now.as_second()),
                _ => None,
            };
            AccessWindow::Window {
                start: start.filter(|s| s.as_second() > epoch).map(iam_time),
                end: end.map(iam_time),
                open_now,
                seconds_left,
            }
        }
    }
}

/// The time of an `AWSRevokeOlderSessions`-shaped document: sessions issued before it are denied.
pub fn parse_revocation(document: &str) -> Option<String> {
    let doc = parse_document(document)?;
    statements(&doc).into_iter().find_map(|s| {
        let condition = deny_all_condition(s)??;
        let t = single_time(condition, "DateLessThan", "aws:TokenIssueTime")?;
        parse_time(t).map(iam_time)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::access_window_always_open_policy_json;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn encoded(doc: &Value) -> String {
        // As IAM returns it: every reserved character escaped.
        percent_encoding::utf8_percent_encode(&doc.to_string(), percent_encoding::NON_ALPHANUMERIC).to_string()
    }

    #[test]
    fn a_window_reads_back_with_the_time_left_from_iams_url_encoded_form() {
        let doc = window_policy(at("2026-11-21T10:00:00.750Z"), at("2026-11-21T12:00:00Z"));
        assert_eq!(doc["Statement"][0]["Condition"]["DateLessThan"]["aws:CurrentTime"], "2026-11-21T10:00:00Z");
        assert_eq!(doc["Statement"][1]["Condition"]["DateGreaterThan"]["aws:CurrentTime"], "2026-11-21T12:00:00Z");
        let text = encoded(&doc);
        assert!(text.starts_with("%7B%22Version%22"), "{text}");
        assert_eq!(
            parse_window(Some(&text), at("2026-11-21T11:30:00Z")),
            AccessWindow::Window {
                start: Some("2026-11-21T10:00:00Z".into()),
                end: Some("2026-11-21T12:00:00Z".into()),
                open_now: true,
                seconds_left: Some(1800),
            }
        );
        // Past its end, the same document is a window that has closed by itself.
        let after = parse_window(Some(&text), at("2026-11-21T12:00:01Z"));
        assert!(matches!(after, AccessWindow::Window { open_now: false, seconds_left: None, .. }), "{after:?}");
    }

    #[test]
    fn the_templates_slot_is_always_open_closed_is_closed_and_anything_else_is_custom() {
        let now = at("2026-11-21T11:30:00Z");
        assert_eq!(parse_window(Some(&access_window_always_open_policy_json()), now), AccessWindow::AlwaysOpen);
        assert_eq!(parse_window(Some(&encoded(&closed_policy())), now), AccessWindow::Closed);
        assert_eq!(parse_window(None, now), AccessWindow::Missing);
        let allow =
            json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]});
        assert!(matches!(parse_window(Some(&allow.to_string()), now), AccessWindow::Custom { .. }));
        let other_key = json!({"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*",
            "Condition": {"DateLessThan": {"aws:TokenIssueTime": "2026-11-21T10:00:00Z"}}}});
        assert!(matches!(parse_window(Some(&other_key.to_string()), now), AccessWindow::Custom { .. }));
        assert!(matches!(parse_window(Some("not json"), now), AccessWindow::Custom { .. }));
    }

    #[test]
    fn the_revocation_is_the_consoles_document_and_reads_back() {
        let doc = revoke_policy(at("2026-11-21T11:30:00.2Z"));
        assert_eq!(
            doc,
            json!({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": ["*"], "Resource": ["*"],
                "Condition": {"DateLessThan": {"aws:TokenIssueTime": "2026-11-21T11:30:00Z"}}}]})
        );
        assert_eq!(parse_revocation(&encoded(&doc)).as_deref(), Some("2026-11-21T11:30:00Z"));
        assert_eq!(parse_revocation(&closed_policy().to_string()), None);
    }

    #[test]
    fn decoding_leaves_plain_json_alone_and_decodes_escapes() {
        assert_eq!(decode_document("{\"a\":\"x+y%\"}"), "{\"a\":\"x+y%\"}");
        assert_eq!(decode_document("%7B%22a%22%3A1%7D"), "{\"a\":1}");
    }
}
