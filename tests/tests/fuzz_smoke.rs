//! A short run of every fuzz target (`make fuzz` runs millions): the parsers of invite files
//! and links, CIDR blocks and the planner, profile files and pasted keys return on mutated input,
//! whatever they return. A crash prints the input to turn into a regression test.

use private_deploy_tests::fuzz::{fuzz, targets};

#[test]
fn every_parser_survives_a_smoke_run_of_mutated_inputs() {
    let names: Vec<&str> = targets().iter().map(|t| t.name).collect();
    assert_eq!(names, ["invite_file", "invite_link", "cidr", "profile_file", "pasted_keys"]);
    for target in targets() {
        let report = fuzz(&target, 3_000, 20261203);
        assert_eq!(report.executions, 3_000);
        let shown: Vec<(String, &str)> = report
            .crashes
            .iter()
            .take(3)
            .map(|(input, message)| (String::from_utf8_lossy(input).into_owned(), message.as_str()))
            .collect();
        assert!(report.crashes.is_empty(), "{}: {} crashes, first: {shown:#?}", target.name, report.crashes.len());
    }
}
