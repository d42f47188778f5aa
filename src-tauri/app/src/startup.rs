//! When the process started, so the window can report how long the first paint took
//! (measured by `scripts/bench-startup.py`).

use std::sync::OnceLock;
use std::time::Instant;

static STARTED: OnceLock<Instant> = OnceLock::new();

/// Call first thing in `main`.
pub fn mark() {
    let _ = STARTED.set(Instant::now());
}

pub fn elapsed_ms() -> u128 {
    STARTED.get().map(|t| t.elapsed().as_millis()).unwrap_or_default()
}
