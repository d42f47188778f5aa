//! How a launch's arguments ask for the window: `private-deploy <link>` (what the desktop
//! runs for a clicked link), `private-deploy open <file|link>`, or no arguments at all. The
//! command line uses it to hand such launches to the window; the window to find the invite.

use std::ffi::OsString;
use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::invite::LINK_SCHEME;
use crate::{Explain, Failure};

/// An invite to open, as it reached the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum LaunchRequest {
    /// A `private-deploy://install?invite=…` link.
    Link(String),
    /// The path of an invite file.
    File(String),
}

/// The window's request in the arguments of a launch: `private-deploy <link>` (what the
/// desktop runs for a link) or `private-deploy open <file|link>`. `cwd` makes a relative file
/// path absolute (a second launch runs in another directory).
pub fn from_args(args: &[OsString], cwd: &Path) -> Option<LaunchRequest> {
    let args: Vec<String> = args.iter().skip(1).map(|a| a.to_string_lossy().into_owned()).collect();
    match args.as_slice() {
        [link] if is_link(link) => Some(LaunchRequest::Link(link.clone())),
        [open, target] if open == "open" => Some(if is_link(target) {
            LaunchRequest::Link(target.clone())
        } else {
            LaunchRequest::File(cwd.join(target).display().to_string())
        }),
        _ => None,
    }
}

/// What a second launch hands the window, besides what the deep-link plugin delivers itself:
/// that plugin takes a link only when it is the one argument (`private-deploy LINK`), so
/// `open LINK` and `open FILE` come through here.
pub fn handed_over(args: &[OsString], cwd: &Path) -> Option<LaunchRequest> {
    let delivered_by_deep_link = args.len() == 2;
    from_args(args, cwd).filter(|_| !delivered_by_deep_link)
}

/// An invite as the window receives it: a link, or a file already read by the engine (with
/// the size and kind checks of [`crate::invite::read_invite_file`]); the window never asks
/// to read a path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum InviteLaunch {
    Link {
        link: String,
    },
    File {
        name: String,
        text: String,
    },
    /// The file could not be used; `error` says why and what to do.
    Unreadable {
        name: String,
        error: Failure,
    },
}

impl LaunchRequest {
    /// Reads a file request (blocking: call it off the window's thread).
    pub fn load(self) -> InviteLaunch {
        match self {
            LaunchRequest::Link(link) => InviteLaunch::Link { link },
            LaunchRequest::File(path) => {
                let path = Path::new(&path);
                let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into());
                let text = crate::invite::read_invite_file(path).and_then(|bytes| {
                    String::from_utf8(bytes)
                        .map_err(|e| crate::invite::InviteError::NotUtf8 { offset: e.utf8_error().valid_up_to() })
                });
                match text {
                    Ok(text) => InviteLaunch::File { name, text },
                    Err(err) => InviteLaunch::Unreadable { name, error: Explain::failure(&err) },
                }
            }
        }
    }
}

/// Whether the arguments start the window rather than the command line.
pub fn is_window_launch(args: &[OsString]) -> bool {
    args.len() <= 1 || from_args(args, Path::new("/")).is_some()
}

pub fn is_link(text: &str) -> bool {
    text.get(..LINK_SCHEME.len() + 1).is_some_and(|head| head.eq_ignore_ascii_case(&format!("{LINK_SCHEME}:")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        std::iter::once("private-deploy").chain(list.iter().copied()).map(OsString::from).collect()
    }

    #[test]
    fn links_and_open_start_the_window_and_everything_else_is_the_cli() {
        let cwd = Path::new("/home/admin");
        let link = "private-deploy://install?invite=e30";
        assert_eq!(from_args(&args(&[link]), cwd), Some(LaunchRequest::Link(link.to_owned())));
        assert!(from_args(&args(&["PRIVATE-DEPLOY://install?x"]), cwd).is_some());
        assert_eq!(from_args(&args(&["open", link]), cwd), Some(LaunchRequest::Link(link.to_owned())));
        assert_eq!(
            from_args(&args(&["open", "invite.json"]), cwd),
            Some(LaunchRequest::File("/home/admin/invite.json".to_owned()))
        );
        assert_eq!(
            from_args(&args(&["open", "/tmp/invite.json"]), cwd),
            Some(LaunchRequest::File("/tmp/invite.json".to_owned()))
        );
        assert!(is_window_launch(&args(&[])));
        assert!(is_window_launch(&args(&[link])));
        for cli in [&["whoami"][..], &["install", "--invite", "x"], &["open"], &["https://example.com"], &[link, "x"]] {
            assert!(!is_window_launch(&args(cli)), "{cli:?}");
        }
    }

    #[test]
    fn a_second_launch_hands_over_what_the_deep_link_plugin_does_not() {
        let cwd = Path::new("/home/admin");
        let link = "private-deploy://install?invite=e30";
        assert_eq!(handed_over(&args(&[link]), cwd), None, "the deep-link plugin delivers a lone link");
        assert_eq!(handed_over(&args(&["open", link]), cwd), Some(LaunchRequest::Link(link.to_owned())));
        assert_eq!(
            handed_over(&args(&["open", "i.json"]), cwd),
            Some(LaunchRequest::File("/home/admin/i.json".to_owned()))
        );
    }

    #[test]
    fn a_file_request_is_read_with_the_invite_checks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("invite.json");
        std::fs::write(&path, "{\"version\": 1}").unwrap();
        let request = LaunchRequest::File(path.display().to_string());
        assert_eq!(request.load(), InviteLaunch::File { name: "invite.json".into(), text: "{\"version\": 1}".into() });
        match LaunchRequest::File(dir.path().display().to_string()).load() {
            InviteLaunch::Unreadable { error, .. } => assert!(error.message.contains("a folder"), "{}", error.message),
            other => panic!("unexpected {other:?}"),
        }
    }
}
