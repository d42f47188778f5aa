//! The TypeScript types of everything that crosses IPC, generated from the Rust types into
//! `ui/src/lib/bindings.ts`, followed by the commands themselves (see `ipc.rs`). The test below fails when the committed file is stale;
//! `make bindings` rewrites it.

use ts_rs::{Config, TS};

use engine::access::{
    AccessActionKind, AccessActionRecord, AccessStatus, AccessWindow, AttachedPolicy, AuditEvent, AuditIdentity,
    AuditQuery, AuditReport, AuditSession, DatabaseCheck, DatabaseNetworkBlock, DiffKind, DiffLine, Drift, DriftKind,
    InlinePolicy, NatAddress, RoleState, RoleView, ScopedResource, TightenPreview,
};
use engine::access::{AccessLevel, AccessNow, ConsoleLink, ConsoleTarget, ReadySummary};
use engine::access::{AccessRequest, AccessWarnings, ActionOffer};
use engine::aws::endpoints::EndpointOrigin;
use engine::aws::sso::{DeviceLogin, SsoAccount, SsoChoice, SsoConfigPreview, SsoLoggedIn, SsoTarget};
use engine::aws::{AwsProfile, EndpointOverride, Identity, ProfileKind, ProfileList};
use engine::diagnostics::{Diagnostics, TrustedKey};
use engine::handoff::{HandoffDocument, HandoffSent, HandoffView};
use engine::install::{
    DeleteOptions, DeletionPreview, FailedResource, ForeignInterface, InstallEvent, InstallOutcome, InstallRequest,
    InstallState, InstallationStatus, Landing, PlanSummary, PlannedStack, RootCause, StackDeletion, StackKind,
    StackOutput, StackView,
};
use engine::install::{DraftChoices, InstallDraft, InstallPhase, RestoredDraft};
use engine::invite::{
    AccessMode, Environment, EnvironmentTemplate, InviteFields, InviteLimits, InviteSummary, KeySource, Signature,
    Vendor, Verification,
};
use engine::journal::NetworkChoice;
use engine::journal::{HandoffAttemptRecord, RecordedFailure};
use engine::launch::InviteLaunch;
use engine::network::cidr::{CheckReport, Problem, Relation, Suggestions, Warning};
use engine::network::discovery::{DiscoveredVpc, Discovery, OptInStatus, RegionFailure, RegionInfo, VpcCidrBlock};
use engine::network::AvoidInput;
use engine::preflight::{Check, CheckOutcome, Cost, CostLine, Preflight};
use engine::stacks::{StackHealth, StatusClass};
use engine::templates::{
    AccessReview, BoundarySummary, ControlLimit, MayFail, ServiceAllowance, StackParameter, VpcLimits,
};
use engine::updates::{UpdateInstall, UpdateOffer};
use engine::{AppInfo, ErrorCode, Failure, FixStep, JournalProblem};

pub const HEADER: &str = "// This file is generated from the Rust types by `make bindings`. Do not edit it by hand.\n";

