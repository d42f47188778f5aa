//! The hand-off: what the vendor needs once an installation is ready (installation ID, account,
//! role ARN, External ID, regions, VPC block, stack outputs; never credentials), as a versioned
//! JSON document built from the journal alone, and its delivery to the invite's `callback`
//! over HTTPS with retries, each attempt and the vendor's answer journaled.

mod document;
mod error;
mod operations;
mod send;

pub use document::{HandoffDocument, HandoffView, HANDOFF_VERSION};
pub use error::HandoffError;
pub use send::{post, Answer, HandoffSent, SendPolicy, ANSWER_EXCERPT_BYTES};
