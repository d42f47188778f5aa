//! The role as expected, read from IAM and kept in the journal: recorded when the install's
//! access stack completes (or, for an installation journaled before this, the first time
//! Manage finds the role from the access stack), and replaced when the admin accepts the
//! changes made outside Private Deploy. See `drift` for the comparison.

use aws_sdk_iam::Client;
use serde_json::{json, Value};

use super::actor::Actor;
use super::drift::{compare, normalize, Drift, ExpectedRole, LiveRole};
use super::error::AccessError;
use super::iam;
use super::model::{AccessActionKind, AccessActionRecord};
use crate::aws::CallContext;
use crate::failure::Error;
use crate::journal::{BaselineSource, Journal};
use crate::templates::{ACCESS_WINDOW_POLICY_NAME, GUARDRAIL_POLICY_NAME};
use jiff::Timestamp;

/// The role as IAM has it now, with its boundary's default version; `None` when it does not exist.
pub async fn read_live(iam: &Client, role: &str, ctx: &CallContext) -> Result<Option<LiveRole>, Error> {
    let view = match iam::role_view(iam, role, ctx).await {
        Ok(Some(view)) => view,
        Ok(None) | Err(Error::Access(AccessError::RoleGone { .. })) => return Ok(None),
        Err(err) => return Err(err),
    };
    let boundary = match &view.boundary_arn {
        Some(arn) => Some(iam::boundary_state(iam, arn, ctx).await?),
        None => None,
    };
    Ok(Some(LiveRole { view, boundary }))
}

/// Where an installation's role is, and the boundary its access stack made.
pub struct Installed<'a> {
    pub account: &'a str,
    pub installation_id: &'a str,
    pub role_name: &'a str,
    pub stack_boundary_arn: Option<&'a str>,
}

/// What the install's plan says the role is: its name and the documents the access template
/// gives it. At install these, not what IAM shows, are expected: a role that differs (a stack
/// adopted by its parameters but changed by someone) is then shown as changed from the start.
pub struct PlannedRole {
    pub role_name: String,
    pub trust_policy: Value,
    pub window_policy: Value,
    pub guardrail_policy: Value,
}

impl PlannedRole {
    fn apply(&self, expected: &mut ExpectedRole) {
        expected.trust_policy = normalize(&self.trust_policy);
        for (name, doc) in
            [(ACCESS_WINDOW_POLICY_NAME, &self.window_policy), (GUARDRAIL_POLICY_NAME, &self.guardrail_policy)]
        {
            expected.inline_policies.insert(name.to_owned(), normalize(doc));
        }
    }
}

/// Reads the role back from IAM and records it as expected (with what `planned` says in place
/// of what IAM shows, when given), unless the journal has it already (a second run of the same
/// install). Returns what the journal expects.
pub async fn record_baseline(
    iam: &Client,
    journal: &Journal,
    ctx: &CallContext,
    installed: &Installed<'_>,
    source: BaselineSource,
    planned: Option<&PlannedRole>,
) -> Result<ExpectedRole, Error> {
    if let Some(recorded) = journal.access_baseline(installed.account, installed.installation_id)? {
        return Ok(recorded.expected);
    }
    let live = read_live(iam, installed.role_name, ctx)
        .await?
        .ok_or_else(|| AccessError::RoleGone { role: installed.role_name.to_owned() })?;
    let mut expected = ExpectedRole::from_live(&live, installed.stack_boundary_arn.map(str::to_owned));
    if let Some(planned) = planned {
        planned.apply(&mut expected);
    }
    journal.record_access_baseline(
        installed.account,
        installed.installation_id,
        &expected,
        source,
        Timestamp::now(),
    )?;
    // Another run may have recorded it first: the journal's is the one.
    Ok(journal.access_baseline(installed.account, installed.installation_id)?.map_or(expected, |r| r.expected))
}

/// Records the install's role once its access stack is complete: the role the plan named,
/// its documents as the plan has them, and the boundary from the stack's outputs.
pub async fn record_installed(
    iam: &Client,
    journal: &Journal,
    ctx: &CallContext,
    account: &str,
    installation_id: &str,
    outputs: &[(String, String)],
    planned: &PlannedRole,
) -> Result<(), Error> {
    let boundary = outputs.iter().find(|(k, _)| k == "BoundaryArn").map(|(_, v)| v.as_str());
    let installed = Installed { account, installation_id, role_name: &planned.role_name, stack_boundary_arn: boundary };
    record_baseline(iam, journal, ctx, &installed, BaselineSource::Install, Some(planned)).await.map(|_| ())
}

/// The admin reviewed `found` (the drift as it is now) and accepts it: the role as IAM has it
/// now is expected from then on. `seen`, when given, is the drift the admin was shown; if the
/// role changed again since, nothing is accepted.
pub async fn accept(
    actor: &Actor<'_>,
    expected: &ExpectedRole,
    live: Option<&LiveRole>,
    seen: Option<&[Drift]>,
) -> Result<Option<AccessActionRecord>, Error> {
    let found = compare(expected, live);
    if found.is_empty() {
        return Ok(None);
    }
    if seen.is_some_and(|seen| seen != found.as_slice()) {
        return Err(AccessError::DriftChanged { changes: found }.into());
    }
    let accepted = match live {
        Some(live) => ExpectedRole::from_live(live, expected.stack_boundary_arn.clone()),
        None => ExpectedRole { deleted: true, ..expected.clone() },
    };
    let summary = format!(
        "Accepted {} change{} made outside Private Deploy on role {}.",
        found.len(),
        if found.len() == 1 { "" } else { "s" },
        actor.role()
    );
    let mut record =
        actor
            .record_change(AccessActionKind::AcceptDrift, summary, &json!({ "accepted": found }), |e| *e = accepted)?;
    record.drift = found;
    Ok(Some(record))
}
