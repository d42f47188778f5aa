//! Install events to the window: an IPC channel per caller. A closed window makes `send`
//! fail; the run goes on (the journal has every event) and the next window re-attaches.

use std::path::PathBuf;
use std::sync::Arc;

use tauri::ipc::Channel;

use engine::install::{InstallEvent, InstallSink};

pub struct ChannelSink(Channel<InstallEvent>);

impl ChannelSink {
    pub fn shared(channel: Channel<InstallEvent>) -> Arc<dyn InstallSink> {
        Arc::new(Self(channel))
    }
}

impl InstallSink for ChannelSink {
    fn emit(&self, event: InstallEvent) {
        if let Err(err) = self.0.send(event) {
            tracing::debug!(error = %err, "the window no longer listens to this install");
        }
    }
}

/// Where exports go: `PRIVATE_DEPLOY_EXPORT_DIR`, else the Downloads folder, else home.
pub fn export_dir() -> Option<PathBuf> {
    std::env::var_os("PRIVATE_DEPLOY_EXPORT_DIR")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(dirs::download_dir)
        .or_else(dirs::home_dir)
}
