//! Tables from Python: lists of id lists, lists of dicts and DataFrame columns, turned into the
//! core's cells. This module only says what kind of Python value each cell is; the core reads
//! every column and cell (`smartlib::Columns`, `Status::from_cell`) and scores the rows in
//! parallel, in order (`Catalog::summarize_many`), so a row gives here what it gives the CLI.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use smartlib::{BatchError, BatchOptions, Catalog, Cell, Column, Columns, Field, Status, Summary};

use crate::errors;

/// A cell read out of Python while the GIL is held, so scoring can run without it.
#[derive(Clone, Debug)]
pub(crate) enum Owned {
    Missing,
    Bool(bool),
    Number(f64),
    Text(String),
    List(Vec<Owned>),
    Status(Status),
    Other(&'static str),
}

impl Owned {
    /// A Python value by its kind: `None`, float `NaN`, `pd.NA` and `pd.NaT` are missing; a bool
    /// is a bool (before int, which it also is); numpy numbers are numbers; lists and tuples
    /// are lists.
    pub(crate) fn of(value: &Bound<'_, PyAny>) -> Owned {
        if value.is_none() {
            return Owned::Missing;
        }
        if let Ok(flag) = value.cast::<PyBool>() {
            return Owned::Bool(flag.is_true());
        }
        if let Ok(text) = value.cast::<PyString>() {
            return text.to_cow().map_or(Owned::Other("text that is not UTF-8"), |t| Owned::Text(t.into_owned()));
        }
        if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
            let items = value.try_iter().map(|items| items.flatten().map(|item| Owned::of(&item)).collect());
            return items.map_or(Owned::Other("a list"), Owned::List);
        }
        let type_name = value.get_type().name().map(|name| name.to_string()).unwrap_or_default();
        match type_name.as_str() {
            "NAType" | "NaTType" => return Owned::Missing,
            "bool_" | "bool" => return Owned::Bool(value.is_truthy().unwrap_or(false)),
            "dict" => return Owned::Other("an object"),
            _ => {}
        }
        if value.is_instance_of::<PyInt>()
            || value.is_instance_of::<PyFloat>()
            || value.hasattr("__float__").unwrap_or(false)
        {
            if let Ok(number) = value.extract::<f64>() {
                return Owned::Number(number);
            }
        }
        if value.hasattr("isoformat").unwrap_or(false) {
            Owned::Other("a date")
        } else {
            Owned::Other("a value of another kind")
        }
    }

    pub(crate) fn cell(&self) -> Cell<'_> {
        match self {
            Owned::Missing => Cell::Missing,
            Owned::Bool(flag) => Cell::Bool(*flag),
            Owned::Number(number) => Cell::Number(*number),
            Owned::Text(text) => Cell::Text(text),
            Owned::List(items) => Cell::List(items.iter().map(Owned::cell).collect()),
            Owned::Status(status) => Cell::Status(*status),
            Owned::Other(kind) => Cell::Other(kind),
        }
    }
}

/// What Python has to hand over for each column: the cells the core reads a status or an
/// amount from (`status`, `amount`), lists of ids (`ids`), or nothing (`carried`).
pub(crate) fn column_kinds(columns: &Columns) -> Vec<&'static str> {
    columns
        .kinds()
        .iter()
        .map(|kind| match kind {
            Column::Program(_) => "status",
            Column::Field(Field::Offers | Field::Piloting | Field::Planned | Field::Unknown | Field::Goals) => "ids",
            Column::Field(Field::Budget | Field::Staff | Field::Space) => "amount",
            _ => "carried",
        })
        .collect()
}

/// One column of a DataFrame as Python hands it over.
enum ColumnData {
    /// Not read: carried through by the caller.
    Carried,
    /// `codes[row]` indexes `values` (-1: missing), as `pandas.factorize` gives them.
    Coded { codes: Vec<i32>, values: Vec<Owned> },
    /// One value a row.
    Values(Vec<Owned>),
}

impl ColumnData {
    fn cell(&self, row: usize) -> Cell<'_> {
        match self {
            ColumnData::Carried => Cell::Missing,
            ColumnData::Coded { codes, values } => {
                usize::try_from(codes[row]).ok().and_then(|code| values.get(code)).map_or(Cell::Missing, Owned::cell)
            }
            ColumnData::Values(values) => values[row].cell(),
        }
    }
}

