//! How a launch's arguments ask for the window: `private-deploy <link>` (what the desktop
//! runs for a clicked link), `private-deploy open <file|link>`, or no arguments at all. The
//! command line uses it to hand such launches to the window; the window to find the invite.

use std::ffi::OsString;
use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::invite::LINK_SCHEME;

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
}
