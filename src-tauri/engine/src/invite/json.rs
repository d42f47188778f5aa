//! Reading invite JSON so that it refuses duplicate object keys, which serde_json's `Value`
//! would keep the last of silently. (The canonical form signatures cover is RFC 8785, from
//! serde_jcs; a test here pins it.)

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// Parses JSON text into a [`Value`], refusing an object that repeats a key: `Value` would
/// keep the last one silently, so two readers of the same invite could disagree on it.
pub(super) fn read_strict(text: &str) -> Result<Value, serde_json::Error> {
    serde_json::from_str::<Strict>(text).map(|Strict(value)| value)
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

    /// RFC 8785 as the signatures use it (serde_jcs): keys sorted at every level by UTF-16
    /// code units, no whitespace, ECMAScript number and string forms.
    #[test]
    fn the_canonical_form_is_rfc_8785() {
        let a = read_strict(r#"{ "b": 1, "a": { "z": [true, null, "x"], "y": -2.5 } }"#).unwrap();
        let b = read_strict("{\"a\":{\"y\":-2.5,\"z\":[true,null,\"x\"]},\n\t\"b\":1}").unwrap();
        let jcs = |v: &Value| serde_jcs::to_string(v).unwrap();
        assert_eq!(jcs(&a), r#"{"a":{"y":-2.5,"z":[true,null,"x"]},"b":1}"#);
        assert_eq!(jcs(&a), jcs(&b));
        let value = read_strict(r#"{"é":1,"Z":2,"a":3,"q\"":"line\nbreak","n":1E2}"#).unwrap();
        assert_eq!(jcs(&value), "{\"Z\":2,\"a\":3,\"n\":100,\"q\\\"\":\"line\\nbreak\",\"é\":1}");
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
