//! Why a region, a VPC block or a network to avoid was refused, in the admin's terms.

use super::discovery::TooFewZones;
use crate::failure::{ErrorCode, Explain, Failure, FixStep};
use crate::text::capitalized;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NetworkError {
    #[error("there is no region {name:?} in this account's partition")]
    UnknownRegion { name: String },
    #[error("{block} cannot be used: {reasons}")]
    BlockRejected { block: String, reasons: String },
    /// `what` says what the block was typed for (a network to avoid, the VPC block…).
    #[error("{text:?} is not an IPv4 CIDR block")]
    NotABlock { text: String, what: BlockInput },
    #[error(transparent)]
    TooFewZones(#[from] TooFewZones),
}

/// Where a CIDR block was typed, which decides the example in the hint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockInput {
    /// `--avoid`, or the window's list of networks to avoid.
    Avoid,
    /// The environment's VPC block (or `auto`).
    VpcBlock,
}

impl Explain for NetworkError {
    fn failure(&self) -> Failure {
        let message = format!("{}.", capitalized(&self.to_string()));
        let hint = match self {
            NetworkError::UnknownRegion { .. } => "Run `private-deploy regions` to list them.".to_owned(),
            NetworkError::BlockRejected { .. } => {
                "Choose one of the suggested blocks (`private-deploy cidr suggest`), or another block that \
                 conflicts with nothing."
                    .to_owned()
            }
            NetworkError::NotABlock { what: BlockInput::Avoid, .. } => {
                "Write a network to avoid as address/prefix, for example 192.168.0.0/16.".to_owned()
            }
            NetworkError::NotABlock { what: BlockInput::VpcBlock, .. } => {
                "Write the VPC block as address/prefix, for example 10.20.0.0/16, or use `auto`.".to_owned()
            }
            NetworkError::TooFewZones(err) => format!(
                "Choose another region for the environment, or wait until AWS reports the zones of {} as available.",
                err.region
            ),
        };
        let step = match self {
            NetworkError::UnknownRegion { .. } | NetworkError::TooFewZones(_) => FixStep::Region,
            NetworkError::BlockRejected { .. } | NetworkError::NotABlock { .. } => FixStep::Network,
        };
        Failure::new(ErrorCode::InvalidInput, message).with_hint(hint).fixed_at(step)
    }
}

impl From<TooFewZones> for crate::Error {
    fn from(err: TooFewZones) -> Self {
        NetworkError::from(err).into()
    }
}
