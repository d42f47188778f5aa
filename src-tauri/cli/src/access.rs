//! `access …` and `audit`: the Manage panel for scripts, thin over the engine's calls.
//!
//! Every action that removes access or deletes needs `--yes`; the CLI then confirms with the
//! signed-in account's ID (or the one given with `--confirm-account`, which must match it).

use clap::Subcommand;

use super::{Outcome, Printer};
use engine::access::{
    AccessActionRecord, AccessStatus, AccessWindow, AuditQuery, AuditReport, DatabaseCheck, DiffKind, NatAddress,
    RoleState, TightenPreview, DELETE_ROLE_WARNING, DELETE_STACKS_WARNING, REVOKE_ALONE_WARNING,
};
use engine::install::InstallEvent;
use engine::{Engine, ErrorCode, Failure};

#[derive(Debug, Subcommand)]
pub enum AccessCommand {
    /// The vendor's access as it is: stacks, role, trust policy, policies, boundary, window, revocations.
    Show,
    /// Open the access window for N hours from now; outside it IAM denies every call of the role.
    Window {
        #[arg(long, value_name = "N")]
        hours: u32,
        #[command(flatten)]
        drift: AcceptDrift,
    },
    /// Remove the time limit: the vendor has access at any time.
    AlwaysOpen(AcceptDrift),
    /// Close the access window now (needs --yes).
    Close(Confirm),
    /// Deny every session issued before now (needs --yes). The vendor can still assume the role again.
    RevokeSessions(Confirm),
    /// Close the window, then revoke the sessions (needs --yes).
    CutOff(Confirm),
    /// Attach or remove the permissions boundary (needs --yes).
    Boundary {
        #[arg(value_parser = ["attach", "remove"])]
        change: String,
        #[command(flatten)]
        confirm: Confirm,
        #[command(flatten)]
        drift: AcceptDrift,
    },
    /// Scope the role to the environment's resources; without --yes, only shows the diff.
    Tighten(Confirm),
    /// Delete the vendor's role (needs --yes). Irreversible.
    DeleteRole(Confirm),
    /// Cut the vendor off, delete the environment stack, then the access stack (needs --yes).
    /// Irreversible. Without --yes, shows what would be deleted and what else is in the VPC.
    DeleteStacks {
        #[command(flatten)]
        confirm: Confirm,
        #[command(flatten)]
        flags: super::deletion::DeleteFlags,
    },
    /// Check a VPC (ID, in the environment's region) or a CIDR block against the environment's block.
    Database {
        #[arg(value_name = "VPC_ID|CIDR")]
        network: String,
    },
    /// The NAT gateway's Elastic IPs: the addresses to allow in the database's firewall.
    NatAddresses,
}

#[derive(Debug, Clone, clap::Args)]
pub struct Confirm {
    /// Do it (the signed-in account's ID is the confirmation).
    #[arg(long)]
    pub yes: bool,
    /// The account ID, typed to confirm; must be the signed-in account's.
    #[arg(long, value_name = "ID")]
    pub confirm_account: Option<String>,
}

#[derive(Debug, Clone, clap::Args)]
pub struct AcceptDrift {
    /// Accept the changes made to the role outside Private Deploy (review them first with
    /// `access show` and in the IAM console): the role as it is now becomes what is expected.
    #[arg(long)]
    pub accept_drift: bool,
}

/// With `--accept-drift`, records that the admin accepts the role as it is now, before an
/// action that grants access (which is refused while the role differs from what is expected).
async fn accept(
    engine: &Engine,
    printer: &Printer,
    installation: Option<&str>,
    flag: &AcceptDrift,
) -> Result<(), Failure> {
    if !flag.accept_drift {
        return Ok(());
    }
    if let Some(record) = engine.accept_drift(installation, None).await? {
        if !printer.json {
            eprintln!("{}", record.summary);
            for d in &record.drift {
                eprintln!("  accepted: {}", d.sentence());
            }
        }
    }
    Ok(())
}

/// The confirmation the engine checks: `--confirm-account`, else the signed-in account.
async fn confirmation(
    engine: &Engine,
    confirm: &Confirm,
    what: &str,
    warning: Option<&str>,
) -> Result<String, Failure> {
    if !confirm.yes {
        let mut hint = format!("Run the same command with --yes to {what}.");
        if let Some(warning) = warning {
            hint = format!("{warning} {hint}");
        }
        return Err(
            Failure::new(ErrorCode::InvalidInput, format!("Nothing was changed: {what} needs --yes.")).with_hint(hint)
        );
    }
    match &confirm.confirm_account {
        Some(typed) => Ok(typed.clone()),
        None => Ok(engine.identity().await?.account),
    }
}

