//! Tables from Python, turned into the core's cells: lists of id lists, lists of dicts, pandas
//! columns (codes into each column's distinct values) and polars frames (Arrow IPC, read here,
//! so polars needs neither pandas nor numpy). This module only says what kind of value each
//! cell is; the core reads every column and cell (`smartlib::Columns`, `Status::from_cell`) and
//! scores the rows in parallel, in order (`Catalog::summarize_many`), so a row gives here what it
//! gives the CLI. The answers come back as columns: little-endian buffers for pandas, Arrow IPC
//! for polars.

use std::io::Cursor;
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Float32Type, Float64Type, Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{
    Array, ArrayRef, ArrowPrimitiveType, BooleanArray, Float64Array, Int8Array, Int16Array, Int32Array,
    LargeStringArray, OffsetSizeTrait, RecordBatch, StringArray, StringViewArray, UInt8Array, UInt16Array, UInt32Array,
};
use arrow_buffer::{Buffer, NullBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field as ArrowField, Schema};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use smartlib::{
    Action, BatchError, BatchOptions, Catalog, Cell, Column, Columns, Field, ReasonKind, Scored, Status, Summary,
    Worker,
};

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

    /// A cell kept beyond the data it borrows from.
    fn of_cell(cell: &Cell<'_>) -> Owned {
        match cell {
            Cell::Missing => Owned::Missing,
            Cell::Bool(flag) => Owned::Bool(*flag),
            Cell::Number(number) => Owned::Number(*number),
            Cell::Text(text) => Owned::Text((*text).to_owned()),
            Cell::List(items) => Owned::List(items.iter().map(Owned::of_cell).collect()),
            Cell::Status(status) => Owned::Status(*status),
            Cell::Other(kind) => Owned::Other(kind),
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

/// Codes into a column's distinct values, one a row (negative: missing).
enum Codes<'a> {
    /// Little-endian signed codes of 1, 2 or 4 bytes, read in place in the bytes Python handed
    /// over (kept alive, and immutable, while the batch runs).
    Bytes {
        bytes: &'a [u8],
        width: usize,
    },
    /// Codes worked out here.
    I8(Vec<i8>),
    I32(Vec<i32>),
}

impl<'a> Codes<'a> {
    /// Little-endian signed codes of 1, 2 or 4 bytes, `rows` of them.
    fn from_bytes(bytes: &'a [u8], rows: usize) -> PyResult<Codes<'a>> {
        let width = bytes.len().checked_div(rows).unwrap_or(1);
        if width * rows != bytes.len() {
            return Err(PyValueError::new_err(format!("{} bytes of codes for {rows} rows", bytes.len())));
        }
        if ![1, 2, 4].contains(&width) {
            return Err(PyValueError::new_err(format!("codes of {width} bytes; expected 1, 2 or 4")));
        }
        Ok(Codes::Bytes { bytes, width })
    }

    fn len(&self) -> usize {
        match self {
            Codes::Bytes { bytes, width } => bytes.len() / width,
            Codes::I8(codes) => codes.len(),
            Codes::I32(codes) => codes.len(),
        }
    }

    fn get(&self, row: usize) -> Option<usize> {
        let code = match self {
            Codes::Bytes { bytes, width: 1 } => i32::from(i8::from_le_bytes([bytes[row]])),
            Codes::Bytes { bytes, width: 2 } => i32::from(i16::from_le_bytes([bytes[2 * row], bytes[2 * row + 1]])),
            Codes::Bytes { bytes, .. } => {
                let at = 4 * row;
                i32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
            }
            Codes::I8(codes) => i32::from(codes[row]),
            Codes::I32(codes) => codes[row],
        };
        usize::try_from(code).ok()
    }
}

/// Text values of an Arrow column, in any of the three layouts polars may write.
enum Strings {
    Utf8(StringArray),
    Large(LargeStringArray),
    View(StringViewArray),
}

impl Strings {
    fn of(array: &dyn Array) -> Option<Strings> {
        match array.data_type() {
            DataType::Utf8 => Some(Strings::Utf8(array.as_string::<i32>().clone())),
            DataType::LargeUtf8 => Some(Strings::Large(array.as_string::<i64>().clone())),
            DataType::Utf8View => Some(Strings::View(array.as_string_view().clone())),
            _ => None,
        }
    }

    fn cell(&self, row: usize) -> Cell<'_> {
        let (missing, text) = match self {
            Strings::Utf8(array) => (array.is_null(row), array.value(row)),
            Strings::Large(array) => (array.is_null(row), array.value(row)),
            Strings::View(array) => (array.is_null(row), array.value(row)),
        };
        if missing { Cell::Missing } else { Cell::Text(text) }
    }
}

/// One column as Python hands it over.
enum ColumnData<'a> {
    /// Not read: carried through by the caller.
    Carried,
    /// Every cell missing (a polars column of nulls).
    Missing,
    /// `codes[row]` indexes `values`, as `pandas.factorize` gives them.
    Coded { codes: Codes<'a>, values: Vec<Owned> },
    /// Booleans, as Arrow keeps them: a bit a row, and a bit for missing.
    Bools(BooleanArray),
    /// One value a row.
    Values(&'a [Owned]),
    /// Numbers, `NaN` where missing (the core reads `NaN` as missing).
    Numbers(Vec<f64>),
    /// Text, as written.
    Text(Strings),
    /// Lists (of ids), each the items from `offsets[row]` to `offsets[row + 1]`.
    Lists { offsets: Vec<usize>, nulls: Option<NullBuffer>, items: Box<ColumnData<'a>> },
    /// Values of a kind the core refuses, by its name for messages.
    Other { nulls: Option<NullBuffer>, kind: &'static str },
}

impl<'a> ColumnData<'a> {
    fn len(&self, rows: usize) -> usize {
        match self {
            ColumnData::Carried | ColumnData::Missing => rows,
            ColumnData::Coded { codes, .. } => codes.len(),
            ColumnData::Bools(array) => array.len(),
            ColumnData::Values(values) => values.len(),
            ColumnData::Numbers(numbers) => numbers.len(),
            ColumnData::Text(Strings::Utf8(array)) => array.len(),
            ColumnData::Text(Strings::Large(array)) => array.len(),
            ColumnData::Text(Strings::View(array)) => array.len(),
            ColumnData::Lists { offsets, .. } => offsets.len().saturating_sub(1),
            ColumnData::Other { nulls, .. } => nulls.as_ref().map_or(rows, NullBuffer::len),
        }
    }

    fn cell(&self, row: usize) -> Cell<'_> {
        match self {
            ColumnData::Carried | ColumnData::Missing => Cell::Missing,
            ColumnData::Coded { codes, values } => {
                codes.get(row).and_then(|code| values.get(code)).map_or(Cell::Missing, Owned::cell)
            }
            ColumnData::Bools(array) => {
                if array.is_null(row) {
                    Cell::Missing
                } else {
                    Cell::Bool(array.value(row))
                }
            }
            ColumnData::Values(values) => values[row].cell(),
            ColumnData::Numbers(numbers) => Cell::Number(numbers[row]),
            ColumnData::Text(strings) => strings.cell(row),
            ColumnData::Lists { offsets, nulls, items } => {
                if nulls.as_ref().is_some_and(|nulls| nulls.is_null(row)) {
                    Cell::Missing
                } else {
                    Cell::List((offsets[row]..offsets[row + 1]).map(|item| items.cell(item)).collect())
                }
            }
            ColumnData::Other { nulls, kind } => {
                if nulls.as_ref().is_some_and(|nulls| nulls.is_null(row)) {
                    Cell::Missing
                } else {
                    Cell::Other(kind)
                }
            }
        }
    }

    /// A program column's distinct values that are statuses are read once here; the others
    /// stay as they are, so the row that holds one reports it. Numbers that are all 1, 0 or
    /// missing become codes too.
    fn with_statuses(self) -> ColumnData<'a> {
        let mut column = match self {
            ColumnData::Numbers(numbers) if numbers.iter().all(|&n| n == 0.0 || n == 1.0 || n.is_nan()) => {
                // `n as i8` is 0 or 1 here; NaN (missing) is -1.
                #[allow(clippy::cast_possible_truncation)]
                let codes = numbers.iter().map(|&n| if n.is_nan() { -1 } else { n as i8 }).collect();
                ColumnData::Coded { codes: Codes::I8(codes), values: vec![Owned::Number(0.0), Owned::Number(1.0)] }
            }
            other => other,
        };
        if let ColumnData::Coded { values, .. } = &mut column {
            for value in values {
                if let Ok(status) = Status::from_cell(&value.cell()) {
                    *value = Owned::Status(status);
                }
            }
        }
        column
    }

    /// A program column's statuses by code, when every cell holds one (a missing value is
    /// unknown): what a levels-only batch reads column by column.
    fn statuses(&self) -> Option<Vec<Status>> {
        match self {
            ColumnData::Missing => Some(Vec::new()),
            // By code: false is 0, true is 1.
            ColumnData::Bools(_) => {
                [false, true].iter().map(|&flag| Status::from_cell(&Cell::Bool(flag)).ok()).collect()
            }
            ColumnData::Coded { values, .. } => values
                .iter()
                .map(|value| match value {
                    Owned::Status(status) => Some(*status),
                    _ => None,
                })
                .collect(),
            _ => None,
        }
    }

    /// Fills `out` with the statuses of the cells of `rows`, by code from `statuses` (see
    /// [`ColumnData::statuses`]).
    fn fill_statuses(&self, statuses: &[Status], rows: std::ops::Range<usize>, out: &mut [Status]) {
        let of = |code: Option<usize>| code.and_then(|code| statuses.get(code)).copied().unwrap_or(Status::Unknown);
        match self {
            ColumnData::Coded { codes, .. } if matches!(codes, Codes::Bytes { width: 1, .. } | Codes::I8(_)) => {
                // A table by the code's byte: codes are below 128, and -1 (missing) is 255.
                let mut by_byte = [Status::Unknown; 256];
                by_byte[..statuses.len().min(128)].copy_from_slice(&statuses[..statuses.len().min(128)]);
                let lookup = |byte: u8| by_byte[usize::from(byte)];
                match codes {
                    Codes::Bytes { bytes, .. } => {
                        out.iter_mut().zip(&bytes[rows]).for_each(|(out, &byte)| *out = lookup(byte));
                    }
                    Codes::I8(codes) => {
                        out.iter_mut().zip(&codes[rows]).for_each(|(out, &code)| *out = lookup(code.to_le_bytes()[0]));
                    }
                    Codes::I32(_) => {}
                }
            }
            ColumnData::Coded { codes, .. } => {
                out.iter_mut().zip(rows).for_each(|(out, row)| *out = of(codes.get(row)));
            }
            ColumnData::Bools(array) => {
                let flags = array.values().slice(rows.start, rows.len());
                let valid = array.nulls().map(|nulls| nulls.inner().slice(rows.start, rows.len()));
                let by_flag = [of(Some(0)), of(Some(1))];
                let aligned = |bits: &arrow_buffer::BooleanBuffer| bits.offset() % 8 == 0;
                if aligned(&flags) && valid.as_ref().is_none_or(aligned) {
                    // Eight cells a byte: no bit iterator.
                    let flags = &flags.values()[flags.offset() / 8..];
                    let valid = valid.as_ref().map(|valid| &valid.values()[valid.offset() / 8..]);
                    for (at, cells) in out.chunks_mut(8).enumerate() {
                        let (flag, valid) = (flags[at], valid.map_or(u8::MAX, |valid| valid[at]));
                        for (bit, cell) in cells.iter_mut().enumerate() {
                            *cell = if valid >> bit & 1 == 0 {
                                Status::Unknown
                            } else {
                                by_flag[usize::from(flag >> bit & 1)]
                            };
                        }
                    }
                } else {
                    let valid = valid.map_or_else(|| vec![true; rows.len()], |valid| valid.iter().collect());
                    for ((cell, flag), valid) in out.iter_mut().zip(flags.iter()).zip(valid) {
                        *cell = if valid { by_flag[usize::from(flag)] } else { Status::Unknown };
                    }
                }
            }
            _ => out.fill(Status::Unknown),
        }
    }

    /// An Arrow column (from polars) by the kind of its values.
    fn of_arrow(array: &dyn Array) -> ColumnData<'static> {
        let nulls = || array.logical_nulls();
        match array.data_type() {
            DataType::Null => ColumnData::Missing,
            DataType::Boolean => ColumnData::Bools(array.as_boolean().clone()),
            DataType::Int8 => numbers::<Int8Type>(array),
            DataType::Int16 => numbers::<Int16Type>(array),
            DataType::Int32 => numbers::<Int32Type>(array),
            DataType::Int64 => numbers::<Int64Type>(array),
            DataType::UInt8 => numbers::<UInt8Type>(array),
            DataType::UInt16 => numbers::<UInt16Type>(array),
            DataType::UInt32 => numbers::<UInt32Type>(array),
            DataType::UInt64 => numbers::<UInt64Type>(array),
            DataType::Float32 => numbers::<Float32Type>(array),
            DataType::Float64 => numbers::<Float64Type>(array),
            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => {
                Strings::of(array).map_or(ColumnData::Other { nulls: nulls(), kind: "text" }, ColumnData::Text)
            }
            DataType::Dictionary(_, _) => dictionary(array),
            DataType::List(_) => lists(array.as_list::<i32>()),
            DataType::LargeList(_) => lists(array.as_list::<i64>()),
            DataType::Date32
            | DataType::Date64
            | DataType::Timestamp(_, _)
            | DataType::Time32(_)
            | DataType::Time64(_) => ColumnData::Other { nulls: nulls(), kind: "a date" },
            DataType::Struct(_) | DataType::Map(_, _) => ColumnData::Other { nulls: nulls(), kind: "an object" },
            _ => ColumnData::Other { nulls: nulls(), kind: "a value of another kind" },
        }
    }
}

/// A column of numbers of any Arrow primitive type, as the `f64`s the core reads.
fn numbers<T: ArrowPrimitiveType>(array: &dyn Array) -> ColumnData<'static>
where
    T::Native: Into<AsF64>,
{
    let array = array.as_primitive::<T>();
    ColumnData::Numbers(
        (0..array.len()).map(|row| if array.is_null(row) { f64::NAN } else { array.value(row).into().0 }).collect(),
    )
}

/// A number as the `f64` the core reads (large integers lose precision, as they do in pandas).
struct AsF64(f64);

macro_rules! as_f64 {
    ($($native:ty),*) => {$(
        impl From<$native> for AsF64 {
            #[allow(clippy::cast_precision_loss, clippy::cast_lossless)]
            fn from(value: $native) -> AsF64 {
                AsF64(value as f64)
            }
        }
    )*};
}
as_f64!(i8, i16, i32, i64, u8, u16, u32, u64, f32, f64);

/// A dictionary column (polars `Categorical` and `Enum`): each distinct value once, and a code
/// a row.
fn dictionary(array: &dyn Array) -> ColumnData<'static> {
    let Some(dictionary) = array.as_any_dictionary_opt() else {
        return ColumnData::Other { nulls: array.logical_nulls(), kind: "a value of another kind" };
    };
    let values = ColumnData::of_arrow(dictionary.values().as_ref());
    let values: Vec<Owned> = (0..dictionary.values().len()).map(|value| Owned::of_cell(&values.cell(value))).collect();
    let keys = dictionary.normalized_keys();
    let nulls = array.logical_nulls();
    let codes = keys.iter().enumerate().map(|(row, &key)| {
        let missing = nulls.as_ref().is_some_and(|nulls| nulls.is_null(row));
        if missing { -1 } else { i32::try_from(key).unwrap_or(-1) }
    });
    ColumnData::Coded { codes: Codes::I32(codes.collect()), values }
}

