//! Connecting the environment to the admin's database: whether the database's network
//! overlaps the environment's block (peering and Transit Gateway need blocks that do not),
//! and the NAT gateway's Elastic IPs, which are what the database's firewall must allow
//! (outbound traffic leaves from there, not from the load balancer).

use ipnet::Ipv4Net;

use super::error::AccessError;
use super::model::{DatabaseCheck, DatabaseNetworkBlock};
use crate::failure::Error;
use crate::network::cidr::{relation, Relation};

/// What the admin typed: a VPC to look up, or a network's block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseInput {
    Vpc(String),
    Cidr(Ipv4Net),
}

pub fn parse_database_input(text: &str) -> Result<DatabaseInput, Error> {
    let text = text.trim();
    if let Some(rest) = text.strip_prefix("vpc-") {
        if !rest.is_empty() && rest.chars().all(|c| c.is_ascii_hexdigit()) {
            return Ok(DatabaseInput::Vpc(text.to_owned()));
        }
    }
    match text.parse::<Ipv4Net>() {
        Ok(net) => Ok(DatabaseInput::Cidr(net.trunc())),
        Err(_) => Err(AccessError::NotDatabaseNetwork { text: text.to_owned() }.into()),
    }
}

fn relation_words(r: Relation) -> &'static str {
    match r {
        Relation::Equal => "is the same range as",
        Relation::Contains => "contains",
        Relation::ContainedBy => "lies inside",
    }
}

/// Checks every block of the database's network against the environment's.
pub fn check_blocks(
    input: &str,
    vpc_id: Option<String>,
    region: &str,
    environment: Ipv4Net,
    blocks: &[Ipv4Net],
) -> DatabaseCheck {
    let checked: Vec<DatabaseNetworkBlock> =
        blocks.iter().map(|b| DatabaseNetworkBlock { cidr: *b, relation: relation(b, &environment) }).collect();
    let clashes: Vec<String> = checked
        .iter()
        .filter_map(|b| b.relation.map(|r| format!("{} {} the environment's {environment}", b.cidr, relation_words(r))))
        .collect();
    let what = vpc_id.as_deref().map_or_else(|| "The network".to_owned(), |v| format!("VPC {v}"));
    let message = if clashes.is_empty() {
        format!(
            "{what} does not overlap the environment's {environment}: it can be connected by peering or Transit Gateway."
        )
    } else {
        format!(
            "{what} cannot be peered with the environment: {}. Peering and Transit Gateway need blocks that do not overlap.",
            clashes.join("; ")
        )
    };
    DatabaseCheck {
        input: input.to_owned(),
        vpc_id,
        region: region.to_owned(),
        environment_cidr: environment,
        ok: clashes.is_empty(),
        blocks: checked,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_is_a_vpc_id_or_a_block() {
        assert_eq!(parse_database_input(" vpc-0abc12 ").unwrap(), DatabaseInput::Vpc("vpc-0abc12".into()));
        assert_eq!(parse_database_input("10.50.1.0/16").unwrap(), DatabaseInput::Cidr("10.50.0.0/16".parse().unwrap()));
        assert!(parse_database_input("vpc-xyz").is_err());
        assert!(parse_database_input("db.example.com").is_err());
    }

    #[test]
    fn an_overlapping_block_is_named_and_a_free_one_is_ok() {
        let env: Ipv4Net = "10.42.0.0/16".parse().unwrap();
        let check = check_blocks(
            "vpc-1",
            Some("vpc-1".into()),
            "eu-west-1",
            env,
            &["192.168.0.0/20".parse().unwrap(), "10.42.128.0/20".parse().unwrap()],
        );
        assert!(!check.ok);
        assert_eq!(check.blocks[0].relation, None);
        assert_eq!(check.blocks[1].relation, Some(Relation::ContainedBy));
        assert!(
            check.message.contains("10.42.128.0/20 lies inside the environment's 10.42.0.0/16"),
            "{}",
            check.message
        );
        let free = check_blocks("10.43.0.0/16", None, "eu-west-1", env, &["10.43.0.0/16".parse().unwrap()]);
        assert!(free.ok, "{}", free.message);
    }
}
