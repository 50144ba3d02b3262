//! TOML text to a tree, through toml's own span-keeping parse (`DeTable`).
//!
//! The parse recovers from errors, so a document that nests too deep still yields the levels
//! toml reads (it stops at 80) and the depth is counted here, where the limit is
//! [`MAX_DEPTH`]. Tables list their keys in toml's order (sorted), as `toml::from_str` visits
//! them, so the first error found is the same one either way.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{Entry, Kind, Lines, MAX_DEPTH, Node, Refusal, Scalar};
use crate::error::Position;

/// A tree for TOML text, or why it has none: the first syntax error or the first level too
/// deep, whichever comes first in the text.
pub(crate) fn toml(text: &str) -> Result<Node, Refusal> {
    let lines = Lines::new(text);
    let (root, errors) = DeTable::parse_recoverable(text);
    // Errors come in the order toml's passes find them, not in the order of the text.
    let first = errors.iter().min_by_key(|error| error.span().map_or(usize::MAX, |span| span.start));
    let syntax =
        first.map(|error| Refusal::syntax(error.span().map(|span| lines.position(span.start)), error.message()));
    let start = Position { line: 1, column: 1 };
    match (table(&lines, root.get_ref(), 1), syntax) {
        (Ok(kind), None) => Ok(Node { position: start, kind }),
        (Ok(_), Some(syntax)) => Err(syntax),
        (Err(deep), Some(syntax)) if syntax.position.is_some_and(|at| Some(at) < deep.position) => Err(syntax),
        (Err(deep), _) => Err(deep),
    }
}

/// A table at `depth` (the document is at 1).
fn table(lines: &Lines<'_>, table: &DeTable<'_>, depth: usize) -> Result<Kind, Refusal> {
    let entries = table.iter().map(|(key, value)| {
        Ok(Entry {
            key: key.get_ref().to_string(),
            key_position: lines.position(key.span().start),
            value: value_node(lines, value, depth + 1)?,
        })
    });
    Ok(Kind::Map(entries.collect::<Result<_, Refusal>>()?))
}

fn value_node(lines: &Lines<'_>, item: &Spanned<DeValue<'_>>, depth: usize) -> Result<Node, Refusal> {
    let position = lines.position(item.span().start);
    let kind = match item.get_ref() {
        DeValue::Table(_) | DeValue::Array(_) if depth > MAX_DEPTH => return Err(Refusal::too_deep(position)),
        DeValue::Table(inner) => table(lines, inner, depth)?,
        DeValue::Array(items) => {
            Kind::List(items.iter().map(|item| value_node(lines, item, depth + 1)).collect::<Result<_, _>>()?)
        }
        DeValue::String(text) => Kind::Scalar(Scalar::String(text.to_string())),
        DeValue::Integer(integer) => Kind::Scalar(
            i128::from_str_radix(integer.as_str(), integer.radix())
                .map(Scalar::Integer)
                .map_err(|_| Refusal::syntax(Some(position), "number out of range"))?,
        ),
        DeValue::Float(float) => Kind::Scalar(
            float_value(float.as_str()).ok_or_else(|| Refusal::syntax(Some(position), "number out of range"))?,
        ),
        DeValue::Boolean(flag) => Kind::Scalar(Scalar::Bool(*flag)),
        DeValue::Datetime(datetime) => Kind::Scalar(Scalar::Datetime(datetime.to_string())),
    };
    Ok(Node { position, kind })
}

/// A TOML float as toml reads it: `inf` and `nan` are floats, but a literal that ends in a
/// digit and still reads as infinity is too large for an `f64`, which is an error.
fn float_value(literal: &str) -> Option<Scalar> {
    let value: f64 = literal.parse().ok()?;
    (value.is_finite() || !literal.ends_with(|c: char| c.is_ascii_digit())).then_some(Scalar::Float(value))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{at, scalar};
    use super::*;

    #[test]
    fn scalars_keep_their_toml_type() {
        let tree = toml("a = 0x1F\nb = -inf\nc = 1979-05-27\nd = 1_000\ne = 'x'\n").expect("valid");
        assert_eq!(scalar(&tree, "a"), &Scalar::Integer(31));
        assert_eq!(scalar(&tree, "b"), &Scalar::Float(f64::NEG_INFINITY));
        assert_eq!(scalar(&tree, "c"), &Scalar::Datetime("1979-05-27".to_owned()));
        assert_eq!(scalar(&tree, "d"), &Scalar::Integer(1000));
        assert_eq!(scalar(&tree, "e"), &Scalar::String("x".to_owned()));
        let refusal = toml("a = 1e999\n").expect_err("overflow");
        assert_eq!((refusal.position, refusal.message.as_str()), (Some(at(1, 5)), "number out of range"));
    }

    #[test]
    fn the_first_problem_in_the_text_wins() {
        let deep = "[".repeat(100) + &"]".repeat(100);
        let refusal = toml(&format!("a = {deep}\nb = \"\n")).expect_err("too deep, then broken");
        assert_eq!((refusal.kind, refusal.position), (crate::ErrorKind::Nesting, Some(at(1, 68))));
        let refusal = toml(&format!("b = \"\na = {deep}\n")).expect_err("broken, then too deep");
        assert_eq!(refusal.kind, crate::ErrorKind::Syntax);
        assert_eq!(refusal.position.map(|p| p.line), Some(1));
    }
}
