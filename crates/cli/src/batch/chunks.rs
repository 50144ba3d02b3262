//! The reader's side of the pipeline: rows gathered into chunks, each chunk one buffer of row
//! bytes, closed at a number of rows or of bytes, so the workers get rows in a few large pieces
//! and the memory a chunk holds is bounded however long its rows are.

use std::io::{self, BufRead};
use std::ops::Range;
use std::sync::{Mutex, PoisonError};

use super::rows::{BOM, Lines, Records};

/// When a chunk closes: at `rows` rows, or once its row bytes reach `bytes` (a single row may
/// take it over, by at most one row's limit).
#[derive(Clone, Copy, Debug)]
pub(crate) struct ChunkLimits {
    pub(crate) rows: usize,
    pub(crate) bytes: usize,
}

impl ChunkLimits {
    /// 1,024 rows or 512 KiB: large enough that handing a chunk between threads costs little
    /// against its rows, small enough that a few chunks a worker stay a few MiB.
    pub(crate) const DEFAULT: ChunkLimits = ChunkLimits { rows: 1024, bytes: 512 << 10 };
}

/// Buffers given back once their chunk is written, for the chunks to come: a long run reuses
/// the few that are in flight at once instead of asking the allocator, and the kernel for fresh
/// pages, for new ones every chunk (that was a fifth of the time of a JSON Lines row). It holds
/// no more buffers than were in flight at once.
#[derive(Default)]
pub(crate) struct Buffers {
    bytes: Mutex<Vec<Vec<u8>>>,
    ends: Mutex<Vec<Vec<usize>>>,
}

impl Buffers {
    /// An empty buffer of bytes, with room from an earlier chunk when there is one.
    pub(crate) fn bytes(&self) -> Vec<u8> {
        self.bytes.lock().unwrap_or_else(PoisonError::into_inner).pop().unwrap_or_default()
    }

    pub(crate) fn give_bytes(&self, mut bytes: Vec<u8>) {
        bytes.clear();
        self.bytes.lock().unwrap_or_else(PoisonError::into_inner).push(bytes);
    }

    fn ends(&self) -> Vec<usize> {
        self.ends.lock().unwrap_or_else(PoisonError::into_inner).pop().unwrap_or_default()
    }

    fn give_ends(&self, mut ends: Vec<usize>) {
        ends.clear();
        self.ends.lock().unwrap_or_else(PoisonError::into_inner).push(ends);
    }
}

/// Lines of JSON Lines, blank lines left out (their numbers still count).
pub(crate) struct LineChunk {
    /// The row number of the first line (rows count non-blank lines from 1).
    pub(crate) first_row: usize,
    bytes: Vec<u8>,
    /// Each line's number and where its bytes are, or `None` when it was over the limit.
    lines: Vec<(u64, Option<Range<usize>>)>,
    /// A failed read that ended the input after these lines.
    pub(crate) error: Option<io::Error>,
}

impl LineChunk {
    /// Each line as (row number, line number, bytes or `None` when over the limit).
    pub(crate) fn lines(&self) -> impl Iterator<Item = (usize, u64, Option<&[u8]>)> {
        self.lines
            .iter()
            .zip(self.first_row..)
            .map(|((number, range), row)| (row, *number, range.as_ref().map(|range| &self.bytes[range.clone()])))
    }

    pub(crate) fn bytes(&self) -> usize {
        self.bytes.len()
    }

    /// Gives the chunk's buffer back for the chunks to come.
    pub(crate) fn recycle(self, buffers: &Buffers) {
        buffers.give_bytes(self.bytes);
    }
}

/// A [`Lines`] reader cut into [`LineChunk`]s.
pub(crate) struct LineChunks<'b, R> {
    lines: Lines<R>,
    limits: ChunkLimits,
    buffers: &'b Buffers,
    next_row: usize,
    done: bool,
}

impl<R: BufRead> LineChunks<'_, R> {
    pub(crate) fn new(lines: Lines<R>, limits: ChunkLimits, buffers: &Buffers) -> LineChunks<'_, R> {
        LineChunks { lines, limits, buffers, next_row: 1, done: false }
    }
}

