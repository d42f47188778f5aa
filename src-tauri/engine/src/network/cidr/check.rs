//! Checks one block the user typed and names every conflict.

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;

use super::ranges::{MAX_PREFIX, MIN_PREFIX, PRIVATE_POOLS, RESERVED, SHARED_ADDRESS_SPACE};
use super::span::Span;
use super::{CheckReport, PlanContext, Problem, Relation, Warning};
use crate::templates::{AWS_MAX_VPC_PREFIX, MAX_SUBNET_PREFIX};

const EXAMPLE: &str = "10.0.0.0/16";

/// Checks `input` as a VPC block against `ctx` and returns every problem and warning.
///
/// When the address has host bits set, the remaining rules are checked against the
/// network address. Linear in the number of blocks in `ctx`.
pub fn check(input: &str, ctx: &PlanContext) -> CheckReport {
    let parsed = match parse(input.trim()) {
        Ok(net) => net,
        Err(problem) => {
            return CheckReport {
                input: input.to_owned(),
                cidr: None,
                ok: false,
                problems: vec![problem],
                warnings: Vec::new(),
            }
        }
    };
    let net = parsed.trunc();
    let span = Span::of(&net);
    let mut problems = Vec::new();
    let mut warnings = Vec::new();

    if net != parsed {
        problems.push(Problem::HostBitsSet {
            message: format!(
                "{parsed} has host bits set: a /{prefix} block must start at its network \
                 address. Use {net} instead.",
                prefix = net.prefix_len()
            ),
            suggestion: net,
        });
    }

    let prefix = net.prefix_len();
    if prefix < MIN_PREFIX {
        problems.push(Problem::PrefixOutOfRange {
            message: format!(
                "{net} is too large for a VPC: AWS takes VPC blocks from /{MIN_PREFIX} \
                 (65,536 addresses). Choose a prefix length from {MIN_PREFIX} to {MAX_PREFIX}."
            ),
            prefix,
        });
    } else if prefix > MAX_PREFIX {
        problems.push(Problem::PrefixOutOfRange {
            message: format!(
                "{net} is too small for the environment: its load balancer needs subnets of \
                 /{MAX_SUBNET_PREFIX} or larger, and the VPC holds four subnets, so the block must be \
                 /{MAX_PREFIX} ({addresses} addresses) or larger, even though AWS takes VPCs down to \
                 /{AWS_MAX_VPC_PREFIX}. Choose a prefix length from {MIN_PREFIX} to {MAX_PREFIX}.",
                addresses = 1u32 << (32 - MAX_PREFIX),
            ),
            prefix,
        });
    }

    check_address_space(net, span, ctx.allow_public, &mut problems, &mut warnings);

    for block in &ctx.existing {
        let theirs = block.cidr.trunc();
        if let Some(relation) = span.relation_to(Span::of(&theirs)) {
            let vpc = match block.name.as_deref().filter(|name| !name.is_empty()) {
                Some(name) => format!("VPC {} (\"{name}\")", block.vpc_id),
                None => format!("VPC {}", block.vpc_id),
            };
            problems.push(Problem::OverlapsVpc {
                message: format!(
                    "{net} overlaps {vpc} in {region}: {how}. Peering and Transit Gateway \
                     need blocks that do not overlap; choose a block outside {theirs}.",
                    region = block.region,
                    how = describe(relation, &format!("its block {theirs}")),
                ),
                vpc_id: block.vpc_id.clone(),
                name: block.name.clone(),
                region: block.region.clone(),
                cidr: theirs,
                relation,
            });
        }
    }

    for block in &ctx.avoid {
        let theirs = block.cidr.trunc();
        if let Some(relation) = span.relation_to(Span::of(&theirs)) {
            problems.push(Problem::OverlapsNetwork {
                message: format!(
                    "{net} overlaps your network \"{label}\" ({theirs}): {how}. Choose a \
                     block outside {theirs}.",
                    label = block.label,
                    how = describe(relation, &format!("\"{}\"", block.label)),
                ),
                label: block.label.clone(),
                cidr: theirs,
                relation,
            });
        }
    }

    for reserved in &RESERVED {
        if let Some(relation) = span.relation_to(Span::of(&reserved.cidr)) {
            problems.push(Problem::OverlapsReserved {
                message: format!(
                    "{net} overlaps the reserved range {cidr}, {reason}. Choose a block \
                     outside {cidr}.",
                    cidr = reserved.cidr,
                    reason = reserved.reason,
                ),
                cidr: reserved.cidr,
                reason: reserved.reason.to_owned(),
                relation,
            });
        }
    }

    if !ctx.unread_regions.is_empty() {
        warnings.push(Warning::UnreadRegions {
            message: format!(
                "Discovery could not read the VPCs of {}, so this check does not cover them: \
                 make sure {net} is not used there.",
                ctx.unread_regions.join(", ")
            ),
            regions: ctx.unread_regions.clone(),
        });
    }

    CheckReport { input: input.to_owned(), cidr: Some(net), ok: problems.is_empty(), problems, warnings }
}

