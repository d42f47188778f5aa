//! The names the app gives what it creates in AWS for an installation: the vendor's role, its
//! permissions boundary and the two stacks. Each name holds the installation ID, so that two
//! installations in one account never collide, and stays within AWS's rules for that kind of
//! name (IAM: role names of 1 to 64 characters of `[\w+=,.@-]`, managed policy names of up to
//! 128; CloudFormation: stack names of up to 128 characters of `[A-Za-z][-A-Za-z0-9]*`).
//!
//! An invite's installation ID (`[a-z0-9-]`, 3 to 64 characters) goes in unchanged whenever
//! the name fits. When it would not fit, or holds a character the name cannot (an ID typed by
//! hand for an exported template), the name keeps a readable start and ends with a marker
//! and 8 hex characters of SHA-256 of the whole ID: cutting a long ID short would otherwise
//! give two IDs with the same start the same role. The marker (`_` in IAM names, `H` in stack
//! names) never occurs in a name that holds its ID unchanged, so a hashed name cannot equal
//! another installation's plain one, not even ignoring case as IAM does.

use sha2::{Digest, Sha256};

/// IAM's limit on a role name.
pub const ROLE_NAME_MAX: usize = 64;
/// IAM's limit on a managed policy name.
pub const POLICY_NAME_MAX: usize = 128;
/// CloudFormation's limit on a stack name.
pub const STACK_NAME_MAX: usize = 128;

/// The access template's default `RoleName`, and the start of every installation's.
pub const DEFAULT_ROLE_NAME: &str = "PrivateDeployVendorAccess";
/// What the access template appends to the role name for its boundary policy
/// (`${RoleName}Boundary`); the app names a boundary it creates the same way.
const BOUNDARY_SUFFIX: &str = "Boundary";
/// Hex characters of the hash.
const HASH_LEN: usize = 8;

/// The role name of an installation: [`DEFAULT_ROLE_NAME`], a dash and the installation ID,
/// or, when that would not be a valid role name as it is, its start and a hash of the ID.
pub fn role_name_for(installation_id: &str) -> String {
    let allowed = |c: char| c.is_ascii_alphanumeric() || "_+=,.@-".contains(c);
    unique_name(&format!("{DEFAULT_ROLE_NAME}-"), installation_id, ROLE_NAME_MAX, allowed, '_')
}

/// The name of the boundary policy of the role `role_name`: what the access template creates
/// (`${RoleName}Boundary`) and what the app creates when it restricts a role the stack made
/// without one. A role name has at most 64 characters, so this has at most 72 of IAM's 128.
pub fn boundary_name_for(role_name: &str) -> String {
    format!("{role_name}{BOUNDARY_SUFFIX}")
}

/// `{prefix}{installation_id}` as a CloudFormation stack name (`prefix` starts with a letter
/// and holds only letters, digits and dashes).
pub fn stack_name_with(prefix: &str, installation_id: &str) -> String {
    let allowed = |c: char| c.is_ascii_alphanumeric() || c == '-';
    unique_name(prefix, installation_id, STACK_NAME_MAX, allowed, 'H')
}

/// `prefix` and `id` as they are when `id` is an invite's kind of ID and the whole fits in
/// `max`; otherwise the start of it (characters outside `allowed` made dashes), `marker` and
/// the hash of `id`.
fn unique_name(prefix: &str, id: &str, max: usize, allowed: impl Fn(char) -> bool, marker: char) -> String {
    let whole = format!("{prefix}{id}");
    let plain = !id.is_empty() && id.chars().all(crate::invite::installation_id_char);
    if plain && whole.len() <= max {
        return whole;
    }
    let keep = max - 1 - HASH_LEN;
    let start: String = whole.chars().map(|c| if allowed(c) { c } else { '-' }).take(keep).collect();
    format!("{}{marker}{}", start.trim_end_matches('-'), short_hash(id))
}

