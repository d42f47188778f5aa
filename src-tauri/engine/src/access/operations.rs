//! The Manage panel as engine calls: the vendor's access as it is, and every action on it.
//!
//! The installation is the one named, or the signed-in account's only one. The role is the
//! one the journal recorded when the install's access stack completed (for an installation
//! journaled before that record existed: found once from the access stack, its `RoleName`
//! output, else its `AWS::IAM::Role` resource, and then recorded). Every action that removes
//! access or deletes takes the account ID the admin typed, and checks it before the first
//! write: a wrong one changes nothing in AWS and records nothing. Each write is read back
//! from AWS and then journaled with the caller's ARN.
//!
//! Before every action the role is compared with what the journal expects: an action that
//! reduces access goes on and reports the changes it found; one that grants access (open the
//! window, always open, remove the boundary) is refused until the admin accepts them.

use std::collections::HashMap;
use std::sync::Arc;

use crate::access::{
    self, confirm_account, AccessActionKind, AccessActionRecord, AccessError, AccessNow, AccessStatus, AccessWindow,
    Actor, AuditQuery, AuditReport, Drift, ExpectedRole, Installed, LiveRole, RoleState, Scope, Target, TightenPreview,
    REVOKE_POLICY_NAME, SCOPED_POLICY_NAME,
};
use crate::aws::partition;
use crate::aws::{self, CallContext, Identity};
use crate::engine::{Active, Engine};
use crate::failure::Error;
use crate::failure::Explain as _;
use crate::install::{DeleteOptions, DeletionPreview, InstallSink, InstallationStatus, StackKind};
use crate::journal::{BaselineSource, InstallationRecord, StackRecord};
use crate::stacks::cloudformation::{self as cfn, StackState};
use crate::stacks::StackHealth;
use crate::templates::ACCESS_WINDOW_POLICY_NAME;
use jiff::{SignedDuration, Timestamp};

/// How many of the journal's actions the status lists.
const RECENT_ACTIONS: usize = 20;

/// An installation of the signed-in account, with what the journal knows of its stacks.
pub(super) struct Resolved {
    pub(super) active: Arc<Active>,
    pub(super) identity: Identity,
    pub(super) record: InstallationRecord,
    stacks: Vec<StackRecord>,
}

impl Resolved {
    fn stack(&self, kind: StackKind) -> Option<&StackRecord> {
        self.stacks.iter().find(|s| s.kind == kind)
    }

    fn target(&self, role_name: String) -> Target {
        Target {
            installation_id: self.record.installation_id.clone(),
            account: self.identity.account.clone(),
            caller_arn: self.identity.arn.clone(),
            role_name,
        }
    }
}

/// What one IAM action needs, resolved and checked against the journal.
struct Prepared {
    target: Target,
    iam: aws_sdk_iam::Client,
    ctx: CallContext,
    expected: ExpectedRole,
    live: Option<LiveRole>,
    /// What was changed outside Private Deploy, found before the action.
    drift: Vec<Drift>,
}

impl Prepared {
    fn actor<'a>(&'a self, journal: &'a crate::journal::Journal) -> Actor<'a> {
        Actor { iam: &self.iam, journal, ctx: &self.ctx, target: &self.target }
    }

    /// The action's result, with the changes found before it.
    fn reported(&self, result: Result<AccessActionRecord, Error>) -> Result<AccessActionRecord, Error> {
        result.map(|mut record| {
            record.drift = self.drift.clone();
            record
        })
    }
}

/// AWS's time, never the laptop's: the times written into the role's policies are compared
/// by AWS with its own clock. Writes read it just before writing (an STS answer's `Date`);
/// reads use the skew measured at sign-in.
impl Engine {
    async fn aws_now(&self) -> Result<Timestamp, Error> {
        let active = self.active()?;
        let id = aws::caller_identity(&aws_sdk_sts::Client::new(&active.session.config), &active.ctx()).await?;
        Ok(aws::aws_now(id.clock_skew_seconds))
    }
}

fn aws_now_for(identity: &Identity) -> Timestamp {
    aws::aws_now(identity.clock_skew_seconds)
}