fn lists<O: OffsetSizeTrait>(array: &arrow_array::GenericListArray<O>) -> ColumnData<'static> {
    ColumnData::Lists {
        offsets: array.value_offsets().iter().map(|offset| offset.as_usize()).collect(),
        nulls: array.logical_nulls(),
        items: Box::new(ColumnData::of_arrow(array.values().as_ref())),
    }
}

/// One pandas column as Python hands it over: `None` (carried), `("codes", signed
/// little-endian bytes, values)` or `("values", list)`. The bytes object is kept, so the batch
/// reads the codes where they are.
pub(crate) enum Handed<'py> {
    Carried,
    Codes(Bound<'py, PyBytes>, Vec<Owned>),
    Values(Vec<Owned>),
}

impl<'py> Handed<'py> {
    pub(crate) fn all(data: &Bound<'py, PyList>) -> PyResult<Vec<Handed<'py>>> {
        data.iter().map(|column| Handed::of(&column)).collect()
    }

    fn of(data: &Bound<'py, PyAny>) -> PyResult<Handed<'py>> {
        if data.is_none() {
            return Ok(Handed::Carried);
        }
        let rest = data.cast::<PyTuple>()?;
        let kind: String = rest.get_item(0)?.extract()?;
        let values_at = |index: usize| -> PyResult<Vec<Owned>> {
            rest.get_item(index)?.try_iter()?.map(|value| value.map(|value| Owned::of(&value))).collect()
        };
        Ok(match kind.as_str() {
            "codes" => Handed::Codes(rest.get_item(1)?.cast_into::<PyBytes>()?, values_at(2)?),
            "values" => Handed::Values(values_at(1)?),
            other => return Err(PyValueError::new_err(format!("unknown column data kind {other:?}"))),
        })
    }

    fn column_data(&self, rows: usize) -> PyResult<ColumnData<'_>> {
        Ok(match self {
            Handed::Carried => ColumnData::Carried,
            Handed::Codes(bytes, values) => {
                ColumnData::Coded { codes: Codes::from_bytes(bytes.as_bytes(), rows)?, values: values.clone() }
            }
            Handed::Values(values) => ColumnData::Values(values),
        })
    }
}

/// A table given column by column, read by the core's `Columns`.
pub(crate) struct Table<'a> {
    columns: Columns,
    data: Vec<ColumnData<'a>>,
    rows: usize,
}

