//! Test support shared by the emulator tests, the end-to-end tests and `make run`'s sandbox:
//! a moto server per process, the seeded demo account, and a throwaway AWS profile dir.

pub mod cli;
pub mod moto;
pub mod paths;
pub mod sandbox;
pub mod seed;

pub use moto::{exclusive, MotoServer};
pub use sandbox::Sandbox;
