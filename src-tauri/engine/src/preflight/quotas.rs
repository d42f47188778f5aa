//! Quotas against usage: what the environment adds (one VPC, one internet gateway, one
//! Elastic IP, one NAT gateway in its first zone, one Application Load Balancer; the access
//! stack one IAM role) must fit under the account's quota in the region. The quota comes from
//! Service Quotas (`GetServiceQuota`), or AWS's default with a note when that is denied or
//! silent; the usage from the EC2, ELB and IAM calls that list what exists.

use aws_sdk_ec2::types::Filter;
use aws_sdk_iam::types::SummaryKeyType;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

use super::model::Check;
use super::scope::{said, Scope};
use crate::install::StackKind;

/// One quota the install can run into.
pub(crate) struct Quota {
    pub id: &'static str,
    pub title: &'static str,
    /// Service Quotas' service code and quota code.
    pub service: &'static str,
    pub code: &'static str,
    /// AWS's default, used when Service Quotas does not answer.
    pub default: f64,
    /// What is counted, in the plural ("VPCs").
    pub what: &'static str,
}

pub(crate) const VPCS: Quota = Quota {
    id: "quota-vpcs",
    title: "VPCs per Region",
    service: "vpc",
    code: "L-F678F1CE",
    default: 5.0,
    what: "VPCs",
};
pub(crate) const INTERNET_GATEWAYS: Quota = Quota {
    id: "quota-internet-gateways",
    title: "Internet gateways per Region",
    service: "vpc",
    code: "L-A4707A72",
    default: 5.0,
    what: "internet gateways",
};
pub(crate) const ELASTIC_IPS: Quota = Quota {
    id: "quota-elastic-ips",
    title: "EC2-VPC Elastic IPs",
    service: "ec2",
    code: "L-0263D0A3",
    default: 5.0,
    what: "Elastic IP addresses",
};
pub(crate) const NAT_GATEWAYS: Quota = Quota {
    id: "quota-nat-gateways",
    title: "NAT gateways per Availability Zone",
    service: "vpc",
    code: "L-FE5A380F",
    default: 5.0,
    what: "NAT gateways",
};
pub(crate) const LOAD_BALANCERS: Quota = Quota {
    id: "quota-load-balancers",
    title: "Application Load Balancers per Region",
    service: "elasticloadbalancing",
    code: "L-53DA6B97",
    default: 50.0,
    what: "Application Load Balancers",
};
pub(crate) const ROLES: Quota = Quota {
    id: "quota-iam-roles",
    title: "IAM roles per account",
    service: "iam",
    code: "L-FE177D64",
    default: 1000.0,
    what: "IAM roles",
};

/// Where the quota's number came from.
enum Source {
    ServiceQuotas,
    IamAccountSummary,
    /// AWS's default, and why Service Quotas was not used.
    Default(String),
}

pub(crate) async fn vpcs(scope: &Scope) -> Check {
    let usage = scope.clients.ec2.describe_vpcs().into_paginator().items().send().try_collect().await;
    regional(scope, &VPCS, counted(usage)).await
}

pub(crate) async fn internet_gateways(scope: &Scope) -> Check {
    let usage = scope.clients.ec2.describe_internet_gateways().into_paginator().items().send().try_collect().await;
    regional(scope, &INTERNET_GATEWAYS, counted(usage)).await
}

pub(crate) async fn elastic_ips(scope: &Scope) -> Check {
    // DescribeAddresses is not paginated: it returns every address.
    let usage = scope
        .clients
        .ec2
        .describe_addresses()
        .filters(Filter::builder().name("domain").values("vpc").build())
        .send()
        .await
        .map(|out| out.addresses().len() as u64)
        .map_err(|e| said(&e));
    regional(scope, &ELASTIC_IPS, usage).await
}

pub(crate) async fn nat_gateways(scope: &Scope) -> Check {
    let zone = scope.plan.zones[0].clone();
    let usage = async {
        let gateways = scope
            .clients
            .ec2
            .describe_nat_gateways()
            .filter(Filter::builder().name("state").values("pending").values("available").build())
            .into_paginator()
            .items()
            .send()
            .try_collect()
            .await
            .map_err(|e| said(&e))?;
        let subnets: Vec<String> = gateways.iter().filter_map(|g| g.subnet_id().map(str::to_owned)).collect();
        if subnets.is_empty() {
            return Ok(0);
        }
        // A NAT gateway names its subnet, and the subnet its zone.
        let mut unique = subnets.clone();
        unique.sort();
        unique.dedup();
        let out =
            scope.clients.ec2.describe_subnets().set_subnet_ids(Some(unique)).send().await.map_err(|e| said(&e))?;
        let in_zone: Vec<&str> = out
            .subnets()
            .iter()
            .filter(|s| s.availability_zone() == Some(zone.as_str()))
            .filter_map(|s| s.subnet_id())
            .collect();
        Ok(subnets.iter().filter(|s| in_zone.contains(&s.as_str())).count() as u64)
    };
    regional(scope, &NAT_GATEWAYS, usage.await).await
}

