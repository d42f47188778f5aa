//! How often to poll, and how long what is left should take.
//!
//! Polling is fast while resources change (CloudFormation moves in bursts), slows down while
//! nothing happens (a NAT gateway or a load balancer takes minutes) and slows down further
//! when AWS throttles the describe calls: those share an account-wide rate limit with
//! everything else the admin runs, and a throttled poll is only a late poll.
//!
//! The estimate uses, per resource type, the average creation time of earlier completed
//! installs in the journal, else a default below.

use std::collections::HashMap;
use std::time::Duration;

/// The interval while resources change.
pub const FAST: Duration = Duration::from_secs(2);
/// The longest interval while nothing changes.
pub const IDLE_MAX: Duration = Duration::from_secs(10);
/// The longest interval after throttling.
pub const THROTTLED_MAX: Duration = Duration::from_secs(30);

/// What the last poll saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PollOutcome {
    /// A stack, a resource or an event was new.
    Changed,
    /// Nothing new.
    Idle,
    /// AWS throttled a call (after the SDK's own retries) or the network failed.
    Throttled,
}

/// The wait before the next poll.
pub fn next_interval(current: Duration, outcome: PollOutcome) -> Duration {
    match outcome {
        PollOutcome::Changed => FAST,
        PollOutcome::Idle => (current * 2).clamp(FAST, IDLE_MAX),
        PollOutcome::Throttled => (current.max(FAST) * 2).min(THROTTLED_MAX),
    }
}

/// How long creating a resource of `resource_type` usually takes, when no earlier install
/// says otherwise. Measured by hand on AWS; only the order of magnitude matters.
pub fn default_duration(resource_type: &str) -> Duration {
    let secs = match resource_type {
        "AWS::EC2::NatGateway" => 120,
        "AWS::ElasticLoadBalancingV2::LoadBalancer" => 180,
        "AWS::CloudFormation::Stack" => 60,
        "AWS::IAM::Role" | "AWS::IAM::ManagedPolicy" => 20,
        "AWS::IAM::Policy" => 15,
        "AWS::EC2::InternetGateway" | "AWS::EC2::VPCGatewayAttachment" => 15,
        "AWS::EC2::VPC" => 10,
        "AWS::EC2::Subnet" | "AWS::EC2::EIP" | "AWS::EC2::SecurityGroup" => 5,
        "AWS::EC2::RouteTable" | "AWS::EC2::Route" | "AWS::EC2::SubnetRouteTableAssociation" => 5,
        _ => 30,
    };
    Duration::from_secs(secs)
}

/// Expected creation time per resource type.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Estimates {
    measured: HashMap<String, Duration>,
}

impl Estimates {
    /// From (resource type, milliseconds) of earlier installs: the average per type.
    pub fn from_history(durations: &[(String, u64)]) -> Self {
        let mut sums: HashMap<&str, (u64, u64)> = HashMap::new();
        for (kind, ms) in durations {
            let entry = sums.entry(kind.as_str()).or_default();
            entry.0 += ms;
            entry.1 += 1;
        }
        let measured =
            sums.into_iter().map(|(kind, (sum, n))| (kind.to_owned(), Duration::from_millis(sum / n))).collect();
        Self { measured }
    }

    pub fn expected(&self, resource_type: &str) -> Duration {
        self.measured.get(resource_type).copied().unwrap_or_else(|| default_duration(resource_type))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polling_is_fast_on_change_slows_when_idle_and_slower_when_throttled() {
        let mut interval = FAST;
        let mut seen = Vec::new();
        for _ in 0..4 {
            interval = next_interval(interval, PollOutcome::Idle);
            seen.push(interval.as_secs());
        }
        assert_eq!(seen, vec![4, 8, 10, 10]);
        assert_eq!(next_interval(interval, PollOutcome::Changed), FAST);
        let mut throttled = Vec::new();
        let mut interval = FAST;
        for _ in 0..5 {
            interval = next_interval(interval, PollOutcome::Throttled);
            throttled.push(interval.as_secs());
        }
        assert_eq!(throttled, vec![4, 8, 16, 30, 30]);
        assert_eq!(next_interval(interval, PollOutcome::Idle), IDLE_MAX, "after throttling, idle polling resumes");
    }

    #[test]
    fn history_overrides_the_defaults_per_type() {
        let estimates = Estimates::from_history(&[
            ("AWS::EC2::NatGateway".into(), 90_000),
            ("AWS::EC2::NatGateway".into(), 110_000),
        ]);
        assert_eq!(estimates.expected("AWS::EC2::NatGateway"), Duration::from_secs(100));
        assert_eq!(estimates.expected("AWS::ElasticLoadBalancingV2::LoadBalancer"), Duration::from_secs(180));
        assert_eq!(estimates.expected("AWS::Something::New"), Duration::from_secs(30));
    }
}