impl<'a> Table<'a> {
    fn new(
        py: Python<'_>,
        catalog: &Catalog,
        names: &[String],
        data: Vec<ColumnData<'a>>,
        rows: usize,
    ) -> PyResult<Table<'a>> {
        let columns = catalog.columns(names).map_err(|e| errors::engine(py, e))?;
        if data.len() != names.len() {
            return Err(PyValueError::new_err(format!("{} columns of data for {} names", data.len(), names.len())));
        }
        let data: Vec<ColumnData<'a>> = data
            .into_iter()
            .zip(columns.kinds())
            .map(|(data, kind)| if matches!(kind, Column::Program(_)) { data.with_statuses() } else { data })
            .collect();
        if let Some(length) = data.iter().map(|column| column.len(rows)).find(|&length| length != rows) {
            return Err(PyValueError::new_err(format!("a column holds {length} values for {rows} rows")));
        }
        Ok(Table { columns, data, rows })
    }

    /// A pandas table: names and each column as handed over (see [`Handed`]).
    pub(crate) fn from_pandas(
        py: Python<'_>,
        catalog: &Catalog,
        names: &[String],
        data: &'a [Handed<'_>],
        rows: usize,
    ) -> PyResult<Table<'a>> {
        let data = data.iter().map(|column| column.column_data(rows)).collect::<PyResult<Vec<_>>>()?;
        Table::new(py, catalog, names, data, rows)
    }

    /// A polars table as an Arrow IPC file.
    pub(crate) fn from_arrow(py: Python<'_>, catalog: &Catalog, ipc: &[u8]) -> PyResult<Table<'static>> {
        let arrow = |error: arrow_schema::ArrowError| PyValueError::new_err(format!("reading Arrow data: {error}"));
        let reader = arrow_ipc::reader::FileReader::try_new(Cursor::new(ipc), None).map_err(arrow)?;
        let schema = reader.schema();
        let batches = reader.collect::<Result<Vec<RecordBatch>, _>>().map_err(arrow)?;
        let names: Vec<String> = schema.fields().iter().map(|field| field.name().clone()).collect();
        let rows = batches.iter().map(RecordBatch::num_rows).sum();
        let data = py.detach(|| {
            (0..names.len())
                .map(|column| {
                    let chunks: Vec<&dyn Array> = batches.iter().map(|batch| batch.column(column).as_ref()).collect();
                    let whole = match chunks.as_slice() {
                        [_] => Ok(Arc::clone(batches[0].column(column))),
                        [] => Ok(arrow_array::new_empty_array(schema.field(column).data_type())),
                        _ => arrow_select::concat::concat(&chunks),
                    };
                    whole.map(|array| ColumnData::of_arrow(array.as_ref()))
                })
                .collect::<Result<Vec<_>, _>>()
        });
        Table::new(py, catalog, &names, data.map_err(arrow)?, rows)
    }

    /// Reads row `row` (from 0) into `cells`.
    fn cells<'t>(&'t self, row: usize, cells: &mut Vec<Cell<'t>>) {
        cells.clear();
        cells.extend(self.data.iter().map(|column| column.cell(row)));
    }
}

