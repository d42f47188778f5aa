//! `ec2:DescribeRegions` with opt-in status, narrowed to the account's partition.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::aws::{AwsError, CallContext};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OptInStatus {
    /// Enabled in every account (the original regions).
    OptInNotRequired,
    /// An opt-in region this account has enabled.
    OptedIn,
    /// An opt-in region this account has not enabled: listed, not selectable.
    NotOptedIn,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RegionInfo {
    pub name: String,
    /// Its name for people ("Europe (Ireland)"), when known.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub opt_in_status: OptInStatus,
    /// Whether the account can use it (and so whether its VPCs are read and it can be chosen).
    pub enabled: bool,
}

/// Every region of `partition` the endpoint knows, sorted by name, with its opt-in status.
pub async fn list_regions(
    ec2: &aws_sdk_ec2::Client,
    partition: &str,
    ctx: &CallContext,
) -> Result<Vec<RegionInfo>, AwsError> {
    let out = ec2
        .describe_regions()
        .all_regions(true)
        .send()
        .await
        .map_err(|e| AwsError::from_sdk(e, "ec2:DescribeRegions", ctx))?;
    let mut regions: Vec<RegionInfo> = out
        .regions()
        .iter()
        .filter_map(|r| {
            let name = r.region_name()?.to_owned();
            let opt_in_status = match r.opt_in_status() {
                Some("opted-in") => OptInStatus::OptedIn,
                Some("not-opted-in") => OptInStatus::NotOptedIn,
                _ => OptInStatus::OptInNotRequired,
            };
            let title = crate::aws::region_title(&name).map(str::to_owned);
            Some(RegionInfo { enabled: opt_in_status != OptInStatus::NotOptedIn, name, title, opt_in_status })
        })
        .filter(|r| crate::aws::partition::of_region(&r.name) == partition)
        .collect();
    regions.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(regions)
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_ec2::operation::describe_regions::DescribeRegionsOutput;
    use aws_sdk_ec2::types::Region;
    use aws_smithy_mocks::{mock, mock_client};

    fn region(name: &str, status: &str) -> Region {
        Region::builder().region_name(name).opt_in_status(status).build()
    }

    fn all_partitions() -> aws_smithy_mocks::Rule {
        mock!(aws_sdk_ec2::Client::describe_regions).match_requests(|req| req.all_regions() == Some(true)).then_output(
            || {
                DescribeRegionsOutput::builder()
                    .regions(region("us-east-1", "opt-in-not-required"))
                    .regions(region("af-south-1", "not-opted-in"))
                    .regions(region("cn-north-1", "opt-in-not-required"))
                    .regions(region("us-gov-west-1", "opt-in-not-required"))
                    .regions(region("ap-east-1", "opted-in"))
                    .build()
            },
        )
    }

    #[tokio::test]
    async fn regions_of_other_partitions_are_dropped_and_opt_in_is_read() {
        let rule = all_partitions();
        let ec2 = mock_client!(aws_sdk_ec2, [&rule]);
        let regions = list_regions(&ec2, "aws", &CallContext::default()).await.unwrap();
        let summary: Vec<(&str, OptInStatus, bool)> =
            regions.iter().map(|r| (r.name.as_str(), r.opt_in_status, r.enabled)).collect();
        assert_eq!(
            summary,
            vec![
                ("af-south-1", OptInStatus::NotOptedIn, false),
                ("ap-east-1", OptInStatus::OptedIn, true),
                ("us-east-1", OptInStatus::OptInNotRequired, true),
            ]
        );
        let rule = all_partitions();
        let ec2 = mock_client!(aws_sdk_ec2, [&rule]);
        let cn = list_regions(&ec2, "aws-cn", &CallContext::default()).await.unwrap();
        assert_eq!(cn.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), vec!["cn-north-1"]);
    }
}
