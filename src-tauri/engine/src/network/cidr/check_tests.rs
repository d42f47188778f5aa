//! Unit tests of `check`: one rule at a time, with the messages' key content.

use super::*;

fn net(text: &str) -> Ipv4Net {
    text.parse().unwrap()
}

fn vpc(cidr: &str, vpc_id: &str, name: Option<&str>, region: &str) -> ExistingBlock {
    ExistingBlock {
        cidr: net(cidr),
        vpc_id: vpc_id.to_owned(),
        name: name.map(str::to_owned),
        region: region.to_owned(),
    }
}

fn avoid(cidr: &str, label: &str) -> AvoidBlock {
    AvoidBlock { cidr: net(cidr), label: label.to_owned() }
}

fn empty() -> PlanContext {
    PlanContext::default()
}

#[test]
fn a_free_private_block_is_ok_with_nothing_to_say() {
    let report = check("10.0.0.0/16", &empty());
    assert!(report.ok);
    assert_eq!(report.cidr, Some(net("10.0.0.0/16")));
    assert!(report.problems.is_empty());
    assert!(report.warnings.is_empty());
    assert_eq!(report.input, "10.0.0.0/16");
}

#[test]
fn surrounding_whitespace_is_ignored() {
    let report = check("  192.168.4.0/24\n", &empty());
    assert!(report.ok, "{report:?}");
    assert_eq!(report.cidr, Some(net("192.168.4.0/24")));
    assert_eq!(report.input, "  192.168.4.0/24\n");
}

#[test]
fn malformed_text_is_refused_with_the_expected_form() {
    for input in [
        "",
        "hello",
        "10.0.0.0",
        "10.0.0/16",
        "10.0.0.0/",
        "10.0.0.0/33",
        "10.0.0.0/1a",
        "10.0.0.0/+16",
        "10.0.0.0/016",
        "010.0.0.0/16",
        "256.0.0.0/16",
        "10.0.0.0/16/2",
        "fd00::/8",
    ] {
        let report = check(input, &empty());
        assert!(!report.ok, "{input:?} accepted");
        assert_eq!(report.cidr, None, "{input:?}");
        assert_eq!(report.problems.len(), 1, "{input:?}");
        let Problem::Malformed { message } = &report.problems[0] else {
            panic!("{input:?}: {:?}", report.problems);
        };
        assert!(message.contains("10.0.0.0/16"), "{input:?}: {message}");
    }
}

#[test]
fn an_address_without_prefix_is_told_to_add_one() {
    let report = check("10.1.0.0", &empty());
    assert!(report.problems[0].message().contains("no prefix length"));
}

#[test]
fn host_bits_offer_the_network_address_and_checking_continues_with_it() {
    let ctx = PlanContext { existing: vec![vpc("10.0.0.0/16", "vpc-1", None, "us-east-1")], ..empty() };
    let report = check("10.0.0.1/16", &ctx);
    assert!(!report.ok);
    assert_eq!(report.cidr, Some(net("10.0.0.0/16")));
    assert_eq!(report.problems.len(), 2, "{:?}", report.problems);
    let Problem::HostBitsSet { message, suggestion } = &report.problems[0] else {
        panic!("{:?}", report.problems);
    };
    assert_eq!(*suggestion, net("10.0.0.0/16"));
    assert!(message.contains("10.0.0.1/16"), "{message}");
    assert!(message.contains("Use 10.0.0.0/16"), "{message}");
    assert!(matches!(&report.problems[1], Problem::OverlapsVpc { vpc_id, .. } if vpc_id == "vpc-1"));
}