/// Rows given as dicts (keys are their columns) or id lists, each with its own keys.
pub(crate) struct Loose(Vec<(Vec<String>, Vec<Owned>)>);

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

impl Loose {
    pub(crate) fn from_python(rows: &Bound<'_, PyAny>) -> PyResult<Loose> {
        rows.try_iter()?.map(|row| loose_row(&row?)).collect::<PyResult<_>>().map(Loose)
    }
}

/// What the batch kernel does with a row once it is read: scores it.
type Answer<'t, 'f> = dyn FnMut(&mut Worker<'_>, &Columns, &[Cell<'t>]) -> smartlib::Result<()> + 'f;

/// A table the batch kernel reads row by row.
trait Rows: Sync {
    fn len(&self) -> usize;

    /// Reads row `row` (from 0) with `worker`, then `answer` scores it.
    fn read<'t>(
        &'t self,
        worker: &mut Worker<'_>,
        row: usize,
        cells: &mut Vec<Cell<'t>>,
        answer: &mut Answer<'t, '_>,
    ) -> smartlib::Result<()>;
}

impl Rows for Table<'_> {
    fn len(&self) -> usize {
        self.rows
    }

    fn read<'t>(
        &'t self,
        worker: &mut Worker<'_>,
        row: usize,
        cells: &mut Vec<Cell<'t>>,
        answer: &mut Answer<'t, '_>,
    ) -> smartlib::Result<()> {
        self.cells(row, cells);
        answer(worker, &self.columns, cells)
    }
}

