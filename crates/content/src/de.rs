//! Deserializing from the position tree ([`Node`]): the precise path, taken when the fast one
//! fails, and always for YAML.
//!
//! The error type keeps what serde reports as data (the unknown field and the names it could
//! have been, the missing field, the type found and the type expected) together with the key
//! path, collected step by step as the error leaves each map and list, and the position of the
//! node or key where it arose. So a diagnostic never has to be read back out of a message.
//!
//! Unknown fields do not stop the reading: [`read`] sets every one aside and reads on, so a
//! file's unknown fields are all reported at once, and a catalog written for a newer minor
//! format version loads without them.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::de::DeserializeOwned;
use serde::de::value::BorrowedStrDeserializer;
use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, Expected, MapAccess, SeqAccess, Unexpected, VariantAccess, Visitor,
};
use serde::forward_to_deserialize_any;
use smartlib_core::suggest::nearest_str;
use smartlib_core::{Echo, Path, Segment};

use crate::error::{ErrorKind, MAX_DIAGNOSTICS, Position};
use crate::tree::{Entry, Kind, Node, Scalar};

/// Why a tree did not deserialize, and where.
#[derive(Debug)]
pub(crate) struct Error {
    problem: Problem,
    position: Option<Position>,
    /// The key path, innermost step first (it grows as the error travels outwards).
    steps: Vec<Segment>,
}

/// What serde reported, as data.
#[derive(Debug)]
enum Problem {
    UnknownField { field: String, expected: &'static [&'static str] },
    UnknownVariant { variant: String, expected: &'static [&'static str] },
    MissingField(&'static str),
    DuplicateField(&'static str),
    WrongType { found: String, expected: String },
    InvalidValue { found: String, expected: String },
    InvalidLength { length: usize, expected: String },
    Custom(String),
}

impl Error {
    fn new(problem: Problem) -> Error {
        Error { problem, position: None, steps: Vec::new() }
    }

    /// Places the error at `position` unless a node further in already did.
    fn at(mut self, position: Position) -> Error {
        self.position.get_or_insert(position);
        self
    }

    /// Records that the error arose inside `segment`.
    fn within(mut self, segment: Segment) -> Error {
        self.steps.push(segment);
        self
    }

    fn within_key(self, key: &str) -> Error {
        self.within(Segment::Key(Cow::Owned(key.to_owned())))
    }

    /// Where the error arose: the offending value, or the key of an unknown or repeated field.
    pub(crate) fn position(&self) -> Option<Position> {
        self.position
    }

    /// The key path from the document to the offending value or key.
    pub(crate) fn path(&self) -> Path {
        self.steps.iter().rev().cloned().collect()
    }

    pub(crate) fn kind(&self) -> ErrorKind {
        match self.problem {
            Problem::UnknownField { .. } => ErrorKind::UnknownField,
            Problem::UnknownVariant { .. } | Problem::InvalidValue { .. } => ErrorKind::InvalidValue,
            Problem::MissingField(_) => ErrorKind::MissingField,
            Problem::DuplicateField(_) => ErrorKind::Duplicate,
            Problem::WrongType { .. } | Problem::InvalidLength { .. } | Problem::Custom(_) => ErrorKind::WrongType,
        }
    }

    /// The name at fault and the nearest valid one: an unknown field's or value's.
    pub(crate) fn about(&self) -> Option<(&str, Option<String>)> {
        match &self.problem {
            Problem::UnknownField { field: name, expected } | Problem::UnknownVariant { variant: name, expected } => {
                Some((name, nearest_str(name, expected.iter().copied()).map(str::to_owned)))
            }
            _ => None,
        }
    }

    /// A value of the wrong type, found by this deserializer rather than by a visitor.
    fn wrong_type(found: String, expected: &dyn Expected) -> Error {
        Error::new(Problem::WrongType { found, expected: expected.to_string() })
    }
}

/// Unknown names get the nearest valid one.
struct DidYouMean<'a>(&'a str, &'static [&'static str]);

impl fmt::Display for DidYouMean<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match nearest_str(self.0, self.1.iter().copied()) {
            Some(name) => write!(f, " (did you mean \"{}\"?)", Echo(name)),
            None => Ok(()),
        }
    }
}

