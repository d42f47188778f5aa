//! `template access` and `template scp`: the access stack's template and the organisation's
//! Service Control Policy, as the window's Review access step has them (`Engine::review_access`:
//! the home region, the account given or a placeholder), printed without calling AWS. What
//! each control can and cannot do goes to stderr, so that stdout stays the file as shipped
//! (`> file` saves it).

use std::path::Path;

use serde_json::json;

use super::Printer;
use engine::templates::{
    self, control_limits, control_limits_text, AccessReview, ACCESS_TEMPLATE, ACCESS_TEMPLATE_FILE_NAME,
    ACCOUNT_PLACEHOLDER,
};
use engine::{Engine, Failure};

fn review_of(engine: &Engine, invite: &Path, boundary: bool, account: Option<&str>) -> Result<AccessReview, Failure> {
    Ok(engine.review_access_for(&engine.open_invite(invite)?.invite, boundary, None, account)?)
}

/// `template access [--boundary] [--invite FILE]`: the template as it is; with an invite, also
/// its parameters, the create-stack command and the guardrail as it will be created.
pub fn template_access(
    engine: &Engine,
    printer: &Printer,
    boundary: bool,
    invite: Option<&Path>,
) -> Result<(), Failure> {
    let review = invite.map(|path| review_of(engine, path, boundary, None)).transpose()?;
    if printer.json {
        let parameters = review
            .as_ref()
            .map(|r| r.parameters.iter().map(|p| json!({"key": p.key, "value": p.value})).collect::<Vec<_>>());
        printer.print_json(&json!({
            "template": ACCESS_TEMPLATE,
            "file_name": ACCESS_TEMPLATE_FILE_NAME,
            "use_boundary": review.as_ref().map_or(boundary, |r| r.use_boundary),
            "parameters": parameters,
            "create_stack_command": review.as_ref().map(|r| &r.create_stack_command),
            "guardrail_policy_name": templates::GUARDRAIL_POLICY_NAME,
            "guardrail_policy": review.as_ref().map(|r| &r.guardrail_policy),
            "control_limits": control_limits(),
            "access_headline": review.as_ref().map(|r| &r.access_headline),
            "boundary_summary": review.as_ref().and_then(|r| r.boundary_summary.as_ref()),
        }));
        return Ok(());
    }
    print!("{ACCESS_TEMPLATE}");
    if let Some(r) = &review {
        eprintln!("# {}", r.access_headline);
        if let Some(summary) = &r.boundary_summary {
            eprintln!("{}", comment(&boundary_text(summary)));
        }
    }
    // The template's UseBoundary parameter is what --boundary changes; say so beside the
    // template rather than in it.
    match review {
        Some(r) => eprintln!(
            "# Save the template above as {ACCESS_TEMPLATE_FILE_NAME}, then create the stack with:\n{}",
            r.create_stack_command
        ),
        None if boundary => eprintln!("# Create the stack with the parameter UseBoundary=true to attach the boundary."),
        None => {}
    }
    eprintln!("\n# What each control can and cannot do:\n{}", comment(&control_limits_text()));
    Ok(())
}

/// `template scp --invite FILE [--boundary] [--account ID]`: the Service Control Policy that
/// denies the guardrail's actions to the invite's role from the organisation (compact JSON on
/// stdout), and how to attach it (stderr).
pub fn template_scp(
    engine: &Engine,
    printer: &Printer,
    invite: &Path,
    boundary: bool,
    account: Option<&str>,
) -> Result<(), Failure> {
    let review = review_of(engine, invite, boundary, account)?;
    if printer.json {
        let scp: serde_json::Value = serde_json::from_str(&review.scp_policy).unwrap_or_default();
        printer.print_json(&json!({
            "scp": scp,
            "scp_text": review.scp_policy,
            "how_to": review.scp_how_to,
            "role_name": review.role_name,
            "stack_name": review.stack_name,
            "use_boundary": review.use_boundary,
        }));
        return Ok(());
    }
    println!("{}", review.scp_policy);
    let mut notes = String::from("How to attach it:\n");
    for (i, step) in review.scp_how_to.iter().enumerate() {
        notes.push_str(&format!("{}. {step}\n", i + 1));
    }
    if account.is_none() {
        notes.push_str(&format!(
            "Replace {ACCOUNT_PLACEHOLDER} with the 12-digit ID of the account the access stack is in (or pass --account).\n"
        ));
    }
    eprintln!("\n{}", comment(&notes));
    Ok(())
}

/// Every line prefixed with `# `, as the CLI's notes on stderr are.
/// The boundary by service, as Review access shows it, and what may fail.
fn boundary_text(summary: &templates::BoundarySummary) -> String {
    let mut lines = vec![format!("With the boundary, the vendor may only do these {} actions:", summary.action_count)];
    for s in &summary.services {
        let limits = s.limits.iter().map(|l| format!(" ({l})")).collect::<String>();
        lines.push(format!("  {}: {}{limits}", s.name, s.words.join("; ")));
    }
    lines.push(summary.everything_else.clone());
    if !summary.may_fail.is_empty() {
        lines.push("The invite asked for full access: with the boundary, these may fail:".to_owned());
        lines.extend(summary.may_fail.iter().map(|m| format!("  - {}", m.text)));
    }
    lines.join("\n")
}

fn comment(text: &str) -> String {
    text.lines().map(|l| if l.is_empty() { "#".to_owned() } else { format!("# {l}") }).collect::<Vec<_>>().join("\n")
}
