//! Installs in the journal: the installation (what was asked for and where it stands), its
//! stacks (the two it launches, with the attempt each is on and the last event seen, and any
//! nested stack found under them) and every stack event seen, once each.
//!
//! Each write is one transaction, so a crash between two of them leaves the journal as it was
//! after the first: the install picks up from there on the next start.

use ipnet::Ipv4Net;
use jiff::Timestamp;
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::{Journal, JournalError};
use crate::install::{InstallState, StackKind};
use crate::stacks::{ResourceStatus, StackStatus};

/// An installation as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstallationRecord {
    /// The journal's row ID.
    pub id: i64,
    pub installation_id: String,
    pub account: String,
    pub home_region: String,
    pub region: String,
    pub cidr: Ipv4Net,
    /// The invite as JSON, signature included.
    pub invite: String,
    pub use_boundary: bool,
    pub state: InstallState,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// The environment's two Availability Zones; empty when recorded before the app chose them.
    pub zones: Vec<String>,
}

/// What is recorded when an install starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInstallation {
    pub installation_id: String,
    pub account: String,
    pub home_region: String,
    pub region: String,
    pub cidr: Ipv4Net,
    pub invite: String,
    pub use_boundary: bool,
    /// The environment's Availability Zones; empty when not known yet. Recorded when the
    /// installation has none recorded, never replacing the ones it has.
    pub zones: Vec<String>,
    /// The stacks to launch: (kind, region, name).
    pub stacks: Vec<(StackKind, String, String)>,
    pub at: Timestamp,
}

/// A stack of an installation as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StackRecord {
    pub kind: StackKind,
    pub region: String,
    pub name: String,
    /// Known once the stack was created or found.
    pub stack_id: Option<String>,
    /// For a nested stack: the stack ID of the launched stack it is under.
    pub root_stack_id: Option<String>,
    /// Counts launches: a Clean up makes the next launch a new attempt (and a new request token).
    pub attempt: u32,
    pub last_status: Option<StackStatus>,
    pub last_reason: Option<String>,
    /// The newest stack event already read: reading stops there.
    pub last_event_id: Option<String>,
}

/// A stack event as CloudFormation reported it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StackEventRecord {
    pub stack_id: String,
    pub stack_name: String,
    pub event_id: String,
    pub logical_id: String,
    pub physical_id: Option<String>,
    pub resource_type: String,
    pub status: ResourceStatus,
    pub reason: Option<String>,
    pub timestamp: Timestamp,
}

const INSTALLATION_COLUMNS: &str = "id, installation_id, account, home_region, region, cidr, invite, use_boundary, \
     state, created_at, updated_at, zones";
const STACK_COLUMNS: &str =
    "kind, region, name, stack_id, root_stack_id, attempt, last_status, last_reason, last_event_id";
const EVENT_COLUMNS: &str =
    "stack_id, stack_name, event_id, logical_id, physical_id, resource_type, status, reason, timestamp";

fn installation_row(row: &Row<'_>) -> rusqlite::Result<InstallationRecord> {
    Ok(InstallationRecord {
        id: row.get(0)?,
        installation_id: row.get(1)?,
        account: row.get(2)?,
        home_region: row.get(3)?,
        region: row.get(4)?,
        cidr: super::columns::cidr(row, 5)?,
        invite: row.get(6)?,
        use_boundary: row.get(7)?,
        state: row.get(8)?,
        created_at: row.get(9)?,
        updated_at: row.get(10)?,
        zones: zones_of(&row.get::<_, String>(11)?),
    })
}

fn stack_row(row: &Row<'_>) -> rusqlite::Result<StackRecord> {
    Ok(StackRecord {
        kind: row.get(0)?,
        region: row.get(1)?,
        name: row.get(2)?,
        stack_id: row.get(3)?,
        root_stack_id: row.get(4)?,
        attempt: row.get(5)?,
        last_status: row.get::<_, Option<String>>(6)?.map(|s| StackStatus::from(s.as_str())),
        last_reason: row.get(7)?,
        last_event_id: row.get(8)?,
    })
}

