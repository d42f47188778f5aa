//! Property tests: suggestions are valid, free, ordered and accepted by `check`, `check`
//! refuses every block that overlaps a VPC, and the environment takes every block the
//! planner offers or accepts.

use std::net::Ipv4Addr;

use proptest::prelude::*;

use super::span::Span;
use super::*;

/// Blocks mostly inside the private pools (so they collide with suggestions), sometimes
/// anywhere, with prefixes from /8 to /28 and sometimes with host bits set.
fn any_block() -> impl Strategy<Value = Ipv4Net> {
    let base = prop_oneof![
        4 => (0u32..1 << 24).prop_map(|o| u32::from(Ipv4Addr::new(10, 0, 0, 0)) + o),
        2 => (0u32..1 << 20).prop_map(|o| u32::from(Ipv4Addr::new(172, 16, 0, 0)) + o),
        2 => (0u32..1 << 16).prop_map(|o| u32::from(Ipv4Addr::new(192, 168, 0, 0)) + o),
        1 => any::<u32>(),
    ];
    (base, 8u8..=28).prop_map(|(addr, prefix)| Ipv4Net::new_assert(Ipv4Addr::from(addr), prefix))
}

fn any_context() -> impl Strategy<Value = PlanContext> {
    (prop::collection::vec(any_block(), 0..40), prop::collection::vec(any_block(), 0..10), any::<bool>()).prop_map(
        |(existing, avoid, allow_public)| PlanContext {
            existing: existing
                .into_iter()
                .enumerate()
                .map(|(i, cidr)| ExistingBlock {
                    cidr,
                    vpc_id: format!("vpc-{i}"),
                    name: None,
                    region: "us-east-1".to_owned(),
                })
                .collect(),
            avoid: avoid
                .into_iter()
                .enumerate()
                .map(|(i, cidr)| AvoidBlock { cidr, label: format!("net-{i}") })
                .collect(),
            allow_public,
            unread_regions: Vec::new(),
        },
    )
}

fn pool_of(block: &Ipv4Net) -> Option<usize> {
    PRIVATE_POOLS.iter().position(|pool| pool.contains(block))
}

fn taken(ctx: &PlanContext) -> Vec<Ipv4Net> {
    ctx.existing
        .iter()
        .map(|b| b.cidr)
        .chain(ctx.avoid.iter().map(|b| b.cidr))
        .chain(RESERVED.iter().map(|r| r.cidr))
        .collect()
}

/// The first `count` free blocks by testing every aligned block in preference order.
/// Only for prefixes up to /20, where there are few enough candidates.
fn brute_force(prefix: u8, ctx: &PlanContext, count: usize) -> Vec<Ipv4Net> {
    let taken: Vec<Span> = taken(ctx).iter().map(Span::of).collect();
    PRIVATE_POOLS
        .iter()
        .flat_map(|pool| pool.subnets(prefix).unwrap())
        .filter(|block| taken.iter().all(|t| !t.overlaps(Span::of(block))))
        .take(count)
        .collect()
}

proptest! {
    #[test]
    fn suggestions_are_aligned_free_distinct_and_ordered(
        ctx in any_context(),
        prefix in MIN_PREFIX..=MAX_PREFIX,
        count in 0usize..40,
    ) {
        let s = suggest(prefix, &ctx, count).unwrap();
        prop_assert_eq!(s.prefix, prefix);
        prop_assert!(s.blocks.len() <= count);
        prop_assert_eq!(s.exhausted, s.blocks.len() < count);
        let taken = taken(&ctx);
        for block in &s.blocks {
            prop_assert_eq!(block.prefix_len(), prefix);
            prop_assert_eq!(block.trunc(), *block, "not aligned");
            prop_assert!(pool_of(block).is_some(), "{} outside private space", block);
            for t in &taken {
                prop_assert!(!Span::of(t).overlaps(Span::of(block)), "{} overlaps {}", block, t);
            }
        }
        for pair in s.blocks.windows(2) {
            let (a, b) = (pool_of(&pair[0]).unwrap(), pool_of(&pair[1]).unwrap());
            prop_assert!(a <= b, "pool order broken: {} then {}", pair[0], pair[1]);
            if a == b {
                prop_assert!(pair[0].network() < pair[1].network(), "{} then {}", pair[0], pair[1]);
            }
        }
    }

    #[test]
    fn check_accepts_every_suggestion(
        ctx in any_context(),
        prefix in MIN_PREFIX..=MAX_PREFIX,
    ) {
        for block in suggest(prefix, &ctx, 8).unwrap().blocks {
            let report = check(&block.to_string(), &ctx);
            prop_assert!(report.ok, "{} refused: {:?}", block, report.problems);
            prop_assert!(report.warnings.is_empty(), "{:?}", report.warnings);
        }
    }

    #[test]
    fn the_environment_takes_every_block_the_planner_offers_or_accepts(
        ctx in any_context(),
        prefix in MIN_PREFIX..=MAX_PREFIX,
        typed in any_block(),
    ) {
        for block in suggest(prefix, &ctx, 4).unwrap().blocks {
            prop_assert!(crate::templates::subnet_plan(block).is_ok(), "{} offered but refused", block);
        }
        let report = check(&typed.to_string(), &ctx);
        if let Some(block) = report.cidr.filter(|_| report.ok) {
            prop_assert!(crate::templates::subnet_plan(block).is_ok(), "{} accepted but refused", block);
        }
    }

    #[test]
    fn suggestions_match_a_brute_force_walk(
        ctx in any_context(),
        prefix in MIN_PREFIX..=20u8,
        count in 1usize..10,
    ) {
        let s = suggest(prefix, &ctx, count).unwrap();
        prop_assert_eq!(s.blocks, brute_force(prefix, &ctx, count));
    }

    #[test]
    fn check_refuses_every_block_overlapping_a_vpc(
        ctx in any_context().prop_filter("needs a VPC", |c| !c.existing.is_empty()),
        pick in any::<prop::sample::Index>(),
        offset in any::<u32>(),
        prefix in MIN_PREFIX..=MAX_PREFIX,
    ) {
        let vpc = pick.get(&ctx.existing);
        // A block of `prefix` around an address inside the VPC block always overlaps it.
        let span = Span::of(&vpc.cidr);
        let size = u64::from(span.end - span.start) + 1;
        let inside = u64::from(span.start) + u64::from(offset) % size;
        let inside = Ipv4Addr::from(u32::try_from(inside).unwrap());
        let block = Ipv4Net::new_assert(inside, prefix).trunc();
        let report = check(&block.to_string(), &ctx);
        prop_assert!(!report.ok);
        let named = report.problems.iter().any(|p| matches!(
            p,
            Problem::OverlapsVpc { vpc_id, cidr, region, message, .. }
                if *vpc_id == vpc.vpc_id
                    && *cidr == vpc.cidr.trunc()
                    && message.contains(vpc_id.as_str())
                    && message.contains(region.as_str())
                    && message.contains(&cidr.to_string())
        ));
        prop_assert!(named, "{} not reported against {}: {:?}", block, vpc.vpc_id, report.problems);
    }
}
