//! `preflight`: every check the engine runs before an install, and the environment's fixed
//! monthly cost; exits 1 when a check fails (warnings do not). `install` shows the same
//! report first and stops on a failure unless `--skip-preflight`.

use serde_json::json;

use super::output::Columns;
use super::progress::ProgressPrinter;
use super::{Outcome, Printer};
use engine::preflight::{CheckOutcome, Preflight};
use engine::{Engine, Failure};

use crate::install::InstallTarget;

/// `preflight --invite FILE --region R --cidr CIDR|auto [--boundary]`.
pub async fn preflight(
    engine: &Engine,
    printer: &Printer,
    target: &InstallTarget,
    region: &str,
) -> Result<Outcome, Failure> {
    let invite = engine.open_invite(&target.invite)?.invite;
    let report = engine.preflight(&target.request(invite, region)).await?;
    if printer.json {
        printer.print_json(&report);
    } else {
        for line in text(&report) {
            println!("{line}");
        }
    }
    Ok(if report.outcome == CheckOutcome::Failure { Outcome::Refused } else { Outcome::Done })
}

/// The report inside `install`'s stream: one `preflight` line with `--json`.
pub(crate) fn show_in_stream(stream: &ProgressPrinter, json: bool, report: &Preflight) {
    if json {
        let mut value = serde_json::to_value(report).unwrap_or_default();
        value["kind"] = json!("preflight");
        return stream.line(&value.to_string());
    }
    for line in text(report) {
        stream.line(&line);
    }
}

fn mark(outcome: CheckOutcome) -> &'static str {
    match outcome {
        CheckOutcome::Pass => "ok",
        CheckOutcome::Warning => "WARNING",
        CheckOutcome::Failure => "FAILED",
    }
}

fn text(report: &Preflight) -> Vec<String> {
    let mut out = vec![format!(
        "Preflight of {} in {} ({}): {} checks, {} failed, {} warnings",
        report.installation_id,
        report.region,
        report.cidr,
        report.checks.len(),
        report.failures,
        report.warnings
    )];
    let mut rows = Columns::new(2);
    for c in &report.checks {
        rows.row([mark(c.outcome), &c.title, &c.summary]);
    }
    out.extend(rows.lines());
    for c in report.checks.iter().filter(|c| c.outcome != CheckOutcome::Pass) {
        out.push(String::new());
        out.push(format!("{} {}: {}", mark(c.outcome), c.title, c.summary));
        if let Some(what) = &c.what_to_do {
            out.push(format!("  What to do: {what}"));
        }
        out.extend(c.detail.lines().map(|l| format!("    {l}")));
    }
    match &report.cost {
        Some(cost) => {
            out.push(String::new());
            out.push(format!(
                "Fixed cost in {}: about {:.2} {} a month ({} hours), before the vendor's workload",
                cost.region, cost.monthly, cost.currency, cost.hours_per_month
            ));
            let mut lines = Columns::new(2);
            for l in &cost.lines {
                lines.row([format!("{:.2} {}/month", l.monthly, cost.currency), l.item.clone()]);
            }
            out.extend(lines.lines());
            out.push(format!("  Not included: {}.", cost.not_included.join("; ")));
            out.push(format!("  Prices of {}: {}", cost.prices_date, cost.prices_source));
        }
        None => out.push(format!("No prices are known for {}.", report.region)),
    }
    out
}
