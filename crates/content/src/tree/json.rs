//! JSON text to a tree, token by token: jsonc-parser's scanner with every JSON5 extension off
//! reads strings and numbers, and a small state machine here checks the structure, counting
//! depth as containers open. Syntax errors are worded and placed as serde_json, which reads
//! the same text on the fast path, words and places them.

use jsonc_parser::errors::{ParseError, ParseErrorKind};
use jsonc_parser::tokens::Token;
use jsonc_parser::{ParseStringErrorKind, Scanner, ScannerOptions};

use super::{Entry, Kind, Lines, MAX_DEPTH, Node, Refusal, Scalar};
use crate::error::Position;

/// Plain JSON: none of the extensions the scanner can allow.
const STRICT: ScannerOptions = ScannerOptions {
    allow_single_quoted_strings: false,
    allow_hexadecimal_numbers: false,
    allow_unary_plus_numbers: false,
    allow_bare_decimal_point_numbers: false,
    allow_non_finite_numbers: false,
    allow_extended_string_escapes: false,
};

const CONTROL_CHARACTER: &str = "control character (\\u0000-\\u001F) found while parsing a string";

/// What may come next.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Want {
    /// The document, or a map value.
    Value,
    /// A list item; `]` closes the list only before the first one.
    Item {
        first: bool,
    },
    /// A comma or the end of the innermost container, after one of its values.
    CommaOrEnd,
    /// A map key; `}` closes the map only before the first one.
    Key {
        first: bool,
    },
    Colon,
    /// Nothing: the document is complete.
    End,
}

impl Want {
    /// serde_json's words for anything else here, and for the end of the text here.
    fn unexpected(self, innermost: Option<&Open>) -> (&'static str, &'static str) {
        match (self, innermost) {
            (Want::Value | Want::Item { first: false }, _) => ("expected value", "EOF while parsing a value"),
            (Want::Item { first: true }, _) => ("expected value", "EOF while parsing a list"),
            (Want::CommaOrEnd, Some(Open::Map(..))) => ("expected `,` or `}`", "EOF while parsing an object"),
            (Want::CommaOrEnd, _) => ("expected `,` or `]`", "EOF while parsing a list"),
            (Want::Key { first: true }, _) => ("key must be a string", "EOF while parsing an object"),
            (Want::Key { first: false }, _) => ("key must be a string", "EOF while parsing a value"),
            (Want::Colon, _) => ("expected `:`", "EOF while parsing an object"),
            (Want::End, _) => ("trailing characters", "EOF while parsing a value"),
        }
    }
}

/// A container whose end has not been read yet.
#[derive(Debug)]
enum Open {
    List(Position, Vec<Node>),
    Map(Position, Vec<Entry>, Option<(String, Position)>),
}

struct Reader<'a> {
    text: &'a str,
    lines: Lines<'a>,
    scanner: Scanner<'a>,
    /// Where the previous token ended: what lies between it and the next must be white space.
    end: usize,
    stack: Vec<Open>,
    want: Want,
}

/// A tree for JSON text, or why it has none.
pub(crate) fn json(text: &str) -> Result<Node, Refusal> {
    let mut reader = Reader {
        text,
        lines: Lines::new(text),
        scanner: Scanner::new(text, &STRICT),
        end: 0,
        stack: Vec::new(),
        want: Want::Value,
    };
    let mut root = None;
    while let Some((token, start)) = reader.next()? {
        if let Some(node) = reader.accept(token, start)? {
            root = Some(node);
            reader.want = Want::End;
        }
    }
    root.ok_or_else(|| reader.at_end())
}

impl<'a> Reader<'a> {
    /// The next token and its offset, `None` at the end of the text.
    fn next(&mut self) -> Result<Option<(Token<'a>, usize)>, Refusal> {
        let scanned = self.scanner.scan();
        let token = scanned.map_err(|error| self.scan_error(&error))?;
        let start = if token.is_some() { self.scanner.token_start() } else { self.text.len() };
        let gap = self.text.get(self.end..start).unwrap_or_default();
        if let Some(odd) = gap.find(|c: char| !matches!(c, ' ' | '\t' | '\n' | '\r')) {
            return Err(self.unexpected(self.end + odd));
        }
        match token {
            None if self.want == Want::End => Ok(None),
            None => Err(self.at_end()),
            Some(token) => {
                self.end = self.scanner.token_end();
                Ok(Some((token, start)))
            }
        }
    }

