//! How the CLI prints: columns for people (every table of the CLI goes through [`Columns`]),
//! one JSON document for scripts.

use std::process::ExitCode;

use comfy_table::{presets::NOTHING, ContentArrangement, Row, Table};
use serde::Serialize;

use engine::aws::Identity;
use engine::network::cidr::{CheckReport, Suggestions};
use engine::network::discovery::{Discovery, OptInStatus, RegionInfo};
use engine::Failure;

/// Writes to stdout; a closed pipe (the reader quit, as `head` does) ends the process
/// quietly with success, as Unix tools do, instead of a panic.
pub fn write_out(args: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(err) = out.write_fmt(args) {
        if err.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: could not write the output: {err}");
        std::process::exit(1);
    }
}

/// A usage error (unknown flag, missing argument) as the `{code, message, hint}` every other
/// error has, for `--json`.
pub fn usage_failure(err: &clap::Error) -> Failure {
    let rendered = err.render().to_string();
    let first = rendered.lines().next().unwrap_or_default();
    let message = first.strip_prefix("error: ").unwrap_or(first).trim().to_owned();
    let mut message = if message.ends_with('.') { message } else { format!("{message}.") };
    if let Some(first) = message.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    Failure::new(engine::ErrorCode::InvalidInput, message).with_hint("Run the command with --help for its arguments.")
}

pub struct Printer {
    pub json: bool,
    /// JSON Lines (`install --json`): every document on one line, errors included.
    pub lines: bool,
}

impl Printer {
    fn json<T: Serialize>(&self, value: &T) {
        let text = if self.lines { serde_json::to_string(value) } else { serde_json::to_string_pretty(value) };
        match text {
            Ok(text) => println!("{text}"),
            Err(err) => eprintln!("error: could not print JSON: {err}"),
        }
    }

    pub fn print_json<T: Serialize>(&self, value: &T) {
        self.json(value)
    }

    pub fn identity(&self, id: &Identity) {
        if self.json {
            return self.json(id);
        }
        let mut rows = Columns::new(0);
        rows.row(["Account", &id.account]);
        rows.row(["ARN", &id.arn]);
        rows.row(["User ID", &id.user_id]);
        rows.row(["Profile", &format!("{} (region {})", id.profile, id.region)]);
        rows.print();
        if id.is_root {
            eprintln!("warning: this is the account's root user; use an IAM role or IAM Identity Center user instead.");
        }
        if let Some(warning) = &id.clock_warning {
            eprintln!("warning: {warning}");
        }
    }

    /// Where a damaged journal went, or that the journal was sound and left alone.
    pub fn journal_set_aside(&self, journal: &str, aside: Option<String>) {
        if self.json {
            return self.json(&serde_json::json!({ "journal": journal, "set_aside_to": aside }));
        }
        match aside {
            Some(aside) => println!("The damaged journal is now {aside}; a new journal is at {journal}."),
            None => println!("The journal at {journal} is not damaged; it was left as it is."),
        }
    }

    /// Prints the failure (`{"error": {code, message, hint, command?, fix?}}` with `--json`) and gives exit code 1.
    pub fn failure(&self, failure: &Failure) -> ExitCode {
        if self.json {
            self.json(&serde_json::json!({ "error": failure }));
        } else {
            eprintln!("error: {}", failure.message);
            if let Some(hint) = &failure.hint {
                eprintln!("  {hint}");
            }
            if let Some(command) = &failure.command {
                eprintln!("    {command}");
            }
        }
        ExitCode::FAILURE
    }
}

impl Printer {
    pub fn regions(&self, regions: &[RegionInfo]) {
        if self.json {
            return self.json(&regions);
        }
        let mut table = Columns::new(0);
        table.row(["REGION", "STATUS"]);
        for r in regions {
            let status = match r.opt_in_status {
                OptInStatus::OptInNotRequired => "enabled",
                OptInStatus::OptedIn => "enabled (opted in)",
                OptInStatus::NotOptedIn => "disabled (not opted in)",
            };
            table.row([r.name.as_str(), status]);
        }
        table.print();
    }

