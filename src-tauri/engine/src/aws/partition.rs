//! Which AWS partition a profile signs in to, as far as the profile itself tells: a role or
//! MFA device ARN (`arn:aws-cn:…`), an SSO or source profile region (`cn-north-1`). A profile
//! of AWS in China or GovCloud with no region anywhere would be sent to the fallback region
//! us-east-1, whose STS answers "invalid token" for credentials of another partition: the
//! session asks for a region instead (see `AwsError::RegionRequired`).

use aws_config::profile::ProfileSet;

use crate::templates::partition_for_region;

/// A partition other than `aws`, with a region of it to suggest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OtherPartition {
    pub partition: &'static str,
    pub example_region: &'static str,
}

impl OtherPartition {
    fn named(partition: &str) -> Option<Self> {
        match partition {
            "aws-cn" => Some(Self { partition: "aws-cn", example_region: "cn-north-1" }),
            "aws-us-gov" => Some(Self { partition: "aws-us-gov", example_region: "us-gov-west-1" }),
            _ => None,
        }
    }
}

/// Source profiles are followed this deep at most (a loop in the files must not hang us).
const MAX_CHAIN: usize = 8;

/// The non-commercial partition `profile` (or a profile it takes credentials from) points
/// to, if any.
pub fn profile_partition(set: &ProfileSet, profile: &str) -> Option<OtherPartition> {
    let mut name = profile.to_owned();
    for _ in 0..MAX_CHAIN {
        let p = set.get_profile(&name)?;
        let arn_partition = ["role_arn", "mfa_serial"]
            .into_iter()
            .filter_map(|key| p.get(key))
            .find_map(|arn| arn.split(':').nth(1).and_then(OtherPartition::named));
        let sso_region = p
            .get("sso_region")
            .or_else(|| p.get("sso_session").and_then(|s| set.sso_session(s)).and_then(|s| s.get("sso_region")));
        // The selected profile's own region is not looked at: with one, no fallback is used.
        let source_region = if name == profile { None } else { p.get("region") };
        let region_partition = [sso_region, source_region]
            .into_iter()
            .flatten()
            .find_map(|region| OtherPartition::named(partition_for_region(region)));
        if let Some(found) = arn_partition.or(region_partition) {
            return Some(found);
        }
        match p.get("source_profile") {
            Some(next) if next != name => name = next.to_owned(),
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::{load_profile_set, ProfilePaths};

    async fn set(config: &str) -> ProfileSet {
        let dir = tempfile::tempdir().unwrap();
        let paths = ProfilePaths { config: dir.path().join("config"), credentials: dir.path().join("none") };
        std::fs::write(&paths.config, config).unwrap();
        load_profile_set(&paths).await.unwrap()
    }

    #[tokio::test]
    async fn china_and_govcloud_are_told_by_arns_sso_and_source_regions() {
        let set = set("\
[profile cn-role]
role_arn = arn:aws-cn:iam::123456789012:role/Admin
source_profile = keys
[profile gov-mfa]
aws_access_key_id = AKID
aws_secret_access_key = x
mfa_serial = arn:aws-us-gov:iam::123456789012:mfa/alice
[profile gov-sso]
sso_session = gov
sso_account_id = 123456789012
sso_role_name = Admin
[sso-session gov]
sso_start_url = https://gov.awsapps.com/start
sso_region = us-gov-west-1
[profile via-cn-source]
role_arn = arn:aws:iam::123456789012:role/Looks-Commercial
source_profile = cn-keys
[profile cn-keys]
aws_access_key_id = AKID
aws_secret_access_key = x
region = cn-northwest-1
[profile keys]
aws_access_key_id = AKID
aws_secret_access_key = x
[profile commercial-role]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = keys
[profile loop]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = loop2
[profile loop2]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = loop
")
        .await;
        let partition = |name: &str| profile_partition(&set, name).map(|p| p.partition);
        assert_eq!(partition("cn-role"), Some("aws-cn"));
        assert_eq!(partition("gov-mfa"), Some("aws-us-gov"));
        assert_eq!(partition("gov-sso"), Some("aws-us-gov"));
        assert_eq!(partition("via-cn-source"), Some("aws-cn"));
        assert_eq!(partition("keys"), None);
        assert_eq!(partition("commercial-role"), None);
        assert_eq!(partition("loop"), None, "a source_profile loop ends");
        assert_eq!(profile_partition(&set, "cn-role").unwrap().example_region, "cn-north-1");
    }
}