fn event_row(row: &Row<'_>) -> rusqlite::Result<StackEventRecord> {
    Ok(StackEventRecord {
        stack_id: row.get(0)?,
        stack_name: row.get(1)?,
        event_id: row.get(2)?,
        logical_id: row.get(3)?,
        physical_id: row.get(4)?,
        resource_type: row.get(5)?,
        status: ResourceStatus::from(row.get::<_, String>(6)?.as_str()),
        reason: row.get(7)?,
        timestamp: row.get(8)?,
    })
}

fn zones_of(text: &str) -> Vec<String> {
    text.split(',').filter(|z| !z.is_empty()).map(str::to_owned).collect()
}

impl Journal {
    /// Records a new installation and its stacks, or, when the account already has this
    /// installation, marks it in progress again and leaves its stacks as they are. Returns
    /// the installation's row.
    pub fn begin_installation(&self, new: &NewInstallation) -> Result<InstallationRecord, JournalError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO installation (installation_id, account, home_region, region, cidr, invite, use_boundary,
                     state, created_at, updated_at, zones)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10)
                 ON CONFLICT (account, installation_id) DO UPDATE SET state = ?8, updated_at = ?9,
                     zones = CASE WHEN zones = '' THEN ?10 ELSE zones END",
                params![
                    new.installation_id,
                    new.account,
                    new.home_region,
                    new.region,
                    new.cidr.to_string(),
                    new.invite,
                    new.use_boundary,
                    InstallState::InProgress,
                    new.at,
                    new.zones.join(","),
                ],
            )?;
            let record = tx.query_row(
                &format!("SELECT {INSTALLATION_COLUMNS} FROM installation WHERE account = ?1 AND installation_id = ?2"),
                params![new.account, new.installation_id],
                installation_row,
            )?;
            for (kind, region, name) in &new.stacks {
                tx.execute(
                    "INSERT OR IGNORE INTO install_stack (installation, kind, region, name, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![record.id, kind, region, name, new.at],
                )?;
            }
            Ok(record)
        })
    }

    pub fn installation(
        &self,
        account: &str,
        installation_id: &str,
    ) -> Result<Option<InstallationRecord>, JournalError> {
        self.read(|conn| {
            conn.query_row(
                &format!("SELECT {INSTALLATION_COLUMNS} FROM installation WHERE account = ?1 AND installation_id = ?2"),
                params![account, installation_id],
                installation_row,
            )
            .optional()
        })
    }

    /// Every installation, oldest first.
    pub fn installations(&self) -> Result<Vec<InstallationRecord>, JournalError> {
        self.read(|conn| {
            let mut stmt = conn.prepare(&format!("SELECT {INSTALLATION_COLUMNS} FROM installation ORDER BY id"))?;
            let rows = stmt.query_map([], installation_row)?;
            super::readable_rows("installation", rows)
        })
    }

    pub fn set_installation_state(
        &self,
        installation: i64,
        state: InstallState,
        at: Timestamp,
    ) -> Result<(), JournalError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE installation SET state = ?2, updated_at = ?3 WHERE id = ?1",
                params![installation, state.as_str(), at],
            )
            .map(|_| ())
        })
    }

    /// The installation's stacks: the launched ones in launch order, then the nested ones.
    pub fn install_stacks(&self, installation: i64) -> Result<Vec<StackRecord>, JournalError> {
        self.read(|conn| {
            let mut stmt = conn.prepare(&format!(
                "SELECT {STACK_COLUMNS} FROM install_stack WHERE installation = ?1
                 ORDER BY CASE kind WHEN 'access' THEN 0 WHEN 'environment' THEN 1 ELSE 2 END, id"
            ))?;
            let rows = stmt.query_map([installation], stack_row)?;
            rows.collect()
        })
    }

    /// Records the stack ID of a launched stack once it is created or found.
    pub fn set_stack_id(
        &self,
        installation: i64,
        kind: StackKind,
        stack_id: &str,
        at: Timestamp,
    ) -> Result<(), JournalError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE install_stack SET stack_id = ?3, updated_at = ?4 WHERE installation = ?1 AND kind = ?2",
                params![installation, kind, stack_id, at],
            )
            .map(|_| ())
        })
    }

    /// Records a nested stack found under `root_stack_id` (once; later calls change nothing).
    pub fn record_nested_stack(
        &self,
        installation: i64,
        root_stack_id: &str,
        region: &str,
        name: &str,
        stack_id: &str,
        at: Timestamp,
    ) -> Result<(), JournalError> {
        self.write(|tx| {
            tx.execute(
                "INSERT OR IGNORE INTO install_stack (installation, kind, region, name, stack_id, root_stack_id, updated_at)
                 VALUES (?1, 'nested', ?2, ?3, ?4, ?5, ?6)",
                params![installation, region, name, stack_id, root_stack_id, at],
            )
            .map(|_| ())
        })
    }

    pub fn record_stack_status(
        &self,
        stack_id: &str,
        status: &StackStatus,
        reason: Option<&str>,
        at: Timestamp,
    ) -> Result<(), JournalError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE install_stack SET last_status = ?2, last_reason = ?3, updated_at = ?4 WHERE stack_id = ?1",
                params![stack_id, status.as_str(), reason, at],
            )
            .map(|_| ())
        })
    }

    /// Stores newly read events of one stack and moves its last-seen event to `newest`, in
    /// one transaction. An event already stored is not stored again. Returns how many were new.
    pub fn record_stack_events(
        &self,
        installation: i64,
        stack_id: &str,
        events: &[StackEventRecord],
        newest: Option<&str>,
    ) -> Result<usize, JournalError> {
        self.write(|tx| {
            let mut added = 0;
            let mut insert = tx.prepare(&format!(
                "INSERT OR IGNORE INTO stack_event (installation, {EVENT_COLUMNS})
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
            ))?;
            for e in events {
                added += insert.execute(params![
                    installation,
                    e.stack_id,
                    e.stack_name,
                    e.event_id,
                    e.logical_id,
                    e.physical_id,
                    e.resource_type,
                    e.status.as_str(),
                    e.reason,
                    e.timestamp,
                ])?;
            }
            if let Some(newest) = newest {
                tx.execute(
                    "UPDATE install_stack SET last_event_id = ?2 WHERE stack_id = ?1",
                    params![stack_id, newest],
                )?;
            }
            Ok(added)
        })
    }

    /// The events seen of the stacks `stack_ids`, stack by stack, each in the order read
    /// (oldest first).
    pub fn stack_events(&self, stack_ids: &[String]) -> Result<Vec<StackEventRecord>, JournalError> {
        self.read(|conn| {
            let mut stmt =
                conn.prepare(&format!("SELECT {EVENT_COLUMNS} FROM stack_event WHERE stack_id = ?1 ORDER BY id"))?;
            let mut out = Vec::new();
            for id in stack_ids {
                out.extend(super::readable_rows("stack_event", stmt.query_map([id], event_row)?)?);
            }
            Ok(out)
        })
    }

    /// Every event seen of the installation's stacks, in the order they were stored.
    pub fn installation_events(&self, installation: i64) -> Result<Vec<StackEventRecord>, JournalError> {
        self.read(|conn| {
            let mut stmt =
                conn.prepare(&format!("SELECT {EVENT_COLUMNS} FROM stack_event WHERE installation = ?1 ORDER BY id"))?;
            let rows = stmt.query_map([installation], event_row)?;
            super::readable_rows("stack_event", rows)
        })
    }

    /// After a Clean up: the launched stack of `kind` is gone, so the next launch is a new
    /// attempt with no stack ID and no event seen yet.
    pub fn next_stack_attempt(&self, installation: i64, kind: StackKind, at: Timestamp) -> Result<(), JournalError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE install_stack SET stack_id = NULL, attempt = attempt + 1, last_status = ?4,
                     last_reason = NULL, last_event_id = NULL, updated_at = ?3
                 WHERE installation = ?1 AND kind = ?2",
                params![installation, kind.as_str(), at, StackStatus::DeleteComplete.as_str()],
            )
            .map(|_| ())
        })
    }

    /// Resource creation times of earlier completed installs: (resource type, milliseconds
    /// from its first `CREATE_IN_PROGRESS` to its `CREATE_COMPLETE`), one per resource.
    pub fn resource_durations(&self) -> Result<Vec<(String, u64)>, JournalError> {
        let rows: Vec<(String, Timestamp, Timestamp)> = self.read(|conn| {
            let mut stmt = conn.prepare(
                "SELECT e.resource_type,
                        MIN(CASE WHEN e.status = ?1 THEN e.timestamp END),
                        MAX(CASE WHEN e.status = ?2 THEN e.timestamp END)
                 FROM stack_event e JOIN installation i ON i.id = e.installation
                 WHERE i.state = 'ready' AND e.physical_id IS NOT e.stack_id
                 GROUP BY e.stack_id, e.logical_id, e.resource_type",
            )?;
            let statuses = [ResourceStatus::CreateInProgress.as_str(), ResourceStatus::CreateComplete.as_str()];
            let rows = stmt.query_map(statuses, |row| {
                Ok((row.get(0)?, row.get::<_, Option<Timestamp>>(1)?, row.get::<_, Option<Timestamp>>(2)?))
            })?;
            let mut out = Vec::new();
            for row in rows {
                if let (t, Some(start), Some(end)) = row? {
                    out.push((t, start, end));
                }
            }
            Ok(out)
        })?;
        Ok(rows
            .into_iter()
            .filter_map(|(kind, start, end)| {
                let ms = u64::try_from(end.duration_since(start).as_millis()).ok()?;
                Some((kind, ms))
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new(account: &str) -> NewInstallation {
        NewInstallation {
            installation_id: "acme-prod".into(),
            account: account.into(),
            home_region: "us-east-1".into(),
            region: "eu-west-1".into(),
            cidr: "10.20.0.0/16".parse().unwrap(),
            invite: "{}".into(),
            use_boundary: false,
            zones: vec!["eu-west-1a".into(), "eu-west-1b".into()],
            stacks: vec![
                (StackKind::Access, "us-east-1".into(), "private-deploy-access-acme-prod".into()),
                (StackKind::Environment, "eu-west-1".into(), "private-deploy-env-acme-prod".into()),
            ],
            at: at("2026-11-21T10:00:00Z"),
        }
    }

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn one_unreadable_installation_does_not_hide_the_others() {
        let journal = Journal::open_in_memory().unwrap();
        journal.begin_installation(&new("111111111111")).unwrap();
        journal.begin_installation(&new("222222222222")).unwrap();
        journal.begin_installation(&new("333333333333")).unwrap();
        journal
            .write(|tx| {
                tx.execute("UPDATE installation SET cidr = 'banana' WHERE account = '111111111111'", [])?;
                tx.execute("UPDATE installation SET state = 'from_the_future' WHERE account = '222222222222'", [])
            })
            .unwrap();
        let listed: Vec<String> = journal.installations().unwrap().into_iter().map(|i| i.account).collect();
        assert_eq!(listed, vec!["333333333333".to_owned()]);
    }

    fn event(stack_id: &str, id: &str, logical: &str, status: &str, time: &str) -> StackEventRecord {
        StackEventRecord {
            stack_id: stack_id.into(),
            stack_name: "s".into(),
            event_id: id.into(),
            logical_id: logical.into(),
            physical_id: Some(format!("phys-{logical}")),
            resource_type: "AWS::EC2::VPC".into(),
            status: ResourceStatus::from(status),
            reason: None,
            timestamp: at(time),
        }
    }

    #[test]
    fn beginning_again_keeps_the_first_record_and_its_stacks() {
        let journal = Journal::open_in_memory().unwrap();
        let first = journal.begin_installation(&new("111111111111")).unwrap();
        journal.set_stack_id(first.id, StackKind::Access, "arn:stack/a/1", at("2026-11-21T12:00:00Z")).unwrap();
        journal.set_installation_state(first.id, InstallState::Failed, at("2026-11-21T12:00:00Z")).unwrap();
        let mut again = new("111111111111");
        again.cidr = "10.99.0.0/16".parse().unwrap();
        again.at = at("2026-11-21T11:00:00Z");
        let second = journal.begin_installation(&again).unwrap();
        assert_eq!(second.id, first.id);
        assert_eq!(second.cidr.to_string(), "10.20.0.0/16", "the recorded request is not overwritten");
        assert_eq!(second.zones, vec!["eu-west-1a", "eu-west-1b"]);
        assert_eq!(second.state, InstallState::InProgress);
        assert_eq!(second.created_at, at("2026-11-21T10:00:00Z"));
        let stacks = journal.install_stacks(first.id).unwrap();
        assert_eq!(stacks.len(), 2);
        assert_eq!(stacks[0].stack_id.as_deref(), Some("arn:stack/a/1"));
        assert_eq!((stacks[0].kind, stacks[1].kind), (StackKind::Access, StackKind::Environment));
        // Another account's installation of the same ID is another row.
        let other = journal.begin_installation(&new("222222222222")).unwrap();
        assert_ne!(other.id, first.id);
        assert_eq!(journal.installations().unwrap().len(), 2);
    }

    #[test]
    fn zones_are_recorded_once_known_and_never_replaced() {
        let journal = Journal::open_in_memory().unwrap();
        let unknown = NewInstallation { zones: vec![], ..new("111111111111") };
        let first = journal.begin_installation(&unknown).unwrap();
        assert!(first.zones.is_empty());
        let known = journal.begin_installation(&new("111111111111")).unwrap();
        assert_eq!(known.zones, vec!["eu-west-1a", "eu-west-1b"]);
        let other = NewInstallation { zones: vec!["eu-west-1c".into(), "eu-west-1d".into()], ..new("111111111111") };
        let kept = journal.begin_installation(&other).unwrap();
        assert_eq!(kept.zones, vec!["eu-west-1a", "eu-west-1b"]);
        assert_eq!(journal.installation("111111111111", "acme-prod").unwrap().unwrap().zones, kept.zones);
    }

    #[test]
    fn events_are_stored_once_and_the_last_seen_moves() {
        let journal = Journal::open_in_memory().unwrap();
        let inst = journal.begin_installation(&new("111111111111")).unwrap();
        journal.set_stack_id(inst.id, StackKind::Environment, "stack-e", at("2026-11-21T12:00:00Z")).unwrap();
        let batch = vec![
            event("stack-e", "e1", "Vpc", "CREATE_IN_PROGRESS", "2026-11-21T10:00:00Z"),
            event("stack-e", "e2", "Vpc", "CREATE_COMPLETE", "2026-11-21T10:00:12.5Z"),
        ];
        assert_eq!(journal.record_stack_events(inst.id, "stack-e", &batch, Some("e2")).unwrap(), 2);
        assert_eq!(journal.record_stack_events(inst.id, "stack-e", &batch, Some("e2")).unwrap(), 0);
        assert_eq!(journal.installation_events(inst.id).unwrap().len(), 2);
        let env = &journal.install_stacks(inst.id).unwrap()[1];
        assert_eq!(env.last_event_id.as_deref(), Some("e2"));

        assert!(journal.resource_durations().unwrap().is_empty(), "only completed installs count");
        journal.set_installation_state(inst.id, InstallState::Ready, at("2026-11-21T12:00:00Z")).unwrap();
        assert_eq!(journal.resource_durations().unwrap(), vec![("AWS::EC2::VPC".to_owned(), 12_500)]);

        journal.next_stack_attempt(inst.id, StackKind::Environment, at("2026-11-21T12:00:00Z")).unwrap();
        let env = &journal.install_stacks(inst.id).unwrap()[1];
        assert_eq!((env.attempt, env.stack_id.as_deref(), env.last_event_id.as_deref()), (2, None, None));
    }
}
