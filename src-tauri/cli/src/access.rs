//! `access …` and `audit`: the Manage panel for scripts. Every action is an
//! [`AccessRequest`] run by `Engine::access_request`, as the window's are; the engine says
//! which ones need the typed account ID. Those need `--yes` here, and the CLI then types the
//! signed-in account's ID (or the one given with `--confirm-account`, which must match it).

use std::time::Duration;

use clap::Subcommand;

use super::output::Columns;
use super::progress::event_text;
use super::{Outcome, Printer};
use engine::access::AccessRequest;
use engine::access::{
    AccessActionRecord, AccessStatus, AccessWindow, AuditQuery, AuditReport, DatabaseCheck, DiffKind, NatAddress,
    RoleState, TightenPreview, REVOKE_ALONE_WARNING,
};
use engine::install::InstallEvent;
use engine::{Engine, Failure};

use crate::error::CliError;

#[derive(Debug, Subcommand)]
pub enum AccessCommand {
    /// The vendor's access as it is: stacks, role, trust policy, policies, boundary, window, revocations.
    Show,
    /// Open the access window for N hours from now; outside it IAM denies every call of the role (needs --yes).
    Window {
        #[arg(long, value_name = "N")]
        hours: u32,
        #[command(flatten)]
        confirm: Confirm,
        #[command(flatten)]
        drift: AcceptDrift,
    },
    /// Remove the time limit: the vendor has access at any time (needs --yes).
    AlwaysOpen {
        #[command(flatten)]
        confirm: Confirm,
        #[command(flatten)]
        drift: AcceptDrift,
    },
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

/// What the command asks for: a request for the engine, a preview, or a read.
enum Step<'a> {
    Request { request: AccessRequest, confirm: Option<&'a Confirm>, drift: Option<&'a AcceptDrift> },
    Show,
    Database(&'a str),
    NatAddresses,
}

fn step(command: &AccessCommand) -> Step<'_> {
    let request = |request, confirm, drift| Step::Request { request, confirm, drift };
    match command {
        AccessCommand::Show => Step::Show,
        AccessCommand::Window { hours, confirm, drift } => {
            request(AccessRequest::OpenWindow { hours: *hours }, Some(confirm), Some(drift))
        }
        AccessCommand::AlwaysOpen { confirm, drift } => request(AccessRequest::AlwaysOpen, Some(confirm), Some(drift)),
        AccessCommand::Close(c) => request(AccessRequest::CloseWindow, Some(c), None),
        AccessCommand::RevokeSessions(c) => request(AccessRequest::RevokeSessions, Some(c), None),
        AccessCommand::CutOff(c) => request(AccessRequest::CutOff, Some(c), None),
        AccessCommand::Boundary { change, confirm, drift } => {
            let r = if change == "attach" { AccessRequest::AttachBoundary } else { AccessRequest::RemoveBoundary };
            request(r, Some(confirm), Some(drift))
        }
        AccessCommand::Tighten(c) => request(AccessRequest::Tighten, Some(c), None),
        AccessCommand::DeleteRole(c) => request(AccessRequest::DeleteRole, Some(c), None),
        AccessCommand::DeleteStacks { confirm, flags } => {
            request(AccessRequest::DeleteStacks { options: Some(flags.options()) }, Some(confirm), None)
        }
        AccessCommand::Database { network } => Step::Database(network),
        AccessCommand::NatAddresses => Step::NatAddresses,
    }
}

/// What the request does, for "… needs --yes".
fn doing(request: &AccessRequest) -> &'static str {
    match request {
        AccessRequest::OpenWindow { .. } => "open the access window",
        AccessRequest::AlwaysOpen => "remove the time limit",
        AccessRequest::CloseWindow => "close the access window",
        AccessRequest::RevokeSessions => "revoke the sessions",
        AccessRequest::CutOff => "cut off the vendor",
        AccessRequest::AttachBoundary => "attach the boundary",
        AccessRequest::RemoveBoundary => "remove the boundary",
        AccessRequest::Tighten => "apply the tightened policy",
        AccessRequest::DeleteRole => "delete the role",
        AccessRequest::DeleteStacks { .. } => "delete the stacks",
    }
}

/// The typed account ID for a request the engine says needs one: refused without `--yes`
/// (after the preview the window also shows first, for tighten and delete-stacks).
async fn typed_account(
    engine: &Engine,
    printer: &Printer,
    installation: Option<&str>,
    request: &AccessRequest,
    confirm: Option<&Confirm>,
) -> Result<Option<String>, Failure> {
    if !request.needs_typed_confirmation() {
        return Ok(None);
    }
    let confirm = confirm.cloned().unwrap_or(Confirm { yes: false, confirm_account: None });
    if !confirm.yes {
        match request {
            AccessRequest::Tighten => show_tighten(printer, &engine.tighten_preview(installation).await?),
            AccessRequest::DeleteStacks { .. } => {
                super::deletion::show_preview(printer, &engine.delete_stacks_preview(installation).await?)
            }
            _ => {}
        }
        return Err(CliError::ActionNeedsYes { what: doing(request), warning: request.warning() }.into());
    }
    Ok(Some(match confirm.confirm_account {
        Some(typed) => typed,
        None => engine.identity().await?.account,
    }))
}

