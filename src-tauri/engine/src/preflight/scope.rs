//! What every check reads from: the plan, who is signed in, which of the installation's
//! stacks exist already, and the service clients of the session (or mocks, in tests).

use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

use crate::aws::CallContext;
use crate::install::{InstallPlan, StackKind};

pub(crate) struct Clients {
    pub ec2: aws_sdk_ec2::Client,
    pub elb: aws_sdk_elasticloadbalancingv2::Client,
    /// In the environment's region.
    pub cfn: aws_sdk_cloudformation::Client,
    pub iam: aws_sdk_iam::Client,
    /// In the environment's region (EC2, VPC and ELB quotas are regional).
    pub quotas: aws_sdk_servicequotas::Client,
}

impl Clients {
    pub fn of(config: &aws_config::SdkConfig, region: &str) -> Self {
        Clients {
            ec2: crate::aws::ec2_in(config, region),
            elb: crate::aws::elb_in(config, region),
            cfn: crate::aws::cloudformation_in(config, region),
            iam: crate::aws::iam(config),
            quotas: crate::aws::service_quotas_in(config, region),
        }
    }
}

pub(crate) struct Scope {
    pub plan: InstallPlan,
    /// The signed-in identity's ARN (STS's: an assumed role's session ARN).
    pub caller_arn: String,
    pub clients: Clients,
    /// Who calls, for the errors `aws::error` maps.
    pub ctx: CallContext,
}

impl Scope {
    pub fn partition(&self) -> &str {
        crate::aws::partition::of_region(&self.plan.region)
    }

    pub fn stack(&self, kind: StackKind) -> Option<&crate::install::StackPlan> {
        self.plan.stacks.iter().find(|s| s.kind == kind)
    }

    /// Whether the installation's stack of `kind` stands already (found by the plan, which
    /// refused one that is not this installation's).
    pub fn exists(&self, kind: StackKind) -> bool {
        self.stack(kind).is_some_and(|s| s.exists)
    }

    pub fn parameter(&self, kind: StackKind, key: &str) -> Option<&str> {
        self.stack(kind)?.parameters.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

/// An SDK error's code (`AccessDenied`, `NoSuchEntity`), when AWS answered with one.
pub(crate) fn code_of<E: ProvideErrorMetadata, R>(err: &SdkError<E, R>) -> Option<String> {
    err.code().map(str::to_owned)
}

/// An SDK error as one line: AWS's code and message, or what stopped the request (in the
/// words `aws::error` shows, never a credential helper's output).
pub(crate) fn said<E, R>(err: &SdkError<E, R>) -> String
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug + Send + Sync + 'static,
{
    match (err.code(), err.message()) {
        (Some(code), Some(message)) => format!("{code}: {message}"),
        (Some(code), None) => code.to_owned(),
        _ => crate::aws::error::unanswered(err),
    }
}

/// An engine error (an `aws::error` mapping, say) as one line, in the words the window shows.
pub(crate) fn told(err: &impl crate::Explain) -> String {
    err.failure().message
}

/// Denied, as the services say it (the one list, `aws::error`'s).
pub(crate) fn is_denied(code: Option<&str>) -> bool {
    code.is_some_and(crate::aws::error::is_access_denied_code)
}
