//! What the environment costs by the hour before the vendor's workload, from the price table
//! shipped with the app (`prices.json`, with the date it was read and its source): the NAT
//! gateway, its Elastic IP, the internet-facing load balancer and its public IPv4 address in
//! each of the two zones. Charges that depend on traffic are named, never estimated.

use serde::Deserialize;

use super::model::{Cost, CostLine};

const PRICES: &str = include_str!("prices.json");

/// Public IPv4 addresses the environment holds: the NAT gateway's Elastic IP and one per zone
/// for the internet-facing load balancer.
const PUBLIC_IPV4: u32 = 3;

#[derive(Debug, Deserialize)]
pub(crate) struct PriceTable {
    pub date: String,
    pub source: String,
    pub hours_per_month: u32,
    pub regions: std::collections::BTreeMap<String, RegionPrices>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct RegionPrices {
    pub currency: String,
    pub nat_gateway_hour: f64,
    pub load_balancer_hour: f64,
    pub public_ipv4_hour: f64,
}

pub(crate) fn table() -> PriceTable {
    serde_json::from_str(PRICES).expect("prices.json is checked by its test")
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The fixed monthly cost in `region`; `None` for a region the table does not have.
pub fn environment_cost(region: &str) -> Option<Cost> {
    let table = table();
    let p = table.regions.get(region)?;
    let hours = f64::from(table.hours_per_month);
    let line = |item: String, hourly: f64| CostLine { item, hourly, monthly: round2(hourly * hours) };
    let lines = vec![
        line("NAT gateway (per hour)".to_owned(), p.nat_gateway_hour),
        line("Application Load Balancer (per hour)".to_owned(), p.load_balancer_hour),
        line(
            format!(
                "{PUBLIC_IPV4} public IPv4 addresses: the NAT gateway's Elastic IP, the load balancer's in each zone"
            ),
            p.public_ipv4_hour * f64::from(PUBLIC_IPV4),
        ),
    ];
    let monthly = round2(lines.iter().map(|l| l.monthly).sum());
    Some(Cost {
        region: region.to_owned(),
        currency: p.currency.clone(),
        lines,
        monthly,
        hours_per_month: table.hours_per_month,
        not_included: vec![
            "NAT gateway data processing, per GB through it".to_owned(),
            "load balancer capacity units (LCU-hours), by traffic and connections".to_owned(),
            "data transfer out to the internet and between zones, per GB".to_owned(),
            "the vendor's workload (compute, databases, storage)".to_owned(),
        ],
        prices_date: table.date,
        prices_source: table.source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_region_the_app_offers_has_prices() {
        let table = table();
        let missing: Vec<&str> = crate::aws::known_regions().filter(|r| !table.regions.contains_key(*r)).collect();
        assert!(missing.is_empty(), "no prices for {missing:?}");
        for (region, p) in &table.regions {
            assert!(crate::aws::region_title(region).is_some(), "{region} is priced but not a region the app knows");
            for price in [p.nat_gateway_hour, p.load_balancer_hour, p.public_ipv4_hour] {
                assert!(price > 0.0 && price < 1.0, "{region}: {price} per hour is not a price");
            }
            assert!(["USD", "CNY"].contains(&p.currency.as_str()), "{region}: {}", p.currency);
        }
        assert!(table.date.len() == 10 && table.source.contains("https://"));
    }

    #[test]
    fn the_monthly_cost_adds_up_the_hourly_lines_and_names_what_is_not_in_it() {
        let cost = environment_cost("us-east-1").unwrap();
        // 730 h × (0.045 NAT + 0.0225 ALB + 3 × 0.005 IPv4) = 32.85 + 16.43 + 10.95
        assert_eq!(cost.monthly, 60.23);
        assert_eq!(cost.lines.len(), 3);
        assert!(cost.not_included.iter().any(|n| n.contains("data processing")));
        assert_eq!(environment_cost("xx-nowhere-1"), None);
    }
}
