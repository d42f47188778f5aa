//! Fuzzing on stable Rust: each target is a parser the app runs on input it does not control
//! (invite files and links, CIDR blocks and the planner, AWS profile files, pasted keys),
//! driven by a seeded mutator over a corpus of valid and near-valid inputs. A target passes an
//! input when it returns, whatever it returns; a panic is a crash, saved under `crashes/` and
//! reported with its seed so it can become a regression test.
//!
//! `make fuzz` runs millions of executions (`fuzz all --runs N`); `make test` runs a short
//! smoke run of every target (`tests/tests/fuzz_smoke.rs`).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use engine::invite::{canonical_json, parse_invite_bytes, parse_link, to_link, verify};
use engine::network::cidr::{check, suggest, AvoidBlock, ExistingBlock, PlanContext};

/// A parser under test: gets one input, must return.
pub struct Target {
    pub name: &'static str,
    pub corpus: fn() -> Vec<Vec<u8>>,
    pub dictionary: &'static [&'static str],
    pub run: fn(&[u8], &mut Scratch),
}

/// What a target may keep between executions (a temporary folder, a runtime).
pub struct Scratch {
    dir: tempfile::TempDir,
    runtime: tokio::runtime::Runtime,
}

impl Scratch {
    pub fn new() -> Self {
        let runtime = tokio::runtime::Builder::new_current_thread().build().expect("runtime");
        Self { dir: tempfile::tempdir().expect("scratch folder"), runtime }
    }
}

impl Default for Scratch {
    fn default() -> Self {
        Self::new()
    }
}

pub fn targets() -> Vec<Target> {
    vec![
        Target { name: "invite_file", corpus: invite_corpus, dictionary: JSON_WORDS, run: invite_file },
        Target { name: "invite_link", corpus: link_corpus, dictionary: LINK_WORDS, run: invite_link },
        Target { name: "cidr", corpus: cidr_corpus, dictionary: CIDR_WORDS, run: cidr },
        Target { name: "profile_file", corpus: profile_corpus, dictionary: PROFILE_WORDS, run: profile_file },
        Target { name: "pasted_keys", corpus: pasted_corpus, dictionary: PASTED_WORDS, run: pasted_keys },
    ]
}

/// The outcome of a run: how many inputs, and the crashes (input, panic message).
#[derive(Debug, Default)]
pub struct Report {
    pub executions: u64,
    pub crashes: Vec<(Vec<u8>, String)>,
}

/// Runs `target` on `runs` inputs mutated from its corpus, deterministically from `seed`.
pub fn fuzz(target: &Target, runs: u64, seed: u64) -> Report {
    let mut rng = Rng(seed ^ 0x9E37_79B9_7F4A_7C15);
    let corpus = (target.corpus)();
    let mut scratch = Scratch::new();
    let mut report = Report::default();
    // A panic's message goes to the report, not to stderr once per crash.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    for _ in 0..runs {
        let base = &corpus[rng.below(corpus.len())];
        let input = mutate(base, &corpus, target.dictionary, &mut rng);
        report.executions += 1;
        if let Err(panic) = catch_unwind(AssertUnwindSafe(|| (target.run)(&input, &mut scratch))) {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            report.crashes.push((input, message));
        }
    }
    std::panic::set_hook(hook);
    report
}

/// Saves each crash as `crashes/<target>-<n>.bin`; returns the paths.
pub fn save_crashes(dir: &Path, target: &str, report: &Report) -> Vec<PathBuf> {
    let _ = std::fs::create_dir_all(dir);
    report
        .crashes
        .iter()
        .enumerate()
        .filter_map(|(n, (input, _))| {
            let path = dir.join(format!("{target}-{n}.bin"));
            std::fs::write(&path, input).ok().map(|()| path)
        })
        .collect()
}

// --- the targets ---------------------------------------------------------------------------

fn invite_file(input: &[u8], _: &mut Scratch) {
    if let Ok(invite) = parse_invite_bytes(input) {
        // What the app does next with an invite that parsed: its signature, its link, and
        // reading its own canonical form back.
        let _ = verify(&invite, &[]);
        let canonical = canonical_json(&invite);
        assert!(parse_invite_bytes(canonical.as_bytes()).is_ok(), "an invite's canonical form must parse");
        let link = to_link(&invite);
        assert_eq!(parse_link(&link).ok().as_ref(), Some(&invite), "an invite's link must give it back");
    }
}

fn invite_link(input: &[u8], _: &mut Scratch) {
    let _ = parse_link(&String::from_utf8_lossy(input));
}

