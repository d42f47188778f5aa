//! One moto server per test process, on a free loopback port, stopped when the process
//! exits. Tests that use it take [`exclusive`], which serializes them and resets moto, so
//! each test starts from an empty account.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use crate::paths;

pub struct MotoServer {
    port: u16,
    // Holding the child keeps its stdin open; when this process exits, the pipe closes and
    // serve.py stops moto.
    _child: Mutex<Child>,
}

impl MotoServer {
    pub fn start() -> Self {
        let script = paths::repo_root().join("tests").join("moto").join("serve.py");
        let mut child = Command::new(paths::python())
            .arg(&script)
            .arg("0")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("could not start moto ({}): {e}", script.display()));
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx.recv_timeout(Duration::from_secs(90)).expect("moto did not answer within 90 s");
        let port = line
            .trim()
            .strip_prefix("ready ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("moto did not start: {line:?}"));
        Self { port, _child: Mutex::new(child) }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// `POST /moto-api/reset`: forget every resource of every account and region.
    pub fn reset(&self) {
        let status = self.post("/moto-api/reset");
        assert!(
            status.starts_with("HTTP/1.1 200") || status.starts_with("HTTP/1.0 200"),
            "moto reset failed: {status}"
        );
    }

    fn post(&self, path: &str) -> String {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect to moto");
        stream.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
        write!(stream, "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            .expect("write");
        let mut response = String::new();
        let _ = stream.read_to_string(&mut response);
        response.lines().next().unwrap_or_default().to_owned()
    }
}

static SHARED: OnceLock<MotoServer> = OnceLock::new();
static EXCLUSIVE: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The moto server of this test process, started on first use.
pub fn shared() -> &'static MotoServer {
    SHARED.get_or_init(MotoServer::start)
}

/// Exclusive use of a freshly reset moto for the life of the guard.
pub struct MotoGuard {
    pub moto: &'static MotoServer,
    _lock: tokio::sync::MutexGuard<'static, ()>,
}

pub async fn exclusive() -> MotoGuard {
    let lock = EXCLUSIVE.lock().await;
    let moto = shared();
    moto.reset();
    MotoGuard { moto, _lock: lock }
}

/// Tests and the sandbox send AWS traffic to this machine only.
pub fn assert_loopback(endpoint: &str) -> Result<(), String> {
    let rest = endpoint
        .strip_prefix("http://")
        .or_else(|| endpoint.strip_prefix("https://"))
        .ok_or_else(|| format!("{endpoint} is not an http(s) URL"))?;
    let authority = rest.split('/').next().unwrap_or_default();
    let host = if let Some(v6) = authority.strip_prefix('[') {
        v6.split(']').next().unwrap_or_default()
    } else {
        authority.rsplit_once(':').map(|(h, _)| h).unwrap_or(authority)
    };
    let loopback = host == "localhost" || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
    if loopback {
        Ok(())
    } else {
        Err(format!("refusing endpoint {endpoint}: tests talk to loopback addresses only"))
    }
}

#[cfg(test)]
mod tests {
    use super::assert_loopback;

    #[test]
    fn only_loopback_endpoints_are_accepted() {
        for ok in ["http://127.0.0.1:5000", "http://127.9.9.9:1/x", "http://localhost:80", "http://[::1]:5000"] {
            assert_eq!(assert_loopback(ok), Ok(()), "{ok}");
        }
        for bad in [
            "https://sts.amazonaws.com",
            "http://10.0.0.1:5000",
            "http://192.168.1.2",
            "127.0.0.1:5000",
            "http://[2001:db8::1]:1",
        ] {
            assert!(assert_loopback(bad).is_err(), "{bad}");
        }
    }
}
