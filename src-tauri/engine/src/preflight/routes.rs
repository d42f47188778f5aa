//! The network block against what already routes in the region: Transit Gateway route
//! tables, VPN connections' static routes and VPC peering connections' CIDRs. (Every VPC of
//! every region was checked by the plan.) A block another route reaches would be unreachable
//! or would hijack that route once the environment is attached.

use aws_sdk_ec2::types::{Filter, VpcPeeringConnectionVpcInfo};
use ipnet::Ipv4Net;

use super::model::Check;
use super::scope::{said, Scope};

const ID: &str = "network-routes";
const TITLE: &str = "Network block is not routed elsewhere";

/// A route or network found in the account, and where.
struct Seen {
    cidr: Ipv4Net,
    what: String,
}

pub(crate) async fn check(scope: &Scope) -> Check {
    let (tgw, vpn, peering) =
        futures_util::join!(transit_gateway_routes(scope), vpn_routes(scope), peering_cidrs(scope));
    let block = scope.plan.cidr;
    let mut unread = Vec::new();
    let mut read = Vec::new();
    let mut counted = Vec::new();
    for (name, found) in [("Transit Gateway routes", tgw), ("VPN static routes", vpn), ("peering connections", peering)]
    {
        match found {
            Ok(seen) => {
                counted.push(format!("{name}: {} read", seen.len()));
                read.extend(seen);
            }
            Err(err) => unread.push(format!("{name}: {err}")),
        }
    }
    let conflicts: Vec<String> = read
        .iter()
        // A default route (0.0.0.0/0, say to an egress VPC) contains every block and routes
        // none of them away from the new VPC's own, more specific, route: not a conflict.
        .filter(|s| s.cidr.prefix_len() > 0 && crate::network::cidr::relation(&block, &s.cidr).is_some())
        .map(|s| format!("{} overlaps {} ({})", block, s.cidr, s.what))
        .collect();
    let mut detail = counted;
    detail.extend(conflicts.iter().cloned());
    detail.extend(unread.iter().map(|u| format!("not read: {u}")));
    let detail = detail.join("\n");
    if !conflicts.is_empty() {
        return Check::failure(
            ID,
            TITLE,
            format!(
                "{block} overlaps {} route{} in {}.",
                conflicts.len(),
                if conflicts.len() == 1 { "" } else { "s" },
                scope.plan.region
            ),
        )
        .what_to_do("Choose another block on the Network step (add the routed ranges to the networks to avoid).")
        .detail(detail);
    }
    if !unread.is_empty() {
        return Check::warning(ID, TITLE, format!("Some of the routes in {} could not be read.", scope.plan.region))
            .what_to_do("Allow this identity the EC2 describe calls named below, or make sure yourself that nothing routes the block.")
            .detail(detail);
    }
    Check::pass(ID, TITLE, format!("No Transit Gateway, VPN or peering route reaches {block}.")).detail(detail)
}

fn parse(cidr: Option<&str>) -> Option<Ipv4Net> {
    cidr?.parse::<Ipv4Net>().ok().map(|n| n.trunc())
}

async fn transit_gateway_routes(scope: &Scope) -> Result<Vec<Seen>, String> {
    let ec2 = &scope.clients.ec2;
    let all = ec2
        .describe_transit_gateway_route_tables()
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .map_err(|e| said(&e))?;
    let tables = all
        .iter()
        .filter(|t| t.state().map(|s| s.as_str()) != Some("deleted"))
        .filter_map(|t| t.transit_gateway_route_table_id().map(str::to_owned));
    let mut seen = Vec::new();
    for table in tables {
        // SearchTransitGatewayRoutes needs a filter: every route that is in use.
        let out = ec2
            .search_transit_gateway_routes()
            .transit_gateway_route_table_id(&table)
            .filters(Filter::builder().name("state").values("active").values("blackhole").build())
            .send()
            .await
            .map_err(|e| said(&e))?;
        seen.extend(out.routes().iter().filter_map(|r| {
            Some(Seen {
                cidr: parse(r.destination_cidr_block())?,
                what: format!("Transit Gateway route table {table}"),
            })
        }));
    }
    Ok(seen)
}

async fn vpn_routes(scope: &Scope) -> Result<Vec<Seen>, String> {
    let out = scope.clients.ec2.describe_vpn_connections().send().await.map_err(|e| said(&e))?;
    Ok(out
        .vpn_connections()
        .iter()
        .filter(|c| !matches!(c.state().map(|s| s.as_str()), Some("deleted" | "deleting")))
        .flat_map(|c| {
            let id = c.vpn_connection_id().unwrap_or("a VPN connection").to_owned();
            c.routes().iter().filter_map(move |r| {
                Some(Seen {
                    cidr: parse(r.destination_cidr_block())?,
                    what: format!("static route of VPN connection {id}"),
                })
            })
        })
        .collect())
}

async fn peering_cidrs(scope: &Scope) -> Result<Vec<Seen>, String> {
    let mut seen = Vec::new();
    let mut pages = scope.clients.ec2.describe_vpc_peering_connections().into_paginator().send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| said(&e))?;
        for pcx in page.vpc_peering_connections() {
            let code = pcx.status().and_then(|s| s.code()).map(|c| c.as_str().to_owned());
            if matches!(code.as_deref(), Some("deleted" | "rejected" | "failed" | "expired" | "deleting")) {
                continue;
            }
            let id = pcx.vpc_peering_connection_id().unwrap_or("a peering connection");
            for (side, info) in [("accepter", pcx.accepter_vpc_info()), ("requester", pcx.requester_vpc_info())] {
                seen.extend(cidrs_of(info).into_iter().map(|cidr| Seen {
                    cidr,
                    what: format!(
                        "{side} VPC {} of peering connection {id}",
                        info.and_then(|i| i.vpc_id()).unwrap_or("?")
                    ),
                }));
            }
        }
    }
    Ok(seen)
}

fn cidrs_of(info: Option<&VpcPeeringConnectionVpcInfo>) -> Vec<Ipv4Net> {
    let Some(info) = info else { return Vec::new() };
    let mut cidrs: Vec<Ipv4Net> = info.cidr_block_set().iter().filter_map(|c| parse(c.cidr_block())).collect();
    if let Some(main) = parse(info.cidr_block()) {
        if !cidrs.contains(&main) {
            cidrs.push(main);
        }
    }
    cidrs
}
