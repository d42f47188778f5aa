//! Everything that talks to AWS on the admin's behalf: which profiles exist, the one
//! `SdkConfig` a session is built on (and the credential providers built from the same
//! settings), who the caller is, AWS's clock, regions' names for people, and turning SDK errors into sentences a person
//! can act on. `sso` is IAM Identity Center sign-in.

mod clients;
mod clock;
pub mod console;
pub mod endpoints;
pub(crate) mod error;
pub mod home;
mod identity;
mod mfa;
pub mod partition;
mod pasted;
mod profiles;
mod region_names;
mod session;
pub mod sso;

#[cfg(test)]
mod clock_tests;

pub use clients::{cloudformation_in, cloudtrail_in, ec2_in, elb_in, iam, service_quotas_in};
pub use clock::{aws_now, clock_warning, timestamp, CLOCK_TOLERANCE_SECONDS};
pub use endpoints::{without_user_info, EndpointOverride};
pub use error::{AwsError, CallContext};
pub use identity::{caller_identity, credentials_expiry, Identity};
pub use mfa::MfaError;
pub use pasted::{parse_pasted, PasteError, PASTED_LABEL};
pub use profiles::{list_profiles, load_profile_set, AwsProfile, ProfileKind, ProfileList};
pub use region_names::{known_regions, region_title};
pub use session::{connect, ProfilePaths, Session, SessionOptions, Timeouts, FALLBACK_REGION};
