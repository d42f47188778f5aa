//! The command line: the same engine as the window, for admins who script.
//! `--json` prints machine-readable output on every command; the exit code is 0 only on success.

// Every line the CLI prints goes through `output::write_out` (these shadow std's macros in
// the modules below): `private-deploy regions --json | head -1` closes stdout early, and
// std's println! would panic on the broken pipe; the command ends quietly instead.
macro_rules! println {
    () => { $crate::output::write_out(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::output::write_out(format_args!("{}\n", format_args!($($arg)*))) };
}
macro_rules! print {
    ($($arg:tt)*) => { $crate::output::write_out(format_args!($($arg)*)) };
}

mod access;
mod deletion;
mod error;
mod handoff;
mod install;
mod login;
mod mfa;
mod output;
mod preflight;
mod progress;
mod ready;
mod region;
mod renewal;
mod template;
mod vendor;
pub mod window;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use engine::network::parse_avoid;
use engine::{Engine, Failure};
use error::CliError;
use output::Printer;

#[derive(Debug, Parser)]
#[command(name = "private-deploy", version, about = "Set up a vendor's private deployment in your own AWS account.")]
pub struct Cli {
    /// The AWS profile to use (as in the AWS CLI; default: AWS_PROFILE, then the standard chain).
    #[arg(long, global = true)]
    pub profile: Option<String>,
    #[arg(long, global = true, value_name = "REGION", help = region::REGION_HELP)]
    pub region: Option<String>,
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    pub json: bool,
    /// The code of the MFA device a role profile names (`mfa_serial`); on a terminal, asked
    /// for when needed.
    #[arg(long, global = true, value_name = "CODE")]
    pub mfa_code: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show the AWS account and identity the app acts as.
    Whoami,
    /// List the account's regions (or --region only) with their opt-in status.
    Regions,
    /// List the VPCs of every enabled region (or of --region only) with their CIDR blocks.
    Networks,
    /// Plan the VPC block of the install.
    #[command(subcommand)]
    Cidr(CidrCommand),
    /// Print a CloudFormation template the app ships.
    #[command(subcommand)]
    Template(TemplateCommand),
    /// Install the vendor's environment from an invite: the access stack in the home region,
    /// then the environment stack in --region. Streams progress; exits 0 only when ready.
    /// Running it again for the same invite re-attaches to the stacks already launched.
    Install {
        #[command(flatten)]
        target: install::InstallTarget,
        /// Create the stacks; without it, only the plan is shown.
        #[arg(long)]
        yes: bool,
        /// Install even when a preflight check fails (the preflight still runs and is shown).
        #[arg(long)]
        skip_preflight: bool,
        /// Once ready, post the hand-off to the https address the invite gives (`handoff send`).
        #[arg(long, requires = "yes")]
        send_handoff: bool,
    },
    /// Launch a recorded installation again: after `clean-up`, or when an install stopped
    /// (network lost, app closed). Streams progress; exits 0 only when ready.
    Retry {
        /// The installation ID (`private-deploy status` lists them).
        installation_id: String,
    },
    /// Delete an installation's failed stacks and wait until they are gone; then `retry`.
    CleanUp {
        /// The installation ID (`private-deploy status` lists them).
        installation_id: String,
        /// Delete the stacks; without it, nothing is changed (and what would be is shown).
        #[arg(long)]
        yes: bool,
        #[command(flatten)]
        flags: deletion::DeleteFlags,
    },
    /// Show the installations in the journal (or those in --region) and their stacks (live
    /// status for this account).
    Status,
    /// See and control the vendor's access: the window, revocations, restrictions, deletion.
    Access {
        /// The installation (default: the account's only one).
        #[arg(long, global = true, value_name = "ID")]
        installation: Option<String>,
        #[command(subcommand)]
        command: access::AccessCommand,
    },
    /// What the vendor's role did, from CloudTrail: its sessions and the calls made in them.
    Audit {
        /// The installation (default: the account's only one).
        #[arg(long, value_name = "ID")]
        installation: Option<String>,
        /// How far back: a duration (90m, 24h, 7d) or an RFC 3339 time; default 7d, at most 90d.
        #[arg(long, value_name = "DURATION")]
        since: Option<String>,
        /// Only events whose name contains this.
        #[arg(long, value_name = "TEXT")]
        event_name: Option<String>,
        /// Only events whose source contains this (ec2, s3.amazonaws.com).
        #[arg(long, value_name = "TEXT")]
        source: Option<String>,
        /// Only calls that failed.
        #[arg(long)]
        errors: bool,
    },
    /// Sign in with IAM Identity Center (SSO), like `aws sso login --no-browser`: prints the
    /// page and the code to approve, then waits. The token is cached where the AWS CLI caches
    /// it, so both tools share it. With --start-url, lists the accounts (and --account's
    /// roles), or signs in as --account/--role and, with --save-profile, adds the profile to
    /// the AWS config file.
    Login {
        /// Only print the page and the code (this CLI never opens a browser itself).
        #[arg(long)]
        no_browser: bool,
        /// The AWS access portal URL, for an admin with no profile for it yet.
        #[arg(long, value_name = "URL", requires = "sso_region")]
        start_url: Option<String>,
        /// The region of the Identity Center instance.
        #[arg(long, value_name = "REGION", requires = "start_url")]
        sso_region: Option<String>,
        /// The account to sign in to (its roles are listed without --role).
        #[arg(long, value_name = "ID", requires = "start_url")]
        account: Option<String>,
        /// The role to sign in as.
        #[arg(long, value_name = "NAME", requires = "account")]
        role: Option<String>,
        /// The saved profile's default region.
        #[arg(long, value_name = "REGION", requires = "save_profile")]
        profile_region: Option<String>,
        /// Add the [sso-session] and [profile] for this account and role to the AWS config file.
        #[arg(long, requires = "role")]
        save_profile: bool,
    },
    /// The local journal (what the app saw and did, kept on this computer).
    #[command(subcommand)]
    Journal(JournalCommand),
    /// Check, before anything is created, every reason the install would fail (names, quotas,
    /// zones, routes, permissions, hooks, CloudFormation's validation) and show the
    /// environment's fixed monthly cost. Exits 1 when a check fails; warnings do not.
    Preflight {
        #[command(flatten)]
        target: install::InstallTarget,
    },
    /// The vendor's side: make a signing key, sign an invite for a customer, check an invite.
    /// Works on files only: no AWS sign-in, no journal.
    #[command(subcommand)]
    Vendor(vendor::VendorCommand),
    /// What the vendor needs once an installation is ready, and its delivery to the vendor.
    #[command(subcommand)]
    Handoff(handoff::HandoffCommand),
    /// For a support ticket: the version, the OS, the vendor keys this copy trusts, the
    /// journal's location and schema, and the last failures it recorded. Never credentials
    /// or External IDs. No AWS call.
    Diagnostics,
}

#[derive(Debug, Subcommand)]
pub enum JournalCommand {
    /// Rename a damaged journal to `<file>.damaged-N` (nothing is deleted) and start a new one.
    SetAside,
}

#[derive(Debug, Subcommand)]
pub enum TemplateCommand {
    /// The access stack's template: the vendor's role, its trust policy and the optional boundary.
    Access {
        /// Attach the permissions boundary (the template's UseBoundary parameter).
        #[arg(long)]
        boundary: bool,
        /// Fill the parameters from this invite, and print the `aws cloudformation create-stack` command.
        #[arg(long, value_name = "FILE")]
        invite: Option<PathBuf>,
    },
    /// The Service Control Policy for AWS Organizations that denies the invite's role the same
    /// actions as its guardrail, from outside the account (JSON on stdout; how to attach it on stderr).
    Scp {
        /// The invite file the vendor sent.
        #[arg(long, value_name = "FILE")]
        invite: PathBuf,
        /// The role gets the permissions boundary (an invite may require it).
        #[arg(long)]
        boundary: bool,
        /// The 12-digit ID of the account the access stack is in (default: a placeholder to replace).
        #[arg(long, value_name = "ID")]
        account: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum CidrCommand {
    /// Suggest free blocks that overlap no VPC in any region, no --avoid network and no reserved range.
    Suggest {
        /// Prefix length of the VPC block (the sizes the environment takes).
        #[arg(long, default_value_t = 16, help = prefix_help())]
        prefix: u8,
        /// A network to stay clear of (a database VPC, an on-premises range); repeat as needed.
        #[arg(long, value_name = "CIDR")]
        avoid: Vec<String>,
        /// How many blocks to suggest (1 to 256).
        #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u16).range(1..=256))]
        count: u16,
    },
    /// Check a block and name every conflict; exits 1 when it conflicts.
    Check {
        cidr: String,
        #[arg(long, value_name = "CIDR")]
        avoid: Vec<String>,
        /// Accept blocks outside private address space (with a warning).
        #[arg(long)]
        allow_public: bool,
    },
}

/// `--prefix`'s help, from the engine's one set of VPC limits.
fn prefix_help() -> String {
    let l = engine::templates::VPC_LIMITS;
    format!(
        "Prefix length of the VPC block, {} to {}: AWS takes VPCs down to /{}, but the environment's load \
         balancer needs subnets of /{} or larger, so the smallest VPC is a /{}",
        l.min_prefix, l.max_prefix, l.aws_max_prefix, l.max_subnet_prefix, l.max_prefix
    )
}

/// `install --cidr`'s help, from the same limits.
pub(crate) fn install_cidr_help() -> String {
    let l = engine::templates::VPC_LIMITS;
    format!(
        "The VPC block, /{} to /{} (for example 10.20.0.0/16), or `auto` for the first free block of the \
         invite's size. The environment's two Availability Zones are chosen from the region's available zones",
        l.min_prefix, l.max_prefix
    )
}

/// Parses `args` (the program name first) and runs the command.
pub fn main(args: Vec<OsString>) -> ExitCode {
    let wants_json = args.iter().any(|a| a == "--json");
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) if wants_json && err.use_stderr() => {
            // Scripts read one document shape for every error, usage errors included.
            let printer = Printer { json: true, lines: false };
            let _ = printer.failure(&output::usage_failure(&err));
            return ExitCode::from(2);
        }
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    engine::logging::init_cli();
    let streams = matches!(
        cli.command,
        Command::Install { .. } | Command::Retry { .. } | Command::CleanUp { .. } | Command::Login { .. }
    );
    let printer = Printer { json: cli.json, lines: streams };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(err) => return printer.failure(&CliError::Start(err).into()),
    };
    match runtime.block_on(run(&cli, &printer)) {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::Refused) => ExitCode::FAILURE,
        Err(failure) => printer.failure(&failure),
    }
}