/// The bytes split into a block to check, blocks that exist and blocks to avoid, a prefix and
/// a count for the planner.
fn cidr(input: &[u8], _: &mut Scratch) {
    let text = String::from_utf8_lossy(input);
    let mut lines = text.split('\n');
    let typed = lines.next().unwrap_or_default();
    let mut ctx = PlanContext::default();
    for (n, line) in lines.enumerate() {
        let Ok(net) = line.trim_start_matches(['!', '?']).trim().parse() else { continue };
        if line.starts_with('!') {
            ctx.avoid.push(AvoidBlock { cidr: net, label: format!("avoid {n}") });
        } else {
            ctx.existing.push(ExistingBlock {
                cidr: net,
                vpc_id: format!("vpc-{n}"),
                name: None,
                region: "us-east-1".into(),
            });
        }
        ctx.allow_public = line.starts_with('?');
    }
    let _ = check(typed, &ctx);
    let prefix = input.first().copied().unwrap_or(16) % 33;
    let count = usize::from(input.last().copied().unwrap_or(5));
    if let Ok(found) = suggest(prefix, &ctx, count) {
        for block in &found.blocks {
            // A suggestion must pass the check it was made against.
            assert!(check(&block.to_string(), &ctx).ok, "suggested {block} fails its own check");
        }
    }
    let _ = engine::network::parse_avoid(typed, "fuzz");
}

fn profile_file(input: &[u8], scratch: &mut Scratch) {
    let config = scratch.dir.path().join("config");
    let credentials = scratch.dir.path().join("credentials");
    let (a, b) = input.split_at(input.len() / 2);
    if std::fs::write(&config, a).is_err() || std::fs::write(&credentials, b).is_err() {
        return;
    }
    let paths = engine::aws::ProfilePaths { config, credentials };
    let home = scratch.dir.path().to_owned();
    let env = engine::aws::endpoints::EndpointEnv::default();
    let _ = scratch.runtime.block_on(engine::aws::list_profiles(&paths, Some("default"), &env, &home));
}

fn pasted_keys(input: &[u8], _: &mut Scratch) {
    let _ = engine::aws::parse_pasted(&String::from_utf8_lossy(input));
}

// --- corpora and dictionaries ----------------------------------------------------------------

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(crate::stacks::fixture(name)).unwrap_or_default()
}

fn invite_corpus() -> Vec<Vec<u8>> {
    vec![
        fixture("sandbox-invite.json"),
        fixture("sandbox-invite-unsigned.json"),
        br#"{"version":1,"vendor":{"name":"V","account_id":"111122223333"},"installation_id":"abc","external_id":"ex","access_mode":"full","environment":{"template":"reference"}}"#.to_vec(),
        b"{}".to_vec(),
    ]
}

fn link_corpus() -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = invite_corpus()
        .iter()
        .filter_map(|bytes| parse_invite_bytes(bytes).ok())
        .map(|invite| to_link(&invite).into_bytes())
        .collect();
    out.push(b"private-deploy://install?invite=e30".to_vec());
    out.push(b"private-deploy://install?invite=".to_vec());
    out
}

