//! Bad input, case by case, against an installed sandbox: invite files and links, CLI
//! arguments, profiles and credential states, regions, CIDR blocks and journal states. Each
//! case asserts the exit code, the error code and words of the message, and that nothing
//! changed: the account as moto reads it back (stacks, roles and their policies, VPCs) and the
//! journal (its rows, table by table).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

use aws_config::SdkConfig;
use private_deploy_tests::installed::{config, installed, ENV_REGION, ROLE_NAME};
use private_deploy_tests::sandbox::{EXPIRED_SSO_PROFILE, HOME_REGION, NO_KEYS_PROFILE};
use private_deploy_tests::stacks::{fixture, SANDBOX_INVITE, SANDBOX_INVITE_UNSIGNED};
use private_deploy_tests::{exclusive, paths, Sandbox};
use serde_json::Value;

/// The vendor account of the sandbox's invites.
const VENDOR: &str = "210987654321";

/// One bad input and what must come of it.
struct Case {
    what: &'static str,
    args: Vec<String>,
    env: Vec<(&'static str, String)>,
    exit: i32,
    /// The `error.code` of `--json`'s document; `None` for a report that says no (`cidr check`).
    code: Option<&'static str>,
    /// Words the message (or, for a report, its first problem) must hold.
    says: &'static str,
}

fn case(what: &'static str, args: &[&str], exit: i32, code: &'static str, says: &'static str) -> Case {
    let mut args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    args.push("--json".into());
    Case { what, args, env: Vec::new(), exit, code: Some(code), says }
}

/// What must not change: the account as moto has it, and the journal's rows.
#[derive(Debug, PartialEq)]
struct State {
    stacks: Vec<(String, String, String)>,
    roles: BTreeMap<String, Vec<(String, String)>>,
    vpcs: Vec<(String, String)>,
    journal: BTreeMap<String, i64>,
}

async fn state(config: &SdkConfig, journal: &Path) -> State {
    let mut stacks = Vec::new();
    for region in [HOME_REGION, ENV_REGION] {
        let cfn = engine::aws::cloudformation_in(config, region);
        let listed = cfn.describe_stacks().send().await.expect("DescribeStacks");
        for s in listed.stacks() {
            stacks.push((
                region.to_owned(),
                s.stack_name().unwrap_or_default().to_owned(),
                s.stack_status().map(|s| s.as_str().to_owned()).unwrap_or_default(),
            ));
        }
    }
    stacks.sort();
    let iam = engine::aws::iam(config);
    let mut roles = BTreeMap::new();
    for role in iam.list_roles().send().await.expect("ListRoles").roles() {
        let name = role.role_name().to_owned();
        let mut policies = Vec::new();
        for policy in iam.list_role_policies().role_name(&name).send().await.expect("ListRolePolicies").policy_names() {
            let doc = iam.get_role_policy().role_name(&name).policy_name(policy).send().await.expect("GetRolePolicy");
            policies.push((policy.clone(), doc.policy_document().to_owned()));
        }
        let attached = iam.list_attached_role_policies().role_name(&name).send().await.expect("attached");
        for p in attached.attached_policies() {
            policies.push(("attached".into(), p.policy_arn().unwrap_or_default().to_owned()));
        }
        roles.insert(name, policies);
    }
    let ec2 = engine::aws::ec2_in(config, ENV_REGION);
    let mut vpcs: Vec<(String, String)> = ec2
        .describe_vpcs()
        .send()
        .await
        .expect("DescribeVpcs")
        .vpcs()
        .iter()
        .map(|v| (v.vpc_id().unwrap_or_default().to_owned(), v.cidr_block().unwrap_or_default().to_owned()))
        .collect();
    vpcs.sort();
    State { stacks, roles, vpcs, journal: journal_rows(journal) }
}

fn journal_rows(path: &Path) -> BTreeMap<String, i64> {
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).expect("journal");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .into_iter()
        .map(|t| {
            let n: i64 = conn.query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0)).unwrap();
            (t, n)
        })
        .collect()
}

fn run_case(sandbox: &Sandbox, case: &Case) -> Output {
    let mut cmd = Command::new(paths::cli_binary());
    sandbox.apply(&mut cmd);
    cmd.envs(case.env.iter().map(|(k, v)| (*k, v.as_str())));
    cmd.args(&case.args).output().expect("run the CLI")
}

