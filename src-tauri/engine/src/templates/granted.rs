//! What the vendor is granted, in words: the one-line access headline the Review access step
//! and the Install plan lead with, and the permissions boundary summarised by service (what
//! the role may still do, and, when the invite asked for full access, what may then fail).
//!
//! Everything here is read from the boundary document the access stack really creates
//! ([`super::boundary_policy`]), never from a list of its own: a change to the boundary changes
//! the summary. IAM's rule it relies on: a role with a boundary may do only what both its
//! identity policies (here `AdministratorAccess`) and the boundary allow; the guardrail's Deny
//! applies on top.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::text::capitalized;

/// What the role may do in one service under the boundary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ServiceAllowance {
    /// The IAM service prefix (`ec2`).
    pub service: String,
    /// Its name as the AWS console shows it (`EC2`).
    pub name: String,
    /// The boundary's actions of this service, as IAM names them (`ec2:CreateVpc`).
    pub actions: Vec<String>,
    /// The same in words, one phrase a verb: "create internet gateway, VPC", "run instances".
    pub words: Vec<String>,
    /// Where some of the actions are limited to certain resources: "iam:UpdateRole only on
    /// arn:aws:iam::123456789012:role/private-deploy/*".
    pub limits: Vec<String>,
}

/// One kind of call the boundary leaves out, which a vendor expecting full access may make.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MayFail {
    /// What fails, in words: "deleting or terminating what it created (Delete*, …)".
    pub what: String,
    /// The sentence to show: what fails, and where.
    pub text: String,
    /// Which of the boundary's services allow none of it (names), or empty when the sentence
    /// is about one action.
    pub services: Vec<String>,
    /// Actions IAM would deny the role for this reason (one a service, `ec2:DeleteAnything` for
    /// "every ec2:Delete* action"), to check the claim by.
    pub examples: Vec<String>,
}

/// The permissions boundary, summarised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BoundarySummary {
    /// Every action the boundary allows, grouped by service, in the order of service names.
    pub services: Vec<ServiceAllowance>,
    pub action_count: u32,
    /// What happens to everything else.
    pub everything_else: String,
    /// When the invite asked for full access and the admin added the boundary: what the vendor
    /// may try that will now be denied. Empty when the invite itself asked for the boundary.
    pub may_fail: Vec<MayFail>,
}

/// Kinds of calls a vendor with full access makes after the install, by the verbs that start
/// their action names, and the words for them. The summary says, from the boundary document,
/// in which of its services none of these verbs is allowed.
const LIFECYCLE: [(&[&str], &str); 4] = [
    (&["Delete", "Terminate", "Deregister"], "deleting or terminating what it created"),
    (&["Update", "Modify", "Put"], "changing a resource after creating it"),
    (&["Stop", "Start", "Reboot"], "stopping, starting or rebooting"),
    (&["List", "Get"], "listing or reading"),
];

/// Passing a role to a service: needed to create anything that runs with a role of its own
/// (an EKS cluster, an instance profile), and not in the boundary unless it says so.
const PASS_ROLE: &str = "iam:PassRole";

/// The sentence the Review access step and the Install plan lead with.
pub fn access_headline(vendor: &str, vendor_account: &str, account: Option<&str>, use_boundary: bool) -> String {
    let whose = account.map(|a| format!("your account {a}")).unwrap_or_else(|| "your account".to_owned());
    if use_boundary {
        format!(
            "{vendor} (AWS account {vendor_account}) gets administrator access to {whose}, limited by the \
             permissions boundary: only the actions the boundary lists, and not what the guardrail denies."
        )
    } else {
        format!(
            "{vendor} (AWS account {vendor_account}) gets full administrator access to {whose} \
             (AdministratorAccess): every action on every resource, except what the guardrail denies."
        )
    }
}

/// The access level in a few words, for the Install plan.
pub fn access_level(use_boundary: bool) -> &'static str {
    if use_boundary {
        "Administrator, limited by the permissions boundary"
    } else {
        "Administrator (AdministratorAccess)"
    }
}

