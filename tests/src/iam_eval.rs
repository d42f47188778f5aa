//! An offline IAM policy evaluator for the subset of the policy language the app's documents
//! use, so that tests prove what a role can do by evaluating its real documents rather than
//! by reading them. Written here because no maintained crate models permissions boundaries
//! (iam-rs 0.8 evaluates a set of policies, not identity AND boundary AND no Deny).
//!
//! What it follows (IAM User Guide, "Policy evaluation logic" and "Condition operators"):
//! - an explicit Deny in any policy wins; otherwise a request is allowed only when the identity
//!   policies allow it AND the permissions boundary (if any) allows it AND every SCP level
//!   (if any) allows it; anything else is an implicit deny;
//! - `Action`/`NotAction` match case-insensitively with `*` and `?`; `Resource`/`NotResource`
//!   match case-sensitively with `*` and `?`;
//! - in a `Condition`, operators AND, keys AND, a key's values OR (NOR for negated operators);
//!   a key missing from the request makes a positive operator false and a negated one true.
//!
//! Supported operators: StringEquals, StringNotEquals, StringLike, StringNotLike, ArnEquals,
//! ArnLike, ArnNotEquals, ArnNotLike, DateEquals, DateLessThan, DateLessThanEquals,
//! DateGreaterThan, DateGreaterThanEquals, Bool. Anything else panics: an operator this
//! evaluator does not know must fail a test, never be read as "no match".

use std::collections::BTreeMap;

use aws_sdk_iam::primitives::{DateTime, DateTimeFormat as Format};
use serde_json::Value;

/// The outcome of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allow,
    /// No policy allowed it (or the boundary or an SCP did not).
    ImplicitDeny,
    /// A Deny statement matched.
    ExplicitDeny,
}

impl Decision {
    pub fn allowed(self) -> bool {
        self == Decision::Allow
    }
}

/// One request: an action on a resource, with its context keys (`aws:CurrentTime`,
/// `aws:TokenIssueTime`, `aws:PrincipalArn`, `iam:PermissionsBoundary`, …).
#[derive(Debug, Clone)]
pub struct Request {
    pub action: String,
    pub resource: String,
    pub context: BTreeMap<String, String>,
}

impl Request {
    pub fn new(action: &str, resource: &str) -> Self {
        Request { action: action.to_owned(), resource: resource.to_owned(), context: BTreeMap::new() }
    }

    pub fn with(mut self, key: &str, value: &str) -> Self {
        self.context.insert(key.to_owned(), value.to_owned());
        self
    }
}

/// A principal's policies: its identity policies (inline and attached), its permissions
/// boundary, and the SCPs that apply to its account (one list per level of the organisation).
#[derive(Debug, Clone, Default)]
pub struct Principal {
    pub identity: Vec<Value>,
    pub boundary: Option<Value>,
    pub scp_levels: Vec<Vec<Value>>,
}

impl Principal {
    pub fn evaluate(&self, request: &Request) -> Decision {
        let identity = evaluate_set(&self.identity, request);
        let boundary = self.boundary.as_ref().map(|b| evaluate_set(std::slice::from_ref(b), request));
        let scps: Vec<Decision> = self.scp_levels.iter().map(|level| evaluate_set(level, request)).collect();
        let all = std::iter::once(identity).chain(boundary).chain(scps.iter().copied());
        if all.clone().any(|d| d == Decision::ExplicitDeny) {
            return Decision::ExplicitDeny;
        }
        if all.into_iter().all(|d| d == Decision::Allow) {
            Decision::Allow
        } else {
            Decision::ImplicitDeny
        }
    }
}

/// One set of policies on its own: Deny if any statement denies, else Allow if any allows.
pub fn evaluate_set(policies: &[Value], request: &Request) -> Decision {
    let mut allowed = false;
    for policy in policies {
        for statement in statements(policy) {
            if !applies(statement, request) {
                continue;
            }
            match statement.get("Effect").and_then(Value::as_str) {
                Some("Deny") => return Decision::ExplicitDeny,
                Some("Allow") => allowed = true,
                other => panic!("a statement's Effect is Allow or Deny, not {other:?}: {statement}"),
            }
        }
    }
    if allowed {
        Decision::Allow
    } else {
        Decision::ImplicitDeny
    }
}

fn statements(policy: &Value) -> Vec<&Value> {
    match policy.get("Statement") {
        Some(Value::Array(list)) => list.iter().collect(),
        Some(one @ Value::Object(_)) => vec![one],
        other => panic!("a policy has a Statement list or object, not {other:?}"),
    }
}

/// A string or a list of strings.
fn strings(value: &Value) -> Vec<&str> {
    match value {
        Value::String(s) => vec![s.as_str()],
        Value::Array(list) => list.iter().map(|v| v.as_str().expect("a list of strings")).collect(),
        Value::Bool(_) | Value::Number(_) => panic!("use strings in this evaluator's policies: {value}"),
        other => panic!("not a string or a list of strings: {other}"),
    }
}

