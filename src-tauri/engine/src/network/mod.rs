//! The network the environment's VPC goes into: what already exists in the account (its
//! regions and every VPC of every enabled region, `discovery`), the CIDR planner that checks a
//! typed block and suggests free ones against it (`cidr`), and the Region and Network steps
//! as engine calls (`planning`).

pub mod cidr;
pub mod discovery;
mod error;
mod planning;

pub use error::{BlockInput, NetworkError};

pub use planning::{parse_avoid, parse_avoid_inputs, AvoidInput};