/// Reads one column's data: `None`, `("codes", int32 little-endian bytes, values)` or
/// `("values", list)`. A program column's distinct values that are statuses are read once here;
/// the others stay as they are, so the row that holds one reports it.
fn column_data(data: &Bound<'_, PyAny>, rows: usize, program: bool) -> PyResult<ColumnData> {
    if data.is_none() {
        return Ok(ColumnData::Carried);
    }
    let (kind, rest): (String, Bound<'_, PyTuple>) = (data.get_item(0)?.extract()?, data.cast::<PyTuple>()?.clone());
    let values_at = |index: usize| -> PyResult<Vec<Owned>> {
        rest.get_item(index)?.try_iter()?.map(|value| value.map(|value| Owned::of(&value))).collect()
    };
    let column = match kind.as_str() {
        "codes" => {
            let bytes = rest.get_item(1)?;
            let bytes = bytes.cast::<PyBytes>()?.as_bytes();
            let codes: Vec<i32> = bytes.chunks_exact(4).map(|b| i32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect();
            let mut values = values_at(2)?;
            if program {
                for value in &mut values {
                    if let Ok(status) = Status::from_cell(&value.cell()) {
                        *value = Owned::Status(status);
                    }
                }
            }
            ColumnData::Coded { codes, values }
        }
        "values" => ColumnData::Values(values_at(1)?),
        other => return Err(PyValueError::new_err(format!("unknown column data kind {other:?}"))),
    };
    let length = match &column {
        ColumnData::Coded { codes, .. } => codes.len(),
        ColumnData::Values(values) => values.len(),
        ColumnData::Carried => rows,
    };
    if length != rows {
        return Err(PyValueError::new_err(format!("a column holds {length} values for {rows} rows")));
    }
    Ok(column)
}

/// The batch answer as three little-endian buffers: levels, level maxima, top positions (-1
/// where there are fewer than `top`).
#[derive(Default)]
pub(crate) struct Buffers {
    levels: Vec<u8>,
    maxima: Vec<u8>,
    tops: Vec<u8>,
}

impl Buffers {
    fn with_rows(rows: usize, top: usize) -> Buffers {
        Buffers {
            levels: Vec::with_capacity(rows * 4),
            maxima: Vec::with_capacity(rows * 4),
            tops: Vec::with_capacity(rows * top * 4),
        }
    }

    fn push(&mut self, summary: &Summary, top: usize) {
        // Levels count tiers and positions count programs: far below u32 / i32 limits.
        #[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)]
        {
            self.levels.extend_from_slice(&(summary.level as u32).to_le_bytes());
            self.maxima.extend_from_slice(&(summary.level_range[1] as u32).to_le_bytes());
            for slot in 0..top {
                let position = summary.top.get(slot).map_or(-1, |&p| p as i32);
                self.tops.extend_from_slice(&position.to_le_bytes());
            }
        }
    }

    pub(crate) fn into_python<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let tuple = (PyBytes::new(py, &self.levels), PyBytes::new(py, &self.maxima), PyBytes::new(py, &self.tops));
        Ok(tuple.into_pyobject(py)?.into_any())
    }
}

/// Rows a worker takes at a time: one buffer of cells serves them all.
const BLOCK: usize = 256;

/// Scores `rows` rows, a block of row numbers at a time, with the GIL released; the first
/// error (in row order) stops the batch.
fn score<W>(py: Python<'_>, catalog: &Catalog, rows: usize, top: usize, work: W) -> PyResult<Buffers>
where
    W: Fn(&mut smartlib::Worker<'_>, std::ops::Range<usize>) -> Vec<smartlib::Result<Summary>> + Sync + Send,
{
    let blocks = (0..rows).step_by(BLOCK).map(|start| start..(start + BLOCK).min(rows));
    let options = BatchOptions::new(top).with_chunk(4);
    let outcome = py.detach(|| {
        let mut buffers = Buffers::with_rows(rows, top);
        catalog
            .summarize_many(blocks, options, work, |block| {
                block.into_iter().try_for_each(|summary| summary.map(|summary| buffers.push(&summary, top)))
            })
            .map(|()| buffers)
    });
    outcome.map_err(|error| match error {
        BatchError::Sink(error) => errors::engine(py, error),
        BatchError::Panicked => pyo3::exceptions::PyRuntimeError::new_err("a batch worker failed unexpectedly"),
    })
}

/// Scores a table given column by column (see `column_data`).
pub(crate) fn summarize_table(
    py: Python<'_>,
    catalog: &Catalog,
    names: Vec<String>,
    data: &Bound<'_, PyList>,
    rows: usize,
    top: usize,
) -> PyResult<Buffers> {
    let columns = catalog.columns(&names).map_err(|e| errors::engine(py, e))?;
    if data.len() != names.len() {
        return Err(PyValueError::new_err(format!("{} columns of data for {} names", data.len(), names.len())));
    }
    let data: Vec<ColumnData> = data
        .iter()
        .zip(columns.kinds())
        .map(|(column, kind)| column_data(&column, rows, matches!(kind, Column::Program(_))))
        .collect::<PyResult<_>>()?;
    score(py, catalog, rows, top, |worker, block| {
        let mut cells: Vec<Cell<'_>> = Vec::with_capacity(data.len());
        block
            .map(|row| {
                cells.clear();
                cells.extend(data.iter().map(|column| column.cell(row)));
                worker.summarize_row(&columns, row + 1, &cells)
            })
            .collect()
    })
}

/// A row given as a dict (keys are its columns) or as the ids it offers.
pub(crate) fn loose_row(value: &Bound<'_, PyAny>) -> PyResult<(Vec<String>, Vec<Owned>)> {
    match value.cast::<PyDict>() {
        Ok(dict) => dict
            .iter()
            .map(|(key, value)| {
                let key = key.extract::<String>().map_err(|_| PyValueError::new_err("row keys must be str"))?;
                Ok((key, Owned::of(&value)))
            })
            .collect::<PyResult<Vec<_>>>()
            .map(|pairs| pairs.into_iter().unzip()),
        Err(_) => Ok((vec!["offers".to_owned()], vec![Owned::of(value)])),
    }
}

/// Scores rows given as dicts or id lists, each with its own keys.
pub(crate) fn summarize_rows(
    py: Python<'_>,
    catalog: &Catalog,
    rows: &Bound<'_, PyAny>,
    top: usize,
) -> PyResult<Buffers> {
    let rows: Vec<(Vec<String>, Vec<Owned>)> = rows.try_iter()?.map(|row| loose_row(&row?)).collect::<PyResult<_>>()?;
    score(py, catalog, rows.len(), top, |worker, block| {
        block
            .map(|index| {
                let (names, cells) = &rows[index];
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                let columns = worker.loose_columns(&names)?;
                let cells: Vec<Cell<'_>> = cells.iter().map(Owned::cell).collect();
                worker.summarize_row(&columns, index + 1, &cells)
            })
            .collect()
    })
}