pub async fn run(
    engine: &Engine,
    printer: &Printer,
    installation: Option<&str>,
    command: &AccessCommand,
) -> Result<Outcome, Failure> {
    let id = installation;
    let (request, confirm, drift) = match step(command) {
        Step::Request { request, confirm, drift } => (request, confirm, drift),
        Step::Show => {
            show(printer, &engine.access_status(id).await?);
            return Ok(Outcome::Done);
        }
        Step::Database(network) => {
            let check = engine.database_check(id, network).await?;
            database(printer, &check);
            return Ok(if check.ok { Outcome::Done } else { Outcome::Refused });
        }
        Step::NatAddresses => {
            nat_addresses(printer, &engine.nat_addresses(id).await?);
            return Ok(Outcome::Done);
        }
    };
    let typed = typed_account(engine, printer, id, &request, confirm).await?;
    if drift.is_some_and(|d| d.accept_drift) {
        // As the window's "accept the changes" before its action: the role as it is now.
        if let Some(record) = engine.accept_drift(id, None).await? {
            if !printer.json {
                eprintln!("{}", record.summary);
                for d in &record.drift {
                    eprintln!("  accepted: {}", d.sentence());
                }
            }
        }
    }
    let revoke_alone = request == AccessRequest::RevokeSessions;
    let json = printer.json;
    // Stacks being deleted: their status on stderr, stdout staying the one JSON result.
    let sink = move |event: InstallEvent| {
        let shown = matches!(
            event,
            InstallEvent::StackStatus { .. }
                | InstallEvent::CredentialsExpired { .. }
                | InstallEvent::CredentialsRenewed { .. }
        );
        if !json && shown {
            if let Some(text) = event_text(&event) {
                eprintln!("{text}");
            }
        }
    };
    let record = crate::renewal::renewing(engine, json, &sink, async |sink| {
        engine.access_request(id, request, typed.as_deref(), sink).await
    })
    .await?;
    if revoke_alone && !printer.json {
        eprintln!("note: {REVOKE_ALONE_WARNING}");
    }
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

/// `2h 5m`, `45m`, `30s`: to the minute, to the second under one.
fn duration(seconds: i64) -> String {
    let seconds = seconds.max(0).unsigned_abs();
    let shown = if seconds < 60 { seconds } else { seconds - seconds % 60 };
    humantime::format_duration(Duration::from_secs(shown)).to_string()
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
    for line in show_lines(s) {
        println!("{line}");
    }
}

/// `access show` for people: the access now first, one column of labels, the stacks under the network, the role's
/// parts under it, then what changed outside and the recent actions.
fn show_lines(s: &AccessStatus) -> Vec<String> {
    let i = &s.installation;
    let mut labels = Columns::new(0);
    // The first question first: can the vendor use the role now.
    labels.row(["Access now", &s.access_now.sentence(&i.vendor_name)]);
    labels.row(["Installation", &format!("{} ({}) in account {}", i.installation_id, i.state.as_str(), i.account)]);
    labels.row(["Vendor", &format!("{} ({})", i.vendor_name, i.vendor_account_id)]);
    labels.row(["Network", &format!("{} in {}", i.cidr, i.region)]);
    match &s.role {
        RoleState::Present { role } => {
            labels.row(["Role", &role.arn]);
            let external = role.external_id.as_deref().map(|e| format!(" with External ID {e}")).unwrap_or_default();
            labels.row(["  trusts", &format!("{}{external}", role.trusted_principals.join(", "))]);
            labels.row(["  boundary", role.boundary_arn.as_deref().unwrap_or("none")]);
            let attached: Vec<&str> = role.attached_policies.iter().map(|p| p.arn.as_str()).collect();
            labels.row(["  attached", &if attached.is_empty() { "none".to_owned() } else { attached.join(", ") }]);
            let inline: Vec<&str> = role.inline_policies.iter().map(|p| p.name.as_str()).collect();
            labels.row(["  inline", &inline.join(", ")]);
        }
        RoleState::Gone { name } => {
            labels.row(["Role", &format!("{name}: deleted")]);
        }
        RoleState::Unreadable { error } => {
            labels.row(["Role", &format!("could not be read: {}", error.message)]);
        }
    }
    labels.row(["Window", &window_text(&s.window)]);
    let sessions = s
        .sessions_revoked_before
        .as_deref()
        .map_or("not revoked".to_owned(), |t| format!("issued before {t} are revoked"));
    labels.row(["Sessions", &sessions]);
    if let Some(last) = &s.last_revocation {
        labels.row(["Last revoked", &format!("{} by {}", last.at, last.caller_arn)]);
    }
    let mut stacks = Columns::new(2);
    for st in &i.stacks {
        stacks.row([st.kind.as_str(), &st.name, &st.region, st.status.as_deref().unwrap_or("-")]);
    }
    let mut lines = labels.lines();
    // Under "Network": the installation's stacks.
    let rest = lines.split_off(4.min(lines.len()));
    lines.extend(stacks.lines());
    lines.extend(rest);
    if !s.drift.is_empty() {
        lines.push("Changed outside Private Deploy".to_owned());
        lines.extend(s.drift.iter().map(|d| format!("  - {}", d.sentence())));
        lines.push(
            "  Review the role in the IAM console. Closing access still works; to open it again, accept the \
             changes with --accept-drift."
                .to_owned(),
        );
    }
    if !s.recent_actions.is_empty() {
        lines.push("Recent actions".to_owned());
        let mut actions = Columns::new(2);
        for a in &s.recent_actions {
            let mark = if a.partial { " (partial)" } else { "" };
            actions.row([a.at.to_string(), a.action.as_str().to_owned(), format!("{}{mark}", a.summary)]);
        }
        lines.extend(actions.lines());
    }
    lines
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
    let mut rows = Columns::new(2);
    for a in addresses {
        rows.row([a.public_ip.as_str(), a.allocation_id.as_deref().unwrap_or("-"), &a.region]);
    }
    rows.print();
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
    let mut sessions = Columns::new(2);
    for s in &r.sessions {
        let key = s.access_key_id.as_deref().unwrap_or("-");
        sessions.row([
            s.time.to_string(),
            s.session_name.clone(),
            format!("by {} from {} key {key}", s.assumed_by, s.source_ip),
        ]);
    }
    sessions.print();
    // Sessions that named a person (a source identity): the timeline by who was behind it.
    if r.identities.iter().any(|g| g.source_identity.is_some()) {
        let mut people = Columns::new(0);
        people.row(["SOURCE IDENTITY", "SESSIONS", "CALLS", "ERRORS", "LAST SEEN"]);
        for g in &r.identities {
            people.row([
                g.source_identity.clone().unwrap_or_else(|| "(none named)".to_owned()),
                g.sessions.to_string(),
                g.calls.to_string(),
                g.errors.to_string(),
                g.last_seen.clone(),
            ]);
        }
        people.print();
    }
    let mut events = Columns::new(0);
    events.row(["TIME", "EVENT", "SOURCE", "REGION", "SESSION", "ERROR"]);
    for e in &r.events {
        let session = e.session_name.clone().unwrap_or_else(|| "-".to_owned());
        events.row([
            e.time.to_string(),
            e.event_name.clone(),
            e.event_source.clone(),
            e.region.clone(),
            match &e.source_identity {
                Some(who) => format!("{session} ({who})"),
                None => session,
            },
            e.error_code.clone().unwrap_or_default(),
        ]);
    }
    events.print();
    if r.truncated {
        eprintln!("warning: there were more events than one audit reads; use a shorter --since");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_left_is_said_to_the_minute_and_to_the_second_under_one() {
        assert_eq!(duration(2 * 3600 + 5 * 60 + 59), "2h 5m");
        assert_eq!(duration(45 * 60), "45m");
        assert_eq!(duration(30), "30s");
        assert_eq!(duration(-5), "0s");
    }

    #[test]
    fn each_manage_command_is_one_request_and_each_needs_yes() {
        use clap::Parser;
        let parse = |args: &[&str]| match crate::Cli::try_parse_from(["private-deploy", "access"].iter().chain(args)) {
            Ok(crate::Cli { command: crate::Command::Access { command, .. }, .. }) => command,
            other => panic!("{args:?}: {other:?}"),
        };
        let request = |args: &[&str]| match step(&parse(args)) {
            Step::Request { request, .. } => request,
            _ => panic!("{args:?} is not a request"),
        };
        assert_eq!(request(&["window", "--hours", "3"]), AccessRequest::OpenWindow { hours: 3 });
        assert_eq!(request(&["boundary", "remove"]), AccessRequest::RemoveBoundary);
        assert_eq!(
            request(&["delete-stacks", "--retain", "Vpc"]),
            AccessRequest::DeleteStacks {
                options: Some(engine::install::DeleteOptions { retain: vec!["Vpc".into()], force: false })
            }
        );
        assert!(request(&["always-open"]).needs_typed_confirmation());
        assert!(request(&["window", "--hours", "2", "--yes"]).needs_typed_confirmation());
        assert!(request(&["cut-off"]).needs_typed_confirmation());
        assert!(matches!(step(&parse(&["show"])), Step::Show));
    }
}
