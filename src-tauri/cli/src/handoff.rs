//! `handoff show ID` and `handoff send ID` (and `install … --send-handoff`): the hand-off
//! document from the journal, and its post to the invite's callback. Neither needs AWS.

use clap::Subcommand;
use serde_json::json;

use super::{Outcome, Printer};
use engine::handoff::{HandoffSent, HandoffView};
use engine::{Engine, Failure};

#[derive(Debug, Subcommand)]
pub enum HandoffCommand {
    /// Print the hand-off document (the exact JSON sent to the vendor with `send`), and where
    /// it goes and what was sent so far. With --json, the document alone.
    Show {
        /// The installation ID (`private-deploy status` lists them).
        installation_id: String,
    },
    /// Post the hand-off to the https address the invite gives (retried when the vendor's
    /// server fails or cannot be reached; not when it refuses).
    Send {
        /// The installation ID (`private-deploy status` lists them).
        installation_id: String,
    },
}

pub async fn run(engine: &Engine, printer: &Printer, command: &HandoffCommand) -> Result<Outcome, Failure> {
    match command {
        HandoffCommand::Show { installation_id } => {
            show(printer, &engine.handoff(installation_id)?);
            Ok(Outcome::Done)
        }
        HandoffCommand::Send { installation_id } => send(engine, printer, installation_id).await,
    }
}

fn show(printer: &Printer, view: &HandoffView) {
    if printer.json {
        // The document alone, byte for byte what `send` posts: a script can pipe it on.
        return println!("{}", view.body);
    }
    println!("{}", view.body);
    match &view.callback {
        Some(url) => eprintln!(
            "\n{} receives it at {url} (`private-deploy handoff send {}`).",
            view.vendor_name, view.document.installation_id
        ),
        None => eprintln!("\nThe invite gives no address for it: send it to {} yourself.", view.vendor_name),
    }
    for a in &view.attempts {
        let result = match (a.status, &a.error) {
            (Some(status), _) => format!("HTTP {status}"),
            (None, Some(error)) => error.clone(),
            (None, None) => "no answer recorded".to_owned(),
        };
        eprintln!("  sent {} (attempt {}): {result}", a.started_at, a.attempt);
    }
}

/// Sends the hand-off and says what the vendor answered.
pub async fn send(engine: &Engine, printer: &Printer, installation_id: &str) -> Result<Outcome, Failure> {
    let sent: HandoffSent = engine.send_handoff(installation_id).await?;
    if printer.json {
        printer.print_json(&json!({ "handoff_sent": sent }));
    } else {
        let tries = if sent.attempts == 1 { String::new() } else { format!(" after {} attempts", sent.attempts) };
        println!("The hand-off was sent to {}{tries}: HTTP {}.", sent.url, sent.status);
        if !sent.answer.trim().is_empty() {
            println!("The vendor answered: {}", sent.answer.trim());
        }
    }
    Ok(Outcome::Done)
}
