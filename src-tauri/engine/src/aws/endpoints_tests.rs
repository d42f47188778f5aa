use super::*;
use aws_runtime::env_config::file::{EnvConfigFileKind, EnvConfigFiles};
use aws_types::os_shim_internal::Fs;

async fn set(config: &str) -> ProfileSet {
    let files = EnvConfigFiles::builder().with_contents(EnvConfigFileKind::Config, config.to_owned()).build();
    aws_config::profile::load(&Fs::from_slice(&[]), &Env::from_slice(&[]), &files, None).await.unwrap()
}

fn found_for(env: &EndpointEnv, set: &ProfileSet, name: &str) -> Vec<(Option<String>, String, String)> {
    overrides(env, set, set.get_profile(name).map(|p| (name, p)))
        .into_iter()
        .map(|o| {
            let from_env = o.origin == EndpointOrigin::Environment;
            assert_eq!(from_env, o.setting.starts_with("AWS_ENDPOINT_URL"), "{o:?}");
            (o.service, o.url, o.setting)
        })
        .collect()
}

const CONFIG: &str = "\
[profile local]
endpoint_url = http://localhost:4566
services = emulator
[services emulator]
sts =
  endpoint_url = http://127.0.0.1:5000
ec2 =
  endpoint_url = https://ec2.internal.example
[profile plain]
region = eu-west-1
";

#[test]
fn the_environment_is_read_per_service_and_ignored_when_asked() {
    let env = Env::from_slice(&[
        ("AWS_ENDPOINT_URL", "http://127.0.0.1:5000"),
        ("AWS_ENDPOINT_URL_STS", "https://sts.internal.example"),
        ("AWS_ENDPOINT_URL_CLOUDFORMATION", " "),
    ]);
    let read = EndpointEnv::from_env(&env);
    assert_eq!(read.global.as_deref(), Some("http://127.0.0.1:5000"));
    assert_eq!(read.services, vec![("sts".to_owned(), "https://sts.internal.example".to_owned())]);

    let ignoring = Env::from_slice(&[("AWS_ENDPOINT_URL", "http://127.0.0.1:5000"), (IGNORE_ENV, "TRUE")]);
    assert_eq!(EndpointEnv::from_env(&ignoring), EndpointEnv::default());
}

#[tokio::test]
async fn a_profile_gives_its_endpoint_url_and_its_services_section() {
    let set = set(CONFIG).await;
    assert_eq!(
        found_for(&EndpointEnv::default(), &set, "local"),
        vec![
            (None, "http://localhost:4566".into(), "profile local (endpoint_url)".into()),
            (Some("sts".into()), "http://127.0.0.1:5000".into(), "[services emulator] sts".into()),
            (Some("ec2".into()), "https://ec2.internal.example".into(), "[services emulator] ec2".into()),
        ]
    );
    assert_eq!(found_for(&EndpointEnv::default(), &set, "plain"), vec![]);
}

#[tokio::test]
async fn the_environment_beats_the_profile_as_in_the_sdk() {
    let set = set(CONFIG).await;
    // A service's variable beats everything for that service; AWS_ENDPOINT_URL beats the
    // profile's endpoint_url and its [services] entries, which then reach no call.
    let env = EndpointEnv {
        global: Some("http://127.0.0.1:9000".into()),
        services: vec![("iam".into(), "https://iam.internal.example".into())],
    };
    assert_eq!(
        found_for(&env, &set, "local"),
        vec![
            (None, "http://127.0.0.1:9000".into(), "AWS_ENDPOINT_URL".into()),
            (Some("iam".into()), "https://iam.internal.example".into(), "AWS_ENDPOINT_URL_IAM".into()),
        ]
    );
    // Only a service variable: the profile's section still applies to the other services.
    let env = EndpointEnv { global: None, services: vec![("sts".into(), "https://sts.internal.example".into())] };
    let got = found_for(&env, &set, "local");
    assert!(got.contains(&(Some("sts".into()), "https://sts.internal.example".into(), "AWS_ENDPOINT_URL_STS".into())));
    assert!(got.contains(&(
        Some("ec2".into()),
        "https://ec2.internal.example".into(),
        "[services emulator] ec2".into()
    )));
    assert!(!got.iter().any(|(_, url, _)| url == "http://127.0.0.1:5000"), "shadowed: {got:?}");
}

