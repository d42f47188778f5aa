//! What a preflight reports: every check with its outcome, what to do about it and a detail to
//! copy, and what the environment will cost. The window and `preflight --json` get these.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

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

/// Every check, all run at once, and the cost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Preflight {
    pub installation_id: String,
    pub region: String,
    #[ts(type = "string")]
    pub cidr: ipnet::Ipv4Net,
    pub checks: Vec<Check>,
    /// `None` when the price table has no row for the region.
    pub cost: Option<Cost>,
}

impl Preflight {
    /// The worst outcome: the install may go ahead unless it is a failure.
    pub fn outcome(&self) -> CheckOutcome {
        self.checks.iter().map(|c| c.outcome).max().unwrap_or(CheckOutcome::Pass)
    }

    pub fn failures(&self) -> impl Iterator<Item = &Check> {
        self.checks.iter().filter(|c| c.outcome == CheckOutcome::Failure)
    }
}
