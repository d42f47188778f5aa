//! Unit tests of reading an invite: each field rule, unknown and missing fields, the size
//! limit, defaults, and the errors' wording.

use serde_json::{json, Value};

use super::test_support::*;
use super::*;
use crate::Explain as _;

fn problems_of(text: &str) -> Vec<FieldProblem> {
    match parse_invite(text) {
        Err(InviteError::Invalid { problems }) => problems,
        other => panic!("expected field problems, got {other:?}"),
    }
}

fn long(c: char, n: usize) -> String {
    std::iter::repeat_n(c, n).collect()
}

#[test]
fn the_sample_invite_reads_back_as_built() {
    let text = sample_with(|_| {});
    assert_eq!(parse_invite(&text).unwrap(), sandbox_invite());
    assert_eq!(parse_invite_bytes(text.as_bytes()).unwrap(), sandbox_invite());
}

/// Each change makes exactly one field invalid; the error names it.
#[test]
fn every_invalid_field_is_refused_with_its_name() {
    let cases: Vec<(&str, Value, &str)> = vec![
        ("version", json!("1"), "must be a whole number"),
        ("version", json!(1.5), "must be a whole number"),
        ("version", json!(-1), "must be a whole number"),
        ("vendor", json!("PopSQL"), "must be a JSON object"),
        ("vendor.name", json!(""), "must be the vendor's name"),
        ("vendor.name", json!("   "), "must be the vendor's name"),
        ("vendor.name", json!(" PopSQL"), "must not start or end with spaces"),
        ("vendor.name", json!("PopSQL\n"), "must not start or end with spaces"),
        ("vendor.name", json!(long('x', 65)), "1 to 64 characters"),
        ("vendor.name", json!("Pop\u{7}SQL"), "U+0007 at character 4"),
        ("vendor.name", json!(42), "must be a string (found the number 42)"),
        ("vendor.account_id", json!("12345678901"), "exactly 12 digits"),
        ("vendor.account_id", json!("1234567890123"), "exactly 12 digits"),
        ("vendor.account_id", json!("12345678901a"), "exactly 12 digits"),
        ("vendor.account_id", json!("1234-5678-9012"), "exactly 12 digits"),
        ("vendor.account_id", json!("１２３４５６７８９０１２"), "exactly 12 digits"),
        ("vendor.account_id", json!(123456789012_u64), "must be a string"),
        ("installation_id", json!("ab"), "3 to 64 characters"),
        ("installation_id", json!(long('a', 65)), "3 to 64 characters"),
        ("installation_id", json!("Acme-prod"), "found 'A' at character 1"),
        ("installation_id", json!("acme_prod"), "found '_' at character 5"),
        ("installation_id", json!("acme prod"), "U+0020 at character 5"),
        ("installation_id", json!("-acme"), "must start with a letter or a digit"),
        ("external_id", json!("a"), "2 to 1224 characters"),
        ("external_id", json!(long('a', 1225)), "2 to 1224 characters"),
        ("external_id", json!("pd 1"), "U+0020 at character 3"),
        ("external_id", json!("pd#1"), "'#' at character 3"),
        ("external_id", json!("pd-é"), "'é' at character 4"),
        ("external_id", json!(null), "must be a string (found null)"),
        ("access_mode", json!("admin"), "\"full\" or \"boundary\""),
        ("access_mode", json!("Full"), "\"full\" or \"boundary\""),
        ("access_mode", json!(true), "must be a string (found the boolean true)"),
        ("vpc_prefix", json!(15), "from 16 to 25"),
        ("vpc_prefix", json!(26), "from 16 to 25"),
        ("vpc_prefix", json!(300), "from 16 to 25"),
        ("vpc_prefix", json!(16.5), "must be a whole number"),
        ("vpc_prefix", json!("16"), "must be a whole number (found the string \"16\")"),
        ("vpc_prefix", json!(null), "must be a whole number (found null)"),
        ("role_path", json!(""), "1 to 512 characters"),
        ("role_path", json!(format!("/{}/", long('a', 511))), "1 to 512 characters"),
        ("role_path", json!("private-deploy/"), "must start and end with '/'"),
        ("role_path", json!("/private-deploy"), "must start and end with '/'"),
        ("role_path", json!("/a//b/"), "must not contain \"//\""),
        ("role_path", json!("/a b/"), "U+0020 at character 3"),
        ("role_path", json!("/é/"), "'é' at character 2"),
        ("environment", json!([]), "must be a JSON object (found an array)"),
        ("environment.template", json!("custom"), "must be \"reference\""),
        ("environment.template", json!({"url": "x"}), "must be a string (found an object)"),
        ("environment.parameters", json!("InstanceType=t3.small"), "must be a JSON object of strings"),
        ("signature", json!("abc"), "must be a JSON object"),
        ("signature.key_id", json!(""), "1 to 64 characters"),
        ("signature.key_id", json!("pop sql"), "U+0020 at character 4"),
        ("signature.ed25519", json!("not base64!"), "must be standard base64"),
        ("signature.ed25519", json!("AAAA"), "must be 64 bytes in base64 (found 3 bytes)"),
    ];
    for (field, bad, expected) in cases {
        let text = sample_with(|v| {
            if field.starts_with("signature.") {
                v["signature"] = json!({"key_id": "k", "ed25519": "A".repeat(86) + "=="});
            }
            *at(v, field) = bad.clone();
        });
        let problems = problems_of(&text);
        assert_eq!(problems.len(), 1, "{field} = {bad}: {problems:?}");
        assert_eq!(problems[0].field, field, "{field} = {bad}");
        assert!(
            problems[0].problem.contains(expected),
            "{field} = {bad}: {:?} lacks {expected:?}",
            problems[0].problem
        );
        let err = parse_invite(&text).unwrap_err();
        assert_eq!(err.field(), field);
        assert!(err.failure().message.contains(field), "{}", err.failure().message);
    }
}