fn cidr_corpus() -> Vec<Vec<u8>> {
    [
        "10.0.0.0/16\n10.0.0.0/8\n!192.168.0.0/24",
        "172.16.0.0/20\n172.16.0.0/12\n?100.64.0.0/10",
        "10.20.0.0/28\n10.20.0.0/16\n10.21.0.0/16\n!10.22.0.0/15",
        "0.0.0.0/0\n255.255.255.255/32",
        "192.168.1.1/24",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect()
}

fn profile_corpus() -> Vec<Vec<u8>> {
    [
        "[default]\nregion = us-east-1\n[profile sso]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Admin\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n[default]\naws_access_key_id = AKID\naws_secret_access_key = x\n",
        "[profile role]\nrole_arn = arn:aws:iam::111122223333:role/R\nsource_profile = keys\nmfa_serial = arn:aws:iam::111122223333:mfa/a\nservices = local\n[services local]\nsts =\n  endpoint_url = http://127.0.0.1:5000\n[profile keys]\naws_access_key_id = AKID\naws_secret_access_key = y\n",
        "[profile ci]\nweb_identity_token_file = /tmp/t\nrole_arn = arn:aws:iam::1:role/x\nendpoint_url = https://user:pw@example.com\n[profile p]\ncredential_process = /bin/true\n",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect()
}

fn pasted_corpus() -> Vec<Vec<u8>> {
    [
        "export AWS_ACCESS_KEY_ID=\"ASIAEXAMPLE\"\nexport AWS_SECRET_ACCESS_KEY=\"secret\"\nexport AWS_SESSION_TOKEN=\"token\"\n",
        "[111122223333_Admin]\naws_access_key_id=ASIAEXAMPLE\naws_secret_access_key=secret\naws_session_token=token\n",
        "$Env:AWS_ACCESS_KEY_ID=\"ASIAEXAMPLE\"\n$Env:AWS_SECRET_ACCESS_KEY=\"secret\"\n$Env:AWS_SESSION_TOKEN=\"token\"\n",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect()
}

const JSON_WORDS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    ":",
    ",",
    "null",
    "true",
    "1e999",
    "-0",
    "\\u0000",
    "\\ud800",
    "\u{202e}",
    "\u{feff}",
    "\"version\"",
    "\"signature\"",
    "\"parameters\"",
    "\"vpc_prefix\"",
    "\"role_path\"",
    "\"access_mode\"",
    "\"boundary\"",
    "\"ed25519\"",
    "\"key_id\"",
    "99999999999999999999",
];
const LINK_WORDS: &[&str] = &["%", "%00", "%ff", "&", "=", "?", "#", "+", "invite=", "private-deploy://", "=="];
const CIDR_WORDS: &[&str] = &["/", ".", "\n", "!", "?", "0", "255", "256", "/33", "/0", "-", " ", "::1"];
const PROFILE_WORDS: &[&str] = &[
    "[",
    "]",
    "=",
    "\n",
    "  ",
    "[profile ",
    "[sso-session ",
    "[services ",
    "sso_session = ",
    "role_arn = ",
    "source_profile = ",
    "endpoint_url = ",
    "services = ",
    "mfa_serial = ",
    "credential_process = ",
    "#",
    ";",
];
const PASTED_WORDS: &[&str] =
    &["export ", "$Env:", "=", "\"", "'", "\n", "AWS_ACCESS_KEY_ID", "AWS_SESSION_TOKEN", "[", "]", "set "];

// --- the mutator -----------------------------------------------------------------------------

/// xorshift64*: small, fast, and the same sequence for a seed on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// One to eight random edits: flip, replace, insert or delete bytes, insert a dictionary word,
/// repeat or drop a slice, or splice in part of another corpus input.
fn mutate(base: &[u8], corpus: &[Vec<u8>], dictionary: &[&str], rng: &mut Rng) -> Vec<u8> {
    let mut out = base.to_vec();
    for _ in 0..=rng.below(8) {
        let at = rng.below(out.len() + 1);
        match rng.below(8) {
            0 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] ^= 1 << rng.below(8);
            }
            1 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] = rng.next() as u8;
            }
            2 => out.insert(at, rng.next() as u8),
            3 if !out.is_empty() => {
                let len = 1 + rng.below(out.len().min(16));
                let start = rng.below(out.len() - len + 1);
                out.drain(start..start + len);
            }
            4 | 5 if !dictionary.is_empty() => {
                let word = dictionary[rng.below(dictionary.len())].as_bytes();
                out.splice(at..at, word.iter().copied());
            }
            6 if !out.is_empty() => {
                let len = 1 + rng.below(out.len().min(64));
                let start = rng.below(out.len() - len + 1);
                let slice = out[start..start + len].to_vec();
                out.splice(at..at, slice);
            }
            _ => {
                let other = &corpus[rng.below(corpus.len())];
                if !other.is_empty() {
                    let start = rng.below(other.len());
                    let end = start + rng.below(other.len() - start + 1);
                    out.truncate(at);
                    out.extend_from_slice(&other[start..end]);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_inputs() {
        let corpus = cidr_corpus();
        let mut a = Rng(7);
        let mut b = Rng(7);
        for _ in 0..100 {
            assert_eq!(
                mutate(&corpus[0], &corpus, CIDR_WORDS, &mut a),
                mutate(&corpus[0], &corpus, CIDR_WORDS, &mut b)
            );
        }
    }

    #[test]
    fn a_panicking_target_is_reported_as_a_crash_with_its_input() {
        let target = Target {
            name: "panics",
            corpus: || vec![b"abc".to_vec()],
            dictionary: &["!"],
            run: |input, _| assert!(!input.contains(&b'!'), "found a bang"),
        };
        let report = fuzz(&target, 500, 1);
        assert_eq!(report.executions, 500);
        assert!(!report.crashes.is_empty(), "the mutator inserts the dictionary's word");
        assert!(report.crashes.iter().all(|(input, message)| input.contains(&b'!') && message == "found a bang"));
    }
}
