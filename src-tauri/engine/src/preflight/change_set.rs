//! AWS's own validation of the environment stack: a change set created (under a preflight
//! stack name of its own, so the install's stack name stays free), described until it is
//! ready, its pre-deployment validation findings read (DescribeEvents), then deleted with the
//! stack in REVIEW_IN_PROGRESS that creating it made. Nothing is provisioned.

use std::time::Duration;

use aws_sdk_cloudformation::types::{ChangeSetStatus, ChangeSetType, EventFilter, Parameter};

use super::model::Check;
use super::scope::{said, Scope};
use crate::install::StackKind;
use crate::templates::stack_name_with;

const ID: &str = "validation";
const TITLE: &str = "CloudFormation's validation";
/// How long CloudFormation gets to work out the change set.
const WAIT: Duration = Duration::from_secs(90);

pub fn preflight_stack_name(installation_id: &str) -> String {
    stack_name_with("private-deploy-preflight-", installation_id)
}

pub(crate) async fn check(scope: &Scope, poll: Duration) -> Check {
    let Some(stack) = scope.stack(StackKind::Environment) else {
        return Check::pass(ID, TITLE, "There is no environment stack to validate.");
    };
    if scope.exists(StackKind::Environment) {
        return Check::pass(ID, TITLE, "The environment stack exists already: the install re-attaches to it.")
            .detail(stack.name.clone());
    }
    let cfn = &scope.clients.cfn;
    let name = preflight_stack_name(&scope.plan.installation_id);
    let change_set = "private-deploy-preflight";
    let created = cfn
        .create_change_set()
        .stack_name(&name)
        .change_set_name(change_set)
        .change_set_type(ChangeSetType::Create)
        .template_body(stack.template)
        .set_parameters(Some(
            stack
                .parameters
                .iter()
                .map(|(k, v)| Parameter::builder().parameter_key(k).parameter_value(v).build())
                .collect(),
        ))
        .send()
        .await;
    let id = match created {
        Ok(out) => out.id().unwrap_or(change_set).to_owned(),
        Err(e) => {
            let text = said(&e);
            if super::scope::is_denied(super::scope::code_of(&e).as_deref()) {
                return Check::warning(ID, TITLE, "CloudFormation's validation could not be asked for.")
                    .what_to_do(
                        "Allow cloudformation:CreateChangeSet to have the template validated before the install.",
                    )
                    .detail(text);
            }
            // Only CloudFormation's own refusal of the template is a failure; throttling or a
            // lost connection says nothing about the template.
            if super::scope::code_of(&e).as_deref() != Some("ValidationError") {
                return Check::warning(ID, TITLE, "CloudFormation's validation could not be run.")
                    .what_to_do(
                        "Run the preflight again; the install itself will still be validated by CloudFormation.",
                    )
                    .detail(text);
            }
            return Check::failure(ID, TITLE, "CloudFormation refused the environment's template.")
                .what_to_do(
                    "Send this to the vendor: their template or its parameters do not pass CloudFormation's checks.",
                )
                .detail(text);
        }
    };
    let described = wait_for(scope, &id, poll).await;
    let findings = validation_findings(scope, &id).await;
    // Deleting the change set leaves its REVIEW_IN_PROGRESS stack: delete that too.
    let _ = cfn.delete_change_set().change_set_name(&id).send().await;
    let _ = cfn.delete_stack().stack_name(&name).send().await;
    let mut detail = vec![format!("change set {id}")];
    detail.extend(findings.iter().cloned());
    match described {
        Ok(()) if findings.is_empty() => {
            Check::pass(ID, TITLE, "CloudFormation accepted the environment's change set.").detail(detail.join("\n"))
        }
        Ok(()) => Check::warning(ID, TITLE, "CloudFormation's pre-deployment validation has findings.")
            .what_to_do("Read the findings below; fix what they name before installing.")
            .detail(detail.join("\n")),
        Err(reason) => {
            detail.push(reason.clone());
            Check::failure(ID, TITLE, format!("CloudFormation would not create the environment: {reason}"))
                .what_to_do("Fix what CloudFormation names, or send it to the vendor when it is about their template.")
                .detail(detail.join("\n"))
        }
    }
}

async fn wait_for(scope: &Scope, id: &str, poll: Duration) -> Result<(), String> {
    let started = tokio::time::Instant::now();
    loop {
        let out = scope.clients.cfn.describe_change_set().change_set_name(id).send().await.map_err(|e| said(&e))?;
        match out.status() {
            Some(ChangeSetStatus::CreateComplete) => return Ok(()),
            Some(ChangeSetStatus::Failed) => {
                return Err(out.status_reason().unwrap_or("the change set failed").to_owned());
            }
            _ if started.elapsed() > WAIT => return Err("CloudFormation did not finish the change set in time".into()),
            _ => tokio::time::sleep(poll).await,
        }
    }
}

/// The failed validations CloudFormation recorded for the change set; none when it does not
/// serve DescribeEvents (older endpoints, the emulator).
async fn validation_findings(scope: &Scope, id: &str) -> Vec<String> {
    let answer = scope
        .clients
        .cfn
        .describe_events()
        .change_set_name(id)
        .filters(EventFilter::builder().failed_events(true).build())
        .send()
        .await;
    let Ok(out) = answer else { return Vec::new() };
    out.operation_events()
        .iter()
        .filter(|e| e.validation_name().is_some() || e.validation_status_reason().is_some())
        .map(|e| {
            format!(
                "{}{}: {}",
                e.validation_name().unwrap_or("validation"),
                e.logical_resource_id().map(|r| format!(" ({r})")).unwrap_or_default(),
                e.validation_status_reason().unwrap_or("failed")
            )
        })
        .collect()
}
