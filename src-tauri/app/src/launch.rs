//! Invites handed to the window from outside it: the launch's own link or file, and the
//! links and files a second launch passes to this one (the single-instance and deep-link
//! plugins). A file is read off the window's thread; the invites wait here, at most
//! [`MAX_PENDING`], until the window asks for them, then go straight to its channel.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use tauri::ipc::Channel;

use engine::launch::{InviteLaunch, LaunchRequest};

/// A script launching the app in a loop must not grow memory without end: past this many
/// waiting invites, the oldest is dropped (the window would only offer the newest anyway).
pub const MAX_PENDING: usize = 8;

#[derive(Default, Clone)]
pub struct Launches {
    state: Arc<Mutex<State>>,
}

#[derive(Default)]
struct State {
    pending: VecDeque<InviteLaunch>,
    window: Option<Channel<InviteLaunch>>,
}

impl State {
    fn queue(&mut self, launch: InviteLaunch) {
        if self.pending.len() == MAX_PENDING {
            self.pending.pop_front();
            tracing::warn!(limit = MAX_PENDING, "too many invites waiting for the window; the oldest was dropped");
        }
        self.pending.push_back(launch);
    }
}

impl Launches {
    /// The window is ready for invites: it gets the waiting ones, then each new one.
    pub fn watch(&self, channel: Channel<InviteLaunch>) {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let waiting = std::mem::take(&mut state.pending);
        for launch in waiting {
            if channel.send(launch.clone()).is_err() {
                state.queue(launch);
            }
        }
        state.window = Some(channel);
    }

    /// Takes a request from any thread: a file is read on a blocking worker, then delivered.
    pub fn push(&self, request: LaunchRequest) {
        let (kind, value) = match &request {
            LaunchRequest::Link(link) => ("link", link.as_str()),
            LaunchRequest::File(path) => ("file", path.as_str()),
        };
        // Only the start of a link: the rest is the invite.
        tracing::info!(kind, value = value.get(..40).unwrap_or(value), "launch request");
        let this = self.clone();
        tauri::async_runtime::spawn_blocking(move || this.deliver(request.load()));
    }

    fn deliver(&self, launch: InviteLaunch) {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let sent = state.window.as_ref().is_some_and(|w| w.send(launch.clone()).is_ok());
        if !sent {
            // The window reloads and asks again: it gets the invite then.
            state.queue(launch);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_waiting_queue_keeps_the_newest_invites_only() {
        let launches = Launches::default();
        for n in 0..MAX_PENDING + 5 {
            launches.deliver(InviteLaunch::Link { link: format!("private-deploy://install?invite={n}") });
        }
        let state = launches.state.lock().unwrap();
        assert_eq!(state.pending.len(), MAX_PENDING);
        assert_eq!(
            state.pending.front(),
            Some(&InviteLaunch::Link { link: "private-deploy://install?invite=5".into() })
        );
    }
}
