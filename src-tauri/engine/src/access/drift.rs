//! "Changed outside Private Deploy": the role as the journal expects it (what the install
//! read back, then what each action of this app wrote and verified), compared with the role
//! as IAM has it now. Pure: the reads are in `baseline`.
//!
//! Documents are compared by meaning, not by text: IAM returns them URL-encoded and may
//! reorder keys or turn a one-element list into a string, so both sides are parsed and
//! normalised ([`normalize`]) first.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::documents::REVOKE_POLICY_NAME;
use super::model::RoleView;
use crate::templates::{ACCESS_WINDOW_POLICY_NAME, GUARDRAIL_POLICY_NAME};

/// What changed on the role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DriftKind {
    /// The role was deleted by someone else.
    RoleGone,
    /// A role of the same name exists, but it is not the one installed (another ID or creation date).
    RoleRecreated,
    TrustPolicy,
    AccessWindow,
    Revocation,
    /// The guardrail policy was changed or deleted.
    Guardrail,
    /// Another inline policy was added, changed or deleted.
    InlinePolicy,
    /// A managed policy was attached or detached.
    AttachedPolicy,
    /// The permissions boundary was set, changed or removed.
    Boundary,
    /// The boundary policy has another default version (its permissions were rewritten).
    BoundaryVersion,
}

/// One change made outside Private Deploy: what, which (a policy name or ARN), as expected and as found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Drift {
    pub kind: DriftKind,
    pub subject: String,
    pub expected: String,
    pub found: String,
}

impl Drift {
    /// One line: "trust policy of role R: expected …, found …".
    pub fn sentence(&self) -> String {
        let what = match self.kind {
            DriftKind::RoleGone => "the role was deleted",
            DriftKind::RoleRecreated => "the role was deleted and created again",
            DriftKind::TrustPolicy => "the trust policy was changed",
            DriftKind::AccessWindow => "the access window was changed",
            DriftKind::Revocation => "the session revocation was changed",
            DriftKind::Guardrail => "the guardrail was changed",
            DriftKind::InlinePolicy => "an inline policy was changed",
            DriftKind::AttachedPolicy => "the attached managed policies were changed",
            DriftKind::Boundary => "the permissions boundary was changed",
            DriftKind::BoundaryVersion => "the boundary policy's default version was changed",
        };
        format!("{what} ({}): expected {}, found {}", self.subject, one_line(&self.expected), one_line(&self.found))
    }
}

fn one_line(text: &str) -> String {
    match serde_json::from_str::<Value>(text) {
        Ok(v @ (Value::Object(_) | Value::Array(_))) => v.to_string(),
        _ => text.to_owned(),
    }
}

/// The permissions boundary as expected: the policy, its default version and that version's document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpectedBoundary {
    pub arn: String,
    #[serde(default)]
    pub version_id: Option<String>,
    #[serde(default)]
    pub document: Option<Value>,
}

/// The role as this app last wrote and verified it (or as the install read it back).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpectedRole {
    pub role_name: String,
    pub role_arn: String,
    /// IAM's unique ID of the role (`AROA…`): a role deleted and created again has another.
    pub role_id: String,
    pub created_at: jiff::Timestamp,
    pub trust_policy: Value,
    /// Every inline policy by name, normalised (window, revocation, guardrail, scoped policy…).
    pub inline_policies: BTreeMap<String, Value>,
    /// The ARNs of the attached managed policies, sorted.
    pub attached_policies: Vec<String>,
    #[serde(default)]
    pub boundary: Option<ExpectedBoundary>,
    /// The boundary the access stack created (its `BoundaryArn` output), kept when the
    /// boundary is removed so that attaching it again uses the same policy.
    #[serde(default)]
    pub stack_boundary_arn: Option<String>,
    /// The app deleted the role: nothing is expected any more.
    #[serde(default)]
    pub deleted: bool,
}

/// The role as IAM has it now: the status's view, plus the boundary's default version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveRole {
    pub view: RoleView,
    pub boundary: Option<ExpectedBoundary>,
}