impl Rows for Loose {
    fn len(&self) -> usize {
        self.0.len()
    }

    fn read<'t>(
        &'t self,
        worker: &mut Worker<'_>,
        row: usize,
        cells: &mut Vec<Cell<'t>>,
        answer: &mut Answer<'t, '_>,
    ) -> smartlib::Result<()> {
        let (names, values) = &self.0[row];
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let columns = worker.loose_columns(&names)?;
        cells.clear();
        cells.extend(values.iter().map(Owned::cell));
        answer(worker, &columns, cells)
    }
}

/// What `assess_many` lists: one row per library, or one per library and recommendation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    Wide,
    Long,
}

impl Shape {
    pub(crate) fn named(name: &str) -> PyResult<Shape> {
        match name {
            "wide" => Ok(Shape::Wide),
            "long" => Ok(Shape::Long),
            other => Err(PyValueError::new_err(format!("shape must be \"wide\" or \"long\", not {other:?}"))),
        }
    }
}

/// The actions a batch lists, in the order of their codes: what to do about a program that is
/// not offered, by its status (`keep` never comes up).
pub(crate) const ACTIONS: [Action; 4] = [Action::Start, Action::MakePermanent, Action::CarryOutPlan, Action::Verify];

fn action_code(action: Action) -> Option<usize> {
    ACTIONS.iter().position(|&a| a == action)
}

/// One output column's values, as narrow as every value the catalog allows fits: counts and row
/// positions unsigned, codes into a list of ids signed with -1 where there is none.
enum Values {
    U8(Vec<u8>),
    U16(Vec<u16>),
    U32(Vec<u32>),
    I8(Vec<i8>),
    I16(Vec<i16>),
    I32(Vec<i32>),
    F64(Vec<f64>),
}

impl Values {
    /// Room for unsigned values up to `max`.
    fn unsigned(max: usize) -> Values {
        if max <= usize::from(u8::MAX) {
            Values::U8(Vec::new())
        } else if max <= usize::from(u16::MAX) {
            Values::U16(Vec::new())
        } else {
            Values::U32(Vec::new())
        }
    }

    /// Room for codes into `ids` ids, and -1.
    fn codes(ids: usize) -> Values {
        if ids <= 127 {
            Values::I8(Vec::new())
        } else if ids <= 32_767 {
            Values::I16(Vec::new())
        } else {
            Values::I32(Vec::new())
        }
    }

    /// An empty column of the same type, with room for `rows` values.
    fn like(&self, rows: usize) -> Values {
        match self {
            Values::U8(_) => Values::U8(Vec::with_capacity(rows)),
            Values::U16(_) => Values::U16(Vec::with_capacity(rows)),
            Values::U32(_) => Values::U32(Vec::with_capacity(rows)),
            Values::I8(_) => Values::I8(Vec::with_capacity(rows)),
            Values::I16(_) => Values::I16(Vec::with_capacity(rows)),
            Values::I32(_) => Values::I32(Vec::with_capacity(rows)),
            Values::F64(_) => Values::F64(Vec::with_capacity(rows)),
        }
    }

    fn append(&mut self, other: &mut Values) {
        match (self, other) {
            (Values::U8(a), Values::U8(b)) => a.append(b),
            (Values::U16(a), Values::U16(b)) => a.append(b),
            (Values::U32(a), Values::U32(b)) => a.append(b),
            (Values::I8(a), Values::I8(b)) => a.append(b),
            (Values::I16(a), Values::I16(b)) => a.append(b),
            (Values::I32(a), Values::I32(b)) => a.append(b),
            (Values::F64(a), Values::F64(b)) => a.append(b),
            _ => unreachable!("blocks share one layout"),
        }
    }

    /// A count or a row position (within the type chosen for the largest one).
    #[allow(clippy::cast_possible_truncation)]
    fn count(&mut self, value: usize) {
        match self {
            Values::U8(values) => values.push(value as u8),
            Values::U16(values) => values.push(value as u16),
            Values::U32(values) => values.push(value as u32),
            _ => unreachable!("counts are unsigned"),
        }
    }

    /// A code, or -1 for none.
    #[allow(clippy::cast_possible_truncation)]
    fn code(&mut self, value: Option<usize>) {
        let code = value.map_or(-1, |value| value as i32);
        match self {
            Values::I8(values) => values.push(code as i8),
            Values::I16(values) => values.push(code as i16),
            Values::I32(values) => values.push(code),
            _ => unreachable!("codes are signed"),
        }
    }

