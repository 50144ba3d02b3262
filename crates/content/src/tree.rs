//! Where things are in a document: a tree of positions built from TOML, JSON or YAML text,
//! which turns a key path such as `programs[3].builds_on[1]` into a line and column.
//!
//! TOML and JSON are deserialized straight from text; their trees are built only when an error
//! needs a position. YAML is always read through this tree (with aliases refused and nesting
//! capped), and the tree's scalars become the `serde_json::Value` that is deserialized.

use std::borrow::Cow;

use jsonc_parser::ast;
use saphyr_parser::{Event, Parser, ScalarStyle, Span};
use serde_json::Value;
use smartlib_core::Segment;

use crate::error::Position;

/// Deeper than any catalog or profile needs (they nest four levels), shallow enough that no
/// recursive walk can exhaust the stack.
pub(crate) const MAX_DEPTH: usize = 64;

#[derive(Debug)]
pub(crate) struct Node {
    pub(crate) position: Position,
    pub(crate) kind: Kind,
}

#[derive(Debug)]
pub(crate) enum Kind {
    Map(Vec<Entry>),
    List(Vec<Node>),
    /// The scalar's value (YAML); `Null` in trees built only for positions.
    Scalar(Value),
}

#[derive(Debug)]
pub(crate) struct Entry {
    pub(crate) key: String,
    pub(crate) key_position: Position,
    pub(crate) value: Node,
}

impl Node {
    /// The node one step down, if there is one.
    fn step(&self, segment: &Segment) -> Option<&Node> {
        match (&self.kind, segment) {
            (Kind::Map(entries), Segment::Key(key) | Segment::Column(key)) => {
                entries.iter().find(|e| e.key == *key).map(|e| &e.value)
            }
            (Kind::List(items), Segment::Index(index)) => items.get(*index),
            _ => None,
        }
    }

    /// The position of the value at `path`, or of the deepest node on the way there.
    pub(crate) fn locate(&self, path: &[Segment]) -> Position {
        let mut node = self;
        for segment in path {
            match node.step(segment) {
                Some(next) => node = next,
                None => break,
            }
        }
        node.position
    }

    /// The position of the key `key` in the map at `path` (for unknown fields).
    pub(crate) fn locate_key(&self, path: &[Segment], key: &str) -> Option<Position> {
        let node = path.iter().try_fold(self, |node, segment| node.step(segment))?;
        match &node.kind {
            Kind::Map(entries) => entries.iter().find(|e| e.key == key).map(|e| e.key_position),
            _ => None,
        }
    }

    /// The document as a JSON value (YAML trees; depth is capped, so recursion is safe).
    pub(crate) fn into_value(self) -> Value {
        match self.kind {
            Kind::Scalar(value) => value,
            Kind::List(items) => Value::Array(items.into_iter().map(Node::into_value).collect()),
            Kind::Map(entries) => Value::Object(entries.into_iter().map(|e| (e.key, e.value.into_value())).collect()),
        }
    }
}

/// Byte offsets to line and column.
pub(crate) struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(text: &'a str) -> Lines<'a> {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Lines { text, starts }
    }

    pub(crate) fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&start| start <= offset).max(1);
        let start = self.starts[line - 1];
        let column = self.text.get(start..offset).map_or(offset - start, |prefix| prefix.chars().count()) + 1;
        Position { line, column }
    }
}

/// A position tree for TOML text that already parsed (toml caps its own nesting).
pub(crate) fn toml(text: &str) -> Option<Node> {
    let lines = Lines::new(text);
    let root = toml::de::DeTable::parse(text).ok()?;
    Some(Node { position: Position { line: 1, column: 1 }, kind: toml_table(&lines, root.get_ref()) })
}

fn toml_table(lines: &Lines<'_>, table: &toml::de::DeTable<'_>) -> Kind {
    Kind::Map(
        table
            .iter()
            .map(|(key, value)| Entry {
                key: key.get_ref().to_string(),
                key_position: lines.position(key.span().start),
                value: toml_value(lines, value),
            })
            .collect(),
    )
}

fn toml_value(lines: &Lines<'_>, item: &toml::Spanned<toml::de::DeValue<'_>>) -> Node {
    use toml::de::DeValue;
    let kind = match item.get_ref() {
        DeValue::Table(table) => toml_table(lines, table),
        DeValue::Array(items) => Kind::List(items.iter().map(|value| toml_value(lines, value)).collect()),
        _ => Kind::Scalar(Value::Null),
    };
    Node { position: lines.position(item.span().start), kind }
}