impl Engine {
    pub(super) async fn resolve(&self, installation_id: Option<&str>) -> Result<Resolved, Error> {
        let active = self.active()?;
        let identity = self.identity().await?;
        let account = identity.account.clone();
        let mine: Vec<InstallationRecord> =
            self.journal.installations()?.into_iter().filter(|r| r.account == account).collect();
        let record = match installation_id {
            Some(id) => mine.into_iter().find(|r| r.installation_id == id).ok_or_else(|| {
                crate::install::InstallError::Unknown { installation_id: id.to_owned(), account: account.clone() }
            })?,
            None => match mine.len() {
                0 => return Err(AccessError::NoInstallation { account }.into()),
                1 => mine.into_iter().next().expect("one"),
                _ => {
                    let ids: Vec<String> = mine.into_iter().map(|r| r.installation_id).collect();
                    return Err(AccessError::WhichInstallation { account, ids: ids.join(", ") }.into());
                }
            },
        };
        let stacks = self.journal.install_stacks(record.id)?;
        Ok(Resolved { active, identity, record, stacks })
    }

    /// Resolves the installation and checks the typed account ID: before any write.
    async fn resolve_confirmed(&self, installation_id: Option<&str>, confirm: &str) -> Result<Resolved, Error> {
        let resolved = self.resolve(installation_id).await?;
        confirm_account(confirm, &resolved.identity.account)?;
        Ok(resolved)
    }

    /// The live stack of `kind`, or `None` when it was never created or is deleted.
    pub(super) async fn live_stack(
        &self,
        r: &Resolved,
        kind: StackKind,
    ) -> Result<Option<(StackRecord, StackState)>, Error> {
        let Some(stack) = r.stack(kind) else { return Ok(None) };
        let Some(stack_id) = stack.stack_id.as_deref() else { return Ok(None) };
        let client = aws::cloudformation_in(&r.active.session.config, &stack.region);
        let found = cfn::describe_stack(&client, stack_id, &r.active.ctx()).await?;
        Ok(found.filter(|s| s.health() != StackHealth::Deleted).map(|s| (stack.clone(), s)))
    }

    /// The role's name, from the access stack: only for an installation journaled before its
    /// role was (see [`Engine::expected`]).
    async fn role_name(&self, r: &Resolved) -> Result<(String, StackState), Error> {
        let (stack, state) = self
            .live_stack(r, StackKind::Access)
            .await?
            .ok_or_else(|| AccessError::NoAccessStack { installation_id: r.record.installation_id.clone() })?;
        let output = |key: &str| state.outputs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
        if let Some(name) = output("RoleName") {
            return Ok((name, state));
        }
        if let Some(name) = output("RoleArn").as_deref().and_then(access::role_name_from_arn) {
            return Ok((name.to_owned(), state));
        }
        let client = aws::cloudformation_in(&r.active.session.config, &stack.region);
        let resources = cfn::stack_resources(&client, &state.stack_id, &r.active.ctx()).await?;
        let name = resources
            .into_iter()
            .find(|res| res.resource_type == "AWS::IAM::Role")
            .and_then(|res| res.physical_id)
            .ok_or_else(|| AccessError::NoAccessStack { installation_id: r.record.installation_id.clone() })?;
        Ok((name, state))
    }

    /// The role as the journal expects it. An installation journaled before the journal kept
    /// one has its role found from the access stack, once, and recorded.
    async fn expected(&self, r: &Resolved) -> Result<ExpectedRole, Error> {
        let account = &r.identity.account;
        let id = &r.record.installation_id;
        if let Some(recorded) = self.journal.access_baseline(account, id)? {
            return Ok(recorded.expected);
        }
        if !self.journal.installation_predates_baseline(account, id)? {
            return Err(AccessError::NoBaseline { installation_id: id.clone() }.into());
        }
        let (role_name, access) = self.role_name(r).await?;
        let boundary = access.outputs.iter().find(|(k, _)| k == "BoundaryArn").map(|(_, v)| v.as_str());
        let installed = Installed { account, installation_id: id, role_name: &role_name, stack_boundary_arn: boundary };
        let iam = aws::iam(&r.active.session.config);
        access::record_baseline(&iam, &self.journal, &r.active.ctx(), &installed, BaselineSource::StackOutputs, None)
            .await
    }