/// What a command printed: success, or a result that says no (a conflicting block, a stack
/// that rolled back).
pub(crate) enum Outcome {
    Done,
    Refused,
}

async fn run(cli: &Cli, printer: &Printer) -> Result<Outcome, Failure> {
    let env_region = cli.region.as_deref();
    region::check(&cli.command, env_region)?;
    if let Command::Vendor(command) = &cli.command {
        return vendor::run(printer, command);
    }
    let mut engine = Engine::from_env()?;
    if let Some(code) = &cli.mfa_code {
        engine.set_mfa_code(code.clone());
    }
    if let Command::Login { no_browser: _, start_url, sso_region, account, role, profile_region, save_profile } =
        &cli.command
    {
        let args = login::LoginArgs {
            profile: cli.profile.as_deref(),
            start_url: start_url.as_deref(),
            sso_region: sso_region.as_deref(),
            account: account.as_deref(),
            role: role.as_deref(),
            profile_region: profile_region.as_deref(),
            save_profile: *save_profile,
        };
        login::login(&engine, printer, args).await?;
        return Ok(Outcome::Done);
    }
    let signed_in = mfa::connect_asking(&mut engine, cli).await?;
    match &cli.command {
        Command::Journal(JournalCommand::SetAside) => {
            printer.journal_set_aside(&engine.journal().path().display().to_string(), engine.set_journal_aside()?)
        }
        Command::Whoami => printer.identity(signed_in.as_ref().expect("whoami signs in")),
        Command::Regions => {
            let regions = engine.regions().await?;
            match env_region {
                Some(name) => {
                    let Some(found) = regions.iter().find(|r| r.name == name) else {
                        return Err(CliError::NotAnAccountRegion(name.to_owned()).into());
                    };
                    printer.regions(std::slice::from_ref(found));
                }
                None => printer.regions(&regions),
            }
        }
        Command::Networks => {
            let found = match env_region {
                Some(env_region) => {
                    engine.enabled_region(env_region).await?;
                    engine.discover(&[env_region.to_owned()]).await?
                }
                None => (*engine.discovery(false).await?).clone(),
            };
            printer.discovery(&found);
        }
        Command::Cidr(CidrCommand::Suggest { prefix, avoid, count }) => {
            printer.suggestions(&engine.suggest_cidrs(*prefix, avoid_list(avoid)?, usize::from(*count)).await?);
        }
        Command::Cidr(CidrCommand::Check { cidr, avoid, allow_public }) => {
            let report = engine.check_cidr(cidr, avoid_list(avoid)?, *allow_public).await?;
            printer.check(&report);
            if !report.ok {
                return Ok(Outcome::Refused);
            }
        }
        Command::Template(TemplateCommand::Access { boundary, invite }) => {
            template::template_access(&engine, printer, *boundary, invite.as_deref())?
        }
        Command::Template(TemplateCommand::Scp { invite, boundary, account }) => {
            template::template_scp(&engine, printer, invite, *boundary, account.as_deref())?
        }
        Command::Install { target, yes, skip_preflight, send_handoff } => {
            let args = install::InstallArgs {
                target,
                // `region::check` refused install without one.
                region: env_region.unwrap_or_default(),
                yes: *yes,
                skip_preflight: *skip_preflight,
                send_handoff: *send_handoff,
            };
            return install::install(&engine, printer, args).await;
        }
        Command::Retry { installation_id } => {
            region::installation(&engine, Some(installation_id), env_region).await?;
            return install::retry(&engine, printer, installation_id).await;
        }
        Command::CleanUp { installation_id, yes, flags } => {
            region::installation(&engine, Some(installation_id), env_region).await?;
            return install::clean_up(&engine, printer, installation_id, *yes, &flags.options()).await;
        }
        Command::Status => install::status(printer, &region::filter_status(engine.install_status().await?, env_region)),
        Command::Access { installation, command } => {
            let installation = region::installation(&engine, installation.as_deref(), env_region).await?;
            return access::run(&engine, printer, installation.as_deref(), command).await;
        }
        Command::Audit { installation, since, event_name, source, errors } => {
            if let Some(since) = since {
                engine::access::check_since(since)?;
            }
            let installation = region::installation(&engine, installation.as_deref(), env_region).await?;
            let query = engine::access::AuditQuery {
                since: since.clone(),
                event_name: event_name.clone(),
                event_source: source.clone(),
                errors_only: *errors,
            };
            return access::audit(&engine, printer, installation.as_deref(), query).await;
        }
        // Signed in above, without connecting first.
        Command::Login { .. } => {}
        Command::Preflight { target } => {
            return preflight::preflight(&engine, printer, target, env_region.unwrap_or_default()).await;
        }
        // Run above, without an engine.
        Command::Vendor(_) => {}
        Command::Handoff(command) => return handoff::run(&engine, printer, command).await,
        Command::Diagnostics => {
            let report = engine.diagnostics(None);
            if printer.json {
                printer.print_json(&report);
            } else {
                print!("{}", report.text);
            }
        }
    }
    Ok(Outcome::Done)
}

fn avoid_list(avoid: &[String]) -> Result<Vec<engine::network::cidr::AvoidBlock>, Failure> {
    avoid.iter().map(|a| parse_avoid(a, &format!("--avoid {a}")).map_err(Failure::from)).collect()
}
