//! The engine: every piece of domain logic of Private Deploy, free of the desktop shell.
//!
//! One folder per capability, each holding its operations (`impl Engine` blocks) next to
//! their logic: `invite` (opening and checking invites), `network` (discovery of every VPC
//! and CIDR planning), `templates` (the shipped CloudFormation templates and what is derived
//! from them), `install` (plan, launch, follow), `stacks` (CloudFormation stacks as install
//! and delete share them: calls, status classes, watching, root cause, deleting), `access`
//! (the vendor's role after the install: Manage), `handoff` (what the vendor is told once
//! ready, and its delivery to the vendor), `journal` (local state). `aws` holds the
//! shared AWS pieces (session, clients, errors, identity, partitions, clock).
//!
//! The window (`private-deploy-app`) and the command line (`private-deploy`) are thin layers
//! over [`Engine`]. This crate depends on no desktop or terminal library: the compiler keeps
//! it that way.

pub mod access;
mod atomic_file;
pub mod aws;
pub mod diagnostics;
mod engine;
pub mod failure;
pub mod handoff;
pub mod install;
pub mod invite;
pub mod journal;
pub mod launch;
pub mod logging;
pub mod network;
pub mod preflight;
pub mod renewal;
mod sso_login;
pub mod stacks;
pub mod templates;
mod text;
pub mod updates;
pub mod vendor;

pub use engine::{AppInfo, Engine, JournalProblem};
pub use failure::{Error, ErrorCode, Explain, Failure, FixStep};
