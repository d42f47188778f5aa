//! The engine: every piece of domain logic of Private Deploy, free of the desktop shell.
//!
//! The window (`private-deploy-app`) and the command line (`private-deploy`) are thin layers
//! over [`Engine`]. This crate depends on no desktop or terminal library: the compiler keeps
//! it that way.

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
pub mod launch;
pub mod logging;
pub mod managing;
pub mod planning;
pub mod reviewing;
pub mod templates;

pub use self::core::{AppInfo, Engine};
pub use failure::{Error, ErrorCode, Failure};
