//! Unit tests of `suggest`: order, skipping, exhaustion, edges, speed.

use std::time::{Duration, Instant};

use super::*;

fn net(text: &str) -> Ipv4Net {
    text.parse().unwrap()
}

fn nets(texts: &[&str]) -> Vec<Ipv4Net> {
    texts.iter().map(|t| net(t)).collect()
}

fn taken(cidrs: &[&str]) -> PlanContext {
    PlanContext {
        existing: cidrs
            .iter()
            .enumerate()
            .map(|(i, c)| ExistingBlock {
                cidr: net(c),
                vpc_id: format!("vpc-{i}"),
                name: None,
                region: "us-east-1".to_owned(),
            })
            .collect(),
        ..PlanContext::default()
    }
}

fn avoiding(cidrs: &[&str]) -> PlanContext {
    PlanContext {
        avoid: cidrs.iter().map(|c| AvoidBlock { cidr: net(c), label: "mine".to_owned() }).collect(),
        ..PlanContext::default()
    }
}

#[test]
fn an_empty_context_starts_at_10_0_0_0() {
    let s = suggest(16, &PlanContext::default(), 3).unwrap();
    assert_eq!(s.prefix, 16);
    assert_eq!(s.blocks, nets(&["10.0.0.0/16", "10.1.0.0/16", "10.2.0.0/16"]));
    assert!(!s.exhausted);
    assert!(s.unread_regions.is_empty());
}

#[test]
fn a_taken_block_is_skipped() {
    let s = suggest(16, &taken(&["10.0.0.0/16"]), 1).unwrap();
    assert_eq!(s.blocks, nets(&["10.1.0.0/16"]));
}

#[test]
fn user_networks_are_skipped_too() {
    let s = suggest(16, &avoiding(&["10.0.0.0/15"]), 1).unwrap();
    assert_eq!(s.blocks, nets(&["10.2.0.0/16"]));
}

#[test]
fn a_partly_used_block_is_not_offered() {
    // 10.0.0.0/16 holds a small VPC: the whole /16 is unusable, its neighbour is not.
    let s = suggest(16, &taken(&["10.0.200.0/28"]), 1).unwrap();
    assert_eq!(s.blocks, nets(&["10.1.0.0/16"]));
    // Smaller blocks fill the gap around it.
    let s = suggest(24, &taken(&["10.0.0.0/24", "10.0.1.16/28"]), 2).unwrap();
    assert_eq!(s.blocks, nets(&["10.0.2.0/24", "10.0.3.0/24"]));
    let s = suggest(25, &taken(&["10.0.0.0/24", "10.0.1.128/26"]), 2).unwrap();
    assert_eq!(s.blocks, nets(&["10.0.1.0/25", "10.0.2.0/25"]));
}

#[test]
fn after_a_large_taken_block_the_next_aligned_start_is_used() {
    // 10.0.0.0/24 taken: the next free /20 is 10.0.16.0, not 10.0.1.0.
    let s = suggest(20, &taken(&["10.0.0.0/24"]), 1).unwrap();
    assert_eq!(s.blocks, nets(&["10.0.16.0/20"]));
}

#[test]
fn reserved_ranges_are_never_suggested() {
    let s = suggest(16, &PlanContext::default(), 300).unwrap();
    for reserved in RESERVED {
        assert!(!s.blocks.contains(&reserved.cidr), "{} suggested", reserved.cidr);
    }
    assert!(s.blocks.contains(&net("10.99.0.0/16")));
    assert!(s.blocks.contains(&net("10.101.0.0/16")));
    let at = s.blocks.iter().position(|b| *b == net("10.99.0.0/16")).unwrap();
    assert_eq!(s.blocks[at + 1], net("10.101.0.0/16"));
    // 172.16/12 without 172.17 and 172.20, then 192.168/16.
    assert_eq!(s.blocks.len(), 255 + 14 + 1);
    assert_eq!(s.blocks[255..258], nets(&["172.16.0.0/16", "172.18.0.0/16", "172.19.0.0/16"]));
    assert_eq!(s.blocks[269], net("192.168.0.0/16"));
    assert!(s.exhausted);
}

