//! One install run, many watchers: the events of a run go to everyone following it, and a
//! watcher who arrives late (the window reloaded, a second screen) first gets what it missed.

use std::sync::{Arc, Mutex};

use tokio::sync::watch;

use super::model::{InstallEvent, InstallOutcome};
use super::sink::InstallSink;
use crate::failure::Failure;

/// How a run ended, for watchers who did not start it.
pub type RunResult = Result<InstallOutcome, Failure>;

pub struct Fanout {
    state: Mutex<State>,
    done: watch::Sender<Option<RunResult>>,
}

#[derive(Default)]
struct State {
    history: Vec<InstallEvent>,
    watchers: Vec<Arc<dyn InstallSink>>,
}

impl Default for Fanout {
    fn default() -> Self {
        Self { state: Mutex::default(), done: watch::channel(None).0 }
    }
}

impl Fanout {
    /// Replays the run's events so far to `sink`, then sends it every new one. Both happen
    /// under the one lock, so no event is missed or sent twice.
    pub fn subscribe(&self, sink: Arc<dyn InstallSink>) {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        for event in &state.history {
            sink.emit(event.clone());
        }
        state.watchers.push(sink);
    }

    /// Records how the run ended, unless it was recorded already; every
    /// [`Fanout::finished`] waiter wakes.
    pub fn finish(&self, result: RunResult) {
        self.done.send_if_modified(|slot| {
            let first = slot.is_none();
            if first {
                *slot = Some(result);
            }
            first
        });
    }

    /// Waits for the end of the run.
    pub async fn finished(&self) -> RunResult {
        let mut rx = self.done.subscribe();
        let result = match rx.wait_for(Option::is_some).await {
            Ok(result) => result.clone(),
            Err(_) => None,
        };
        result.unwrap_or_else(|| Err(ended_without_result()))
    }
}

fn ended_without_result() -> Failure {
    Failure::new(crate::ErrorCode::Internal, "The install run ended without a result.")
        .with_hint("Open the Install step again: the app re-attaches to the stacks.")
}

impl InstallSink for Fanout {
    fn emit(&self, event: InstallEvent) {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        for watcher in &state.watchers {
            watcher.emit(event.clone());
        }
        state.history.push(event);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::install::CollectSink;

    fn progress(done: u32) -> InstallEvent {
        InstallEvent::Progress { done, total: 10, elapsed_ms: 0, eta_ms: None }
    }

    #[tokio::test]
    async fn a_late_watcher_gets_the_history_then_the_rest_and_the_result() {
        let fanout = Fanout::default();
        let early = Arc::new(CollectSink::default());
        fanout.subscribe(early.clone());
        fanout.emit(progress(1));
        fanout.emit(progress(2));
        let late = Arc::new(CollectSink::default());
        fanout.subscribe(late.clone());
        fanout.emit(progress(3));
        assert_eq!(early.events(), vec![progress(1), progress(2), progress(3)]);
        assert_eq!(late.events(), early.events());

        let waiter = {
            let fanout = Arc::new(fanout);
            let f = fanout.clone();
            let handle = tokio::spawn(async move { f.finished().await });
            tokio::task::yield_now().await;
            let outcome = InstallOutcome::Ready { installation_id: "i".into(), outputs: vec![] };
            fanout.finish(Ok(outcome.clone()));
            (handle, outcome, fanout)
        };
        assert_eq!(waiter.0.await.unwrap(), Ok(waiter.1.clone()));
        // A watcher that asks after the end gets the same result at once, and a later
        // finish (the run's guard when it is dropped) does not replace it.
        waiter.2.finish(Err(ended_without_result()));
        assert_eq!(waiter.2.finished().await, Ok(waiter.1));
    }
}