#[test]
fn parameter_names_values_and_count_are_checked() {
    let cases: Vec<(Value, String, &str)> = vec![
        (json!({"Instance-Type": "t3.small"}), "environment.parameters[\"Instance-Type\"]".into(), "invalid name"),
        (json!({"": "x"}), "environment.parameters[\"\"]".into(), "invalid name"),
        (json!({ long('P', 256): "x" }), format!("environment.parameters.{}", long('P', 256)), "1 to 255"),
        (json!({"Size": 3}), "environment.parameters.Size".into(), "must be a string (found the number 3)"),
        (
            json!({"Size": long('x', 4097)}),
            "environment.parameters.Size".into(),
            "at most 4096 characters (found 4097)",
        ),
    ];
    for (parameters, field, expected) in cases {
        let text = sample_with(|v| v["environment"]["parameters"] = parameters.clone());
        let problems = problems_of(&text);
        assert_eq!(problems.len(), 1, "{parameters}: {problems:?}");
        assert_eq!(problems[0].field, field);
        assert!(problems[0].problem.contains(expected), "{:?} lacks {expected:?}", problems[0].problem);
    }

    let many: serde_json::Map<String, Value> = (0..61).map(|i| (format!("P{i}"), json!("v"))).collect();
    let problems = problems_of(&sample_with(|v| v["environment"]["parameters"] = Value::Object(many)));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].field, "environment.parameters");
    assert!(problems[0].problem.contains("at most 60 entries (found 61)"));
}

#[test]
fn values_at_the_limits_are_accepted() {
    let sixty: serde_json::Map<String, Value> = (0..60).map(|i| (format!("P{i}"), json!("v"))).collect();
    let cases: Vec<(&str, Value)> = vec![
        ("vendor.name", json!(long('x', 64))),
        ("vendor.name", json!("Ünïcødé Vendor, Inc. (EU)")),
        ("installation_id", json!("a-b")),
        ("installation_id", json!(format!("0{}", long('z', 63)))),
        ("external_id", json!("ab")),
        ("external_id", json!(format!("Az09_+=,.@:/-{}", long('x', 1211)))),
        ("vpc_prefix", json!(16)),
        ("vpc_prefix", json!(25)),
        ("role_path", json!("/")),
        ("role_path", json!(format!("/{}/", long('a', 510)))),
        ("role_path", json!("/a!~b/c/")),
        ("access_mode", json!("boundary")),
        ("environment.parameters", Value::Object(sixty)),
        ("environment.parameters", json!({ long('P', 255): long('v', 4096), "Empty": "" })),
    ];
    for (field, good) in cases {
        let text = sample_with(|v| *at(v, field) = good.clone());
        if field == "environment.parameters" {
            // Well-formed at the limits, then refused as a whole: the environment takes none.
            let document: Value = serde_json::from_str(&text).unwrap();
            assert!(schema::check(&document).is_empty(), "{field} = {good}");
            assert!(problems_of(&text).iter().all(|p| p.problem.contains("takes none")));
            continue;
        }
        let invite = parse_invite(&text).unwrap_or_else(|err| panic!("{field} = {good}: {err}"));
        assert_eq!(
            serde_json::to_value(&invite).unwrap().pointer(&format!("/{}", field.replace('.', "/"))),
            Some(&good)
        );
    }
}

