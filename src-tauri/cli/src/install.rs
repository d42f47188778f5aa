//! `install`, `retry`, `clean-up` and `status`: thin over the engine's install calls.

use std::io::IsTerminal;
use std::path::PathBuf;

use serde_json::json;

use super::output::Columns;
use super::progress::ProgressPrinter;
use super::{Outcome, Printer};
use engine::install::{DeleteOptions, InstallOutcome, InstallRequest, InstallationStatus, PlanSummary};
use engine::invite::{Invite, InviteSummary, Verification};
use engine::{Engine, Failure};

use crate::error::CliError;
use crate::renewal::renewing;

/// What to install, as `install` and `preflight` both take it.
#[derive(Debug, clap::Args)]
pub struct InstallTarget {
    /// The invite file the vendor sent.
    #[arg(long, value_name = "FILE")]
    pub invite: PathBuf,
    /// The VPC block, or `auto` for the first free block of the invite's size.
    #[arg(long, value_name = "CIDR|auto", help = crate::install_cidr_help())]
    pub cidr: String,
    /// Limit the vendor's role with the permissions boundary (an invite may require it).
    #[arg(long)]
    pub boundary: bool,
    /// The vendor's AWS account ID, typed to confirm an invite whose signature is not verified.
    #[arg(long, value_name = "ID")]
    pub confirm_vendor_account: Option<String>,
}

impl InstallTarget {
    /// The engine's request for the opened invite `invite`, in `region`.
    pub fn request(&self, invite: Invite, region: &str) -> InstallRequest {
        InstallRequest {
            invite,
            region: region.to_owned(),
            cidr: self.cidr.clone(),
            use_boundary: self.boundary,
            confirmed_vendor_account: self.confirm_vendor_account.clone(),
        }
    }
}

/// The install options of the command line.
pub struct InstallArgs<'a> {
    pub target: &'a InstallTarget,
    pub region: &'a str,
    pub yes: bool,
    pub skip_preflight: bool,
    /// Post the hand-off once ready.
    pub send_handoff: bool,
}

pub async fn install(engine: &Engine, printer: &Printer, args: InstallArgs<'_>) -> Result<Outcome, Failure> {
    let region = args.region;
    let summary = engine.open_invite(&args.target.invite)?;
    let stream = ProgressPrinter::new(printer.json, std::io::stdout().is_terminal());
    show_invite(&stream, printer.json, &summary, args.target.confirm_vendor_account.as_deref());
    // Planned once: the preflight runs on this plan, and the install installs it.
    let plan = engine.plan_install(&args.target.request(summary.invite.clone(), region)).await?;
    if !args.yes {
        show_plan(&stream, printer.json, &plan.summary(&engine.estimates()?));
        return Err(CliError::InstallNeedsYes.into());
    }
    let report = engine.preflight_plan(&plan).await?;
    super::preflight::show_in_stream(&stream, printer.json, &report);
    let failed: Vec<String> = report.failed_checks().map(|c| format!("{}: {}", c.title, c.summary)).collect();
    if !failed.is_empty() && !args.skip_preflight {
        return Err(CliError::PreflightFailed { failed }.into());
    }
    let outcome = renewing(engine, printer.json, &stream, async |sink| engine.install_planned(plan, sink).await).await;
    stream.finish();
    let outcome = outcome?;
    let ready = match &outcome {
        InstallOutcome::Ready { installation_id, .. } => Some(installation_id.clone()),
        InstallOutcome::Failed { .. } => None,
    };
    let ended = ended(engine, printer, outcome).await?;
    match ready {
        Some(installation_id) if args.send_handoff => super::handoff::send(engine, printer, &installation_id).await,
        _ => Ok(ended),
    }
}

/// Done when ready, after the ready summary (for people; `--json` ends with the `ready` event).
async fn ended(engine: &Engine, printer: &Printer, outcome: InstallOutcome) -> Result<Outcome, Failure> {
    let InstallOutcome::Ready { installation_id, .. } = &outcome else { return Ok(Outcome::Refused) };
    if !printer.json {
        super::ready::show_after_install(engine, installation_id).await;
    }
    Ok(Outcome::Done)
}

/// `retry ID`: launches a recorded installation again and streams its progress.
pub async fn retry(engine: &Engine, printer: &Printer, installation_id: &str) -> Result<Outcome, Failure> {
    let stream = ProgressPrinter::new(printer.json, std::io::stdout().is_terminal());
    let outcome = renewing(engine, printer.json, &stream, async |sink| engine.retry(installation_id, sink).await).await;
    stream.finish();
    ended(engine, printer, outcome?).await
}

