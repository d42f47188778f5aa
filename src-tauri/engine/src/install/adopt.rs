//! Whether a stack found under the installation's name may be adopted as the installation's
//! own: only when every parameter the plan passes has the plan's value (for the access stack
//! the vendor account, External ID, role path and name, installation ID and boundary; for the
//! environment the VPC and subnet blocks and the Availability Zones). A name alone proves
//! nothing: anyone who can create stacks in the account can create one of that name, and
//! adopting it would report as installed a role that trusts someone else, or a network the
//! admin did not choose.

use super::error::{InstallError, ParameterDifference};
use super::plan::StackPlan;
use crate::stacks::cloudformation::StackState;

/// Every parameter of `expected` whose value in `found` differs or is missing, in the plan's
/// order. Parameters `found` has beyond the plan's are not compared.
pub fn parameter_differences(expected: &[(String, String)], found: &[(String, String)]) -> Vec<ParameterDifference> {
    expected
        .iter()
        .filter_map(|(key, value)| {
            let theirs = found.iter().find(|(k, _)| k == key).map(|(_, v)| v);
            (theirs != Some(value)).then(|| ParameterDifference {
                key: key.clone(),
                expected: value.clone(),
                found: theirs.cloned(),
            })
        })
        .collect()
}

/// Refuses `found` as `stack` unless its parameters are the plan's.
pub fn check_adoptable(stack: &StackPlan, found: &StackState) -> Result<(), InstallError> {
    let differences = parameter_differences(&stack.parameters, &found.parameters);
    if differences.is_empty() {
        return Ok(());
    }
    Err(InstallError::NotAdoptable { stack: stack.name.clone(), region: stack.region.clone(), differences })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn each_difference_is_named_with_the_expected_and_the_found_value() {
        let expected = pairs(&[("VendorAccountId", "210987654321"), ("ExternalId", "ext-0001"), ("RoleName", "R")]);
        let found = pairs(&[("ExternalId", "someone-else"), ("RoleName", "R"), ("Extra", "x")]);
        let differences = parameter_differences(&expected, &found);
        assert_eq!(
            differences,
            vec![
                ParameterDifference { key: "VendorAccountId".into(), expected: "210987654321".into(), found: None },
                ParameterDifference {
                    key: "ExternalId".into(),
                    expected: "ext-0001".into(),
                    found: Some("someone-else".into())
                },
            ]
        );
        let text = InstallError::NotAdoptable { stack: "s".into(), region: "r".into(), differences }.to_string();
        assert!(text.contains(r#"VendorAccountId is not set, expected "210987654321""#), "{text}");
        assert!(text.contains(r#"ExternalId is "someone-else", expected "ext-0001""#), "{text}");
        assert!(parameter_differences(&expected, &expected).is_empty());
    }
}