    /// Resolves the installation and its role for one IAM action (checking the typed
    /// account ID first when the action removes access), and compares the role with what the
    /// journal expects: an action that grants access is refused while anything differs.
    async fn prepare(
        &self,
        installation_id: Option<&str>,
        confirm: Option<&str>,
        action: AccessActionKind,
    ) -> Result<Prepared, Error> {
        let r = match confirm {
            Some(typed) => self.resolve_confirmed(installation_id, typed).await?,
            None => self.resolve(installation_id).await?,
        };
        self.prepare_resolved(&r, action).await
    }

    async fn prepare_resolved(&self, r: &Resolved, action: AccessActionKind) -> Result<Prepared, Error> {
        let expected = self.expected(r).await?;
        let role = expected.role_name.clone();
        let iam = aws::iam(&r.active.session.config);
        let ctx = r.active.ctx();
        let live = access::read_live(&iam, &role, &ctx).await?;
        if live.is_none() && action != AccessActionKind::AcceptDrift {
            return Err(AccessError::RoleGone { role }.into());
        }
        let drift = access::compare(&expected, live.as_ref());
        if action.grants() && !drift.is_empty() {
            let what = match action {
                AccessActionKind::OpenWindow => "Opening the access window",
                AccessActionKind::AlwaysOpen => "Opening the access window for good",
                _ => "Removing the permissions boundary",
            };
            return Err(AccessError::Drift { action: what.to_owned(), role, changes: drift }.into());
        }
        Ok(Prepared { target: r.target(role), iam, ctx, expected, live, drift })
    }

    /// Accepts the changes made outside Private Deploy (`seen`: the ones the admin was shown,
    /// refused if the role changed again since): what IAM has now is expected from then on.
    /// `None` when nothing differs.
    pub async fn accept_drift(
        &self,
        installation_id: Option<&str>,
        seen: Option<&[Drift]>,
    ) -> Result<Option<AccessActionRecord>, Error> {
        let p = self.prepare(installation_id, None, AccessActionKind::AcceptDrift).await?;
        access::accept_drift(&p.actor(&self.journal), &p.expected, p.live.as_ref(), seen).await
    }

    /// The installation, its stacks and the role as they are now, with the journal's history.
    pub async fn access_status(&self, installation_id: Option<&str>) -> Result<AccessStatus, Error> {
        let r = self.resolve(installation_id).await?;
        let installation: InstallationStatus = self
            .install_status()
            .await?
            .into_iter()
            .find(|i| i.account == r.record.account && i.installation_id == r.record.installation_id)
            .ok_or_else(|| AccessError::NoInstallation { account: r.record.account.clone() })?;
        let ctx = r.active.ctx();
        let mut drift = Vec::new();
        let role = match self.expected(&r).await {
            Ok(expected) => {
                match access::read_live(&aws::iam(&r.active.session.config), &expected.role_name, &ctx).await {
                    Ok(live) => {
                        drift = access::compare(&expected, live.as_ref());
                        match live {
                            Some(live) => RoleState::Present { role: Box::new(live.view) },
                            None => RoleState::Gone { name: expected.role_name },
                        }
                    }
                    Err(err) => RoleState::Unreadable { error: err.failure() },
                }
            }
            Err(Error::Access(AccessError::NoAccessStack { .. } | AccessError::NoBaseline { .. })) => {
                RoleState::Gone { name: crate::templates::role_name_for(&r.record.installation_id) }
            }
            Err(err) => RoleState::Unreadable { error: err.failure() },
        };
        let inline = |name: &str| match &role {
            RoleState::Present { role } => {
                role.inline_policies.iter().find(|p| p.name == name).map(|p| p.document.clone())
            }
            _ => None,
        };
        let window = match &role {
            RoleState::Present { .. } => {
                access::parse_window(inline(ACCESS_WINDOW_POLICY_NAME).as_deref(), aws_now_for(&r.identity))
            }
            RoleState::Gone { .. } => AccessWindow::Closed,
            RoleState::Unreadable { .. } => AccessWindow::Unknown,
        };
        let sessions_revoked_before = inline(REVOKE_POLICY_NAME).as_deref().and_then(access::parse_revocation);
        let account = &r.record.account;
        let id = &r.record.installation_id;
        let revocations = [AccessActionKind::RevokeSessions, AccessActionKind::CutOff];
        let actions = access::offers(&installation, &role, &window);
        let recent_actions = self.journal.access_actions(account, id, &[], RECENT_ACTIONS)?;
        let access_now = AccessNow::derive(&role, &window, &recent_actions, aws_now_for(&r.identity));
        Ok(AccessStatus {
            installation,
            role,
            window,
            sessions_revoked_before,
            last_revocation: self.journal.access_actions(account, id, &revocations, 1)?.into_iter().next(),
            recent_actions,
            access_now,
            drift,
            read_at: Timestamp::now(),
            actions,
        })
    }