pub async fn run(
    engine: &Engine,
    printer: &Printer,
    installation: Option<&str>,
    command: &AccessCommand,
) -> Result<Outcome, Failure> {
    let id = installation;
    let record = match command {
        AccessCommand::Show => {
            show(printer, &engine.access_status(id).await?);
            return Ok(Outcome::Done);
        }
        AccessCommand::Window { hours, drift } => {
            accept(engine, printer, id, drift).await?;
            engine.open_window(id, *hours).await?
        }
        AccessCommand::AlwaysOpen(drift) => {
            accept(engine, printer, id, drift).await?;
            engine.always_open(id).await?
        }
        AccessCommand::Close(c) => {
            let typed = confirmation(engine, c, "close the access window", None).await?;
            engine.close_window(id, &typed).await?
        }
        AccessCommand::RevokeSessions(c) => {
            let typed = confirmation(engine, c, "revoke the sessions", None).await?;
            let record = engine.revoke_sessions(id, &typed).await?;
            if !printer.json {
                eprintln!("note: {REVOKE_ALONE_WARNING}");
            }
            record
        }
        AccessCommand::CutOff(c) => {
            let typed = confirmation(engine, c, "cut off the vendor", None).await?;
            engine.cut_off(id, &typed).await?
        }
        AccessCommand::Boundary { change, confirm, drift } => {
            let typed = confirmation(engine, confirm, &format!("{change} the boundary"), None).await?;
            if change == "attach" {
                engine.attach_boundary(id, &typed).await?
            } else {
                accept(engine, printer, id, drift).await?;
                engine.remove_boundary(id, &typed).await?
            }
        }
        AccessCommand::Tighten(c) => {
            if !c.yes {
                let preview = engine.tighten_preview(id).await?;
                show_tighten(printer, &preview);
                confirmation(engine, c, "apply the tightened policy", None).await?;
            }
            let typed = confirmation(engine, c, "apply the tightened policy", None).await?;
            engine.tighten_apply(id, &typed).await?
        }
        AccessCommand::DeleteRole(c) => {
            let typed = confirmation(engine, c, "delete the role", Some(DELETE_ROLE_WARNING)).await?;
            engine.delete_role(id, &typed).await?
        }
        AccessCommand::DeleteStacks { confirm: c, flags } => {
            if !c.yes {
                super::deletion::show_preview(printer, &engine.delete_stacks_preview(id).await?);
                confirmation(engine, c, "delete the stacks", None).await?;
            }
            let typed = confirmation(engine, c, "delete the stacks", Some(DELETE_STACKS_WARNING)).await?;
            let json = printer.json;
            let sink = move |event: InstallEvent| {
                if let (false, InstallEvent::StackStatus { stack, status, .. }) = (json, event) {
                    eprintln!("{stack:<44} {status}");
                }
            };
            engine.delete_stacks(id, &typed, &flags.options(), &sink).await?
        }
        AccessCommand::Database { network } => {
            let check = engine.database_check(id, network).await?;
            database(printer, &check);
            return Ok(if check.ok { Outcome::Done } else { Outcome::Refused });
        }
        AccessCommand::NatAddresses => {
            nat_addresses(printer, &engine.nat_addresses(id).await?);
            return Ok(Outcome::Done);
        }
    };
    action(printer, &record);
    Ok(Outcome::Done)
}

pub async fn audit(
    engine: &Engine,
    printer: &Printer,
    installation: Option<&str>,
    query: AuditQuery,
) -> Result<Outcome, Failure> {
    let report = engine.audit(installation, query).await?;
    show_audit(printer, &report);
    Ok(Outcome::Done)
}

fn action(printer: &Printer, record: &AccessActionRecord) {
    if printer.json {
        return printer.print_json(record);
    }
    println!("{}", record.summary);
    println!("Verified and recorded at {} as {}", record.at, record.caller_arn);
    if !record.drift.is_empty() {
        eprintln!("warning: the role had been changed outside Private Deploy:");
        for d in &record.drift {
            eprintln!("  - {}", d.sentence());
        }
    }
}

/// `2h 05m`, `45m`, `30s`.
fn duration(seconds: i64) -> String {
    let (h, m) = (seconds / 3600, (seconds % 3600) / 60);
    match (h, m) {
        (0, 0) => format!("{seconds}s"),
        (0, m) => format!("{m}m"),
        (h, m) => format!("{h}h {m:02}m"),
    }
}

pub fn window_text(window: &AccessWindow) -> String {
    match window {
        AccessWindow::AlwaysOpen => "always open".to_owned(),
        AccessWindow::Window { end, open_now: true, seconds_left, .. } => format!(
            "open until {} ({} left)",
            end.as_deref().unwrap_or("-"),
            seconds_left.map(duration).unwrap_or_else(|| "no end".to_owned())
        ),
        AccessWindow::Window { start, end, .. } => {
            format!("closed: open from {} to {}", start.as_deref().unwrap_or("-"), end.as_deref().unwrap_or("-"))
        }
        AccessWindow::Closed => "closed".to_owned(),
        AccessWindow::Missing => "not limited (the access-window policy was removed)".to_owned(),
        AccessWindow::Custom { .. } => "a policy this app did not write (see --json)".to_owned(),
        AccessWindow::Unknown => "unknown: the role could not be read".to_owned(),
    }
}

