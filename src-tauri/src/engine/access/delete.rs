//! Deleting the vendor's role, or the installation's stacks (`delete_stacks`). Both are
//! irreversible (access comes back only with a re-install), both are verified by reading back
//! (the role is gone; each stack is `DELETE_COMPLETE` by its stack ID) and journaled.

use serde_json::json;

use super::actor::Actor;
use super::error::AccessError;
use super::iam;
use super::model::{AccessActionKind, AccessActionRecord};
use crate::engine::failure::Error;

/// What the screen says before "Delete the role".
pub const DELETE_ROLE_WARNING: &str = "Deleting the role is irreversible: the vendor loses all access, and only a \
     re-install gives it back. The role belongs to the access stack, which will then show drift and fail to update; \
     to remove everything cleanly, delete the stacks instead.";

/// What the screen says before "Delete the stacks".
pub const DELETE_STACKS_WARNING: &str = "Deleting the stacks is irreversible. First the vendor is cut off (the access \
     window is closed and its sessions revoked); then the environment stack is deleted: its VPC, subnets, NAT gateway \
     with its Elastic IP, load balancer and route tables; then the access stack: the vendor's role, its policies and \
     its boundary. What the vendor created itself is not in the stacks and is not deleted: instances, databases, \
     functions, buckets or anything else it deployed. While any of it still has a network interface in the VPC, the \
     VPC cannot be deleted and the environment's delete fails (DELETE_FAILED); those interfaces are listed below. \
     Only a re-install brings the stacks back.";

pub async fn delete_role(actor: &Actor<'_>) -> Result<AccessActionRecord, Error> {
    let steps = iam::delete_role(actor.iam, actor.role(), actor.ctx).await?;
    if iam::get_role(actor.iam, actor.role(), actor.ctx).await?.is_some() {
        return Err(AccessError::NotVerified {
            action: "deleting the role".to_owned(),
            expected: "no role".to_owned(),
            found: format!("role {} still there", actor.role()),
        }
        .into());
    }
    let summary = format!("Deleted role {}: the vendor has no access any more.", actor.role());
    actor.record(AccessActionKind::DeleteRole, summary, &json!({ "role": actor.role(), "steps": steps }))
}
