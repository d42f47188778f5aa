//! AWS partitions, in one table: a region's partition, an ARN's, a partition's name for
//! people, a region of it to suggest and the host of its web console.
//!
//! Which AWS partition a profile signs in to, as far as the profile itself tells: a role or
//! MFA device ARN (`arn:aws-cn:…`), an SSO or source profile region (`cn-north-1`). A profile
//! of AWS in China or GovCloud with no region anywhere would be sent to the fallback region
//! us-east-1, whose STS answers "invalid token" for credentials of another partition: the
//! session asks for a region instead (see `AwsError::RegionRequired`).

use aws_config::profile::ProfileSet;

/// A partition: its name in ARNs, the prefix of its region names, its name for people, a
/// region of it to suggest and its console's host (`{region}` is replaced by the region;
/// empty: no public console).
struct Row {
    name: &'static str,
    region_prefix: &'static str,
    title: &'static str,
    example_region: &'static str,
    console_host: &'static str,
}

/// The commercial partition, for every region and ARN no other row claims.
const COMMERCIAL: Row = Row {
    name: "aws",
    region_prefix: "",
    title: "AWS",
    example_region: "us-east-1",
    console_host: "{region}.console.aws.amazon.com",
};

/// The other partitions. `us-isob-` comes before `us-iso-`, which is its prefix.
/// The ISO partitions' consoles are not on the public internet: no link is made to them.
const OTHERS: [Row; 5] = [
    Row {
        name: "aws-cn",
        region_prefix: "cn-",
        title: "AWS in China",
        example_region: "cn-north-1",
        console_host: "console.amazonaws.cn",
    },
    Row {
        name: "aws-us-gov",
        region_prefix: "us-gov-",
        title: "AWS GovCloud (US)",
        example_region: "us-gov-west-1",
        console_host: "console.amazonaws-us-gov.com",
    },
    Row {
        name: "aws-iso-b",
        region_prefix: "us-isob-",
        title: "AWS ISOB",
        example_region: "us-isob-east-1",
        console_host: "",
    },
    Row {
        name: "aws-iso",
        region_prefix: "us-iso-",
        title: "AWS ISO",
        example_region: "us-iso-east-1",
        console_host: "",
    },
    Row {
        name: "aws-iso-e",
        region_prefix: "eu-isoe-",
        title: "AWS ISOE",
        example_region: "eu-isoe-west-1",
        console_host: "",
    },
];

fn row(name: &str) -> &'static Row {
    OTHERS.iter().find(|r| r.name == name).unwrap_or(&COMMERCIAL)
}

fn row_of_region(region: &str) -> &'static Row {
    OTHERS.iter().find(|r| region.starts_with(r.region_prefix)).unwrap_or(&COMMERCIAL)
}

/// `aws`, `aws-cn`, `aws-us-gov`, … from a region name.
pub fn of_region(region: &str) -> &'static str {
    row_of_region(region).name
}

/// The host of the web console for `region` (`eu-west-1.console.aws.amazon.com`,
/// `console.amazonaws.cn`), `None` for a partition whose console is not public. `region`
/// must be a region name (letters, digits, hyphens): it becomes part of a host name.
pub fn console_host(region: &str) -> Option<String> {
    let host = row_of_region(region).console_host;
    let plain = !region.is_empty() && region.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    (!host.is_empty() && plain).then(|| host.replace("{region}", region))
}

/// The partition field of an ARN (`arn:PARTITION:…`), `aws` when it cannot be read.
pub fn of_arn(arn: &str) -> &str {
    arn.split(':').nth(1).filter(|p| !p.is_empty()).unwrap_or(COMMERCIAL.name)
}

/// The partition's name for people: "AWS in China".
pub fn title(partition: &str) -> &'static str {
    row(partition).title
}

/// A partition other than `aws`, with a region of it to suggest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OtherPartition {
    pub partition: &'static str,
    pub example_region: &'static str,
}

impl OtherPartition {
    fn named(partition: &str) -> Option<Self> {
        OTHERS
            .iter()
            .find(|r| r.name == partition)
            .map(|r| Self { partition: r.name, example_region: r.example_region })
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
            .find_map(|region| OtherPartition::named(of_region(region)));
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

    #[test]
    fn partitions_are_read_from_region_names_and_arns() {
        for (region, partition) in [
            ("eu-west-1", "aws"),
            ("cn-northwest-1", "aws-cn"),
            ("us-gov-east-1", "aws-us-gov"),
            ("us-isob-east-1", "aws-iso-b"),
            ("us-iso-east-1", "aws-iso"),
            ("eu-isoe-west-1", "aws-iso-e"),
        ] {
            assert_eq!(of_region(region), partition, "{region}");
        }
        assert_eq!(of_arn("arn:aws-cn:iam::123456789012:user/a"), "aws-cn");
        assert_eq!(of_arn("garbage"), "aws");
        assert_eq!(title("aws-us-gov"), "AWS GovCloud (US)");
        assert_eq!(title("aws"), "AWS");
        assert_eq!(OtherPartition::named("aws"), None);
    }

    #[test]
    fn each_partition_has_its_console_host_and_the_iso_ones_have_none() {
        assert_eq!(console_host("eu-west-1").as_deref(), Some("eu-west-1.console.aws.amazon.com"));
        assert_eq!(console_host("cn-northwest-1").as_deref(), Some("console.amazonaws.cn"));
        assert_eq!(console_host("us-gov-east-1").as_deref(), Some("console.amazonaws-us-gov.com"));
        assert_eq!(console_host("us-iso-east-1"), None);
        assert_eq!(console_host("eu-west-1.evil.example/"), None, "a region never injects a host");
    }
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