    fn float(&mut self, value: f64) {
        if let Values::F64(values) = self {
            values.push(value);
        }
    }

    /// The values as little-endian bytes and their numpy dtype.
    fn into_bytes(self) -> (&'static str, Buffer) {
        match self {
            Values::U8(values) => ("<u1", Buffer::from_vec(values)),
            Values::U16(values) => ("<u2", Buffer::from_vec(values)),
            Values::U32(values) => ("<u4", Buffer::from_vec(values)),
            Values::I8(values) => ("<i1", Buffer::from_vec(values)),
            Values::I16(values) => ("<i2", Buffer::from_vec(values)),
            Values::I32(values) => ("<i4", Buffer::from_vec(values)),
            Values::F64(values) => ("<f8", Buffer::from_vec(values)),
        }
    }

    /// The values as an Arrow array; codes are null where there is none.
    fn into_arrow(self) -> ArrayRef {
        /// Nulls where a code is negative, if any is (most columns have none).
        fn valid<T: Copy + Default + PartialOrd>(codes: &[T]) -> Option<NullBuffer> {
            let zero = T::default();
            codes.iter().any(|&code| code < zero).then(|| {
                NullBuffer::new(arrow_buffer::BooleanBuffer::collect_bool(codes.len(), |at| codes[at] >= zero))
            })
        }
        match self {
            Values::U8(values) => Arc::new(UInt8Array::new(ScalarBuffer::from(values), None)),
            Values::U16(values) => Arc::new(UInt16Array::new(ScalarBuffer::from(values), None)),
            Values::U32(values) => Arc::new(UInt32Array::new(ScalarBuffer::from(values), None)),
            Values::I8(values) => {
                let nulls = valid(&values);
                Arc::new(Int8Array::new(ScalarBuffer::from(values), nulls))
            }
            Values::I16(values) => {
                let nulls = valid(&values);
                Arc::new(Int16Array::new(ScalarBuffer::from(values), nulls))
            }
            Values::I32(values) => {
                let nulls = valid(&values);
                Arc::new(Int32Array::new(ScalarBuffer::from(values), nulls))
            }
            Values::F64(values) => Arc::new(Float64Array::new(ScalarBuffer::from(values), None)),
        }
    }
}

/// What an output column holds, which says how Python types it: `count` (a count, level or
/// rank: `Int64`), `row` (the row's position in the input, from 0), `tier`, `program` and
/// `action` (codes into those ids: `Enum`, `Categorical`), `score` (`Float64`) and `reasons`
/// (reason kinds as bits: a list of reason kind ids).
struct OutColumn {
    name: String,
    kind: &'static str,
    /// An empty column of the values' type.
    empty: Values,
}

/// The batch answer, column by column.
pub(crate) struct Frame {
    layout: Vec<OutColumn>,
    values: Vec<Values>,
}

impl Frame {
    /// The columns of a `shape` answer listing `top` recommendations a row.
    fn layout(catalog: &Catalog, top: usize, shape: Shape) -> Vec<OutColumn> {
        let tiers = catalog.tiers().len();
        let programs = catalog.programs().len();
        let column = |name: &str, kind: &'static str, empty: Values| OutColumn { name: name.to_owned(), kind, empty };
        match shape {
            Shape::Wide => {
                let mut layout = vec![
                    column("level", "count", Values::unsigned(tiers)),
                    column("reached", "tier", Values::codes(tiers)),
                    column("level_min", "count", Values::unsigned(tiers)),
                    column("level_max", "count", Values::unsigned(tiers)),
                ];
                if top > 0 {
                    for tier in catalog.tiers() {
                        layout.push(column(&format!("unknown_{}", tier.id), "count", Values::unsigned(programs)));
                    }
                }
                for slot in 1..=top {
                    layout.push(column(&format!("rec_{slot}"), "program", Values::codes(programs)));
                    layout.push(column(&format!("rec_{slot}_action"), "action", Values::codes(ACTIONS.len())));
                }
                layout
            }
            Shape::Long => vec![
                column("index", "row", Values::U32(Vec::new())),
                column("rank", "count", Values::unsigned(top)),
                column("program", "program", Values::codes(programs)),
                column("tier", "tier", Values::codes(tiers)),
                column("action", "action", Values::codes(ACTIONS.len())),
                column("score", "score", Values::F64(Vec::new())),
                column("reasons", "reasons", Values::U16(Vec::new())),
            ],
        }
    }

    fn empty(layout: &[OutColumn], rows: usize) -> Vec<Values> {
        layout.iter().map(|column| column.empty.like(rows)).collect()
    }