impl Error {
    /// The message without a "did you mean": for a document that seems to be of another kind
    /// altogether, the nearest name of this kind only misleads.
    pub(crate) fn message_without_suggestion(&self) -> String {
        match &self.problem {
            Problem::UnknownField { field, .. } => format!("unknown field \"{}\"", Echo(field)),
            _ => self.to_string(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.problem {
            Problem::UnknownField { field, expected } => {
                write!(f, "unknown field \"{}\"{}", Echo(field), DidYouMean(field, expected))
            }
            Problem::UnknownVariant { variant, expected } => write!(
                f,
                "unknown value \"{}\" (expected one of: {}){}",
                Echo(variant),
                expected.join(", "),
                DidYouMean(variant, expected)
            ),
            Problem::MissingField(field) => write!(f, "missing field \"{field}\""),
            Problem::DuplicateField(field) => write!(f, "duplicate field \"{field}\""),
            Problem::WrongType { found, expected } => write!(f, "invalid type: {found}, expected {expected}"),
            Problem::InvalidValue { found, expected } => write!(f, "invalid value: {found}, expected {expected}"),
            Problem::InvalidLength { length, expected } => write!(f, "invalid length {length}, expected {expected}"),
            Problem::Custom(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {}

/// What a value is, for messages: serde's words, except that a missing value is `null` as in
/// the files rather than serde's `unit value`, and text is echoed escaped and cut.
fn found(unexpected: &Unexpected<'_>) -> String {
    match unexpected {
        Unexpected::Unit => "null".to_owned(),
        Unexpected::Str(text) => format!("string \"{}\"", Echo(text)),
        other => other.to_string(),
    }
}

impl de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Error {
        Error::new(Problem::Custom(message.to_string()))
    }

    fn invalid_type(unexpected: Unexpected<'_>, expected: &dyn Expected) -> Error {
        Error::wrong_type(found(&unexpected), expected)
    }

    fn invalid_value(unexpected: Unexpected<'_>, expected: &dyn Expected) -> Error {
        Error::new(Problem::InvalidValue { found: found(&unexpected), expected: expected.to_string() })
    }

    fn invalid_length(length: usize, expected: &dyn Expected) -> Error {
        Error::new(Problem::InvalidLength { length, expected: expected.to_string() })
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Error {
        Error::new(Problem::UnknownVariant { variant: variant.to_owned(), expected })
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Error {
        Error::new(Problem::UnknownField { field: field.to_owned(), expected })
    }

    fn missing_field(field: &'static str) -> Error {
        Error::new(Problem::MissingField(field))
    }

    fn duplicate_field(field: &'static str) -> Error {
        Error::new(Problem::DuplicateField(field))
    }
}

impl Node {
    /// What the node holds, for messages.
    fn found(&self) -> String {
        match &self.kind {
            Kind::Map(_) => found(&Unexpected::Map),
            Kind::List(_) => found(&Unexpected::Seq),
            Kind::Scalar(Scalar::Null) => found(&Unexpected::Unit),
            Kind::Scalar(Scalar::Bool(flag)) => found(&Unexpected::Bool(*flag)),
            Kind::Scalar(Scalar::Integer(number)) => format!("integer `{number}`"),
            Kind::Scalar(Scalar::Float(number)) => found(&Unexpected::Float(*number)),
            Kind::Scalar(Scalar::String(text)) => found(&Unexpected::Str(text)),
            Kind::Scalar(Scalar::Datetime(text)) => format!("date-time `{text}`"),
        }
    }
}

/// A scalar, offered to the visitor as the type it has.
fn visit_scalar<'de, V: Visitor<'de>>(scalar: &'de Scalar, visitor: V) -> Result<V::Value, Error> {
    match scalar {
        Scalar::Null => visitor.visit_unit(),
        Scalar::Bool(flag) => visitor.visit_bool(*flag),
        Scalar::Integer(number) => match (i64::try_from(*number), u64::try_from(*number)) {
            (Ok(number), _) => visitor.visit_i64(number),
            (_, Ok(number)) => visitor.visit_u64(number),
            _ => visitor.visit_i128(*number),
        },
        Scalar::Float(number) => visitor.visit_f64(*number),
        Scalar::String(text) => visitor.visit_borrowed_str(text),
        // No visitor here reads dates: they are values of their own, never text.
        Scalar::Datetime(text) => Err(Error::wrong_type(format!("date-time `{text}`"), &visitor)),
    }
}

/// An unknown field that [`read`] set aside: where it is, and the fields its table has.
#[derive(Debug)]
pub(crate) struct Unknown {
    pub(crate) field: String,
    /// The position of its key.
    pub(crate) position: Position,
    /// The key path from the document to it, its own name last.
    pub(crate) path: Path,
    /// The fields its table has, for "did you mean".
    pub(crate) expected: &'static [&'static str],
}

impl Unknown {
    /// The nearest field the table has.
    pub(crate) fn suggestion(&self) -> Option<String> {
        nearest_str(&self.field, self.expected.iter().copied()).map(str::to_owned)
    }

    /// `unknown field "x" (did you mean "y"?)`, as an unknown field that stops a reading says it.
    pub(crate) fn message(&self, suggest: bool) -> String {
        let problem = Problem::UnknownField { field: self.field.clone(), expected: self.expected };
        let error = Error::new(problem);
        if suggest { error.to_string() } else { error.message_without_suggestion() }
    }
}

/// How many tables read without their field list (links and needs written as tables) one
/// reading learns the fields of before it gives up. A catalog has four such places
/// (`builds_on` items and the three needs); the cap only bounds the loop.
const MOST_LEARNED: usize = 16;

/// The unknown fields of a reading: the first [`MAX_DIAGNOSTICS`] in document order, in detail,
/// and how many more there were. Only so many can be reported, so only they get their paths.
#[derive(Debug, Default)]
pub(crate) struct UnknownFields {
    pub(crate) listed: Vec<Unknown>,
    pub(crate) more: usize,
}

/// Deserializes a tree, setting every unknown field aside instead of failing on the first.
/// Returns the value (or the first error of another kind) and the unknown fields.
///
/// A struct says which fields it has when it asks for a map, and the reader skips the others.
/// A table read through `deserialize_any` (a link or a need, which may also be plain text) does
/// not: its first unknown field fails the reading, with the list of fields it has. The reading
/// then starts again, skipping unknown fields in every table at that place in the document
/// (lists hold one type, so `programs[3].builds_on[0]` stands for every `builds_on` item).
pub(crate) fn read<T: DeserializeOwned>(tree: &Node) -> (Result<T, Error>, UnknownFields) {
    let mut fields_of: HashMap<*const Node, &'static [&'static str]> = HashMap::new();
    let mut learned = 0;
    loop {
        let aside = SetAside { fields_of: &fields_of, found: RefCell::new(Vec::new()) };
        let result = T::deserialize(Reader { node: tree, aside: Some(&aside) });
        let found = aside.found.into_inner();
        if let Err(Error { problem: Problem::UnknownField { expected, .. }, .. }) = &result {
            let expected = *expected;
            let path = result.as_ref().err().map(Error::path).unwrap_or_default();
            let table = path.segments().split_last().map_or(&[][..], |(_, table)| table);
            let mut tables = Vec::new();
            nodes_at(tree, table, &mut tables);
            let before = fields_of.len();
            fields_of.extend(tables.into_iter().map(|node| (node as *const Node, expected)));
            learned += 1;
            if fields_of.len() > before && learned <= MOST_LEARNED {
                continue;
            }
        }
        return (result, unknown_fields(tree, found));
    }
}

/// The maps at `pattern`, where an index stands for every item of its list.
fn nodes_at<'t>(node: &'t Node, pattern: &[Segment], found: &mut Vec<&'t Node>) {
    let Some((first, rest)) = pattern.split_first() else {
        if matches!(node.kind, Kind::Map(_)) {
            found.push(node);
        }
        return;
    };
    match (&node.kind, first) {
        (Kind::Map(entries), Segment::Key(key) | Segment::Column(key)) => {
            for entry in entries.iter().filter(|entry| entry.key == *key) {
                nodes_at(&entry.value, rest, found);
            }
        }
        (Kind::List(items), Segment::Index(_)) => items.iter().for_each(|item| nodes_at(item, rest, found)),
        _ => {}
    }
}

/// The entries set aside, once each, in document order; the first [`MAX_DIAGNOSTICS`] with their
/// key paths.
fn unknown_fields(tree: &Node, mut found: Vec<(&Entry, &'static [&'static str])>) -> UnknownFields {
    if found.is_empty() {
        return UnknownFields::default();
    }
    found.sort_by_key(|(entry, _)| entry.key_position);
    found.dedup_by_key(|(entry, _)| *entry as *const Entry);
    let more = found.len().saturating_sub(MAX_DIAGNOSTICS);
    found.truncate(MAX_DIAGNOSTICS);
    let wanted: HashSet<*const Entry> = found.iter().map(|(entry, _)| *entry as *const Entry).collect();
    let mut paths = HashMap::with_capacity(wanted.len());
    paths_to(tree, &wanted, &mut Vec::new(), &mut paths);
    let listed = found
        .into_iter()
        .map(|(entry, expected)| Unknown {
            field: entry.key.clone(),
            position: entry.key_position,
            path: paths.remove(&(entry as *const Entry)).unwrap_or_default(),
            expected,
        })
        .collect();
    UnknownFields { listed, more }
}

/// One step of a walk through the tree, borrowed from it: owned only for the paths kept.
#[derive(Clone, Copy)]
enum Step<'t> {
    Key(&'t str),
    Index(usize),
}

/// Records the key path of each wanted entry. The tree is at most [`crate::tree::MAX_DEPTH`]
/// deep, so the recursion is bounded.
fn paths_to<'t>(
    node: &'t Node,
    wanted: &HashSet<*const Entry>,
    at: &mut Vec<Step<'t>>,
    paths: &mut HashMap<*const Entry, Path>,
) {
    match &node.kind {
        Kind::Map(entries) => {
            for entry in entries {
                at.push(Step::Key(&entry.key));
                if paths.len() == wanted.len() {
                    return;
                }
                if wanted.contains(&(entry as *const Entry)) {
                    let path = at.iter().map(|step| match *step {
                        Step::Key(key) => Segment::Key(Cow::Owned(key.to_owned())),
                        Step::Index(index) => Segment::Index(index),
                    });
                    paths.insert(entry as *const Entry, path.collect());
                }
                paths_to(&entry.value, wanted, at, paths);
                at.pop();
            }
        }
        Kind::List(items) => {
            for (index, item) in items.iter().enumerate() {
                at.push(Step::Index(index));
                paths_to(item, wanted, at, paths);
                at.pop();
            }
        }
        Kind::Scalar(_) => {}
    }
}

/// What one reading of [`read`] skips and what it has skipped.
struct SetAside<'r, 't> {
    /// Tables read without a field list, with the fields an earlier reading learned.
    fields_of: &'r HashMap<*const Node, &'static [&'static str]>,
    /// The entries skipped, with the fields of their tables.
    found: RefCell<Vec<(&'t Entry, &'static [&'static str])>>,
}

/// A node of the tree, read as serde asks; with `aside`, unknown fields are skipped and kept.
#[derive(Clone, Copy)]
pub(crate) struct Reader<'r, 't> {
    node: &'t Node,
    aside: Option<&'r SetAside<'r, 't>>,
}

impl<'t> Reader<'_, 't> {
    /// A node read strictly: the first unknown field is an error.
    #[cfg(test)]
    pub(crate) fn strict(node: &'t Node) -> Reader<'t, 't> {
        Reader { node, aside: None }
    }

    /// Another node, read the same way.
    fn at(self, node: &'t Node) -> Self {
        Reader { node, aside: self.aside }
    }
}

impl<'de> Deserializer<'de> for Reader<'_, 'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match &self.node.kind {
            Kind::Map(entries) => {
                let fields = self.aside.and_then(|aside| aside.fields_of.get(&(self.node as *const Node)).copied());
                visit_map(self, entries, fields, visitor)
            }
            Kind::List(items) => visit_seq(self, items, visitor),
            Kind::Scalar(scalar) => visit_scalar(scalar, visitor),
        };
        result.map_err(|error| error.at(self.node.position))
    }

    /// A struct names its fields: with `aside`, the others are skipped.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match (&self.node.kind, self.aside) {
            (Kind::Map(entries), Some(_)) => {
                visit_map(self, entries, Some(fields), visitor).map_err(|error| error.at(self.node.position))
            }
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match &self.node.kind {
            Kind::Scalar(Scalar::Null) => visitor.visit_none(),
            _ => visitor.visit_some(self),
        };
        result.map_err(|error| error.at(self.node.position))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self).map_err(|error| error.at(self.node.position))
    }

