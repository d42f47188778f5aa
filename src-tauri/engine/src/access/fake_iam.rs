//! A scripted IAM holding one role, for the tests of what moto cannot show: every write is
//! logged in order (so a test can check that the vendor never had more access in between),
//! and [`FakeIam::delete_conflict`] says what AWS's DeleteRole would answer now: IAM deletes a
//! role only without inline or attached policies ("Cannot delete entity, must delete policies
//! first", `DeleteConflict`, <https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRole.html>).
//! It answers through aws-smithy-mocks rules, so the engine's real client is what is tested.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

use aws_sdk_iam::operation::attach_role_policy::AttachRolePolicyOutput;
use aws_sdk_iam::operation::delete_policy::DeletePolicyOutput;
use aws_sdk_iam::operation::delete_role_policy::DeleteRolePolicyOutput;
use aws_sdk_iam::operation::detach_role_policy::DetachRolePolicyOutput;
use aws_sdk_iam::operation::get_role::GetRoleOutput;
use aws_sdk_iam::operation::get_role_policy::GetRolePolicyOutput;
use aws_sdk_iam::operation::list_attached_role_policies::ListAttachedRolePoliciesOutput;
use aws_sdk_iam::operation::list_policy_versions::ListPolicyVersionsOutput;
use aws_sdk_iam::operation::list_role_policies::ListRolePoliciesOutput;
use aws_sdk_iam::operation::put_role_permissions_boundary::PutRolePermissionsBoundaryOutput;
use aws_sdk_iam::operation::put_role_policy::PutRolePolicyOutput;
use aws_sdk_iam::types::{AttachedPermissionsBoundary, AttachedPolicy, PolicyVersion, Role};
use aws_sdk_iam::Client;
use aws_smithy_mocks::{mock, mock_client, MockResponse, RuleMode};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::DateTime;

pub const ROLE: &str = "PrivateDeployVendorAccess-acme";
pub const ADMIN: &str = "arn:aws:iam::aws:policy/AdministratorAccess";

/// One write, as the tests check their order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Write {
    PutInline(String),
    DeleteInline(String),
    Attach(String),
    Detach(String),
    PutBoundary(String),
    DeletePolicy(String),
}

#[derive(Debug, Default)]
struct FakeRole {
    inline: BTreeMap<String, String>,
    attached: BTreeSet<String>,
    boundary: Option<String>,
    gone: bool,
}

#[derive(Debug, Default)]
struct State {
    role: FakeRole,
    writes: Vec<Write>,
    policies: BTreeSet<String>,
}

#[derive(Clone, Default)]
pub struct FakeIam {
    state: Arc<Mutex<State>>,
}

fn iam_error(status: u16, code: &str, message: &str) -> HttpResponse {
    let xml = format!(
        "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>9a1b2c3d-0000-4000-8000-000000000000</RequestId></ErrorResponse>"
    );
    HttpResponse::new(StatusCode::try_from(status).unwrap(), SdkBody::from(xml))
}

impl FakeIam {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_inline(self, name: &str, document: &str) -> Self {
        self.state.lock().unwrap().role.inline.insert(name.to_owned(), document.to_owned());
        self
    }

    pub fn with_attached(self, arn: &str) -> Self {
        self.state.lock().unwrap().role.attached.insert(arn.to_owned());
        self
    }

    pub fn with_boundary(self, arn: &str) -> Self {
        self.state.lock().unwrap().role.boundary = Some(arn.to_owned());
        self
    }

    /// A managed policy that exists (a boundary the app created, say).
    pub fn with_policy(self, arn: &str) -> Self {
        self.state.lock().unwrap().policies.insert(arn.to_owned());
        self
    }

    pub fn writes(&self) -> Vec<Write> {
        self.state.lock().unwrap().writes.clone()
    }

    pub fn inline_names(&self) -> Vec<String> {
        self.state.lock().unwrap().role.inline.keys().cloned().collect()
    }

    pub fn boundary(&self) -> Option<String> {
        self.state.lock().unwrap().role.boundary.clone()
    }

    pub fn policies(&self) -> Vec<String> {
        self.state.lock().unwrap().policies.iter().cloned().collect()
    }

