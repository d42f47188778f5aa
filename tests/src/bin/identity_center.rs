//! The loopback IAM Identity Center stand-in as a process of its own (see
//! `private_deploy_tests::identity_center` for what it serves and its control requests).
//!
//! `identity_center`: prints the variables that point an AWS SDK at it as `KEY=VALUE` lines,
//! then `ready`, and serves until its standard input closes.

use std::io::Read;

use private_deploy_tests::identity_center::IdentityCenter;

fn main() {
    let stand_in = IdentityCenter::start();
    for (key, value) in stand_in.env() {
        println!("{key}={value}");
    }
    println!("ready");
    let _ = std::io::stdin().read_to_end(&mut Vec::new());
}
