//! Many profiles at once: [`Catalog::summarize_many`] reads and scores rows on worker threads
//! and hands the answers back in input order, with a bounded number of rows in flight, so
//! memory stays flat however long the input is. The CLI's `batch` and Python's `assess_many`
//! both run on it.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{Receiver, sync_channel};
use std::sync::{Arc, Mutex, PoisonError};

use crate::assess::{Scored, Summary};
use crate::catalog::Catalog;
use crate::cell::Cell;
use crate::error::Result;
use crate::model::Status;
use crate::profile::ResolvedProfile;
use crate::table::{ColumnBuffers, Columns};

/// How a batch runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct BatchOptions {
    /// How many recommendations each summary lists.
    pub top: usize,
    /// Worker threads; 1 runs everything on the calling thread.
    pub threads: usize,
    /// Rows a worker takes at a time.
    pub chunk: usize,
    /// With [`Catalog::summarize_many_weighed`], a chunk also closes once its rows weigh this
    /// much, so rows that are large one by one cannot fill memory.
    pub chunk_weight: usize,
}

impl BatchOptions {
    /// `top` recommendations a row, one worker per core (one where threads are not available,
    /// as in WebAssembly), 1,024 rows a chunk, and with weighed rows, at most 1 MiB of them.
    pub fn new(top: usize) -> BatchOptions {
        let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        BatchOptions { top, threads, chunk: 1024, chunk_weight: 1 << 20 }
    }

    /// The same with `threads` workers (at least 1).
    #[must_use]
    pub fn with_threads(self, threads: usize) -> BatchOptions {
        BatchOptions { threads: threads.max(1), ..self }
    }

    /// The same with `chunk` rows a chunk (at least 1).
    #[must_use]
    pub fn with_chunk(self, chunk: usize) -> BatchOptions {
        BatchOptions { chunk: chunk.max(1), ..self }
    }

    /// The same with chunks closing once their rows weigh `weight` (at least 1).
    #[must_use]
    pub fn with_chunk_weight(self, weight: usize) -> BatchOptions {
        BatchOptions { chunk_weight: weight.max(1), ..self }
    }
}

/// Why a batch stopped early.
#[derive(Debug, PartialEq, Eq)]
pub enum BatchError<E> {
    /// The sink refused a result (a write failed, a fatal input error).
    Sink(E),
    /// A worker panicked: a bug, reported instead of taking the process down.
    Panicked,
}

/// One worker's tools: the catalog, a profile it reuses for every row, and the column layouts
/// of the loose rows it read lately (rows of JSON Lines or dicts come in a few sets of keys).
pub struct Worker<'c> {
    catalog: &'c Catalog,
    top: usize,
    profile: ResolvedProfile,
    /// Key sets and their layouts, most recently used last.
    layouts: Vec<(Vec<String>, Arc<Columns>)>,
    /// For blocks read column by column: a profile a row, a column of statuses, the answers.
    block: Vec<ResolvedProfile>,
    buffers: ColumnBuffers,
    summary: Summary,
    scored: Vec<Scored>,
}

/// How many key sets a worker remembers: rows that leave optional keys out come in a few
/// sets, and working a layout out again checks every unknown key against every program id.
const LAYOUTS: usize = 16;

impl<'c> Worker<'c> {
    /// A worker for `catalog` listing `top` recommendations a row.
    pub fn new(catalog: &'c Catalog, top: usize) -> Worker<'c> {
        Worker {
            catalog,
            top,
            profile: catalog.blank_profile(),
            layouts: Vec::new(),
            block: Vec::new(),
            buffers: ColumnBuffers::default(),
            summary: Summary::default(),
            scored: Vec::new(),
        }
    }

    /// The catalog it scores against.
    pub fn catalog(&self) -> &'c Catalog {
        self.catalog
    }

    /// Fills the worker's profile with `fill` (which starts from a blank profile) and
    /// summarizes it.
    ///
    /// # Errors
    /// What `fill` returns.
    pub fn summarize(&mut self, fill: impl FnOnce(&Catalog, &mut ResolvedProfile) -> Result<()>) -> Result<Summary> {
        self.profile.clear();
        fill(self.catalog, &mut self.profile)?;
        self.catalog.summarize(&self.profile, self.top)
    }

