//! The names the install creates are free: the vendor's role and its boundary policy (IAM,
//! account-wide) and both stacks. A name held by this very installation (its stack exists,
//! which the plan accepted as this installation's) is re-attached, not a conflict.

use super::model::Check;
use super::scope::{told, Scope};
use crate::access::{get_role, policy_exists};
use crate::install::StackKind;
use crate::templates::boundary_name_for;

const ID: &str = "names";
const TITLE: &str = "Names are free";

enum Found {
    Free,
    Taken,
    Unknown(String),
}

fn found(exists: bool) -> Found {
    if exists {
        Found::Taken
    } else {
        Found::Free
    }
}

pub(crate) async fn check(scope: &Scope) -> Check {
    let role = scope.parameter(StackKind::Access, "RoleName").unwrap_or_default().to_owned();
    let path = scope.parameter(StackKind::Access, "RolePath").unwrap_or("/").to_owned();
    let boundary = boundary_name_for(&role);
    let boundary_arn = format!("arn:{}:iam::{}:policy{path}{boundary}", scope.partition(), scope.plan.account);
    let (iam, ctx) = (&scope.clients.iam, &scope.ctx);
    let (role_found, policy_found) =
        futures_util::join!(get_role(iam, &role, ctx), policy_exists(iam, &boundary_arn, ctx));
    let role_found = match role_found {
        Ok(role) => found(role.is_some()),
        Err(e) => Found::Unknown(told(&e)),
    };
    let policy_found = match policy_found {
        Ok(exists) => found(exists),
        Err(e) => Found::Unknown(told(&e)),
    };
    let mut lines = Vec::new();
    let mut taken = Vec::new();
    let mut unknown = Vec::new();
    let reattach = scope.exists(StackKind::Access);
    let mut note = |what: String, found: Found| match found {
        Found::Free => lines.push(format!("{what}: free")),
        Found::Taken if reattach => lines.push(format!("{what}: this installation's (re-attach)")),
        Found::Taken => {
            lines.push(format!("{what}: TAKEN"));
            taken.push(what);
        }
        Found::Unknown(err) => {
            lines.push(format!("{what}: could not be read ({err})"));
            unknown.push(what);
        }
    };
    note(format!("IAM role {role}"), role_found);
    // The boundary policy is created only with the boundary, but a policy of that name
    // would also stop a later Restrict from adding it.
    note(format!("IAM policy {boundary}"), policy_found);
    for stack in &scope.plan.stacks {
        let state = if stack.exists { "this installation's (re-attach)" } else { "free" };
        lines.push(format!("stack {} in {}: {state}", stack.name, stack.region));
    }
    let detail = lines.join("\n");
    if !taken.is_empty() {
        return Check::failure(ID, TITLE, format!("Already taken by something else: {}.", taken.join(", ")))
            .what_to_do(
                "Delete what holds the name (an earlier installation of this invite that was removed by hand, say), \
                 or ask the vendor for a new invite with another installation ID.",
            )
            .detail(detail);
    }
    if !unknown.is_empty() {
        return Check::warning(ID, TITLE, format!("Could not be checked: {}.", unknown.join(", ")))
            .what_to_do("Allow iam:GetRole and iam:GetPolicy to this identity to have the names checked, or go on: CloudFormation will say if one is taken.")
            .detail(detail);
    }
    let summary = if reattach {
        "The installation's names are free or already its own (re-attach)."
    } else {
        "The role, its boundary policy and both stack names are free."
    };
    Check::pass(ID, TITLE, summary).detail(detail)
}