#[test]
fn small_blocks_skip_reserved_ranges_precisely() {
    let ctx = avoiding(&["10.0.0.0/10", "10.64.0.0/11", "10.96.0.0/14"]);
    // Free: 10.100.0.0/14 minus 10.100.0.0/16 starts at 10.101.0.0.
    let s = suggest(25, &ctx, 2).unwrap();
    assert_eq!(s.blocks, nets(&["10.101.0.0/25", "10.101.0.128/25"]));
}

#[test]
fn once_10_8_is_full_16s_come_from_172_16_12() {
    let s = suggest(16, &taken(&["10.0.0.0/8"]), 2).unwrap();
    assert_eq!(s.blocks, nets(&["172.16.0.0/16", "172.18.0.0/16"]));
}

#[test]
fn once_10_8_and_172_16_12_are_full_192_168_is_used() {
    let s = suggest(24, &taken(&["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/24"]), 2).unwrap();
    assert_eq!(s.blocks, nets(&["192.168.1.0/24", "192.168.2.0/24"]));
}

#[test]
fn everything_taken_is_exhausted_with_no_blocks() {
    let ctx = taken(&["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]);
    for prefix in [16, 22, 25] {
        let s = suggest(prefix, &ctx, 5).unwrap();
        assert!(s.blocks.is_empty(), "/{prefix}: {:?}", s.blocks);
        assert!(s.exhausted);
    }
    let s = suggest(16, &avoiding(&["0.0.0.0/0"]), 1).unwrap();
    assert!(s.blocks.is_empty() && s.exhausted);
}

#[test]
fn fewer_free_blocks_than_asked_is_exhausted_and_returns_them() {
    let ctx = taken(&[
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/17",
        "192.168.128.0/18",
        "192.168.192.0/19",
        "192.168.224.0/20",
        "192.168.240.0/21",
        "192.168.248.0/22",
        "192.168.252.0/23",
    ]);
    let s = suggest(24, &ctx, 5).unwrap();
    assert_eq!(s.blocks, nets(&["192.168.254.0/24", "192.168.255.0/24"]));
    assert!(s.exhausted);
    let s = suggest(24, &ctx, 2).unwrap();
    assert!(!s.exhausted);
}

#[test]
fn the_last_block_of_the_last_pool_and_the_end_of_the_address_space() {
    let ctx = PlanContext {
        existing: taken(&[
            "10.0.0.0/8",
            "172.16.0.0/12",
            "192.168.0.0/17",
            "192.168.128.0/18",
            "192.168.192.0/19",
            "192.168.224.0/20",
            "192.168.240.0/21",
            "192.168.248.0/22",
            "192.168.252.0/23",
            "192.168.254.0/24",
            "192.168.255.0/25",
        ])
        .existing,
        avoid: avoiding(&["192.169.0.0/16", "255.255.255.0/24"]).avoid,
        ..PlanContext::default()
    };
    let s = suggest(25, &ctx, 3).unwrap();
    assert_eq!(s.blocks, nets(&["192.168.255.128/25"]));
    assert!(s.exhausted);
}

#[test]
fn a_taken_range_reaching_255_255_255_255_does_not_overflow() {
    let s = suggest(16, &avoiding(&["192.0.0.0/2"]), 300).unwrap();
    assert_eq!(s.blocks.len(), 255 + 14);
    assert_eq!(s.blocks.last(), Some(&net("172.31.0.0/16")));
    assert!(s.exhausted);
    let s = suggest(
        25,
        &avoiding(&["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/17", "192.168.128.0/17", "255.255.255.128/25"]),
        1,
    )
    .unwrap();
    assert!(s.blocks.is_empty() && s.exhausted);
}

#[test]
fn count_zero_gives_nothing_and_is_not_exhausted() {
    let s = suggest(16, &PlanContext::default(), 0).unwrap();
    assert!(s.blocks.is_empty());
    assert!(!s.exhausted);
}

#[test]
fn prefix_outside_16_to_25_is_an_error_naming_the_range() {
    for prefix in [0, 8, 15, 26, 27, 28, 29, 32, 255] {
        let err = suggest(prefix, &PlanContext::default(), 1).unwrap_err();
        assert_eq!(err, CidrError::PrefixOutOfRange { prefix });
        let text = err.to_string();
        assert!(text.contains("/16 to /25") && text.contains(&format!("/{prefix}")), "{text}");
    }
    assert!(suggest(16, &PlanContext::default(), 1).is_ok());
    assert!(suggest(25, &PlanContext::default(), 1).is_ok());
}

#[test]
fn unread_regions_are_passed_on() {
    let ctx = PlanContext { unread_regions: vec!["ap-east-1".to_owned()], ..PlanContext::default() };
    assert_eq!(suggest(20, &ctx, 1).unwrap().unread_regions, ["ap-east-1"]);
}

#[test]
fn suggestions_are_deterministic_regardless_of_input_order() {
    let a = taken(&["10.0.0.0/16", "10.3.0.0/16", "10.1.0.0/24"]);
    let b = taken(&["10.1.0.0/24", "10.3.0.0/16", "10.0.0.0/16"]);
    assert_eq!(suggest(16, &a, 4).unwrap(), suggest(16, &b, 4).unwrap());
    assert_eq!(suggest(16, &a, 2).unwrap().blocks, nets(&["10.2.0.0/16", "10.4.0.0/16"]));
}

/// 10,000 existing blocks that fill 10/8 and 172.16/12 and every other /28 of the start
/// of 192.168/16, shuffled. A walk that tests every aligned /25 against every block
/// would need about 10^9 comparisons here.
fn ten_thousand_blocks() -> PlanContext {
    let mut cidrs: Vec<Ipv4Net> = Vec::with_capacity(10_000);
    cidrs.extend(net("10.0.0.0/8").subnets(20).unwrap());
    cidrs.extend(net("172.16.0.0/12").subnets(24).unwrap());
    cidrs.extend(net("192.168.0.0/16").subnets(28).unwrap().step_by(2).take(10_000 - 8192));
    assert_eq!(cidrs.len(), 10_000);
    // Deterministic shuffle (xorshift), so sorting has work to do.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for i in (1..cidrs.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        cidrs.swap(i, (state % (i as u64 + 1)) as usize);
    }
    PlanContext {
        existing: cidrs
            .into_iter()
            .enumerate()
            .map(|(i, cidr)| ExistingBlock {
                cidr,
                vpc_id: format!("vpc-{i:05}"),
                name: None,
                region: "us-east-1".to_owned(),
            })
            .collect(),
        ..PlanContext::default()
    }
}

#[test]
fn ten_thousand_existing_blocks_are_fast() {
    let ctx = ten_thousand_blocks();
    let started = Instant::now();
    let s25 = suggest(25, &ctx, 5).unwrap();
    let s16 = suggest(16, &ctx, 5).unwrap();
    let elapsed = started.elapsed();
    // Every other /28 up to 192.168.225.224 is taken: the first free /25 comes after it.
    assert_eq!(
        s25.blocks,
        nets(&["192.168.226.0/25", "192.168.226.128/25", "192.168.227.0/25", "192.168.227.128/25", "192.168.228.0/25"])
    );
    assert!(s16.blocks.is_empty() && s16.exhausted);
    // Generous, to stay reliable in unoptimised builds on a busy machine (about 20 ms
    // there, under a millisecond optimised); testing every aligned /25 against every
    // block would take minutes.
    assert!(elapsed < Duration::from_millis(250), "two suggests took {elapsed:?}");
}
