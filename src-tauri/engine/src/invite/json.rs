//! The two JSON concerns of invites that serde_json does not cover as needed: reading that
//! refuses duplicate object keys, and the canonical form that signatures cover.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// Parses JSON text into a [`Value`], refusing an object that repeats a key: `Value` would
/// keep the last one silently, so two readers of the same invite could disagree on it.
pub(super) fn read_strict(text: &str) -> Result<Value, serde_json::Error> {
    serde_json::from_str::<Strict>(text).map(|Strict(value)| value)
}

/// The canonical JSON of `value`: object keys sorted by their UTF-8 bytes at every level, no
/// whitespace, strings and numbers as serde_json writes them.
///
/// The keys are sorted here rather than by relying on `serde_json::Map` being a `BTreeMap`:
/// this crate's dependencies turn on serde_json's `preserve_order` feature, under which the
/// map keeps insertion order.
pub(super) fn canonical(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            out.push('{');
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write_canonical(item, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// A [`Value`] whose objects have no repeated key.
struct Strict(Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Strict;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Strict, E> {
        Ok(Strict(Value::Bool(v)))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Strict, E> {
        Ok(Strict(Value::Number(v.into())))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Strict, E> {
        Ok(Strict(Value::Number(v.into())))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Strict, E> {
        // JSON text cannot spell NaN or infinity, so `from_f64` always succeeds here.
        Ok(Strict(Number::from_f64(v).map_or(Value::Null, Value::Number)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Strict, E> {
        Ok(Strict(Value::String(v.to_owned())))
    }

    fn visit_string<E>(self, v: String) -> Result<Strict, E> {
        Ok(Strict(Value::String(v)))
    }

    fn visit_unit<E>(self) -> Result<Strict, E> {
        Ok(Strict(Value::Null))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Strict, A::Error> {
        let mut items = Vec::new();
        while let Some(Strict(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Strict(Value::Array(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Strict, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            if map.contains_key(&key) {
                return Err(de::Error::custom(format_args!("the key {key:?} appears twice in one object")));
            }
            let Strict(item) = access.next_value()?;
            map.insert(key, item);
        }
        Ok(Strict(Value::Object(map)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_sorts_keys_at_every_level_and_drops_whitespace() {
        let a = read_strict(r#"{ "b": 1, "a": { "z": [true, null, "x"], "y": -2.5 } }"#).unwrap();
        let b = read_strict("{\"a\":{\"y\":-2.5,\"z\":[true,null,\"x\"]},\n\t\"b\":1}").unwrap();
        assert_eq!(canonical(&a), r#"{"a":{"y":-2.5,"z":[true,null,"x"]},"b":1}"#);
        assert_eq!(canonical(&a), canonical(&b));
    }

    #[test]
    fn canonical_sorts_by_bytes_and_escapes_strings() {
        let value = read_strict(r#"{"é":1,"Z":2,"a":3,"q\"":"line\nbreak"}"#).unwrap();
        assert_eq!(canonical(&value), "{\"Z\":2,\"a\":3,\"q\\\"\":\"line\\nbreak\",\"é\":1}");
    }

    #[test]
    fn a_repeated_key_is_refused_with_its_position() {
        let err = read_strict("{\"a\": {\"k\": 1,\n \"k\": 2}}").unwrap_err();
        assert!(err.to_string().contains("\"k\" appears twice"), "{err}");
        assert_eq!(err.line(), 2);
        assert!(read_strict(r#"{"a": {"k": 1}, "b": {"k": 2}}"#).is_ok());
    }

    #[test]
    fn trailing_text_and_bad_syntax_are_refused() {
        assert!(read_strict(r#"{"a": 1} x"#).is_err());
        assert!(read_strict(r#"{"a": 1,}"#).is_err());
        assert_eq!(read_strict("[1, 2]").unwrap(), serde_json::json!([1, 2]));
    }
}