/// A position tree for JSON text that already parsed (serde_json capped its depth at 128).
pub(crate) fn json(text: &str) -> Option<Node> {
    fn node(lines: &Lines<'_>, value: &ast::Value<'_>) -> Node {
        use jsonc_parser::common::Ranged;
        let position = lines.position(value.range().start);
        let kind = match value {
            ast::Value::Object(object) => Kind::Map(
                object
                    .properties
                    .iter()
                    .map(|property| Entry {
                        key: property.name.as_str().to_owned(),
                        key_position: lines.position(property.range.start),
                        value: node(lines, &property.value),
                    })
                    .collect(),
            ),
            ast::Value::Array(array) => Kind::List(array.elements.iter().map(|item| node(lines, item)).collect()),
            _ => Kind::Scalar(Value::Null),
        };
        Node { position, kind }
    }
    if json_depth(text) > MAX_DEPTH {
        return None; // serde_json already refused it or read past it; no position tree needed
    }
    let parsed = jsonc_parser::parse_to_ast(text, &Default::default(), &Default::default()).ok()?;
    Some(node(&Lines::new(text), parsed.value.as_ref()?))
}

/// How deep `[` and `{` nest in JSON text, outside strings.
fn json_depth(text: &str) -> usize {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for byte in text.bytes() {
        match (in_string, escaped, byte) {
            (true, true, _) => escaped = false,
            (true, false, b'\\') => escaped = true,
            (true, false, b'"') => in_string = false,
            (true, false, _) => {}
            (false, _, b'"') => in_string = true,
            (false, _, b'[' | b'{') => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            (false, _, b']' | b'}') => depth = depth.saturating_sub(1),
            (false, _, _) => {}
        }
    }
    deepest
}

/// Parses YAML into a tree with values: one document, no aliases, at most [`MAX_DEPTH`] deep.
pub(crate) fn yaml(text: &str) -> Result<Node, (Position, String)> {
    enum Open {
        List(Position, Vec<Node>),
        Map(Position, Vec<Entry>, Option<(String, Position)>),
    }
    let start = |span: &Span| Position { line: span.start.line(), column: span.start.col() + 1 };
    let mut stack: Vec<Open> = Vec::new();
    let mut root: Option<Node> = None;
    let mut documents = 0;

    // Places a finished node in its parent, or makes it the root.
    let place = |stack: &mut Vec<Open>, root: &mut Option<Node>, node: Node| -> Result<(), (Position, String)> {
        match stack.last_mut() {
            None => *root = Some(node),
            Some(Open::List(_, items)) => items.push(node),
            Some(Open::Map(_, entries, key)) => match key.take() {
                Some((key, key_position)) => {
                    if entries.iter().any(|e| e.key == key) {
                        return Err((key_position, format!("duplicate key \"{key}\"")));
                    }
                    entries.push(Entry { key, key_position, value: node });
                }
                None => return Err((node.position, "mapping keys must be plain text".to_owned())),
            },
        }
        Ok(())
    };

    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|error| {
            let marker = error.marker();
            (Position { line: marker.line(), column: marker.col() + 1 }, error.info().to_owned())
        })?;
        let position = start(&span);
        match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err((position, "expected a single YAML document".to_owned()));
                }
            }
            Event::Alias(_) => return Err((position, "YAML aliases are not supported".to_owned())),
            Event::Scalar(raw, style, _, tag) => {
                // A scalar where a map expects a key is the key, as written.
                if let Some(Open::Map(_, _, key @ None)) = stack.last_mut() {
                    *key = Some((raw.into_owned(), position));
                    continue;
                }
                let value = scalar(raw, style, tag.as_ref());
                place(&mut stack, &mut root, Node { position, kind: Kind::Scalar(value) })?;
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if stack.len() >= MAX_DEPTH {
                    return Err((position, format!("nested more than {MAX_DEPTH} levels deep")));
                }
                if let Some(Open::Map(_, _, None)) = stack.last() {
                    return Err((position, "mapping keys must be plain text".to_owned()));
                }
                stack.push(if matches!(event, Event::SequenceStart(..)) {
                    Open::List(position, Vec::new())
                } else {
                    Open::Map(position, Vec::new(), None)
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let node = match stack.pop() {
                    Some(Open::List(position, items)) => Node { position, kind: Kind::List(items) },
                    Some(Open::Map(position, entries, _)) => Node { position, kind: Kind::Map(entries) },
                    None => return Err((position, "unbalanced YAML structure".to_owned())),
                };
                place(&mut stack, &mut root, node)?;
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
        }
    }
    Ok(root.unwrap_or(Node { position: Position { line: 1, column: 1 }, kind: Kind::Scalar(Value::Null) }))
}

