//! CIDR planning for the VPC this installer creates: checks a block the user typed against
//! discovered VPCs, user-added networks and reserved ranges (naming every conflict), and
//! suggests free blocks of a wanted size. Pure: no AWS calls, no I/O.
//!
//! [`check`] validates one typed block; [`suggest`] lists free aligned blocks, preferring
//! RFC 1918 space in the order of [`PRIVATE_POOLS`]. Reserved and private ranges are
//! constants in [`ranges`].

mod check;
mod span;
mod suggest;

pub mod ranges;

#[cfg(test)]
mod check_tests;
#[cfg(test)]
mod proptests;
#[cfg(test)]
mod suggest_tests;

use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use check::check;
pub use ranges::{ReservedRange, MAX_PREFIX, MIN_PREFIX, PRIVATE_POOLS, RESERVED, SHARED_ADDRESS_SPACE};
pub use suggest::suggest;

/// A CIDR block of a VPC found by discovery.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExistingBlock {
    #[ts(type = "string")]
    pub cidr: Ipv4Net,
    pub vpc_id: String,
    /// The VPC's `Name` tag, if any.
    pub name: Option<String>,
    pub region: String,
}

/// A network the user asked to stay clear of (their database VPC, an on-premises range).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AvoidBlock {
    #[ts(type = "string")]
    pub cidr: Ipv4Net,
    pub label: String,
}

/// Everything the planner checks against.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlanContext {
    pub existing: Vec<ExistingBlock>,
    pub avoid: Vec<AvoidBlock>,
    /// Accept blocks outside private address space (with a warning instead of a problem).
    pub allow_public: bool,
    /// Regions discovery could not read: neither `check` nor `suggest` covers their VPCs.
    pub unread_regions: Vec<String>,
}

/// How the checked block relates to a block it overlaps. Two CIDR blocks that overlap
/// are always equal or one contains the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// Both blocks are the same range.
    Equal,
    /// The checked block contains the other one.
    Contains,
    /// The checked block lies inside the other one.
    ContainedBy,
}

/// The result of [`check`]: every problem and warning, not just the first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CheckReport {
    /// The text as typed.
    pub input: String,
    /// The block the rules were checked against: the parsed block with its host bits
    /// cleared; `None` when the text is not an IPv4 CIDR block.
    #[ts(type = "string | null")]
    pub cidr: Option<Ipv4Net>,
    /// True when there is no problem (warnings do not block).
    pub ok: bool,
    pub problems: Vec<Problem>,
    pub warnings: Vec<Warning>,
}

/// Something that makes a typed block unusable. Every variant carries a `message` that
/// names the conflict and says what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Problem {
    /// Not IPv4 CIDR text.
    Malformed { message: String },
    /// The address has bits set below the prefix; `suggestion` is the network address.
    HostBitsSet {
        message: String,
        #[ts(type = "string")]
        suggestion: Ipv4Net,
    },
    /// The prefix length is outside what the environment's VPC can have (/16 to /25).
    PrefixOutOfRange { message: String, prefix: u8 },
    /// Outside private and shared address space while public ranges are not allowed.
    PublicSpace { message: String },
    /// Overlaps a discovered VPC block.
    OverlapsVpc {
        message: String,
        vpc_id: String,
        name: Option<String>,
        region: String,
        #[ts(type = "string")]
        cidr: Ipv4Net,
        relation: Relation,
    },
    /// Overlaps a network the user added.
    OverlapsNetwork {
        message: String,
        label: String,
        #[ts(type = "string")]
        cidr: Ipv4Net,
        relation: Relation,
    },
    /// Overlaps a reserved range.
    OverlapsReserved {
        message: String,
        #[ts(type = "string")]
        cidr: Ipv4Net,
        reason: String,
        relation: Relation,
    },
}

impl Problem {
    /// The human explanation.
    pub fn message(&self) -> &str {
        match self {
            Problem::Malformed { message }
            | Problem::HostBitsSet { message, .. }
            | Problem::PrefixOutOfRange { message, .. }
            | Problem::PublicSpace { message }
            | Problem::OverlapsVpc { message, .. }
            | Problem::OverlapsNetwork { message, .. }
            | Problem::OverlapsReserved { message, .. } => message,
        }
    }
}

/// Something worth knowing about a usable block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Warning {
    /// In 100.64.0.0/10 (shared address space, carrier-grade NAT).
    SharedAddressSpace { message: String },
    /// Public space, accepted because the context allows it.
    PublicSpace { message: String },
    /// Discovery could not read these regions, so the check does not cover them.
    UnreadRegions { message: String, regions: Vec<String> },
}

impl Warning {
    /// The human explanation.
    pub fn message(&self) -> &str {
        match self {
            Warning::SharedAddressSpace { message }
            | Warning::PublicSpace { message }
            | Warning::UnreadRegions { message, .. } => message,
        }
    }
}

/// Free blocks offered by [`suggest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Suggestions {
    pub prefix: u8,
    /// Aligned free blocks in preference order (10/8, then 172.16/12, then 192.168/16),
    /// ascending within each range.
    #[ts(type = "Array<string>")]
    pub blocks: Vec<Ipv4Net>,
    /// True when private space ran out before `count` blocks were found.
    pub exhausted: bool,
    /// Regions discovery could not read: these suggestions may overlap VPCs there.
    pub unread_regions: Vec<String>,
}

/// Errors of the planner.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CidrError {
    #[error("the environment's VPC block must be /{MIN_PREFIX} to /{MAX_PREFIX}; /{prefix} is outside that range")]
    PrefixOutOfRange { prefix: u8 },
}

impl crate::Explain for CidrError {
    fn failure(&self) -> crate::Failure {
        let message = format!("{}.", crate::text::capitalized(&self.to_string()));
        crate::Failure::new(crate::ErrorCode::InvalidInput, message)
            .with_hint(format!("Pick a prefix length from /{MIN_PREFIX} to /{MAX_PREFIX}."))
            .fixed_at(crate::failure::FixStep::Network)
    }
}

/// How `block` relates to `other`, or `None` when they do not overlap.
pub fn relation(block: &Ipv4Net, other: &Ipv4Net) -> Option<Relation> {
    span::Span::of(block).relation_to(span::Span::of(other))
}
