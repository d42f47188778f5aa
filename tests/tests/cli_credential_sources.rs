//! Credentials and endpoints from the environment, through the real `private-deploy` binary
//! (a child process: the SDK reads the process environment itself): `AWS_ACCESS_KEY_ID` and
//! friends, `AWS_ENDPOINT_URL_<SERVICE>`, a profile's `endpoint_url` and `[services]`, the
//! loopback rule for plain `http://`, and logs in plain text on a pipe.

use std::process::{Command, Output};

use private_deploy_tests::cli::json;
use private_deploy_tests::sandbox::{assumed_role_arn, sign_in_role_arn, PROFILE};
use private_deploy_tests::{exclusive, paths, seed, Sandbox};

/// `private-deploy ARGS` in the sandbox, with `unset` removed and `set` added to its environment.
fn run_with(sandbox: &Sandbox, args: &[&str], unset: &[&str], set: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(paths::cli_binary());
    sandbox.apply(&mut cmd);
    for var in unset {
        cmd.env_remove(var);
    }
    cmd.envs(set.iter().copied());
    cmd.args(args).output().expect("run private-deploy")
}

/// A port that nothing listens on: bind, learn the port, close.
fn dead_endpoint() -> String {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    format!("http://127.0.0.1:{port}")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[tokio::test]
async fn keys_in_the_environment_sign_in_when_no_profile_is_named() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let keys = engine::aws::connect(&sandbox.options(Some(PROFILE))).await.unwrap();
    seed::create_sign_in_role(&keys.config).await;
    let out = aws_sdk_sts::Client::new(&keys.config)
        .assume_role()
        .role_arn(sign_in_role_arn())
        .role_session_name("env-session")
        .send()
        .await
        .unwrap();
    let c = out.credentials.unwrap();

    let out = run_with(
        &sandbox,
        &["whoami", "--json"],
        &["AWS_PROFILE"],
        &[
            ("AWS_ACCESS_KEY_ID", &c.access_key_id),
            ("AWS_SECRET_ACCESS_KEY", &c.secret_access_key),
            ("AWS_SESSION_TOKEN", &c.session_token),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json(&out)["arn"], assumed_role_arn("env-session"));
}

#[tokio::test]
async fn a_services_own_variable_beats_aws_endpoint_url() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    // Every service at a dead port, except STS: whoami only asks STS.
    let dead = dead_endpoint();
    let moto = guard.moto.endpoint();
    let out =
        run_with(&sandbox, &["whoami", "--json"], &[], &[("AWS_ENDPOINT_URL", &dead), ("AWS_ENDPOINT_URL_STS", &moto)]);
    assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), stderr(&out));
    assert_eq!(json(&out)["account"], "123456789012");

    // And the other way round: STS at the dead port fails as a network error.
    let out = run_with(&sandbox, &["whoami", "--json"], &[], &[("AWS_ENDPOINT_URL_STS", &dead)]);
    assert_eq!(json(&out)["error"]["code"], "network", "{}", stderr(&out));
}

#[tokio::test]
async fn a_profiles_endpoint_url_and_services_section_are_used_without_any_variable() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let moto = guard.moto.endpoint();
    sandbox.append_config(&format!(
        "[profile lab]\nendpoint_url = {moto}\nregion = us-east-1\n\
         [profile lab-services]\nendpoint_url = {dead}\nservices = lab-emulator\nregion = us-east-1\n\
         [services lab-emulator]\nsts =\n  endpoint_url = {moto}\n",
        dead = dead_endpoint()
    ));
    std::fs::write(
        sandbox.profile_paths().credentials,
        "[sandbox]\naws_access_key_id = AKIASANDBOXEXAMPLE\naws_secret_access_key = sandbox-secret\n\
         [lab]\naws_access_key_id = AKIALAB\naws_secret_access_key = lab-secret\n\
         [lab-services]\naws_access_key_id = AKIALAB\naws_secret_access_key = lab-secret\n",
    )
    .unwrap();
    for profile in ["lab", "lab-services"] {
        let out = run_with(&sandbox, &["whoami", "--json", "--profile", profile], &["AWS_ENDPOINT_URL"], &[]);
        assert!(out.status.success(), "{profile}: {}", stderr(&out));
        assert_eq!(json(&out)["account"], "123456789012", "{profile}");
    }
}

/// Extra arguments, variables to unset, variables to set, the setting the error must name.
type Case<'a> = (&'a [&'a str], &'a [&'a str], &'a [(&'a str, &'a str)], &'a str);

#[tokio::test]
async fn plain_http_off_this_computer_is_refused_before_any_call_in_every_form() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    // 192.0.2.0/24 is TEST-NET-1: never routed, so a call would hang until the timeout.
    sandbox.append_config(
        "[profile remote]\nendpoint_url = http://192.0.2.10:4566\nregion = us-east-1\n\
         [profile remote-services]\nservices = remote\nregion = us-east-1\n\
         [services remote]\nec2 =\n  endpoint_url = http://192.0.2.11:4566\n",
    );
    let cases: [Case; 4] = [
        (&[], &[], &[("AWS_ENDPOINT_URL", "http://user:secret@192.0.2.1:5000")], "AWS_ENDPOINT_URL"),
        (&[], &[], &[("AWS_ENDPOINT_URL_IAM", "http://192.0.2.2")], "AWS_ENDPOINT_URL_IAM"),
        (&["--profile", "remote"], &["AWS_ENDPOINT_URL"], &[], "profile remote (endpoint_url)"),
        (&["--profile", "remote-services"], &["AWS_ENDPOINT_URL"], &[], "[services remote] ec2"),
    ];
    for (extra, unset, set, setting) in cases {
        let args: Vec<&str> = ["whoami", "--json"].into_iter().chain(extra.iter().copied()).collect();
        let started = std::time::Instant::now();
        let out = run_with(&sandbox, &args, unset, set);
        assert_eq!(out.status.code(), Some(1), "{setting}: {}", stderr(&out));
        let error = &json(&out)["error"];
        assert_eq!(error["code"], "profile_config", "{setting}: {error}");
        let message = error["message"].as_str().unwrap();
        assert!(message.contains(setting) && message.contains("not this computer"), "{message}");
        assert!(error["hint"].as_str().unwrap().contains("https://"), "{error}");
        assert!(!out.stdout.windows(6).any(|w| w == b"secret"), "user-info is never shown: {error}");
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "{setting}: refused before any call");
    }
}

#[tokio::test]
async fn logs_on_a_pipe_are_plain_text() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let out = run_with(&sandbox, &["whoami"], &[], &[("PRIVATE_DEPLOY_LOG", "info,aws_config=debug")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let logs = stderr(&out);
    assert!(logs.contains("aws_config"), "the SDK logged something: {logs}");
    assert!(!logs.contains('\u{1b}'), "no escape sequences when stderr is a pipe: {logs:?}");
}