    /// Takes one token; returns the document once its last token is read.
    fn accept(&mut self, token: Token<'a>, start: usize) -> Result<Option<Node>, Refusal> {
        let position = self.lines.position(start);
        match (self.want, token) {
            (Want::Value | Want::Item { .. }, Token::OpenBracket) => {
                self.open(Open::List(position, Vec::new()), Want::Item { first: true })
            }
            (Want::Value | Want::Item { .. }, Token::OpenBrace) => {
                self.open(Open::Map(position, Vec::new(), None), Want::Key { first: true })
            }
            (Want::Item { first: false }, Token::CloseBracket) => Err(self.error(start, "trailing comma")),
            (Want::Key { first: false }, Token::CloseBrace) => Err(self.error(start, "trailing comma")),
            (Want::Item { first: true } | Want::CommaOrEnd, Token::CloseBracket)
                if matches!(self.stack.last(), Some(Open::List(..))) =>
            {
                self.close()
            }
            (Want::Key { first: true } | Want::CommaOrEnd, Token::CloseBrace)
                if matches!(self.stack.last(), Some(Open::Map(..))) =>
            {
                self.close()
            }
            (Want::Value | Want::Item { .. }, token) => match self.scalar(token, start)? {
                Some(scalar) => Ok(self.place(Node::scalar(position, scalar))),
                None => Err(self.unexpected(start)),
            },
            (Want::CommaOrEnd, Token::Comma) => {
                self.want = match self.stack.last() {
                    Some(Open::Map(..)) => Want::Key { first: false },
                    _ => Want::Item { first: false },
                };
                Ok(None)
            }
            (Want::Key { .. }, Token::String(key)) => {
                if let Some(Open::Map(_, _, pending)) = self.stack.last_mut() {
                    *pending = Some((key.into_owned(), position));
                }
                self.check_string(start)?;
                self.want = Want::Colon;
                Ok(None)
            }
            (Want::Colon, Token::Colon) => {
                self.want = Want::Value;
                Ok(None)
            }
            _ => Err(self.unexpected(start)),
        }
    }

    /// A scalar token's value; `None` for a token that is not a value.
    fn scalar(&self, token: Token<'a>, start: usize) -> Result<Option<Scalar>, Refusal> {
        Ok(Some(match token {
            Token::String(text) => {
                self.check_string(start)?;
                Scalar::String(text.into_owned())
            }
            Token::Number(text) => {
                self.check_number(start, Some(self.end))?;
                number(text).ok_or_else(|| self.error(start, "number out of range"))?
            }
            Token::Boolean(flag) => Scalar::Bool(flag),
            Token::Null => Scalar::Null,
            _ => return Ok(None),
        }))
    }

    /// The scanner lets raw control characters through strings; JSON does not.
    fn check_string(&self, start: usize) -> Result<(), Refusal> {
        let raw = self.text.as_bytes().get(start..self.end).unwrap_or_default();
        match raw.iter().position(|&byte| byte < 0x20) {
            Some(offset) => Err(self.error(start + offset, CONTROL_CHARACTER)),
            None => Ok(()),
        }
    }

    /// Opens a container, unless it would be one level too many.
    fn open(&mut self, open: Open, want: Want) -> Result<Option<Node>, Refusal> {
        if self.stack.len() >= MAX_DEPTH {
            let (Open::List(position, _) | Open::Map(position, ..)) = open;
            return Err(Refusal::too_deep(position));
        }
        self.stack.push(open);
        self.want = want;
        Ok(None)
    }

    /// Closes the innermost container.
    fn close(&mut self) -> Result<Option<Node>, Refusal> {
        let node = match self.stack.pop() {
            Some(Open::List(position, items)) => Node { position, kind: Kind::List(items) },
            Some(Open::Map(position, entries, _)) => Node { position, kind: Kind::Map(entries) },
            None => return Ok(None), // the patterns that call this saw an open container
        };
        Ok(self.place(node))
    }