#[test]
fn every_problem_of_a_document_is_listed_at_once() {
    let text = sample_with(|v| {
        v["vendor"]["account_id"] = json!("12");
        v["external_id"] = json!("x");
        v["vpc_prefix"] = json!(8);
        v["environment"]["colour"] = json!("blue");
        remove(v, "installation_id");
    });
    let fields: Vec<String> = problems_of(&text).into_iter().map(|p| p.field).collect();
    assert_eq!(
        fields,
        ["vendor.account_id", "installation_id", "external_id", "vpc_prefix", "environment.colour"],
        "table order, unknown fields after the known ones of their object"
    );
    let message = parse_invite(&text).unwrap_err().failure().message;
    for field in &fields {
        assert!(message.contains(field.as_str()), "{message}");
    }
}

#[test]
fn missing_required_fields_are_named() {
    for field in [
        "version",
        "vendor",
        "vendor.name",
        "vendor.account_id",
        "installation_id",
        "external_id",
        "access_mode",
        "environment",
        "environment.template",
    ] {
        let problems = problems_of(&sample_with(|v| remove(v, field)));
        assert_eq!(problems, [FieldProblem::new(field, "is missing; it is required")], "{field}");
    }
    let problems = problems_of(&sample_with(|v| v["signature"] = json!({"ed25519": "x"})));
    assert!(problems.iter().any(|p| p.field == "signature.key_id" && p.problem.contains("missing")), "{problems:?}");
}

#[test]
fn unknown_fields_are_refused_at_every_level() {
    let cases: Vec<(&str, &str, &str)> = vec![
        ("", "vpc_cidr", "vpc_cidr"),
        ("", "Version", "Version"),
        ("", "role path", "[\"role path\"]"),
        ("vendor", "email", "vendor.email"),
        ("environment", "region", "environment.region"),
    ];
    for (parent, key, field) in cases {
        let text = sample_with(|v| {
            let object = if parent.is_empty() { v } else { at(v, parent) };
            object[key] = json!("x");
        });
        let problems = problems_of(&text);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].field, field);
        assert!(problems[0].problem.starts_with("is not a field of"), "{}", problems[0].problem);
    }
    let text = sample_with(|v| v["signature"] = json!({"key_id": "k", "ed25519": "A".repeat(86) + "==", "alg": "x"}));
    let problems = problems_of(&text);
    assert_eq!(problems[0].field, "signature.alg");
    assert!(problems[0].problem.contains("the fields there are: key_id, ed25519"), "{}", problems[0].problem);
}

#[test]
fn left_out_optional_fields_take_their_defaults() {
    let text = sample_with(|v| {
        remove(v, "vpc_prefix");
        remove(v, "role_path");
        v["vendor"]["name"] = json!("PopSQL");
    });
    let invite = parse_invite(&text).unwrap();
    assert_eq!(invite.vpc_prefix, DEFAULT_VPC_PREFIX);
    assert_eq!(invite.vpc_prefix, 16);
    assert_eq!(invite.role_path, DEFAULT_ROLE_PATH);
    assert_eq!(invite.role_path, "/private-deploy/");
    assert!(invite.environment.parameters.is_empty());
    assert_eq!(invite.signature, None);
    assert_eq!(invite.vendor.name, "PopSQL");
}

