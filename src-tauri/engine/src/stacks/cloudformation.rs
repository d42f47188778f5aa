//! The CloudFormation calls of an install, in the engine's terms: a stack's state, its
//! resources, the events not read yet, creating and deleting. Every error is mapped with
//! [`AwsError::from_sdk`]; retries are the SDK's.
//!
//! Request tokens (<https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DeleteStack.html>):
//! 1 to 128 characters of `[a-zA-Z0-9][-a-zA-Z0-9]*`. The SDK's own retries of one call
//! resend the same token, so a request that reached AWS but whose answer was lost is not
//! repeated; a token CloudFormation has seen already for another request is answered
//! `TokenAlreadyExistsException`, which is handled, not shown.

use aws_sdk_cloudformation::types::{Capability, DeletionMode, Parameter, ResourceStatus, StackStatus, Tag};
use aws_sdk_cloudformation::Client;
use aws_smithy_types::date_time::DateTime;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use jiff::Timestamp;

use super::status::{health, StackHealth};
use crate::aws::{AwsError, CallContext};
use crate::journal::StackEventRecord;
use crate::templates::INSTALLATION_ID_TAG;

/// A stack as DescribeStacks reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StackState {
    pub stack_id: String,
    pub name: String,
    pub status: StackStatus,
    pub reason: Option<String>,
    pub outputs: Vec<(String, String)>,
    pub parameters: Vec<(String, String)>,
}

/// A resource as DescribeStackResources reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceState {
    pub logical_id: String,
    pub physical_id: Option<String>,
    pub resource_type: String,
    pub status: ResourceStatus,
    pub reason: Option<String>,
    pub timestamp: Timestamp,
}

impl StackState {
    pub fn health(&self) -> StackHealth {
        health(&self.status)
    }
}

pub const NESTED_STACK_TYPE: &str = "AWS::CloudFormation::Stack";

/// An event's or a resource's time. CloudFormation always sends it (the API requires it).
fn time_of(at: Option<&DateTime>) -> Timestamp {
    at.map_or(Timestamp::UNIX_EPOCH, crate::aws::timestamp)
}

/// The stack named or identified by `name_or_id`. By name, only a stack that is not deleted
/// is found; by stack ID, a deleted one too (as `DELETE_COMPLETE`). `None` when there is none.
pub async fn describe_stack(cfn: &Client, name_or_id: &str, ctx: &CallContext) -> Result<Option<StackState>, AwsError> {
    let out = match cfn.describe_stacks().stack_name(name_or_id).send().await {
        Ok(out) => out,
        // CloudFormation answers a missing stack with a ValidationError "Stack with id … does not exist".
        Err(err)
            if err.code() == Some("ValidationError") && err.message().is_some_and(|m| m.contains("does not exist")) =>
        {
            return Ok(None)
        }
        Err(err) => return Err(AwsError::from_sdk(err, "cloudformation:DescribeStacks", ctx)),
    };
    Ok(out.stacks().first().map(|s| StackState {
        stack_id: s.stack_id().unwrap_or_default().to_owned(),
        name: s.stack_name().unwrap_or_default().to_owned(),
        status: s.stack_status().cloned().unwrap_or_else(|| StackStatus::from("")),
        reason: s.stack_status_reason().map(str::to_owned),
        outputs: s
            .outputs()
            .iter()
            .filter_map(|o| Some((o.output_key()?.to_owned(), o.output_value().unwrap_or_default().to_owned())))
            .collect(),
        parameters: s
            .parameters()
            .iter()
            .filter_map(|p| Some((p.parameter_key()?.to_owned(), p.parameter_value().unwrap_or_default().to_owned())))
            .collect(),
    }))
}

/// The resources of a stack. Entries without a logical ID (moto lists a resource whose
/// condition is false that way) are left out.
pub async fn stack_resources(cfn: &Client, stack_id: &str, ctx: &CallContext) -> Result<Vec<ResourceState>, AwsError> {
    let out = cfn
        .describe_stack_resources()
        .stack_name(stack_id)
        .send()
        .await
        .map_err(|e| AwsError::from_sdk(e, "cloudformation:DescribeStackResources", ctx))?;
    Ok(out
        .stack_resources()
        .iter()
        .filter_map(|r| {
            Some(ResourceState {
                logical_id: r.logical_resource_id().filter(|id| !id.is_empty())?.to_owned(),
                physical_id: r.physical_resource_id().filter(|id| !id.is_empty()).map(str::to_owned),
                resource_type: r.resource_type().unwrap_or_default().to_owned(),
                status: r.resource_status().cloned().unwrap_or_else(|| ResourceStatus::from("")),
                reason: r.resource_status_reason().map(str::to_owned),
                timestamp: time_of(r.timestamp()),
            })
        })
        .collect())
}

