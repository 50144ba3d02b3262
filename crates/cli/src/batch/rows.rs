//! The rows of a batch input, each read with a bound on its size, so memory stays flat on any
//! input (a device, a file with no line breaks) and a row that is too long becomes one error
//! row while the rest go on. Line numbers count `\n`, so they are right for LF and CRLF files.

use std::io::{self, BufRead};

use csv_core::ReadRecordResult;

/// The most bytes one row may hold; a longer row is an error row.
pub(crate) const MAX_ROW_BYTES: usize = 1 << 20;

/// What the limit says in messages.
pub(crate) const MAX_ROW_TEXT: &str = "1 MiB";

/// A byte-order mark in UTF-8, which belongs only at the start of an input.
pub(crate) const BOM: &[u8] = b"\xef\xbb\xbf";

/// One line of JSON Lines: its number and bytes (without the line break), or `None` when the
/// line was longer than the limit, [`MAX_ROW_BYTES`] in the CLI (its bytes were skipped, not
/// kept).
#[cfg_attr(not(test), expect(dead_code, reason = "the batch reads lines in place; the fuzz checks read these"))]
pub(crate) struct Line {
    pub(crate) number: u64,
    pub(crate) bytes: Option<Vec<u8>>,
}

/// The lines of a JSON Lines input, blank lines included (callers skip them, keeping their
/// numbers).
pub(crate) struct Lines<R> {
    reader: R,
    limit: usize,
    number: u64,
    done: bool,
}

impl<R: BufRead> Lines<R> {
    pub(crate) fn new(reader: R) -> Lines<R> {
        Lines::with_limit(reader, MAX_ROW_BYTES)
    }

    /// Lines of at most `limit` bytes each.
    pub(crate) fn with_limit(reader: R, limit: usize) -> Lines<R> {
        Lines { reader, limit, number: 0, done: false }
    }
}

impl<R: BufRead> Lines<R> {
    /// Reads the next line onto the end of `out`, without its line break; a line over the limit
    /// adds nothing. Gives the line's number and whether its bytes were kept, so a batch reads
    /// many lines into one buffer instead of one allocation a line.
    pub(crate) fn read_into(&mut self, out: &mut Vec<u8>) -> Option<io::Result<(u64, bool)>> {
        if self.done {
            return None;
        }
        let start = out.len();
        let mut too_long = false;
        let mut any = false;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(available) => available,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                Err(error) => {
                    self.done = true;
                    out.truncate(start);
                    return Some(Err(error));
                }
            };
            if available.is_empty() {
                self.done = true;
                if !any {
                    return None;
                }
                break;
            }
            any = true;
            let end = memchr::memchr(b'\n', available);
            let part = &available[..end.unwrap_or(available.len())];
            if !too_long {
                // One byte over the limit may be the `\r` of a CRLF line break.
                if out.len() - start + part.len() > self.limit.saturating_add(1) {
                    too_long = true;
                    out.truncate(start);
                } else {
                    out.extend_from_slice(part);
                }
            }
            let used = end.map_or(available.len(), |end| end + 1);
            self.reader.consume(used);
            if end.is_some() {
                break;
            }
        }
        self.number += 1;
        if out.len() > start && out.last() == Some(&b'\r') {
            out.pop();
        }
        let kept = !too_long && out.len() - start <= self.limit;
        if !kept {
            out.truncate(start);
        }
        Some(Ok((self.number, kept)))
    }
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = io::Result<Line>;

    fn next(&mut self) -> Option<io::Result<Line>> {
        let mut bytes = Vec::new();
        let read = self.read_into(&mut bytes)?;
        Some(read.map(|(number, kept)| Line { number, bytes: kept.then_some(bytes) }))
    }
}

/// One CSV record: the line it starts on and its fields, or `None` when it was longer than the
/// limit, [`MAX_ROW_BYTES`] in the CLI. A record's length is its fields' bytes and a separator
/// between each two, so a record of empty fields has a length too.
pub(crate) struct Record {
    #[cfg_attr(not(test), expect(dead_code, reason = "the batch reads records in place; the fuzz checks read this"))]
    pub(crate) line: u64,
    pub(crate) fields: Option<Fields>,
}

