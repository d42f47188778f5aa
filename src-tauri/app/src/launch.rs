//! Invites handed to the window from outside it: the launch's own link or file, and the
//! links a second launch passes to this one (the single-instance and deep-link plugins).
//! They wait here until the window asks for them, then go straight to its channel.

use std::sync::Mutex;

use tauri::ipc::Channel;

use engine::launch::LaunchRequest;

#[derive(Default)]
pub struct Launches {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    pending: Vec<LaunchRequest>,
    window: Option<Channel<LaunchRequest>>,
}

impl Launches {
    pub fn new(first: Option<LaunchRequest>) -> Self {
        Self { state: Mutex::new(State { pending: first.into_iter().collect(), window: None }) }
    }

    /// The window is ready for invites: it gets the waiting ones, then each new one.
    pub fn watch(&self, channel: Channel<LaunchRequest>) {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        for request in std::mem::take(&mut state.pending) {
            if channel.send(request.clone()).is_err() {
                state.pending.push(request);
            }
        }
        state.window = Some(channel);
    }

    pub fn push(&self, request: LaunchRequest) {
        let (kind, value) = match &request {
            LaunchRequest::Link(link) => ("link", link.as_str()),
            LaunchRequest::File(path) => ("file", path.as_str()),
        };
        // Only the start of a link: the rest is the invite.
        tracing::info!(kind, value = value.get(..40).unwrap_or(value), "launch request");
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let sent = state.window.as_ref().is_some_and(|w| w.send(request.clone()).is_ok());
        if !sent {
            // The window reloads and asks again: it gets the request then.
            state.pending.push(request);
        }
    }
}
