//! Address ranges the planner knows by heart: RFC 1918 pools, shared address space, and
//! ranges a VPC must not use.

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;

/// Smallest prefix length (largest block) a VPC accepts.
pub const MIN_PREFIX: u8 = crate::templates::MIN_VPC_PREFIX;
/// Largest prefix length (smallest block) the planner offers or accepts: the smallest VPC the
/// environment fits in, not AWS's /28, so that it never offers a block the environment refuses.
pub const MAX_PREFIX: u8 = crate::templates::MAX_VPC_PREFIX;

const fn net(a: u8, b: u8, c: u8, d: u8, prefix: u8) -> Ipv4Net {
    Ipv4Net::new_assert(Ipv4Addr::new(a, b, c, d), prefix)
}

/// RFC 1918 private space, in the order suggestions prefer it.
pub const PRIVATE_POOLS: [Ipv4Net; 3] = [net(10, 0, 0, 0, 8), net(172, 16, 0, 0, 12), net(192, 168, 0, 0, 16)];

/// RFC 6598 shared address space (carrier-grade NAT): usable, with a warning.
pub const SHARED_ADDRESS_SPACE: Ipv4Net = net(100, 64, 0, 0, 10);

/// A range a VPC block must not overlap, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReservedRange {
    pub cidr: Ipv4Net,
    pub reason: &'static str,
}

/// Ranges that break something when a VPC overlaps them.
pub const RESERVED: [ReservedRange; 4] = [
    ReservedRange {
        cidr: net(172, 17, 0, 0, 16),
        reason: "the default bridge network of Docker, also used by AWS Cloud9 and Amazon SageMaker",
    },
    ReservedRange {
        cidr: net(10, 100, 0, 0, 16),
        reason: "an Amazon EKS Kubernetes service range (used when the VPC is outside 10.0.0.0/8)",
    },
    ReservedRange {
        cidr: net(172, 20, 0, 0, 16),
        reason: "an Amazon EKS Kubernetes service range (used when the VPC is inside 10.0.0.0/8)",
    },
    ReservedRange {
        cidr: net(169, 254, 0, 0, 16),
        reason: "link-local space, where instance metadata, DNS and time services live",
    },
];