    /// The answer as `[(name, kind, numpy dtype, little-endian bytearray)]`, for pandas: counts
    /// as `int64` already, and in bytearrays, so the frame takes them as they are, writable.
    pub(crate) fn into_buffers<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for (column, values) in self.layout.iter().zip(self.values) {
            let bytes = match (column.kind, values) {
                ("count", Values::U8(values)) => ("<i8", int64_bytes(py, &values)?),
                ("count", Values::U16(values)) => ("<i8", int64_bytes(py, &values)?),
                ("count", Values::U32(values)) => ("<i8", int64_bytes(py, &values)?),
                (_, values) => {
                    let (dtype, bytes) = values.into_bytes();
                    (dtype, PyByteArray::new(py, bytes.as_slice()))
                }
            };
            list.append((&column.name, column.kind, bytes.0, bytes.1))?;
        }
        Ok(list)
    }

    /// The answer as `(Arrow IPC file, [(name, kind)])`, for polars.
    pub(crate) fn into_arrow<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let kinds: Vec<(String, &'static str)> =
            self.layout.iter().map(|column| (column.name.clone(), column.kind)).collect();
        let Frame { layout, values } = self;
        let ipc = py.detach(|| -> Result<Vec<u8>, arrow_schema::ArrowError> {
            let arrays: Vec<ArrayRef> = values.into_iter().map(Values::into_arrow).collect();
            let fields: Vec<ArrowField> = layout
                .iter()
                .zip(&arrays)
                .map(|(column, array)| ArrowField::new(&column.name, array.data_type().clone(), array.null_count() > 0))
                .collect();
            let schema = Arc::new(Schema::new(fields));
            let batch = RecordBatch::try_new(Arc::clone(&schema), arrays)?;
            // Room for the columns and the file's framing up front.
            let room = batch.get_array_memory_size() + 4096 * (batch.num_columns() + 1);
            let mut writer = arrow_ipc::writer::FileWriter::try_new(Vec::with_capacity(room), &schema)?;
            writer.write(&batch)?;
            writer.into_inner()
        });
        let ipc = ipc.map_err(|error| PyRuntimeError::new_err(format!("writing Arrow data: {error}")))?;
        (PyBytes::new(py, &ipc), kinds).into_pyobject(py)
    }
}

/// Counts as little-endian `int64` bytes, written straight into the Python object.
fn int64_bytes<'py, T: Copy + Into<i64>>(py: Python<'py>, values: &[T]) -> PyResult<Bound<'py, PyByteArray>> {
    PyByteArray::new_with(py, values.len() * 8, |bytes| {
        for (out, &value) in bytes.chunks_exact_mut(8).zip(values) {
            out.copy_from_slice(&value.into().to_le_bytes());
        }
        Ok(())
    })
}

/// Per row: one summary into the wide columns.
fn push_summary(values: &mut [Values], summary: &Summary, top: usize) {
    let mut columns = values.iter_mut();
    let mut next = || columns.next().expect("the layout has a column for each value");
    next().count(summary.level);
    next().code(summary.level.checked_sub(1));
    next().count(summary.level_range[0]);
    next().count(summary.level_range[1]);
    if top > 0 {
        for &unknown in summary.unknown() {
            next().count(unknown);
        }
    }
    for slot in 0..top {
        next().code(summary.top.get(slot).copied());
        next().code(summary.actions().get(slot).and_then(|&action| action_code(action)));
    }
}

/// Per row: one line per recommendation into the long columns.
fn push_scored(values: &mut [Values], row: usize, scored: &[Scored], tier_of: &[usize]) {
    let [index, rank, program, tier, action, score, reasons] = values else {
        unreachable!("the long layout has seven columns")
    };
    for (at, pick) in scored.iter().enumerate() {
        index.count(row);
        rank.count(at + 1);
        program.code(Some(pick.program));
        tier.code(Some(tier_of[pick.program]));
        action.code(action_code(pick.action));
        score.float(pick.score);
        if let Values::U16(reasons) = reasons {
            reasons.push(pick.reasons.bits());
        }
    }
}

/// Rows a worker takes at a time: one buffer of cells and one summary serve them all. Large
/// enough that handing blocks between threads costs little; small enough that a block's
/// answers stay in cache.
const BLOCK: usize = 2048;

/// Rows a worker takes at a time for levels only, which cost far less a row.
const LEVELS_BLOCK: usize = 16_384;

/// The program column statuses of a table that the core can read column by column
/// (`Columns::levels_by_column`): for each column, its statuses by code, when every cell of
/// every program column holds a status.
fn statuses_by_column(table: &Table) -> Option<Vec<Vec<Status>>> {
    if !table.columns.levels_by_column() {
        return None;
    }
    table
        .data
        .iter()
        .zip(table.columns.kinds())
        .map(|(data, kind)| if matches!(kind, Column::Program(_)) { data.statuses() } else { Some(Vec::new()) })
        .collect()
}

/// Runs `work` over blocks of `block_rows` rows on the core's batch kernel (workers listing
/// `top` programs a row), with the GIL released, and gathers the blocks' columns in row order;
/// the first error (in row order) stops the batch.
fn drive<W>(
    py: Python<'_>,
    catalog: &Catalog,
    count: usize,
    (top, shape): (usize, Shape),
    block_rows: usize,
    work: W,
) -> PyResult<Frame>
where
    W: Fn(&mut Worker<'_>, std::ops::Range<usize>, &mut [Values]) -> smartlib::Result<()> + Sync,
{
    if u32::try_from(count).is_err() {
        return Err(PyValueError::new_err(format!("{count} rows: assess_many takes at most 4,294,967,295 at once")));
    }
    let layout = Frame::layout(catalog, top, shape);
    let per_row = if shape == Shape::Long { top } else { 1 };
    let blocks = (0..count).step_by(block_rows).map(|start| start..(start + block_rows).min(count));
    let mut options = BatchOptions::new(top).with_chunk(1);
    if count <= block_rows {
        // One block: no thread to start and hand it to.
        options = options.with_threads(1);
    }
    let outcome = py.detach(|| {
        let mut values = Frame::empty(&layout, count * per_row);
        let each = |worker: &mut Worker<'_>, block: std::ops::Range<usize>| -> smartlib::Result<Vec<Values>> {
            let mut out = Frame::empty(&layout, block.len() * per_row);
            work(worker, block, &mut out)?;
            Ok(out)
        };
        catalog
            .summarize_many(blocks, options, each, |block| {
                block.map(|mut block| values.iter_mut().zip(&mut block).for_each(|(column, more)| column.append(more)))
            })
            .map(|()| values)
    });
    let values = outcome.map_err(|error| match error {
        BatchError::Sink(error) => errors::engine(py, error),
        BatchError::Panicked => PyRuntimeError::new_err("a batch worker failed unexpectedly"),
    })?;
    Ok(Frame { layout, values })
}