/// The brief's example also sets `InstanceType`, which the reference environment does not
/// take (the app sets every parameter): that part is refused by name, the rest reads.
#[test]
fn the_example_of_the_brief_reads() {
    let text = r#"{
      "version": 1,
      "vendor": { "name": "PopSQL", "account_id": "111122223333" },
      "installation_id": "acme-prod-7f3a",
      "external_id": "pd-6c1f0e9a-acme",
      "access_mode": "boundary",
      "vpc_prefix": 20,
      "role_path": "/private-deploy/popsql/",
      "environment": { "template": "reference", "parameters": { "InstanceType": "t3.small" } }
    }"#;
    let problems = problems_of(text);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].field, "environment.parameters.InstanceType");
    let invite = parse_invite(&text.replace(r#"{ "InstanceType": "t3.small" }"#, "{}")).unwrap();
    assert_eq!(invite.access_mode, AccessMode::Boundary);
    assert_eq!(invite.vpc_prefix, 20);
}

#[test]
fn another_format_version_is_refused_as_such() {
    let err = parse_invite(&sample_with(|v| {
        v["version"] = json!(3);
        v["new_field"] = json!(true);
    }))
    .unwrap_err();
    assert_eq!(err, InviteError::UnsupportedVersion { found: 3 });
    assert_eq!(err.field(), "version");
    assert!(err.failure().hint.unwrap().contains("Update Private Deploy"));
    let err = parse_invite(&sample_with(|v| v["version"] = json!(0))).unwrap_err();
    assert_eq!(err, InviteError::UnsupportedVersion { found: 0 });
    assert!(err.failure().hint.unwrap().contains("Ask the vendor for a new invite"));
}

#[test]
fn an_invite_over_64_kib_is_refused_before_reading() {
    let base = sample_with(|_| {});
    let exactly = format!("{base}{}", long(' ', MAX_INVITE_BYTES - base.len()));
    assert_eq!(exactly.len(), 65536);
    assert!(parse_invite(&exactly).is_ok());
    let over = format!("{exactly} ");
    let err = parse_invite(&over).unwrap_err();
    assert_eq!(err, InviteError::TooLarge { size: 65537, limit: 65536 });
    assert_eq!(err.field(), "invite");
    assert_eq!(parse_invite_bytes(over.as_bytes()).unwrap_err(), err);
    // Even invalid JSON is refused for its size first.
    assert!(matches!(parse_invite(&long('[', 70_000)), Err(InviteError::TooLarge { .. })));
}

#[test]
fn malformed_json_is_refused_with_line_and_column() {
    let err = parse_invite("{\n  \"version\": 1,\n  \"vendor\": }\n").unwrap_err();
    let InviteError::Malformed { line, column, problem } = &err else { panic!("{err:?}") };
    assert_eq!((*line, *column), (3, 13));
    assert!(problem.starts_with("expected value"), "{problem}");
    assert!(!problem.contains("at line"), "the position is not repeated: {problem}");
    assert_eq!(err.field(), "invite");
    assert!(err.failure().message.contains("line 3, column 13"), "{}", err.failure().message);

    assert!(matches!(parse_invite("{\"version\": 1} trailing"), Err(InviteError::Malformed { .. })));
    assert!(matches!(parse_invite("{\"version\": 1, \"version\": 1}"), Err(InviteError::Malformed { line: 1, .. })));
    assert_eq!(parse_invite(" \n "), Err(InviteError::Empty));
    assert_eq!(problems_of("[1, 2]"), [FieldProblem::new("invite", "must be a JSON object (found an array)")]);
}

#[test]
fn bytes_must_be_utf8_and_a_byte_order_mark_is_skipped() {
    let mut bytes = sample_with(|_| {}).into_bytes();
    bytes.insert(20, 0xff);
    assert_eq!(parse_invite_bytes(&bytes), Err(InviteError::NotUtf8 { offset: 20 }));

    let with_bom = format!("\u{feff}{}", sample_with(|_| {}));
    assert_eq!(parse_invite_bytes(with_bom.as_bytes()).unwrap(), sandbox_invite());
}

#[test]
fn failures_are_invalid_input_and_send_the_admin_back_to_the_vendor() {
    let err = parse_invite(&sample_with(|v| v["vendor"]["account_id"] = json!("12"))).unwrap_err();
    let failure = err.failure();
    assert_eq!(failure.code, crate::ErrorCode::InvalidInput);
    assert_eq!(
        failure.message,
        "The invite is not valid: vendor.account_id must be an AWS account ID: exactly 12 digits (found \"12\")."
    );
    assert!(failure.hint.as_deref().unwrap().contains("Ask the vendor for a new invite"));
    assert_eq!(crate::Failure::from(err.clone()), failure);
    assert_eq!(
        err.problems(),
        [FieldProblem::new("vendor.account_id", "must be an AWS account ID: exactly 12 digits (found \"12\")")]
    );
}

#[test]
fn a_long_list_of_problems_is_cut_short_in_the_message_only() {
    let text = sample_with(|v| {
        for i in 0..12 {
            v[format!("extra{i}")] = json!(i);
        }
    });
    let err = parse_invite(&text).unwrap_err();
    assert_eq!(err.problems().len(), 12);
    assert!(err.to_string().ends_with("; and 4 more"), "{err}");
}

#[test]
fn a_long_value_is_quoted_short() {
    let problems = problems_of(&sample_with(|v| v["installation_id"] = json!(long('a', 100))));
    assert!(problems[0].problem.contains(&format!("\"{}\"…", long('a', 40))), "{}", problems[0].problem);
    assert!(problems[0].problem.len() < 120, "{}", problems[0].problem);
}

/// The field table and the serde model must describe the same document: what the table
/// accepts deserializes, what it requires the model requires, and the model refuses unknown
/// fields at every level on its own.
#[test]
fn the_field_table_and_the_model_agree() {
    let full = sign(&sandbox_invite(), "k", &test_key(1)).unwrap();
    let mut value = serde_json::to_value(&full).unwrap();
    // Every optional field present, the parameters too (the table still reads their shape).
    value["environment"]["parameters"] = json!({ "InstanceType": "t3.small" });
    value["customer_account_id"] = json!("123456789012");
    value["expires_at"] = json!("2027-01-31T23:59:59Z");
    value["vendor_role_arn"] = json!("arn:aws:iam::210987654321:role/Support");
    value["require_source_identity"] = json!(true);
    value["callback"] = json!("https://vendor.example/handoff");
    assert!(schema::check(&value).is_empty());

    fn walk(fields: &[schema::Field], prefix: &str, value: &Value) {
        for field in fields {
            let path = if prefix.is_empty() { field.name.to_owned() } else { format!("{prefix}.{}", field.name) };
            let mut without = value.clone();
            remove(&mut without, &path);
            let read = serde_json::from_value::<InviteFields>(without);
            assert_eq!(read.is_ok(), !field.required, "{path}: required in the table iff in the model");

            if let schema::Kind::Object(inner) = field.kind {
                let mut extra = value.clone();
                at(&mut extra, &path)["x"] = json!(1);
                let read = serde_json::from_value::<InviteFields>(extra);
                assert!(read.unwrap_err().to_string().contains("unknown field `x`"), "{path}");
                walk(inner, &path, value);
            }
        }
    }
    walk(schema::INVITE, "", &value);
    let mut extra = value.clone();
    extra["x"] = json!(1);
    assert!(serde_json::from_value::<InviteFields>(extra).unwrap_err().to_string().contains("unknown field `x`"));
}

/// An invite that comes back over IPC (or from anywhere else as JSON) is checked by the same
/// rules as a file: there is no way to an `Invite` around them.
#[test]
fn deserializing_an_invite_runs_every_rule() {
    let good = serde_json::to_value(sandbox_invite()).unwrap();
    assert_eq!(serde_json::from_value::<Invite>(good.clone()).unwrap(), sandbox_invite());

    let mut bad = good.clone();
    bad["vendor"]["account_id"] = json!("12345");
    bad["installation_id"] = json!("Not Valid!");
    let err = serde_json::from_value::<Invite>(bad.clone()).unwrap_err().to_string();
    assert!(err.contains("vendor.account_id") && err.contains("installation_id"), "{err}");
    // The document as written still reads: only the checked type refuses it.
    assert!(serde_json::from_value::<InviteFields>(bad.clone()).is_ok());
    let fields: InviteFields = serde_json::from_value(bad).unwrap();
    assert!(Invite::try_from(fields).is_err());
    assert!(sandbox_invite().edited(|i| i.external_id = String::new()).is_err());
}

#[test]
fn the_reference_environment_takes_no_parameters_and_says_so_when_the_invite_opens() {
    let text = sample_with(|v| v["environment"]["parameters"] = json!({"InstanceType": "t3.micro", "Size": "2"}));
    let problems = problems_of(&text);
    let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["environment.parameters.InstanceType", "environment.parameters.Size"]);
    assert!(problems[0].problem.contains("takes none"), "{}", problems[0].problem);
    assert!(parse_invite(&sample_with(|v| v["environment"]["parameters"] = json!({}))).is_ok());
}