/// Invite files written for the cases, from the signed sandbox invite.
struct Invites {
    dir: tempfile::TempDir,
}

impl Invites {
    fn good() -> Value {
        serde_json::from_slice(&std::fs::read(fixture(SANDBOX_INVITE)).unwrap()).unwrap()
    }

    fn write(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path.display().to_string()
    }

    /// The signed invite changed by `edit` (the signature then no longer matches: `unsigned`
    /// drops it, for the rules to speak first).
    fn edited(&self, name: &str, unsigned: bool, edit: impl FnOnce(&mut Value)) -> String {
        let mut invite = Self::good();
        if unsigned {
            invite.as_object_mut().unwrap().remove("signature");
        }
        edit(&mut invite);
        self.write(name, &serde_json::to_vec_pretty(&invite).unwrap())
    }
}

fn install(invite: &str) -> Vec<&str> {
    vec!["install", "--invite", invite, "--region", ENV_REGION, "--cidr", "auto", "--yes"]
}

fn invite_cases(inv: &Invites) -> Vec<Case> {
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    let file = |name: &str, bytes: &[u8]| leak(inv.write(name, bytes));
    let edited = |name: &str, edit: fn(&mut Value)| leak(inv.edited(name, true, edit));
    let missing = leak(inv.dir.path().join("nope.json").display().to_string());
    let folder = leak(inv.dir.path().display().to_string());
    let big = file("big.json", &vec![b' '; 70_000]);
    vec![
        case("invite: no such file", &install(missing), 1, "invalid_input", "cannot be read"),
        case("invite: a folder", &install(folder), 1, "invalid_input", "a folder"),
        case("invite: a device", &install("/dev/zero"), 1, "invalid_input", "not a regular file"),
        case("invite: empty", &install(file("empty.json", b"")), 1, "invalid_input", "empty"),
        case("invite: not JSON", &install(file("text.json", b"hello")), 1, "invalid_input", "not valid JSON"),
        case("invite: not UTF-8", &install(file("latin1.json", b"{\"a\": \"\xff\"}")), 1, "invalid_input", "UTF-8"),
        case("invite: over 64 KiB", &install(big), 1, "invalid_input", "at most 65536 bytes"),
        case("invite: an array", &install(file("array.json", b"[1, 2]")), 1, "invalid_input", "JSON object"),
        case(
            "invite: version 3",
            &install(edited("v3.json", |v| v["version"] = 3.into())),
            1,
            "invalid_input",
            "version 3",
        ),
        case(
            "invite: a version 2 field in version 1",
            &install(edited("v1-expiry.json", |v| v["expires_at"] = "2027-01-31T23:59:59Z".into())),
            1,
            "invalid_input",
            "version 2",
        ),
        case(
            "invite: no vendor",
            &install(edited("novendor.json", |v| {
                v.as_object_mut().unwrap().remove("vendor");
            })),
            1,
            "invalid_input",
            "vendor",
        ),
        case(
            "invite: short account",
            &install(edited("acct.json", |v| v["vendor"]["account_id"] = "12".into())),
            1,
            "invalid_input",
            "vendor.account_id",
        ),
        case(
            "invite: spaces in the ID",
            &install(edited("id.json", |v| v["installation_id"] = "a b".into())),
            1,
            "invalid_input",
            "installation_id",
        ),
        case(
            "invite: External ID too short",
            &install(edited("ext.json", |v| v["external_id"] = "x".into())),
            1,
            "invalid_input",
            "external_id",
        ),
        case(
            "invite: unknown access mode",
            &install(edited("mode.json", |v| v["access_mode"] = "root".into())),
            1,
            "invalid_input",
            "access_mode",
        ),
        case(
            "invite: VPC too large",
            &install(edited("prefix.json", |v| v["vpc_prefix"] = 8.into())),
            1,
            "invalid_input",
            "vpc_prefix",
        ),
        case(
            "invite: bad role path",
            &install(edited("path.json", |v| v["role_path"] = "nope".into())),
            1,
            "invalid_input",
            "role_path",
        ),
        case(
            "invite: unknown field",
            &install(edited("extra.json", |v| v["admin"] = true.into())),
            1,
            "invalid_input",
            "admin",
        ),
        case(
            "invite: a parameter",
            &install(edited("param.json", |v| {
                v["environment"]["parameters"] = serde_json::json!({"InstanceType": "t3.micro"})
            })),
            1,
            "invalid_input",
            "takes none",
        ),
        case(
            "invite: bidi in the name",
            &install(edited("bidi.json", |v| v["vendor"]["name"] = "Acme\u{202E}corp".into())),
            1,
            "invalid_input",
            "U+202E",
        ),
        case(
            "invite: altered after signing",
            &install(leak(inv.edited("altered.json", false, |v| v["external_id"] = "pd-someone-else".into()))),
            1,
            "invalid_input",
            "does not match the invite",
        ),
        case(
            "invite: unsigned, wrong account typed",
            &[
                install(leak(fixture(SANDBOX_INVITE_UNSIGNED).display().to_string())),
                vec!["--confirm-vendor-account", "999999999999"],
            ]
            .concat(),
            1,
            "invalid_input",
            "does not match",
        ),
    ]
}

