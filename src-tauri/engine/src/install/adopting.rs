//! What an install plan takes from the account before anything is created: the network of a
//! new installation (its VPC block and Availability Zones, or an existing environment stack's
//! own), the zones of a recorded one, and the check that every stack already under one of the
//! installation's names is the installation's own (same parameters as the plan) before it is
//! adopted. Only reads happen here.

use ipnet::Ipv4Net;

use crate::aws;
use crate::engine::Engine;
use crate::failure::Error;
use crate::install::AUTO_CIDR;
use crate::install::{self, stack_name, InstallError, InstallPlan, InstallRequest, StackKind};
use crate::invite::Invite;
use crate::journal::InstallationRecord;
use crate::network::discovery;
use crate::network::{BlockInput, NetworkError};
use crate::stacks;

/// The environment stack's parameters that hold its zones.
const ZONE_PARAMETERS: [&str; 2] = ["AvailabilityZone1", "AvailabilityZone2"];

/// The zones named by a stack's parameters, when it has both.
fn zones_of_stack(parameters: &[(String, String)]) -> Option<[String; 2]> {
    let zone = |key: &str| parameters.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    Some([zone(ZONE_PARAMETERS[0])?, zone(ZONE_PARAMETERS[1])?])
}

impl Engine {
    /// The two Availability Zones the app chooses in `region` now.
    pub async fn environment_zones(&self, region: &str) -> Result<[String; 2], Error> {
        let active = self.active()?;
        let ec2 = aws::ec2_in(&active.session.config, region);
        discovery::environment_zones(&ec2, region, &active.ctx()).await
    }

    /// The block and zones of a new installation. When the environment stack exists already
    /// (the journal was lost, say), its own block (for `auto`) and zones, which the adoption
    /// check then compares with everything else; else the typed block checked against every
    /// VPC, or the first free block of the invite's size, and the zones chosen now.
    pub(crate) async fn network_for_new_installation(
        &self,
        invite: &Invite,
        request: &InstallRequest,
    ) -> Result<(Ipv4Net, [String; 2]), Error> {
        let active = self.active()?;
        let cfn = aws::cloudformation_in(&active.session.config, &request.region);
        let env_name = stack_name(StackKind::Environment, &invite.installation_id);
        let existing = stacks::describe_stack(&cfn, &env_name, &active.ctx()).await?;
        let typed = request.cidr.trim();
        if let Some(found) = existing {
            let theirs = found.parameters.iter().find(|(k, _)| k == "VpcCidr").and_then(|(_, v)| v.parse().ok());
            // A typed block that differs from the stack's is reported by the adoption check,
            // with every other difference; it is not checked against the VPCs (the stack's own
            // VPC overlaps the stack's block).
            let cidr = match (typed, theirs) {
                (AUTO_CIDR, Some(block)) => block,
                (AUTO_CIDR, None) => self.first_free_block(invite).await?,
                (typed, _) => parse_typed(typed)?,
            };
            let zones = match zones_of_stack(&found.parameters) {
                Some(zones) => zones,
                None => self.environment_zones(&request.region).await?,
            };
            return Ok((cidr, zones));
        }
        let cidr = if typed == AUTO_CIDR {
            self.first_free_block(invite).await?
        } else {
            self.usable_block(typed, vec![]).await?
        };
        Ok((cidr, self.environment_zones(&request.region).await?))
    }

    async fn first_free_block(&self, invite: &Invite) -> Result<Ipv4Net, Error> {
        let suggestions = self.suggest_cidrs(invite.vpc_prefix, vec![], 1).await?;
        suggestions.blocks.first().copied().ok_or(InstallError::NoFreeBlock { prefix: invite.vpc_prefix }.into())
    }

    /// The zones of a recorded installation: the journal's; else (recorded before the app
    /// chose zones) the environment stack's parameters; else the zones chosen now. The flag
    /// is false only when the stack exists without zone parameters (an earlier version created
    /// it with `Fn::GetAZs`): then the zones are not the stack's and are not journaled.
    pub(crate) async fn recorded_zones(&self, record: &InstallationRecord) -> Result<([String; 2], bool), Error> {
        if let [first, second] = record.zones.as_slice() {
            return Ok(([first.clone(), second.clone()], true));
        }
        let active = self.active()?;
        let env = self.journal.install_stacks(record.id)?.into_iter().find(|s| s.kind == StackKind::Environment);
        let cfn = aws::cloudformation_in(&active.session.config, &record.region);
        let key = env
            .as_ref()
            .and_then(|s| s.stack_id.clone())
            .unwrap_or_else(|| stack_name(StackKind::Environment, &record.installation_id));
        let found = stacks::describe_stack(&cfn, &key, &active.ctx())
            .await?
            .filter(|s| stacks::health(&s.status) != stacks::StackHealth::Deleted);
        match found {
            Some(stack) => match zones_of_stack(&stack.parameters) {
                Some(zones) => Ok((zones, true)),
                None => Ok((self.environment_zones(&record.region).await?, false)),
            },
            None => Ok((self.environment_zones(&record.region).await?, true)),
        }
    }

    /// Refuses the plan when a stack of one of its names exists that the journal does not
    /// know as this installation's and whose parameters are not the plan's, naming each
    /// difference. A stack the journal recorded (by its stack ID) was created by this app for
    /// this installation and is re-attached as it is. Marks each stack found standing as
    /// `exists` (the preflight reads that rather than the stacks again).
    pub(crate) async fn check_existing_stacks(
        &self,
        plan: &mut InstallPlan,
        recorded: Option<&InstallationRecord>,
    ) -> Result<(), Error> {
        let active = self.active()?;
        let journaled = match recorded {
            Some(record) => self.journal.install_stacks(record.id)?,
            None => Vec::new(),
        };
        for stack in &mut plan.stacks {
            let cfn = aws::cloudformation_in(&active.session.config, &stack.region);
            let Some(found) = stacks::describe_stack(&cfn, &stack.name, &active.ctx()).await? else {
                continue;
            };
            stack.exists = found.health() != stacks::StackHealth::Deleted;
            let ours = journaled.iter().any(|r| r.kind == stack.kind && r.stack_id.as_deref() == Some(&found.stack_id));
            if !ours {
                install::check_adoptable(stack, &found)?;
            }
        }
        Ok(())
    }
}

fn parse_typed(typed: &str) -> Result<Ipv4Net, Error> {
    typed
        .parse::<Ipv4Net>()
        .map(|n| n.trunc())
        .map_err(|_| NetworkError::NotABlock { text: typed.to_owned(), what: BlockInput::VpcBlock }.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stacks_zones_are_read_from_its_parameters_only_when_both_are_there() {
        let p = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
        };
        let both = p(&[("VpcCidr", "10.0.0.0/16"), ("AvailabilityZone2", "b"), ("AvailabilityZone1", "a")]);
        assert_eq!(zones_of_stack(&both), Some(["a".to_owned(), "b".to_owned()]));
        assert_eq!(zones_of_stack(&p(&[("AvailabilityZone1", "a")])), None);
    }
}
