//! What `access delete-stacks` (without `--yes`) and `clean-up` show before deleting: each
//! stack's state, what failed to delete and why, and what else is in the environment's VPC.

use super::output::Columns;
use super::Printer;
use engine::install::{DeleteOptions, DeletionPreview};
use engine::stacks::StackHealth;

/// `--retain LOGICAL_ID …` / `--force`: for a stack in DELETE_FAILED only.
#[derive(Debug, Clone, clap::Args)]
pub struct DeleteFlags {
    /// For a stack in DELETE_FAILED: delete it but keep this resource (repeatable). What is kept
    /// stays in the account, and keeps costing money, until you delete it yourself.
    #[arg(long = "retain", value_name = "LOGICAL_ID")]
    pub retain: Vec<String>,
    /// For a stack in DELETE_FAILED: delete it, keeping every resource that cannot be deleted
    /// (CloudFormation's FORCE_DELETE_STACK).
    #[arg(long, conflicts_with = "retain")]
    pub force: bool,
}

impl DeleteFlags {
    pub fn options(&self) -> DeleteOptions {
        DeleteOptions { retain: self.retain.clone(), force: self.force }
    }
}

pub fn show_preview(printer: &Printer, p: &DeletionPreview) {
    if printer.json {
        return printer.print_json(p);
    }
    println!("{}", p.warning);
    println!();
    let mut stacks = Columns::new(0);
    for s in &p.stacks {
        stacks.row([s.kind.as_str().to_owned(), s.name.clone(), s.region.clone(), s.status.to_string()]);
    }
    // Each stack's line, then what of it failed to delete.
    for (line, s) in stacks.lines().into_iter().zip(&p.stacks) {
        println!("{line}");
        for r in &s.failed_resources {
            let physical = r.physical_id.as_deref().map(|id| format!(" {id}")).unwrap_or_default();
            println!("    not deleted: {} ({}{physical}): {}", r.logical_id, r.resource_type, r.reason);
        }
    }
    if !p.interfaces_read {
        println!("\nThe environment's network interfaces could not be read.");
    } else if p.foreign_interfaces.is_empty() {
        println!("\nNothing but the stack's own resources has a network interface in the environment's VPC.");
    } else {
        println!("\nIn the environment's VPC but not created by its stack (not deleted; the VPC cannot go while they are there):");
        for i in &p.foreign_interfaces {
            let subnet = i.subnet_id.as_deref().map(|s| format!(", {s}")).unwrap_or_default();
            println!(
                "  {} ({}{subnet}): {}",
                i.interface_id,
                i.interface_type.as_deref().unwrap_or("interface"),
                i.owner
            );
        }
    }
    let failed: Vec<&str> = p
        .stacks
        .iter()
        .filter(|s| s.health == StackHealth::DeleteFailed)
        .flat_map(|s| s.failed_resources.iter().map(|r| r.logical_id.as_str()))
        .collect();
    if !failed.is_empty() {
        println!(
            "\nA stack is DELETE_FAILED: delete again (retry), or keep what failed with --retain {} (repeatable), \
             or --force. What is kept stays in the account, and keeps costing money, until you delete it yourself.",
            failed.join(" --retain ")
        );
    }
}