impl<R: BufRead> Iterator for LineChunks<'_, R> {
    type Item = LineChunk;

    fn next(&mut self) -> Option<LineChunk> {
        if self.done {
            return None;
        }
        let bytes = self.buffers.bytes();
        let mut chunk = LineChunk { first_row: self.next_row, bytes, lines: Vec::new(), error: None };
        while chunk.lines.len() < self.limits.rows && chunk.bytes.len() < self.limits.bytes {
            let start = chunk.bytes.len();
            match self.lines.read_into(&mut chunk.bytes) {
                None => {
                    self.done = true;
                    break;
                }
                Some(Err(error)) => {
                    chunk.error = Some(error);
                    self.done = true;
                    break;
                }
                Some(Ok((number, kept))) => {
                    let line = &chunk.bytes[start..];
                    // A first line that holds only the file's byte-order mark is blank too.
                    let line = if number == 1 { line.strip_prefix(BOM).unwrap_or(line) } else { line };
                    if kept && line.trim_ascii().is_empty() {
                        chunk.bytes.truncate(start);
                        continue;
                    }
                    chunk.lines.push((number, kept.then_some(start..chunk.bytes.len())));
                }
            }
        }
        self.next_row += chunk.lines.len();
        (!chunk.lines.is_empty() || chunk.error.is_some()).then_some(chunk)
    }
}

/// CSV records after the header.
pub(crate) struct RecordChunk {
    /// The row number of the first record (the first after the header is row 1).
    pub(crate) first_row: usize,
    bytes: Vec<u8>,
    /// Every kept record's field ends, counted from the start of `bytes`.
    ends: Vec<usize>,
    /// Each record's line and the range of its field ends in `ends`, or `None` when it was
    /// over the limit; and whether it held a quote.
    records: Vec<(u64, Option<Range<usize>>, bool)>,
    /// A failed read that ended the input after these records.
    pub(crate) error: Option<io::Error>,
}

/// One record's fields in a [`RecordChunk`].
pub(crate) struct ChunkFields<'c> {
    bytes: &'c [u8],
    ends: &'c [usize],
    /// Where the record's bytes start in `bytes`.
    start: usize,
    /// Whether the record held a quote: without one, no field holds a comma, a quote or a
    /// line break.
    pub(crate) quoted: bool,
}

impl<'c> ChunkFields<'c> {
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(crate) fn get(&self, index: usize) -> Option<&'c [u8]> {
        let end = *self.ends.get(index)?;
        let start = if index == 0 { self.start } else { self.ends[index - 1] };
        self.bytes.get(start..end)
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &'c [u8]> + '_ {
        (0..self.len()).filter_map(|index| self.get(index))
    }

    /// The fields as text into `texts` (emptied first), or the position of the first field
    /// that is not UTF-8. The record is checked whole, then cut at its field ends.
    pub(crate) fn texts(&self, texts: &mut Vec<&'c str>) -> Result<(), usize> {
        texts.clear();
        let end = self.ends.last().copied().unwrap_or(self.start);
        if let Ok(record) = std::str::from_utf8(&self.bytes[self.start..end]) {
            let mut start = 0;
            for &field_end in self.ends {
                let Some(text) = record.get(start..field_end - self.start) else { break };
                texts.push(text);
                start = field_end - self.start;
            }
            if texts.len() == self.ends.len() {
                return Ok(());
            }
        }
        // A field that is not UTF-8 (or a character cut between two fields): find which.
        texts.clear();
        for field in self.iter() {
            texts.push(std::str::from_utf8(field).map_err(|_| texts.len())?);
        }
        Ok(())
    }
}

impl RecordChunk {
    /// Each record as (row number, line number, fields or `None` when over the limit).
    pub(crate) fn records(&self) -> impl Iterator<Item = (usize, u64, Option<ChunkFields<'_>>)> {
        self.records.iter().zip(self.first_row..).map(|((line, range, quoted), row)| {
            let fields = range.as_ref().map(|range| {
                // A record's bytes start where the one before it ended.
                let start = if range.start == 0 { 0 } else { self.ends[range.start - 1] };
                ChunkFields { bytes: &self.bytes, ends: &self.ends[range.clone()], start, quoted: *quoted }
            });
            (row, *line, fields)
        })
    }

    pub(crate) fn bytes(&self) -> usize {
        self.bytes.len()
    }

