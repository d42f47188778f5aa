//! The window shows the app and nothing else: a navigation to any other origin (a link in an
//! invite's text, a redirect, a form) is refused and logged. Pages the admin should see in a
//! browser (an AWS console, the Identity Center verification page) open in the system browser,
//! never in this webview.

use tauri::plugin::{Builder, TauriPlugin};
use tauri::{Manager as _, Runtime, Url};

pub fn guard<R: Runtime>() -> TauriPlugin<R> {
    Builder::new("navigation-guard")
        .on_navigation(|webview, url| {
            let dev_url = webview.app_handle().config().build.dev_url.clone();
            let allowed = is_app_origin(url, dev_url.as_ref());
            if !allowed {
                // The origin only: a path or query may carry a token.
                tracing::warn!(origin = %url.origin().ascii_serialization(), "refused a navigation away from the app");
            }
            allowed
        })
        .build()
}

/// The embedded UI's origin: `tauri://localhost` (Linux, macOS) or `http(s)://tauri.localhost`
/// (Windows). The dev server's only in a build that does not embed the UI.
fn is_app_origin(url: &Url, dev_url: Option<&Url>) -> bool {
    let embedded = match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost") && url.port().is_none(),
        _ => false,
    };
    embedded
        || (!cfg!(feature = "custom-protocol")
            && dev_url.is_some_and(|dev| dev.origin() == url.origin() && url.username().is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed(url: &str) -> bool {
        is_app_origin(&Url::parse(url).unwrap(), Some(&Url::parse("http://localhost:5173").unwrap()))
    }

    #[test]
    fn only_the_apps_own_origin_is_allowed() {
        for ok in [
            "tauri://localhost",
            "tauri://localhost/index.html#sign-in",
            "http://tauri.localhost/",
            "https://tauri.localhost/x",
        ] {
            assert!(allowed(ok), "{ok}");
        }
        for refused in [
            "https://console.aws.amazon.com/cloudformation/home",
            "https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH",
            "http://tauri.localhost.evil.example/",
            "http://tauri.localhost:8080/",
            "tauri://evil.example/",
            "file:///etc/passwd",
            "data:text/html,<h1>hi</h1>",
            "javascript:alert(1)",
            "about:blank",
            "http://127.0.0.1:5000/",
        ] {
            assert!(!allowed(refused), "{refused}");
        }
    }

    #[test]
    fn the_dev_server_is_allowed_only_without_the_embedded_ui() {
        assert_eq!(allowed("http://localhost:5173/src/main.ts"), !cfg!(feature = "custom-protocol"));
        assert!(!allowed("http://localhost:5174/"));
    }

    #[test]
    fn the_csp_forbids_plugins_base_forms_and_framing() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tauri.conf.json");
        let conf: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let csp = conf["app"]["security"]["csp"].as_str().expect("a CSP string");
        let directives: Vec<Vec<&str>> =
            csp.split(';').map(|d| d.split_whitespace().collect()).filter(|d: &Vec<&str>| !d.is_empty()).collect();
        let get = |name: &str| directives.iter().find(|d| d[0] == name).map(|d| d[1..].to_vec());
        assert_eq!(get("default-src"), Some(vec!["'self'"]));
        for name in ["object-src", "base-uri", "form-action", "frame-ancestors"] {
            assert_eq!(get(name), Some(vec!["'none'"]), "{name} in {csp}");
        }
        assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "{csp}");
    }
}
