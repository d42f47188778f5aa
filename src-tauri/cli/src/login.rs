//! `private-deploy login`: IAM Identity Center sign-in on a terminal, like `aws sso login
//! --no-browser`: the page and the code are printed, and the command waits for the approval.
//! With `--start-url`, it then lists the accounts (and an account's roles), or signs in as
//! `--account`/`--role`, saving the profile with `--save-profile`. Every rule is the engine's.

use engine::aws::sso::{DeviceLogin, SsoChoice, SsoTarget};
use engine::{Engine, Failure};
use serde_json::json;

use crate::error::CliError;
use crate::output::Printer;

pub struct LoginArgs<'a> {
    pub profile: Option<&'a str>,
    pub start_url: Option<&'a str>,
    pub sso_region: Option<&'a str>,
    pub account: Option<&'a str>,
    pub role: Option<&'a str>,
    pub profile_region: Option<&'a str>,
    pub save_profile: bool,
}

pub async fn login(engine: &Engine, printer: &Printer, args: LoginArgs<'_>) -> Result<(), Failure> {
    // clap keeps --sso-region, --account, --role and --save-profile with --start-url.
    let target = match (args.start_url, args.sso_region) {
        (Some(start_url), Some(sso_region)) => {
            SsoTarget::StartUrl { start_url: start_url.to_owned(), sso_region: sso_region.to_owned() }
        }
        _ => {
            let profile = args.profile.map(str::to_owned).or_else(|| engine.base_options().profile.clone());
            SsoTarget::Profile { profile: profile.ok_or(CliError::LoginTargetMissing)? }
        }
    };
    let device = engine.sso_begin(target).await?;
    show_device(printer, &device);
    let logged_in = engine.sso_finish(&device.login_id).await?;
    if args.start_url.is_none() {
        if printer.json {
            printer.print_json(&json!({ "logged_in": logged_in }));
        } else {
            println!("Successfully logged into Start URL: {}", logged_in.start_url);
        }
        return Ok(());
    };
    let Some(account) = args.account else {
        let accounts = engine.sso_accounts(&logged_in.start_url, &logged_in.sso_region).await?;
        if printer.json {
            printer.print_json(&json!({ "logged_in": logged_in, "accounts": accounts }));
        } else {
            println!("Successfully logged into Start URL: {}", logged_in.start_url);
            println!("ACCOUNT       NAME  EMAIL");
            for a in &accounts {
                println!("{}  {}  {}", a.account_id, a.account_name, a.email.as_deref().unwrap_or("-"));
            }
            println!("{} accounts; pick one with --account ID", accounts.len());
        }
        return Ok(());
    };
    let Some(role) = args.role else {
        let roles = engine.sso_roles(&logged_in.start_url, &logged_in.sso_region, account).await?;
        if printer.json {
            printer.print_json(&json!({ "logged_in": logged_in, "account_id": account, "roles": roles }));
        } else {
            println!("Roles of account {account}:");
            for r in &roles {
                println!("{r}");
            }
            println!("{} roles; pick one with --role NAME", roles.len());
        }
        return Ok(());
    };
    let choice = SsoChoice {
        start_url: logged_in.start_url.clone(),
        sso_region: logged_in.sso_region.clone(),
        account_id: account.to_owned(),
        role_name: role.to_owned(),
        region: args.profile_region.map(str::to_owned),
    };
    let preview = match args.save_profile {
        true => Some(engine.sso_config_preview(&choice).await?),
        false => None,
    };
    let identity = engine.sign_in_sso(choice, args.save_profile).await?;
    if printer.json {
        printer.print_json(&json!({ "logged_in": logged_in, "saved": preview, "identity": identity }));
    } else {
        if let Some(p) = &preview {
            println!("Added to {}:\n{}", p.config_file, p.text);
            println!("Use it with --profile {}", p.profile_name);
        }
        printer.identity(&identity);
    }
    Ok(())
}

/// What `aws sso login --no-browser` prints; with `--json`, the device login as one line.
fn show_device(printer: &Printer, device: &DeviceLogin) {
    if printer.json {
        printer.print_json(&json!({ "device_login": device }));
        return;
    }
    if device.refreshed {
        return;
    }
    println!(
        "Open the following URL in a browser:\n\n{}\n\nThen enter the code:\n\n{}\n\n\
         Alternatively, you may visit the following URL which will autofill the code upon loading:\n{}\n",
        device.verification_uri, device.user_code, device.verification_uri_complete
    );
}