/// `clean-up ID --yes [--retain ID …|--force]`: deletes the installation's stacks whose create
/// or delete failed and waits until they are gone; without `--yes`, shows what would be.
pub async fn clean_up(
    engine: &Engine,
    printer: &Printer,
    installation_id: &str,
    yes: bool,
    options: &DeleteOptions,
) -> Result<Outcome, Failure> {
    if !yes {
        if let Ok(preview) = engine.delete_stacks_preview(Some(installation_id)).await {
            super::deletion::show_preview(printer, &preview);
        }
        return Err(CliError::CleanUpNeedsYes { installation_id: installation_id.to_owned() }.into());
    }
    let stream = ProgressPrinter::new(printer.json, std::io::stdout().is_terminal());
    let deleted = engine.clean_up(installation_id, options, &stream).await;
    stream.finish();
    let deleted = deleted?;
    let kinds: Vec<&str> = deleted.iter().map(|k| k.as_str()).collect();
    if printer.json {
        stream.line(&json!({"kind": "cleaned_up", "installation_id": installation_id, "stacks": kinds}).to_string());
    } else {
        stream.line(&format!(
            "Deleted the {} stack{} of {installation_id}. Run `private-deploy retry {installation_id}` to launch again.",
            kinds.join(" and "),
            if kinds.len() == 1 { "" } else { "s" }
        ));
    }
    Ok(Outcome::Done)
}

fn show_invite(stream: &ProgressPrinter, json: bool, summary: &InviteSummary, confirmed: Option<&str>) {
    let invite = &summary.invite;
    if json {
        stream.line(
            &json!({
                "kind": "invite",
                "installation_id": invite.installation_id,
                "vendor": invite.vendor,
                "verification": summary.verification,
                "needs_confirmation": summary.needs_confirmation,
                "access": summary.access,
            })
            .to_string(),
        );
        return;
    }
    let status = match &summary.verification {
        Verification::Verified { key_id, vendor_name, source } => {
            format!("verified (signed by {vendor_name}, key {key_id}: {})", engine::diagnostics::source_words(*source))
        }
        Verification::Unsigned => "NOT verified: unsigned".to_owned(),
        Verification::UnknownKey { key_id } => format!("NOT verified: signed by unknown key {key_id}"),
        Verification::Invalid { key_id } => format!("NOT verified: the signature by key {key_id} does not match"),
    };
    stream.line(&format!(
        "Invite {} from {} (AWS account {}): {status}",
        invite.installation_id, invite.vendor.name, invite.vendor.account_id
    ));
    if summary.needs_confirmation && confirmed.is_some() {
        stream.line("  vendor account confirmed with --confirm-vendor-account");
    }
    stream.line(&format!("  {}", summary.access));
}

fn show_plan(stream: &ProgressPrinter, json: bool, plan: &PlanSummary) {
    if json {
        let mut value = serde_json::to_value(plan).unwrap_or_default();
        value["kind"] = json!("plan");
        return stream.line(&value.to_string());
    }
    stream.line(&format!(
        "Would install {} in account {}: VPC {} in {} over {}, permissions boundary {}",
        plan.installation_id,
        plan.account,
        plan.cidr,
        plan.region,
        plan.availability_zones.join(" and "),
        if plan.use_boundary { "on" } else { "off" }
    ));
    let mut rows = Columns::new(2);
    for s in &plan.stacks {
        rows.row([s.kind.as_str(), &format!("{} in {} ({} resources)", s.name, s.region, s.resources)]);
    }
    for line in rows.lines() {
        stream.line(&line);
    }
}

pub fn status(printer: &Printer, installations: &[InstallationStatus]) {
    if printer.json {
        return printer.print_json(&installations);
    }
    if installations.is_empty() {
        println!("No installations yet.");
        return;
    }
    let mut table = Columns::new(0);
    table.row(["INSTALLATION", "STATE", "ACCOUNT", "REGION", "CIDR", "VENDOR"]);
    for i in installations {
        table.row([
            i.installation_id.as_str(),
            i.state.as_str(),
            &i.account,
            &i.region,
            &i.cidr.to_string(),
            &format!("{} ({})", i.vendor_name, i.vendor_account_id),
        ]);
    }
    let mut lines = table.lines().into_iter();
    println!("{}", lines.next().unwrap_or_default());
    // Each installation's line, then its stacks in columns of their own, indented under it.
    for (line, i) in lines.zip(installations) {
        println!("{line}");
        let mut stacks = Columns::new(2);
        for s in &i.stacks {
            let status = s.status.as_deref().unwrap_or("not launched");
            let seen = if s.live || s.status.is_none() { "" } else { " (last seen)" };
            stacks.row([s.kind.as_str(), &s.name, &s.region, &format!("{status}{seen}")]);
        }
        stacks.print();
    }
}