#[test]
fn prefix_outside_16_to_25_is_refused_both_ways() {
    for (input, prefix, size) in [
        ("10.128.0.0/9", 9, "large"),
        ("10.0.0.0/15", 15, "large"),
        ("10.0.0.0/29", 29, "small"),
        ("10.0.0.0/32", 32, "small"),
    ] {
        let report = check(input, &empty());
        assert!(!report.ok, "{input}");
        assert_eq!(report.problems.len(), 1, "{input}: {:?}", report.problems);
        let Problem::PrefixOutOfRange { message, prefix: p } = &report.problems[0] else {
            panic!("{input}: {:?}", report.problems);
        };
        assert_eq!(*p, prefix);
        assert!(message.contains(&format!("too {size}")), "{message}");
        assert!(message.contains("16 to 25"), "{message}");
    }
    assert!(check("10.0.0.0/16", &empty()).ok);
    assert!(check("10.0.0.0/25", &empty()).ok);
}

#[test]
fn a_block_aws_takes_but_the_load_balancer_does_not_fit_in_is_refused_with_the_reason() {
    for input in ["10.0.0.0/26", "10.0.0.0/27", "10.0.0.0/28"] {
        let report = check(input, &empty());
        assert!(!report.ok, "{input}");
        let [Problem::PrefixOutOfRange { message, .. }] = report.problems.as_slice() else {
            panic!("{input}: {:?}", report.problems);
        };
        assert!(message.contains("load balancer") && message.contains("/27"), "{message}");
        assert!(message.contains("/25 (128 addresses)") && message.contains("/28"), "{message}");
    }
}

#[test]
fn every_private_pool_is_accepted_at_its_edges() {
    for input in
        ["10.0.0.0/16", "10.255.255.128/25", "172.16.0.0/16", "172.31.255.0/24", "192.168.0.0/16", "192.168.255.128/25"]
    {
        let report = check(input, &empty());
        assert!(report.ok, "{input}: {:?}", report.problems);
        assert!(report.warnings.is_empty(), "{input}");
    }
}

#[test]
fn public_space_is_refused_unless_allowed() {
    for input in ["8.8.0.0/16", "172.32.0.0/16", "192.169.0.0/16", "11.0.0.0/16", "100.128.0.0/16"] {
        let refused = check(input, &empty());
        assert!(!refused.ok, "{input}");
        let [Problem::PublicSpace { message }] = refused.problems.as_slice() else {
            panic!("{input}: {:?}", refused.problems);
        };
        assert!(message.contains(input) && message.contains("public"), "{message}");
        // The window has no control that allows public ranges, and neither has `install`:
        // the message names none (only `cidr check --allow-public` turns it into a warning).
        assert!(message.contains("Choose a block inside one of them"), "{message}");
        assert!(!message.contains("allow public"), "{message}");

        let allowed = check(input, &PlanContext { allow_public: true, ..empty() });
        assert!(allowed.ok, "{input}: {:?}", allowed.problems);
        let [Warning::PublicSpace { message }] = allowed.warnings.as_slice() else {
            panic!("{input}: {:?}", allowed.warnings);
        };
        assert!(message.contains(input), "{message}");
    }
}

#[test]
fn shared_address_space_is_allowed_with_a_warning() {
    for input in ["100.64.0.0/16", "100.127.255.128/25"] {
        let report = check(input, &empty());
        assert!(report.ok, "{input}: {:?}", report.problems);
        let [Warning::SharedAddressSpace { message }] = report.warnings.as_slice() else {
            panic!("{input}: {:?}", report.warnings);
        };
        assert!(message.contains("100.64.0.0/10"), "{message}");
        assert!(message.contains("carrier-grade NAT"), "{message}");
    }
}