    /// Opens the access window from now for `hours` (1 to a week).
    pub async fn open_window(
        &self,
        installation_id: Option<&str>,
        hours: u32,
        confirm_account: &str,
    ) -> Result<AccessActionRecord, Error> {
        access::window::check_hours(hours)?;
        let p = self.prepare(installation_id, Some(confirm_account), AccessActionKind::OpenWindow).await?;
        p.reported(access::open_window(&p.actor(&self.journal), hours, self.aws_now().await?).await)
    }

    /// Closes the access window now: every call of the role is denied.
    pub async fn close_window(
        &self,
        installation_id: Option<&str>,
        confirm_account: &str,
    ) -> Result<AccessActionRecord, Error> {
        let p = self.prepare(installation_id, Some(confirm_account), AccessActionKind::CloseWindow).await?;
        p.reported(access::close_window(&p.actor(&self.journal)).await)
    }

    /// Removes the time limit: the template's "always open" document.
    pub async fn always_open(
        &self,
        installation_id: Option<&str>,
        confirm_account: &str,
    ) -> Result<AccessActionRecord, Error> {
        let p = self.prepare(installation_id, Some(confirm_account), AccessActionKind::AlwaysOpen).await?;
        p.reported(access::always_open(&p.actor(&self.journal)).await)
    }

    /// `AWSRevokeOlderSessions`: sessions issued before now are denied (see [`access::REVOKE_ALONE_WARNING`]).
    pub async fn revoke_sessions(
        &self,
        installation_id: Option<&str>,
        confirm_account: &str,
    ) -> Result<AccessActionRecord, Error> {
        let p = self.prepare(installation_id, Some(confirm_account), AccessActionKind::RevokeSessions).await?;
        p.reported(access::revoke_sessions(&p.actor(&self.journal), self.aws_now().await?).await)
    }

    /// Cut off now: close the window, then revoke the sessions (fail closed).
    pub async fn cut_off(
        &self,
        installation_id: Option<&str>,
        confirm_account: &str,
    ) -> Result<AccessActionRecord, Error> {
        let p = self.prepare(installation_id, Some(confirm_account), AccessActionKind::CutOff).await?;
        p.reported(access::cut_off(&p.actor(&self.journal), self.aws_now().await?).await)
    }

    /// Limits the role with the permissions boundary (the stack's, else the seed's, created).
    pub async fn attach_boundary(
        &self,
        installation_id: Option<&str>,
        confirm_account: &str,
    ) -> Result<AccessActionRecord, Error> {
        let p = self.prepare(installation_id, Some(confirm_account), AccessActionKind::AttachBoundary).await?;
        let stack_boundary = p.expected.stack_boundary_arn.as_deref();
        p.reported(access::attach_boundary(&p.actor(&self.journal), stack_boundary).await)
    }

    pub async fn remove_boundary(
        &self,
        installation_id: Option<&str>,
        confirm_account: &str,
    ) -> Result<AccessActionRecord, Error> {
        let p = self.prepare(installation_id, Some(confirm_account), AccessActionKind::RemoveBoundary).await?;
        p.reported(access::remove_boundary(&p.actor(&self.journal)).await)
    }

    /// The policy scoped to the environment stack's resources, and its diff against today's
    /// permissions. Changes nothing.
    pub async fn tighten_preview(&self, installation_id: Option<&str>) -> Result<TightenPreview, Error> {
        let r = self.resolve(installation_id).await?;
        self.tighten_preview_for(&r).await
    }

