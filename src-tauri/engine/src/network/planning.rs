//! The Region and Network steps as engine calls: the account's regions, account-wide VPC
//! discovery (cached until refreshed or the next sign-in), checking and suggesting CIDR
//! blocks against it, and recording the admin's choice in the journal.

use std::sync::Arc;

use ipnet::Ipv4Net;

use crate::aws;
use crate::engine::Engine;
use crate::failure::Error;
use crate::journal::NetworkChoice;
use crate::network::cidr::{self, AvoidBlock, CheckReport, PlanContext, Suggestions};
use crate::network::discovery::{self, Discovery, RegionInfo, MAX_REGIONS_IN_FLIGHT};
use crate::network::{BlockInput, NetworkError};
use jiff::Timestamp;

impl Engine {
    /// The regions of the account's partition, with opt-in status (cached for the session).
    pub async fn regions(&self) -> Result<Arc<Vec<RegionInfo>>, Error> {
        let _flight = self.regions_flight.lock().await;
        if let Some(regions) = self.cache.read().unwrap_or_else(|p| p.into_inner()).regions.clone() {
            return Ok(regions);
        }
        let active = self.active()?;
        let ec2 = aws::ec2_in(&active.session.config, &active.session.region);
        // Credentials of one partition only work in its regions, so the session's region
        // names the partition without asking STS.
        let partition = aws::partition::of_region(&active.session.region);
        let regions = Arc::new(discovery::list_regions(&ec2, partition, &active.ctx()).await?);
        self.cache_for(&active, |cache| cache.regions = Some(regions.clone()));
        Ok(regions)
    }

    /// Looks `name` up among the account's regions; a disabled or unknown one is refused.
    pub async fn enabled_region(&self, name: &str) -> Result<RegionInfo, Error> {
        let regions = self.regions().await?;
        match regions.iter().find(|r| r.name == name) {
            Some(r) if r.enabled => Ok(r.clone()),
            Some(_) => Err(Error::RegionDisabled { region: name.to_owned() }),
            None => Err(NetworkError::UnknownRegion { name: name.to_owned() }.into()),
        }
    }

    /// Every VPC of every enabled region. Cached for the session; `refresh` reads again.
    pub async fn discovery(&self, refresh: bool) -> Result<Arc<Discovery>, Error> {
        let _flight = self.discovery_flight.lock().await;
        if !refresh {
            if let Some(found) = self.cache.read().unwrap_or_else(|p| p.into_inner()).discovery.clone() {
                return Ok(found);
            }
        }
        let active = self.active()?;
        let regions: Vec<String> = self.regions().await?.iter().filter(|r| r.enabled).map(|r| r.name.clone()).collect();
        let found = Arc::new(self.discover(&regions).await?);
        self.cache_for(&active, |cache| cache.discovery = Some(found.clone()));
        Ok(found)
    }

    /// The VPCs of the given regions only (not cached).
    pub async fn discover(&self, regions: &[String]) -> Result<Discovery, Error> {
        let active = self.active()?;
        let config = &active.session.config;
        Ok(discovery::discover_vpcs(regions, |r| aws::ec2_in(config, r), &active.ctx(), MAX_REGIONS_IN_FLIGHT).await)
    }

    async fn plan_context(&self, avoid: Vec<AvoidBlock>, allow_public: bool) -> Result<PlanContext, Error> {
        let found = self.discovery(false).await?;
        Ok(PlanContext {
            existing: found.existing_blocks(),
            avoid,
            allow_public,
            unread_regions: found.unread_regions(),
        })
    }

    pub async fn check_cidr(
        &self,
        input: &str,
        avoid: Vec<AvoidBlock>,
        allow_public: bool,
    ) -> Result<CheckReport, Error> {
        // A block that does not parse needs no VPC list to be refused: no call to AWS.
        let alone = cidr::check(input, &cidr::PlanContext { allow_public, ..Default::default() });
        if alone.cidr.is_none() {
            return Ok(alone);
        }
        Ok(cidr::check(input, &self.plan_context(avoid, allow_public).await?))
    }

    pub async fn suggest_cidrs(&self, prefix: u8, avoid: Vec<AvoidBlock>, count: usize) -> Result<Suggestions, Error> {
        Ok(cidr::suggest(prefix, &self.plan_context(avoid, false).await?, count)?)
    }

    /// `typed` as the environment's VPC block, or every reason it cannot be one. The one check
    /// of a typed block: the Network step saves only what passes it, and the install runs it
    /// again, so a block the install would refuse is refused on the Network step itself.
    pub async fn usable_block(&self, typed: &str, avoid: Vec<AvoidBlock>) -> Result<Ipv4Net, Error> {
        let report = self.check_cidr(typed, avoid, false).await?;
        match report.cidr.filter(|_| report.ok) {
            Some(cidr) => Ok(cidr),
            None => {
                let reasons: Vec<&str> = report.problems.iter().map(|p| p.message()).collect();
                Err(NetworkError::BlockRejected { block: typed.to_owned(), reasons: reasons.join(" ") }.into())
            }
        }
    }

    /// Records the region and block the install will use, after checking both once more.
    pub async fn choose_network(
        &self,
        region: &str,
        block: &str,
        avoid: Vec<AvoidBlock>,
    ) -> Result<NetworkChoice, Error> {
        self.enabled_region(region).await?;
        let cidr = self.usable_block(block, avoid).await?;
        let account = self.identity().await?.account;
        let choice = NetworkChoice { at: Timestamp::now(), account, region: region.to_owned(), cidr };
        self.journal.record_network_choice(&choice)?;
        Ok(choice)
    }

    /// The last choice recorded for the signed-in account.
    pub async fn last_network_choice(&self) -> Result<Option<NetworkChoice>, Error> {
        let account = self.identity().await?.account;
        Ok(self.journal.last_network_choice(&account)?)
    }
}

/// Parses a network to avoid (`--avoid`, the window's list); a bad one is refused by name.
pub fn parse_avoid(text: &str, label: &str) -> Result<AvoidBlock, Error> {
    let cidr: Ipv4Net =
        text.trim().parse().map_err(|_| NetworkError::NotABlock { text: text.to_owned(), what: BlockInput::Avoid })?;
    Ok(AvoidBlock { cidr: cidr.trunc(), label: label.to_owned() })
}

/// A network to avoid as the window sends it: text, checked here so a bad entry gets the
/// same `{code, message}` as every other error.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct AvoidInput {
    pub cidr: String,
    pub label: String,
}

pub fn parse_avoid_inputs(inputs: &[AvoidInput]) -> Result<Vec<AvoidBlock>, Error> {
    inputs.iter().map(|a| parse_avoid(&a.cidr, &a.label)).collect()
}