#[test]
fn every_reserved_range_is_refused_with_its_reason() {
    let expected = [
        ("172.17.0.0/16", "Docker"),
        ("10.100.0.0/16", "EKS"),
        ("172.20.0.0/16", "EKS"),
        ("169.254.0.0/16", "link-local"),
    ];
    assert_eq!(RESERVED.len(), expected.len());
    for (cidr, word) in expected {
        let report = check(cidr, &PlanContext { allow_public: true, ..empty() });
        assert!(!report.ok, "{cidr}");
        let reserved: Vec<_> = report
            .problems
            .iter()
            .filter_map(|p| match p {
                Problem::OverlapsReserved { message, cidr, reason, relation } => {
                    Some((message, *cidr, reason, *relation))
                }
                _ => None,
            })
            .collect();
        let [(message, got, reason, relation)] = reserved.as_slice() else {
            panic!("{cidr}: {:?}", report.problems);
        };
        assert_eq!(*got, net(cidr));
        assert_eq!(*relation, Relation::Equal);
        assert!(reason.contains(word), "{reason}");
        assert!(message.contains(cidr) && message.contains(word), "{message}");
    }
    let docker = check("172.17.0.0/16", &empty());
    assert!(docker.problems[0].message().contains("Cloud9"));
    assert!(docker.problems[0].message().contains("SageMaker"));
}

#[test]
fn blocks_inside_or_around_a_reserved_range_are_refused() {
    let inside = check("10.100.8.0/24", &empty());
    assert!(matches!(inside.problems.as_slice(), [Problem::OverlapsReserved { relation: Relation::ContainedBy, .. }]));
    let around = check("172.16.0.0/12", &empty());
    let reserved: Vec<Ipv4Net> = around
        .problems
        .iter()
        .filter_map(|p| match p {
            Problem::OverlapsReserved { cidr, relation: Relation::Contains, .. } => Some(*cidr),
            _ => None,
        })
        .collect();
    assert_eq!(reserved, vec![net("172.17.0.0/16"), net("172.20.0.0/16")]);
    // Neighbours of reserved ranges are fine.
    assert!(check("10.99.0.0/16", &empty()).ok);
    assert!(check("10.101.0.0/16", &empty()).ok);
    assert!(check("172.18.0.0/16", &empty()).ok);
}

#[test]
fn each_overlapping_vpc_is_named_with_id_name_region_and_cidr() {
    let ctx = PlanContext {
        existing: vec![
            vpc("10.0.0.0/16", "vpc-same", Some("prod"), "us-east-1"),
            vpc("10.0.0.0/8", "vpc-big", None, "eu-west-1"),
            vpc("10.0.4.0/24", "vpc-small", Some("tools"), "ap-south-1"),
            vpc("10.1.0.0/16", "vpc-next", Some("adjacent"), "us-east-1"),
        ],
        ..empty()
    };
    let report = check("10.0.0.0/16", &ctx);
    assert!(!report.ok);
    assert_eq!(report.problems.len(), 3, "{:?}", report.problems);
    let expected = [
        ("vpc-same", "us-east-1", "10.0.0.0/16", Relation::Equal, "same range", Some("prod")),
        ("vpc-big", "eu-west-1", "10.0.0.0/8", Relation::ContainedBy, "contains it", None),
        ("vpc-small", "ap-south-1", "10.0.4.0/24", Relation::Contains, "it contains", Some("tools")),
    ];
    for (problem, (id, region, cidr, rel, words, name)) in report.problems.iter().zip(expected) {
        let Problem::OverlapsVpc { message, vpc_id, name: n, region: r, cidr: c, relation } = problem else {
            panic!("{problem:?}");
        };
        assert_eq!((vpc_id.as_str(), r.as_str(), *c, *relation), (id, region, net(cidr), rel));
        assert_eq!(n.as_deref(), name);
        for part in [id, region, cidr, words, "choose a block outside"] {
            assert!(message.contains(part), "{part:?} missing from {message}");
        }
        if let Some(name) = name {
            assert!(message.contains(&format!("\"{name}\"")), "{message}");
        }
    }
}

#[test]
fn adjacent_vpc_blocks_do_not_conflict() {
    let ctx = PlanContext {
        existing: vec![vpc("10.0.0.0/24", "vpc-a", None, "us-east-1"), vpc("10.0.2.0/24", "vpc-b", None, "us-east-1")],
        ..empty()
    };
    assert!(check("10.0.1.0/24", &ctx).ok);
    assert!(!check("10.0.0.0/23", &ctx).ok);
}

