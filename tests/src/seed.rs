//! The demo account (`fixtures/sandbox.json`): VPCs over several regions, one with secondary
//! blocks, one tagged as the customer's database VPC. `make run` and the tests seed the same.

use std::collections::BTreeMap;

use aws_config::SdkConfig;
use aws_sdk_ec2::types::{ResourceType, Tag, TagSpecification};
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct SeedFile {
    pub account: String,
    pub vpcs: Vec<SeedVpc>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SeedVpc {
    pub region: String,
    pub cidr: String,
    pub name: String,
    pub secondary: Vec<String>,
    pub tags: BTreeMap<String, String>,
}

pub fn sandbox_seed() -> SeedFile {
    let path = crate::paths::repo_root().join("tests").join("fixtures").join("sandbox.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub use private_deploy::engine::aws::ec2_in;

/// Creates the VPCs of `seed`; returns their IDs in the file's order.
pub async fn apply(config: &SdkConfig, seed: &SeedFile) -> Vec<String> {
    let mut ids = Vec::new();
    for vpc in &seed.vpcs {
        let ec2 = ec2_in(config, &vpc.region);
        let tags = std::iter::once(("Name".to_owned(), vpc.name.clone()))
            .chain(vpc.tags.clone())
            .map(|(k, v)| Tag::builder().key(k).value(v).build());
        let created = ec2
            .create_vpc()
            .cidr_block(&vpc.cidr)
            .tag_specifications(
                TagSpecification::builder().resource_type(ResourceType::Vpc).set_tags(Some(tags.collect())).build(),
            )
            .send()
            .await
            .unwrap_or_else(|e| panic!("create VPC {} in {}: {e:?}", vpc.cidr, vpc.region));
        let id = created.vpc().and_then(|v| v.vpc_id()).expect("VPC ID").to_owned();
        for block in &vpc.secondary {
            ec2.associate_vpc_cidr_block()
                .vpc_id(&id)
                .cidr_block(block)
                .send()
                .await
                .unwrap_or_else(|e| panic!("associate {block} with {id}: {e:?}"));
        }
        ids.push(id);
    }
    ids
}
