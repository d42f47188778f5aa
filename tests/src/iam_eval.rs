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
//!   a key missing from the request makes a positive operator false and a negated one true,
//!   except `Null`, which only tests whether the key is there (`"true"`: absent);
//! - a statement with a `Principal` (a resource policy: a role's trust policy) applies only to
//!   the caller it names, by `aws:PrincipalArn` ("Principal" element): `*`, an account (its
//!   12 digits or `arn:…:iam::ID:root`, any principal of that account) or an exact ARN (no
//!   wildcards in a principal ARN);
//! - `sts:AssumeRole` across accounts needs both the role's trust policy and the caller's own
//!   policies to allow it ([`assume_role`]); passing a source identity is also authorized as
//!   `sts:SetSourceIdentity` ([`assume_role_requests`]).
//!
//! Supported operators: StringEquals, StringNotEquals, StringLike, StringNotLike, ArnEquals,
//! ArnLike, ArnNotEquals, ArnNotLike, DateEquals, DateLessThan, DateLessThanEquals,
//! DateGreaterThan, DateGreaterThanEquals, Bool, Null. Anything else panics, and so do
//! `NotPrincipal` and principals other than `AWS`: what this evaluator does not know must fail
//! a test, never be read as "no match".

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
/// `aws:TokenIssueTime`, `aws:PrincipalArn` (also what a `Principal` is matched against),
/// `iam:PermissionsBoundary`, `sts:ExternalId`, `sts:SourceIdentity`, …).
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

    /// A context key's value; keys are not case-sensitive.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.context.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v.as_str())
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
        // A role's trust policy names no resource: it is the role itself.
        (None, None) if statement.get("Principal").is_some() => true,
        _ => panic!("a statement has exactly one of Resource and NotResource: {statement}"),
    };
    action_ok
        && resource_ok
        && principal_ok(statement, request)
        && statement.get("Condition").is_none_or(|c| condition_holds(c, request))
}

/// Whether a resource policy's statement names the caller. Identity policies have no
/// `Principal`: the principal is the identity they are attached to.
fn principal_ok(statement: &Value, request: &Request) -> bool {
    assert!(statement.get("NotPrincipal").is_none(), "NotPrincipal is not supported by this evaluator: {statement}");
    let Some(principal) = statement.get("Principal") else { return true };
    let caller = request.get(PRINCIPAL_ARN);
    let names = |entry: &str| match caller {
        _ if entry == "*" => true,
        None => false,
        Some(caller) => {
            let account = account_of(caller);
            entry == caller || entry == account || entry == format!("arn:{}:iam::{account}:root", partition_of(caller))
        }
    };
    match principal {
        Value::String(star) if star == "*" => true,
        Value::Object(kinds) => kinds.iter().any(|(kind, entries)| {
            assert_eq!(kind, "AWS", "only AWS principals are supported by this evaluator: {statement}");
            strings(entries).into_iter().any(names)
        }),
        other => panic!("a Principal is \"*\" or an object of principal types, not {other}"),
    }
}

/// The context key naming the caller (for a role session, the role's ARN).
pub const PRINCIPAL_ARN: &str = "aws:PrincipalArn";

/// The account of an ARN (`arn:partition:service:region:account:…`).
fn account_of(arn: &str) -> &str {
    arn.split(':').nth(4).unwrap_or_else(|| panic!("{arn:?} is not an ARN"))
}

fn partition_of(arn: &str) -> &str {
    arn.split(':').nth(1).unwrap_or_else(|| panic!("{arn:?} is not an ARN"))
}

/// A caller of another account assuming a role: allowed only when the role's `trust` policy
/// allows it AND the caller's own policies do (an explicit Deny in either wins). For an
/// account principal the trust policy delegates to that account, whose policies then decide.
pub fn assume_role(trust: &Value, caller: &Principal, request: &Request) -> Decision {
    let trusted = evaluate_set(std::slice::from_ref(trust), request);
    let own = caller.evaluate(request);
    if trusted == Decision::ExplicitDeny || own == Decision::ExplicitDeny {
        Decision::ExplicitDeny
    } else if trusted.allowed() && own.allowed() {
        Decision::Allow
    } else {
        Decision::ImplicitDeny
    }
}

/// What one `AssumeRole` call of `role_arn` by `caller_arn` is authorized as: `sts:AssumeRole`,
/// and `sts:SetSourceIdentity` too when it passes a source identity; each with the
/// `sts:ExternalId` and `sts:SourceIdentity` it passes. The call succeeds only when every one is
/// allowed.
pub fn assume_role_requests(
    role_arn: &str,
    caller_arn: &str,
    external_id: Option<&str>,
    source_identity: Option<&str>,
) -> Vec<Request> {
    let actions: &[&str] =
        if source_identity.is_some() { &["sts:AssumeRole", "sts:SetSourceIdentity"] } else { &["sts:AssumeRole"] };
    actions
        .iter()
        .map(|action| {
            let mut r = Request::new(action, role_arn).with(PRINCIPAL_ARN, caller_arn);
            if let Some(id) = external_id {
                r = r.with("sts:ExternalId", id);
            }
            if let Some(who) = source_identity {
                r = r.with("sts:SourceIdentity", who);
            }
            r
        })
        .collect()
}

fn condition_holds(condition: &Value, request: &Request) -> bool {
    let operators = condition.as_object().expect("a Condition is an object");
    operators.iter().all(|(operator, keys)| {
        keys.as_object()
            .expect("an operator maps keys to values")
            .iter()
            .all(|(key, values)| operator_holds(operator, request.get(key), &strings(values)))
    })
}

