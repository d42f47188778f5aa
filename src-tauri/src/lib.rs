//! Private Deploy: a desktop wizard and a CLI over one engine that sets up a vendor's
//! private deployment inside the admin's own AWS account.

pub mod app;
pub mod bindings;
pub mod cli;
pub mod engine;
pub mod logging;
pub mod startup;
