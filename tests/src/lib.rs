//! Test support shared by the emulator tests, the end-to-end tests and `make run`'s sandbox:
//! a moto server per process, the seeded demo account, a throwaway AWS profile dir, reading
//! back the stacks an install made, a fault-injecting proxy in front of moto, a loopback IAM
//! Identity Center stand-in (`identity_center`), an offline IAM policy evaluator (`iam_eval`),
//! invites and vendor keys made for a test (`invites`) and a loopback HTTPS stand-in for a
//! vendor's hand-off endpoint (`vendor_endpoint`).

pub mod bundles;
pub mod cli;
pub mod crowded;
pub mod fault_proxy;
pub mod fuzz;
pub mod http_wire;
pub mod iam_eval;
pub mod identity_center;
pub mod installed;
pub mod invites;
pub mod moto;
pub mod paths;
pub mod sandbox;
pub mod seed;
pub mod stacks;
pub mod vendor_endpoint;

pub use moto::{exclusive, MotoServer};
pub use sandbox::Sandbox;