    /// Puts a finished value in its container; returns it when it is the document.
    fn place(&mut self, node: Node) -> Option<Node> {
        self.want = Want::CommaOrEnd;
        match self.stack.last_mut() {
            None => return Some(node),
            Some(Open::List(_, items)) => items.push(node),
            Some(Open::Map(_, entries, key)) => {
                if let Some((key, key_position)) = key.take() {
                    entries.push(Entry { key, key_position, value: node });
                }
            }
        }
        None
    }

    fn error(&self, offset: usize, message: &str) -> Refusal {
        Refusal::syntax(Some(self.lines.position(offset)), message)
    }

    /// Something that cannot come next.
    fn unexpected(&self, offset: usize) -> Refusal {
        let value = matches!(self.want, Want::Value | Want::Item { .. });
        match self.misspelt(offset) {
            Some(refusal) if value => refusal,
            _ => self.error(offset, self.want.unexpected(self.stack.last()).0),
        }
    }

    /// The text ended too soon.
    fn at_end(&self) -> Refusal {
        self.error(self.text.len(), self.want.unexpected(self.stack.last()).1)
    }

    /// A token the scanner could not read: a broken string or number where one may come, or
    /// else something that cannot come here (a quote `'`, a comment, …).
    fn scan_error(&self, error: &ParseError) -> Refusal {
        let start = error.range().start;
        let value = matches!(self.want, Want::Value | Want::Item { .. });
        let string = value || matches!(self.want, Want::Key { .. });
        match error.kind() {
            ParseErrorKind::String(ParseStringErrorKind::UnterminatedStringLiteral) if string => {
                let rest = self.text.as_bytes().get(start..).unwrap_or_default();
                match rest.iter().position(|&byte| byte < 0x20) {
                    Some(offset) => self.error(start + offset, CONTROL_CHARACTER),
                    None => self.error(self.text.len(), "EOF while parsing a string"),
                }
            }
            ParseErrorKind::String(ParseStringErrorKind::InvalidUnicodeEscapeSequence(_)) if string => {
                self.error(start, "lone leading surrogate in hex escape")
            }
            ParseErrorKind::String(_) if string => self.error(start, "invalid escape"),
            ParseErrorKind::ExpectedDigit
            | ParseErrorKind::ExpectedDigitFollowingNegativeSign
            | ParseErrorKind::ExpectedPlusMinusOrDigitInNumberLiteral
            | ParseErrorKind::HexadecimalNumbersNotAllowed
            | ParseErrorKind::BareDecimalPointNumbersNotAllowed
            | ParseErrorKind::NonFiniteNumbersNotAllowed
                if value =>
            {
                let token = self.scanner.token_start();
                self.check_number(token, None).err().unwrap_or_else(|| self.unexpected(token))
            }
            _ => self.unexpected(self.scanner.token_start()),
        }
    }

    /// Checks the number at `start` against JSON's grammar, as serde_json reads it: wrong at
    /// its first wrong character, and wrong just after it when it runs on where it should
    /// have ended (`0x1`, or a token ending other than at `end`).
    fn check_number(&self, start: usize, end: Option<usize>) -> Result<(), Refusal> {
        match number_grammar(self.text.as_bytes(), start) {
            Grammar::NotANumber => Err(self.unexpected(start)),
            Grammar::BrokenAt(offset) => Err(self.error(offset, "invalid number")),
            Grammar::EndsAt(offset) if Some(offset) == end => Ok(()),
            Grammar::EndsAt(offset) => Err(self.after_value(offset)),
        }
    }

    /// Something that cannot follow a complete value.
    fn after_value(&self, offset: usize) -> Refusal {
        let after = if self.stack.is_empty() { Want::End } else { Want::CommaOrEnd };
        self.error(offset, after.unexpected(self.stack.last()).0)
    }

    /// serde_json reads `true`, `false` and `null` letter by letter, so a misspelt one is
    /// wrong at its first wrong letter, and one run on (`truex`) is wrong just after it.
    fn misspelt(&self, start: usize) -> Option<Refusal> {
        let rest = self.text.as_bytes().get(start..)?;
        let literal: &[u8] = match rest.first()? {
            b't' => b"true",
            b'f' => b"false",
            b'n' => b"null",
            _ => return None,
        };
        Some(match literal.iter().zip(rest).position(|(want, have)| want != have) {
            Some(offset) => self.error(start + offset, "expected ident"),
            None if rest.len() < literal.len() => self.error(self.text.len(), "EOF while parsing a value"),
            None => self.after_value(start + literal.len()),
        })
    }
}

