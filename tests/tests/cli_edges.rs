//! The CLI at its edges, with the real binary and no AWS: usage errors in the same JSON as
//! every other error, a reader that quits early (`| head -1`), out-of-range counts and
//! durations, and the offline commands working with no network and no usable journal.

use std::io::Read;
use std::process::{Command, Stdio};

use private_deploy_tests::cli::{json, run};
use private_deploy_tests::{paths, Sandbox};

/// Nothing listens on port 9: any AWS call would fail, so a command that passes made none.
fn offline() -> Sandbox {
    Sandbox::new("http://127.0.0.1:9")
}

#[test]
fn usage_errors_with_json_print_the_error_document_and_exit_2() {
    let sandbox = offline();
    for args in [
        &["access", "window", "--json"][..],
        &["cidr", "suggest", "--count", "0", "--json"],
        &["cidr", "suggest", "--count", "99999999999999999999", "--json"],
        &["no-such-command", "--json"],
        &["install", "--json"],
    ] {
        let out = run(&sandbox, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let error = &json(&out)["error"];
        assert_eq!(error["code"], "invalid_input", "{args:?}: {error}");
        let message = error["message"].as_str().unwrap();
        assert!(!message.is_empty() && !message.starts_with("error:"), "{args:?}: {message}");
        assert!(error["hint"].as_str().unwrap().contains("--help"), "{args:?}");
    }
    // Without --json, clap's own text on stderr, still 2.
    let out = run(&sandbox, &["cidr", "suggest", "--count", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--count"));
}

#[test]
fn a_reader_that_quits_early_ends_the_command_quietly() {
    let sandbox = offline();
    let mut cmd = Command::new(paths::cli_binary());
    sandbox.apply(&mut cmd);
    let mut child =
        cmd.args(["template", "access"]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("start the CLI");
    // The reader is gone before the first byte is written: every write hits a closed pipe.
    drop(child.stdout.take());
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let status = child.wait().unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("Broken pipe"), "{stderr}");
    assert_eq!(status.code(), Some(0), "{stderr}");
}

#[test]
fn offline_commands_work_with_no_network_and_no_usable_journal() {
    let sandbox = offline();
    // The data folder is a file: no journal can be created there.
    std::fs::write(sandbox.data_dir(), b"not a folder").unwrap();
    let out = run(&sandbox, &["template", "access"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("AWSTemplateFormatVersion"));
    let out = run(&sandbox, &["cidr", "check", "10.0.0.0/33", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    assert_eq!(report["ok"], false, "{report}");
    assert!(report["problems"][0]["message"].as_str().unwrap().contains("33"), "{report}");
    assert!(run(&sandbox, &["--help"]).status.success());

    // A command that needs the journal says why it cannot have it.
    let out = run(&sandbox, &["journal", "set-aside", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let error = &json(&out)["error"];
    assert_eq!(error["code"], "journal");
    assert!(error["message"].as_str().unwrap().contains(&sandbox.data_dir().display().to_string()), "{error}");
    assert!(error["hint"].as_str().unwrap().contains("PRIVATE_DEPLOY_DATA_DIR"), "{error}");
}

#[test]
fn audit_since_out_of_range_is_refused_before_any_call() {
    let sandbox = offline();
    for since in ["99999999999999999999d", "2147483648h", "2099-01-01T00:00:00Z", "91d"] {
        let out = run(&sandbox, &["audit", "--since", since, "--json"]);
        assert_eq!(out.status.code(), Some(1), "{since}");
        let error = &json(&out)["error"];
        assert_eq!(error["code"], "invalid_input", "{since}: {error}");
        assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"), "{since}");
    }
}