#[test]
fn vpc_blocks_with_host_bits_are_compared_as_networks() {
    let ctx = PlanContext { existing: vec![vpc("10.0.0.5/16", "vpc-odd", None, "us-west-2")], ..empty() };
    let report = check("10.0.128.0/17", &ctx);
    let [Problem::OverlapsVpc { cidr, message, .. }] = report.problems.as_slice() else {
        panic!("{:?}", report.problems);
    };
    assert_eq!(*cidr, net("10.0.0.0/16"));
    assert!(message.contains("10.0.0.0/16"), "{message}");
}

#[test]
fn user_networks_are_named_by_label_and_cidr() {
    let ctx = PlanContext {
        avoid: vec![avoid("192.168.0.0/20", "database VPC"), avoid("192.168.16.0/20", "office")],
        ..empty()
    };
    let report = check("192.168.8.0/24", &ctx);
    let [Problem::OverlapsNetwork { message, label, cidr, relation }] = report.problems.as_slice() else {
        panic!("{:?}", report.problems);
    };
    assert_eq!(label, "database VPC");
    assert_eq!(*cidr, net("192.168.0.0/20"));
    assert_eq!(*relation, Relation::ContainedBy);
    for part in ["\"database VPC\"", "192.168.0.0/20", "192.168.8.0/24", "Choose a block outside"] {
        assert!(message.contains(part), "{part:?} missing from {message}");
    }
}

#[test]
fn every_conflict_is_reported_not_just_the_first() {
    let ctx = PlanContext {
        existing: vec![
            vpc("10.100.0.0/20", "vpc-1", None, "us-east-1"),
            vpc("10.100.16.0/20", "vpc-2", None, "eu-central-1"),
        ],
        avoid: vec![avoid("10.100.32.0/24", "on-premises")],
        ..empty()
    };
    let report = check("10.100.0.1/15", &ctx);
    let kinds: Vec<&str> = report
        .problems
        .iter()
        .map(|p| match p {
            Problem::Malformed { .. } => "malformed",
            Problem::HostBitsSet { .. } => "host_bits",
            Problem::PrefixOutOfRange { .. } => "prefix",
            Problem::PublicSpace { .. } => "public",
            Problem::OverlapsVpc { .. } => "vpc",
            Problem::OverlapsNetwork { .. } => "network",
            Problem::OverlapsReserved { .. } => "reserved",
        })
        .collect();
    assert_eq!(kinds, ["host_bits", "prefix", "vpc", "vpc", "network", "reserved"]);
    assert_eq!(report.cidr, Some(net("10.100.0.0/15")));
}

#[test]
fn unread_regions_are_surfaced_as_a_warning() {
    let ctx = PlanContext { unread_regions: vec!["me-south-1".to_owned(), "af-south-1".to_owned()], ..empty() };
    let report = check("10.0.0.0/16", &ctx);
    assert!(report.ok);
    let [Warning::UnreadRegions { message, regions }] = report.warnings.as_slice() else {
        panic!("{:?}", report.warnings);
    };
    assert_eq!(regions, &ctx.unread_regions);
    assert!(message.contains("me-south-1, af-south-1"), "{message}");
}

#[test]
fn reports_serialize_as_discriminated_unions() {
    let ctx = PlanContext { existing: vec![vpc("10.0.0.0/16", "vpc-1", None, "us-east-1")], ..empty() };
    let json = serde_json::to_value(check("10.0.0.1/16", &ctx)).unwrap();
    assert_eq!(json["cidr"], "10.0.0.0/16");
    assert_eq!(json["problems"][0]["kind"], "host_bits_set");
    assert_eq!(json["problems"][0]["suggestion"], "10.0.0.0/16");
    assert_eq!(json["problems"][1]["kind"], "overlaps_vpc");
    assert_eq!(json["problems"][1]["relation"], "equal");
    let back: CheckReport = serde_json::from_value(json).unwrap();
    assert_eq!(back, check("10.0.0.1/16", &ctx));
}
