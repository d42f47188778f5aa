//! Drives the real app binary through tauri-driver and WebKitWebDriver under X (Xvfb in
#![allow(dead_code)] // each e2e test binary uses a different part of this module
//! `make test`), with the app pointed at this process's moto.

use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use private_deploy_tests::fault_proxy::FaultProxy;
use private_deploy_tests::moto::MotoGuard;
use private_deploy_tests::{exclusive, paths, Sandbox};
use thirtyfour::prelude::*;

pub struct Gui {
    pub driver: WebDriver,
    pub sandbox: Sandbox,
    /// The loopback proxy between the app and moto, for the tests that start behind one.
    pub proxy: Option<FaultProxy>,
    tauri_driver: Child,
    port: u16,
    _moto: MotoGuard,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn tauri_driver_binary() -> PathBuf {
    let in_cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .map(|d| d.join("bin").join("tauri-driver"));
    match in_cargo_home {
        Some(p) if p.exists() => p,
        _ => PathBuf::from("tauri-driver"),
    }
}

impl Gui {
    pub async fn start() -> Self {
        Self::launch(false, &[]).await
    }

    /// The app pointed at a fault proxy in front of moto (`self.proxy`).
    pub async fn start_behind_proxy() -> Self {
        Self::launch(true, &[]).await
    }

