//! What a preflight reports: every check with its outcome, what to do about it and a detail to
//! copy, and what the environment will cost. The window and `preflight --json` get these.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::install::InstallPlan;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CheckOutcome {
    Pass,
    /// The install may still work: the admin acknowledges it before installing.
    Warning,
    /// The install would fail: Install stays disabled until it passes.
    Failure,
}

impl CheckOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            CheckOutcome::Pass => "pass",
            CheckOutcome::Warning => "warning",
            CheckOutcome::Failure => "failure",
        }
    }
}

/// One check's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Check {
    /// Stable: scripts match on it (`names`, `quota-vpcs`, `permissions`, …).
    pub id: String,
    pub title: String,
    pub outcome: CheckOutcome,
    /// One sentence: what was found.
    pub summary: String,
    /// What to do about a warning or a failure.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub what_to_do: Option<String>,
    /// The facts behind it (quota codes, CIDRs, actions, a console link), to copy.
    pub detail: String,
}

impl Check {
    pub(crate) fn new(id: &str, title: &str, outcome: CheckOutcome, summary: impl Into<String>) -> Self {
        Check {
            id: id.to_owned(),
            title: title.to_owned(),
            outcome,
            summary: summary.into(),
            what_to_do: None,
            detail: String::new(),
        }
    }

    pub(crate) fn pass(id: &str, title: &str, summary: impl Into<String>) -> Self {
        Self::new(id, title, CheckOutcome::Pass, summary)
    }

    pub(crate) fn warning(id: &str, title: &str, summary: impl Into<String>) -> Self {
        Self::new(id, title, CheckOutcome::Warning, summary)
    }

    pub(crate) fn failure(id: &str, title: &str, summary: impl Into<String>) -> Self {
        Self::new(id, title, CheckOutcome::Failure, summary)
    }

    pub(crate) fn what_to_do(mut self, what: impl Into<String>) -> Self {
        self.what_to_do = Some(what.into());
        self
    }

    pub(crate) fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = detail.into();
        self
    }
}

/// One fixed hourly charge of the environment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CostLine {
    pub item: String,
    pub hourly: f64,
    pub monthly: f64,
}

/// The environment's fixed monthly cost in its region, before the vendor's workload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Cost {
    pub region: String,
    /// `USD`, or `CNY` in the China regions.
    pub currency: String,
    pub lines: Vec<CostLine>,
    pub monthly: f64,
    /// Hours in the month the monthly figures use (AWS's pricing pages use 730).
    pub hours_per_month: u32,
    /// Charges that depend on traffic, named and not guessed.
    pub not_included: Vec<String>,
    /// When the price table was read, and from where.
    pub prices_date: String,
    pub prices_source: String,
}

/// Every check, all run at once, what they come to, and the cost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Preflight {
    pub installation_id: String,
    pub region: String,
    #[ts(type = "string")]
    pub cidr: ipnet::Ipv4Net,
    pub checks: Vec<Check>,
    /// The worst check's outcome: the install may go ahead unless it is `failure` (after the
    /// admin acknowledges the warnings when it is `warning`).
    pub outcome: CheckOutcome,
    /// How many checks failed, and how many warn.
    pub failures: u32,
    pub warnings: u32,
    /// `None` when the price table has no row for the region.
    pub cost: Option<Cost>,
}

impl Preflight {
    /// The report of `checks` run on `plan`, with their outcome and the environment's cost.
    pub(crate) fn new(plan: &InstallPlan, checks: Vec<Check>) -> Self {
        let count = |outcome| u32::try_from(checks.iter().filter(|c| c.outcome == outcome).count()).unwrap_or(u32::MAX);
        Preflight {
            installation_id: plan.installation_id.clone(),
            region: plan.region.clone(),
            cidr: plan.cidr,
            outcome: checks.iter().map(|c| c.outcome).max().unwrap_or(CheckOutcome::Pass),
            failures: count(CheckOutcome::Failure),
            warnings: count(CheckOutcome::Warning),
            checks,
            cost: super::environment_cost(&plan.region),
        }
    }

    pub fn failed_checks(&self) -> impl Iterator<Item = &Check> {
        self.checks.iter().filter(|c| c.outcome == CheckOutcome::Failure)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_outcome_is_the_worst_check_and_the_counts_are_the_engines() {
        let plan = crate::install::plan(
            &crate::install::mock_tests::invite(),
            "123456789012",
            "us-east-1",
            "eu-west-1",
            "10.20.0.0/16".parse().unwrap(),
            ["eu-west-1a".to_owned(), "eu-west-1b".to_owned()],
            false,
        )
        .unwrap();
        let warn = || Check::warning("w", "W", "w");
        let report = Preflight::new(&plan, vec![Check::pass("p", "P", "p"), warn(), warn()]);
        assert_eq!((report.outcome, report.failures, report.warnings), (CheckOutcome::Warning, 0, 2));
        let report = Preflight::new(&plan, vec![warn(), Check::failure("f", "F", "f"), Check::pass("p", "P", "p")]);
        assert_eq!((report.outcome, report.failures, report.warnings), (CheckOutcome::Failure, 1, 1));
        assert_eq!(Preflight::new(&plan, vec![]).outcome, CheckOutcome::Pass);
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!((json["outcome"].as_str(), json["failures"].as_u64()), (Some("failure"), Some(1)));
    }
}
