//! A damaged journal, with the real binary: commands that need no journal still work, those
//! that need it name the damaged file and how to continue, and `journal set-aside` keeps the
//! file under a new name and starts afresh.

use private_deploy_tests::cli::{json, run};
use private_deploy_tests::{exclusive, Sandbox};

#[tokio::test]
async fn a_damaged_journal_is_named_kept_and_set_aside() {
    let guard = exclusive().await;
    let sandbox = Sandbox::new(&guard.moto.endpoint());
    let path = sandbox.data_dir().join(engine::journal::FILE_NAME);
    std::fs::create_dir_all(sandbox.data_dir()).unwrap();
    let garbage = b"half of a journal copied from a backup that failed ".repeat(100);
    std::fs::write(&path, &garbage).unwrap();

    // Needs no journal: whoami signs in (the sign-in is not recorded) and templates print.
    let out = run(&sandbox, &["whoami", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(json(&out)["account"], private_deploy_tests::installed::ACCOUNT);
    assert!(run(&sandbox, &["template", "access"]).status.success());

    // Needs it: refused, naming the file, the way on, and the file untouched.
    let out = run(&sandbox, &["status", "--json"]);
    assert!(!out.status.success());
    let error = &json(&out)["error"];
    assert_eq!(error["code"], "journal");
    assert!(error["message"].as_str().unwrap().contains(&path.display().to_string()), "{error}");
    assert!(error["hint"].as_str().unwrap().contains(engine::journal::SET_ASIDE_COMMAND), "{error}");
    assert_eq!(std::fs::read(&path).unwrap(), garbage);

    let out = run(&sandbox, &["journal", "set-aside", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let aside = json(&out)["set_aside_to"].as_str().unwrap().to_owned();
    assert_eq!(std::fs::read(&aside).unwrap(), garbage, "kept, under its new name");

    let out = run(&sandbox, &["status", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = run(&sandbox, &["journal", "set-aside"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("not damaged"), "a sound journal is left alone");
}
