//! The resources a shipped template declares, read from its text: the progress bar's total
//! and the resource types the estimate is made of, known before CloudFormation lists any.
//!
//! The templates are static files in one layout (two-space indents, a top-level `Resources:`
//! section, `Type:` and `Condition:` as the resource's own keys), which a test holds them to;
//! that is all this reads, so it needs no YAML parser.

/// A resource of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateResource {
    pub logical_id: String,
    pub resource_type: String,
    /// The template condition that decides whether it is created.
    pub condition: Option<String>,
}

/// Every resource in the `Resources:` section of `template`, in template order.
pub fn template_resources(template: &str) -> Vec<TemplateResource> {
    let mut resources: Vec<TemplateResource> = Vec::new();
    let section = template
        .lines()
        .skip_while(|line| line.trim_end() != "Resources:")
        .skip(1)
        .take_while(|line| line.trim().is_empty() || line.starts_with(' ') || line.starts_with('#'));
    for line in section {
        let indent = line.len() - line.trim_start().len();
        let text = line.trim();
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        if indent == 2 {
            if let Some(name) = text.strip_suffix(':') {
                resources.push(TemplateResource {
                    logical_id: name.to_owned(),
                    resource_type: String::new(),
                    condition: None,
                });
            }
        } else if indent == 4 {
            let Some(current) = resources.last_mut() else { continue };
            if let Some(kind) = text.strip_prefix("Type:") {
                current.resource_type = unquote(kind);
            } else if let Some(condition) = text.strip_prefix("Condition:") {
                current.condition = Some(unquote(condition));
            }
        }
    }
    resources
}

/// The resources created when exactly the conditions in `true_conditions` hold.
pub fn created_resources(template: &str, true_conditions: &[&str]) -> Vec<TemplateResource> {
    template_resources(template)
        .into_iter()
        .filter(|r| r.condition.as_deref().is_none_or(|c| true_conditions.contains(&c)))
        .collect()
}

fn unquote(text: &str) -> String {
    text.trim().trim_matches(|c| c == '\'' || c == '"').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::{ACCESS_TEMPLATE, ENVIRONMENT_TEMPLATE};

    #[test]
    fn the_access_template_has_the_boundary_only_under_its_condition() {
        let all = template_resources(ACCESS_TEMPLATE);
        let names: Vec<(&str, &str, Option<&str>)> =
            all.iter().map(|r| (r.logical_id.as_str(), r.resource_type.as_str(), r.condition.as_deref())).collect();
        assert_eq!(
            names,
            vec![
                ("Boundary", "AWS::IAM::ManagedPolicy", Some("WithBoundary")),
                ("VendorRole", "AWS::IAM::Role", None),
                ("AccessWindowPolicy", "AWS::IAM::Policy", None),
                ("GuardrailPolicy", "AWS::IAM::Policy", None),
            ]
        );
        assert_eq!(created_resources(ACCESS_TEMPLATE, &[]).len(), 3);
        assert_eq!(created_resources(ACCESS_TEMPLATE, &["WithBoundary"]).len(), 4);
    }

    #[test]
    fn the_environment_template_has_nineteen_typed_resources() {
        let all = template_resources(ENVIRONMENT_TEMPLATE);
        assert_eq!(all.len(), 19);
        assert!(all.iter().all(|r| r.resource_type.starts_with("AWS::") && r.condition.is_none()), "{all:?}");
        let nat = all.iter().find(|r| r.logical_id == "NatGateway").unwrap();
        assert_eq!(nat.resource_type, "AWS::EC2::NatGateway");
    }

    #[test]
    fn nested_keys_and_comments_are_not_resources() {
        let text = "Resources:\n  # a comment\n  A:\n    Type: 'AWS::X::Y'\n    Properties:\n      Condition: No\n      Type: Nope\n\n  B:\n    Condition: C\n    Type: AWS::X::Z\nOutputs:\n  O:\n    Value: 1\n";
        let found = template_resources(text);
        assert_eq!(
            found,
            vec![
                TemplateResource { logical_id: "A".into(), resource_type: "AWS::X::Y".into(), condition: None },
                TemplateResource {
                    logical_id: "B".into(),
                    resource_type: "AWS::X::Z".into(),
                    condition: Some("C".into())
                },
            ]
        );
    }
}
