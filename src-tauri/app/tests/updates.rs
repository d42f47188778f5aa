//! The updater end to end, through the real Tauri updater plugin in a mock app: a loopback
//! HTTPS server (openssl s_server, a certificate trusted through SSL_CERT_FILE for this test
//! binary only) serves an update manifest and an artifact signed with a throwaway key pair made
//! here by the Tauri CLI's signer (the release key's private half is never in the repository).
//! A correctly signed update downloads; a tampered artifact, another key's signature, a
//! signature made for another version or for none, and no signature at all are refused with a
//! message that says nothing was installed. A download lost on the way keeps the update for
//! another try; a refused one is dropped.
//!
//! One test in this file on purpose: SSL_CERT_FILE is set for the whole process.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use engine::updates::{UpdateError, UpdateInstall};
use engine::{ErrorCode, Explain};
use private_deploy_app::updates::{self, Source};
use serde_json::json;

const NEW_VERSION: &str = "9.0.0";

#[test]
fn a_signed_update_downloads_and_tampered_or_foreign_ones_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let release = signing_key(d, "release");
    let stranger = signing_key(d, "stranger");

    let artifact = b"the new Private Deploy, as a release bundles it".repeat(100);
    std::fs::write(d.join("app.tar.gz"), &artifact).unwrap();
    let good = sign(&release, &d.join("app.tar.gz"), NEW_VERSION);
    let foreign = sign(&stranger, &d.join("app.tar.gz"), NEW_VERSION);
    let old = sign(&release, &d.join("app.tar.gz"), "0.0.1");
    // Signed as releases were before `--app-version`: the version is not bound to the bytes.
    let versionless = sign_without_version(&release, &d.join("app.tar.gz"));
    let mut tampered = artifact.clone();
    tampered[10] ^= 1;
    std::fs::write(d.join("tampered.tar.gz"), &tampered).unwrap();

    let ca = certificates(d);
    // Only this process trusts the test CA (rustls-native-certs reads it for the plugin's client).
    std::env::set_var("SSL_CERT_FILE", &ca);
    let server = Server::start(d);
    let base = format!("https://127.0.0.1:{}", server.port);
    for (name, signature, file) in [
        ("good", &good, "app.tar.gz"),
        ("tampered", &good, "tampered.tar.gz"),
        ("foreign", &foreign, "app.tar.gz"),
        ("old", &old, "app.tar.gz"),
        ("versionless", &versionless, "app.tar.gz"),
        ("unsigned", &String::new(), "app.tar.gz"),
    ] {
        manifest(d, name, signature, &format!("{base}/{file}"));
    }
    // The artifact's server goes away after the check (nothing listens on that port).
    let closed = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    manifest(d, "lost", &good, &format!("https://127.0.0.1:{closed}/app.tar.gz"));

    let app = mock_app();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let outcome = |name: &str| {
        let source = Source { endpoint: format!("{base}/{name}.json").parse().unwrap(), pubkey: public_key(&release) };
        runtime.block_on(async {
            let update = updates::check(app.handle(), Some(&source)).await?.expect("an update is offered");
            let offer = updates::offer(&update);
            updates::download(&update).await.map(|bytes| (offer, bytes))
        })
    };

    let (offer, bytes) = outcome("good").expect("the signed update is accepted");
    assert_eq!(bytes, artifact);
    assert_eq!(offer.version, NEW_VERSION);
    assert_eq!(offer.notes.as_deref(), Some("Faster discovery.\nFixes the Manage panel."));
    assert_eq!(offer.published.as_deref(), Some("2026-12-01T10:00:00Z"));
    // Run from the build folder, not from a package: the window links to the download.
    assert_eq!(offer.install, UpdateInstall::Download);

    for (name, expected) in [
        ("tampered", "signature"),
        ("foreign", "signature"),
        ("old", "signed for version 0.0.1"),
        ("versionless", "no valid signature"),
        ("unsigned", "signature"),
    ] {
        let err = outcome(name).err().unwrap_or_else(|| panic!("the {name} update was accepted"));
        assert!(
            matches!(err, UpdateError::SignatureInvalid | UpdateError::VersionMismatch { .. } | UpdateError::Unsigned),
            "{name}: {err:?}"
        );
        assert!(!err.can_retry(), "{name}: a refused update is not tried again");
        let failure = err.failure();
        assert_eq!(failure.code, ErrorCode::UpdateRefused, "{name}: {failure}");
        assert!(failure.message.contains("nothing was installed"), "{name}: {failure}");
        assert!(failure.message.contains(expected), "{name}: {failure}");
    }

    // What "Install and restart" does with the update found: a lost download keeps it for
    // another press; a refused one is dropped, so the next try asks the server afresh.
    let pending_of = |name: &str| {
        let source = Source { endpoint: format!("{base}/{name}.json").parse().unwrap(), pubkey: public_key(&release) };
        let pending = updates::Pending::default();
        pending.keep(runtime.block_on(updates::check(app.handle(), Some(&source))).unwrap());
        let result = runtime.block_on(updates::download_pending(&pending)).map(|(_, bytes)| bytes);
        (result, pending)
    };
    let (lost, pending) = pending_of("lost");
    assert!(matches!(lost, Err(UpdateError::Unreachable { .. })), "{lost:?}");
    assert!(!pending.is_empty(), "a lost download keeps the update");
    let (refused, pending) = pending_of("tampered");
    assert!(matches!(refused, Err(UpdateError::SignatureInvalid)), "{refused:?}");
    assert!(pending.is_empty(), "a refused update is not kept");
    let (good_bytes, pending) = pending_of("good");
    assert_eq!(good_bytes.unwrap(), artifact);
    assert!(pending.is_empty(), "the update is taken to be installed");
    let nothing = runtime.block_on(updates::download_pending(&pending)).map(|_| ());
    assert!(matches!(nothing, Err(UpdateError::NothingToInstall)), "{nothing:?}");
}