/// How far a number follows `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
enum Grammar {
    /// It does not start like a number.
    NotANumber,
    /// It is broken at this offset (`-x`, `1.`, `1e+`, `01`).
    BrokenAt(usize),
    /// It is complete, up to this offset.
    EndsAt(usize),
}

fn number_grammar(bytes: &[u8], start: usize) -> Grammar {
    let digit = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_digit);
    let digits = |mut at: usize| {
        while digit(at) {
            at += 1;
        }
        at
    };
    let mut at = start + usize::from(bytes.get(start) == Some(&b'-'));
    if !digit(at) {
        return if at == start { Grammar::NotANumber } else { Grammar::BrokenAt(at) };
    }
    at = if bytes.get(at) == Some(&b'0') { at + 1 } else { digits(at) };
    if digit(at) {
        return Grammar::BrokenAt(at); // a leading zero
    }
    if bytes.get(at) == Some(&b'.') {
        if !digit(at + 1) {
            return Grammar::BrokenAt(at + 1);
        }
        at = digits(at + 1);
    }
    if matches!(bytes.get(at), Some(b'e' | b'E')) {
        at += 1 + usize::from(matches!(bytes.get(at + 1), Some(b'+' | b'-')));
        if !digit(at) {
            return Grammar::BrokenAt(at);
        }
        at = digits(at);
    }
    Grammar::EndsAt(at)
}