    /// `extra_env` on top of the sandbox's (e.g. a stand-in service's endpoint variables).
    async fn launch(proxied: bool, extra_env: &[(String, String)]) -> Self {
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "DISPLAY is not set: run the GUI tests under X, e.g. `xvfb-run -a make test-e2e` (make test does)"
        );
        let moto = exclusive().await;
        let proxy = proxied.then(|| FaultProxy::start(&moto.moto.endpoint()));
        let sandbox = Sandbox::new(&proxy.as_ref().map_or_else(|| moto.moto.endpoint(), FaultProxy::endpoint));
        let (port, native_port) = (free_port(), free_port());
        let log = std::fs::File::create(paths::artifacts_dir().join("tauri-driver.log")).unwrap();
        let mut cmd = Command::new(tauri_driver_binary());
        cmd.args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .stdout(Stdio::from(log.try_clone().unwrap()))
            .stderr(Stdio::from(log));
        // tauri-driver starts WebKitWebDriver, which starts the app: the app inherits this.
        sandbox.apply(&mut cmd);
        cmd.envs(extra_env.iter().map(|(k, v)| (k, v)));
        let tauri_driver = cmd.spawn().expect("start tauri-driver (`cargo install tauri-driver --locked`)");
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "tauri-driver did not listen on {port} within 20 s");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let driver = session(port).await.expect("WebDriver session");
        Self { driver, sandbox, proxy, tauri_driver, port, _moto: moto }
    }

    /// Closes the window and opens the app again on the same sandbox (journal, profiles, moto).
    pub async fn relaunch(&mut self) {
        let _ = self.driver.clone().quit().await;
        // The closing app may still hold the single-instance name: a new one then hands over
        // to it and exits, and the session fails; ask again until one stays.
        let deadline = Instant::now() + Duration::from_secs(30);
        self.driver = loop {
            match session(self.port).await {
                Ok(driver) => break driver,
                Err(e) => assert!(Instant::now() < deadline, "no new session within 30 s: {e}"),
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        };
    }

    /// Waits until `css` matches an element for which `ok` holds; returns it.
    pub async fn wait_for<F>(&self, css: &str, what: &str, ok: F) -> WebElement
    where
        F: AsyncFn(&WebElement) -> bool,
    {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(el) = self.driver.find(By::Css(css)).await {
                if ok(&el).await {
                    return el;
                }
            }
            assert!(Instant::now() < deadline, "timed out after 20 s waiting for {css} ({what})");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn wait_text(&self, css: &str, expected: &str) -> WebElement {
        self.wait_for(css, &format!("text {expected:?}"), async |el| {
            el.text().await.is_ok_and(|t| t.trim() == expected)
        })
        .await
    }

    /// Opens the sandbox's signed sample invite through the Invite step's file input, as a
    /// person picking the file does, and waits for its summary.
    #[allow(dead_code)] // Not every end-to-end test starts from an invite.
    pub async fn open_sample_invite(&self) {
        self.open_invite(&private_deploy_tests::stacks::fixture(private_deploy_tests::stacks::SANDBOX_INVITE)).await;
    }

    /// Opens the invite file `path` as [`Gui::open_sample_invite`] does.
    pub async fn open_invite(&self, path: &std::path::Path) {
        // The page may still be loading: wait for the input rather than look once.
        let input = self.wait_for(r#"[data-testid="invite-file"]"#, "the invite file input", async |_| true).await;
        input.send_keys(path.display().to_string()).await.expect("pick the invite");
        self.wait_for(r#"[data-testid="invite-summary"]"#, "the invite summary", async |_| true).await;
    }

    /// Invite (the sample) → Sign in with the sandbox profile → Review access (the boundary
    /// turned on when asked) → Next: on the Region step.
    #[allow(dead_code)] // Only the tests that walk the whole wizard call it.
    pub async fn to_region_step(&self, boundary: bool) {
        self.open_sample_invite().await;
        self.sign_in_and_review_access(boundary).await;
    }

    /// From an opened invite: Sign in with the sandbox profile → Review access (the boundary
    /// turned on when asked) → Next: on the Region step.
    #[allow(dead_code)] // Only the tests that walk the whole wizard call it.
    pub async fn sign_in_and_review_access(&self, boundary: bool) {
        self.click("#next").await;
        self.click(&format!(r#"input[type=radio][name=profile][value="{}"]"#, private_deploy_tests::sandbox::PROFILE))
            .await;
        self.click("#sign-in").await;
        self.wait_text(r#"[data-testid="account-id"]"#, private_deploy_tests::installed::ACCOUNT).await;
        self.click("#next").await;
        self.wait_for(r#"[data-testid="trust-policy"]"#, "the trust policy", async |_| true).await;
        if boundary {
            self.click(r#"[data-testid="boundary-checkbox"]"#).await;
            self.wait_for(r#"[data-testid="boundary-checkbox"]"#, "checked and loaded", async |el| {
                el.is_selected().await.unwrap_or(false) && el.is_enabled().await.unwrap_or(false)
            })
            .await;
        }
        self.click("#next").await;
    }

    /// On the Region step: picks `region` through the filter, then Next.
    #[allow(dead_code)] // Only the tests that walk the whole wizard call it.
    pub async fn choose_region(&self, region: &str) {
        let filter = self.wait_for("#region-filter", "the region list", async |_| true).await;
        filter.send_keys(region).await.unwrap();
        self.click(&format!(r#"input[type=radio][name=region][value="{region}"]"#)).await;
        self.click("#next").await;
    }

    /// On the Network step: saves the first suggested block and returns it.
    #[allow(dead_code)] // Only the tests that walk the whole wizard call it.
    pub async fn save_first_suggestion(&self) -> String {
        let cidr = self.first_suggestion().await;
        self.click("#use-network").await;
        self.wait_for(r#"[data-testid="network-saved"]"#, "saved", async |_| true).await;
        cidr
    }

    /// The whole wizard up to the Install step, in `region`, with the first suggested block;
    /// returns the block.
    #[allow(dead_code)] // Only the tests that install call it.
    pub async fn to_install_step(&self, region: &str) -> String {
        self.to_region_step(false).await;
        self.choose_region(region).await;
        let cidr = self.save_first_suggestion().await;
        self.click("#next").await;
        cidr
    }

    /// On the Network step: switches to the suggested blocks and returns the first one.
    #[allow(dead_code)] // Only the tests that reach the Network step call it.
    pub async fn first_suggestion(&self) -> String {
        self.click("#cidr-mode-suggested").await;
        let field = self
            .wait_for("#cidr-suggestion", "suggestions", async |el| {
                el.value().await.ok().flatten().is_some_and(|v| !v.is_empty())
            })
            .await;
        field.value().await.expect("the suggestion's value").unwrap_or_default()
    }

    pub async fn click(&self, css: &str) {
        let el = self.wait_for(css, "enabled", async |el| el.is_enabled().await.unwrap_or(false)).await;
        // WebKitWebDriver scrolls an element only to the edge of its scrolling pane, where the
        // wizard's footer can cover it: bring it to the middle first, as a person would.
        let _ = self
            .driver
            .execute("arguments[0].scrollIntoView({block: 'center'})", vec![el.to_json().expect("element")])
            .await;
        el.click().await.expect("click");
    }

    /// Saves a screenshot to `target/test-artifacts/<name>.png` once the frame is current
    /// (WebKit can hand over a stale frame: wait for two animation frames first).
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let _ = self
            .driver
            .execute_async(
                "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done()));",
                Vec::new(),
            )
            .await;
        let path = paths::artifacts_dir().join(format!("{name}.png"));
        if let Err(e) = self.driver.screenshot(&path).await {
            eprintln!("screenshot {name} failed: {e}");
        }
        eprintln!("screenshot: {}", path.display());
        path
    }

    /// Ends the session and stops tauri-driver with SIGTERM (SIGKILL would leave
    /// WebKitWebDriver running on its port).
    pub async fn quit(mut self) {
        let _ = self.driver.quit().await;
        let _ = Command::new("kill").args(["-TERM", &self.tauri_driver.id().to_string()]).status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.tauri_driver.try_wait() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        eprintln!("tauri-driver did not stop within 10 s of SIGTERM");
    }
}

/// A WebDriver session through tauri-driver on `port`: it starts the app.
async fn session(port: u16) -> Result<WebDriver, String> {
    let caps = serde_json::json!({
        "browserName": "wry",
        "tauri:options": { "application": paths::app_binary() }
    });
    let serde_json::Value::Object(caps) = caps else { unreachable!() };
    tokio::time::timeout(Duration::from_secs(60), WebDriver::new(format!("http://127.0.0.1:{port}"), caps))
        .await
        .map_err(|_| "no WebDriver session within 60 s (is DISPLAY a running X server?)".to_owned())?
        .map_err(|e| e.to_string())
}

/// [`scenario`] for the tests that relaunch the app or start behind a proxy: `steps` gets
/// the window mutably.
pub async fn scenario_mut<F>(name: &str, proxied: bool, steps: F)
where
    F: AsyncFnOnce(&mut Gui),
{
    use futures_util::FutureExt;
    let mut gui = Gui::launch(proxied, &[]).await;
    let outcome = std::panic::AssertUnwindSafe(steps(&mut gui)).catch_unwind().await;
    gui.screenshot(name).await;
    gui.quit().await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

/// Runs `steps`, then always takes a screenshot named `name` and quits; fails afterwards
/// if a step failed, so a failing run leaves its picture behind.
pub async fn scenario<F>(name: &str, steps: F)
where
    F: AsyncFnOnce(&Gui),
{
    run_scenario(name, Gui::start().await, steps).await
}

/// [`scenario`], with `env` added to the app's environment (the sandbox's stays).
pub async fn scenario_with_env<F>(name: &str, env: &[(String, String)], steps: F)
where
    F: AsyncFnOnce(&Gui),
{
    run_scenario(name, Gui::launch(false, env).await, steps).await
}

/// [`scenario`], with the app talking to moto through a fault proxy (`gui.proxy`).
pub async fn scenario_through_proxy<F>(name: &str, steps: F)
where
    F: AsyncFnOnce(&Gui),
{
    run_scenario(name, Gui::start_behind_proxy().await, steps).await
}

async fn run_scenario<F>(name: &str, gui: Gui, steps: F)
where
    F: AsyncFnOnce(&Gui),
{
    use futures_util::FutureExt;
    let outcome = std::panic::AssertUnwindSafe(steps(&gui)).catch_unwind().await;
    gui.screenshot(name).await;
    gui.quit().await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}