pub(crate) async fn load_balancers(scope: &Scope) -> Check {
    use aws_sdk_elasticloadbalancingv2::types::LoadBalancerTypeEnum;
    let usage = scope.clients.elb.describe_load_balancers().into_paginator().items().send().try_collect().await;
    let albs = usage.map(|all| {
        all.into_iter().filter(|lb| lb.r#type() == Some(&LoadBalancerTypeEnum::Application)).collect::<Vec<_>>()
    });
    regional(scope, &LOAD_BALANCERS, counted(albs)).await
}

/// How many a paginator's items came to, or what stopped it.
fn counted<T, E, R>(items: Result<Vec<T>, SdkError<E, R>>) -> Result<u64, String>
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug + Send + Sync + 'static,
{
    items.map(|all| all.len() as u64).map_err(|e| said(&e))
}

/// IAM's account summary holds both the count of roles and the account's quota.
pub(crate) async fn roles(scope: &Scope) -> Check {
    let needed = u64::from(!scope.exists(StackKind::Access));
    let answer = scope.clients.iam.get_account_summary().send().await;
    let (usage, quota) = match answer {
        Ok(out) => {
            let map = out.summary_map().cloned().unwrap_or_default();
            let used = map.get(&SummaryKeyType::Roles).copied();
            let quota = map.get(&SummaryKeyType::RolesQuota).copied();
            match used {
                Some(used) => (
                    Ok(u64::try_from(used).unwrap_or(0)),
                    match quota {
                        Some(q) => (f64::from(q), Source::IamAccountSummary),
                        None => (ROLES.default, Source::Default("IAM's account summary has no RolesQuota".into())),
                    },
                ),
                None => (
                    Err("IAM's account summary has no Roles count".to_owned()),
                    (ROLES.default, Source::IamAccountSummary),
                ),
            }
        }
        Err(e) => (Err(said(&e)), (ROLES.default, Source::Default(said(&e)))),
    };
    judge(scope, &ROLES, usage, quota, needed)
}

/// A regional quota: the environment stack adds one of each, unless it exists already.
async fn regional(scope: &Scope, quota: &Quota, usage: Result<u64, String>) -> Check {
    let needed = u64::from(!scope.exists(StackKind::Environment));
    let value = applied(scope, quota).await;
    judge(scope, quota, usage, value, needed)
}

/// The quota's value in the region: Service Quotas' applied value, else AWS's default.
async fn applied(scope: &Scope, quota: &Quota) -> (f64, Source) {
    let answer =
        scope.clients.quotas.get_service_quota().service_code(quota.service).quota_code(quota.code).send().await;
    match answer {
        Ok(out) => match out.quota().and_then(|q| q.value()) {
            Some(value) => (value, Source::ServiceQuotas),
            None => (quota.default, Source::Default("Service Quotas gave no value".to_owned())),
        },
        Err(e) => (quota.default, Source::Default(said(&e))),
    }
}

fn judge(
    scope: &Scope,
    quota: &Quota,
    usage: Result<u64, String>,
    (value, source): (f64, Source),
    needed: u64,
) -> Check {
    let region = &scope.plan.region;
    let where_ = if quota.service == "iam" {
        "the account".to_owned()
    } else if quota.code == NAT_GATEWAYS.code {
        format!("{} ({region})", scope.plan.zones[0])
    } else {
        region.clone()
    };
    let link = crate::aws::partition::console_host(region)
        .map(|host| format!("https://{host}/servicequotas/home/services/{}/quotas/{}", quota.service, quota.code))
        .unwrap_or_default();
    let limit = value.floor() as u64;
    let source_line = match &source {
        Source::ServiceQuotas => "quota from Service Quotas".to_owned(),
        Source::IamAccountSummary => "quota from IAM's account summary".to_owned(),
        Source::Default(why) => format!("AWS's default quota assumed: Service Quotas did not answer ({why})"),
    };
    let used = match usage {
        Ok(used) => used,
        Err(err) => {
            return Check::warning(
                quota.id,
                quota.title,
                format!("The {} in {where_} could not be counted.", quota.what),
            )
            .what_to_do(
                "Allow this identity to list them (the EC2, ELB and IAM describe calls), then run the preflight again.",
            )
            .detail(format!("quota {} ({}) {limit}; {source_line}\n{err}", quota.code, quota.service));
        }
    };
    let detail = format!(
        "{} in {where_}: {used} in use, {needed} to add, quota {limit}\nquota code {} (service {}); {source_line}{}",
        quota.what,
        quota.code,
        quota.service,
        if link.is_empty() { String::new() } else { format!("\nrequest more: {link}") }
    );
    if used + needed > limit {
        return Check::failure(
            quota.id,
            quota.title,
            format!("{where_} has {used} of its {limit} {}; the install needs {needed} more.", quota.what),
        )
        .what_to_do(format!(
            "Request an increase of quota {} ({}) in the Service Quotas console, or delete {} you no longer use.",
            quota.code, quota.title, quota.what
        ))
        .detail(detail);
    }
    Check::pass(quota.id, quota.title, format!("{used} of {limit} {} in use; the install adds {needed}.", quota.what))
        .detail(detail)
}
