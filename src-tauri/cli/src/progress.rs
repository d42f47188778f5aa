//! How `install` prints its progress: one line per event for people (with a progress bar
//! redrawn in place when stdout is a terminal), one JSON object per line with `--json`.

use std::io::Write;
use std::sync::Mutex;

use engine::install::{InstallEvent, InstallSink};

pub struct ProgressPrinter {
    json: bool,
    /// Stdout is a terminal: the bar is redrawn in place below the event lines.
    tty: bool,
    state: Mutex<BarState>,
}

#[derive(Default)]
struct BarState {
    /// The bar's text while it is on screen.
    shown: Option<String>,
    /// The last `done` printed without a terminal (it prints on change only).
    last_done: Option<u32>,
}

impl ProgressPrinter {
    pub fn new(json: bool, tty: bool) -> Self {
        Self { json, tty, state: Mutex::new(BarState::default()) }
    }

    /// Prints a line of the stream (text or JSON), keeping the bar below it.
    pub fn line(&self, text: &str) {
        let state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let mut out = std::io::stdout().lock();
        if state.shown.is_some() {
            let _ = write!(out, "\r\x1b[2K");
        }
        let _ = writeln!(out, "{text}");
        if let Some(bar) = &state.shown {
            let _ = write!(out, "{bar}");
        }
        let _ = out.flush();
    }

    /// Takes the bar off the screen (before the final lines and errors).
    pub fn finish(&self) {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        if state.shown.take().is_some() {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out);
            let _ = out.flush();
        }
    }

    fn progress(&self, done: u32, total: u32, elapsed_ms: u64, eta_ms: Option<u64>) {
        if !self.tty {
            let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
            if state.last_done == Some(done) {
                return;
            }
            state.last_done = Some(done);
            drop(state);
            return self.line(&format!("progress {done}/{total} resources, {} elapsed", clock(elapsed_ms)));
        }
        let bar = bar_text(done, total, elapsed_ms, eta_ms);
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let mut out = std::io::stdout().lock();
        let _ = write!(out, "\r\x1b[2K{bar}");
        let _ = out.flush();
        state.shown = Some(bar);
    }
}

/// `[#########-----------] 9/21  0:42 elapsed, about 2:30 left`
pub fn bar_text(done: u32, total: u32, elapsed_ms: u64, eta_ms: Option<u64>) -> String {
    const WIDTH: u32 = 24;
    let filled = (done.min(total) * WIDTH).checked_div(total).unwrap_or(WIDTH);
    let mut text = format!(
        "[{}{}] {done}/{total}  {} elapsed",
        "#".repeat(filled as usize),
        "-".repeat((WIDTH - filled) as usize),
        clock(elapsed_ms)
    );
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
            let mut text = format!("Installing {installation_id}: {} stacks, {total} resources", stacks.len());
            for s in stacks {
                text.push_str(&format!(
                    "\n  {:<12} {} in {} ({} resources)",
                    s.kind.as_str(),
                    s.name,
                    s.region,
                    s.resources
                ));
            }
            text
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
            let mut text = "Ready.".to_owned();
            for o in outputs {
                text.push_str(&format!("\n  {:<28} {}", o.key, o.value));
            }
            text
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

    #[test]
    fn the_bar_fills_with_done_and_shows_the_estimate() {
        assert_eq!(bar_text(0, 4, 0, Some(150_000)), "[------------------------] 0/4  0:00 elapsed, about 2:30 left");
        assert_eq!(bar_text(3, 4, 61_000, None), "[##################------] 3/4  1:01 elapsed");
        assert_eq!(clock(3_723_000), "1:02:03");
    }
}