fn argument_cases(invite: &'static str) -> Vec<Case> {
    vec![
        case("args: unknown command", &["frobnicate"], 2, "invalid_input", "frobnicate"),
        case("args: install without its options", &["install"], 2, "invalid_input", "required"),
        case("args: negative hours", &["access", "window", "--hours", "-1", "--yes"], 2, "invalid_input", "-1"),
        case("args: count 0", &["cidr", "suggest", "--count", "0"], 2, "invalid_input", "0"),
        case("args: count too large", &["cidr", "suggest", "--count", "100000"], 2, "invalid_input", "100000"),
        case(
            "args: count overflows",
            &["cidr", "suggest", "--count", "99999999999999999999"],
            2,
            "invalid_input",
            "99999999999999999999",
        ),
        case("args: prefix out of range", &["cidr", "suggest", "--prefix", "30"], 1, "invalid_input", "/30"),
        case("args: window of 0 hours", &["access", "window", "--hours", "0", "--yes"], 1, "invalid_input", "hours"),
        case("args: window too long", &["access", "window", "--hours", "1000", "--yes"], 1, "invalid_input", "hours"),
        case("args: opening without --yes", &["access", "window", "--hours", "2"], 1, "invalid_input", "--yes"),
        case("args: always open without --yes", &["access", "always-open"], 1, "invalid_input", "--yes"),
        case("args: close without --yes", &["access", "close"], 1, "invalid_input", "--yes"),
        case(
            "args: cut-off, another account",
            &["access", "cut-off", "--yes", "--confirm-account", "000000000000"],
            1,
            "invalid_input",
            "000000000000",
        ),
        case("args: delete the role without --yes", &["access", "delete-role"], 1, "invalid_input", "--yes"),
        case("args: unknown installation", &["access", "--installation", "nope", "show"], 1, "not_found", "nope"),
        case("args: retry an unknown installation", &["retry", "nope"], 1, "not_found", "nope"),
        case("args: since 91 days", &["audit", "--since", "91d"], 1, "invalid_input", "91d"),
        case("args: since in the future", &["audit", "--since", "2099-01-01T00:00:00Z"], 1, "invalid_input", "2099"),
        case(
            "args: since overflows",
            &["audit", "--since", "99999999999999999999d"],
            1,
            "invalid_input",
            "99999999999999999999d",
        ),
        case("args: since is a word", &["audit", "--since", "yesterday"], 1, "invalid_input", "yesterday"),
        case(
            "args: an unsigned invite not confirmed",
            &["install", "--invite", invite, "--region", ENV_REGION, "--cidr", "10.77.0.0/16", "--yes"],
            1,
            "invalid_input",
            "not confirmed",
        ),
    ]
}

