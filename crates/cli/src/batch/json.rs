//! A JSON Lines row read in place: keys and text borrow the line wherever they hold no escape,
//! so a row costs no allocation a value, and the values write back exactly as
//! `serde_json::Value` writes them (numbers as parsed, objects with sorted keys).

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeSeq, Serializer};
use serde_json::{Map, Number, Value};
use smartlib::Cell;

/// One JSON value of a row.
#[derive(Debug, PartialEq)]
pub(crate) enum Json<'a> {
    Null,
    Bool(bool),
    Number(Number),
    Text(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    /// Objects are kept as `serde_json` keeps them (sorted, the last of a repeated key), so
    /// they write back the same; the engine refuses them anyway.
    Object(Map<String, Value>),
}

impl Json<'_> {
    /// The value as the engine reads it: the same translation as [`Cell::from_json`], on a
    /// borrowed value (a test checks that the two agree).
    pub(crate) fn cell(&self) -> Cell<'_> {
        match self {
            Json::Null => Cell::Missing,
            Json::Bool(flag) => Cell::Bool(*flag),
            Json::Number(number) => number.as_f64().map_or(Cell::Other("a number out of range"), Cell::Number),
            Json::Text(text) => Cell::Text(text),
            Json::Array(items) => Cell::List(items.iter().map(Json::cell).collect()),
            Json::Object(_) => Cell::Other("an object"),
        }
    }
}

impl Serialize for Json<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => serializer.serialize_unit(),
            Json::Bool(flag) => serializer.serialize_bool(*flag),
            Json::Number(number) => number.serialize(serializer),
            Json::Text(text) => serializer.serialize_str(text),
            Json::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Object(map) => map.serialize(serializer),
        }
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, flag: bool) -> Result<Json<'de>, E> {
        Ok(Json::Bool(flag))
    }

    fn visit_i64<E>(self, number: i64) -> Result<Json<'de>, E> {
        Ok(Json::Number(number.into()))
    }

    fn visit_u64<E>(self, number: u64) -> Result<Json<'de>, E> {
        Ok(Json::Number(number.into()))
    }

    fn visit_f64<E>(self, number: f64) -> Result<Json<'de>, E> {
        // As `serde_json::Value` does: a number that is not finite reads as null.
        Ok(Number::from_f64(number).map_or(Json::Null, Json::Number))
    }

    fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Json<'de>, E> {
        Ok(Json::Text(Cow::Borrowed(text)))
    }

    fn visit_str<E>(self, text: &str) -> Result<Json<'de>, E> {
        Ok(Json::Text(Cow::Owned(text.to_owned())))
    }

    fn visit_string<E>(self, text: String) -> Result<Json<'de>, E> {
        Ok(Json::Text(Cow::Owned(text)))
    }

    fn visit_unit<E>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }

    fn visit_none<E>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Json<'de>, D::Error> {
        Json::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json<'de>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json<'de>, A::Error> {
        let mut object = Map::new();
        while let Some((key, value)) = map.next_entry::<String, Value>()? {
            object.insert(key, value);
        }
        Ok(Json::Object(object))
    }
}

impl<'de> Deserialize<'de> for Json<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Json<'de>, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

/// An object key, borrowed unless it holds an escape.
struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Key<'de>, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string key")
            }
            fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(text)))
            }
            fn visit_str<E>(self, text: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(text.to_owned())))
            }
            fn visit_string<E>(self, text: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(text)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// A row's keys and values in order, duplicates kept (a map would keep only the last value of
/// a repeated key, silently), so the engine can refuse them.
pub(crate) type Pairs<'a> = Vec<(Cow<'a, str>, Json<'a>)>;

/// Reads a row into `pairs`, which it empties first (so one list serves every row of a chunk).
///
/// # Errors
/// What `serde_json` says of text that is not one JSON object.
pub(crate) fn read_pairs<'a>(text: &'a str, pairs: &mut Pairs<'a>) -> serde_json::Result<()> {
    pairs.clear();
    let mut deserializer = serde_json::Deserializer::from_str(text);
    PairsSeed(pairs).deserialize(&mut deserializer)?;
    deserializer.end()
}

/// Reads a spooled row, `[{carried keys and values}, [five result cells]]`, its pairs into
/// `pairs` (emptied first), borrowed as a row is.
///
/// # Errors
/// When the line is not what the spool writes.
pub(crate) fn read_spooled<'a>(text: &'a str, pairs: &mut Pairs<'a>) -> serde_json::Result<[Cow<'a, str>; 5]> {
    pairs.clear();
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let cells = deserializer.deserialize_seq(SpooledVisitor(pairs))?;
    deserializer.end()?;
    Ok(cells)
}

