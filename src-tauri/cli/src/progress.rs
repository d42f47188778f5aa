//! How `install` prints its progress: one line per event for people (with indicatif's bar
//! drawn below them when stdout is a terminal), one JSON object per line with `--json`.
//! Without a terminal the stream stays plain lines, progress included, for logs and tests.

use std::sync::Mutex;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::output::Columns;
use engine::install::{InstallEvent, InstallSink};

pub struct ProgressPrinter {
    json: bool,
    /// Stdout is a terminal: progress is a bar redrawn in place below the event lines.
    tty: bool,
    state: Mutex<BarState>,
}

#[derive(Default)]
struct BarState {
    /// The bar while it is on screen (from the first progress event to `finish`).
    bar: Option<ProgressBar>,
    /// The last `done` printed without a terminal (it prints on change only).
    last_done: Option<u32>,
}

/// `[#########---------------] 9/21  0:42 elapsed, about 2:30 left`
const BAR_TEMPLATE: &str = "[{bar:24}] {pos}/{len}  {msg}";

impl ProgressPrinter {
    pub fn new(json: bool, tty: bool) -> Self {
        Self { json, tty, state: Mutex::new(BarState::default()) }
    }

    /// Prints a line of the stream (text or JSON), keeping the bar below it.
    pub fn line(&self, text: &str) {
        let state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        match &state.bar {
            Some(bar) => bar.suspend(|| println!("{text}")),
            None => println!("{text}"),
        }
    }

    /// Takes the bar off the screen (before the final lines and errors).
    pub fn finish(&self) {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(bar) = state.bar.take() {
            bar.finish_and_clear();
        }
    }

    fn progress(&self, done: u32, total: u32, elapsed_ms: u64, eta_ms: Option<u64>) {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        if !self.tty {
            if state.last_done == Some(done) {
                return;
            }
            state.last_done = Some(done);
            drop(state);
            return self.line(&format!("progress {done}/{total} resources, {} elapsed", clock(elapsed_ms)));
        }
        let bar = state.bar.get_or_insert_with(|| {
            let bar = ProgressBar::with_draw_target(Some(total.into()), ProgressDrawTarget::stdout());
            bar.set_style(bar_style());
            // The engine's clock, not the bar's: a re-attached install started before this process.
            bar.enable_steady_tick(Duration::from_secs(1));
            bar
        });
        bar.set_length(total.into());
        bar.set_position(done.min(total).into());
        bar.set_message(bar_message(elapsed_ms, eta_ms));
    }
}

fn bar_style() -> ProgressStyle {
    ProgressStyle::with_template(BAR_TEMPLATE).unwrap_or_else(|_| ProgressStyle::default_bar()).progress_chars("#-")
}

/// `0:42 elapsed, about 2:30 left`: the engine's times (the whole install, estimated from
/// its resources), which the bar's own clock cannot know.
fn bar_message(elapsed_ms: u64, eta_ms: Option<u64>) -> String {
    let mut text = format!("{} elapsed", clock(elapsed_ms));
    if let Some(eta) = eta_ms {
        text.push_str(&format!(", about {} left", clock(eta)));
    }
    text
}

