//! The demo account (`fixtures/sandbox.json`): VPCs over several regions, one with secondary
//! blocks, one tagged as the customer's database VPC, and the role the sandbox's role
//! profiles sign in with. `make run` and the tests seed the same.

use std::collections::BTreeMap;

use aws_config::SdkConfig;
use aws_sdk_ec2::types::{ResourceType, Tag, TagSpecification};
use serde::Deserialize;

use crate::installed::ACCOUNT;
use crate::sandbox::SIGN_IN_ROLE;

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

pub use engine::aws::ec2_in;

/// Creates the role that the `sandbox-role` profiles assume, trusted by the account itself
/// (as an admin role reached from an IAM user is). Already there is fine.
pub async fn create_sign_in_role(config: &SdkConfig) {
    let trust = serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": { "AWS": format!("arn:aws:iam::{ACCOUNT}:root") },
            "Action": "sts:AssumeRole"
        }]
    });
    let iam = engine::aws::iam(config);
    let created = iam.create_role().role_name(SIGN_IN_ROLE).assume_role_policy_document(trust.to_string()).send().await;
    if let Err(err) = created {
        let exists = err.as_service_error().is_some_and(|e| e.is_entity_already_exists_exception());
        assert!(exists, "create role {SIGN_IN_ROLE}: {err:?}");
        return;
    }
    iam.attach_role_policy()
        .role_name(SIGN_IN_ROLE)
        .policy_arn("arn:aws:iam::aws:policy/AdministratorAccess")
        .send()
        .await
        .unwrap_or_else(|e| panic!("attach AdministratorAccess to {SIGN_IN_ROLE}: {e:?}"));
}

/// Creates the VPCs of `seed` and the sign-in role; returns the VPC IDs in the file's order.
pub async fn apply(config: &SdkConfig, seed: &SeedFile) -> Vec<String> {
    create_sign_in_role(config).await;
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