/// A record's fields, in one buffer.
pub(crate) struct Fields {
    bytes: Vec<u8>,
    ends: Vec<usize>,
}

impl Fields {
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(crate) fn get(&self, index: usize) -> Option<&[u8]> {
        let end = *self.ends.get(index)?;
        let start = if index == 0 { 0 } else { self.ends[index - 1] };
        self.bytes.get(start..end)
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &[u8]> {
        (0..self.len()).filter_map(|index| self.get(index))
    }
}

/// The records of a CSV input (RFC 4180: quoted fields may hold commas, quotes and line
/// breaks), the header first. A leading byte-order mark is dropped; blank lines are skipped.
pub(crate) struct Records<R> {
    reader: R,
    parser: csv_core::Reader,
    limit: usize,
    newlines: u64,
    /// Whether the first record has begun: until then the input may open with a byte-order mark.
    started: bool,
    /// The start of a byte-order mark that the input opened with and then broke off: text, to be
    /// parsed before the reader's.
    unread: &'static [u8],
    done: bool,
    /// Where the parser writes a record's fields and their ends, reused from record to record;
    /// each record gets a copy of just what it holds.
    bytes: Vec<u8>,
    ends: Vec<usize>,
    /// Whether the record last read held a quote anywhere: without one, none of its fields
    /// holds a comma, a quote or a line break.
    quoted: bool,
}

impl<R: BufRead> Records<R> {
    pub(crate) fn new(reader: R) -> Records<R> {
        Records::with_limit(reader, MAX_ROW_BYTES)
    }

    /// Records of at most `limit` bytes each.
    pub(crate) fn with_limit(reader: R, limit: usize) -> Records<R> {
        let room = limit.saturating_add(1);
        let (bytes, ends) = (vec![0; room.min(4096)], vec![0; room.min(64)]);
        let parser = csv_core::Reader::new();
        Records {
            reader,
            parser,
            limit,
            newlines: 0,
            started: false,
            unread: &[],
            done: false,
            bytes,
            ends,
            quoted: false,
        }
    }

    /// Drops a byte-order mark at the start of the input, which may come a byte at a time; the
    /// start of one that breaks off is kept in `unread`.
    fn skip_bom(&mut self) -> io::Result<()> {
        let mut matched = 0;
        while matched < BOM.len() {
            let available = fill(&mut self.reader)?;
            let same = available.iter().zip(&BOM[matched..]).take_while(|(byte, mark)| byte == mark).count();
            if same == 0 {
                break;
            }
            self.reader.consume(same);
            matched += same;
        }
        if matched < BOM.len() {
            self.unread = &BOM[..matched];
        }
        Ok(())
    }

    /// Skips the line breaks before a record, counting them; false at the end of the input.
    fn skip_blank_lines(&mut self) -> io::Result<bool> {
        if !self.unread.is_empty() {
            return Ok(true);
        }
        loop {
            let available = fill(&mut self.reader)?;
            if available.is_empty() {
                return Ok(false);
            }
            let blank = available.iter().take_while(|&&b| b == b'\n' || b == b'\r').count();
            self.newlines += memchr::memchr_iter(b'\n', &available[..blank]).count() as u64;
            let rest = blank < available.len();
            self.reader.consume(blank);
            if rest {
                return Ok(true);
            }
        }
    }

