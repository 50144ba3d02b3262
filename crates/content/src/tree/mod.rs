//! Where things are in a document, and what they hold: a tree of positioned values built from
//! TOML, JSON or YAML text, which turns a key path such as `programs[3].builds_on[1]` into a
//! line and column and which [`crate::de`] deserializes with exact positions.
//!
//! TOML and JSON are first deserialized straight from text; their trees are built only when
//! that fails or an error needs a position. YAML is always read through this tree. Every
//! builder counts depth as it goes and refuses past [`MAX_DEPTH`], so nesting is reported as
//! such whatever the parser underneath would have said, and no walk of a tree can exhaust the
//! stack. Scalars keep their type (integer, float, string, bool, TOML date-time), so the tree
//! deserializes exactly as the text would.

mod json;
mod toml;
mod yaml;

use std::cell::Cell;

use smartlib_core::Segment;

use crate::error::{ErrorKind, Position};

pub(crate) use json::json;
pub(crate) use toml::toml;
pub(crate) use yaml::yaml;

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
    Scalar(Scalar),
}

#[derive(Debug)]
pub(crate) struct Entry {
    pub(crate) key: String,
    pub(crate) key_position: Position,
    pub(crate) value: Node,
}

/// A leaf value, typed as the format typed it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Scalar {
    /// JSON `null`, YAML `~` or an empty YAML value.
    Null,
    Bool(bool),
    /// Wide enough for every integer any of the three formats reads without overflow.
    Integer(i128),
    Float(f64),
    String(String),
    /// A TOML date, time or date-time, as written.
    Datetime(String),
}

/// Why a text has no tree: not valid in its format, or nested deeper than [`MAX_DEPTH`].
#[derive(Debug)]
pub(crate) struct Refusal {
    pub(crate) position: Option<Position>,
    /// [`ErrorKind::Syntax`] or [`ErrorKind::Nesting`].
    pub(crate) kind: ErrorKind,
    pub(crate) message: String,
}

impl Refusal {
    pub(crate) fn syntax(position: Option<Position>, message: impl Into<String>) -> Refusal {
        Refusal { position, kind: ErrorKind::Syntax, message: message.into() }
    }

    /// The container that opens level [`MAX_DEPTH`] + 1.
    pub(crate) fn too_deep(position: Position) -> Refusal {
        Refusal {
            position: Some(position),
            kind: ErrorKind::Nesting,
            message: format!("nested more than {MAX_DEPTH} levels deep"),
        }
    }
}

impl Node {
    pub(crate) fn scalar(position: Position, scalar: Scalar) -> Node {
        Node { position, kind: Kind::Scalar(scalar) }
    }

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
}

