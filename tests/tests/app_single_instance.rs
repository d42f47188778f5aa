//! A second copy of the app: with a desktop session bus, launching the app again with an
//! install link hands the link to the window already open and exits, instead of opening a
//! second window (the single-instance and deep-link plugins). Needs a display (make test runs
//! the tests under Xvfb) and dbus-daemon, which runs a private session bus for the test.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use private_deploy_tests::{paths, Sandbox};

/// A private session bus, stopped with the test.
struct Bus(Child, String);

impl Bus {
    fn start() -> Self {
        let mut child = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .spawn()
            .expect("dbus-daemon (Debian package dbus) runs");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        Bus(child, line.trim().to_owned())
    }
}

impl Drop for Bus {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

struct App(Child);

impl Drop for App {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The first launch runs the window's binary; later ones the command line, as a clicked
/// link or a script does (it hands the launch to the window beside it).
fn app(sandbox: &Sandbox, bus: &Bus, args: &[&str]) -> Command {
    let binary = if args.is_empty() { paths::app_binary() } else { paths::cli_binary() };
    let mut cmd = Command::new(binary);
    sandbox.apply(&mut cmd);
    cmd.args(args).env("DBUS_SESSION_BUS_ADDRESS", &bus.1).env("PRIVATE_DEPLOY_LOG", "private_deploy=info");
    cmd
}

/// Lines of the first app's log, as they come.
fn log_lines(child: &mut Child) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(strip_colours(&line));
        }
    });
    rx
}

/// The log without its terminal colour codes (`ESC [ … m`).
fn strip_colours(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            chars.by_ref().find(|&c| c == 'm');
        } else {
            out.push(c);
        }
    }
    out
}

fn wait_for_line(rx: &mpsc::Receiver<String>, needle: &str, seen: &mut Vec<String>) -> bool {
    let deadline = Instant::now() + Duration::from_secs(60);
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(line) => {
                let found = line.contains(needle);
                seen.push(line);
                if found {
                    return true;
                }
            }
            Err(_) => return false,
        }
    }
    false
}

#[test]
fn a_second_launch_with_a_link_hands_it_to_the_open_window_and_exits() {
    second_launch_hands_over(&["private-deploy://install?invite=e30"], "kind=\"link\"", "private-deploy://install");
}

/// `open LINK` is two arguments: the deep-link plugin leaves it to the app's own handler.
#[test]
fn a_second_launch_with_open_and_a_link_hands_it_over_too() {
    second_launch_hands_over(
        &["open", "private-deploy://install?invite=e30"],
        "kind=\"link\"",
        "private-deploy://install",
    );
}

#[test]
fn a_second_launch_with_open_and_a_file_hands_it_over() {
    second_launch_hands_over(&["open", "/tmp/some-invite.json"], "kind=\"file\"", "/tmp/some-invite.json");
}

fn second_launch_hands_over(args: &[&str], kind: &str, value: &str) {
    let sandbox = Sandbox::new("http://127.0.0.1:9");
    let bus = Bus::start();
    let mut first = App(app(&sandbox, &bus, &[]).stderr(Stdio::piped()).spawn().unwrap());
    let log = log_lines(&mut first.0);
    let mut seen = Vec::new();
    assert!(wait_for_line(&log, "accepting launch requests", &mut seen), "the first app never got ready: {seen:#?}");

    let started = Instant::now();
    let mut second = app(&sandbox, &bus, args).stderr(Stdio::piped()).spawn().unwrap();
    let status = loop {
        if let Some(status) = second.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = second.kill();
            panic!("the second launch opened its own window instead of handing the link over");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let mut second_log = String::new();
    second.stderr.take().unwrap().read_to_string(&mut second_log).unwrap();
    assert!(status.success(), "{status:?}: {second_log}");
    assert!(!second_log.contains("accepting launch requests"), "the second launch started an app: {second_log}");

    assert!(wait_for_line(&log, "launch request", &mut seen), "the link never reached the first app: {seen:#?}");
    let line = seen.last().unwrap();
    assert!(line.contains(kind) && line.contains(value), "{line}");
    assert!(first.0.try_wait().unwrap().is_none(), "the first app is still running");
}