/// A JSON number as serde_json reads it: an integer when it has no fraction or exponent and
/// fits 64 bits, a float otherwise; `None` when even a float cannot hold it.
fn number(text: &str) -> Option<Scalar> {
    if !text.contains(['.', 'e', 'E']) {
        let integer = text.parse::<i128>().ok().filter(|n| (i128::from(i64::MIN)..=i128::from(u64::MAX)).contains(n));
        if let Some(integer) = integer {
            return Some(Scalar::Integer(integer));
        }
    }
    text.parse::<f64>().ok().filter(|n| n.is_finite()).map(Scalar::Float)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{at, depth, scalar};
    use super::*;

    fn refused(text: &str) -> (Position, String) {
        let refusal = json(text).expect_err(text);
        (refusal.position.expect("placed"), refusal.message)
    }

    #[test]
    fn numbers_keep_their_type_and_range() {
        let tree = json(r#"{"a": -3, "b": 18446744073709551615, "c": 18446744073709551616, "d": 1e2, "e": -0}"#)
            .expect("valid");
        assert_eq!(scalar(&tree, "a"), &Scalar::Integer(-3));
        assert_eq!(scalar(&tree, "b"), &Scalar::Integer(u64::MAX.into()));
        assert_eq!(scalar(&tree, "c"), &Scalar::Float(18_446_744_073_709_551_616.0));
        assert_eq!(scalar(&tree, "d"), &Scalar::Float(100.0));
        assert_eq!(scalar(&tree, "e"), &Scalar::Integer(0));
        assert_eq!(refused("[1e400]"), (at(1, 2), "number out of range".to_owned()));
    }

    #[test]
    fn structure_errors_read_as_serde_json_words_them() {
        assert_eq!(refused("[1, 2,]"), (at(1, 7), "trailing comma".to_owned()));
        assert_eq!(refused("{\"a\": 1,}"), (at(1, 9), "trailing comma".to_owned()));
        assert_eq!(refused("{\"a\" 1}"), (at(1, 6), "expected `:`".to_owned()));
        assert_eq!(refused("{1: 1}"), (at(1, 2), "key must be a string".to_owned()));
        assert_eq!(refused("[1 2]"), (at(1, 4), "expected `,` or `]`".to_owned()));
        assert_eq!(refused("{\"a\": 1 \"b\": 2}"), (at(1, 9), "expected `,` or `}`".to_owned()));
        assert_eq!(refused("[1] 2"), (at(1, 5), "trailing characters".to_owned()));
        assert_eq!(refused("[yes]"), (at(1, 2), "expected value".to_owned()));
        assert_eq!(refused("[nope]"), (at(1, 3), "expected ident".to_owned()));
        assert_eq!(refused("[truex]"), (at(1, 6), "expected `,` or `]`".to_owned()));
        assert_eq!(refused("[01]"), (at(1, 3), "invalid number".to_owned()));
        assert_eq!(refused("[0x1]"), (at(1, 3), "expected `,` or `]`".to_owned()));
        assert_eq!(refused("['a']"), (at(1, 2), "expected value".to_owned()));
        assert_eq!(refused("[1] // note"), (at(1, 5), "trailing characters".to_owned()));
        assert_eq!(refused("[1,\u{a0}2]"), (at(1, 4), "expected value".to_owned()));
        assert_eq!(refused(""), (at(1, 1), "EOF while parsing a value".to_owned()));
        assert_eq!(refused("[1,"), (at(1, 4), "EOF while parsing a value".to_owned()));
        assert_eq!(refused("{\"a\": [1"), (at(1, 9), "EOF while parsing a list".to_owned()));
        assert_eq!(refused("[\"a\nb\"]"), (at(1, 4), CONTROL_CHARACTER.to_owned()));
        assert_eq!(refused("[\"ab"), (at(1, 5), "EOF while parsing a string".to_owned()));
        assert_eq!(refused("[\"\\q\"]"), (at(1, 3), "invalid escape".to_owned()));
        assert_eq!(refused("[-]"), (at(1, 3), "invalid number".to_owned()));
    }

    /// Every one-character deletion and every insertion of a troublesome character: the tree
    /// accepts exactly what serde_json accepts, and refuses the rest in serde_json's words, at
    /// serde_json's place (except where serde_json says "column 0" for a line break or the
    /// end of the text, and for a bad escape, placed at its backslash rather than after it).
    #[test]
    fn the_tree_reads_json_as_serde_json_does() {
        let base =
            "{\n  \"name\": \"Tiny\",\n  \"n\": [1, -2.5e3, true, null, {\"a\": \"x\\n\\u00e9\"}],\n  \"e\": {}\n}\n";
        let inserts =
            ["[", "]", "{", "}", ":", ",", "\"", "\\", " ", "0", "a", "-", ".", "e", "\n", "\u{1}", "'", "/", "+"];
        let mut texts = Vec::new();
        for (at, _) in base.char_indices() {
            let mut deleted = base.to_owned();
            deleted.remove(at);
            texts.push(deleted);
            texts.extend(inserts.iter().map(|insert| format!("{}{insert}{}", &base[..at], &base[at..])));
        }
        for text in &texts {
            match (json(text), serde_json::from_str::<serde_json::Value>(text)) {
                (Ok(_), Ok(_)) => {}
                (Err(ours), Err(theirs)) => {
                    let position = ours.position.expect("placed");
                    let (line, column) = (theirs.line(), theirs.column());
                    let placed_alike = (position.line, position.column) == (line, column)
                        || column == 0
                        || ours.message == "invalid escape";
                    let rendered = format!("{} at line {line} column {column}", ours.message);
                    assert_eq!(rendered, theirs.to_string(), "{text:?}");
                    assert!(placed_alike, "{text:?}: {position:?} vs {theirs}");
                }
                (ours, theirs) => panic!("{text:?}: tree {:?}, serde_json {:?}", ours.err(), theirs.err()),
            }
        }
    }

    #[test]
    fn duplicate_keys_are_kept_for_the_reader_to_judge() {
        let tree = json(r#"{"a": 1, "a": 2}"#).expect("valid syntax");
        assert!(matches!(&tree.kind, Kind::Map(entries) if entries.len() == 2));
        assert_eq!(depth(&tree), 2);
    }

    #[test]
    fn depth_is_refused_before_anything_deeper_is_read() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        assert_eq!(refused(&deep), (at(1, 65), "nested more than 64 levels deep".to_owned()));
        let deep_value = format!("{{\"name\": {deep}}}");
        assert_eq!(refused(&deep_value), (at(1, 73), "nested more than 64 levels deep".to_owned()));
    }
}
