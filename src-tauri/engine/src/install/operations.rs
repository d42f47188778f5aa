//! The Invite and Install steps as engine calls: opening an invite, planning and running an
//! install, retrying, cleaning up, resuming installs left in flight, and the status of every
//! recorded installation.
//!
//! Everything the admin typed is checked before the first call that changes anything in AWS
//! (only reads happen before: regions, VPC discovery, Availability Zones, looking for the
//! installation's stacks, see `adopting`), so bad input changes nothing in AWS and records
//! nothing in the journal.

use ipnet::Ipv4Net;

use crate::access;
use crate::aws::{self, CallContext};
use crate::engine::Engine;
use crate::failure::Error;
use crate::install::{
    self, effective_boundary, DeleteOptions, InstallError, InstallOutcome, InstallPlan, InstallRequest, InstallSink,
    InstallState, InstallationStatus, PlanSummary, StackKind, StackView,
};
use crate::invite::{self, Invite};
use crate::journal::{InstallationRecord, NewInstallation};
use crate::stacks;
use crate::stacks::{Estimates, StackHealth, Watch};
use crate::templates;
use jiff::Timestamp;

/// What `cidr` means when the admin leaves the block to the planner.
pub const AUTO_CIDR: &str = "auto";

impl Engine {
    /// Checks everything the admin asked for and works out the stacks, without changing
    /// anything in AWS or the journal.
    pub async fn plan_install(&self, request: &InstallRequest) -> Result<InstallPlan, Error> {
        // An invite that came over IPC skipped the file checks: run them again.
        let invite = invite::parse_invite(&serde_json::to_string(&request.invite).unwrap_or_default())?;
        let verification = invite::usable_verification(&invite, &invite::trusted_keys_from_env()?)?;
        if !verification.is_verified() {
            match &request.confirmed_vendor_account {
                Some(typed) => invite::confirm_vendor_account(&invite, typed)?,
                None => {
                    let status = serde_json::to_value(&verification)
                        .ok()
                        .and_then(|v| v.get("status").and_then(|s| s.as_str()).map(|s| s.replace('_', " ")))
                        .unwrap_or_else(|| "unverified".to_owned());
                    return Err(InstallError::NotConfirmed { status }.into());
                }
            }
        }
        let active = self.active()?;
        let account = self.identity().await?.account;
        install::check_vendor_account(&invite, &account)?;
        install::check_customer_account(&invite, &account)?;
        let home_region = active.session.region.clone();
        self.enabled_region(&request.region).await?;
        let use_boundary = effective_boundary(&invite, request.use_boundary);
        let recorded = self.journal.installation(&account, &invite.installation_id)?;
        let (cidr, zones, record_zones) = match &recorded {
            Some(recorded) => {
                let cidr = same_as_recorded(recorded, &invite, request, use_boundary)?;
                let (zones, known) = self.recorded_zones(recorded).await?;
                (cidr, zones, known)
            }
            None => {
                // An installation launched before the invite expired can still be retried.
                invite::check_not_expired(&invite, Timestamp::now())?;
                let (cidr, zones) = self.network_for_new_installation(&invite, request).await?;
                (cidr, zones, true)
            }
        };
        let mut plan = install::plan(&invite, &account, &home_region, &request.region, cidr, zones, use_boundary)?;
        plan.record_zones = record_zones;
        self.check_existing_stacks(&mut plan, recorded.as_ref()).await?;
        Ok(plan)
    }

    /// [`Engine::plan_install`] as the admin is shown it, with how long it should take.
    pub async fn plan_summary(&self, request: &InstallRequest) -> Result<PlanSummary, Error> {
        let plan = self.plan_install(request).await?;
        Ok(plan.summary(&self.estimates()?))
    }

    /// Expected creation time per resource type, from the installs this journal has seen:
    /// the one source of the plan's time and the progress view's estimate.
    pub fn estimates(&self) -> Result<Estimates, Error> {
        Ok(Estimates::from_history(&self.journal.resource_durations()?))
    }

    /// Installs: plans, records the installation, then launches and watches both stacks.
    /// Running it again for the same installation re-attaches to its stacks.
    pub async fn install(&self, request: InstallRequest, sink: &dyn InstallSink) -> Result<InstallOutcome, Error> {
        let plan = self.plan_install(&request).await?;
        self.install_planned(plan, sink).await
    }

