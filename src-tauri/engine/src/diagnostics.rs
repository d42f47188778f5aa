//! What a support ticket needs, gathered in one report: this build (version, OS, sandbox or
//! release), the vendor keys it trusts and where each comes from, the journal (location,
//! schema version, what is wrong with it) and the last failures it recorded. Never
//! credentials, account secrets or an invite's External ID: the report is built from these
//! fields only, and the journal's failures come blanked (`journal::RecordedFailure`).

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};
use ts_rs::TS;

use crate::aws::EndpointOverride;
use crate::invite::{self, KeySource, VendorKey};
use crate::journal::{Journal, RecordedFailure};

/// How many of the journal's failures a report carries.
pub const RECENT_FAILURES: usize = 10;

/// A trusted vendor key as About and the report show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TrustedKey {
    pub key_id: String,
    pub vendor_name: String,
    pub vendor_account_ids: Vec<String>,
    pub source: KeySource,
    /// Where the key comes from, in words ([`source_words`]).
    pub source_text: String,
    /// [`fingerprint`] of the public key, to compare with what `vendor keygen` printed.
    pub fingerprint: String,
}

/// The first 16 hex digits of the SHA-256 of a key's 32 raw bytes (the base64 text when it
/// does not decode): what About, `diagnostics` and `vendor keygen` show of a public key.
pub fn fingerprint(public_key: &str) -> String {
    use base64::Engine as _;
    let bytes =
        base64::engine::general_purpose::STANDARD.decode(public_key).unwrap_or_else(|_| public_key.as_bytes().to_vec());
    format!("{:x}", Sha256::digest(bytes))[..16].to_owned()
}

impl From<&VendorKey> for TrustedKey {
    fn from(key: &VendorKey) -> Self {
        Self {
            key_id: key.key_id.clone(),
            vendor_name: key.vendor_name.clone(),
            vendor_account_ids: key.vendor_account_ids.clone(),
            source: key.source,
            source_text: source_words(key.source).to_owned(),
            fingerprint: fingerprint(&key.public_key),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Diagnostics {
    pub version: String,
    /// `linux x86_64`, `macos aarch64`, …
    pub os: String,
    /// True in builds made for the sandbox (they trust the public sandbox key).
    pub sandbox_build: bool,
    /// The window's shell (Tauri and its web view), filled in by the window; `None` in the CLI.
    pub shell: Option<String>,
    pub endpoints: Vec<EndpointOverride>,
    pub trusted_keys: Vec<TrustedKey>,
    /// Why the keys of `PRIVATE_DEPLOY_VENDOR_KEYS` (or the built-in ones) are missing above.
    pub trusted_keys_problem: Option<String>,
    pub journal_path: String,
    /// The journal file's schema version; `None` when it cannot be read.
    pub journal_schema: Option<i64>,
    /// The schema version this build writes.
    pub journal_schema_supported: i64,
    pub journal_problem: Option<String>,
    pub recent_failures: Vec<RecordedFailure>,
    /// The same report as plain text: what "Copy diagnostics" copies and the CLI prints.
    pub text: String,
}

/// The report: `endpoints` as the engine's options see them, the keys read now, `shell` as
/// the window names itself.
pub fn gather(journal: &Journal, endpoints: Vec<EndpointOverride>, shell: Option<String>) -> Diagnostics {
    let (keys, keys_problem) = match invite::trusted_keys_from_env() {
        Ok(keys) => (keys, None),
        Err(err) => (invite::pinned_keys().unwrap_or_default(), Some(err.to_string())),
    };
    let (recent_failures, unread) = match journal.recent_failures(RECENT_FAILURES) {
        Ok(failures) => (failures, None),
        Err(err) => (Vec::new(), Some(format!("its failures could not be read: {err}"))),
    };
    // A journal that cannot be opened says why; one whose failures cannot be read says that.
    let journal_problem = journal.problem().map(|problem| problem.to_string()).or(unread);
    let mut report = Diagnostics {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        os: format!("{} {}", std::env::consts::OS, std::env::consts::ARCH),
        sandbox_build: invite::SANDBOX_BUILD,
        shell,
        endpoints,
        trusted_keys: keys.iter().map(TrustedKey::from).collect(),
        trusted_keys_problem: keys_problem,
        journal_path: journal.path().display().to_string(),
        journal_schema: journal.schema_version().ok(),
        journal_schema_supported: Journal::supported_schema_version(),
        journal_problem,
        recent_failures,
        text: String::new(),
    };
    report.text = report.render();
    report
}

impl Diagnostics {
    fn render(&self) -> String {
        let mut out = String::new();
        let mut line = |text: String| {
            out.push_str(&text);
            out.push('\n');
        };
        line(format!("Private Deploy {}{}", self.version, if self.sandbox_build { " (sandbox build)" } else { "" }));
        line(format!("OS: {}", self.os));
        if let Some(shell) = &self.shell {
            line(format!("Window: {shell}"));
        }
        for endpoint in &self.endpoints {
            let service = endpoint.service.as_deref().unwrap_or("every service");
            line(format!("Endpoint: {service} -> {} ({})", endpoint.url, endpoint.setting));
        }
        line("Trusted vendor keys:".to_owned());
        if self.trusted_keys.is_empty() {
            line("  none".to_owned());
        }
        for key in &self.trusted_keys {
            line(format!(
                "  {} ({}, accounts {}): {}, fingerprint {}",
                key.key_id,
                key.vendor_name,
                key.vendor_account_ids.join(", "),
                key.source_text,
                key.fingerprint
            ));
        }
        if let Some(problem) = &self.trusted_keys_problem {
            line(format!("  problem: {problem}"));
        }
        let schema = self.journal_schema.map_or_else(|| "unreadable".to_owned(), |v| v.to_string());
        line(format!(
            "Journal: {} (schema {schema}; this build writes {})",
            self.journal_path, self.journal_schema_supported
        ));
        if let Some(problem) = &self.journal_problem {
            line(format!("  problem: {problem}"));
        }
        line("Recent failures:".to_owned());
        if self.recent_failures.is_empty() && self.journal_problem.is_none() {
            line("  none recorded".to_owned());
        }
        for failure in &self.recent_failures {
            let detail = failure.detail.as_deref().map(|d| format!(": {d}")).unwrap_or_default();
            line(format!("  {} {} {}{detail}", failure.at, failure.installation_id, failure.what));
        }
        out
    }
}

/// Where a key comes from, in words.
pub fn source_words(source: KeySource) -> &'static str {
    match source {
        KeySource::BuiltIn => "built into this app",
        KeySource::Sandbox => "the public sandbox key (sandbox builds only)",
        KeySource::Local => "trusted on this computer only (PRIVATE_DEPLOY_VENDOR_KEYS)",
        KeySource::Given => "given with --key",
    }
}

#[cfg(test)]
#[path = "diagnostics_tests.rs"]
mod tests;