    pub fn discovery(&self, found: &Discovery) {
        if self.json {
            return self.json(found);
        }
        let mut table = Columns::new(0);
        table.row(["REGION", "VPC", "NAME", "CIDR BLOCKS"]);
        for vpc in &found.vpcs {
            let blocks: Vec<String> = vpc
                .cidr_blocks
                .iter()
                .map(|b| if b.state == "associated" { b.cidr.to_string() } else { format!("{} ({})", b.cidr, b.state) })
                .collect();
            let name = match (&vpc.name, vpc.is_default) {
                (Some(n), _) => n.clone(),
                (None, true) => "(default VPC)".to_owned(),
                (None, false) => "-".to_owned(),
            };
            table.row([vpc.region.as_str(), &vpc.vpc_id, &name, &blocks.join(", ")]);
        }
        table.print();
        let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        println!("{} in {}", plural(found.vpcs.len(), "VPC", "VPCs"), plural(found.regions.len(), "region", "regions"));
        for failed in &found.failed {
            eprintln!("warning: could not read {}: {}", failed.region, failed.error.message);
        }
    }

    pub fn suggestions(&self, s: &Suggestions) {
        if self.json {
            return self.json(s);
        }
        for block in &s.blocks {
            println!("{block}");
        }
        if s.exhausted {
            eprintln!("warning: private address space has no more free /{} blocks", s.prefix);
        }
        if !s.unread_regions.is_empty() {
            eprintln!(
                "warning: these regions could not be read, so the suggestions may overlap VPCs there: {}",
                s.unread_regions.join(", ")
            );
        }
    }

    pub fn check(&self, report: &CheckReport) {
        if self.json {
            return self.json(report);
        }
        let block = report.cidr.map(|c| c.to_string()).unwrap_or_else(|| report.input.clone());
        if report.ok {
            println!("{block} is free");
        } else {
            println!("{block} cannot be used:");
            for p in &report.problems {
                println!("  - {}", p.message());
            }
        }
        for w in &report.warnings {
            eprintln!("warning: {}", w.message());
        }
    }
}

/// Text in columns: no borders, two spaces between columns, never wrapped (a script may cut
/// it with `awk`), no trailing spaces; `indent` spaces before the first column.
pub struct Columns {
    table: Table,
    indent: u16,
}

impl Columns {
    pub fn new(indent: u16) -> Self {
        let mut table = Table::new();
        table.load_preset(NOTHING).set_content_arrangement(ContentArrangement::Disabled);
        Self { table, indent }
    }

    pub fn row<T: Into<Row>>(&mut self, cells: T) -> &mut Self {
        self.table.add_row(cells);
        self
    }

    /// The lines, for a caller that prints them its own way (the install stream).
    pub fn lines(mut self) -> Vec<String> {
        let indent = self.indent;
        for (i, column) in self.table.column_iter_mut().enumerate() {
            column.set_padding((if i == 0 { indent } else { 0 }, 2));
        }
        self.table.lines().map(|l| l.trim_end().to_owned()).collect()
    }

    pub fn print(self) {
        for line in self.lines() {
            println!("{line}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_as_wide_as_their_widest_cell_two_spaces_apart_without_trailing_spaces() {
        let mut table = Columns::new(0);
        table.row(["REGION", "STATUS"]).row(["eu-west-1", "enabled"]).row(["us-east-1", ""]);
        assert_eq!(table.lines(), vec!["REGION     STATUS", "eu-west-1  enabled", "us-east-1"]);
    }

    #[test]
    fn an_indented_table_never_wraps_a_long_cell() {
        let long = "x".repeat(300);
        let mut table = Columns::new(2);
        table.row(["access", long.as_str()]).row(["environment", "b"]);
        assert_eq!(table.lines(), vec![format!("  access       {long}"), "  environment  b".to_owned()]);
    }
}
