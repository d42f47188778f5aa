//! The four subnet blocks of the reference environment, derived from the VPC block.

use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::TemplateError;

/// The smallest subnet the reference environment creates: a /27. The application load
/// balancer sits in the two public subnets, and AWS asks for load balancer subnets of at least
/// a /27 with at least 8 free addresses (a /28 has 11 usable once AWS has reserved its five,
/// too few for the load balancer to scale).
pub const MAX_SUBNET_PREFIX: u8 = 27;
/// The smallest VPC block the environment fits in: four subnets of [`MAX_SUBNET_PREFIX`]. This
/// is the one limit the invite rules, the CIDR planner, the CLI and the Network screen all use.
pub const MAX_VPC_PREFIX: u8 = MAX_SUBNET_PREFIX - 2;
/// The largest VPC block AWS accepts.
pub const MIN_VPC_PREFIX: u8 = 16;
/// The smallest VPC block AWS itself accepts (the environment needs more: [`MAX_VPC_PREFIX`]).
pub const AWS_MAX_VPC_PREFIX: u8 = 28;

/// The VPC sizes the environment takes, as the window gets them (so that it offers and
/// refuses the same sizes as the engine).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VpcLimits {
    /// The largest block: /16.
    pub min_prefix: u8,
    /// The smallest block the environment fits in.
    pub max_prefix: u8,
    /// The smallest subnet the environment creates, and why the VPC cannot be smaller.
    pub max_subnet_prefix: u8,
    /// The smallest block AWS itself takes (for the explanation).
    pub aws_max_prefix: u8,
    /// The size an invite asks for when it names none: the window's size before an invite is open.
    pub default_prefix: u8,
}

/// The environment's VPC limits.
pub const VPC_LIMITS: VpcLimits = VpcLimits {
    min_prefix: MIN_VPC_PREFIX,
    max_prefix: MAX_VPC_PREFIX,
    max_subnet_prefix: MAX_SUBNET_PREFIX,
    aws_max_prefix: AWS_MAX_VPC_PREFIX,
    default_prefix: crate::invite::DEFAULT_VPC_PREFIX,
};

/// The VPC block split into four equal quarters, in address order: public A, public B,
/// private A, private B (A in the region's first Availability Zone, B in its second).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SubnetPlan {
    #[ts(type = "string")]
    pub vpc: Ipv4Net,
    #[ts(type = "string")]
    pub public_a: Ipv4Net,
    #[ts(type = "string")]
    pub public_b: Ipv4Net,
    #[ts(type = "string")]
    pub private_a: Ipv4Net,
    #[ts(type = "string")]
    pub private_b: Ipv4Net,
}

impl SubnetPlan {
    /// The four subnets in the order public A, public B, private A, private B.
    pub fn subnets(&self) -> [Ipv4Net; 4] {
        [self.public_a, self.public_b, self.private_a, self.private_b]
    }
}

/// Splits `vpc` into the four subnets of the reference environment.
///
/// Refuses a block that is not a network address (host bits set), a block larger than /16
/// (AWS's limit) and a block smaller than /25 (its quarters would be smaller than /27).
pub fn subnet_plan(vpc: Ipv4Net) -> Result<SubnetPlan, TemplateError> {
    if vpc.network() != vpc.addr() {
        return Err(TemplateError::NotNetworkAddress { vpc, network: vpc.trunc() });
    }
    if vpc.prefix_len() < MIN_VPC_PREFIX {
        return Err(TemplateError::VpcTooLarge { vpc });
    }
    if vpc.prefix_len() > MAX_VPC_PREFIX {
        return Err(TemplateError::VpcTooSmall { vpc });
    }
    let mut quarters = vpc.subnets(vpc.prefix_len() + 2).map_err(|_| TemplateError::VpcTooSmall { vpc })?;
    let mut next = || quarters.next().ok_or(TemplateError::VpcTooSmall { vpc });
    Ok(SubnetPlan { vpc, public_a: next()?, public_b: next()?, private_a: next()?, private_b: next()? })
}