    /// An enum is its variant's name, or a map of one entry from the name to its content.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let result = match &self.node.kind {
            Kind::Scalar(Scalar::String(name)) => visitor.visit_enum(BorrowedStrDeserializer::new(name)),
            Kind::Map(entries) if entries.len() == 1 => visitor.visit_enum(Variant(self, &entries[0])),
            _ => Err(Error::wrong_type(self.node.found(), &format!("one of: {}", variants.join(", ")).as_str())),
        };
        result.map_err(|error| error.at(self.node.position))
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct seq tuple tuple_struct map identifier
    }
}

fn visit_map<'de, V: Visitor<'de>>(
    reader: Reader<'_, 'de>,
    entries: &'de [Entry],
    fields: Option<&'static [&'static str]>,
    visitor: V,
) -> Result<V::Value, Error> {
    let mut access = Entries { reader, fields, rest: entries.iter(), current: None, read: 0 };
    let value = visitor.visit_map(&mut access).map_err(|error| access.blame(error))?;
    match access.rest.len() {
        0 => Ok(value),
        left => Err(de::Error::invalid_length(access.read + left, &format!("{} entries", access.read).as_str())),
    }
}

fn visit_seq<'de, V: Visitor<'de>>(reader: Reader<'_, 'de>, items: &'de [Node], visitor: V) -> Result<V::Value, Error> {
    let mut access = Items { reader, rest: items.iter(), read: 0 };
    let value = visitor.visit_seq(&mut access)?;
    match access.rest.len() {
        0 => Ok(value),
        left => Err(de::Error::invalid_length(access.read + left, &format!("{} items", access.read).as_str())),
    }
}