    /// [`Engine::install`] of a plan [`Engine::plan_install`] just made (the CLI's `install`
    /// plans once, runs the preflight on that plan, then installs it).
    pub async fn install_planned(&self, plan: InstallPlan, sink: &dyn InstallSink) -> Result<InstallOutcome, Error> {
        let record = self.journal.begin_installation(&NewInstallation {
            installation_id: plan.installation_id.clone(),
            account: plan.account.clone(),
            home_region: plan.home_region.clone(),
            region: plan.region.clone(),
            cidr: plan.cidr,
            invite: serde_json::to_string(&plan.invite).unwrap_or_default(),
            use_boundary: plan.use_boundary,
            zones: zones_to_record(&plan),
            stacks: plan.stacks.iter().map(|s| (s.kind, s.region.clone(), s.name.clone())).collect(),
            at: Timestamp::now(),
        })?;
        self.run_recorded(&plan, &record, sink).await
    }

    /// Launches the installation again as recorded: after a Clean up, or after an install
    /// that stopped (network lost). A stack whose create or delete failed must be cleaned up
    /// first; one in UPDATE_ROLLBACK_FAILED must have its rollback continued.
    pub async fn retry(&self, installation_id: &str, sink: &dyn InstallSink) -> Result<InstallOutcome, Error> {
        let record = self.recorded(installation_id).await?;
        let active = self.active()?;
        for stack in self.journal.install_stacks(record.id)? {
            let Some(stack_id) = stack.stack_id.as_deref().filter(|_| stack.kind != StackKind::Nested) else {
                continue;
            };
            let cfn = aws::cloudformation_in(&active.session.config, &stack.region);
            if let Some(found) = stacks::describe_stack(&cfn, stack_id, &active.ctx()).await? {
                match found.health() {
                    StackHealth::FailedCreate | StackHealth::DeleteFailed => {
                        return Err(InstallError::NeedsCleanUp { stack: stack.name, status: found.status }.into());
                    }
                    StackHealth::UpdateRollbackFailed => {
                        return Err(InstallError::ContinueRollback { stack: stack.name, region: stack.region }.into())
                    }
                    _ => {}
                }
            }
        }
        self.resume(&record, sink).await
    }

    /// Re-attaches to every installation of the signed-in account that was still in flight
    /// (the app was closed or killed), and follows each to its end.
    pub async fn resume_installs(&self, sink: &dyn InstallSink) -> Result<Vec<InstallOutcome>, Error> {
        let account = self.identity().await?.account;
        let mut outcomes = Vec::new();
        for record in self.journal.installations()? {
            if record.account == account && record.state == InstallState::InProgress {
                outcomes.push(self.resume(&record, sink).await?);
            }
        }
        Ok(outcomes)
    }

    /// Deletes the installation's stack(s) whose create or delete failed (never one that
    /// works) and waits until each is `DELETE_COMPLETE`; a Retry then launches them again.
    /// `options` retain or force past resources of a stack in `DELETE_FAILED`.
    pub async fn clean_up(
        &self,
        installation_id: &str,
        options: &DeleteOptions,
        sink: &dyn InstallSink,
    ) -> Result<Vec<StackKind>, Error> {
        let record = self.recorded(installation_id).await?;
        let active = self.active()?;
        let ctx = active.ctx();
        let watch = Watch { journal: &self.journal, sink, ctx: &ctx, installation: record.id };
        stacks::clean_up(&record, &watch, options, |region| aws::cloudformation_in(&active.session.config, region))
            .await
    }