fn applies(statement: &Value, request: &Request) -> bool {
    let action = |pattern: &str| glob(&pattern.to_ascii_lowercase(), &request.action.to_ascii_lowercase());
    let action_ok = match (statement.get("Action"), statement.get("NotAction")) {
        (Some(list), None) => strings(list).into_iter().any(action),
        (None, Some(list)) => !strings(list).into_iter().any(action),
        _ => panic!("a statement has exactly one of Action and NotAction: {statement}"),
    };
    let resource = |pattern: &str| glob(pattern, &request.resource);
    let resource_ok = match (statement.get("Resource"), statement.get("NotResource")) {
        (Some(list), None) => strings(list).into_iter().any(resource),
        (None, Some(list)) => !strings(list).into_iter().any(resource),
        _ => panic!("a statement has exactly one of Resource and NotResource: {statement}"),
    };
    action_ok && resource_ok && statement.get("Condition").is_none_or(|c| condition_holds(c, request))
}

fn condition_holds(condition: &Value, request: &Request) -> bool {
    let operators = condition.as_object().expect("a Condition is an object");
    operators.iter().all(|(operator, keys)| {
        keys.as_object().expect("an operator maps keys to values").iter().all(|(key, values)| {
            let found = request.context.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v.as_str());
            operator_holds(operator, found, &strings(values))
        })
    })
}

fn operator_holds(operator: &str, found: Option<&str>, values: &[&str]) -> bool {
    let (negated, test): (bool, fn(&str, &str) -> bool) = match operator {
        "StringEquals" | "ArnEquals" => (false, |v, p| v == p),
        "StringNotEquals" | "ArnNotEquals" => (true, |v, p| v == p),
        "StringLike" | "ArnLike" => (false, |v, p| glob(p, v)),
        "StringNotLike" | "ArnNotLike" => (true, |v, p| glob(p, v)),
        "Bool" => (false, |v, p| v.eq_ignore_ascii_case(p)),
        "DateEquals" => (false, |v, p| time(v) == time(p)),
        "DateLessThan" => (false, |v, p| time(v) < time(p)),
        "DateLessThanEquals" => (false, |v, p| time(v) <= time(p)),
        "DateGreaterThan" => (false, |v, p| time(v) > time(p)),
        "DateGreaterThanEquals" => (false, |v, p| time(v) >= time(p)),
        other => panic!("condition operator {other} is not supported by this evaluator"),
    };
    match found {
        // A missing key: the values do not match, so a negated operator holds.
        None => negated,
        Some(v) => {
            let any = values.iter().any(|p| test(v, p));
            if negated {
                !any
            } else {
                any
            }
        }
    }
}

/// Seconds since the epoch of an RFC 3339 time or of an epoch number, as IAM's Date operators
/// take them.
fn time(text: &str) -> i64 {
    if let Ok(secs) = text.parse::<i64>() {
        return secs;
    }
    DateTime::from_str(text, Format::DateTime).unwrap_or_else(|e| panic!("{text:?} is not a date: {e}")).secs()
}