struct Entries<'r, 'de> {
    reader: Reader<'r, 'de>,
    /// The fields the table has, when known and unknown ones are to be skipped.
    fields: Option<&'static [&'static str]>,
    rest: std::slice::Iter<'de, Entry>,
    /// The entry whose key was read last.
    current: Option<&'de Entry>,
    read: usize,
}

impl Entries<'_, '_> {
    /// A field given twice is reported by the visitor once it has the second key: point there.
    fn blame(&self, error: Error) -> Error {
        match (&error.problem, self.current) {
            (Problem::DuplicateField(_), Some(entry)) if error.position.is_none() => {
                error.at(entry.key_position).within_key(&entry.key)
            }
            _ => error,
        }
    }
}

impl<'de> MapAccess<'de> for Entries<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        let entry = loop {
            let Some(entry) = self.rest.next() else { return Ok(None) };
            match (self.fields, self.reader.aside) {
                (Some(fields), Some(aside)) if !fields.contains(&entry.key.as_str()) => {
                    aside.found.borrow_mut().push((entry, fields));
                }
                _ => break entry,
            }
        };
        self.current = Some(entry);
        self.read += 1;
        seed.deserialize(BorrowedStrDeserializer::new(&entry.key))
            .map(Some)
            .map_err(|error: Error| error.at(entry.key_position).within_key(&entry.key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let entry = self.current.ok_or_else(|| de::Error::custom("a map value was read before its key"))?;
        seed.deserialize(self.reader.at(&entry.value)).map_err(|error| error.within_key(&entry.key))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.rest.len())
    }
}