    /// Every installation in the journal with its stacks; those of the signed-in account
    /// with their live status (the journal's last one when AWS cannot be read).
    pub async fn install_status(&self) -> Result<Vec<InstallationStatus>, Error> {
        let active = self.active().ok();
        let account = match &active {
            Some(_) => Some(self.identity().await?.account),
            None => None,
        };
        let mut out = Vec::new();
        for record in self.journal.installations()? {
            let invite: Option<Invite> = serde_json::from_str(&record.invite).ok();
            let mut stacks = Vec::new();
            for stack in self.journal.install_stacks(record.id)? {
                let mut view = StackView {
                    kind: stack.kind,
                    name: stack.name.clone(),
                    region: stack.region.clone(),
                    stack_id: stack.stack_id.clone(),
                    status: stack.last_status.as_ref().map(|s| s.as_str().to_owned()),
                    health: stack.last_status.as_ref().map(stacks::health),
                    status_class: stack.last_status.as_ref().map(stacks::class),
                    reason: stack.last_reason.clone(),
                    live: false,
                };
                if let (Some(active), Some(stack_id)) = (&active, &stack.stack_id) {
                    if account.as_deref() == Some(record.account.as_str()) {
                        let cfn = aws::cloudformation_in(&active.session.config, &stack.region);
                        match stacks::describe_stack(&cfn, stack_id, &active.ctx()).await {
                            Ok(Some(found)) => {
                                view.health = Some(found.health());
                                view.status_class = Some(stacks::class(&found.status));
                                view.status = Some(found.status.as_str().to_owned());
                                view.reason = found.reason;
                                view.live = true;
                            }
                            Ok(None) => {
                                view.status = Some(stacks::StackStatus::DeleteComplete.as_str().to_owned());
                                view.health = Some(StackHealth::Deleted);
                                view.status_class = Some(stacks::class(&stacks::StackStatus::DeleteComplete));
                                view.live = true;
                            }
                            Err(err) => tracing::warn!(stack = %stack.name, error = %err, "could not read the stack"),
                        }
                    }
                }
                stacks.push(view);
            }
            out.push(InstallationStatus {
                installation_id: record.installation_id.clone(),
                vendor_name: invite.as_ref().map(|i| i.vendor.name.clone()).unwrap_or_default(),
                vendor_account_id: invite.as_ref().map(|i| i.vendor.account_id.clone()).unwrap_or_default(),
                account: record.account.clone(),
                home_region: record.home_region.clone(),
                region: record.region.clone(),
                cidr: record.cidr,
                use_boundary: record.use_boundary,
                state: record.state,
                phase: install::InstallPhase::of(record.state, &stacks),
                created_at: record.created_at,
                updated_at: record.updated_at,
                stacks,
            });
        }
        Ok(out)
    }

    pub(crate) async fn recorded(&self, installation_id: &str) -> Result<InstallationRecord, Error> {
        let account = self.identity().await?.account;
        self.journal.installation(&account, installation_id)?.ok_or_else(|| {
            InstallError::Unknown { installation_id: installation_id.to_owned(), account: account.clone() }.into()
        })
    }

    /// Runs a recorded installation again from its record.
    pub(crate) async fn resume(
        &self,
        record: &InstallationRecord,
        sink: &dyn InstallSink,
    ) -> Result<InstallOutcome, Error> {
        let invite: Invite = invite::parse_invite(&record.invite)?;
        let cidr = record.cidr;
        let (zones, record_zones) = self.recorded_zones(record).await?;
        let mut plan = install::plan(
            &invite,
            &record.account,
            &record.home_region,
            &record.region,
            cidr,
            zones,
            record.use_boundary,
        )?;
        plan.record_zones = record_zones;
        let record = self.journal.begin_installation(&NewInstallation {
            installation_id: record.installation_id.clone(),
            account: record.account.clone(),
            home_region: record.home_region.clone(),
            region: record.region.clone(),
            cidr: record.cidr,
            invite: record.invite.clone(),
            use_boundary: record.use_boundary,
            zones: zones_to_record(&plan),
            stacks: plan.stacks.iter().map(|s| (s.kind, s.region.clone(), s.name.clone())).collect(),
            at: Timestamp::now(),
        })?;
        self.run_recorded(&plan, &record, sink).await
    }

