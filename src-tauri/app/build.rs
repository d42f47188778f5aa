// The IPC contract is declared once: the `#[tauri::command]` functions of src/commands.rs.
// This script reads them and derives everything else from that one place:
// - the app manifest's command list, which turns on Tauri's per-command permission check
//   (capabilities/main.json must then grant each; a test in src/ipc.rs checks it does);
// - `$OUT_DIR/handler.rs`, the `generate_handler!` that lib.rs registers;
// - `$OUT_DIR/ipc_commands.rs`, the names and each command's argument and result types, from
//   which src/bindings.rs writes the TypeScript contract that ui/src/lib/ipc.ts is checked against.
use std::fmt::Write as _;
use std::path::Path;

use quote::ToTokens;
use syn::{FnArg, GenericArgument, Item, Pat, PathArguments, ReturnType, Type};

const SOURCE: &str = "src/commands.rs";

/// Arguments Tauri fills in itself; the UI never sends them.
const INJECTED: &[&str] = &["State", "AppHandle", "Window", "Webview", "WebviewWindow"];

struct Command {
    name: String,
    /// (name as the UI sends it, Rust type, whether the type is a `Channel<T>` (then this is T))
    args: Vec<(String, String, bool)>,
    /// The success type (`Result<T, Failure>` gives T); "()" for none.
    result: String,
}

fn main() {
    println!("cargo:rerun-if-changed={SOURCE}");
    let text = std::fs::read_to_string(SOURCE).expect("read src/commands.rs");
    let file = syn::parse_file(&text).expect("parse src/commands.rs");
    // Leaked: tauri-build keeps the names for the rest of this (short) process.
    let commands: &'static [Command] = Vec::leak(file.items.iter().filter_map(command).collect());
    assert!(!commands.is_empty(), "no #[tauri::command] found in {SOURCE}");

    let names: &'static [&'static str] = Vec::leak(commands.iter().map(|c| c.name.as_str()).collect());
    let out = std::env::var("OUT_DIR").expect("OUT_DIR");
    write(&out, "handler.rs", &handler(names));
    write(&out, "ipc_commands.rs", &metadata(commands));

    let manifest = tauri_build::AppManifest::new().commands(names);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest)).expect("failed to run tauri-build");
}

fn write(dir: &str, name: &str, text: &str) {
    let path = Path::new(dir).join(name);
    // Unchanged files keep their time stamp, so the crate is not rebuilt for nothing.
    if std::fs::read_to_string(&path).ok().as_deref() != Some(text) {
        std::fs::write(&path, text).expect("write generated IPC code");
    }
}

fn command(item: &Item) -> Option<Command> {
    let Item::Fn(f) = item else { return None };
    let attr = f.attrs.iter().find(|a| {
        let path = a.path();
        path.segments.len() == 2 && path.segments[0].ident == "tauri" && path.segments[1].ident == "command"
    })?;
    let name = f.sig.ident.to_string();
    // Options such as rename_all would change the argument names the UI sends.
    assert!(
        matches!(attr.meta, syn::Meta::Path(_)),
        "{name}: build.rs does not understand #[tauri::command(...)] options"
    );
    let mut args = Vec::new();
    for input in &f.sig.inputs {
        let FnArg::Typed(arg) = input else { panic!("{name}: a command takes no self") };
        let Pat::Ident(ident) = arg.pat.as_ref() else { panic!("{name}: name each argument") };
        let last = last_segment(&arg.ty).unwrap_or_else(|| panic!("{name}: unsupported argument type"));
        if INJECTED.contains(&last.ident.to_string().as_str()) {
            continue;
        }
        let ui_name = camel_case(&ident.ident.to_string());
        match (last.ident == "Channel", first_generic(&last.arguments)) {
            (true, Some(inner)) => args.push((ui_name, inner, true)),
            _ => args.push((ui_name, arg.ty.to_token_stream().to_string(), false)),
        }
    }
    let result = match &f.sig.output {
        ReturnType::Default => "()".to_owned(),
        ReturnType::Type(_, ty) => match last_segment(ty) {
            Some(last) if last.ident == "Result" => {
                first_generic(&last.arguments).unwrap_or_else(|| panic!("{name}: Result<T, Failure> expected"))
            }
            _ => ty.to_token_stream().to_string(),
        },
    };
    Some(Command { name, args, result })
}

fn last_segment(ty: &Type) -> Option<&syn::PathSegment> {
    match ty {
        Type::Path(p) => p.path.segments.last(),
        _ => None,
    }
}

fn first_generic(args: &PathArguments) -> Option<String> {
    let PathArguments::AngleBracketed(args) = args else { return None };
    args.args.iter().find_map(|a| match a {
        GenericArgument::Type(t) => Some(t.to_token_stream().to_string()),
        _ => None,
    })
}

/// Tauri's default: a Rust argument `installation_id` arrives from the UI as `installationId`.
fn camel_case(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn handler(names: &[&str]) -> String {
    let mut out = String::from("tauri::generate_handler![\n");
    for name in names {
        writeln!(out, "    commands::{name},").unwrap();
    }
    out.push_str("]\n");
    out
}

/// Included into src/commands.rs, where the argument and result types are in scope.
fn metadata(commands: &[Command]) -> String {
    let mut out = String::from("/// The app's IPC commands, in the order of commands.rs (generated by build.rs).\n");
    out.push_str("pub const COMMANDS: &[&str] = &[\n");
    for c in commands {
        writeln!(out, "    {:?},", c.name).unwrap();
    }
    out.push_str("];\n\n");
    out.push_str("/// Each command with its arguments and result as TypeScript types.\n");
    out.push_str("pub fn signatures(cfg: &ts_rs::Config) -> Vec<crate::ipc::Signature> {\n");
    out.push_str("    use ts_rs::TS;\n    vec![\n");
    for c in commands {
        writeln!(out, "        crate::ipc::Signature {{\n            name: {:?},\n            args: vec![", c.name)
            .unwrap();
        for (name, ty, channel) in &c.args {
            let ts = format!("<{ty} as TS>::name(cfg)");
            let ts = if *channel { format!("format!(\"IpcChannel<{{}}>\", {ts})") } else { ts };
            writeln!(out, "                ({name:?}, {ts}),").unwrap();
        }
        writeln!(out, "            ],\n            result: <{} as TS>::name(cfg),\n        }},", c.result).unwrap();
    }
    out.push_str("    ]\n}\n");
    out
}
