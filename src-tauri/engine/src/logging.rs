//! Log set-up: `tracing` to stderr, filtered by `PRIVATE_DEPLOY_LOG` (then `RUST_LOG`).
//! In release builds the AWS SDK's own targets never log below `info`, whatever the filter
//! says: at debug and trace they print requests and responses, credentials included. Colours
//! only on a terminal: a log file or a pipe gets plain text.

use std::io::IsTerminal as _;

use tracing::{Level, Metadata, Subscriber};
use tracing_subscriber::filter::{filter_fn, EnvFilter, FilterExt as _};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::util::SubscriberInitExt as _;
use tracing_subscriber::Layer as _;

fn init(default: &str) {
    let filter = std::env::var("PRIVATE_DEPLOY_LOG")
        .or_else(|_| std::env::var("RUST_LOG"))
        .ok()
        .and_then(|f| EnvFilter::try_new(f).ok())
        .unwrap_or_else(|| EnvFilter::new(default));
    let colours = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let _ = subscriber(filter, cfg!(not(debug_assertions)), colours, std::io::stderr).try_init();
}

/// The AWS SDK, its credential providers and the smithy runtime under them.
fn is_aws_target(target: &str) -> bool {
    target.starts_with("aws_") || target.contains("smithy")
}

/// Asked before the filter: a release build drops the SDK's debug and trace output.
fn allowed(meta: &Metadata<'_>, release: bool) -> bool {
    !(release && is_aws_target(meta.target()) && *meta.level() > Level::INFO)
}

fn subscriber<W>(filter: EnvFilter, release: bool, colours: bool, writer: W) -> impl Subscriber + Send + Sync
where
    W: for<'w> MakeWriter<'w> + Send + Sync + 'static,
{
    let clamp = filter_fn(move |meta| allowed(meta, release));
    tracing_subscriber::registry()
        .with(tracing_subscriber::fmt::layer().with_writer(writer).with_ansi(colours).with_filter(clamp.and(filter)))
}

/// The CLI prints its own results and errors; logs only add what went wrong elsewhere. The
/// SDK's credential providers warn about failures the CLI already reports in its own words.
pub fn init_cli() {
    init("warn,aws_config=error");
}

pub fn init_app() {
    init("warn,private_deploy=info");
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[derive(Clone, Default)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Buffer {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// What a filter, a build and a terminal make of the same events.
    fn logged(filter: &str, release: bool, colours: bool) -> String {
        let buffer = Buffer::default();
        let writer = buffer.clone();
        let subscriber = subscriber(EnvFilter::new(filter), release, colours, move || writer.clone());
        tracing::subscriber::with_default(subscriber, || {
            tracing::trace!(target: "aws_sigv4::http_request", "canonical request with the secret");
            tracing::debug!(target: "aws_smithy_runtime::client::orchestrator", "response body");
            tracing::info!(target: "aws_config::profile", "profile loaded");
            tracing::warn!(target: "aws_smithy_runtime_api", "retrying");
            let span = tracing::debug_span!(target: "aws_smithy_runtime", "send", token = "span-secret");
            span.in_scope(|| tracing::info!(target: "private_deploy_engine::install", "stack created"));
            tracing::debug!(target: "private_deploy_engine::install", "our own detail");
        });
        let text = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
        text
    }

    #[test]
    fn release_builds_clamp_every_aws_target_to_info_whatever_the_filter_says() {
        for filter in ["trace", "aws_smithy_runtime=trace,aws_sigv4=trace,aws_config=debug,info", "debug"] {
            let text = logged(filter, true, false);
            assert!(!text.contains("canonical request"), "{filter}: {text}");
            assert!(!text.contains("response body"), "{filter}: {text}");
            assert!(!text.contains("span-secret"), "{filter}: {text}");
            assert!(text.contains("profile loaded") && text.contains("retrying"), "{filter}: {text}");
            let own = !filter.ends_with(",info");
            assert_eq!(text.contains("our own detail"), own, "the app's own targets follow the filter: {text}");
        }
        // Clamping never raises: a quieter filter stays quieter.
        let text = logged("warn", true, false);
        assert!(text.contains("retrying") && !text.contains("profile loaded"), "{text}");
    }

    #[test]
    fn debug_builds_let_a_developer_see_the_sdk() {
        let text = logged("trace", false, false);
        assert!(text.contains("canonical request") && text.contains("span-secret"), "{text}");
    }

    #[test]
    fn logs_are_plain_text_unless_written_to_a_terminal() {
        let plain = logged("info", true, false);
        assert!(plain.contains("stack created"), "{plain}");
        assert!(!plain.contains('\u{1b}'), "no escape sequences: {plain:?}");
        assert!(logged("info", true, true).contains("\u{1b}["), "a terminal gets colours");
    }
}
