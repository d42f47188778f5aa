//! Everything that talks to AWS on the admin's behalf: which profiles exist, the one
//! `SdkConfig` a session is built on, who the caller is, and turning SDK errors into
//! sentences a person can act on.

mod clients;
mod error;
mod identity;
mod profiles;
mod session;

pub use clients::{cloudformation_in, cloudtrail_in, ec2_in, iam};
pub use error::{AwsError, CallContext};
pub use identity::{caller_identity, Identity};
pub use profiles::{list_profiles, load_profile_set, AwsProfile, ProfileKind, ProfileList};
pub use session::{connect, ProfilePaths, Session, SessionOptions, Timeouts, FALLBACK_REGION};