struct Items<'r, 'de> {
    reader: Reader<'r, 'de>,
    rest: std::slice::Iter<'de, Node>,
    read: usize,
}

impl<'de> SeqAccess<'de> for Items<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        let Some(item) = self.rest.next() else { return Ok(None) };
        let index = self.read;
        self.read += 1;
        seed.deserialize(self.reader.at(item)).map(Some).map_err(|error| error.within(Segment::Index(index)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.rest.len())
    }
}

/// An enum written as a map of one entry: `{ variant = content }`.
struct Variant<'r, 'de>(Reader<'r, 'de>, &'de Entry);

impl<'r, 'de> EnumAccess<'de> for Variant<'r, 'de> {
    type Error = Error;
    type Variant = Variant<'r, 'de>;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Variant<'r, 'de>), Error> {
        let entry = self.1;
        let name = seed
            .deserialize(BorrowedStrDeserializer::new(&entry.key))
            .map_err(|error: Error| error.at(entry.key_position).within_key(&entry.key))?;
        Ok((name, self))
    }
}

impl<'de> VariantAccess<'de> for Variant<'_, 'de> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        let Variant(reader, entry) = self;
        serde::Deserialize::deserialize(reader.at(&entry.value)).map_err(|error: Error| error.within_key(&entry.key))
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        let Variant(reader, entry) = self;
        seed.deserialize(reader.at(&entry.value)).map_err(|error| error.within_key(&entry.key))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        let Variant(reader, entry) = self;
        reader.at(&entry.value).deserialize_seq(visitor).map_err(|error| error.within_key(&entry.key))
    }

    fn struct_variant<V: Visitor<'de>>(self, fields: &'static [&'static str], visitor: V) -> Result<V::Value, Error> {
        let Variant(reader, entry) = self;
        reader.at(&entry.value).deserialize_struct("", fields, visitor).map_err(|error| error.within_key(&entry.key))
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use smartlib_core::{Policy, Profile};

    use super::*;
    use crate::tree;

    /// The error as `[kind] line:column: path: message`.
    fn described(error: &Error) -> String {
        let Position { line, column } = error.position().expect("placed");
        format!("[{}] {line}:{column}: {}: {error}", error.kind(), error.path())
    }

    fn policy(toml: &str) -> Result<Policy, String> {
        Policy::deserialize(Reader::strict(&tree::toml(toml).expect("valid TOML"))).map_err(|error| described(&error))
    }

    fn profile(json: &str) -> Result<Profile, String> {
        Profile::deserialize(Reader::strict(&tree::json(json).expect("valid JSON"))).map_err(|error| described(&error))
    }

    #[test]
    fn scalars_reach_the_types_that_take_them() {
        let read = policy("recommendations = 5\nestablished_share = 1\ncount_piloting = true\n").expect("fits");
        assert_eq!((read.recommendations, read.established_share, read.count_piloting), (5, 1.0, true));
        assert_eq!(
            policy("established_share = \"most\"\n").expect_err("text"),
            "[wrong-type] 1:21: established_share: invalid type: string \"most\", expected f64"
        );
        assert_eq!(
            policy("recommendations = -1\n").expect_err("negative"),
            "[invalid-value] 1:19: recommendations: invalid value: integer `-1`, expected usize"
        );
        assert_eq!(
            policy("recommendations = 1979-05-27\n").expect_err("a date"),
            "[wrong-type] 1:19: recommendations: invalid type: date-time `1979-05-27`, expected usize"
        );
        assert_eq!(
            policy("[weights]\ngoal = [1]\n").expect_err("a list"),
            "[wrong-type] 2:8: weights.goal: invalid type: sequence, expected f64"
        );
    }

    #[test]
    fn fields_are_named_and_placed_at_their_keys() {
        assert_eq!(
            profile("{\"offers\": [],\n \"ofers\": []}").expect_err("typo"),
            "[unknown-field] 2:2: ofers: unknown field \"ofers\" (did you mean \"offers\"?)"
        );
        assert_eq!(
            profile("{\"offers\": [],\n \"offers\": []}").expect_err("twice"),
            "[duplicate] 2:2: offers: duplicate field \"offers\""
        );
        assert_eq!(
            profile("{\"offers\": [\"a\", null]}").expect_err("null"),
            "[wrong-type] 1:18: offers[1]: invalid type: null, expected a string"
        );
        assert!(profile("{\"name\": null}").is_ok(), "null is no name");
    }

    #[test]
    fn enums_name_their_values() {
        assert_eq!(
            profile("{\"constraints\": {\"budget\": \"meduim\"}}").expect_err("typo"),
            "[invalid-value] 1:28: constraints.budget: unknown value \"meduim\" (expected one of: low, medium, high) \
             (did you mean \"medium\"?)"
        );
        assert_eq!(
            profile("{\"constraints\": {\"budget\": 5}}").expect_err("a number"),
            "[wrong-type] 1:28: constraints.budget: invalid type: integer `5`, expected one of: low, medium, high"
        );
        let read = profile("{\"constraints\": {\"budget\": \"low\"}}").expect("valid");
        assert_eq!(read.constraints.budget, Some(smartlib_core::Scale::Low));
    }

    #[test]
    fn missing_fields_are_placed_at_their_map() {
        let tree = tree::yaml("name: Tiny\nversion: '1'\nstart_message: Go.\ntiers: []\nprograms:\n  - id: p\n")
            .expect("valid");
        let error = smartlib_core::CatalogData::deserialize(Reader::strict(&tree)).expect_err("incomplete program");
        assert_eq!(described(&error), "[missing-field] 6:5: programs[0]: missing field \"name\"");
    }

    #[test]
    fn the_tree_reads_the_default_catalog_as_the_fast_path_does() {
        let data = crate::default_catalog().data().clone();
        let json = crate::export_catalog(&data, crate::Format::Json).expect("json");
        let toml = crate::export_catalog(&data, crate::Format::Toml).expect("toml");
        for tree in [tree::json(&json), tree::toml(&toml)] {
            let read = smartlib_core::CatalogData::deserialize(Reader::strict(&tree.expect("valid"))).expect("fits");
            assert_eq!(read, data);
        }
    }
}