/// Each program's tier position.
fn tiers_of_programs(catalog: &Catalog) -> Vec<usize> {
    catalog
        .programs()
        .iter()
        .map(|program| catalog.tiers().iter().position(|tier| tier.id == program.tier).unwrap_or(0))
        .collect()
}

/// Scores every row, read one by one by the core.
fn run(py: Python<'_>, catalog: &Catalog, rows: &dyn Rows, top: usize, shape: Shape) -> PyResult<Frame> {
    let tier_of = tiers_of_programs(catalog);
    drive(py, catalog, rows.len(), (top, shape), BLOCK, |worker, block, out| {
        let mut cells = Vec::new();
        let mut summary = Summary::default();
        let mut scored = Vec::new();
        for row in block {
            match shape {
                Shape::Wide => {
                    rows.read(worker, row, &mut cells, &mut |worker, columns, cells| {
                        worker.summarize_row_into(columns, row + 1, cells, &mut summary)
                    })?;
                    push_summary(out, &summary, top);
                }
                Shape::Long => {
                    rows.read(worker, row, &mut cells, &mut |worker, columns, cells| {
                        worker.score_row(columns, row + 1, cells, &mut scored)
                    })?;
                    push_scored(out, row, &scored, &tier_of);
                }
            }
        }
        Ok(())
    })
}

/// Scores every row of a table whose program columns all hold statuses, read by the core
/// column by column, a block of rows at a time (`Worker::summarize_by_column`).
fn run_by_column(
    py: Python<'_>,
    catalog: &Catalog,
    table: &Table,
    statuses: &[Vec<Status>],
    top: usize,
    shape: Shape,
) -> PyResult<Frame> {
    let tier_of = tiers_of_programs(catalog);
    drive(py, catalog, table.rows, (top, shape), BLOCK, |worker, block, out| {
        let fill = |position: usize, cells: &mut [Status]| {
            table.data[position].fill_statuses(&statuses[position], block.clone(), cells);
        };
        match shape {
            Shape::Wide => worker.summarize_by_column(&table.columns, block.len(), fill, |_, summary| {
                push_summary(out, summary, top);
            }),
            Shape::Long => worker.score_by_column(&table.columns, block.len(), fill, |row, scored| {
                push_scored(out, block.start + row, scored, &tier_of);
            }),
        }
    })
}

/// Levels only, of a table whose program columns all hold statuses: column by column in the
/// core (`Columns::level_ranges`), without profiles.
fn levels(py: Python<'_>, catalog: &Catalog, table: &Table, statuses: &[Vec<Status>]) -> PyResult<Frame> {
    drive(py, catalog, table.rows, (0, Shape::Wide), LEVELS_BLOCK, |worker, block, out| {
        let mut ranges = vec![[0, 0]; block.len()];
        table.columns.level_ranges(
            worker.catalog(),
            |position, cells| table.data[position].fill_statuses(&statuses[position], block.clone(), cells),
            &mut ranges,
        )?;
        let [level, reached, level_min, level_max] = out else { unreachable!("levels only: four columns") };
        for &[low, high] in &ranges {
            level.count(low);
            reached.code(low.checked_sub(1));
            level_min.count(low);
            level_max.count(high);
        }
        Ok(())
    })
}

/// Scores a table given column by column: levels only, or every row, column by column when
/// its program columns all hold statuses, else row by row.
pub(crate) fn assess_table(
    py: Python<'_>,
    catalog: &Catalog,
    table: &Table,
    top: usize,
    shape: Shape,
) -> PyResult<Frame> {
    match statuses_by_column(table) {
        Some(statuses) if shape == Shape::Wide && top == 0 => levels(py, catalog, table, &statuses),
        Some(statuses) => run_by_column(py, catalog, table, &statuses, top, shape),
        None => run(py, catalog, table, top, shape),
    }
}

/// Scores rows given as dicts or id lists.
pub(crate) fn assess_rows(
    py: Python<'_>,
    catalog: &Catalog,
    rows: &Loose,
    top: usize,
    shape: Shape,
) -> PyResult<Frame> {
    run(py, catalog, rows, top, shape)
}

/// The ids a batch answer's codes point into, for the frames: tier ids, program ids, the
/// program's tier position, action names and reason kind names (by bit).
pub(crate) fn frame_ids<'py>(py: Python<'py>, catalog: &Catalog) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("tier", catalog.tiers().iter().map(|tier| tier.id.to_string()).collect::<Vec<_>>())?;
    dict.set_item("program", catalog.programs().iter().map(|program| program.id.to_string()).collect::<Vec<_>>())?;
    dict.set_item("action", ACTIONS.iter().map(|action| action.as_str()).collect::<Vec<_>>())?;
    dict.set_item("reasons", ReasonKind::ALL.iter().map(|kind| kind.as_str()).collect::<Vec<_>>())?;
    Ok(dict)
}