/// Byte offsets to line and column.
///
/// Columns count characters from the start of the line. The builders ask in document order, so
/// the last answer is kept and a later offset on the same line counts on from it: a minified
/// JSON catalog (megabytes on one line) costs one pass over its line, not one pass an offset.
pub(crate) struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// The last offset asked for and its column.
    last: Cell<(usize, usize)>,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(text: &'a str) -> Lines<'a> {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Lines { text, starts, last: Cell::new((0, 1)) }
    }

    pub(crate) fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&start| start <= offset).max(1);
        let start = self.starts[line - 1];
        let (last_offset, last_column) = self.last.get();
        let (from, from_column) =
            if (start..=offset).contains(&last_offset) { (last_offset, last_column) } else { (start, 1) };
        let column = match self.text.get(from..offset) {
            Some(between) => from_column + between.chars().count(),
            // Not at a character boundary: count from the line's start as bytes are.
            None => self.text.get(start..offset).map_or(offset - start, |prefix| prefix.chars().count()) + 1,
        };
        self.last.set((offset, column));
        Position { line, column }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn at(line: usize, column: usize) -> Position {
        Position { line, column }
    }

    pub(super) fn path(text: &str) -> Vec<Segment> {
        text.split('.')
            .flat_map(|part| {
                let (key, rest) = part.split_once('[').unwrap_or((part, ""));
                let index = rest.trim_end_matches(']').parse().ok().map(Segment::Index);
                std::iter::once(Segment::Key(key.to_owned().into())).chain(index)
            })
            .collect()
    }

    /// The scalar at `path`.
    pub(super) fn scalar<'a>(node: &'a Node, at: &str) -> &'a Scalar {
        let found = path(at).iter().try_fold(node, |node, segment| node.step(segment));
        match found.map(|node| &node.kind) {
            Some(Kind::Scalar(scalar)) => scalar,
            other => panic!("no scalar at {at}: {other:?}"),
        }
    }

    /// The depth of a tree, counting the root.
    pub(super) fn depth(node: &Node) -> usize {
        1 + match &node.kind {
            Kind::Map(entries) => entries.iter().map(|e| depth(&e.value)).max().unwrap_or(0),
            Kind::List(items) => items.iter().map(depth).max().unwrap_or(0),
            Kind::Scalar(_) => 0,
        }
    }

    #[test]
    fn lines_count_characters_not_bytes() {
        let lines = Lines::new("ab\né = 1\n");
        assert_eq!(lines.position(0), at(1, 1));
        assert_eq!(lines.position(3), at(2, 1));
        assert_eq!(lines.position(6), at(2, 3), "é is two bytes, one column");
        assert_eq!(lines.position(999), at(3, 1));
        // Asked out of order, backwards on a line and across lines, the answers stay the same.
        let text = "aé b\ncd ééé x\n";
        let lines = Lines::new(text);
        let fresh = |offset| Lines::new(text).position(offset);
        for offset in [13, 2, 8, 0, 9, 5, 6, 16, 3, 12] {
            assert_eq!(lines.position(offset), fresh(offset), "offset {offset}");
        }
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
    }

    #[test]
    fn the_three_formats_type_their_scalars_alike() {
        let toml_text = "a = 1\nb = 0.5\nc = true\nd = \"1\"\ne = [\"x\", 2]\n";
        let json_text = r#"{"a": 1, "b": 0.5, "c": true, "d": "1", "e": ["x", 2]}"#;
        let yaml_text = "a: 1\nb: 0.5\nc: true\nd: '1'\ne: [x, 2]\n";
        for tree in [toml(toml_text), json(json_text), yaml(yaml_text)] {
            let tree = tree.expect("valid");
            assert_eq!(scalar(&tree, "a"), &Scalar::Integer(1));
            assert_eq!(scalar(&tree, "b"), &Scalar::Float(0.5));
            assert_eq!(scalar(&tree, "c"), &Scalar::Bool(true));
            assert_eq!(scalar(&tree, "d"), &Scalar::String("1".to_owned()));
            assert_eq!(scalar(&tree, "e[0]"), &Scalar::String("x".to_owned()));
            assert_eq!(scalar(&tree, "e[1]"), &Scalar::Integer(2));
        }
    }

    #[test]
    fn every_format_refuses_the_sixty_fifth_level_where_it_opens() {
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert_eq!(depth(&json(&ok).expect("64 levels are fine")), MAX_DEPTH);
        assert_eq!(depth(&yaml(&ok).expect("64 levels are fine")), MAX_DEPTH);
        for refusal in [json(&deep), yaml(&deep)].map(|tree| tree.expect_err("65 levels")) {
            assert_eq!((refusal.kind, refusal.position), (ErrorKind::Nesting, Some(at(1, 65))));
        }
        // TOML's document is itself the first level.
        let refusal = toml(&format!("a = {deep}")).expect_err("65 levels");
        assert_eq!((refusal.kind, refusal.position), (ErrorKind::Nesting, Some(at(1, 68))));
        assert!(toml(&format!("a = {}{}", "[".repeat(MAX_DEPTH - 1), "]".repeat(MAX_DEPTH - 1))).is_ok());
    }
}
