//! What `--region` means, on every command: the environment's region. `install` puts the
//! environment there; `regions` and `networks` show only it; `status` shows, and `retry`,
//! `clean-up`, `access` and `audit` act on, only an installation whose environment is there.
//! Commands with no environment refuse it rather than ignore it. The CLI itself signs in (and
//! `install` and `template` put the access stack) in the home region, as the window does:
//! AWS_REGION, else the profile's region, else us-east-1.

use super::{CidrCommand, Command};
use engine::install::InstallationStatus;
use engine::{Engine, Failure};

use crate::error::CliError;

/// The global option's help: the one place the meaning is written for people.
pub const REGION_HELP: &str = "The environment's region, on every command: `install` puts the environment there; \
     `regions` and `networks` show only it; `status` shows, and `retry`, `clean-up`, `access` and `audit` act on, \
     only an installation whose environment is there. `whoami`, `cidr`, `template`, `login` and `vendor` have no environment and \
     refuse it. The CLI signs in, and puts the access stack, in the home region: AWS_REGION, else the profile's \
     region, else us-east-1";

/// How a command takes `--region`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionUse {
    /// Where the environment goes (`install`, which requires it).
    Destination,
    /// Only what is in the region is shown.
    Filter,
    /// Picks, or checks, the recorded installation whose environment is there.
    Installation,
    /// The command has no environment; the reason is said in the refusal.
    Refused(&'static str),
}

pub fn use_of(command: &Command) -> RegionUse {
    match command {
        Command::Install { .. } | Command::Preflight { .. } => RegionUse::Destination,
        Command::Regions | Command::Networks | Command::Status => RegionUse::Filter,
        Command::Retry { .. } | Command::CleanUp { .. } | Command::Access { .. } | Command::Audit { .. } => {
            RegionUse::Installation
        }
        Command::Whoami => RegionUse::Refused(
            "whoami shows who the CLI signs in as, in the home region; there is no environment to place",
        ),
        Command::Cidr(CidrCommand::Suggest { .. } | CidrCommand::Check { .. }) => RegionUse::Refused(
            "a block is planned against the VPCs of every enabled region (peering and Transit Gateway need blocks \
             that overlap none), wherever the environment goes",
        ),
        Command::Login { .. } => RegionUse::Refused(
            "login signs in to IAM Identity Center in its own region (--sso-region, or the profile's sso_region); \
             --profile-region is the saved profile's region",
        ),
        Command::Template(_) => RegionUse::Refused(
            "the access stack goes in the home region, where `install` puts it; the template has no environment region",
        ),
        Command::Journal(_) => RegionUse::Refused("the journal is a file on this computer, in no region"),
        Command::Vendor(_) => RegionUse::Refused("the vendor commands work on files on this computer, in no region"),
        Command::Handoff(_) => RegionUse::Refused("the hand-off is read from the journal, a file on this computer"),
        Command::Diagnostics => RegionUse::Refused("the report is about this computer's copy of the app, in no region"),
    }
}

/// The command's name as typed, for messages.
fn name(command: &Command) -> &'static str {
    match command {
        Command::Whoami => "whoami",
        Command::Regions => "regions",
        Command::Networks => "networks",
        Command::Cidr(_) => "cidr",
        Command::Template(_) => "template",
        Command::Install { .. } => "install",
        Command::Retry { .. } => "retry",
        Command::CleanUp { .. } => "clean-up",
        Command::Status => "status",
        Command::Access { .. } => "access",
        Command::Audit { .. } => "audit",
        Command::Journal(_) => "journal",
        Command::Login { .. } => "login",
        Command::Preflight { .. } => "preflight",
        Command::Vendor(_) => "vendor",
        Command::Handoff(_) => "handoff",
        Command::Diagnostics => "diagnostics",
    }
}

/// Checks `--region` against the command before anything is asked of AWS.
pub fn check(command: &Command, region: Option<&str>) -> Result<(), Failure> {
    let Some(region) = region else {
        return match use_of(command) {
            RegionUse::Destination => Err(CliError::RegionMissing { command: name(command) }.into()),
            _ => Ok(()),
        };
    };
    check_region_name(region)?;
    match use_of(command) {
        RegionUse::Refused(why) => Err(CliError::RegionRefused { command: name(command), why }.into()),
        _ => Ok(()),
    }
}

/// A region name as AWS spells them (`eu-west-1`, `us-gov-east-1`); anything else would only
/// fail later as an unreachable endpoint.
pub fn check_region_name(region: &str) -> Result<(), Failure> {
    let parts: Vec<&str> = region.split('-').collect();
    let ok = parts.len() >= 3
        && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
        && parts.last().is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()));
    if ok {
        return Ok(());
    }
    Err(CliError::NotARegionName(region.to_owned()).into())
}