fn region_and_cidr_cases(invite: &'static str) -> Vec<Case> {
    // The unsigned invite, confirmed: what is refused is the region or the block.
    let install_in = |region: &'static str, cidr: &'static str| {
        vec![
            "install",
            "--invite",
            invite,
            "--region",
            region,
            "--cidr",
            cidr,
            "--yes",
            "--confirm-vendor-account",
            VENDOR,
        ]
    };
    vec![
        case("region: not a region name", &install_in("moon-1", "auto"), 1, "invalid_input", "moon-1"),
        case("region: not in the account", &install_in("xx-nowhere-1", "auto"), 1, "invalid_input", "xx-nowhere-1"),
        case("region: whoami takes none", &["whoami", "--region", ENV_REGION], 1, "invalid_input", "whoami"),
        case(
            "region: template takes none",
            &["template", "access", "--region", ENV_REGION],
            1,
            "invalid_input",
            "template",
        ),
        case(
            "region: regions of a made-up one",
            &["regions", "--region", "xx-nowhere-1"],
            1,
            "invalid_input",
            "xx-nowhere-1",
        ),
        case("cidr: a word", &install_in(ENV_REGION, "banana"), 1, "invalid_input", "banana"),
        case("cidr: too large a block", &install_in(ENV_REGION, "10.0.0.0/8"), 1, "invalid_input", "10.0.0.0/8"),
        case("cidr: too small a block", &install_in(ENV_REGION, "10.0.0.0/26"), 1, "invalid_input", "/26"),
        case("cidr: public space", &install_in(ENV_REGION, "8.8.0.0/16"), 1, "invalid_input", "8.8.0.0/16"),
        case("cidr: host bits", &install_in(ENV_REGION, "10.20.1.0/16"), 1, "invalid_input", "10.20.0.0/16"),
        case(
            "cidr: the installed VPC's block",
            &install_in(ENV_REGION, "10.42.0.0/16"),
            1,
            "invalid_input",
            "10.42.0.0/16",
        ),
        Case { code: None, ..case("cidr check: prefix 33", &["cidr", "check", "10.0.0.0/33"], 1, "", "33") },
        Case {
            code: None,
            ..case("cidr check: overlaps the VPC", &["cidr", "check", "10.42.0.0/20"], 1, "", "10.42.0.0/16")
        },
        Case {
            code: None,
            ..case("cidr check: not an address", &["cidr", "check", "999.1.1.1/16"], 1, "", "999.1.1.1")
        },
        case("cidr: avoid is not a block", &["cidr", "suggest", "--avoid", "nope"], 1, "invalid_input", "nope"),
    ]
}