/// The events of a stack newer than `last_seen`, oldest first.
///
/// DescribeStackEvents pages newest first, so reading stops at the page holding `last_seen`:
/// a long install costs one page per poll, not its whole history. Without `last_seen` every
/// page is read.
pub async fn new_events(
    cfn: &Client,
    stack_id: &str,
    last_seen: Option<&str>,
    ctx: &CallContext,
) -> Result<Vec<StackEventRecord>, AwsError> {
    let mut pages = cfn.describe_stack_events().stack_name(stack_id).into_paginator().send();
    let mut newest_first = Vec::new();
    'pages: while let Some(page) = pages.next().await {
        let page = page.map_err(|e| AwsError::from_sdk(e, "cloudformation:DescribeStackEvents", ctx))?;
        for e in page.stack_events() {
            let Some(event_id) = e.event_id() else { continue };
            if Some(event_id) == last_seen {
                break 'pages;
            }
            newest_first.push(StackEventRecord {
                stack_id: e.stack_id().unwrap_or(stack_id).to_owned(),
                stack_name: e.stack_name().unwrap_or_default().to_owned(),
                event_id: event_id.to_owned(),
                logical_id: e.logical_resource_id().unwrap_or_default().to_owned(),
                physical_id: e.physical_resource_id().filter(|id| !id.is_empty()).map(str::to_owned),
                resource_type: e.resource_type().unwrap_or_default().to_owned(),
                status: e.resource_status().cloned().unwrap_or_else(|| ResourceStatus::from("")),
                reason: e.resource_status_reason().filter(|r| !r.is_empty()).map(str::to_owned),
                timestamp: time_of(e.timestamp()),
            });
        }
    }
    newest_first.reverse();
    Ok(newest_first)
}

/// What CreateStack needs.
#[derive(Debug, Clone)]
pub struct CreateStack<'a> {
    pub name: &'a str,
    pub template: &'a str,
    pub parameters: &'a [(String, String)],
    pub installation_id: &'a str,
    pub token: &'a str,
}

/// How CreateStack ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Created {
    New {
        stack_id: String,
    },
    /// A stack of that name exists already.
    AlreadyExists,
    /// CloudFormation has seen this request token already: an earlier CreateStack with it
    /// reached AWS (its answer was lost), or the token was used for another request.
    TokenUsed,
}

pub async fn create_stack(cfn: &Client, req: &CreateStack<'_>, ctx: &CallContext) -> Result<Created, AwsError> {
    let parameters =
        req.parameters.iter().map(|(k, v)| Parameter::builder().parameter_key(k).parameter_value(v).build()).collect();
    let result = cfn
        .create_stack()
        .stack_name(req.name)
        .template_body(req.template)
        .set_parameters(Some(parameters))
        .capabilities(Capability::CapabilityNamedIam)
        .client_request_token(req.token)
        .tags(Tag::builder().key(INSTALLATION_ID_TAG).value(req.installation_id).build())
        .send()
        .await;
    match result {
        Ok(out) => Ok(Created::New { stack_id: out.stack_id().unwrap_or_default().to_owned() }),
        Err(err) if err.code() == Some("AlreadyExistsException") => Ok(Created::AlreadyExists),
        Err(err) if err.code() == Some("TokenAlreadyExistsException") => Ok(Created::TokenUsed),
        Err(err) => Err(AwsError::from_sdk(err, "cloudformation:CreateStack", ctx)),
    }
}

/// How a DeleteStack deletes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum DeleteMode {
    /// Every resource (the first delete, or a retry after `DELETE_FAILED`).
    #[default]
    Standard,
    /// For a stack in `DELETE_FAILED` only: delete the stack but keep these resources (logical IDs).
    Retain(Vec<String>),
    /// For a stack in `DELETE_FAILED` only: delete the stack, skipping every resource that fails.
    Force,
}

/// A new DeleteStack token: one per call, never reused (a retry of a failed delete is a new
/// request for CloudFormation, and must not be mistaken for the first).
pub fn delete_token() -> String {
    format!("pd-delete-{}", uuid::Uuid::new_v4().simple())
}

/// Starts deleting `stack_id`. A `TokenAlreadyExistsException` means this very request reached
/// CloudFormation already (the SDK retried it after a lost answer): the delete is under way.
pub async fn delete_stack(cfn: &Client, stack_id: &str, mode: &DeleteMode, ctx: &CallContext) -> Result<(), AwsError> {
    let mut request = cfn.delete_stack().stack_name(stack_id).client_request_token(delete_token());
    request = match mode {
        DeleteMode::Standard => request,
        DeleteMode::Retain(ids) => request.set_retain_resources(Some(ids.clone())),
        DeleteMode::Force => request.deletion_mode(DeletionMode::ForceDeleteStack),
    };
    match request.send().await {
        Ok(_) => Ok(()),
        Err(err) if err.code() == Some("TokenAlreadyExistsException") => Ok(()),
        Err(err) => Err(AwsError::from_sdk(err, "cloudformation:DeleteStack", ctx)),
    }
}
/// Throttling and network failures: a poll that hit one is retried later, not failed.
pub fn is_transient(err: &AwsError) -> bool {
    matches!(err, AwsError::Throttled { .. } | AwsError::Network { .. })
}
