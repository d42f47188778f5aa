//! Preflight: every reason the install would fail, found before anything is created, and what
//! the environment will cost. The install's plan comes first (its refusals stay errors: a bad
//! invite, a disabled region, a block that overlaps a VPC); then every check below runs at
//! once on the session's clients and each reports pass, warning or failure with what to do.
//! Only reads happen, except the change set, which is created and deleted again.
//!
//! - `names`: the role, the boundary policy and both stacks are free (or re-attached).
//! - `region`: two Availability Zones available.
//! - `quotas`: VPCs, internet gateways, Elastic IPs, NAT gateways per zone, load balancers,
//!   IAM roles, against what is in use.
//! - `routes`: the block against Transit Gateway, VPN and peering routes.
//! - `permissions`: the policy simulator on the signed-in identity.
//! - `hooks`: CloudFormation Hooks that may reject the stacks.
//! - `change_set`: CloudFormation's own validation of the environment stack.
//! - `cost`: the fixed monthly cost from `prices.json`.

mod change_set;
mod cost;
mod hooks;
mod model;
mod names;
mod permissions;
mod quotas;
mod region;
mod routes;
mod scope;

#[cfg(test)]
mod mock_change_set_tests;
#[cfg(test)]
mod mock_reads_tests;
#[cfg(test)]
mod mock_tests;

pub use change_set::preflight_stack_name;
pub use cost::environment_cost;
pub use model::{Check, CheckOutcome, Cost, CostLine, Preflight};

use std::time::Duration;

use crate::engine::Engine;
use crate::failure::Error;
use crate::install::{InstallPlan, InstallRequest};
use scope::{Clients, Scope};

/// How often the change set is asked about while CloudFormation works it out.
const CHANGE_SET_POLL: Duration = Duration::from_secs(2);

/// Runs every check at once; the report keeps this order whatever finishes first.
pub(crate) async fn run_checks(scope: &Scope, poll: Duration) -> Vec<Check> {
    let (names, region, vpcs, igws, eips, nats, albs, roles, routes, permissions, hooks, validation) = futures_util::join!(
        names::check(scope),
        region::check(scope),
        quotas::vpcs(scope),
        quotas::internet_gateways(scope),
        quotas::elastic_ips(scope),
        quotas::nat_gateways(scope),
        quotas::load_balancers(scope),
        quotas::roles(scope),
        routes::check(scope),
        permissions::check(scope),
        hooks::check(scope),
        change_set::check(scope, poll),
    );
    vec![names, region, vpcs, igws, eips, nats, albs, roles, routes, permissions, hooks, validation]
}

impl Engine {
    /// Plans the install (its refusals are errors, as for `plan_install`), then runs the
    /// preflight on that plan.
    pub async fn preflight(&self, request: &InstallRequest) -> Result<Preflight, Error> {
        let plan = self.plan_install(request).await?;
        self.preflight_plan(&plan).await
    }

    /// Runs every check against the account at once on a plan `plan_install` made (which
    /// stacks stand is the plan's: nothing is read twice) and prices the environment.
    pub async fn preflight_plan(&self, plan: &InstallPlan) -> Result<Preflight, Error> {
        let active = self.active()?;
        let identity = self.identity().await?;
        let scope = Scope {
            clients: Clients::of(&active.session.config, &plan.region),
            ctx: active.ctx(),
            caller_arn: identity.arn,
            plan: plan.clone(),
        };
        let checks = run_checks(&scope, CHANGE_SET_POLL).await;
        Ok(Preflight::new(plan, checks))
    }
}