/// The installation a command acts on under `--region R`: the one named, if its environment
/// is in R; else the signed-in account's only one in R. Without `--region`, the one named (or
/// none, for the engine's "the account's only one").
pub async fn installation(
    engine: &Engine,
    named: Option<&str>,
    region: Option<&str>,
) -> Result<Option<String>, Failure> {
    let Some(region) = region else { return Ok(named.map(str::to_owned)) };
    let account = engine.identity().await?.account;
    let recorded: Vec<(String, String)> = engine
        .journal()
        .installations()
        .map_err(|e| Failure::from(engine::Error::from(e)))?
        .into_iter()
        .filter(|r| r.account == account)
        .map(|r| (r.installation_id, r.region))
        .collect();
    pick(&recorded, named, region, &account)
}

/// [`installation`]'s choice among `(installation ID, environment region)` pairs.
fn pick(
    recorded: &[(String, String)],
    named: Option<&str>,
    region: &str,
    account: &str,
) -> Result<Option<String>, Failure> {
    if let Some(id) = named {
        return match recorded.iter().find(|(i, _)| i == id) {
            Some((_, there)) if there != region => Err(CliError::InstallationElsewhere {
                id: id.to_owned(),
                there: there.clone(),
                region: region.to_owned(),
            }
            .into()),
            // Unknown IDs are the engine's to refuse, in its words.
            _ => Ok(Some(id.to_owned())),
        };
    }
    let here: Vec<&str> = recorded.iter().filter(|(_, r)| r == region).map(|(i, _)| i.as_str()).collect();
    match here.as_slice() {
        [one] => Ok(Some((*one).to_owned())),
        [] => Err(CliError::NoInstallationIn { account: account.to_owned(), region: region.to_owned() }.into()),
        many => Err(CliError::SeveralInstallationsIn {
            account: account.to_owned(),
            region: region.to_owned(),
            ids: many.iter().map(|id| (*id).to_owned()).collect(),
        }
        .into()),
    }
}

/// `status --region R`: the installations whose environment is in R.
pub fn filter_status(installations: Vec<InstallationStatus>, region: Option<&str>) -> Vec<InstallationStatus> {
    match region {
        Some(region) => installations.into_iter().filter(|i| i.region == region).collect(),
        None => installations,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Cli;
    use clap::Parser;

    fn command(args: &[&str]) -> Command {
        Cli::try_parse_from(std::iter::once("private-deploy").chain(args.iter().copied())).unwrap().command
    }

    #[test]
    fn every_command_takes_region_as_the_environments_or_refuses_it() {
        assert_eq!(use_of(&command(&["install", "--invite", "f", "--cidr", "auto"])), RegionUse::Destination);
        for args in [&["regions"][..], &["networks"], &["status"]] {
            assert_eq!(use_of(&command(args)), RegionUse::Filter, "{args:?}");
        }
        for args in [&["retry", "x"][..], &["clean-up", "x"], &["access", "show"], &["audit"]] {
            assert_eq!(use_of(&command(args)), RegionUse::Installation, "{args:?}");
        }
        for args in [&["whoami"][..], &["cidr", "check", "10.0.0.0/16"], &["template", "access"]] {
            let cmd = command(args);
            assert!(matches!(use_of(&cmd), RegionUse::Refused(_)), "{args:?}");
            let err = check(&cmd, Some("eu-west-1")).unwrap_err();
            assert!(err.message.starts_with(&format!("{} takes no --region", name(&cmd))), "{}", err.message);
            assert!(check(&cmd, None).is_ok());
        }
    }

    #[test]
    fn install_needs_a_region_and_a_bad_name_is_refused_everywhere() {
        let install = command(&["install", "--invite", "f", "--cidr", "auto"]);
        assert!(check(&install, None).unwrap_err().message.contains("install needs --region"));
        assert!(check(&install, Some("eu-west-1")).is_ok());
        for bad in ["mars", "EU-WEST-1", "eu-west-", "eu-west-x"] {
            assert!(check(&command(&["networks"]), Some(bad)).is_err(), "{bad}");
        }
        assert!(check_region_name("us-gov-east-1").is_ok());
    }

    #[test]
    fn the_installation_in_the_region_is_picked_and_one_elsewhere_is_refused() {
        let recorded = [("a".to_owned(), "eu-west-1".to_owned()), ("b".to_owned(), "us-west-2".to_owned())];
        let pick = |named, region| pick(&recorded, named, region, "123456789012");
        assert_eq!(pick(None, "us-west-2").unwrap().as_deref(), Some("b"));
        assert_eq!(pick(Some("a"), "eu-west-1").unwrap().as_deref(), Some("a"));
        let err = pick(Some("a"), "us-west-2").unwrap_err();
        assert_eq!(err.message, "Installation a has its environment in eu-west-1, not in us-west-2.");
        assert!(pick(None, "ap-south-1").unwrap_err().message.contains("no installation"));
        assert_eq!(pick(Some("unknown"), "ap-south-1").unwrap().as_deref(), Some("unknown"));
        let two = [("a".to_owned(), "eu-west-1".to_owned()), ("c".to_owned(), "eu-west-1".to_owned())];
        assert!(super::pick(&two, None, "eu-west-1", "1").unwrap_err().message.contains("a, c"));
    }
}