    /// Gives the chunk's buffers back for the chunks to come.
    pub(crate) fn recycle(self, buffers: &Buffers) {
        buffers.give_bytes(self.bytes);
        buffers.give_ends(self.ends);
    }
}

/// A [`Records`] reader, past its header, cut into [`RecordChunk`]s.
pub(crate) struct RecordChunks<'b, R> {
    records: Records<R>,
    limits: ChunkLimits,
    buffers: &'b Buffers,
    next_row: usize,
    done: bool,
}

impl<R: BufRead> RecordChunks<'_, R> {
    pub(crate) fn new(records: Records<R>, limits: ChunkLimits, buffers: &Buffers) -> RecordChunks<'_, R> {
        RecordChunks { records, limits, buffers, next_row: 1, done: false }
    }
}

impl<R: BufRead> Iterator for RecordChunks<'_, R> {
    type Item = RecordChunk;

    fn next(&mut self) -> Option<RecordChunk> {
        if self.done {
            return None;
        }
        let mut chunk = RecordChunk {
            first_row: self.next_row,
            bytes: self.buffers.bytes(),
            ends: self.buffers.ends(),
            records: Vec::new(),
            error: None,
        };
        // Field ends weigh in too, so a chunk of records of empty fields stays bounded.
        let weight = |chunk: &RecordChunk| chunk.bytes.len() + chunk.ends.len() * size_of::<usize>();
        while chunk.records.len() < self.limits.rows && weight(&chunk) < self.limits.bytes {
            let first_end = chunk.ends.len();
            match self.records.read_into(&mut chunk.bytes, &mut chunk.ends) {
                None => {
                    self.done = true;
                    break;
                }
                Some(Err(error)) => {
                    chunk.error = Some(error);
                    self.done = true;
                    break;
                }
                Some(Ok((line, kept))) => {
                    let quoted = self.records.last_quoted();
                    chunk.records.push((line, kept.then_some(first_end..chunk.ends.len()), quoted));
                }
            }
        }
        self.next_row += chunk.records.len();
        (!chunk.records.is_empty() || chunk.error.is_some()).then_some(chunk)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: ChunkLimits = ChunkLimits { rows: 2, bytes: 1 << 20 };

    /// Each chunk's rows as (row, line, what was read, if it was kept).
    type Read<T> = Vec<Vec<(usize, u64, Option<T>)>>;

    #[test]
    fn lines_are_chunked_without_blank_lines_and_keep_their_numbers() {
        let text = b"\xef\xbb\xbf\r\na\n\n  \nbb\r\ncccc\n";
        let chunks: Vec<LineChunk> =
            LineChunks::new(Lines::with_limit(&text[..], 3), SMALL, &Buffers::default()).collect();
        let read: Read<Vec<u8>> = chunks
            .iter()
            .map(|chunk| chunk.lines().map(|(row, line, bytes)| (row, line, bytes.map(<[u8]>::to_vec))).collect())
            .collect();
        assert_eq!(read, [vec![(1, 2, Some(b"a".to_vec())), (2, 5, Some(b"bb".to_vec()))], vec![(3, 6, None)]]);
    }

    #[test]
    fn records_are_chunked_by_rows_and_by_bytes() {
        let text = b"a,b\n\"x\ny\",\n\ncc,dd\n";
        let read = |limits| -> Read<Vec<Vec<u8>>> {
            RecordChunks::new(Records::with_limit(&text[..], 4), limits, &Buffers::default())
                .map(|chunk| {
                    chunk
                        .records()
                        .map(|(row, line, fields)| (row, line, fields.map(|f| f.iter().map(<[u8]>::to_vec).collect())))
                        .collect()
                })
                .collect()
        };
        let rows = [
            (1, 1, Some(vec![b"a".to_vec(), b"b".to_vec()])),
            (2, 2, Some(vec![b"x\ny".to_vec(), Vec::new()])),
            (3, 5, None),
        ];
        assert_eq!(read(SMALL), [rows[..2].to_vec(), rows[2..].to_vec()]);
        // One byte closes a chunk after each record.
        let by_bytes = read(ChunkLimits { rows: 100, bytes: 1 });
        assert_eq!(by_bytes, rows.iter().map(|row| vec![row.clone()]).collect::<Vec<_>>());
    }
}