    /// What AWS's CloudFormation role handler meets when it deletes the role: it removes the
    /// policies the stack declares (`stack_inline`, `stack_managed`), then DeleteRole fails
    /// while anything else is left. `None` when the role is deleted (and it is).
    pub fn delete_conflict(&self, stack_inline: &[&str], stack_managed: &[&str]) -> Option<&'static str> {
        let mut st = self.state.lock().unwrap();
        let role = &mut st.role;
        role.inline.retain(|name, _| !stack_inline.contains(&name.as_str()));
        role.attached.retain(|arn| !stack_managed.contains(&arn.as_str()));
        if !role.inline.is_empty() {
            return Some("Cannot delete entity, must delete policies first.");
        }
        if !role.attached.is_empty() {
            return Some("Cannot delete entity, must detach all policies first.");
        }
        role.gone = true;
        None
    }

    pub fn client(&self) -> Client {
        let s = self.state.clone();
        let get_role = mock!(Client::get_role).then_compute_response(move |_| {
            let st = s.lock().unwrap();
            if st.role.gone {
                return MockResponse::Http(iam_error(
                    404,
                    "NoSuchEntity",
                    &format!("The role with name {ROLE} cannot be found."),
                ));
            }
            let role = Role::builder()
                .path("/private-deploy/")
                .role_name(ROLE)
                .role_id("AROAEXAMPLE")
                .arn(format!("arn:aws:iam::123456789012:role/private-deploy/{ROLE}"))
                .create_date(DateTime::from_secs(1_795_000_000))
                .set_permissions_boundary(
                    st.role
                        .boundary
                        .as_ref()
                        .map(|b| AttachedPermissionsBoundary::builder().permissions_boundary_arn(b).build()),
                )
                .build()
                .unwrap();
            MockResponse::Output(GetRoleOutput::builder().role(role).build())
        });
        let s = self.state.clone();
        let put_inline = mock!(Client::put_role_policy).then_compute_response(move |input| {
            let mut st = s.lock().unwrap();
            let name = input.policy_name().unwrap_or_default().to_owned();
            st.role.inline.insert(name.clone(), input.policy_document().unwrap_or_default().to_owned());
            st.writes.push(Write::PutInline(name));
            MockResponse::Output(PutRolePolicyOutput::builder().build())
        });
        let s = self.state.clone();
        let get_inline = mock!(Client::get_role_policy).then_compute_response(move |input| {
            let st = s.lock().unwrap();
            let name = input.policy_name().unwrap_or_default();
            match st.role.inline.get(name) {
                Some(doc) => MockResponse::Output(
                    GetRolePolicyOutput::builder()
                        .role_name(ROLE)
                        .policy_name(name)
                        .policy_document(doc)
                        .build()
                        .unwrap(),
                ),
                None => MockResponse::Http(iam_error(
                    404,
                    "NoSuchEntity",
                    &format!("The role policy with name {name} cannot be found."),
                )),
            }
        });
        let s = self.state.clone();
        let list_inline = mock!(Client::list_role_policies).then_compute_response(move |_| {
            let st = s.lock().unwrap();
            MockResponse::Output(
                ListRolePoliciesOutput::builder()
                    .set_policy_names(Some(st.role.inline.keys().cloned().collect()))
                    .build()
                    .unwrap(),
            )
        });
        let s = self.state.clone();
        let delete_inline = mock!(Client::delete_role_policy).then_compute_response(move |input| {
            let mut st = s.lock().unwrap();
            let name = input.policy_name().unwrap_or_default().to_owned();
            st.role.inline.remove(&name);
            st.writes.push(Write::DeleteInline(name));
            MockResponse::Output(DeleteRolePolicyOutput::builder().build())
        });
        let s = self.state.clone();
        let list_attached = mock!(Client::list_attached_role_policies).then_compute_response(move |_| {
            let st = s.lock().unwrap();
            let attached = st.role.attached.iter().map(|arn| {
                AttachedPolicy::builder().policy_arn(arn).policy_name(arn.rsplit('/').next().unwrap_or(arn)).build()
            });
            MockResponse::Output(
                ListAttachedRolePoliciesOutput::builder().set_attached_policies(Some(attached.collect())).build(),
            )
        });
        let s = self.state.clone();
        let attach = mock!(Client::attach_role_policy).then_compute_response(move |input| {
            let mut st = s.lock().unwrap();
            let arn = input.policy_arn().unwrap_or_default().to_owned();
            st.role.attached.insert(arn.clone());
            st.writes.push(Write::Attach(arn));
            MockResponse::Output(AttachRolePolicyOutput::builder().build())
        });
        let s = self.state.clone();
        let detach = mock!(Client::detach_role_policy).then_compute_response(move |input| {
            let mut st = s.lock().unwrap();
            let arn = input.policy_arn().unwrap_or_default().to_owned();
            st.role.attached.remove(&arn);
            st.writes.push(Write::Detach(arn));
            MockResponse::Output(DetachRolePolicyOutput::builder().build())
        });
        let s = self.state.clone();
        let put_boundary = mock!(Client::put_role_permissions_boundary).then_compute_response(move |input| {
            let mut st = s.lock().unwrap();
            let arn = input.permissions_boundary().unwrap_or_default().to_owned();
            st.role.boundary = Some(arn.clone());
            st.writes.push(Write::PutBoundary(arn));
            MockResponse::Output(PutRolePermissionsBoundaryOutput::builder().build())
        });
        let s = self.state.clone();
        let versions = mock!(Client::list_policy_versions).then_compute_response(move |input| {
            let st = s.lock().unwrap();
            let arn = input.policy_arn().unwrap_or_default();
            if !st.policies.contains(arn) {
                return MockResponse::Http(iam_error(404, "NoSuchEntity", &format!("Policy {arn} was not found.")));
            }
            let v1 = PolicyVersion::builder().version_id("v1").is_default_version(true).build();
            MockResponse::Output(ListPolicyVersionsOutput::builder().versions(v1).build())
        });
        let s = self.state.clone();
        let delete_policy = mock!(Client::delete_policy).then_compute_response(move |input| {
            let mut st = s.lock().unwrap();
            let arn = input.policy_arn().unwrap_or_default().to_owned();
            if !st.role.gone && st.role.boundary.as_deref() == Some(arn.as_str()) {
                return MockResponse::Http(iam_error(
                    409,
                    "DeleteConflict",
                    "Cannot delete a policy attached to entities.",
                ));
            }
            st.policies.remove(&arn);
            st.writes.push(Write::DeletePolicy(arn));
            MockResponse::Output(DeletePolicyOutput::builder().build())
        });
        mock_client!(
            aws_sdk_iam,
            RuleMode::MatchAny,
            [
                &get_role,
                &put_inline,
                &get_inline,
                &list_inline,
                &delete_inline,
                &list_attached,
                &attach,
                &detach,
                &put_boundary,
                &versions,
                &delete_policy
            ]
        )
    }
}