struct SpooledVisitor<'p, 'a>(&'p mut Pairs<'a>);

impl<'de> Visitor<'de> for SpooledVisitor<'_, 'de> {
    type Value = [Cow<'de, str>; 5];

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a spooled row")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        use serde::de::Error as _;
        let missing = || A::Error::custom("a spooled row is cut short");
        seq.next_element_seed(PairsSeed(self.0))?.ok_or_else(missing)?;
        let cells: [Key<'de>; 5] = seq.next_element()?.ok_or_else(missing)?;
        Ok(cells.map(|Key(cell)| cell))
    }
}

struct PairsSeed<'p, 'a>(&'p mut Pairs<'a>);

impl<'de> DeserializeSeed<'de> for PairsSeed<'_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for PairsSeed<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of keys and values")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(Key(key)) = map.next_key()? {
            let value = map.next_value()?;
            self.0.push((key, value));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROWS: [&str; 5] = [
        r#"{"a":1,"b":-2,"c":1.5,"d":1e3,"e":18446744073709551615}"#,
        r#"{"t":"plain","u":"tab\tand \u00e9 \"quoted\"","k\u0041":null,"l":[true,false,null,["x"]]}"#,
        r#"{"o":{"z":1,"a":[2],"z":3},"n":-0.0,"big":-9223372036854775809,"s":"\ud83d\ude00"}"#,
        "{}",
        r#"  { "spaced" : [ 1 , 2 ] }  "#,
    ];

    #[test]
    fn rows_read_and_write_as_serde_json_values_do() {
        for row in ROWS {
            let mut pairs = Pairs::new();
            read_pairs(row, &mut pairs).expect("an object");
            let Value::Object(expected) = serde_json::from_str::<Value>(row).expect("JSON") else { panic!("object") };
            assert_eq!(pairs.len(), expected.len(), "{row}");
            for (key, value) in &pairs {
                let same = &expected[key.as_ref()];
                assert_eq!(serde_json::to_string(value).ok(), serde_json::to_string(same).ok(), "{row}: {key}");
                assert_eq!(value.cell(), Cell::from_json(same), "{row}: {key}");
            }
        }
    }

    #[test]
    fn keys_and_plain_text_are_borrowed() {
        let mut pairs = Pairs::new();
        read_pairs(r#"{"id":"lib-1","esc\n":"a\"b"}"#, &mut pairs).expect("an object");
        assert!(matches!(pairs[0], (Cow::Borrowed("id"), Json::Text(Cow::Borrowed("lib-1")))));
        assert!(
            matches!(&pairs[1], (Cow::Owned(key), Json::Text(Cow::Owned(text))) if key == "esc\n" && text == "a\"b")
        );
        read_pairs(r#"{"dup":1,"dup":2}"#, &mut pairs).expect("an object");
        assert_eq!(pairs.len(), 2, "a repeated key is kept for the engine to refuse");
    }

    #[test]
    fn spooled_rows_read_back_their_pairs_and_cells() {
        let mut pairs = Pairs::new();
        let line = r#"[{"a":1,"b":"x\"y","c":{"k":[null]}},["1","getting-started","1-3","p;q",""]]"#;
        let cells = read_spooled(line, &mut pairs).expect("a spooled row");
        assert_eq!(cells, ["1", "getting-started", "1-3", "p;q", ""]);
        let written: Vec<String> =
            pairs.iter().map(|(key, value)| format!("{key}={}", serde_json::to_string(value).expect("JSON"))).collect();
        assert_eq!(written, ["a=1", "b=\"x\\\"y\"", "c={\"k\":[null]}"]);
        assert!(read_spooled("[{}]", &mut pairs).is_err());
        assert!(read_spooled("[{},[\"1\"]]", &mut pairs).is_err());
    }

    #[test]
    fn what_is_not_one_object_gets_serde_jsons_message() {
        let mut pairs = Pairs::new();
        let message = |text| read_pairs(text, &mut Pairs::new()).unwrap_err().to_string();
        assert_eq!(message("[1]"), "invalid type: sequence, expected an object of keys and values at line 1 column 0");
        assert_eq!(
            message("\"x\""),
            "invalid type: string \"x\", expected an object of keys and values at line 1 column 3"
        );
        assert_eq!(message("{\"a\":1} x"), "trailing characters at line 1 column 9");
        assert_eq!(message("{\"a\":tru}"), "expected ident at line 1 column 9");
        assert!(read_pairs("{\"a\":1}", &mut pairs).is_ok());
    }
}