    /// Parses the next record into the reader's own buffers: its line and, when it is within
    /// the limit, how many bytes and field ends it holds there.
    fn parse(&mut self) -> io::Result<Option<Parsed>> {
        // The parser would drop a byte-order mark that opens its first input, wherever that
        // input starts (after blank lines, after a first mark); this reader drops the one at the
        // start of the input itself, and hands the parser a single byte first.
        let mut first = !self.started;
        if first {
            self.started = true;
            self.skip_bom()?;
        }
        if !self.skip_blank_lines()? {
            return Ok(None);
        }
        let line = self.newlines + 1;
        let (bytes, ends) = (&mut self.bytes, &mut self.ends);
        let (mut written, mut fields) = (0, 0);
        let mut too_long = false;
        self.quoted = false;
        loop {
            let available = if self.unread.is_empty() { fill(&mut self.reader)? } else { self.unread };
            let input = if first { &available[..available.len().min(1)] } else { available };
            first = false;
            let (result, read, out, ended) = self.parser.read_record(input, &mut bytes[written..], &mut ends[fields..]);
            self.newlines += memchr::memchr_iter(b'\n', &input[..read]).count() as u64;
            self.quoted = self.quoted || memchr::memchr(b'"', &input[..read]).is_some();
            if self.unread.is_empty() {
                self.reader.consume(read);
            } else {
                self.unread = &self.unread[read..];
            }
            // The parser counts field ends from the start of the record, across calls.
            written += out;
            fields += ended;
            match result {
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull if bytes.len() <= self.limit => grow(bytes, self.limit),
                ReadRecordResult::OutputEndsFull if ends.len() <= self.limit => grow(ends, self.limit),
                ReadRecordResult::OutputFull | ReadRecordResult::OutputEndsFull => {
                    // Too long: read on to the record's end, keeping nothing.
                    too_long = true;
                    (written, fields) = (0, 0);
                }
                ReadRecordResult::Record | ReadRecordResult::End => break,
            }
        }
        let within = !too_long && written + fields.saturating_sub(1) <= self.limit;
        Ok(Some((line, within.then_some((written, fields)))))
    }

    /// The next record, its end marking the end of the input or a failed read.
    fn parse_next(&mut self) -> Option<io::Result<Parsed>> {
        if self.done {
            return None;
        }
        let record = self.parse().transpose();
        if !matches!(record, Some(Ok(_))) {
            self.done = true;
        }
        record
    }

    /// Whether the record last read held a quote anywhere: without one, none of its fields
    /// holds a comma, a quote or a line break, so none needs quotes when written again.
    pub(crate) fn last_quoted(&self) -> bool {
        self.quoted
    }

    /// Reads the next record onto the end of `bytes` and `ends` (each field end counted from the
    /// start of `bytes`); a record over the limit adds nothing. Gives the line it starts on and
    /// whether its fields were kept, so a batch reads many records into one buffer instead of
    /// two allocations a record.
    pub(crate) fn read_into(&mut self, bytes: &mut Vec<u8>, ends: &mut Vec<usize>) -> Option<io::Result<(u64, bool)>> {
        Some(self.parse_next()?.map(|(line, fields)| {
            if let Some((written, fields)) = fields {
                let start = bytes.len();
                bytes.extend_from_slice(&self.bytes[..written]);
                ends.extend(self.ends[..fields].iter().map(|end| start + end));
            }
            (line, fields.is_some())
        }))
    }
}

impl<R: BufRead> Iterator for Records<R> {
    type Item = io::Result<Record>;