/// The first [`HASH_LEN`] hex characters of SHA-256 of `text`.
fn short_hash(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().take(HASH_LEN / 2).map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use proptest::prelude::*;

    use super::*;

    fn valid_role_name(name: &str) -> bool {
        (1..=ROLE_NAME_MAX).contains(&name.len())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || "_+=,.@-".contains(c))
    }

    fn valid_policy_name(name: &str) -> bool {
        (1..=POLICY_NAME_MAX).contains(&name.len())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || "_+=,.@-".contains(c))
    }

    fn valid_stack_name(name: &str) -> bool {
        (1..=STACK_NAME_MAX).contains(&name.len())
            && name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    }

    /// Every name an installation gets.
    fn names(id: &str) -> [String; 4] {
        let role = role_name_for(id);
        [
            boundary_name_for(&role),
            role,
            stack_name_with("private-deploy-access-", id),
            stack_name_with("private-deploy-env-", id),
        ]
    }

    fn assert_valid(id: &str) {
        let [boundary, role, access, env] = names(id);
        assert!(valid_role_name(&role), "role {role:?} of {id:?}");
        assert!(valid_policy_name(&boundary), "boundary {boundary:?} of {id:?}");
        assert!(valid_stack_name(&access), "stack {access:?} of {id:?}");
        assert!(valid_stack_name(&env), "stack {env:?} of {id:?}");
    }

    #[test]
    fn short_invite_ids_go_in_unchanged() {
        assert_eq!(role_name_for("acme-prod"), "PrivateDeployVendorAccess-acme-prod");
        assert_eq!(
            boundary_name_for("PrivateDeployVendorAccess-acme-prod"),
            "PrivateDeployVendorAccess-acme-prodBoundary"
        );
        assert_eq!(stack_name_with("private-deploy-env-", "acme-prod"), "private-deploy-env-acme-prod");
        // The longest ID whose role name fits: 26 + 38 = 64 characters.
        let fits = "a".repeat(38);
        assert_eq!(role_name_for(&fits), format!("PrivateDeployVendorAccess-{fits}"));
    }

    #[test]
    fn long_ids_with_the_same_start_get_different_readable_role_names() {
        let a = format!("acme-production-eu-west-1-customer-{}", "a".repeat(20));
        let b = format!("acme-production-eu-west-1-customer-{}", "b".repeat(20));
        let (ra, rb) = (role_name_for(&a), role_name_for(&b));
        assert_ne!(ra, rb);
        assert_eq!(ra.len(), 64);
        assert!(ra.starts_with("PrivateDeployVendorAccess-acme-production-eu-west-1-cu"), "{ra}");
        assert_eq!(&ra[55..56], "_");
        assert!(ra[56..].chars().all(|c| c.is_ascii_hexdigit()), "{ra}");
        // The same ID always gets the same name: it is how the role is found again.
        assert_eq!(ra, role_name_for(&a));
    }

    #[test]
    fn an_id_cleaned_up_for_iam_is_hashed_so_two_ids_that_clean_alike_differ() {
        let (a, b) = (role_name_for("corp:eu/prod"), role_name_for("corp/eu:prod"));
        assert_ne!(a, b);
        assert!(a.starts_with("PrivateDeployVendorAccess-corp-eu-prod_"), "{a}");
        assert!(valid_role_name(&a) && valid_role_name(&b));
    }

    #[test]
    fn an_id_shaped_like_another_ids_hashed_name_gets_a_name_of_its_own() {
        let long = "x".repeat(60);
        let hashed_role = role_name_for(&long);
        let mimic = hashed_role.trim_start_matches("PrivateDeployVendorAccess-");
        assert_ne!(role_name_for(mimic), hashed_role);
        let hashed_stack = stack_name_with("private-deploy-env-", &"y".repeat(120));
        let mimic = hashed_stack.trim_start_matches("private-deploy-env-");
        assert_ne!(stack_name_with("private-deploy-env-", mimic), hashed_stack);
    }

    #[test]
    fn thousands_of_long_ids_sharing_a_start_all_get_distinct_names() {
        let ids: Vec<String> = (0..2000).map(|i| format!("{}-{i}", "shared-start".repeat(5))).collect();
        for kind in 0..4 {
            let unique: HashSet<String> = ids.iter().map(|id| names(id)[kind].clone()).collect();
            assert_eq!(unique.len(), ids.len(), "name kind {kind}");
        }
    }

    /// IDs as invites carry them, and as the exported template's parameter allows them.
    fn any_id() -> impl Strategy<Value = String> {
        prop_oneof!["[a-z0-9][a-z0-9-]{2,63}", "[A-Za-z0-9_.:/=+@-]{1,128}"]
    }

    proptest! {
        #[test]
        fn distinct_ids_get_distinct_valid_names(a in any_id(), b in any_id()) {
            assert_valid(&a);
            assert_valid(&b);
            prop_assume!(a != b);
            let (na, nb) = (names(&a), names(&b));
            // IAM names are unique regardless of case; stack names are case-sensitive.
            for kind in 0..2 {
                prop_assert_ne!(na[kind].to_lowercase(), nb[kind].to_lowercase());
            }
            for kind in 2..4 {
                prop_assert_ne!(&na[kind], &nb[kind]);
            }
        }

        #[test]
        fn ids_differing_only_after_the_cut_get_distinct_names(start in "[a-z0-9]{40,64}", a in "[a-z0-9]{1,20}", b in "[a-z0-9]{1,20}") {
            prop_assume!(a != b);
            let (x, y) = (format!("{start}{a}"), format!("{start}{b}"));
            prop_assume!(x != y);
            prop_assert_ne!(role_name_for(&x), role_name_for(&y));
            prop_assert_ne!(stack_name_with("private-deploy-access-", &x), stack_name_with("private-deploy-access-", &y));
        }
    }
}