impl ExpectedRole {
    /// What is expected from now on, when the role is `live` (at install, or once changes were accepted).
    pub fn from_live(live: &LiveRole, stack_boundary_arn: Option<String>) -> Self {
        let view = &live.view;
        let mut attached: Vec<String> = view.attached_policies.iter().map(|p| p.arn.clone()).collect();
        attached.sort();
        ExpectedRole {
            role_name: view.name.clone(),
            role_arn: view.arn.clone(),
            role_id: live.view.role_id.clone(),
            created_at: view.created_at,
            trust_policy: normalized_text(&view.trust_policy),
            inline_policies: view
                .inline_policies
                .iter()
                .map(|p| (p.name.clone(), normalized_text(&p.document)))
                .collect(),
            attached_policies: attached,
            boundary: live.boundary.clone(),
            stack_boundary_arn,
            deleted: false,
        }
    }

    /// The app wrote inline policy `name` as `document`.
    pub fn put_inline(&mut self, name: &str, document: &Value) {
        self.inline_policies.insert(name.to_owned(), normalize(document));
    }

    pub fn detach(&mut self, arn: &str) {
        self.attached_policies.retain(|a| a != arn);
    }
}

/// A JSON text parsed and normalised; text that is not JSON stays a string (and compares as text).
fn normalized_text(text: &str) -> Value {
    match super::documents::parse_document(text) {
        Some(v) => normalize(&v),
        None => Value::String(text.to_owned()),
    }
}

/// Keys whose value IAM accepts as a string or a list of strings, with the same meaning.
const LIST_KEYS: [&str; 7] = ["Action", "NotAction", "Resource", "NotResource", "AWS", "Service", "Federated"];

/// A policy document in one canonical form: `Statement` a list, each string-or-list value a
/// sorted list without duplicates (actions, resources, principals, condition values).
pub fn normalize(doc: &Value) -> Value {
    normalize_in(doc, None)
}

fn as_sorted_list(value: &Value) -> Value {
    match value {
        Value::String(s) => Value::Array(vec![Value::String(s.clone())]),
        Value::Array(list) if list.iter().all(Value::is_string) => {
            let mut items: Vec<String> = list.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect();
            items.sort();
            items.dedup();
            Value::Array(items.into_iter().map(Value::String).collect())
        }
        other => normalize(other),
    }
}

fn normalize_in(doc: &Value, parent: Option<&str>) -> Value {
    match doc {
        Value::Object(map) => {
            let mut out = serde_json::Map::new();
            for (key, value) in map {
                let normalized = if key == "Statement" && parent.is_none() {
                    let list = match value {
                        Value::Array(list) => list.clone(),
                        one => vec![one.clone()],
                    };
                    Value::Array(list.iter().map(|s| normalize_in(s, Some("Statement"))).collect())
                } else if LIST_KEYS.contains(&key.as_str()) || parent == Some("ConditionOperator") {
                    as_sorted_list(value)
                } else if key == "Condition" {
                    match value {
                        Value::Object(ops) => Value::Object(
                            ops.iter()
                                .map(|(op, inner)| (op.clone(), normalize_in(inner, Some("ConditionOperator"))))
                                .collect(),
                        ),
                        other => other.clone(),
                    }
                } else {
                    normalize_in(value, Some(key))
                };
                out.insert(key.clone(), normalized);
            }
            Value::Object(out)
        }
        Value::Array(list) => Value::Array(list.iter().map(|v| normalize_in(v, parent)).collect()),
        other => other.clone(),
    }
}

fn pretty(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => serde_json::to_string_pretty(other).unwrap_or_default(),
    }
}

fn inline_kind(name: &str) -> DriftKind {
    match name {
        n if n == ACCESS_WINDOW_POLICY_NAME => DriftKind::AccessWindow,
        n if n == REVOKE_POLICY_NAME => DriftKind::Revocation,
        n if n == GUARDRAIL_POLICY_NAME => DriftKind::Guardrail,
        _ => DriftKind::InlinePolicy,
    }
}

const NONE: &str = "none";

