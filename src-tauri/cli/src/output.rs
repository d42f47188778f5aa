//! How the CLI prints: aligned text for people, one JSON document for scripts.

use std::process::ExitCode;

use serde::Serialize;

use engine::aws::Identity;
use engine::network::cidr::{CheckReport, Suggestions};
use engine::network::discovery::{Discovery, OptInStatus, RegionInfo};
use engine::Failure;

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
        println!("Account  {}", id.account);
        println!("ARN      {}", id.arn);
        println!("User ID  {}", id.user_id);
        println!("Profile  {} (region {})", id.profile, id.region);
        if id.is_root {
            eprintln!("warning: this is the account's root user; use an IAM role or IAM Identity Center user instead.");
        }
        if let Some(warning) = &id.clock_warning {
            eprintln!("warning: {warning}");
        }
    }

    /// Prints the failure (`{"error": {code, message, hint}}` with `--json`) and gives exit code 1.
    pub fn failure(&self, failure: &Failure) -> ExitCode {
        if self.json {
            self.json(&serde_json::json!({ "error": failure }));
        } else {
            eprintln!("error: {}", failure.message);
            if let Some(hint) = &failure.hint {
                eprintln!("  {hint}");
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
        println!("{:<16} STATUS", "REGION");
        for r in regions {
            let status = match r.opt_in_status {
                OptInStatus::OptInNotRequired => "enabled",
                OptInStatus::OptedIn => "enabled (opted in)",
                OptInStatus::NotOptedIn => "disabled (not opted in)",
            };
            println!("{:<16} {status}", r.name);
        }
    }

    pub fn discovery(&self, found: &Discovery) {
        if self.json {
            return self.json(found);
        }
        println!("{:<16} {:<22} {:<20} CIDR BLOCKS", "REGION", "VPC", "NAME");
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
            println!("{:<16} {:<22} {:<20} {}", vpc.region, vpc.vpc_id, name, blocks.join(", "));
        }
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