pub fn typescript() -> String {
    let cfg = Config::new().with_large_int("number");
    let mut decls = vec![
        AppInfo::decl(&cfg),
        Diagnostics::decl(&cfg),
        TrustedKey::decl(&cfg),
        KeySource::decl(&cfg),
        RecordedFailure::decl(&cfg),
        AwsProfile::decl(&cfg),
        EndpointOverride::decl(&cfg),
        EndpointOrigin::decl(&cfg),
        ErrorCode::decl(&cfg),
        Identity::decl(&cfg),
        Failure::decl(&cfg),
        ProfileKind::decl(&cfg),
        ProfileList::decl(&cfg),
        RegionInfo::decl(&cfg),
        OptInStatus::decl(&cfg),
        Discovery::decl(&cfg),
        DiscoveredVpc::decl(&cfg),
        VpcCidrBlock::decl(&cfg),
        RegionFailure::decl(&cfg),
        CheckReport::decl(&cfg),
        Problem::decl(&cfg),
        Warning::decl(&cfg),
        Relation::decl(&cfg),
        Suggestions::decl(&cfg),
        VpcLimits::decl(&cfg),
        JournalProblem::decl(&cfg),
        NetworkChoice::decl(&cfg),
        AvoidInput::decl(&cfg),
        InviteFields::decl(&cfg),
        Vendor::decl(&cfg),
        AccessMode::decl(&cfg),
        Environment::decl(&cfg),
        EnvironmentTemplate::decl(&cfg),
        Signature::decl(&cfg),
        InviteSummary::decl(&cfg),
        Verification::decl(&cfg),
        InstallRequest::decl(&cfg),
        InstallEvent::decl(&cfg),
        InstallOutcome::decl(&cfg),
        InstallState::decl(&cfg),
        InstallationStatus::decl(&cfg),
        PlanSummary::decl(&cfg),
        PlannedStack::decl(&cfg),
        RootCause::decl(&cfg),
        StackKind::decl(&cfg),
        StackOutput::decl(&cfg),
        StackView::decl(&cfg),
        StackHealth::decl(&cfg),
        StatusClass::decl(&cfg),
        Landing::decl(&cfg),
        FailedResource::decl(&cfg),
        DeleteOptions::decl(&cfg),
        ForeignInterface::decl(&cfg),
        StackDeletion::decl(&cfg),
        DeletionPreview::decl(&cfg),
        AccessReview::decl(&cfg),
        StackParameter::decl(&cfg),
        ControlLimit::decl(&cfg),
        InviteLaunch::decl(&cfg),
        InviteLimits::decl(&cfg),
        AccessRequest::decl(&cfg),
        AccessWarnings::decl(&cfg),
        ActionOffer::decl(&cfg),
        AccessActionKind::decl(&cfg),
        AccessActionRecord::decl(&cfg),
        AccessStatus::decl(&cfg),
        AccessWindow::decl(&cfg),
        AttachedPolicy::decl(&cfg),
        AuditEvent::decl(&cfg),
        AuditQuery::decl(&cfg),
        AuditIdentity::decl(&cfg),
        AuditReport::decl(&cfg),
        AuditSession::decl(&cfg),
        DatabaseCheck::decl(&cfg),
        DatabaseNetworkBlock::decl(&cfg),
        DiffKind::decl(&cfg),
        Drift::decl(&cfg),
        DriftKind::decl(&cfg),
        DiffLine::decl(&cfg),
        InlinePolicy::decl(&cfg),
        NatAddress::decl(&cfg),
        RoleState::decl(&cfg),
        RoleView::decl(&cfg),
        ScopedResource::decl(&cfg),
        TightenPreview::decl(&cfg),
        InstallPhase::decl(&cfg),
        InstallDraft::decl(&cfg),
        DraftChoices::decl(&cfg),
        RestoredDraft::decl(&cfg),
        AccessNow::decl(&cfg),
        AccessLevel::decl(&cfg),
        ConsoleLink::decl(&cfg),
        ConsoleTarget::decl(&cfg),
        ReadySummary::decl(&cfg),
        HandoffDocument::decl(&cfg),
        HandoffAttemptRecord::decl(&cfg),
        HandoffView::decl(&cfg),
        HandoffSent::decl(&cfg),
        FixStep::decl(&cfg),
        BoundarySummary::decl(&cfg),
        ServiceAllowance::decl(&cfg),
        MayFail::decl(&cfg),
        SsoTarget::decl(&cfg),
        DeviceLogin::decl(&cfg),
        SsoLoggedIn::decl(&cfg),
        SsoAccount::decl(&cfg),
        SsoChoice::decl(&cfg),
        SsoConfigPreview::decl(&cfg),
        Preflight::decl(&cfg),
        Check::decl(&cfg),
        CheckOutcome::decl(&cfg),
        Cost::decl(&cfg),
        CostLine::decl(&cfg),
        UpdateOffer::decl(&cfg),
        UpdateInstall::decl(&cfg),
    ];
    decls.sort_by_key(|d| d.split_whitespace().nth(1).map(str::to_owned));
    let mut out = HEADER.to_owned();
    for decl in decls {
        out.push_str("export ");
        out.push_str(&decl);
        out.push('\n');
    }
    out.push_str(&crate::ipc::typescript(&cfg));
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn committed_typescript_bindings_match_the_rust_types() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/bindings.ts");
        let generated = super::typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "ui/src/lib/bindings.ts is stale: run `make bindings` and commit it.\n--- generated ---\n{generated}"
        );
    }
}