/// Every difference between the role as expected and as found (`None`: it does not exist).
pub fn compare(expected: &ExpectedRole, live: Option<&LiveRole>) -> Vec<Drift> {
    let role = &expected.role_name;
    let Some(live) = live else {
        if expected.deleted {
            return vec![];
        }
        return vec![Drift {
            kind: DriftKind::RoleGone,
            subject: role.clone(),
            expected: expected.role_arn.clone(),
            found: "no role".into(),
        }];
    };
    let mut out = Vec::new();
    if expected.deleted {
        out.push(Drift {
            kind: DriftKind::RoleRecreated,
            subject: role.clone(),
            expected: "no role (Private Deploy deleted it)".into(),
            found: format!("{} ({})", live.view.arn, live.view.role_id),
        });
        return out;
    }
    let same_role = if expected.role_id.is_empty() || live.view.role_id.is_empty() {
        expected.created_at == live.view.created_at
    } else {
        expected.role_id == live.view.role_id
    };
    if !same_role || expected.role_arn != live.view.arn {
        out.push(Drift {
            kind: DriftKind::RoleRecreated,
            subject: role.clone(),
            expected: format!("{} ({}, created {})", expected.role_arn, expected.role_id, expected.created_at),
            found: format!("{} ({}, created {})", live.view.arn, live.view.role_id, live.view.created_at),
        });
    }
    let trust = normalized_text(&live.view.trust_policy);
    if trust != expected.trust_policy {
        out.push(Drift {
            kind: DriftKind::TrustPolicy,
            subject: role.clone(),
            expected: pretty(&expected.trust_policy),
            found: pretty(&trust),
        });
    }
    let found_inline: BTreeMap<String, Value> =
        live.view.inline_policies.iter().map(|p| (p.name.clone(), normalized_text(&p.document))).collect();
    for (name, doc) in &expected.inline_policies {
        match found_inline.get(name) {
            Some(found) if found == doc => {}
            found => out.push(Drift {
                kind: inline_kind(name),
                subject: name.clone(),
                expected: pretty(doc),
                found: found.map_or_else(|| "deleted".to_owned(), pretty),
            }),
        }
    }
    for (name, doc) in found_inline.iter().filter(|(n, _)| !expected.inline_policies.contains_key(*n)) {
        out.push(Drift {
            kind: inline_kind(name),
            subject: name.clone(),
            expected: "no such policy".into(),
            found: pretty(doc),
        });
    }
    let mut attached: Vec<String> = live.view.attached_policies.iter().map(|p| p.arn.clone()).collect();
    attached.sort();
    for arn in attached.iter().filter(|a| !expected.attached_policies.contains(a)) {
        out.push(Drift {
            kind: DriftKind::AttachedPolicy,
            subject: arn.clone(),
            expected: "not attached".into(),
            found: "attached".into(),
        });
    }
    for arn in expected.attached_policies.iter().filter(|a| !attached.contains(a)) {
        out.push(Drift {
            kind: DriftKind::AttachedPolicy,
            subject: arn.clone(),
            expected: "attached".into(),
            found: "detached".into(),
        });
    }
    compare_boundary(expected.boundary.as_ref(), live.boundary.as_ref(), role, &mut out);
    out
}