    fn next(&mut self) -> Option<io::Result<Record>> {
        Some(self.parse_next()?.map(|(line, fields)| {
            let fields = fields.map(|(written, fields)| Fields {
                bytes: self.bytes[..written].to_vec(),
                ends: self.ends[..fields].to_vec(),
            });
            Record { line, fields }
        }))
    }
}

/// A record the parser read: its line and, when it is within the limit, how many bytes and
/// field ends it holds in the reader's buffers.
type Parsed = (u64, Option<(usize, usize)>);

/// Doubles a record's buffer, up to one item more than `limit`: the parser says a buffer is full
/// as soon as it is, before it knows whether the record goes on, so only a record that needs
/// more than that is over the limit. (A record within it has at most `limit` bytes and
/// `limit + 1` fields, all empty.)
fn grow<T: Clone + Default>(buffer: &mut Vec<T>, limit: usize) {
    buffer.resize((buffer.len() * 2).min(limit.saturating_add(1)), T::default());
}

/// The reader's buffered bytes, refilled when empty; empty at the end of the input.
fn fill<R: BufRead>(reader: &mut R) -> io::Result<&[u8]> {
    loop {
        match reader.fill_buf() {
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            // A second borrow, because returning the first from inside the loop does not pass
            // the borrow checker yet.
            Ok(_) => return reader.fill_buf(),
            Err(error) => return Err(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &[u8]) -> Vec<(u64, Option<String>)> {
        lines_within(MAX_ROW_BYTES, 7, text)
    }

    /// Lines of at most `limit` bytes, read through a buffer of `capacity` bytes.
    fn lines_within(limit: usize, capacity: usize, text: &[u8]) -> Vec<(u64, Option<String>)> {
        Lines::with_limit(io::BufReader::with_capacity(capacity, text), limit)
            .map(|line| line.expect("read"))
            .map(|line| (line.number, line.bytes.map(|b| String::from_utf8(b).expect("utf-8"))))
            .collect()
    }

    fn records(text: &[u8]) -> Vec<(u64, Option<Vec<String>>)> {
        records_within(MAX_ROW_BYTES, 7, text)
    }

    /// Records of at most `limit` bytes, read through a buffer of `capacity` bytes.
    fn records_within(limit: usize, capacity: usize, text: &[u8]) -> Vec<(u64, Option<Vec<String>>)> {
        Records::with_limit(io::BufReader::with_capacity(capacity, text), limit)
            .map(|record| record.expect("read"))
            .map(|record| {
                let fields = record.fields.map(|f| f.iter().map(|b| String::from_utf8_lossy(b).into_owned()).collect());
                (record.line, fields)
            })
            .collect()
    }

    fn fields(items: &[&str]) -> Option<Vec<String>> {
        Some(items.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn line_numbers_are_the_same_for_lf_and_crlf() {
        let expected = vec![(1, Some("a".into())), (2, Some(String::new())), (3, Some("bc".into()))];
        assert_eq!(lines(b"a\n\nbc\n"), expected);
        assert_eq!(lines(b"a\r\n\r\nbc\r\n"), expected);
        assert_eq!(lines(b"a\n\nbc"), expected);
        assert_eq!(lines(b""), vec![]);
    }

    #[test]
    fn a_line_over_the_limit_is_skipped_and_the_next_one_read() {
        let mut text = b"first\n".to_vec();
        text.extend(vec![b'x'; MAX_ROW_BYTES + 1]);
        text.extend(b"\nlast\n");
        assert_eq!(lines(&text), vec![(1, Some("first".into())), (2, None), (3, Some("last".into()))]);
        let mut exact = vec![b'y'; MAX_ROW_BYTES];
        exact.push(b'\n');
        assert_eq!(lines(&exact)[0].1.as_ref().map(String::len), Some(MAX_ROW_BYTES));
    }

    #[test]
    fn records_start_on_their_own_lines_in_lf_and_crlf() {
        let lf = records(b"id,offers\nA,\"lab,\nwifi\"\n\nB,x\n");
        assert_eq!(
            lf,
            vec![(1, fields(&["id", "offers"])), (2, fields(&["A", "lab,\nwifi"])), (5, fields(&["B", "x"]))]
        );
        let crlf = records(b"id,offers\r\nA,\"lab,\r\nwifi\"\r\n\r\nB,x\r\n");
        assert_eq!(crlf.iter().map(|r| r.0).collect::<Vec<_>>(), [1, 2, 5]);
        // A byte-order mark before the header is not part of its first name.
        assert_eq!(records(b"\xef\xbb\xbfid\nA")[0].1, fields(&["id"]));
        assert_eq!(records(b"a,b\n1")[1].1, fields(&["1"]));
    }

    #[test]
    fn a_record_over_the_limit_is_skipped_whole_even_across_lines() {
        let mut text = b"id,offers\nA,lab\nB,\"".to_vec();
        text.extend(vec![b'x'; MAX_ROW_BYTES]);
        text.extend(b"\n,,\n\"\nC,wifi\n");
        let read = records(&text);
        assert_eq!(
            read.iter().map(|r| (r.0, r.1.is_some())).collect::<Vec<_>>(),
            [(1, true), (2, true), (3, false), (6, true)]
        );
        assert_eq!(read[3].1.as_deref(), Some(&["C".to_owned(), "wifi".to_owned()][..]));
    }

    #[test]
    fn the_commas_count_toward_a_records_length() {
        // Five empty fields are four bytes long: over a limit of three, within one of four.
        assert_eq!(records_within(3, 7, b",,,,\nA\n"), [(1, None), (2, fields(&["A"]))]);
        assert_eq!(records_within(4, 7, b",,,,\nA\n")[0], (1, fields(&["", "", "", "", ""])));
        assert_eq!(records_within(4, 7, b"ab,c\nab,cd\n"), [(1, fields(&["ab", "c"])), (2, None)]);
        // A record of nothing but commas holds no more field ends than the limit allows.
        let mut text = vec![b','; 100_000];
        text.push(b'\n');
        let mut records = Records::with_limit(&text[..], 64);
        assert!(records.next().is_some_and(|record| record.is_ok_and(|record| record.fields.is_none())));
        assert!(records.ends.len() <= 65, "{} field ends held", records.ends.len());
    }

    #[test]
    fn a_line_at_the_limit_is_kept_with_lf_or_crlf() {
        for capacity in 1..=4 {
            let expected = vec![(1, Some("ab".into())), (2, None), (3, Some("c".into()))];
            assert_eq!(lines_within(2, capacity, b"ab\nabc\nc\n"), expected);
            assert_eq!(lines_within(2, capacity, b"ab\r\nabc\r\nc\r\n"), expected);
            assert_eq!(lines_within(2, capacity, b"ab\r"), [(1, Some("ab".into()))]);
            // Only one `\r` is the line break's.
            assert_eq!(lines_within(2, capacity, b"a\r\r\n"), [(1, Some("a\r".into()))]);
            assert_eq!(lines_within(2, capacity, b"ab\r\r\n"), [(1, None)]);
        }
    }

    #[test]
    fn a_record_at_the_limit_is_kept_wherever_it_ends() {
        for capacity in 1..=5 {
            let expected = [(1, fields(&["ab"])), (2, None), (3, fields(&["c", ""])), (4, fields(&["ab"]))];
            assert_eq!(records_within(2, capacity, b"ab\nabc\r\nc,\n\"ab\""), expected);
        }
        let mut exact = vec![b'y'; MAX_ROW_BYTES];
        exact.extend(b"\nz\n");
        let read = records(&exact);
        assert_eq!(read[0].1.as_ref().map(|fields| fields[0].len()), Some(MAX_ROW_BYTES));
        assert_eq!(read[1], (2, fields(&["z"])));
    }

    #[test]
    fn only_a_byte_order_mark_at_the_very_start_is_dropped_even_in_pieces() {
        for capacity in 1..=4 {
            let read = |text: &[u8]| records_within(MAX_ROW_BYTES, capacity, text);
            assert_eq!(read(b"\xef\xbb\xbfid\nA"), [(1, fields(&["id"])), (2, fields(&["A"]))]);
            // The blank lines after a mark count, and a mark alone is no record.
            assert_eq!(read(b"\xef\xbb\xbf\n\r\nid"), [(3, fields(&["id"]))]);
            assert_eq!(read(b"\xef\xbb\xbf\n"), []);
            // Anywhere else a mark is text: after a blank line, or after a first mark.
            assert_eq!(read(b"\n\xef\xbb\xbfid"), [(2, fields(&["\u{feff}id"]))]);
            assert_eq!(read(b"\xef\xbb\xbf\xef\xbb\xbfid"), [(1, fields(&["\u{feff}id"]))]);
            // The start of a mark that breaks off is text too.
            let mut records = Records::new(io::BufReader::with_capacity(capacity, &b"\xef\xbb,\"\xef\"\n"[..]));
            let record = records.next().and_then(Result::ok).and_then(|record| record.fields);
            assert_eq!(
                record.map(|fields| fields.iter().map(<[u8]>::to_vec).collect()),
                Some(vec![b"\xef\xbb".to_vec(), b"\xef".to_vec()])
            );
        }
    }
}