#[tokio::test]
async fn a_profile_that_ignores_configured_endpoints_has_none() {
    let set =
        set("[profile aws]\nendpoint_url = http://localhost:4566\nignore_configured_endpoint_urls = true\n").await;
    let env = EndpointEnv { global: Some("http://127.0.0.1:5000".into()), services: vec![] };
    assert_eq!(found_for(&env, &set, "aws"), vec![]);
}

#[test]
fn plain_http_is_accepted_only_for_this_computer() {
    for ok in [
        "http://127.0.0.1:5000",
        "http://127.8.9.10",
        "http://localhost:4566/",
        "http://LOCALHOST",
        "http://[::1]:5000",
        "https://10.0.0.5:4566",
        "https://sts.eu-west-1.amazonaws.com",
    ] {
        assert_eq!(check_one(ok, "AWS_ENDPOINT_URL"), Ok(()), "{ok}");
    }
    for remote in ["http://10.0.0.5:4566", "http://sts.amazonaws.com", "http://[::2]", "http://localhost.evil.example"]
    {
        let err = check_one(remote, "AWS_ENDPOINT_URL").unwrap_err();
        assert!(matches!(err, EndpointError::PlainHttp { .. }), "{remote}: {err:?}");
    }
    for bad in ["127.0.0.1:5000", "ftp://127.0.0.1", "http://", "https://", "file:///etc/passwd"] {
        let err = check_one(bad, "AWS_ENDPOINT_URL").unwrap_err();
        assert!(matches!(err, EndpointError::NotAUrl { .. }), "{bad}: {err:?}");
    }
}

#[tokio::test]
async fn every_form_is_checked_before_any_call_and_the_error_says_what_to_do() {
    let set =
        set("[profile p]\nservices = s\n[services s]\ncloudtrail =\n  endpoint_url = http://192.168.1.9:4566\n").await;
    let err = checked(&EndpointEnv::default(), &set, set.get_profile("p").map(|p| ("p", p))).unwrap_err();
    assert_eq!(
        err,
        EndpointError::PlainHttp {
            setting: "[services s] cloudtrail".into(),
            url: "http://192.168.1.9:4566".into(),
            host: "192.168.1.9".into()
        }
    );
    let failure = err.failure();
    assert_eq!(failure.code, ErrorCode::ProfileConfig);
    assert!(failure.message.contains("not this computer"), "{failure:?}");
    assert!(
        failure.hint.as_deref().unwrap().contains("Use an https:// address in [services s] cloudtrail"),
        "{failure:?}"
    );

    let env = EndpointEnv { global: None, services: vec![("ec2".into(), "http://ec2.example".into())] };
    let err = checked(&env, &set, None).unwrap_err();
    assert!(matches!(&err, EndpointError::PlainHttp { setting, .. } if setting == "AWS_ENDPOINT_URL_EC2"), "{err:?}");
}

#[test]
fn user_info_is_never_shown() {
    assert_eq!(without_user_info("https://user:pass@host.example:443/x"), "https://host.example:443/x");
    assert_eq!(without_user_info("http://a@b@127.0.0.1:5000"), "http://127.0.0.1:5000");
    assert_eq!(without_user_info("http://127.0.0.1:5000/p?q=a@b"), "http://127.0.0.1:5000/p?q=a@b");
    assert_eq!(without_user_info("http://127.0.0.1:5000"), "http://127.0.0.1:5000");
    assert_eq!(without_user_info("not a url"), "not a url");
    let err = check_one("http://admin:hunter2@10.1.1.1", "AWS_ENDPOINT_URL").unwrap_err();
    let failure = err.failure();
    let words = format!("{} {}", failure.message, failure.hint.unwrap_or_default());
    assert!(!words.contains("hunter2") && !words.contains("admin"), "{words}");
    assert!(words.contains("http://10.1.1.1"), "{words}");
}
