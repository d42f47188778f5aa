//! The engine: every piece of domain logic of Private Deploy, free of the desktop shell.
//!
//! The Tauri commands (`crate::app`) and the command line (`crate::cli`) are thin layers over
//! [`Engine`]; nothing in here may import `tauri`.

pub mod access;
pub mod access_requests;
mod adopting;
pub mod aws;
pub mod cidr;
mod connecting;
mod core;
pub mod discovery;
pub mod failure;
mod following;
pub mod install;
pub mod installing;
pub mod invite;
pub mod journal;
pub mod managing;
pub mod planning;
pub mod reviewing;
pub mod templates;

pub use self::core::{AppInfo, Engine};
pub use failure::{Error, ErrorCode, Failure};