fn compare_boundary(
    expected: Option<&ExpectedBoundary>,
    found: Option<&ExpectedBoundary>,
    role: &str,
    out: &mut Vec<Drift>,
) {
    match (expected, found) {
        (None, None) => {}
        (Some(e), Some(f)) if e.arn == f.arn => {
            let doc = |b: &ExpectedBoundary| b.document.as_ref().map(normalize);
            if e.version_id != f.version_id || doc(e) != doc(f) {
                let show = |b: &ExpectedBoundary| {
                    format!(
                        "version {}: {}",
                        b.version_id.as_deref().unwrap_or("?"),
                        b.document.as_ref().map(pretty).unwrap_or_else(|| "unread".into())
                    )
                };
                out.push(Drift {
                    kind: DriftKind::BoundaryVersion,
                    subject: e.arn.clone(),
                    expected: show(e),
                    found: show(f),
                });
            }
        }
        (e, f) => out.push(Drift {
            kind: DriftKind::Boundary,
            subject: role.to_owned(),
            expected: e.map_or_else(|| NONE.to_owned(), |b| b.arn.clone()),
            found: f.map_or_else(|| NONE.to_owned(), |b| b.arn.clone()),
        }),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::access::model::{AttachedPolicy, InlinePolicy};

    fn live() -> LiveRole {
        LiveRole {
            view: RoleView {
                name: "R".into(),
                arn: "arn:aws:iam::123456789012:role/private-deploy/R".into(),
                role_id: "AROAEXAMPLE".into(),
                path: "/private-deploy/".into(),
                created_at: "2026-11-21T10:00:00Z".parse().unwrap(),
                trust_policy: json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                    "Principal": {"AWS": "arn:aws:iam::210987654321:root"}, "Action": "sts:AssumeRole",
                    "Condition": {"StringEquals": {"sts:ExternalId": "x"}}}]})
                .to_string(),
                trusted_principals: vec![],
                external_id: None,
                inline_policies: vec![InlinePolicy {
                    name: GUARDRAIL_POLICY_NAME.into(),
                    document: json!({"Statement": {"Effect": "Deny", "Action": ["iam:PutRolePolicy", "iam:DeleteRolePolicy"], "Resource": "*"}}).to_string(),
                }],
                attached_policies: vec![],
                boundary_arn: None,
                last_used_at: None,
            },
            boundary: None,
        }
    }

    #[test]
    fn the_same_documents_in_another_form_are_no_drift() {
        let expected = ExpectedRole::from_live(&live(), None);
        let mut again = live();
        // IAM's form: URL-encoded, one-element lists, actions in another order, a single statement object listed.
        again.view.trust_policy = percent_encoding::utf8_percent_encode(
            &json!({"Statement": {"Action": ["sts:AssumeRole"], "Effect": "Allow",
                "Condition": {"StringEquals": {"sts:ExternalId": ["x"]}},
                "Principal": {"AWS": ["arn:aws:iam::210987654321:root"]}}, "Version": "2012-10-17"})
            .to_string(),
            percent_encoding::NON_ALPHANUMERIC,
        )
        .to_string();
        again.view.inline_policies[0].document = json!({"Statement": [{"Effect": "Deny", "Resource": ["*"],
            "Action": ["iam:DeleteRolePolicy", "iam:PutRolePolicy"]}]})
        .to_string();
        assert_eq!(compare(&expected, Some(&again)), vec![]);
    }

    #[test]
    fn each_change_is_named_with_what_was_expected_and_found() {
        let mut expected = ExpectedRole::from_live(&live(), None);
        expected.boundary = Some(ExpectedBoundary {
            arn: "arn:b".into(),
            version_id: Some("v1".into()),
            document: Some(json!({"a": 1})),
        });
        let mut found = live();
        found.view.trust_policy = found.view.trust_policy.replace("210987654321", "999999999999");
        found.view.inline_policies.clear();
        found.view.inline_policies.push(InlinePolicy { name: "Extra".into(), document: "{}".into() });
        found.view.attached_policies.push(AttachedPolicy { name: "A".into(), arn: "arn:aws:iam::aws:policy/A".into() });
        found.boundary = Some(ExpectedBoundary {
            arn: "arn:b".into(),
            version_id: Some("v2".into()),
            document: Some(json!({"a": 2})),
        });
        let kinds: Vec<DriftKind> = compare(&expected, Some(&found)).into_iter().map(|d| d.kind).collect();
        assert_eq!(
            kinds,
            vec![
                DriftKind::TrustPolicy,
                DriftKind::Guardrail,
                DriftKind::InlinePolicy,
                DriftKind::AttachedPolicy,
                DriftKind::BoundaryVersion
            ]
        );
        let guardrail = compare(&expected, Some(&found)).into_iter().find(|d| d.kind == DriftKind::Guardrail).unwrap();
        assert_eq!(guardrail.found, "deleted");
        // Another role of the same name, and no role at all.
        let mut other = live();
        other.view.role_id = "AROAOTHER".into();
        assert_eq!(compare(&expected, Some(&other))[0].kind, DriftKind::RoleRecreated);
        assert_eq!(compare(&expected, None)[0].kind, DriftKind::RoleGone);
        expected.deleted = true;
        assert_eq!(compare(&expected, None), vec![]);
    }

    #[test]
    fn a_guardrail_the_install_never_had_is_not_expected() {
        let mut before = live();
        before.view.inline_policies.clear();
        let expected = ExpectedRole::from_live(&before, None);
        assert_eq!(compare(&expected, Some(&before)), vec![]);
        // One that appears later is a change like any other inline policy.
        assert_eq!(compare(&expected, Some(&live()))[0].kind, DriftKind::Guardrail);
    }
}