/// `m:ss`, or `h:mm:ss` from an hour on.
fn clock(ms: u64) -> String {
    let secs = ms / 1000;
    if secs >= 3600 {
        format!("{}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
    } else {
        format!("{}:{:02}", secs / 60, secs % 60)
    }
}

/// The text line of an event (`None` for progress, which is the bar).
pub fn event_text(event: &InstallEvent) -> Option<String> {
    Some(match event {
        InstallEvent::Started { installation_id, stacks } => {
            let total: u32 = stacks.iter().map(|s| s.resources).sum();
            let mut rows = Columns::new(2);
            for s in stacks {
                rows.row([s.kind.as_str(), &format!("{} in {} ({} resources)", s.name, s.region, s.resources)]);
            }
            let head = format!("Installing {installation_id}: {} stacks, {total} resources", stacks.len());
            std::iter::once(head).chain(rows.lines()).collect::<Vec<_>>().join("\n")
        }
        InstallEvent::StackLaunched { stack, region, stack_id, attached, .. } => {
            let verb = if *attached { "re-attached to existing stack" } else { "created stack" };
            format!("{verb} {stack} in {region} ({stack_id})")
        }
        InstallEvent::StackStatus { stack, status, reason, .. } => {
            format!("stack {stack}: {status}{}", reason.as_deref().map(|r| format!(" ({r})")).unwrap_or_default())
        }
        InstallEvent::Resource { stack, logical_id, resource_type, status, reason, .. } => format!(
            "  {stack}/{logical_id} ({resource_type}): {status}{}",
            reason.as_deref().map(|r| format!(": {r}")).unwrap_or_default()
        ),
        InstallEvent::Progress { .. } => return None,
        InstallEvent::ConnectionLost { since, detail } => {
            format!("can't reach AWS since {since}, retrying… ({detail})")
        }
        InstallEvent::ConnectionRestored { since, at } => {
            format!("AWS answers again since {at} (unreachable from {since})")
        }
        InstallEvent::CredentialsExpired { profile, account_id, message, waiting, .. } => {
            let whose = profile.as_deref().map(|p| format!("profile {p}, ")).unwrap_or_default();
            let then = if *waiting {
                "waiting for you to sign in again to the same account"
            } else {
                "nothing is lost (the stacks go on in AWS and the journal has what was seen): \
                 sign in again, then run the same command to go on from there"
            };
            format!("the AWS session expired ({whose}account {account_id}): {message} {then}.")
        }
        InstallEvent::CredentialsRenewed { account_id, .. } => {
            format!("signed in again to account {account_id}: going on where it stopped")
        }
        InstallEvent::Failed { stack, root_cause, rollback_status, hint, .. } => {
            let mut text = format!(
                "FAILED: stack {stack} did not come up ({rollback_status}).\n  root cause: {}/{} ({}): {}",
                root_cause.stack_name, root_cause.logical_id, root_cause.resource_type, root_cause.reason
            );
            if let Some(hint) = hint {
                text.push_str(&format!("\n  {hint}"));
            }
            text
        }
        InstallEvent::Ready { outputs } => {
            let mut rows = Columns::new(2);
            for o in outputs {
                rows.row([o.key.as_str(), &o.value]);
            }
            std::iter::once("Ready.".to_owned()).chain(rows.lines()).collect::<Vec<_>>().join("\n")
        }
    })
}

impl InstallSink for ProgressPrinter {
    fn emit(&self, event: InstallEvent) {
        if self.json {
            match serde_json::to_string(&event) {
                Ok(line) => self.line(&line),
                Err(err) => eprintln!("error: could not print JSON: {err}"),
            }
            return;
        }
        if let InstallEvent::Progress { done, total, elapsed_ms, eta_ms } = event {
            return self.progress(done, total, elapsed_ms, eta_ms);
        }
        if matches!(event, InstallEvent::Failed { .. } | InstallEvent::Ready { .. }) {
            self.finish();
        }
        if let Some(text) = event_text(&event) {
            self.line(&text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::install::{PlannedStack, StackKind, StackOutput};

    #[test]
    fn the_bar_message_is_the_engines_elapsed_time_and_estimate() {
        assert_eq!(bar_message(0, Some(150_000)), "0:00 elapsed, about 2:30 left");
        assert_eq!(bar_message(61_000, None), "1:01 elapsed");
        assert_eq!(clock(3_723_000), "1:02:03");
        // The template parses (a typo would silently fall back to indicatif's default bar).
        assert!(ProgressStyle::with_template(BAR_TEMPLATE).is_ok());
    }

    #[test]
    fn the_started_and_ready_lines_list_stacks_and_outputs_in_columns() {
        let stack = |kind, name: &str, region: &str, resources| PlannedStack {
            kind,
            name: name.into(),
            region: region.into(),
            resources,
            estimate_ms: 0,
        };
        let started = InstallEvent::Started {
            installation_id: "acme".into(),
            stacks: vec![
                stack(StackKind::Access, "pd-access-acme", "us-east-1", 3),
                stack(StackKind::Environment, "pd-env-acme", "eu-west-1", 18),
            ],
        };
        assert_eq!(
            event_text(&started).unwrap(),
            "Installing acme: 2 stacks, 21 resources\n  access       pd-access-acme in us-east-1 (3 resources)\n  \
             environment  pd-env-acme in eu-west-1 (18 resources)"
        );
        let ready = InstallEvent::Ready {
            outputs: vec![
                StackOutput { stack: "pd-env-acme".into(), key: "VpcId".into(), value: "vpc-1".into() },
                StackOutput { stack: "pd-env-acme".into(), key: "NatPublicIp".into(), value: "203.0.113.7".into() },
            ],
        };
        assert_eq!(event_text(&ready).unwrap(), "Ready.\n  VpcId        vpc-1\n  NatPublicIp  203.0.113.7");
    }

    #[test]
    fn without_a_terminal_progress_is_a_line_only_when_done_changes() {
        let printer = ProgressPrinter::new(false, false);
        printer.progress(1, 4, 1_000, None);
        printer.progress(1, 4, 2_000, None);
        assert_eq!(printer.state.lock().unwrap().last_done, Some(1));
        assert!(printer.state.lock().unwrap().bar.is_none(), "no bar without a terminal");
    }
}
