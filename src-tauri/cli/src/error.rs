//! The command line's own refusals: a `--region` that does not fit the command, an
//! installation that is not where `--region` says, a change asked for without `--yes`. They
//! explain themselves through `engine::Explain`, as the engine's errors do, so a script sees
//! the same `{code, message, hint}` from both.

use engine::{ErrorCode, Explain, Failure};

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{command} needs --region: the region to deploy the environment into.")]
    RegionMissing { command: &'static str },
    #[error("{command} takes no --region: {why}.")]
    RegionRefused { command: &'static str, why: &'static str },
    #[error("{0:?} is not an AWS region name.")]
    NotARegionName(String),
    #[error("{0} is not one of this account's regions.")]
    NotAnAccountRegion(String),
    #[error("Installation {id} has its environment in {there}, not in {region}.")]
    InstallationElsewhere { id: String, there: String, region: String },
    #[error("Account {account} has no installation whose environment is in {region}.")]
    NoInstallationIn { account: String, region: String },
    #[error("Account {account} has several installations in {region}: {}.", .ids.join(", "))]
    SeveralInstallationsIn { account: String, region: String, ids: Vec<String> },
    #[error("Nothing was changed: install creates stacks only with --yes.")]
    InstallNeedsYes,
    #[error("Nothing was changed: clean-up deletes the failed stacks of {installation_id} only with --yes.")]
    CleanUpNeedsYes { installation_id: String },
    /// `what` is the action in words ("cut off the vendor's access"); `warning` is what the
    /// engine says the action costs, when it costs something.
    #[error("Nothing was changed: {what} needs --yes.")]
    ActionNeedsYes { what: &'static str, warning: Option<&'static str> },
    #[error("login needs a profile that signs in with IAM Identity Center, or a start URL.")]
    LoginTargetMissing,
    /// A preflight check failed; `failed` names each.
    #[error("Nothing was changed: the preflight found {} failing check{}: {}.", .failed.len(), if .failed.len() == 1 { "" } else { "s" }, .failed.join("; "))]
    PreflightFailed { failed: Vec<String> },
    #[error("Private Deploy could not start: {0}.")]
    Start(#[from] std::io::Error),
}

impl Explain for CliError {
    fn failure(&self) -> Failure {
        let code = match self {
            CliError::Start(_) => ErrorCode::Internal,
            CliError::PreflightFailed { .. } => ErrorCode::PreflightFailed,
            _ => ErrorCode::InvalidInput,
        };
        let hint = match self {
            CliError::RegionMissing { .. } => {
                "Add --region, for example --region eu-west-1 (`private-deploy regions` lists them).".to_owned()
            }
            CliError::RegionRefused { .. } => "--region is the environment's region on every command. To sign in \
                                               through another region, set AWS_REGION or the profile's region."
                .to_owned(),
            CliError::NotARegionName(_) => {
                "Write it as AWS does, for example eu-west-1; `private-deploy regions` lists them.".to_owned()
            }
            CliError::NotAnAccountRegion(_) => "`private-deploy regions` lists them.".to_owned(),
            CliError::InstallationElsewhere { there, .. } => {
                format!("Run it with --region {there}, or without --region.")
            }
            CliError::NoInstallationIn { .. } => {
                "`private-deploy status` lists the installations and their regions.".to_owned()
            }
            CliError::SeveralInstallationsIn { .. } => "Name one with --installation ID.".to_owned(),
            CliError::LoginTargetMissing => {
                "Add --profile NAME, or --start-url URL --sso-region REGION to pick an account and role.".to_owned()
            }
            CliError::InstallNeedsYes => "Check the plan above, then run the same command with --yes.".to_owned(),
            CliError::CleanUpNeedsYes { .. } => {
                "Check `private-deploy status`, then run the same command with --yes.".to_owned()
            }
            CliError::ActionNeedsYes { what, warning } => {
                let hint = format!("Run the same command with --yes to {what}.");
                match warning {
                    Some(warning) => format!("{warning} {hint}"),
                    None => hint,
                }
            }
            CliError::PreflightFailed { .. } => "Fix what each failing check above says, then run the same command \
                                                  again; --skip-preflight installs anyway."
                .to_owned(),
            CliError::Start(_) => "Check that the machine has memory and threads to spare, then run it again.".into(),
        };
        Failure::new(code, self.to_string()).with_hint(hint)
    }
}

impl From<CliError> for Failure {
    fn from(err: CliError) -> Self {
        err.failure()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refusal_is_a_sentence_with_something_to_do() {
        let all = [
            CliError::RegionMissing { command: "install" },
            CliError::PreflightFailed { failed: vec!["VPCs per Region".into()] },
            CliError::RegionRefused { command: "status", why: "it lists every region" },
            CliError::NotARegionName("EU".into()),
            CliError::NotAnAccountRegion("eu-west-9".into()),
            CliError::InstallationElsewhere { id: "a".into(), there: "eu-west-1".into(), region: "us-east-1".into() },
            CliError::NoInstallationIn { account: "123456789012".into(), region: "us-east-1".into() },
            CliError::SeveralInstallationsIn {
                account: "123456789012".into(),
                region: "us-east-1".into(),
                ids: vec!["a".into(), "b".into()],
            },
            CliError::InstallNeedsYes,
            CliError::CleanUpNeedsYes { installation_id: "a".into() },
            CliError::ActionNeedsYes { what: "cut off the vendor's access", warning: Some("It ends now.") },
            CliError::Start(std::io::Error::other("no threads")),
        ];
        for err in all {
            let failure = err.failure();
            assert!(failure.message.ends_with('.'), "{failure:?}");
            let hint = failure.hint.expect("every refusal says what to do");
            assert!(!hint.contains("  "), "{hint:?}");
            assert!(hint.ends_with('.') || hint.ends_with(')'), "{hint:?}");
        }
    }

    #[test]
    fn a_warning_comes_before_the_way_to_go_on() {
        let failure =
            CliError::ActionNeedsYes { what: "cut off the vendor's access", warning: Some("Sessions end.") }.failure();
        assert_eq!(
            failure.hint.as_deref(),
            Some("Sessions end. Run the same command with --yes to cut off the vendor's access.")
        );
        assert_eq!(failure.code, ErrorCode::InvalidInput);
    }
}