fn show(printer: &Printer, s: &AccessStatus) {
    if printer.json {
        return printer.print_json(s);
    }
    let i = &s.installation;
    let state = serde_json::to_value(i.state).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
    println!("Installation  {} ({state}) in account {}", i.installation_id, i.account);
    println!("Vendor        {} ({})", i.vendor_name, i.vendor_account_id);
    println!("Network       {} in {}", i.cidr, i.region);
    for st in &i.stacks {
        println!(
            "  {:<12} {:<44} {:<16} {}",
            st.kind.as_str(),
            st.name,
            st.region,
            st.status.as_deref().unwrap_or("-")
        );
    }
    match &s.role {
        RoleState::Present { role } => {
            println!("Role          {}", role.arn);
            let external = role.external_id.as_deref().map(|e| format!(" with External ID {e}")).unwrap_or_default();
            println!("  trusts      {}{external}", role.trusted_principals.join(", "));
            println!("  boundary    {}", role.boundary_arn.as_deref().unwrap_or("none"));
            let attached: Vec<&str> = role.attached_policies.iter().map(|p| p.arn.as_str()).collect();
            println!("  attached    {}", if attached.is_empty() { "none".to_owned() } else { attached.join(", ") });
            let inline: Vec<&str> = role.inline_policies.iter().map(|p| p.name.as_str()).collect();
            println!("  inline      {}", inline.join(", "));
        }
        RoleState::Gone { name } => println!("Role          {name}: deleted"),
        RoleState::Unreadable { error } => println!("Role          could not be read: {}", error.message),
    }
    println!("Window        {}", window_text(&s.window));
    println!(
        "Sessions      {}",
        s.sessions_revoked_before
            .as_deref()
            .map_or("not revoked".to_owned(), |t| format!("issued before {t} are revoked"))
    );
    if let Some(last) = &s.last_revocation {
        println!("Last revoked  {} by {}", last.at, last.caller_arn);
    }
    if !s.drift.is_empty() {
        println!("Changed outside Private Deploy");
        for d in &s.drift {
            println!("  - {}", d.sentence());
        }
        println!(
            "  Review the role in the IAM console. Closing access still works; to open it again, accept the \
             changes with --accept-drift."
        );
    }
    if !s.recent_actions.is_empty() {
        println!("Recent actions");
        for a in &s.recent_actions {
            let mark = if a.partial { " (partial)" } else { "" };
            println!("  {}  {:<16} {}{mark}", a.at, a.action.as_str(), a.summary);
        }
    }
}

fn show_tighten(printer: &Printer, p: &TightenPreview) {
    if printer.json {
        return printer.print_json(p);
    }
    println!("Tightening role {} would change its permissions like this:", p.role_name);
    for line in &p.diff {
        let mark = match line.kind {
            DiffKind::Same => ' ',
            DiffKind::Added => '+',
            DiffKind::Removed => '-',
        };
        println!("{mark} {}", line.text);
    }
    for r in p.resources.iter().filter(|r| r.arn.is_none()) {
        eprintln!("note: {} ({}) {}", r.logical_id, r.resource_type, r.note.as_deref().unwrap_or(""));
    }
}

fn database(printer: &Printer, c: &DatabaseCheck) {
    if printer.json {
        return printer.print_json(c);
    }
    println!("{}", c.message);
}

fn nat_addresses(printer: &Printer, addresses: &[NatAddress]) {
    if printer.json {
        return printer.print_json(&addresses);
    }
    println!("Allow these addresses in the database's firewall (the environment's outbound traffic leaves from them):");
    for a in addresses {
        println!("  {:<16} {} {}", a.public_ip, a.allocation_id.as_deref().unwrap_or("-"), a.region);
    }
}

fn show_audit(printer: &Printer, r: &AuditReport) {
    if printer.json {
        return printer.print_json(r);
    }
    println!("Role {} since {}", r.role_arn, r.since);
    println!(
        "CloudTrail read in {} region{}: {}",
        r.regions_read.len(),
        if r.regions_read.len() == 1 { "" } else { "s" },
        r.regions_read.join(", ")
    );
    if let Some(err) = &r.region_list_error {
        eprintln!("warning: the account's regions could not be listed, so only these were read: {}", err.message);
    }
    for f in &r.regions_failed {
        eprintln!("warning: CloudTrail could not be read in {}: {}", f.region, f.error.message);
    }
    println!("{} session{} assumed", r.sessions.len(), if r.sessions.len() == 1 { "" } else { "s" });
    for s in &r.sessions {
        println!(
            "  {}  {:<24} by {} from {} key {}",
            s.time,
            s.session_name,
            s.assumed_by,
            s.source_ip,
            s.access_key_id.as_deref().unwrap_or("-")
        );
    }
    println!("{:<20}  {:<28} {:<28} {:<12} {:<16} ERROR", "TIME", "EVENT", "SOURCE", "REGION", "SESSION");
    for e in &r.events {
        println!(
            "{:<20}  {:<28} {:<28} {:<12} {:<16} {}",
            e.time,
            e.event_name,
            e.event_source,
            e.region,
            e.session_name.as_deref().unwrap_or("-"),
            e.error_code.as_deref().unwrap_or("")
        );
    }
    if r.truncated {
        eprintln!("warning: there were more events than one audit reads; use a shorter --since");
    }
}