    async fn tighten_preview_for(&self, r: &Resolved) -> Result<TightenPreview, Error> {
        let expected = self.expected(r).await?;
        if expected.deleted {
            return Err(AccessError::RoleGone { role: expected.role_name }.into());
        }
        let role_name = expected.role_name;
        let ctx = r.active.ctx();
        let (env, state) = self.live_stack(r, StackKind::Environment).await?.ok_or_else(|| {
            AccessError::NotInEnvironment { installation_id: r.record.installation_id.clone(), what: "stack" }
        })?;
        let client = aws::cloudformation_in(&r.active.session.config, &env.region);
        let resources = cfn::stack_resources(&client, &state.stack_id, &ctx).await?;
        let output = |key: &str| state.outputs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
        let allocations: HashMap<String, String> =
            output("NatPublicIp").zip(output("NatEipAllocationId")).into_iter().collect();
        let scope =
            Scope { partition: partition::of_region(&env.region), region: &env.region, account: &r.identity.account };
        let (policy, listed) = access::scoped_policy(&resources, &state.stack_id, scope, &allocations);
        let role = access::role_view(&aws::iam(&r.active.session.config), &role_name, &ctx)
            .await?
            .ok_or_else(|| AccessError::RoleGone { role: role_name.clone() })?;
        let keep = [ACCESS_WINDOW_POLICY_NAME, REVOKE_POLICY_NAME, SCOPED_POLICY_NAME];
        let (current, proposed, detaches) =
            access::before_after(&role.attached_policies, &role.inline_policies, &keep, &policy);
        Ok(TightenPreview {
            role_name,
            policy_name: SCOPED_POLICY_NAME.to_owned(),
            policy: serde_json::to_string_pretty(&policy).unwrap_or_default(),
            diff: access::line_diff(&current, &proposed),
            current,
            proposed,
            resources: listed,
            detaches,
        })
    }

    /// Applies the tightened policy, worked out again now (not taken from the window).
    pub async fn tighten_apply(
        &self,
        installation_id: Option<&str>,
        confirm_account: &str,
    ) -> Result<AccessActionRecord, Error> {
        let r = self.resolve_confirmed(installation_id, confirm_account).await?;
        let p = self.prepare_resolved(&r, AccessActionKind::Tighten).await?;
        let preview = self.tighten_preview_for(&r).await?;
        p.reported(access::apply_tighten(&p.actor(&self.journal), &preview).await)
    }

    /// Deletes the role (policies, boundary, then the role). See [`access::DELETE_ROLE_WARNING`].
    pub async fn delete_role(
        &self,
        installation_id: Option<&str>,
        confirm_account: &str,
    ) -> Result<AccessActionRecord, Error> {
        let p = self.prepare(installation_id, Some(confirm_account), AccessActionKind::DeleteRole).await?;
        p.reported(access::delete_role(&p.actor(&self.journal)).await)
    }

    /// What deleting the stacks would do, before the admin confirms: each stack's state (and,
    /// in `DELETE_FAILED`, what failed and why), and the network interfaces in the
    /// environment's VPC that its stack did not create. Changes nothing.
    pub async fn delete_stacks_preview(&self, installation_id: Option<&str>) -> Result<DeletionPreview, Error> {
        let r = self.resolve(installation_id).await?;
        let ctx = r.active.ctx();
        let config = r.active.session.config.clone();
        let client_for = |region: &str| aws::cloudformation_in(&config, region);
        let stacks = access::inspect_stacks(&r.record, &self.journal, &ctx, &client_for).await?;
        let mut interfaces_read = true;
        let mut foreign_interfaces = Vec::new();
        let env =
            stacks.iter().find(|(s, seen)| s.kind == StackKind::Environment && seen.health != StackHealth::Deleted);
        if let Some((stack, _)) = env {
            let stack_id = stack.stack_id.clone().unwrap_or_default();
            let ec2 = aws::ec2_in(&config, &stack.region);
            match crate::stacks::foreign_interfaces(&client_for(&stack.region), &ec2, &stack_id, &ctx).await {
                Ok(found) => foreign_interfaces = found.map(|(_, list)| list).unwrap_or_default(),
                Err(err) => {
                    tracing::warn!(error = %err, "could not list the environment's network interfaces");
                    interfaces_read = false;
                }
            }
        }
        Ok(DeletionPreview {
            installation_id: r.record.installation_id.clone(),
            stacks: stacks.into_iter().map(|(_, seen)| seen).collect(),
            foreign_interfaces,
            interfaces_read,
            warning: access::DELETE_STACKS_WARNING.to_owned(),
        })
    }