    async fn run_recorded(
        &self,
        plan: &InstallPlan,
        record: &InstallationRecord,
        sink: &dyn InstallSink,
    ) -> Result<InstallOutcome, Error> {
        let active = self.active()?;
        let ctx = CallContext { profile: active.session.profile.clone(), profile_kind: active.session.profile_kind };
        let watch = Watch { journal: &self.journal, sink, ctx: &ctx, installation: record.id };
        let (journal, ctx) = (&self.journal, &ctx);
        let (account, id) = (record.account.as_str(), record.installation_id.as_str());
        // After a new sign-in (credentials that expired mid-run, see `renewal`) every call
        // uses the new session: clients are made from the active session when needed.
        let current = || self.active().unwrap_or_else(|_| active.clone());
        // The role as installed: Manage acts on this record, not on the stack's outputs, which
        // the vendor's role could later rewrite; its documents are the plan's, so a role that
        // differs (an adopted stack someone changed) shows as changed from the start.
        let planned = planned_role(plan);
        let on_access = |outputs: Vec<(String, String)>| {
            let (iam, planned) = (aws::iam(&current().session.config), &planned);
            async move { access::record_installed(&iam, journal, ctx, account, id, &outputs, planned).await }
        };
        install::run_install_with(
            plan,
            record,
            &watch,
            |region| aws::cloudformation_in(&current().session.config, region),
            on_access,
            move |err| self.renew_or(err, account, id, sink),
        )
        .await
    }
}

/// A second install of a recorded installation must ask for what the first one did; `auto`
/// means the recorded block (the block the planner would pick now is a different one: the
/// installation's own VPC takes the first).
fn same_as_recorded(
    recorded: &InstallationRecord,
    invite: &Invite,
    request: &InstallRequest,
    use_boundary: bool,
) -> Result<Ipv4Net, Error> {
    if recorded.region != request.region {
        return Err(conflict(invite, "region", recorded.region.clone(), request.region.clone()));
    }
    if recorded.use_boundary != use_boundary {
        let word = |b: bool| if b { "on" } else { "off" }.to_owned();
        return Err(conflict(invite, "permissions boundary", word(recorded.use_boundary), word(use_boundary)));
    }
    let same_invite = invite::parse_invite(&recorded.invite)
        .map(|r| invite::canonical_json(&r) == invite::canonical_json(invite))
        .unwrap_or(false);
    if !same_invite {
        return Err(InstallError::DifferentInvite { installation_id: invite.installation_id.clone() }.into());
    }
    let block = recorded.cidr;
    let typed = request.cidr.trim();
    if typed != AUTO_CIDR && typed.parse::<Ipv4Net>().ok() != Some(block) {
        return Err(conflict(invite, "VPC block", block.to_string(), typed.to_owned()));
    }
    Ok(block)
}

fn zones_to_record(plan: &InstallPlan) -> Vec<String> {
    if plan.record_zones {
        plan.zones.to_vec()
    } else {
        Vec::new()
    }
}

fn conflict(invite: &Invite, what: &'static str, recorded: String, requested: String) -> Error {
    InstallError::Conflict { installation_id: invite.installation_id.clone(), what, recorded, requested }.into()
}

/// The role the access stack of `plan` creates, with the documents its template gives it.
fn planned_role(plan: &InstallPlan) -> access::PlannedRole {
    let access_stack = plan.stack(StackKind::Access);
    let param = |key: &str| {
        access_stack
            .and_then(|s| s.parameters.iter().find(|(k, _)| k == key))
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    };
    let partition = aws::partition::of_region(&plan.home_region);
    let scope = templates::GuardrailScope {
        partition,
        region: access_stack.map_or(plan.home_region.as_str(), |s| s.region.as_str()),
        account: &plan.account,
        role_path: param("RolePath"),
        role_name: param("RoleName"),
        stack_name: access_stack.map_or("", |s| s.name.as_str()),
        use_boundary: plan.use_boundary,
    };
    access::PlannedRole {
        role_name: param("RoleName").to_owned(),
        trust_policy: templates::trust_policy(
            &templates::Trust {
                vendor_account_id: param("VendorAccountId"),
                external_id: param("ExternalId"),
                // Stacks launched before these parameters existed have neither: the account, no identity.
                vendor_role_arn: Some(param("VendorRoleArn")).filter(|r| !r.is_empty()),
                require_source_identity: param("RequireSourceIdentity") == "true",
            },
            partition,
        ),
        window_policy: templates::access_window_always_open_policy(),
        guardrail_policy: templates::guardrail_policy(&scope),
    }
}