fn operator_holds(operator: &str, found: Option<&str>, values: &[&str]) -> bool {
    let (negated, test): (bool, fn(&str, &str) -> bool) = match operator {
        "StringEquals" | "ArnEquals" => (false, |v, p| v == p),
        "StringNotEquals" | "ArnNotEquals" => (true, |v, p| v == p),
        "StringLike" | "ArnLike" => (false, |v, p| glob(p, v)),
        "StringNotLike" | "ArnNotLike" => (true, |v, p| glob(p, v)),
        "Bool" => (false, |v, p| v.eq_ignore_ascii_case(p)),
        // Whether the key is absent: `"true"` holds for a missing key, `"false"` for a present one.
        "Null" => return values.iter().any(|p| null_value(p) == found.is_none()),
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

fn null_value(text: &str) -> bool {
    match text.to_ascii_lowercase().as_str() {
        "true" => true,
        "false" => false,
        other => panic!("a Null condition's value is \"true\" or \"false\", not {other:?}"),
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
    fn null_tests_only_whether_the_key_is_there() {
        let need = json!({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*",
            "Condition": {"Null": {"sts:SourceIdentity": "false"}}}]});
        let p = Principal { identity: vec![need], ..Principal::default() };
        assert!(p.evaluate(&Request::new("sts:AssumeRole", "*").with("sts:SourceIdentity", "alice")).allowed());
        assert!(p.evaluate(&Request::new("sts:AssumeRole", "*").with("sts:sourceidentity", "")).allowed(), "present");
        assert_eq!(p.evaluate(&Request::new("sts:AssumeRole", "*")), Decision::ImplicitDeny);
        let absent = json!({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*",
            "Condition": {"Null": {"aws:TokenIssueTime": "true"}}}]});
        let p = Principal { identity: vec![absent], ..Principal::default() };
        assert!(p.evaluate(&Request::new("ec2:RunInstances", "*")).allowed());
        assert_eq!(
            p.evaluate(&Request::new("ec2:RunInstances", "*").with("aws:TokenIssueTime", "2026-01-01T00:00:00Z")),
            Decision::ImplicitDeny
        );
    }

    #[test]
    fn a_principal_names_an_account_or_one_arn_exactly() {
        let trust = |who: Value| json!({"Statement": [{"Effect": "Allow", "Principal": {"AWS": who}, "Action": "sts:AssumeRole"}]});
        let call = |caller: &str| Request::new("sts:AssumeRole", "arn:aws:iam::1:role/r").with(PRINCIPAL_ARN, caller);
        let decide = |policy: &Value, caller: &str| evaluate_set(std::slice::from_ref(policy), &call(caller));
        // The statement above has no Resource: a trust policy's resource is the role itself.
        let role = "arn:aws:iam::111122223333:role/ops/Support";
        let other = "arn:aws:iam::111122223333:role/ops/Other";
        for account in [json!("arn:aws:iam::111122223333:root"), json!("111122223333")] {
            let policy = trust(account);
            assert!(decide(&policy, role).allowed() && decide(&policy, other).allowed(), "any principal of it");
            assert_eq!(decide(&policy, "arn:aws:iam::444455556666:role/ops/Support"), Decision::ImplicitDeny);
        }
        let policy = trust(json!([role]));
        assert!(decide(&policy, role).allowed());
        assert_eq!(decide(&policy, other), Decision::ImplicitDeny, "another role of the same account");
        assert_eq!(decide(&policy, "arn:aws:iam::111122223333:root"), Decision::ImplicitDeny);
        assert_eq!(evaluate_set(&[policy], &Request::new("sts:AssumeRole", "*")), Decision::ImplicitDeny, "no caller");
        let anyone = json!({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}]});
        assert!(decide(&anyone, other).allowed());
    }

    #[test]
    fn across_accounts_the_trust_policy_and_the_callers_own_policies_must_both_allow() {
        let trust = json!({"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::2:root"},
            "Action": ["sts:AssumeRole", "sts:SetSourceIdentity"]}]});
        let caller = Principal { identity: vec![admin()], ..Principal::default() };
        let requests = assume_role_requests("arn:aws:iam::1:role/r", "arn:aws:iam::2:role/me", Some("x"), Some("bob"));
        let actions: Vec<&str> = requests.iter().map(|r| r.action.as_str()).collect();
        assert_eq!(actions, ["sts:AssumeRole", "sts:SetSourceIdentity"]);
        assert!(requests
            .iter()
            .all(|r| r.get("sts:ExternalId") == Some("x") && r.get("sts:SourceIdentity") == Some("bob")));
        assert!(requests.iter().all(|r| assume_role(&trust, &caller, r).allowed()));
        let without = assume_role_requests("arn:aws:iam::1:role/r", "arn:aws:iam::2:role/me", None, None);
        assert_eq!(without.len(), 1);
        assert!(without[0].get("sts:SourceIdentity").is_none() && without[0].get("sts:ExternalId").is_none());
        // The caller's account did not allow it: denied whatever the trust policy says.
        assert_eq!(assume_role(&trust, &Principal::default(), &requests[0]), Decision::ImplicitDeny);
        let deny = json!({"Statement": [{"Effect": "Deny", "Action": "sts:*", "Resource": "*"}]});
        let denied = Principal { identity: vec![admin(), deny], ..Principal::default() };
        assert_eq!(assume_role(&trust, &denied, &requests[0]), Decision::ExplicitDeny);
    }

    #[test]
    #[should_panic(expected = "not supported")]
    fn not_principal_fails_loudly() {
        let policy = json!({"Statement": [{"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::1:root"}, "Action": "*", "Resource": "*"}]});
        evaluate_set(&[policy], &Request::new("s3:GetObject", "*"));
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