/// `*` matches any run of characters (`:` and `/` included), `?` any one character.
pub fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn admin() -> Value {
        json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})
    }

    #[test]
    fn globs_match_anything_under_a_star_and_one_character_under_a_question_mark() {
        assert!(glob("*", ""));
        assert!(glob("arn:aws:iam::1:role/p/*", "arn:aws:iam::1:role/p/x/y"));
        assert!(glob("iam:*Role*", "iam:UpdateRoleDescription"));
        assert!(glob("a?c", "abc") && !glob("a?c", "ac"));
        assert!(!glob("arn:aws:iam::1:role/p/*", "arn:aws:iam::1:role/q/x"));
        assert!(glob("*Boundary*", "xBoundary") && !glob("*Boundary", "xBoundaryY"));
    }

    #[test]
    fn an_explicit_deny_beats_any_allow_and_nothing_allowed_is_an_implicit_deny() {
        let deny = json!({"Statement": {"Effect": "Deny", "Action": ["iam:PutRolePolicy"], "Resource": "arn:r"}});
        let p = Principal { identity: vec![admin(), deny], ..Principal::default() };
        assert_eq!(
            p.evaluate(&Request::new("iam:putrolepolicy", "arn:r")),
            Decision::ExplicitDeny,
            "actions ignore case"
        );
        assert_eq!(p.evaluate(&Request::new("iam:PutRolePolicy", "arn:other")), Decision::Allow);
        assert_eq!(Principal::default().evaluate(&Request::new("s3:GetObject", "*")), Decision::ImplicitDeny);
    }

    #[test]
    fn not_action_and_not_resource_match_everything_else() {
        let only_iam = json!({"Statement": [{"Effect": "Allow", "NotAction": "iam:*", "NotResource": "arn:secret"}]});
        let p = Principal { identity: vec![only_iam], ..Principal::default() };
        assert!(p.evaluate(&Request::new("ec2:RunInstances", "arn:x")).allowed());
        assert!(!p.evaluate(&Request::new("iam:CreateUser", "arn:x")).allowed());
        assert!(!p.evaluate(&Request::new("ec2:RunInstances", "arn:secret")).allowed());
    }

    #[test]
    fn a_boundary_limits_what_the_identity_allows_and_an_scp_level_too() {
        let boundary = json!({"Statement": [{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}]});
        let p = Principal { identity: vec![admin()], boundary: Some(boundary.clone()), ..Principal::default() };
        assert!(p.evaluate(&Request::new("ec2:RunInstances", "*")).allowed());
        assert_eq!(p.evaluate(&Request::new("s3:GetObject", "*")), Decision::ImplicitDeny);
        // The boundary grants nothing by itself.
        let alone = Principal { boundary: Some(boundary), ..Principal::default() };
        assert_eq!(alone.evaluate(&Request::new("ec2:RunInstances", "*")), Decision::ImplicitDeny);
        // An SCP level that allows nothing denies all; one that allows and denies one action denies it.
        let scp = Principal { identity: vec![admin()], scp_levels: vec![vec![]], ..Principal::default() };
        assert_eq!(scp.evaluate(&Request::new("ec2:RunInstances", "*")), Decision::ImplicitDeny);
        let deny_one = json!({"Statement": [{"Effect": "Deny", "Action": "iam:CreateUser", "Resource": "*"}]});
        let scp =
            Principal { identity: vec![admin()], scp_levels: vec![vec![admin(), deny_one]], ..Principal::default() };
        assert!(scp.evaluate(&Request::new("ec2:RunInstances", "*")).allowed());
        assert_eq!(scp.evaluate(&Request::new("iam:CreateUser", "*")), Decision::ExplicitDeny);
    }

    #[test]
    fn date_operators_compare_times_and_a_missing_key_never_matches() {
        let window = json!({"Statement": [
            {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"DateLessThan": {"aws:CurrentTime": "2026-01-01T10:00:00Z"}}},
            {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"DateGreaterThan": {"aws:CurrentTime": "2026-01-01T12:00:00Z"}}}
        ]});
        let p = Principal { identity: vec![admin(), window], ..Principal::default() };
        let at = |t: &str| Request::new("ec2:RunInstances", "*").with("aws:CurrentTime", t);
        assert!(p.evaluate(&at("2026-01-01T11:00:00Z")).allowed());
        assert!(p.evaluate(&at("2026-01-01T10:00:00Z")).allowed(), "the start itself is inside");
        assert_eq!(p.evaluate(&at("2026-01-01T09:59:59Z")), Decision::ExplicitDeny);
        assert_eq!(p.evaluate(&at("2026-01-01T12:00:01Z")), Decision::ExplicitDeny);
        assert!(p.evaluate(&Request::new("ec2:RunInstances", "*")).allowed(), "no time: the Denies do not match");
        assert_eq!(time("1767261600"), time("2026-01-01T10:00:00Z"));
    }

    #[test]
    fn negated_operators_hold_when_the_key_is_missing_and_values_or_together() {
        let only = json!({"Statement": [{"Effect": "Deny", "Action": "iam:CreateRole", "Resource": "*",
            "Condition": {"StringNotEquals": {"iam:PermissionsBoundary": ["arn:b1", "arn:b2"]}}}]});
        let p = Principal { identity: vec![admin(), only], ..Principal::default() };
        let create = |b: Option<&str>| {
            let r = Request::new("iam:CreateRole", "arn:role");
            b.map_or(r.clone(), |b| r.with("iam:PermissionsBoundary", b))
        };
        assert!(p.evaluate(&create(Some("arn:b2"))).allowed());
        assert_eq!(p.evaluate(&create(Some("arn:other"))), Decision::ExplicitDeny);
        assert_eq!(p.evaluate(&create(None)), Decision::ExplicitDeny, "no boundary at all: denied");
        let arn = json!({"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*",
            "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::1:role/p/*"}, "Bool": {"aws:SecureTransport": "true"}}}]});
        let p = Principal { identity: vec![admin(), arn], ..Principal::default() };
        let r = Request::new("s3:GetObject", "*").with("aws:PrincipalArn", "arn:aws:iam::1:role/p/x");
        assert!(p.evaluate(&r).allowed(), "both operators must hold");
        assert_eq!(p.evaluate(&r.with("aws:SecureTransport", "true")), Decision::ExplicitDeny);
    }

    #[test]
    #[should_panic(expected = "not supported")]
    fn an_unknown_operator_fails_loudly() {
        let p = Principal {
            identity: vec![json!({"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*",
                "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]})],
            ..Principal::default()
        };
        p.evaluate(&Request::new("s3:GetObject", "*").with("aws:SourceIp", "10.0.0.1"));
    }
}