/// Private space is fine; shared address space warns; anything else is public.
fn check_address_space(
    net: Ipv4Net,
    span: Span,
    allow_public: bool,
    problems: &mut Vec<Problem>,
    warnings: &mut Vec<Warning>,
) {
    if PRIVATE_POOLS.iter().any(|pool| Span::of(pool).contains(span)) {
        return;
    }
    if Span::of(&SHARED_ADDRESS_SPACE).contains(span) {
        warnings.push(Warning::SharedAddressSpace {
            message: format!(
                "{net} is in {SHARED_ADDRESS_SPACE}, the shared address space used for \
                 carrier-grade NAT. AWS accepts it, but it can clash with a provider's NAT; \
                 prefer a block in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16."
            ),
        });
        return;
    }
    if allow_public {
        warnings.push(Warning::PublicSpace {
            message: format!(
                "{net} is public address space, accepted because public ranges are allowed. \
                 Use it only if your organization owns it: the VPC cannot reach the real \
                 owners of these addresses."
            ),
        });
    } else {
        problems.push(Problem::PublicSpace {
            message: format!(
                "{net} is public address space, outside the private ranges 10.0.0.0/8, \
                 172.16.0.0/12 and 192.168.0.0/16. Choose a block inside one of them: \
                 Private Deploy installs the environment only in private address space."
            ),
        });
    }
}

/// Words for how the checked block relates to `other`.
fn describe(relation: Relation, other: &str) -> String {
    match relation {
        Relation::Equal => format!("{other} is the same range"),
        Relation::Contains => format!("it contains {other}"),
        Relation::ContainedBy => format!("{other} contains it"),
    }
}

/// Strict IPv4 CIDR parsing: dotted decimal without leading zeros, `/`, prefix 0–32.
fn parse(text: &str) -> Result<Ipv4Net, Problem> {
    let malformed = |message: String| Problem::Malformed { message };
    if text.is_empty() {
        return Err(malformed(format!(
            "Enter a VPC block as an IPv4 address and a prefix length, for example {EXAMPLE}."
        )));
    }
    if text.contains(':') {
        return Err(malformed(format!(
            "\"{text}\" looks like IPv6; a VPC's primary block is IPv4, for example {EXAMPLE}."
        )));
    }
    let not_cidr = || {
        malformed(format!(
            "\"{text}\" is not an IPv4 CIDR block. Write an IPv4 address, a slash and a \
             prefix length, for example {EXAMPLE}."
        ))
    };
    let Some((addr, prefix)) = text.split_once('/') else {
        return Err(if text.parse::<Ipv4Addr>().is_ok() {
            malformed(format!("\"{text}\" has no prefix length. Add one after a slash, for example {EXAMPLE}."))
        } else {
            not_cidr()
        });
    };
    let addr: Ipv4Addr = addr.parse().map_err(|_| not_cidr())?;
    let digits_ok = !prefix.is_empty()
        && prefix.len() <= 2
        && prefix.bytes().all(|b| b.is_ascii_digit())
        && !(prefix.len() == 2 && prefix.starts_with('0'));
    let prefix: u8 = match prefix.parse() {
        Ok(p) if digits_ok && p <= 32 => p,
        _ => {
            return Err(malformed(format!(
                "\"{text}\" has an invalid prefix length: it must be a number from 0 to 32 \
                 (a VPC uses /{MIN_PREFIX} to /{MAX_PREFIX}), for example {EXAMPLE}."
            )))
        }
    };
    Ipv4Net::new(addr, prefix).map_err(|_| not_cidr())
}
