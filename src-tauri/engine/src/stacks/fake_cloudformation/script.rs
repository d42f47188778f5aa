//! The scripts the fake CloudFormation plays: stacks, their stages, resources and events, and
//! how a DeleteStack ends; plus the constants tests compare against.

use std::sync::Arc;

pub const PAGE_SIZE: usize = 2;
pub const REGION: &str = "eu-west-1";
pub const NESTED: &str = "AWS::CloudFormation::Stack";
/// The stack's status reason when resources failed to delete, as CloudFormation words it.
pub const DELETE_FAILED_REASON: &str = "The following resource(s) failed to delete: [see the resources].";

/// The stack ID of the `attempt`-th stack named `name`.
pub fn arn(name: &str, attempt: usize) -> String {
    format!("arn:aws:cloudformation:{REGION}:123456789012:stack/{name}/uuid-{attempt}")
}

#[derive(Debug, Clone)]
pub struct Res {
    pub logical: &'static str,
    pub kind: &'static str,
    pub status: &'static str,
    pub reason: Option<&'static str>,
    pub physical: Option<String>,
}

pub fn res(logical: &'static str, kind: &'static str, status: &'static str) -> Res {
    Res { logical, kind, status, reason: None, physical: None }
}

/// A resource that failed to delete, with CloudFormation's reason.
pub fn delete_failed(logical: &'static str, kind: &'static str, physical: &str, reason: &'static str) -> Res {
    Res { logical, kind, status: "DELETE_FAILED", reason: Some(reason), physical: Some(physical.to_owned()) }
}

#[derive(Debug, Clone)]
pub struct Ev {
    pub id: &'static str,
    /// The stack's own events have the stack's name here.
    pub logical: String,
    pub kind: &'static str,
    pub status: &'static str,
    pub reason: Option<&'static str>,
    pub at: &'static str,
}

pub fn ev(id: &'static str, logical: &str, kind: &'static str, status: &'static str, at: &'static str) -> Ev {
    Ev { id, logical: logical.to_owned(), kind, status, reason: None, at }
}

impl Ev {
    pub fn because(mut self, reason: &'static str) -> Self {
        self.reason = Some(reason);
        self
    }
}

#[derive(Debug, Clone, Default)]
pub struct Stage {
    pub status: &'static str,
    pub reason: Option<&'static str>,
    pub resources: Vec<Res>,
    /// Events that happened in this stage, oldest first.
    pub events: Vec<Ev>,
    pub outputs: Vec<(&'static str, &'static str)>,
}

/// A stack and the stacks nested under it, as created by one CreateStack.
#[derive(Debug, Clone)]
pub struct Script {
    pub stages: Vec<Stage>,
    /// (name, stages) of each nested stack; its ID is [`arn`] with the root's attempt.
    pub nested: Vec<(String, Vec<Stage>)>,
}

/// How the next DeleteStack of a stack ends.
#[derive(Clone, Default)]
pub enum DeleteOutcome {
    #[default]
    Completes,
    /// `DELETE_FAILED`, these resources `DELETE_FAILED` with their reasons.
    Fails(Vec<Res>),
    /// Decided when DeleteStack is called (from the state of another fake, say): the
    /// resources that fail, none for a delete that completes.
    Check(Arc<dyn Fn() -> Vec<Res> + Send + Sync>),
}

impl std::fmt::Debug for DeleteOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DeleteOutcome::Completes => f.write_str("Completes"),
            DeleteOutcome::Fails(r) => write!(f, "Fails({r:?})"),
            DeleteOutcome::Check(_) => f.write_str("Check"),
        }
    }
}

/// One DeleteStack as CloudFormation received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteCall {
    pub stack: String,
    pub token: Option<String>,
    pub retain: Vec<String>,
    pub force: bool,
}
