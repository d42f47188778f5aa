//! Why a stack failed: the earliest `*_FAILED` event with a reason, over the stack and the
//! stacks nested under it. CloudFormation follows a real failure with a cascade of generic
//! ones ("Resource creation cancelled" for everything still being created, "The following
//! resource(s) failed to create: [...]" on the stack and on the nested stack's resource in its
//! parent); those are only taken when nothing more specific was reported.

use super::status::is_failed_resource;
use crate::install::model::RootCause;
use crate::journal::StackEventRecord;

/// Reasons that only repeat another resource's failure.
fn is_cascade(reason: &str) -> bool {
    const PREFIXES: [&str; 3] =
        ["Resource creation cancelled", "Resource update cancelled", "Resource deletion cancelled"];
    PREFIXES.iter().any(|p| reason.starts_with(p))
        || reason.contains("The following resource(s) failed to")
        || reason.contains("was not successfully created")
        || reason.contains("was not successfully updated")
}

/// The earliest failure with a specific reason among `events` (any order, any stacks), else
/// the earliest failure with any reason.
pub fn root_cause(events: &[StackEventRecord]) -> Option<RootCause> {
    let mut failed: Vec<(usize, &StackEventRecord)> = events
        .iter()
        .enumerate()
        .filter(|(_, e)| is_failed_resource(&e.status))
        .filter(|(_, e)| e.reason.as_deref().is_some_and(|r| !r.trim().is_empty()))
        .collect();
    // Events of the same instant keep the order they were read.
    failed.sort_by_key(|(i, e)| (e.timestamp, *i));
    let reason = |e: &StackEventRecord| e.reason.clone().unwrap_or_default();
    let pick = failed.iter().find(|(_, e)| !is_cascade(&reason(e))).or_else(|| failed.first()).map(|(_, e)| *e)?;
    Some(RootCause {
        stack_name: pick.stack_name.clone(),
        logical_id: pick.logical_id.clone(),
        resource_type: pick.resource_type.clone(),
        reason: reason(pick),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stacks::ResourceStatus;

    fn event(stack: &str, logical: &str, kind: &str, status: &str, reason: &str, at: &str) -> StackEventRecord {
        StackEventRecord {
            stack_id: format!("arn:{stack}"),
            stack_name: stack.into(),
            event_id: format!("{stack}-{logical}-{status}-{at}"),
            logical_id: logical.into(),
            physical_id: None,
            resource_type: kind.into(),
            status: ResourceStatus::from(status),
            reason: (!reason.is_empty()).then(|| reason.to_owned()),
            timestamp: at.parse().unwrap(),
        }
    }

    #[test]
    fn the_earliest_specific_failure_wins_over_the_cascade_and_later_failures() {
        let events = vec![
            event("env", "Network", "AWS::CloudFormation::Stack", "CREATE_FAILED",
                "Embedded stack arn:aws:cloudformation:eu-west-1:1:stack/env-Network-X/1 was not successfully created: The following resource(s) failed to create: [NatGateway].",
                "2026-11-21T10:03:00Z"),
            event("env", "LoadBalancer", "AWS::ElasticLoadBalancingV2::LoadBalancer", "CREATE_FAILED",
                "Resource creation cancelled", "2026-11-21T10:02:59Z"),
            event("env-Network-X", "NatGateway", "AWS::EC2::NatGateway", "CREATE_FAILED",
                "The maximum number of NAT gateways has been reached. (Service: Ec2, Status Code: 400)",
                "2026-11-21T10:02:59.5Z"),
            event("env", "Vpc", "AWS::EC2::VPC", "DELETE_FAILED", "Network vpc-1 has dependencies", "2026-11-21T10:09:00Z"),
            event("env", "Role", "AWS::IAM::Role", "CREATE_FAILED", "", "2026-11-21T10:01:00Z"),
        ];
        let cause = root_cause(&events).unwrap();
        assert_eq!(cause.stack_name, "env-Network-X");
        assert_eq!(cause.logical_id, "NatGateway");
        assert_eq!(cause.resource_type, "AWS::EC2::NatGateway");
        assert!(cause.reason.starts_with("The maximum number of NAT gateways"));
    }

    #[test]
    fn only_cascade_messages_give_the_earliest_of_them() {
        let events = vec![
            event(
                "env",
                "B",
                "T",
                "CREATE_FAILED",
                "The following resource(s) failed to create: [A].",
                "2026-11-21T10:00:02Z",
            ),
            event("env", "A", "T", "CREATE_FAILED", "Resource creation cancelled", "2026-11-21T10:00:01Z"),
        ];
        assert_eq!(root_cause(&events).unwrap().logical_id, "A");
        assert_eq!(root_cause(&[]), None);
        let no_failure = [event("env", "A", "T", "CREATE_COMPLETE", "", "2026-11-21T10:00:01Z")];
        assert_eq!(root_cause(&no_failure), None);
    }
}