#[test]
fn a_vendor_name_with_invisible_or_reordering_characters_is_refused() {
    for (name, shown) in [
        ("Acme\u{202E}corp", "U+202E"),
        ("Ac\u{200D}me", "U+200D"),
        ("Acme\u{2028}Corp", "U+2028"),
        ("Acme\u{2029}Corp", "U+2029"),
        ("\u{2066}Acme\u{2069}", "U+2066"),
        ("Ac\u{00AD}me", "U+00AD"),
    ] {
        let problems = problems_of(&sample_with(|v| v["vendor"]["name"] = json!(name)));
        assert_eq!(problems.len(), 1, "{name:?}: {problems:?}");
        assert_eq!(problems[0].field, "vendor.name");
        assert!(problems[0].problem.contains(shown), "{name:?}: {}", problems[0].problem);
    }
    assert!(parse_invite(&sample_with(|v| v["vendor"]["name"] = json!("Åcme 株式会社 ⚙"))).is_ok());
}

#[test]
fn a_vendor_name_is_read_in_composed_form() {
    let decomposed = "Cafe\u{0301} Data";
    let invite = parse_invite(&sample_with(|v| v["vendor"]["name"] = json!(decomposed))).unwrap();
    assert_eq!(invite.vendor.name, "Caf\u{00E9} Data");
}
