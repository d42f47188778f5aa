//! How the engine's own values are stored in journal columns: enums as the snake_case text
//! serde also uses (strum), CIDR blocks as `a.b.c.d/n`. A value this version did not write
//! (an edited journal, or one from a newer version) fails the read with the column named.

use ipnet::Ipv4Net;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::Row;

use crate::access::AccessActionKind;
use crate::install::{InstallState, StackKind};

macro_rules! text_enum_column {
    ($($kind:ty),+) => {$(
        impl ToSql for $kind {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(<&'static str>::from(*self)))
            }
        }

        impl FromSql for $kind {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let text = value.as_str()?;
                text.parse().map_err(|_| {
                    FromSqlError::Other(format!("unknown {} {text:?}", stringify!($kind)).into())
                })
            }
        }
    )+};
}

text_enum_column!(StackKind, InstallState, AccessActionKind);

/// Reads a CIDR block (`Ipv4Net` is not ours, so it gets no `FromSql`).
pub(super) fn cidr(row: &Row<'_>, column: usize) -> rusqlite::Result<Ipv4Net> {
    let text: String = row.get(column)?;
    text.parse().map_err(|_| {
        rusqlite::Error::FromSqlConversionFailure(
            column,
            rusqlite::types::Type::Text,
            format!("{text:?} is not a CIDR block").into(),
        )
    })
}

#[cfg(test)]
mod tests {
    use strum::IntoEnumIterator;

    use super::*;

    /// The journal and IPC name each value the same way, so a name read in one is found in the other.
    fn same_names<T>()
    where
        T: IntoEnumIterator + Copy + serde::Serialize + FromSql + ToSql + PartialEq + std::fmt::Debug,
        &'static str: From<T>,
    {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        for value in T::iter() {
            let serde_name = serde_json::to_value(value).unwrap();
            assert_eq!(serde_name, <&'static str>::from(value), "{value:?}");
            let back: T = conn.query_row("SELECT ?1", [&value], |row| row.get(0)).unwrap();
            assert_eq!(back, value);
        }
        let unknown = conn.query_row("SELECT 'not_a_value'", [], |row| row.get::<_, T>(0));
        assert!(unknown.is_err(), "an unknown name must not read as a value");
    }

    #[test]
    fn enums_round_trip_under_their_serde_names() {
        same_names::<StackKind>();
        same_names::<InstallState>();
        same_names::<AccessActionKind>();
    }

    #[test]
    fn a_cidr_column_must_hold_a_block() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let read = |text: &str| conn.query_row("SELECT ?1", [text], |row| cidr(row, 0));
        assert_eq!(read("10.20.0.0/16").unwrap(), "10.20.0.0/16".parse::<Ipv4Net>().unwrap());
        assert!(read("10.20.0.0").is_err());
        assert!(read("banana").is_err());
    }
}
