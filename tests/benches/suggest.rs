//! `cidr::suggest` and `cidr::check` against 10,000 existing VPC blocks.
//! `cargo bench -p private-deploy-tests --bench suggest` (results in docs/BENCHMARKS.md).

use std::hint::black_box;
use std::time::{Duration, Instant};

use engine::network::cidr::{check, suggest, ExistingBlock, PlanContext};
use ipnet::Ipv4Net;

/// 10,000 blocks spread over 10/8 and 172.16/12, sizes /16 to /28, deterministic.
fn context() -> PlanContext {
    let mut state: u32 = 0x9e37_79b9;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state
    };
    let existing = (0..10_000)
        .map(|i| {
            let prefix = 16 + (next() % 13) as u8;
            let base: u32 =
                if i % 4 == 0 { 0xAC10_0000 | (next() & 0x000F_FFFF) } else { 0x0A00_0000 | (next() & 0x00FF_FFFF) };
            let cidr = Ipv4Net::new(base.into(), prefix).expect("prefix").trunc();
            ExistingBlock { cidr, vpc_id: format!("vpc-{i:017x}"), name: None, region: "us-east-1".into() }
        })
        .collect();
    PlanContext { existing, ..PlanContext::default() }
}

fn measure(label: &str, runs: usize, mut f: impl FnMut()) {
    f();
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    println!("{label}: min {:?}, median {:?}, max {:?} over {runs} runs", times[0], times[runs / 2], times[runs - 1]);
}

fn main() {
    let ctx = context();
    println!("{} existing blocks", ctx.existing.len());
    measure("suggest /16, 8 blocks", 200, || {
        black_box(suggest(16, black_box(&ctx), 8).expect("suggest"));
    });
    measure("suggest /24, 8 blocks", 200, || {
        black_box(suggest(24, black_box(&ctx), 8).expect("suggest"));
    });
    // The smallest block the planner offers (the environment's limit).
    measure("suggest /25, 1000 blocks", 200, || {
        black_box(suggest(25, black_box(&ctx), 1000).expect("suggest"));
    });
    measure("check 10.0.0.0/16", 200, || {
        black_box(check(black_box("10.0.0.0/16"), &ctx));
    });
}