    /// Reads and summarizes a row of a table whose columns are known.
    ///
    /// # Errors
    /// As [`Columns::read`].
    pub fn summarize_row(&mut self, columns: &Columns, row: usize, cells: &[Cell<'_>]) -> Result<Summary> {
        columns.read(self.catalog, row, cells, &mut self.profile)?;
        self.catalog.summarize(&self.profile, self.top)
    }

    /// As [`Worker::summarize_row`], into a summary whose lists are reused
    /// ([`Catalog::summarize_into`]).
    ///
    /// # Errors
    /// As [`Columns::read`].
    pub fn summarize_row_into(
        &mut self,
        columns: &Columns,
        row: usize,
        cells: &[Cell<'_>],
        summary: &mut Summary,
    ) -> Result<()> {
        columns.read(self.catalog, row, cells, &mut self.profile)?;
        self.catalog.summarize_into(&self.profile, self.top, summary)
    }

    /// Reads a row of a table whose columns are known and lists its top programs with their
    /// scores and reason kinds into `out` ([`Catalog::score_top`]).
    ///
    /// # Errors
    /// As [`Columns::read`].
    pub fn score_row(
        &mut self,
        columns: &Columns,
        row: usize,
        cells: &[Cell<'_>],
        out: &mut Vec<Scored>,
    ) -> Result<()> {
        columns.read(self.catalog, row, cells, &mut self.profile)?;
        self.catalog.score_top(&self.profile, self.top, out)
    }

    /// Reads a block of `rows` rows of a program-columns table column by column
    /// ([`Columns::read_by_column`]) and summarizes each: `each(row, summary)` gets them in
    /// order, `row` counting from 0 in the block. The fast way for DataFrames whose columns
    /// arrive as statuses (see [`Columns::levels_by_column`]).
    ///
    /// # Errors
    /// As [`Columns::read_by_column`].
    pub fn summarize_by_column(
        &mut self,
        columns: &Columns,
        rows: usize,
        statuses: impl FnMut(usize, &mut [Status]),
        mut each: impl FnMut(usize, &Summary),
    ) -> Result<()> {
        self.read_block(columns, rows, statuses)?;
        for (row, profile) in self.block[..rows].iter().enumerate() {
            self.catalog.summarize_into(profile, self.top, &mut self.summary)?;
            each(row, &self.summary);
        }
        Ok(())
    }

    /// As [`Worker::summarize_by_column`], listing each row's top programs with their scores
    /// and reason kinds ([`Catalog::score_top`]).
    ///
    /// # Errors
    /// As [`Columns::read_by_column`].
    pub fn score_by_column(
        &mut self,
        columns: &Columns,
        rows: usize,
        statuses: impl FnMut(usize, &mut [Status]),
        mut each: impl FnMut(usize, &[Scored]),
    ) -> Result<()> {
        self.read_block(columns, rows, statuses)?;
        for (row, profile) in self.block[..rows].iter().enumerate() {
            self.catalog.score_top(profile, self.top, &mut self.scored)?;
            each(row, &self.scored);
        }
        Ok(())
    }

    fn read_block(&mut self, columns: &Columns, rows: usize, statuses: impl FnMut(usize, &mut [Status])) -> Result<()> {
        if self.block.len() < rows {
            self.block.resize_with(rows, || self.catalog.blank_profile());
        }
        columns.read_by_column(self.catalog, statuses, &mut self.block[..rows], &mut self.buffers)
    }

    /// The column layout of a loose row (a JSON object, a dict) with these keys, worked out
    /// only for key sets this worker has not met lately.
    ///
    /// # Errors
    /// As [`Catalog::columns`]: errors about the keys, which carry no row.
    pub fn loose_columns(&mut self, names: &[&str]) -> Result<Arc<Columns>> {
        let known =
            self.layouts.iter().rposition(|(keys, _)| keys.iter().map(String::as_str).eq(names.iter().copied()));
        if let Some(position) = known {
            let layout = self.layouts.remove(position);
            let columns = Arc::clone(&layout.1);
            self.layouts.push(layout);
            return Ok(columns);
        }
        let columns = Arc::new(self.catalog.columns(names)?);
        if self.layouts.len() == LAYOUTS {
            self.layouts.remove(0);
        }
        self.layouts.push((names.iter().map(|name| (*name).to_owned()).collect(), Arc::clone(&columns)));
        Ok(columns)
    }
}

impl Catalog {
    /// Runs `work` over every row on `options.threads` workers and hands each result to
    /// `sink` in input order. At most twice as many chunks as workers are in flight, so memory
    /// is bounded by `options.chunk` whatever the number of rows; with one thread nothing is
    /// spawned.
    ///
    /// ```
    /// # let catalog = smartlib_core::Catalog::new(smartlib_core::testing::small_catalog()).unwrap();
    /// use smartlib_core::{BatchOptions, Cell};
    /// let columns = catalog.columns(&["lab", "wifi"])?;
    /// let rows = (1..=1000).map(|row| if row % 2 == 0 { "yes" } else { "no" });
    /// let mut levels = Vec::new();
    /// catalog.summarize_many(
    ///     rows.enumerate(),
    ///     BatchOptions::new(3).with_threads(2).with_chunk(64),
    ///     |worker, (index, cell)| worker.summarize_row(&columns, index + 1, &[Cell::Text(cell), Cell::Text(cell)]),
    ///     |summary| {
    ///         levels.push(summary.map(|s| s.level_range));
    ///         Ok::<(), ()>(())
    ///     },
    /// ).unwrap();
    /// assert_eq!(levels.len(), 1000);
    /// assert_eq!(levels[..2], [Ok([0, 0]), Ok([1, 3])]);
    /// # Ok::<(), smartlib_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`BatchError::Sink`] with the first error `sink` returns (the batch stops there), or
    /// [`BatchError::Panicked`] if `work` panicked.
    pub fn summarize_many<T, U, E, I, W, S>(
        &self,
        rows: I,
        options: BatchOptions,
        work: W,
        sink: S,
    ) -> Result<(), BatchError<E>>
    where
        I: Iterator<Item = T> + Send,
        T: Send,
        U: Send,
        W: Fn(&mut Worker<'_>, T) -> U + Sync,
        S: FnMut(U) -> Result<(), E>,
    {
        self.summarize_many_weighed(rows, options, |_| 0, work, sink)
    }

    /// As [`Catalog::summarize_many`], with a chunk closing early once its rows weigh
    /// `options.chunk_weight` by `weigh` (bytes, say): memory in flight is then bounded by
    /// weight as well as by count, however large single rows are.
    ///
    /// # Errors
    /// As [`Catalog::summarize_many`].
    pub fn summarize_many_weighed<T, U, E, I, G, W, S>(
        &self,
        rows: I,
        options: BatchOptions,
        weigh: G,
        work: W,
        mut sink: S,
    ) -> Result<(), BatchError<E>>
    where
        I: Iterator<Item = T> + Send,
        T: Send,
        U: Send,
        G: Fn(&T) -> usize + Send,
        W: Fn(&mut Worker<'_>, T) -> U + Sync,
        S: FnMut(U) -> Result<(), E>,
    {
        if options.threads <= 1 {
            let mut worker = Worker::new(self, options.top);
            for row in rows {
                let result =
                    catch_unwind(AssertUnwindSafe(|| work(&mut worker, row))).map_err(|_| BatchError::Panicked)?;
                sink(result).map_err(BatchError::Sink)?;
            }
            return Ok(());
        }
        let in_flight = 2 * options.threads;
        std::thread::scope(|scope| {
            let (chunks_in, chunks) = sync_channel::<(usize, Vec<T>)>(in_flight);
            let (results_in, results) = sync_channel::<(usize, Option<Vec<U>>)>(in_flight);
            // A token a chunk in flight: the reader takes one before it reads a chunk, the
            // sink gives one back after it has emptied one.
            let (tokens_in, tokens) = sync_channel::<()>(in_flight);
            for _ in 0..in_flight {
                let _ = tokens_in.send(());
            }
            scope.spawn(move || {
                let mut rows = rows;
                for sequence in 0.. {
                    if tokens.recv().is_err() {
                        break;
                    }
                    let mut chunk = Vec::new();
                    let mut weight = 0;
                    while chunk.len() < options.chunk && weight < options.chunk_weight {
                        let Some(row) = rows.next() else { break };
                        weight += weigh(&row);
                        chunk.push(row);
                    }
                    if chunk.is_empty() || chunks_in.send((sequence, chunk)).is_err() {
                        break;
                    }
                }
            });
            let chunks = Arc::new(Mutex::new(chunks));
            for _ in 0..options.threads {
                let (chunks, results_in, work) = (Arc::clone(&chunks), results_in.clone(), &work);
                scope.spawn(move || {
                    let mut worker = Worker::new(self, options.top);
                    while let Some((sequence, chunk)) = next_chunk(&chunks) {
                        let done = catch_unwind(AssertUnwindSafe(|| {
                            chunk.into_iter().map(|row| work(&mut worker, row)).collect::<Vec<U>>()
                        }))
                        .ok();
                        if results_in.send((sequence, done)).is_err() {
                            break;
                        }
                    }
                });
            }
            drop((chunks, results_in));
            let mut waiting = BTreeMap::new();
            let mut next = 0;
            let outcome = 'emit: loop {
                let Ok((sequence, done)) = results.recv() else { break Ok(()) };
                waiting.insert(sequence, done);
                while let Some(done) = waiting.remove(&next) {
                    let Some(chunk) = done else { break 'emit Err(BatchError::Panicked) };
                    for result in chunk {
                        if let Err(error) = sink(result) {
                            break 'emit Err(BatchError::Sink(error));
                        }
                    }
                    next += 1;
                    let _ = tokens_in.send(());
                }
            };
            // Stopping early: closing these ends the reader and the workers.
            drop((results, tokens_in));
            outcome
        })
    }
}

/// The next chunk for a worker, or `None` when the reader is done.
fn next_chunk<T>(chunks: &Mutex<Receiver<T>>) -> Option<T> {
    chunks.lock().unwrap_or_else(PoisonError::into_inner).recv().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::small_catalog;

    fn catalog() -> Catalog {
        Catalog::new(small_catalog()).expect("valid")
    }

    #[test]
    fn many_threads_keep_input_order_and_equal_one_thread() {
        let catalog = catalog();
        let columns = catalog.columns(&["lab", "wifi", "classes", "lending", "advanced"]).expect("columns");
        let words = ["yes", "no", "", "piloting", "planned", "maybe"];
        let rows: Vec<[&str; 5]> =
            (0..5000).map(|i| std::array::from_fn(|j| words[(i * 7 + j * 3 + i / 5) % 6])).collect();
        let run = |threads: usize| {
            let mut out = Vec::new();
            catalog
                .summarize_many(
                    rows.iter().enumerate(),
                    BatchOptions::new(3).with_threads(threads).with_chunk(97),
                    |worker, (index, row)| {
                        let cells: Vec<Cell<'_>> = row.iter().map(|text| Cell::Text(text)).collect();
                        (index, worker.summarize_row(&columns, index + 1, &cells))
                    },
                    |result| {
                        out.push(result);
                        Ok::<(), ()>(())
                    },
                )
                .expect("runs");
            out
        };
        let one = run(1);
        assert_eq!(one.len(), rows.len());
        assert!(one.iter().enumerate().all(|(i, (index, _))| i == *index));
        assert!(one.iter().any(|(_, result)| result.is_err()) && one.iter().any(|(_, result)| result.is_ok()));
        assert_eq!(run(4), one);
    }

    #[test]
    fn a_sink_error_stops_the_batch_and_a_panic_is_reported() {
        let catalog = catalog();
        for threads in [1, 3] {
            let mut seen = 0;
            let options = BatchOptions::new(1).with_threads(threads).with_chunk(10);
            let stopped = catalog.summarize_many(
                0..1_000_000u32,
                options,
                |_, row| row,
                |row| {
                    seen += 1;
                    if row == 25 { Err("stop") } else { Ok(()) }
                },
            );
            assert_eq!(stopped, Err(BatchError::Sink("stop")));
            assert_eq!(seen, 26);
            let panicked =
                catalog.summarize_many(0..100u32, options, |_, row| assert!(row != 50), |()| Ok::<(), ()>(()));
            assert_eq!(panicked, Err(BatchError::Panicked));
        }
    }

    /// The most rows read ahead of the sink over a batch of 10,000 rows weighing 5 each.
    fn most_read_ahead(catalog: &Catalog, chunk_weight: usize) -> usize {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let read = AtomicUsize::new(0);
        let mut most = 0;
        let options = BatchOptions::new(1).with_threads(2).with_chunk(1000).with_chunk_weight(chunk_weight);
        let weigh = |_: &u32| {
            read.fetch_add(1, Ordering::SeqCst);
            5
        };
        let outcome = catalog.summarize_many_weighed(
            0..10_000u32,
            options,
            weigh,
            |_, row| row,
            |row| {
                most = most.max(read.load(Ordering::SeqCst) - row as usize);
                Ok::<(), ()>(())
            },
        );
        assert_eq!(outcome, Ok(()));
        most
    }

    #[test]
    fn heavy_rows_close_chunks_early_so_few_are_read_ahead() {
        let catalog = catalog();
        // Two rows a chunk, at most four chunks in flight and one being filled.
        let weighed = most_read_ahead(&catalog, 10);
        assert!(weighed <= 2 * 5, "{weighed}");
        // By count alone a chunk holds 1,000 rows.
        assert!(most_read_ahead(&catalog, usize::MAX) > 1000);
    }

    #[test]
    fn loose_rows_reuse_their_layout_until_the_keys_change() {
        let catalog = catalog();
        let mut worker = Worker::new(&catalog, 2);
        let first = worker.loose_columns(&["id", "offers"]).expect("columns");
        let again = worker.loose_columns(&["id", "offers"]).expect("columns");
        assert!(Arc::ptr_eq(&first, &again));
        assert_eq!(worker.summarize_row(&first, 1, &[Cell::Text("a"), Cell::Text("lab")]).map(|s| s.level), Ok(0));
        let other = worker.loose_columns(&["lab", "wifi", "classes"]).expect("columns");
        assert!(!Arc::ptr_eq(&first, &other));
        // Alternating key sets keep their layouts.
        assert!(Arc::ptr_eq(&first, &worker.loose_columns(&["id", "offers"]).expect("columns")));
        let summary = worker.summarize_row(&other, 2, &[Cell::Bool(true), Cell::Bool(true), Cell::Bool(true)]);
        assert_eq!(summary.map(|s| s.level), Ok(1));
        assert_eq!(worker.loose_columns(&["offer"]).unwrap_err().row(), None);
    }
}