fn credential_cases(sandbox: &Sandbox) -> Vec<Case> {
    let mfa = sandbox.add_mfa_profile();
    let bad_config = sandbox.path().join("bad-config");
    std::fs::write(&bad_config, "[profile broken\nregion = us-east-1\n").unwrap();
    let with = |c: Case, env: Vec<(&'static str, String)>| Case { env, ..c };
    vec![
        case("profile: does not exist", &["--profile", "nope", "whoami"], 1, "profile_not_found", "nope"),
        case("profile: no keys", &["--profile", NO_KEYS_PROFILE, "whoami"], 1, "no_credentials", NO_KEYS_PROFILE),
        case(
            "profile: SSO login expired",
            &["--profile", EXPIRED_SSO_PROFILE, "whoami"],
            1,
            "sso_login_required",
            EXPIRED_SSO_PROFILE,
        ),
        case(
            "profile: MFA code not six digits",
            &["--profile", mfa, "--mfa-code", "12", "whoami"],
            1,
            "invalid_input",
            "six digits",
        ),
        case("profile: MFA code missing", &["--profile", mfa, "whoami"], 1, "mfa_required", mfa),
        with(
            case("env: AWS_MAX_ATTEMPTS not a number", &["whoami"], 1, "profile_config", "AWS_MAX_ATTEMPTS"),
            vec![("AWS_MAX_ATTEMPTS", "zero".into())],
        ),
        with(
            case("env: plain http off loopback", &["whoami"], 1, "profile_config", "http://"),
            vec![("AWS_ENDPOINT_URL", "http://example.com".into())],
        ),
        with(
            case("env: an endpoint that is not a URL", &["whoami"], 1, "profile_config", "ftp://x"),
            vec![("AWS_ENDPOINT_URL", "ftp://x".into())],
        ),
        with(
            case("env: config file does not parse", &["whoami"], 1, "profile_config", "bad-config"),
            vec![("AWS_CONFIG_FILE", bad_config.display().to_string())],
        ),
    ]
}

fn journal_cases(sandbox: &Sandbox) -> Vec<Case> {
    let damaged = sandbox.path().join("damaged");
    std::fs::create_dir_all(&damaged).unwrap();
    std::fs::write(damaged.join(engine::journal::FILE_NAME), b"not a database, a note".repeat(100)).unwrap();
    let newer = sandbox.path().join("newer");
    std::fs::create_dir_all(&newer).unwrap();
    let conn = rusqlite::Connection::open(newer.join(engine::journal::FILE_NAME)).unwrap();
    conn.pragma_update(None, "user_version", 9999).unwrap();
    drop(conn);
    let a_file = sandbox.path().join("a-file");
    std::fs::write(&a_file, b"").unwrap();
    let in_dir = |dir: &Path| vec![(engine::journal::DATA_DIR_ENV, dir.display().to_string())];
    let with = |c: Case, env| Case { env, ..c };
    vec![
        with(case("journal: damaged, status", &["status"], 1, "journal", "damaged"), in_dir(&damaged)),
        with(case("journal: damaged, access", &["access", "show"], 1, "journal", "damaged"), in_dir(&damaged)),
        with(case("journal: newer version", &["status"], 1, "journal", "newer version"), in_dir(&newer)),
        with(case("journal: folder is a file", &["status"], 1, "journal", "a-file"), in_dir(&a_file)),
        with(
            case("journal: a newer one cannot be set aside", &["journal", "set-aside"], 1, "journal", "newer version"),
            in_dir(&newer),
        ),
    ]
}

#[tokio::test]
async fn each_bad_input_is_refused_with_what_to_do_and_changes_nothing() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let engine = installed(&sandbox).await;
    let aws = config(&engine);
    drop(engine);
    let journal = sandbox.data_dir().join(engine::journal::FILE_NAME);
    let invites = Invites { dir: tempfile::tempdir().unwrap() };
    // Another installation than the one installed, unsigned: the region and block cases are
    // about a new install, not about re-attaching to the sandbox's.
    let other: &'static str = Box::leak(
        invites.edited("other.json", true, |v| v["installation_id"] = "matrix-other".into()).into_boxed_str(),
    );

    let mut cases = invite_cases(&invites);
    cases.extend(argument_cases(other));
    cases.extend(region_and_cidr_cases(other));
    cases.extend(credential_cases(&sandbox));
    cases.extend(journal_cases(&sandbox));
    assert!(cases.len() >= 60, "{} cases", cases.len());

    let before = state(&aws, &journal).await;
    assert!(before.roles.contains_key(ROLE_NAME), "the sandbox is installed");
    let mut wrong = Vec::new();
    for case in &cases {
        let out = run_case(&sandbox, case);
        let stdout = String::from_utf8_lossy(&out.stdout);
        // One document, or JSON lines (install) ending with the error.
        let doc: Value = serde_json::from_str(&stdout)
            .or_else(|_| serde_json::from_str(stdout.lines().last().unwrap_or_default()))
            .unwrap_or(Value::Null);
        let (code, message) = match case.code {
            Some(_) => (
                doc["error"]["code"].as_str().map(str::to_owned),
                doc["error"]["message"].as_str().unwrap_or_default().to_owned(),
            ),
            None => (None, doc["problems"][0]["message"].as_str().unwrap_or_default().to_owned()),
        };
        let hinted = case.code.is_none() || doc["error"]["hint"].as_str().is_some_and(|h| !h.is_empty());
        if out.status.code() != Some(case.exit)
            || code.as_deref() != case.code
            || !message.contains(case.says)
            || !hinted
            || String::from_utf8_lossy(&out.stderr).contains("panicked")
        {
            wrong.push(format!(
                "{}: exit {:?} (want {}), code {code:?} (want {:?}), message {message:?} (want {:?}), hint: {hinted}\n  stdout: {stdout}",
                case.what,
                out.status.code(),
                case.exit,
                case.code,
                case.says
            ));
        }
    }
    let after = state(&aws, &journal).await;
    assert!(wrong.is_empty(), "{} of {} cases went wrong:\n{}", wrong.len(), cases.len(), wrong.join("\n"));
    assert_eq!(before, after, "a refused input changed AWS or the journal");
    // The installation is still the account's one, as before.
    assert_eq!(after.stacks.iter().filter(|(_, name, _)| name.contains("sandbox-demo")).count(), 2);
}
