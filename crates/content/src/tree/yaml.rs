//! YAML text to a tree, from saphyr's parser events: one document, no aliases, plain-text keys,
//! scalars typed by the YAML 1.2 core schema (quoted text stays text), depth counted as
//! collections open.

use std::borrow::Cow;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span, Tag};

use super::{Entry, Kind, MAX_DEPTH, Node, Refusal, Scalar};
use crate::error::Position;

/// A tree for YAML text, or why it has none.
///
/// The scanner reads a flow collection (`[[[…`) to its end before it yields the first event,
/// and gives up past 255 levels; so when the parser fails, the text before the failure is read
/// again to tell whether it already nested too deep: that is then the first problem.
pub(crate) fn yaml(text: &str) -> Result<Node, Refusal> {
    match build(text) {
        Err(Failure::Parser(error)) => {
            let offset = text.char_indices().nth(error.marker().index()).map_or(text.len(), |(offset, _)| offset);
            match build(&text[..offset]) {
                Err(Failure::Refused(deep)) if deep.kind == crate::ErrorKind::Nesting => Err(deep),
                _ => Err(Refusal::syntax(Some(marker_position(&error)), error.info())),
            }
        }
        Err(Failure::Refused(refusal)) => Err(refusal),
        Ok(node) => Ok(node),
    }
}

enum Failure {
    /// Not YAML at all.
    Parser(ScanError),
    /// YAML, but not what a catalog or profile can be.
    Refused(Refusal),
}

enum Open {
    List(Position, Vec<Node>),
    Map(Position, Vec<Entry>, Option<(String, Position)>),
}

fn marker_position(error: &ScanError) -> Position {
    Position { line: error.marker().line(), column: error.marker().col() + 1 }
}

fn build(text: &str) -> Result<Node, Failure> {
    let start = |span: &Span| Position { line: span.start.line(), column: span.start.col() + 1 };
    let refuse = |position: Position, message: &str| Failure::Refused(Refusal::syntax(Some(position), message));
    let mut stack: Vec<Open> = Vec::new();
    let mut root: Option<Node> = None;
    let mut documents = 0;

    // Places a finished node in its parent, or makes it the root.
    let place = |stack: &mut Vec<Open>, root: &mut Option<Node>, node: Node| -> Result<(), Failure> {
        match stack.last_mut() {
            None => *root = Some(node),
            Some(Open::List(_, items)) => items.push(node),
            Some(Open::Map(_, entries, key)) => match key.take() {
                Some((key, key_position)) => {
                    if entries.iter().any(|e| e.key == key) {
                        return Err(refuse(key_position, &format!("duplicate key \"{}\"", smartlib_core::Echo(&key))));
                    }
                    entries.push(Entry { key, key_position, value: node });
                }
                None => return Err(refuse(node.position, "mapping keys must be plain text")),
            },
        }
        Ok(())
    };

    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(Failure::Parser)?;
        let position = start(&span);
        match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(refuse(position, "expected a single YAML document"));
                }
            }
            Event::Alias(_) => return Err(refuse(position, "YAML aliases are not supported")),
            Event::Scalar(raw, style, _, tag) => {
                // A scalar where a map expects a key is the key, as written.
                if let Some(Open::Map(_, _, key @ None)) = stack.last_mut() {
                    *key = Some((raw.into_owned(), position));
                    continue;
                }
                place(&mut stack, &mut root, Node::scalar(position, scalar(raw, style, tag.as_ref())))?;
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(Failure::Refused(Refusal::too_deep(position)));
                }
                if let Some(Open::Map(_, _, None)) = stack.last() {
                    return Err(refuse(position, "mapping keys must be plain text"));
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
                    None => return Err(refuse(position, "unbalanced YAML structure")),
                };
                place(&mut stack, &mut root, node)?;
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
        }
    }
    Ok(root.unwrap_or(Node::scalar(Position { line: 1, column: 1 }, Scalar::Null)))
}

/// A YAML scalar read by the YAML 1.2 core schema (quoted text stays text).
fn scalar(raw: Cow<'_, str>, style: ScalarStyle, tag: Option<&Cow<'_, Tag>>) -> Scalar {
    use saphyr::Scalar as Yaml;
    match Yaml::parse_from_cow_and_metadata(raw.clone(), style, tag) {
        Some(Yaml::Null) => Scalar::Null,
        Some(Yaml::Boolean(flag)) => Scalar::Bool(flag),
        Some(Yaml::Integer(number)) => Scalar::Integer(number.into()),
        Some(Yaml::FloatingPoint(number)) => Scalar::Float(number.into_inner()),
        Some(Yaml::String(text)) => Scalar::String(text.into_owned()),
        None => Scalar::String(raw.into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{at, scalar};
    use super::*;

    fn message(text: &str) -> String {
        yaml(text).expect_err(text).message
    }

    #[test]
    fn values_follow_the_core_schema() {
        let tree = yaml("a: 1\nb: .inf\nc: ~\nd: '1'\ne: 2001-12-14\n").expect("valid");
        assert_eq!(scalar(&tree, "a"), &Scalar::Integer(1));
        assert_eq!(scalar(&tree, "b"), &Scalar::Float(f64::INFINITY));
        assert_eq!(scalar(&tree, "c"), &Scalar::Null);
        assert_eq!(scalar(&tree, "d"), &Scalar::String("1".to_owned()));
        assert_eq!(scalar(&tree, "e"), &Scalar::String("2001-12-14".to_owned()), "dates are text in YAML 1.2");
    }

    #[test]
    fn refuses_what_catalogs_never_need() {
        assert_eq!(message("a: &x 1\nb: *x\n"), "YAML aliases are not supported");
        assert_eq!(message("a: 1\na: 2\n"), "duplicate key \"a\"");
        assert_eq!(message("---\na: 1\n---\nb: 2\n"), "expected a single YAML document");
        let refusal = yaml("a: [1, 2\n").expect_err("syntax");
        assert_eq!((refusal.kind, refusal.position.map(|p| p.line)), (crate::ErrorKind::Syntax, Some(2)));
    }

    #[test]
    fn nesting_is_found_even_where_the_scanner_gives_up_first() {
        for levels in [65, 200, 256, 100_000] {
            let deep = "[".repeat(levels) + &"]".repeat(levels);
            let refusal = yaml(&deep).expect_err("too deep");
            assert_eq!((refusal.kind, refusal.position), (crate::ErrorKind::Nesting, Some(at(1, 65))), "{levels}");
        }
        // Broken before it is deep: the syntax error stands.
        let refusal = yaml(&format!("a: [}}\nb: {}", "[".repeat(300))).expect_err("broken");
        assert_eq!(refusal.kind, crate::ErrorKind::Syntax);
    }
}