/// A YAML scalar read by the YAML 1.2 core schema (quoted text stays text).
fn scalar(raw: Cow<'_, str>, style: ScalarStyle, tag: Option<&Cow<'_, saphyr_parser::Tag>>) -> Value {
    use saphyr::Scalar;
    match Scalar::parse_from_cow_and_metadata(raw.clone(), style, tag) {
        Some(Scalar::Null) => Value::Null,
        Some(Scalar::Boolean(flag)) => Value::Bool(flag),
        Some(Scalar::Integer(number)) => Value::from(number),
        Some(Scalar::FloatingPoint(number)) => serde_json::Number::from_f64(number.into_inner())
            .map_or_else(|| Value::String(raw.into_owned()), Value::Number),
        Some(Scalar::String(text)) => Value::String(text.into_owned()),
        None => Value::String(raw.into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, column: usize) -> Position {
        Position { line, column }
    }

    fn path(text: &str) -> Vec<Segment> {
        text.split('.')
            .flat_map(|part| {
                let (key, rest) = part.split_once('[').unwrap_or((part, ""));
                let index = rest.trim_end_matches(']').parse().ok().map(Segment::Index);
                std::iter::once(Segment::Key(key.to_owned().into())).chain(index)
            })
            .collect()
    }

    #[test]
    fn lines_count_characters_not_bytes() {
        let lines = Lines::new("ab\né = 1\n");
        assert_eq!(lines.position(0), at(1, 1));
        assert_eq!(lines.position(3), at(2, 1));
        assert_eq!(lines.position(6), at(2, 3), "é is two bytes, one column");
        assert_eq!(lines.position(999), at(3, 1));
    }

    #[test]
    fn the_three_formats_locate_the_same_path() {
        let toml_text = "name = \"x\"\n\n[[programs]]\nid = \"a\"\nbuilds_on = [\"b\", \"c\"]\n";
        let json_text =
            "{\n  \"name\": \"x\",\n  \"programs\": [\n    { \"id\": \"a\", \"builds_on\": [\"b\", \"c\"] }\n  ]\n}";
        let yaml_text = "name: x\nprograms:\n  - id: a\n    builds_on: [b, c]\n";
        let wanted = path("programs[0].builds_on[1]");
        assert_eq!(toml(toml_text).expect("valid").locate(&wanted), at(5, 19));
        assert_eq!(json(json_text).expect("valid").locate(&wanted), at(4, 37));
        assert_eq!(yaml(yaml_text).expect("valid").locate(&wanted), at(4, 20));
        // A path that goes nowhere stops at the deepest node found.
        assert_eq!(yaml(yaml_text).expect("valid").locate(&path("programs[0].roles")), at(3, 5));
        let tree = json(json_text).expect("valid");
        assert_eq!(tree.locate_key(&path("programs[0]"), "builds_on"), Some(at(4, 18)));
    }

    #[test]
    fn json_depth_ignores_brackets_in_strings() {
        assert_eq!(json_depth(r#"{"a": [1, {"b": "[[[\"{"}]}"#), 3);
        assert_eq!(json_depth("[]"), 1);
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        assert!(json(&deep).is_none(), "too deep for a position tree");
    }

    #[test]
    fn yaml_values_follow_the_core_schema() {
        let tree = yaml("a: 1\nb: 0.5\nc: true\nd: ~\ne: '1'\nf: [x, 2]\n").expect("valid");
        assert_eq!(
            tree.into_value(),
            serde_json::json!({"a": 1, "b": 0.5, "c": true, "d": null, "e": "1", "f": ["x", 2]})
        );
    }

    #[test]
    fn yaml_refuses_what_catalogs_never_need() {
        assert_eq!(yaml("a: &x 1\nb: *x\n").expect_err("alias").1, "YAML aliases are not supported");
        assert_eq!(yaml("a: 1\na: 2\n").expect_err("dup").1, "duplicate key \"a\"");
        assert_eq!(yaml("---\na: 1\n---\nb: 2\n").expect_err("two docs").1, "expected a single YAML document");
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert!(yaml(&deep).is_err());
        let (position, _) = yaml("a: [1, 2\n").expect_err("syntax");
        assert_eq!(position.line, 2);
    }
}