    /// Cuts the vendor off, deletes the environment stack, then (the role stripped of what
    /// the stack does not own) the access stack, each verified `DELETE_COMPLETE` by stack ID;
    /// their status changes go to `sink`. `options` retain or force past the resources of a
    /// stack in `DELETE_FAILED`. See [`access::DELETE_STACKS_WARNING`].
    pub async fn delete_stacks(
        &self,
        installation_id: Option<&str>,
        confirm_account: &str,
        options: &DeleteOptions,
        sink: &dyn InstallSink,
    ) -> Result<AccessActionRecord, Error> {
        let r = self.resolve_confirmed(installation_id, confirm_account).await?;
        let ctx = r.active.ctx();
        let config = r.active.session.config.clone();
        let iam = aws::iam(&config);
        // The role the journal recorded at install (the stack's outputs are the vendor's to
        // rewrite); the stack's only for an installation journaled before that record.
        let (role, boundary, role_live) = match self.expected(&r).await {
            Ok(expected) if expected.deleted => (expected.role_name, expected.stack_boundary_arn, false),
            Ok(expected) => {
                let live = access::read_live(&iam, &expected.role_name, &ctx).await?.is_some();
                (expected.role_name, expected.stack_boundary_arn, live)
            }
            Err(Error::Access(AccessError::NoAccessStack { .. } | AccessError::NoBaseline { .. })) => {
                match self.role_name(&r).await {
                    Ok((name, state)) => {
                        let boundary = state.outputs.iter().find(|(k, _)| k == "BoundaryArn").map(|(_, v)| v.clone());
                        (name, boundary, true)
                    }
                    Err(Error::Access(AccessError::NoAccessStack { .. })) => (String::new(), None, false),
                    Err(err) => return Err(err),
                }
            }
            Err(err) => return Err(err),
        };
        let target = r.target(role);
        let actor = Actor { iam: &iam, journal: &self.journal, ctx: &ctx, target: &target };
        let delete = access::StackDelete {
            record: &r.record,
            journal: &self.journal,
            sink,
            ctx: &ctx,
            options,
            actor: &actor,
            role_live,
            stack_boundary: boundary.as_deref(),
            now: self.aws_now().await?,
        };
        let deleted = access::delete_stacks(&delete, |region| aws::cloudformation_in(&config, region)).await?;
        access::record_stacks_deleted(&actor, &deleted)
    }

    /// The CloudTrail timeline of the role since `query.since` (default: 7 days).
    pub async fn audit(&self, installation_id: Option<&str>, query: AuditQuery) -> Result<AuditReport, Error> {
        // A `since` that cannot be right is refused before any call (checked again on AWS's clock).
        if let Some(text) = query.since.as_deref() {
            access::check_since(text)?;
        }
        let r = self.resolve(installation_id).await?;
        let since = match query.since.as_deref() {
            Some(text) => access::parse_since(text, aws_now_for(&r.identity))?,
            None => aws_now_for(&r.identity) - SignedDuration::from_hours(7 * 24),
        };
        // CloudTrail names the role by its ARN, path included: the one the journal recorded at
        // install (the stack's outputs are the vendor's to rewrite), which outlives the role.
        let role_arn = self.expected(&r).await?.role_arn;
        // Every enabled region (AssumeRole is logged where the vendor's STS endpoint is), and
        // us-east-1 (IAM's events); when the regions cannot be listed, the ones known.
        let (listed, region_list_error) = match self.regions().await {
            Ok(listed) => (Some(listed), None),
            Err(err) => {
                tracing::warn!(error = %err, "could not list the regions for the audit");
                (None, Some(err.failure()))
            }
        };
        let regions =
            access::audit_regions(listed.as_deref().map(Vec::as_slice), &r.record.home_region, &r.record.region);
        let trails: Vec<(String, aws_sdk_cloudtrail::Client)> = regions
            .into_iter()
            .map(|region| {
                let client = aws::cloudtrail_in(&r.active.session.config, &region);
                (region, client)
            })
            .collect();
        let mut report = access::audit(&trails, &role_arn, &query, since, &r.active.ctx()).await?;
        report.region_list_error = region_list_error;
        Ok(report)
    }
}
