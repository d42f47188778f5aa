//! What each of the customer's controls over the vendor's role can and cannot do, in plain
//! words: one copy, shown on Review access, by `template access` and in the README.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One control, what it does and what it does not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ControlLimit {
    pub control: String,
    pub can: String,
    pub cannot: String,
}

/// The one-sentence summary, for a status line.
pub const CONTROLS_SUMMARY: &str = "The access window limits when the vendor's credentials work, not what the vendor \
     does while it is open: with AdministratorAccess, a vendor acting in bad faith can leave behind resources that \
     outlive the window.";

/// (control, can, cannot): each phrase follows "Can:" / "Cannot:" and has no final period.
const LIMITS: [(&str, &str, &str); 4] = [
    (
        "Access window",
        "limit when the vendor's credentials work: outside the window every request by the role is denied, even \
         while your computer is off; revoking sessions ends the sessions already issued",
        "contain a vendor who acts in bad faith while the window is open: with AdministratorAccess the role could, \
         for example, create Lambda functions or EC2 instances with roles of their own, which keep running after \
         the window closes",
    ),
    (
        "Permissions boundary",
        "limit what the role can do, whatever policies it has: only the services and actions the boundary lists",
        "stop what the boundary itself allows; it is optional in full mode, where the role has AdministratorAccess",
    ),
    (
        "Guardrail",
        "deny the role the direct ways to undo these controls: changing its own policies, trust, boundary or tags, \
         changing the boundary policy, updating or deleting the access stack, creating IAM users, access keys, \
         passwords or identity providers, and stopping or changing CloudTrail",
        "block every indirect way in full mode: a role with AdministratorAccess can still, for example, create a \
         new role that trusts the vendor, or a function that acts for it later; only the boundary narrows that",
    ),
    (
        "Service Control Policy (AWS Organizations)",
        "deny the same actions to the vendor's role from outside the account, so they stay denied even if the \
         role's own guardrail were removed",
        "work without AWS Organizations and service control policies enabled, or apply to the organisation's \
         management account",
    ),
];

/// Every control's limits, in the order they are shown.
pub fn control_limits() -> Vec<ControlLimit> {
    LIMITS
        .iter()
        .map(|(control, can, cannot)| ControlLimit {
            control: (*control).to_owned(),
            can: (*can).to_owned(),
            cannot: (*cannot).to_owned(),
        })
        .collect()
}

/// The limits as plain text, one paragraph per control (for the CLI).
pub fn control_limits_text() -> String {
    let mut out = format!("{CONTROLS_SUMMARY}\n");
    for l in control_limits() {
        out.push_str(&format!("\n{}\n  Can: {}.\n  Cannot: {}.\n", l.control, l.can, l.cannot));
    }
    out
}

/// The limits as the README's Markdown list (a test checks the README holds it).
pub fn control_limits_markdown() -> String {
    let mut out = format!("{CONTROLS_SUMMARY}\n\n");
    for l in control_limits() {
        out.push_str(&format!("- **{}.** Can: {}. Cannot: {}.\n", l.control, l.can, l.cannot));
    }
    out
}
