//! The home folder under which the AWS CLI and the SDK look for `.aws/config`,
//! `.aws/credentials` and `.aws/sso/cache`, on each OS. The SDK's own rule (aws-runtime's
//! `fs_util::home_dir`): `HOME` first everywhere; on Windows then `USERPROFILE`, then
//! `HOMEDRIVE` + `HOMEPATH`. Using it, rather than a copy, keeps the profile list and the SSO
//! cache the window reads where the SDK reads the credentials. With none of those set, the OS's
//! idea of the user's home folder (`dirs`: the password database on Unix, the profile folder on
//! Windows).

use std::path::PathBuf;

use aws_runtime::fs_util::{self, Os};
use aws_types::os_shim_internal::Env;

pub fn home_dir(env: &Env) -> PathBuf {
    home_dir_on(env, Os::real())
}

fn home_dir_on(env: &Env, os: Os) -> PathBuf {
    fs_util::home_dir(env, os).filter(|h| !h.is_empty()).map(PathBuf::from).or_else(dirs::home_dir).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn home_wins_on_every_os() {
        let env = Env::from_slice(&[("HOME", "/home/a"), ("USERPROFILE", r"C:\Users\a")]);
        assert_eq!(home_dir_on(&env, Os::Unix), PathBuf::from("/home/a"));
        assert_eq!(home_dir_on(&env, Os::Windows), PathBuf::from("/home/a"));
    }

    #[test]
    fn windows_falls_back_to_the_user_profile_then_the_home_drive_and_path() {
        let env = Env::from_slice(&[("USERPROFILE", r"C:\Users\a")]);
        assert_eq!(home_dir_on(&env, Os::Windows), PathBuf::from(r"C:\Users\a"));
        let env = Env::from_slice(&[("HOMEDRIVE", "D:"), ("HOMEPATH", r"\Users\b")]);
        assert_eq!(home_dir_on(&env, Os::Windows), PathBuf::from(r"D:\Users\b"));
    }

    #[test]
    fn unix_ignores_the_windows_variables() {
        let env = Env::from_slice(&[("USERPROFILE", r"C:\Users\a")]);
        assert_ne!(home_dir_on(&env, Os::Unix), PathBuf::from(r"C:\Users\a"));
    }
}
