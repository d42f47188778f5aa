//! Whether AWS can be reached, as the install's follower sees it: the first call that gets no
//! answer at all (see `AwsError::is_unreachable`) says "lost since T" once, and the first
//! poll that gets through again says "restored at T" once. The SDK's own retries run inside
//! each call; the follower's polling goes on as before, so nothing here retries anything.

use jiff::Timestamp;

use super::model::InstallEvent;
use super::sink::InstallSink;
use crate::aws::AwsError;

#[derive(Debug, Default)]
pub struct Connectivity {
    lost_since: Option<Timestamp>,
}

impl Connectivity {
    /// A call failed with `err`: when AWS could not be reached and was until now, says so.
    pub fn failed(&mut self, err: &AwsError, sink: &dyn InstallSink) {
        if !err.is_unreachable() || self.lost_since.is_some() {
            return;
        }
        let since = Timestamp::now();
        self.lost_since = Some(since);
        sink.emit(InstallEvent::ConnectionLost { since, detail: err.to_string() });
    }

    /// A poll got its answers: when AWS could not be reached before, says it is back.
    pub fn answered(&mut self, sink: &dyn InstallSink) {
        if let Some(since) = self.lost_since.take() {
            sink.emit(InstallEvent::ConnectionRestored { since, at: Timestamp::now() });
        }
    }
}