/// Summarises `boundary` (a policy document of Allow statements, as the access stack creates
/// it); `invite_asked_full` adds what may fail for a vendor that expected full access.
pub fn summarize_boundary(boundary: &Value, invite_asked_full: bool) -> BoundarySummary {
    let mut by_service: BTreeMap<String, (Vec<String>, Vec<String>)> = BTreeMap::new();
    for statement in statements(boundary) {
        if statement.get("Effect").and_then(Value::as_str) != Some("Allow") {
            continue;
        }
        let resources = strings(statement.get("Resource"));
        let everywhere = resources.iter().any(|r| r == "*");
        for action in strings(statement.get("Action")) {
            let Some((service, _)) = action.split_once(':') else { continue };
            let entry = by_service.entry(service.to_owned()).or_default();
            if !entry.0.contains(&action) {
                entry.0.push(action.clone());
            }
            if !everywhere {
                entry.1.push(format!("{action} only on {}", resources.join(", ")));
            }
        }
    }
    let services: Vec<ServiceAllowance> = by_service
        .into_iter()
        .map(|(service, (mut actions, limits))| {
            actions.sort();
            ServiceAllowance { name: service_name(&service), words: words_by_verb(&actions), service, actions, limits }
        })
        .collect();
    let action_count = services.iter().map(|s| s.actions.len()).sum::<usize>();
    let may_fail = if invite_asked_full { may_fail(&services) } else { Vec::new() };
    BoundarySummary {
        action_count: u32::try_from(action_count).unwrap_or(u32::MAX),
        everything_else: format!(
            "Every other action is denied: the actions of these {} services that are not listed, and every \
             action of every other AWS service.",
            services.len()
        ),
        services,
        may_fail,
    }
}

fn may_fail(services: &[ServiceAllowance]) -> Vec<MayFail> {
    let mut found = Vec::new();
    for (verbs, what) in LIFECYCLE {
        let lacking: Vec<&ServiceAllowance> =
            services.iter().filter(|s| !s.actions.iter().any(|a| verbs.contains(&verb(action_name(a))))).collect();
        if lacking.is_empty() {
            continue;
        }
        let patterns: Vec<String> = verbs.iter().map(|v| format!("{v}*")).collect();
        let what = format!("{what} ({})", patterns.join(", "));
        let names: Vec<String> = lacking.iter().map(|s| s.name.clone()).collect();
        let text = if lacking.len() == services.len() {
            format!("{}: no service allows it.", capitalized(&what))
        } else {
            format!("{}: not allowed in {}.", capitalized(&what), names.join(", "))
        };
        found.push(MayFail {
            what,
            text,
            services: names,
            examples: lacking.iter().map(|s| format!("{}:{}Anything", s.service, verbs[0])).collect(),
        });
    }
    let allows = |action: &str| services.iter().any(|s| s.actions.iter().any(|a| a.eq_ignore_ascii_case(action)));
    if !allows(PASS_ROLE) {
        let what = format!(
            "passing a role to a service ({PASS_ROLE}): creating anything that runs with a role of its own, such \
             as an EKS cluster or an instance with an instance profile"
        );
        found.push(MayFail {
            text: format!("{}.", capitalized(&what)),
            what,
            services: Vec::new(),
            examples: vec![PASS_ROLE.to_owned()],
        });
    }
    let what = "any call to a service the boundary does not name (for example RDS, Lambda or CloudWatch Logs)";
    found.push(MayFail {
        what: what.to_owned(),
        text: format!("{}.", capitalized(what)),
        services: Vec::new(),
        examples: ["rds:CreateDBInstance", "lambda:CreateFunction", "logs:CreateLogGroup"]
            .into_iter()
            .filter(|a| !allows(a))
            .map(str::to_owned)
            .collect(),
    });
    found
}

fn statements(policy: &Value) -> Vec<&Value> {
    match policy.get("Statement") {
        Some(Value::Array(list)) => list.iter().collect(),
        Some(one @ Value::Object(_)) => vec![one],
        _ => Vec::new(),
    }
}

fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
        _ => Vec::new(),
    }
}

fn action_name(action: &str) -> &str {
    action.split_once(':').map_or(action, |(_, name)| name)
}

/// The first word of an action name: `Create` of `CreateVpc`.
fn verb(name: &str) -> &str {
    let end = name.char_indices().skip(1).find(|(_, c)| c.is_ascii_uppercase()).map_or(name.len(), |(i, _)| i);
    &name[..end]
}