fn tauri_cli() -> PathBuf {
    let cli = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/node_modules/.bin/tauri");
    assert!(cli.exists(), "{} is missing: run `npm install` in ui/ (make deps does)", cli.display());
    cli
}

fn run(command: &mut Command) -> String {
    let out = command.output().unwrap_or_else(|e| panic!("{command:?}: {e}"));
    assert!(out.status.success(), "{command:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// A minisign key pair in the Tauri signer's format, password "test"; returns the private key's path.
fn signing_key(dir: &Path, name: &str) -> PathBuf {
    let key = dir.join(format!("{name}.key"));
    run(Command::new(tauri_cli()).args(["signer", "generate", "--ci", "-p", "test", "-w"]).arg(&key));
    key
}

fn public_key(key: &Path) -> String {
    std::fs::read_to_string(key.with_extension("key.pub")).unwrap().trim().to_owned()
}

/// Signs `file` for `version` as the release workflow does; returns the `.sig` file's text.
fn sign(key: &Path, file: &Path, version: &str) -> String {
    let _ = std::fs::remove_file(file.with_extension("gz.sig"));
    run(Command::new(tauri_cli())
        .args(["signer", "sign", "-p", "test", "--app-version", version, "-f"])
        .arg(key)
        .arg(file)
        .env_remove("TAURI_SIGNING_PRIVATE_KEY"));
    std::fs::read_to_string(file.with_extension("gz.sig")).unwrap()
}

/// Signs `file` with no version in the signature's trusted comment, as before `--app-version`.
fn sign_without_version(key: &Path, file: &Path) -> String {
    let _ = std::fs::remove_file(file.with_extension("gz.sig"));
    run(Command::new(tauri_cli())
        .args(["signer", "sign", "-p", "test", "-f"])
        .arg(key)
        .arg(file)
        .env_remove("TAURI_SIGNING_PRIVATE_KEY"));
    std::fs::read_to_string(file.with_extension("gz.sig")).unwrap()
}

fn manifest(dir: &Path, name: &str, signature: &str, url: &str) {
    let target = format!("{}-{}", std::env::consts::OS, std::env::consts::ARCH);
    let manifest = json!({
        "version": NEW_VERSION,
        "notes": "Faster discovery.\nFixes the Manage panel.",
        "pub_date": "2026-12-01T10:00:00Z",
        "platforms": { target: { "signature": signature, "url": url } },
    });
    std::fs::write(dir.join(format!("{name}.json")), manifest.to_string()).unwrap();
}

/// A test CA and a certificate for 127.0.0.1 signed by it (server.pem, server.key); returns the CA's path.
fn certificates(dir: &Path) -> PathBuf {
    let openssl = |args: &[&str]| run(Command::new("openssl").args(args).current_dir(dir));
    let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    openssl(
        &[
            &["req", "-x509"],
            &ec[..],
            &["-keyout", "ca.key", "-out", "ca.pem", "-days", "1", "-subj", "/CN=updates test CA"],
        ]
        .concat(),
    );
    openssl(&[&["req"], &ec[..], &["-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"]].concat());
    std::fs::write(
        dir.join("server.ext"),
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    openssl(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.pem",
        "-days",
        "1",
        "-extfile",
        "server.ext",
    ]);
    dir.join("ca.pem")
}

/// `openssl s_server -WWW`: serves the files of `dir` over HTTPS on a loopback port.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(dir: &Path) -> Self {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new("openssl")
            .args(["s_server", "-quiet", "-WWW", "-cert", "server.pem", "-key", "server.key", "-accept"])
            .arg(format!("127.0.0.1:{port}"))
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .expect("openssl s_server");
        let mut server = Server { child, port };
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(server.child.try_wait().unwrap().is_none(), "openssl s_server exited");
            assert!(Instant::now() < deadline, "openssl s_server is not listening on {port}");
            std::thread::sleep(Duration::from_millis(20));
        }
        server
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A mock Tauri app with the updater plugin configured as tauri.conf.json configures it.
fn mock_app() -> tauri::App<tauri::test::MockRuntime> {
    let shipped: serde_json::Value = serde_json::from_str(include_str!("../tauri.conf.json")).unwrap();
    let mut context = tauri::test::mock_context(tauri::test::noop_assets());
    context.config_mut().plugins.0.insert("updater".into(), shipped["plugins"]["updater"].clone());
    tauri::test::mock_builder().plugin(tauri_plugin_updater::Builder::new().build()).build(context).unwrap()
}
