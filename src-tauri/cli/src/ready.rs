//! What the CLI says once an install is ready: the engine's ready summary (who has what
//! access, what to send the vendor, the access now, what happens next, the console pages),
//! as the window's Ready panel says it.

use super::output::Columns;
use engine::access::ReadySummary;
use engine::{Engine, Explain as _};

/// After an install or retry that ended ready (people only; `--json` keeps its event lines).
/// A summary that cannot be read is a warning: the install itself succeeded.
pub async fn show_after_install(engine: &Engine, installation_id: &str) {
    match engine.ready_summary(Some(installation_id)).await {
        Ok(summary) => println!("\n{}", ready_text(&summary)),
        Err(err) => eprintln!("warning: the ready summary could not be read: {}", err.failure().message),
    }
}

pub fn ready_text(s: &ReadySummary) -> String {
    let mut out = vec![s.headline.clone(), format!("Access now: {}", s.access.sentence(&s.vendor_name))];
    if s.role_arn.is_some() {
        out.push(format!("\nSend {}:", s.vendor_name));
        out.extend(s.handoff.lines().map(|l| format!("  {l}")));
    }
    out.push("\nNext:".to_owned());
    out.extend(s.next_steps.iter().enumerate().map(|(i, step)| format!("  {}. {step}", i + 1)));
    out.push(s.usable.clone());
    if !s.console_links.is_empty() {
        out.push("\nIn the AWS console:".to_owned());
        let mut rows = Columns::new(2);
        for link in &s.console_links {
            rows.row([link.label.as_str(), link.url.as_str()]);
        }
        out.extend(rows.lines());
    }
    out.join("\n")
}
