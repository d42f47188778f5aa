//! Service clients made from a session's one `SdkConfig`. A regional client keeps the
//! config's endpoint, retries, timeouts and credentials; only the region changes.

use aws_config::SdkConfig;

pub fn ec2_in(config: &SdkConfig, region: &str) -> aws_sdk_ec2::Client {
    aws_sdk_ec2::Client::from_conf(
        aws_sdk_ec2::config::Builder::from(config).region(aws_sdk_ec2::config::Region::new(region.to_owned())).build(),
    )
}

pub fn cloudformation_in(config: &SdkConfig, region: &str) -> aws_sdk_cloudformation::Client {
    aws_sdk_cloudformation::Client::from_conf(
        aws_sdk_cloudformation::config::Builder::from(config)
            .region(aws_sdk_cloudformation::config::Region::new(region.to_owned()))
            .build(),
    )
}

/// IAM is global: one client, whatever the session's region.
pub fn iam(config: &SdkConfig) -> aws_sdk_iam::Client {
    aws_sdk_iam::Client::new(config)
}

pub fn cloudtrail_in(config: &SdkConfig, region: &str) -> aws_sdk_cloudtrail::Client {
    aws_sdk_cloudtrail::Client::from_conf(
        aws_sdk_cloudtrail::config::Builder::from(config)
            .region(aws_sdk_cloudtrail::config::Region::new(region.to_owned()))
            .build(),
    )
}

pub fn elb_in(config: &SdkConfig, region: &str) -> aws_sdk_elasticloadbalancingv2::Client {
    aws_sdk_elasticloadbalancingv2::Client::from_conf(
        aws_sdk_elasticloadbalancingv2::config::Builder::from(config)
            .region(aws_sdk_elasticloadbalancingv2::config::Region::new(region.to_owned()))
            .build(),
    )
}

pub fn service_quotas_in(config: &SdkConfig, region: &str) -> aws_sdk_servicequotas::Client {
    aws_sdk_servicequotas::Client::from_conf(
        aws_sdk_servicequotas::config::Builder::from(config)
            .region(aws_sdk_servicequotas::config::Region::new(region.to_owned()))
            .build(),
    )
}
