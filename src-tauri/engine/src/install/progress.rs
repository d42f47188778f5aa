//! The progress bar: resources done out of the resources in the templates, elapsed time and
//! an estimate of the rest.
//!
//! "Total" is counted from the templates' text (with their conditions applied), so the bar
//! has its full length before CloudFormation lists anything and the stack still to launch
//! counts from the start. A nested stack counts as one resource of its parent (done when it
//! completes); its own resources are shown as rows but are not in the bar, since the parent
//! template does not say how many there are. "Done" is a resource of a launched stack in a
//! terminal `*_COMPLETE` state (create, update or import), or every resource of a completed
//! stack.
//!
//! Time is tokio's, so tests with paused time run instantly and see exact numbers.

use std::collections::HashMap;
use std::time::Duration;

use tokio::time::Instant;

use super::model::InstallEvent;
use super::template_resources::TemplateResource;
use crate::stacks::status::{is_done, is_resource_in_progress, ResourceStatus};
use crate::stacks::timing::Estimates;

/// How long creating `resources` should take, one after the other: the plan's estimate, and
/// what [`Progress::eta`] says before anything is done.
pub fn expected_time(resources: &[TemplateResource], estimates: &Estimates) -> Duration {
    resources.iter().map(|r| estimates.expected(&r.resource_type)).sum()
}

#[derive(Debug)]
struct StackProgress {
    name: String,
    resources: Vec<TemplateResource>,
    status: HashMap<String, ResourceStatus>,
    /// When each resource was first seen in progress.
    since: HashMap<String, Instant>,
    complete: bool,
}

#[derive(Debug)]
pub struct Progress {
    started: Instant,
    /// Time that passed before this process took over (a resumed install).
    before: Duration,
    estimates: Estimates,
    stacks: Vec<StackProgress>,
}

impl Progress {
    /// `stacks`: each launched stack's name and template resources, in launch order.
    pub fn new(stacks: Vec<(String, Vec<TemplateResource>)>, estimates: Estimates, before: Duration) -> Self {
        let stacks = stacks
            .into_iter()
            .map(|(name, resources)| StackProgress {
                name,
                resources,
                status: HashMap::new(),
                since: HashMap::new(),
                complete: false,
            })
            .collect();
        Self { started: Instant::now(), before, estimates, stacks }
    }

    /// A resource of the launched stack `stack` is now in `status`. Resources of other stacks
    /// (nested ones) are not in the bar and are ignored.
    pub fn resource(&mut self, stack: &str, logical_id: &str, resource_type: &str, status: &ResourceStatus) {
        let Some(s) = self.stacks.iter_mut().find(|s| s.name == stack) else { return };
        if !s.resources.iter().any(|r| r.logical_id == logical_id) {
            // Not in the template as read: count it all the same, so that done never exceeds total.
            s.resources.push(TemplateResource {
                logical_id: logical_id.to_owned(),
                resource_type: resource_type.to_owned(),
                condition: None,
            });
        }
        if is_resource_in_progress(status) {
            s.since.entry(logical_id.to_owned()).or_insert_with(Instant::now);
        }
        s.status.insert(logical_id.to_owned(), status.clone());
    }

    /// The stack `stack` completed: all its resources are done.
    pub fn stack_complete(&mut self, stack: &str) {
        if let Some(s) = self.stacks.iter_mut().find(|s| s.name == stack) {
            s.complete = true;
        }
    }

    pub fn elapsed(&self) -> Duration {
        self.before + self.started.elapsed()
    }

    pub fn counts(&self) -> (u32, u32) {
        let mut done = 0;
        let mut total = 0;
        for s in &self.stacks {
            total += s.resources.len();
            done += if s.complete {
                s.resources.len()
            } else {
                s.resources.iter().filter(|r| s.status.get(&r.logical_id).is_some_and(is_done)).count()
            };
        }
        (u32::try_from(done).unwrap_or(u32::MAX), u32::try_from(total).unwrap_or(u32::MAX))
    }

    /// What is left: the expected time of every resource not done, less the time those in
    /// progress have already taken. Resources are summed as if created one after the other,
    /// which is close for the slow ones here (they wait for each other) and errs on the long
    /// side for the quick ones.
    pub fn eta(&self) -> Option<Duration> {
        let now = Instant::now();
        let mut left = Duration::ZERO;
        let mut any = false;
        for s in self.stacks.iter().filter(|s| !s.complete) {
            for r in &s.resources {
                if s.status.get(&r.logical_id).is_some_and(is_done) {
                    continue;
                }
                any = true;
                let taken = s.since.get(&r.logical_id).map(|t| now - *t).unwrap_or_default();
                left += self.estimates.expected(&r.resource_type).saturating_sub(taken);
            }
        }
        any.then_some(left)
    }

    pub fn event(&self) -> InstallEvent {
        let (done, total) = self.counts();
        InstallEvent::Progress {
            done,
            total,
            elapsed_ms: u64::try_from(self.elapsed().as_millis()).unwrap_or(u64::MAX),
            eta_ms: self.eta().map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn res(id: &str, kind: &str) -> TemplateResource {
        TemplateResource { logical_id: id.into(), resource_type: kind.into(), condition: None }
    }

    #[tokio::test(start_paused = true)]
    async fn done_total_and_eta_follow_the_resources() {
        let mut p = Progress::new(
            vec![
                ("access".into(), vec![res("Role", "AWS::IAM::Role")]),
                ("env".into(), vec![res("Vpc", "AWS::EC2::VPC"), res("Nat", "AWS::EC2::NatGateway")]),
            ],
            Estimates::default(),
            Duration::from_secs(5),
        );
        assert_eq!(p.counts(), (0, 3));
        assert_eq!(p.eta(), Some(Duration::from_secs(20 + 10 + 120)));
        p.resource("access", "Role", "AWS::IAM::Role", &ResourceStatus::CreateInProgress);
        tokio::time::advance(Duration::from_secs(8)).await;
        assert_eq!(p.eta(), Some(Duration::from_secs(12 + 10 + 120)));
        p.resource("access", "Role", "AWS::IAM::Role", &ResourceStatus::CreateComplete);
        p.resource("env-Nested-1", "Inner", "AWS::EC2::Subnet", &ResourceStatus::CreateComplete);
        assert_eq!(p.counts(), (1, 3), "nested stacks' resources are not in the bar");
        p.stack_complete("env");
        assert_eq!(p.counts(), (3, 3));
        assert_eq!(p.eta(), None);
        match p.event() {
            InstallEvent::Progress { elapsed_ms, .. } => assert_eq!(elapsed_ms, 13_000),
            other => panic!("{other:?}"),
        }
    }
}
