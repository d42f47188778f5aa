//! Suggests free aligned blocks by walking the gaps between taken ranges.

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;

use super::ranges::{MAX_PREFIX, MIN_PREFIX, PRIVATE_POOLS, RESERVED};
use super::span::{merge, Span};
use super::{CidrError, PlanContext, Suggestions};

/// Up to `count` free blocks of exactly `prefix`, aligned, overlapping no existing VPC
/// block, no user network and no reserved range. Deterministic: 10.0.0.0/8 first, then
/// 172.16.0.0/12, then 192.168.0.0/16, ascending within each.
///
/// Sorts and merges the taken ranges once (O(n log n)), then jumps over them, so the
/// walk costs O(taken ranges + count).
pub fn suggest(prefix: u8, ctx: &PlanContext, count: usize) -> Result<Suggestions, CidrError> {
    if !(MIN_PREFIX..=MAX_PREFIX).contains(&prefix) {
        return Err(CidrError::PrefixOutOfRange { prefix });
    }
    let taken = merge(
        ctx.existing
            .iter()
            .map(|b| Span::of(&b.cidr))
            .chain(ctx.avoid.iter().map(|b| Span::of(&b.cidr)))
            .chain(RESERVED.iter().map(|r| Span::of(&r.cidr)))
            .collect(),
    );
    let mut blocks = Vec::with_capacity(count.min(1024));
    for pool in &PRIVATE_POOLS {
        if blocks.len() >= count {
            break;
        }
        free_blocks(Span::of(pool), prefix, &taken, count, &mut blocks);
    }
    Ok(Suggestions { prefix, exhausted: blocks.len() < count, blocks, unread_regions: ctx.unread_regions.clone() })
}

/// Appends free blocks of `prefix` inside `pool` to `out` until it holds `count`.
/// `taken` is sorted and disjoint. `pool` is aligned to at least the block size.
fn free_blocks(pool: Span, prefix: u8, taken: &[Span], count: usize, out: &mut Vec<Ipv4Net>) {
    // u64 so that stepping past 255.255.255.255 cannot overflow.
    let size = 1u64 << (32 - prefix);
    let pool_end = u64::from(pool.end);
    let mut cursor = u64::from(pool.start);
    let mut next = taken.partition_point(|t| u64::from(t.end) < cursor);
    while out.len() < count && cursor + size - 1 <= pool_end {
        while next < taken.len() && u64::from(taken[next].end) < cursor {
            next += 1;
        }
        match taken.get(next) {
            Some(t) if u64::from(t.start) < cursor + size => {
                // Jump to the first aligned start after this taken range.
                cursor = (u64::from(t.end) + 1).div_ceil(size) * size;
            }
            _ => {
                let start = u32::try_from(cursor).unwrap_or(u32::MAX);
                out.push(Ipv4Net::new_assert(Ipv4Addr::from(start), prefix));
                cursor += size;
            }
        }
    }
}
