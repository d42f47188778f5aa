//! The IPC contract as the rest of the app sees it. It is declared once, by the
//! `#[tauri::command]` functions of `commands.rs`; build.rs reads them into [`COMMANDS`] and
//! [`signatures`] (and the handler lib.rs registers). This module turns them into the
//! TypeScript that `ui/src/lib/ipc.ts` is type-checked against, and checks that the capability
//! file grants exactly these commands.

pub use crate::commands::{signatures, COMMANDS};

/// One command: the arguments as the UI sends them (camelCase) and what it resolves to, in TypeScript.
pub struct Signature {
    pub name: &'static str,
    pub args: Vec<(&'static str, String)>,
    pub result: String,
}

/// `COMMANDS`, `CommandName` and `IpcCommands` for bindings.ts.
pub fn typescript(cfg: &ts_rs::Config) -> String {
    let mut sigs = signatures(cfg);
    sigs.sort_by_key(|s| s.name);
    let mut out =
        String::from("/** The app's IPC commands: the `#[tauri::command]`s of src-tauri/app/src/commands.rs. */\n");
    out.push_str("export const COMMANDS = [\n");
    for s in &sigs {
        out.push_str(&format!("  \"{}\",\n", s.name));
    }
    out.push_str("] as const;\n");
    out.push_str("export type CommandName = (typeof COMMANDS)[number];\n");
    out.push_str("/** What a command's channel argument must offer (Tauri's `Channel<T>` does). */\n");
    out.push_str("export type IpcChannel<T> = { onmessage: (message: T) => void };\n");
    out.push_str("/** Each command's arguments, as the UI sends them, and what it resolves to (it rejects with an IpcError). */\n");
    out.push_str("export type IpcCommands = {\n");
    for s in &sigs {
        let args = if s.args.is_empty() {
            "Record<never, never>".to_owned()
        } else {
            let fields: Vec<String> = s.args.iter().map(|(name, ty)| format!("{name}: {ty}")).collect();
            format!("{{ {} }}", fields.join(", "))
        };
        out.push_str(&format!("  {}: {{ args: {args}; result: {} }};\n", s.name, s.result));
    }
    out.push_str("};\n");
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    /// The capability file stays narrow (the app's own commands, nothing broader) and complete
    /// (a command it does not grant is refused at run time with "not allowed by ACL").
    #[test]
    fn the_capability_grants_exactly_the_declared_commands() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities/main.json");
        let capability: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let granted: BTreeSet<String> = capability["permissions"]
            .as_array()
            .expect("a permissions list")
            .iter()
            .map(|p| p.as_str().expect("permissions are plain identifiers").to_owned())
            .collect();
        let declared: BTreeSet<String> =
            super::COMMANDS.iter().map(|c| format!("allow-{}", c.replace('_', "-"))).collect();
        assert!(
            granted == declared,
            "capabilities/main.json differs from the commands in commands.rs\n  missing: {:?}\n  not a command: {:?}",
            declared.difference(&granted).collect::<Vec<_>>(),
            granted.difference(&declared).collect::<Vec<_>>(),
        );
    }

    #[test]
    fn signatures_leave_out_what_tauri_injects_and_unwrap_results_and_channels() {
        let sigs = super::signatures(&ts_rs::Config::new());
        let sign_in = sigs.iter().find(|s| s.name == "sign_in").unwrap();
        assert_eq!(sign_in.args, [("profile", "string".to_owned()), ("mfaCode", "string | null".to_owned())]);
        assert_eq!(sign_in.result, "Identity");
        let install = sigs.iter().find(|s| s.name == "start_install").unwrap();
        let args: Vec<&str> = install.args.iter().map(|(n, _)| *n).collect();
        assert_eq!(args, ["request", "onEvent"], "injected arguments are not sent by the UI");
        assert_eq!(install.args[1].1, "IpcChannel<InstallEvent>");
    }
}
