//! Where install events go: the window forwards them to an IPC channel (in the command layer), the CLI
//! prints them, tests collect them. The engine only knows this trait.

use std::sync::Mutex;

use super::model::InstallEvent;

pub trait InstallSink: Send + Sync {
    fn emit(&self, event: InstallEvent);
}

impl<F: Fn(InstallEvent) + Send + Sync> InstallSink for F {
    fn emit(&self, event: InstallEvent) {
        self(event)
    }
}

/// Keeps every event, in order (tests, and callers that want the history).
#[derive(Debug, Default)]
pub struct CollectSink {
    events: Mutex<Vec<InstallEvent>>,
}

impl CollectSink {
    pub fn events(&self) -> Vec<InstallEvent> {
        self.events.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

impl InstallSink for CollectSink {
    fn emit(&self, event: InstallEvent) {
        self.events.lock().unwrap_or_else(|p| p.into_inner()).push(event);
    }
}