/// `CreateNatGateway` → ("create", "NAT gateway").
fn in_words(name: &str) -> (String, String) {
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    for c in name.chars() {
        if c.is_ascii_uppercase() && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    let verb = words.first().map(|w| w.to_lowercase()).unwrap_or_default();
    let object: Vec<String> = words.iter().skip(1).map(|w| word(w)).collect();
    (verb, object.join(" "))
}

/// One word of an action name as it is written in a sentence: acronyms in capitals.
fn word(w: &str) -> String {
    let lower = w.to_lowercase();
    let written = match lower.as_str() {
        "vpc" => "VPC",
        "vpcs" => "VPCs",
        "nat" => "NAT",
        "vpn" => "VPN",
        "cidr" => "CIDR",
        _ => return lower,
    };
    written.to_owned()
}

/// "create internet gateway, route, VPC", one phrase a verb, verbs in the order they come.
fn words_by_verb(actions: &[String]) -> Vec<String> {
    let mut verbs: Vec<(String, Vec<String>)> = Vec::new();
    for action in actions {
        let (verb, object) = in_words(action_name(action));
        match verbs.iter_mut().find(|(v, _)| *v == verb) {
            Some((_, objects)) => objects.push(object),
            None => verbs.push((verb, vec![object])),
        }
    }
    verbs
        .into_iter()
        .map(|(verb, objects)| {
            let objects: Vec<String> = objects.into_iter().filter(|o| !o.is_empty()).collect();
            if objects.is_empty() {
                verb
            } else {
                format!("{verb} {}", objects.join(", "))
            }
        })
        .collect()
}

/// The service's name as the AWS console shows it; the prefix itself for one not known here.
fn service_name(prefix: &str) -> String {
    let known = match prefix {
        "autoscaling" => "EC2 Auto Scaling",
        "cloudformation" => "CloudFormation",
        "dynamodb" => "DynamoDB",
        "ec2" => "EC2",
        "ecr" => "ECR",
        "eks" => "EKS",
        "elasticfilesystem" => "EFS",
        "elasticloadbalancing" => "Elastic Load Balancing",
        "iam" => "IAM",
        "kms" => "KMS",
        "s3" => "S3",
        "servicequotas" => "Service Quotas",
        "sts" => "STS",
        other => other,
    };
    known.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::{boundary_policy, BOUNDARY_ACTIONS, BOUNDARY_ROLE_ACTION};

    fn real() -> Value {
        boundary_policy("123456789012", "/private-deploy/", "aws")
    }

    #[test]
    fn every_action_of_the_real_boundary_is_summarised_once_under_its_service() {
        let summary = summarize_boundary(&real(), false);
        let listed: Vec<&str> = summary.services.iter().flat_map(|s| s.actions.iter().map(String::as_str)).collect();
        let mut expected: Vec<&str> = BOUNDARY_ACTIONS.iter().copied().chain([BOUNDARY_ROLE_ACTION]).collect();
        expected.sort_unstable();
        let mut sorted = listed.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, expected);
        assert_eq!(summary.action_count as usize, expected.len());
        for service in &summary.services {
            assert!(service.actions.iter().all(|a| a.starts_with(&format!("{}:", service.service))), "{service:?}");
            assert!(!service.words.is_empty());
        }
        assert!(summary.may_fail.is_empty(), "the invite asked for the boundary: nothing to warn about");
    }

    #[test]
    fn the_words_say_what_each_service_allows() {
        let summary = summarize_boundary(&real(), false);
        let service = |p: &str| summary.services.iter().find(|s| s.service == p).unwrap();
        let ec2 = service("ec2");
        assert_eq!(ec2.name, "EC2");
        assert!(ec2.words.contains(&"run instances".to_owned()), "{:?}", ec2.words);
        let create = ec2.words.iter().find(|w| w.starts_with("create ")).unwrap();
        assert!(
            create.contains("internet gateway") && create.contains("NAT gateway") && create.contains("VPC"),
            "{create}"
        );
        let iam = service("iam");
        assert_eq!(iam.limits, vec!["iam:UpdateRole only on arn:aws:iam::123456789012:role/private-deploy/*"]);
        assert!(service("ec2").limits.is_empty(), "the seed's second statement is on every resource");
    }

    #[test]
    fn a_full_access_invite_is_told_what_the_boundary_will_deny() {
        let summary = summarize_boundary(&real(), true);
        let about = |what: &str| summary.may_fail.iter().find(|m| m.what.starts_with(what)).unwrap();
        let delete = about("deleting");
        assert_eq!(delete.services.len(), summary.services.len(), "no service of the boundary allows a delete");
        assert!(delete.text.ends_with("(Delete*, Terminate*, Deregister*): no service allows it."), "{}", delete.text);
        assert!(delete.examples.contains(&"ec2:DeleteAnything".to_owned()));
        let change = about("changing");
        assert!(change.services.contains(&"EKS".to_owned()), "{change:?}");
        assert!(!change.services.contains(&"EC2".to_owned()), "ec2:Modify* is listed: {change:?}");
        assert!(!change.services.contains(&"ECR".to_owned()), "ecr:PutImage is listed: {change:?}");
        assert!(change.text.contains(": not allowed in CloudFormation, DynamoDB, EKS"), "{}", change.text);
        assert_eq!(about("passing a role").examples, vec![PASS_ROLE]);
        assert_eq!(about("any call").examples.len(), 3);
    }

    #[test]
    fn the_headline_changes_with_the_boundary() {
        let full = access_headline("Acme", "210987654321", Some("123456789012"), false);
        let limited = access_headline("Acme", "210987654321", Some("123456789012"), true);
        assert!(full.contains("full administrator access") && full.contains("123456789012"), "{full}");
        assert!(limited.contains("limited by the permissions boundary"), "{limited}");
        assert_ne!(full, limited);
    }
}
