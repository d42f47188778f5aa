//! CloudFormation Hooks in the environment's region: a hook registered or activated in the
//! account (ListTypes, Type HOOK, Visibility PRIVATE) runs on every stack operation and may
//! reject the stacks. The app cannot know what a hook checks, so each is a warning.

use aws_sdk_cloudformation::types::{RegistryType, Visibility};

use super::model::Check;
use super::scope::{said, Scope};

const ID: &str = "hooks";
const TITLE: &str = "CloudFormation Hooks";

pub(crate) async fn check(scope: &Scope) -> Check {
    let region = &scope.plan.region;
    let mut hooks = Vec::new();
    let mut pages = scope
        .clients
        .cfn
        .list_types()
        .r#type(RegistryType::Hook)
        .visibility(Visibility::Private)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        match page {
            Ok(page) => hooks.extend(page.type_summaries().iter().filter_map(|t| t.type_name().map(str::to_owned))),
            Err(e) => {
                return Check::warning(ID, TITLE, format!("The CloudFormation Hooks of {region} could not be listed."))
                    .what_to_do("Allow cloudformation:ListTypes to have them checked, or ask your AWS administrator whether a hook could reject the stacks.")
                    .detail(said(&e))
            }
        }
    }
    if hooks.is_empty() {
        return Check::pass(ID, TITLE, format!("No CloudFormation Hook is registered or activated in {region}."))
            .detail(format!("ListTypes (HOOK, PRIVATE) in {region}: none"));
    }
    Check::warning(
        ID,
        TITLE,
        format!("{} CloudFormation Hook{} in {region} may check the stacks.", hooks.len(), if hooks.len() == 1 { "" } else { "s" }),
    )
    .what_to_do("Ask whoever manages these hooks whether they allow a VPC with a NAT gateway and a public load balancer, and an IAM role for another account.")
    .detail(hooks.join("\n"))
}
