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
    Array, ArrayRef, ArrowPrimitiveType, Float64Array, Int32Array, Int64Array, LargeStringArray, OffsetSizeTrait,
    RecordBatch, StringArray, StringViewArray, UInt16Array,
};
use arrow_buffer::{Buffer, NullBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field as ArrowField, Schema};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
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

/// Codes into a column's distinct values, one a row (negative: missing), as wide as they came.
enum Codes {
    I8(Vec<i8>),
    I16(Vec<i16>),
    I32(Vec<i32>),
}

impl Codes {
    /// Little-endian signed codes of 1, 2 or 4 bytes, `rows` of them.
    fn from_bytes(bytes: &[u8], rows: usize) -> PyResult<Codes> {
        let width = bytes.len().checked_div(rows).unwrap_or(1);
        if width * rows != bytes.len() {
            return Err(PyValueError::new_err(format!("{} bytes of codes for {rows} rows", bytes.len())));
        }
        Ok(match width {
            1 => Codes::I8(bytes.iter().map(|&b| i8::from_le_bytes([b])).collect()),
            2 => Codes::I16(bytes.chunks_exact(2).map(|b| i16::from_le_bytes([b[0], b[1]])).collect()),
            4 => Codes::I32(bytes.chunks_exact(4).map(|b| i32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect()),
            _ => return Err(PyValueError::new_err(format!("codes of {width} bytes; expected 1, 2 or 4"))),
        })
    }

    fn len(&self) -> usize {
        match self {
            Codes::I8(codes) => codes.len(),
            Codes::I16(codes) => codes.len(),
            Codes::I32(codes) => codes.len(),
        }
    }

    fn get(&self, row: usize) -> Option<usize> {
        match self {
            Codes::I8(codes) => usize::try_from(codes[row]).ok(),
            Codes::I16(codes) => usize::try_from(codes[row]).ok(),
            Codes::I32(codes) => usize::try_from(codes[row]).ok(),
        }
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
enum ColumnData {
    /// Not read: carried through by the caller.
    Carried,
    /// Every cell missing (a polars column of nulls).
    Missing,
    /// `codes[row]` indexes `values`, as `pandas.factorize` gives them.
    Coded { codes: Codes, values: Vec<Owned> },
    /// One value a row.
    Values(Vec<Owned>),
    /// Numbers, `NaN` where missing (the core reads `NaN` as missing).
    Numbers(Vec<f64>),
    /// Text, as written.
    Text(Strings),
    /// Lists (of ids), each the items from `offsets[row]` to `offsets[row + 1]`.
    Lists { offsets: Vec<usize>, nulls: Option<NullBuffer>, items: Box<ColumnData> },
    /// Values of a kind the core refuses, by its name for messages.
    Other { nulls: Option<NullBuffer>, kind: &'static str },
}

impl ColumnData {
    fn len(&self, rows: usize) -> usize {
        match self {
            ColumnData::Carried | ColumnData::Missing => rows,
            ColumnData::Coded { codes, .. } => codes.len(),
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
    /// stay as they are, so the row that holds one reports it.
    fn with_statuses(mut self) -> ColumnData {
        if let ColumnData::Coded { values, .. } = &mut self {
            for value in values {
                if let Ok(status) = Status::from_cell(&value.cell()) {
                    *value = Owned::Status(status);
                }
            }
        }
        self
    }

    /// An Arrow column (from polars) by the kind of its values.
    fn of_arrow(array: &dyn Array) -> ColumnData {
        let nulls = || array.logical_nulls();
        match array.data_type() {
            DataType::Null => ColumnData::Missing,
            DataType::Boolean => {
                let array = array.as_boolean();
                let codes =
                    (0..array.len()).map(|row| if array.is_null(row) { -1 } else { i8::from(array.value(row)) });
                ColumnData::Coded {
                    codes: Codes::I8(codes.collect()),
                    values: vec![Owned::Bool(false), Owned::Bool(true)],
                }
            }
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
fn numbers<T: ArrowPrimitiveType>(array: &dyn Array) -> ColumnData
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
fn dictionary(array: &dyn Array) -> ColumnData {
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

fn lists<O: OffsetSizeTrait>(array: &arrow_array::GenericListArray<O>) -> ColumnData {
    ColumnData::Lists {
        offsets: array.value_offsets().iter().map(|offset| offset.as_usize()).collect(),
        nulls: array.logical_nulls(),
        items: Box::new(ColumnData::of_arrow(array.values().as_ref())),
    }
}

/// Reads one pandas column's data: `None`, `("codes", signed little-endian bytes, values)` or
/// `("values", list)`.
fn column_data(data: &Bound<'_, PyAny>, rows: usize) -> PyResult<ColumnData> {
    if data.is_none() {
        return Ok(ColumnData::Carried);
    }
    let (kind, rest): (String, Bound<'_, PyTuple>) = (data.get_item(0)?.extract()?, data.cast::<PyTuple>()?.clone());
    let values_at = |index: usize| -> PyResult<Vec<Owned>> {
        rest.get_item(index)?.try_iter()?.map(|value| value.map(|value| Owned::of(&value))).collect()
    };
    Ok(match kind.as_str() {
        "codes" => {
            let bytes = rest.get_item(1)?;
            let codes = Codes::from_bytes(bytes.cast::<PyBytes>()?.as_bytes(), rows)?;
            ColumnData::Coded { codes, values: values_at(2)? }
        }
        "values" => ColumnData::Values(values_at(1)?),
        other => return Err(PyValueError::new_err(format!("unknown column data kind {other:?}"))),
    })
}

/// A table given column by column, read by the core's `Columns`.
pub(crate) struct Table {
    columns: Columns,
    data: Vec<ColumnData>,
    rows: usize,
}

impl Table {
    fn new(py: Python<'_>, catalog: &Catalog, names: &[String], data: Vec<ColumnData>, rows: usize) -> PyResult<Table> {
        let columns = catalog.columns(names).map_err(|e| errors::engine(py, e))?;
        if data.len() != names.len() {
            return Err(PyValueError::new_err(format!("{} columns of data for {} names", data.len(), names.len())));
        }
        let data: Vec<ColumnData> = data
            .into_iter()
            .zip(columns.kinds())
            .map(|(data, kind)| if matches!(kind, Column::Program(_)) { data.with_statuses() } else { data })
            .collect();
        if let Some(length) = data.iter().map(|column| column.len(rows)).find(|&length| length != rows) {
            return Err(PyValueError::new_err(format!("a column holds {length} values for {rows} rows")));
        }
        Ok(Table { columns, data, rows })
    }

    /// A pandas table: names and each column's data (see `column_data`).
    pub(crate) fn from_pandas(
        py: Python<'_>,
        catalog: &Catalog,
        names: Vec<String>,
        data: &Bound<'_, PyList>,
        rows: usize,
    ) -> PyResult<Table> {
        let data = data.iter().map(|column| column_data(&column, rows)).collect::<PyResult<Vec<_>>>()?;
        Table::new(py, catalog, &names, data, rows)
    }

    /// A polars table as an Arrow IPC stream.
    pub(crate) fn from_arrow(py: Python<'_>, catalog: &Catalog, ipc: &[u8]) -> PyResult<Table> {
        let arrow = |error: arrow_schema::ArrowError| PyValueError::new_err(format!("reading Arrow data: {error}"));
        let reader = arrow_ipc::reader::StreamReader::try_new(Cursor::new(ipc), None).map_err(arrow)?;
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

impl Rows for Table {
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

fn action_code(action: Action) -> i32 {
    ACTIONS.iter().position(|&a| a == action).map_or(-1, |code| i32::try_from(code).unwrap_or(-1))
}

/// One output column's values.
enum Values {
    /// Counts, levels, ranks, row positions.
    Int(Vec<i64>),
    /// Codes into a list of ids (programs, tiers, actions); -1 where there is none.
    Code(Vec<i32>),
    /// Scores.
    Float(Vec<f64>),
    /// Reason kinds as bits (`ReasonKinds::bits`).
    Bits(Vec<u16>),
}

impl Values {
    fn append(&mut self, other: Values) {
        match (self, other) {
            (Values::Int(a), Values::Int(mut b)) => a.append(&mut b),
            (Values::Code(a), Values::Code(mut b)) => a.append(&mut b),
            (Values::Float(a), Values::Float(mut b)) => a.append(&mut b),
            (Values::Bits(a), Values::Bits(mut b)) => a.append(&mut b),
            _ => unreachable!("blocks share one layout"),
        }
    }

    fn int(&mut self, value: usize) {
        if let Values::Int(values) = self {
            values.push(i64::try_from(value).unwrap_or(i64::MAX));
        }
    }

    fn code(&mut self, value: Option<usize>) {
        if let Values::Code(values) = self {
            values.push(value.and_then(|value| i32::try_from(value).ok()).unwrap_or(-1));
        }
    }

    fn raw_code(&mut self, value: i32) {
        if let Values::Code(values) = self {
            values.push(value);
        }
    }

    /// The values as little-endian bytes and their numpy dtype.
    fn into_bytes(self) -> (&'static str, Buffer) {
        match self {
            Values::Int(values) => ("<i8", Buffer::from_vec(values)),
            Values::Code(values) => ("<i4", Buffer::from_vec(values)),
            Values::Float(values) => ("<f8", Buffer::from_vec(values)),
            Values::Bits(values) => ("<u2", Buffer::from_vec(values)),
        }
    }

    /// The values as an Arrow array: codes with nulls where there is none.
    fn into_arrow(self) -> ArrayRef {
        match self {
            Values::Int(values) => Arc::new(Int64Array::new(ScalarBuffer::from(values), None)),
            Values::Code(values) => {
                let nulls: NullBuffer = values.iter().map(|&code| code >= 0).collect();
                let nulls = (nulls.null_count() > 0).then_some(nulls);
                Arc::new(Int32Array::new(ScalarBuffer::from(values), nulls))
            }
            Values::Float(values) => Arc::new(Float64Array::new(ScalarBuffer::from(values), None)),
            Values::Bits(values) => Arc::new(UInt16Array::new(ScalarBuffer::from(values), None)),
        }
    }
}

/// What an output column holds, which says how Python types it.
#[derive(Clone, Copy)]
enum Kind {
    /// A count or a level (`Int64`).
    Count,
    /// The row's position in the input, from 0.
    Row,
    /// A tier id.
    Tier,
    /// A program id.
    Program,
    /// An action.
    Action,
    /// A score.
    Score,
    /// Reason kinds.
    Reasons,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Count => "count",
            Kind::Row => "row",
            Kind::Tier => "tier",
            Kind::Program => "program",
            Kind::Action => "action",
            Kind::Score => "score",
            Kind::Reasons => "reasons",
        }
    }

    fn empty(self) -> Values {
        match self {
            Kind::Count | Kind::Row => Values::Int(Vec::new()),
            Kind::Tier | Kind::Program | Kind::Action => Values::Code(Vec::new()),
            Kind::Score => Values::Float(Vec::new()),
            Kind::Reasons => Values::Bits(Vec::new()),
        }
    }
}

/// The batch answer, column by column.
pub(crate) struct Frame {
    layout: Vec<(String, Kind)>,
    values: Vec<Values>,
}

impl Frame {
    /// The columns of a `shape` answer listing `top` recommendations a row.
    fn layout(catalog: &Catalog, top: usize, shape: Shape) -> Vec<(String, Kind)> {
        let named = |name: &str, kind: Kind| (name.to_owned(), kind);
        match shape {
            Shape::Wide => {
                let mut layout = vec![
                    named("level", Kind::Count),
                    named("reached", Kind::Tier),
                    named("level_min", Kind::Count),
                    named("level_max", Kind::Count),
                ];
                if top > 0 {
                    layout.extend(catalog.tiers().iter().map(|tier| (format!("unknown_{}", tier.id), Kind::Count)));
                }
                for slot in 1..=top {
                    layout.push((format!("rec_{slot}"), Kind::Program));
                    layout.push((format!("rec_{slot}_action"), Kind::Action));
                }
                layout
            }
            Shape::Long => vec![
                named("index", Kind::Row),
                named("rank", Kind::Count),
                named("program", Kind::Program),
                named("tier", Kind::Tier),
                named("action", Kind::Action),
                named("score", Kind::Score),
                named("reasons", Kind::Reasons),
            ],
        }
    }

    fn empty(layout: &[(String, Kind)]) -> Vec<Values> {
        layout.iter().map(|(_, kind)| kind.empty()).collect()
    }

    /// The answer as `[(name, kind, numpy dtype, little-endian bytes)]`, for pandas.
    pub(crate) fn into_buffers<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for ((name, kind), values) in self.layout.iter().zip(self.values) {
            let (dtype, bytes) = values.into_bytes();
            list.append((name, kind.name(), dtype, PyBytes::new(py, bytes.as_slice())))?;
        }
        Ok(list)
    }

    /// The answer as `(Arrow IPC stream, [(name, kind)])`, for polars.
    pub(crate) fn into_arrow<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let kinds: Vec<(String, &'static str)> =
            self.layout.iter().map(|(name, kind)| (name.clone(), kind.name())).collect();
        let Frame { layout, values } = self;
        let ipc = py.detach(|| -> Result<Vec<u8>, arrow_schema::ArrowError> {
            let arrays: Vec<ArrayRef> = values.into_iter().map(Values::into_arrow).collect();
            let fields: Vec<ArrowField> = layout
                .iter()
                .zip(&arrays)
                .map(|((name, _), array)| ArrowField::new(name, array.data_type().clone(), array.null_count() > 0))
                .collect();
            let schema = Arc::new(Schema::new(fields));
            let batch = RecordBatch::try_new(Arc::clone(&schema), arrays)?;
            let mut writer = arrow_ipc::writer::StreamWriter::try_new(Vec::new(), &schema)?;
            writer.write(&batch)?;
            writer.into_inner()
        });
        let ipc = ipc.map_err(|error| PyRuntimeError::new_err(format!("writing Arrow data: {error}")))?;
        (PyBytes::new(py, &ipc), kinds).into_pyobject(py)
    }
}

/// Per row: one summary into the wide columns.
fn push_summary(values: &mut [Values], summary: &Summary, top: usize) {
    let mut columns = values.iter_mut();
    let mut next = || columns.next().expect("the layout has a column for each value");
    next().int(summary.level);
    next().code(summary.level.checked_sub(1));
    next().int(summary.level_range[0]);
    next().int(summary.level_range[1]);
    if top > 0 {
        for &unknown in &summary.unknown {
            next().int(unknown);
        }
    }
    for slot in 0..top {
        next().code(summary.top.get(slot).copied());
        next().raw_code(summary.actions.get(slot).map_or(-1, |&action| action_code(action)));
    }
}

/// Per row: one line per recommendation into the long columns.
fn push_scored(values: &mut [Values], row: usize, scored: &[Scored], tier_of: &[usize]) {
    for (rank, pick) in scored.iter().enumerate() {
        let [index, ranks, programs, tiers, actions, scores, reasons] = values else {
            unreachable!("the long layout has seven columns")
        };
        index.int(row);
        ranks.int(rank + 1);
        programs.code(Some(pick.program));
        tiers.code(Some(tier_of[pick.program]));
        actions.raw_code(action_code(pick.action));
        if let Values::Float(scores) = scores {
            scores.push(pick.score);
        }
        if let Values::Bits(reasons) = reasons {
            reasons.push(pick.reasons.bits());
        }
    }
}

/// Rows a worker takes at a time: one buffer of cells and one summary serve them all.
const BLOCK: usize = 256;

/// Scores every row, a block of rows at a time, with the GIL released; the first error (in row
/// order) stops the batch.
fn run(py: Python<'_>, catalog: &Catalog, rows: &dyn Rows, top: usize, shape: Shape) -> PyResult<Frame> {
    let layout = Frame::layout(catalog, top, shape);
    let tier_of: Vec<usize> = catalog
        .programs()
        .iter()
        .map(|program| catalog.tiers().iter().position(|tier| tier.id == program.tier).unwrap_or(0))
        .collect();
    let count = rows.len();
    let blocks = (0..count).step_by(BLOCK).map(|start| start..(start + BLOCK).min(count));
    let options = BatchOptions::new(top).with_chunk(4);
    let outcome = py.detach(|| {
        let mut values = Frame::empty(&layout);
        let work = |worker: &mut Worker<'_>, block: std::ops::Range<usize>| -> smartlib::Result<Vec<Values>> {
            let mut out = Frame::empty(&layout);
            let mut cells = Vec::new();
            let mut summary = Summary::default();
            let mut scored = Vec::new();
            for row in block {
                match shape {
                    Shape::Wide => {
                        rows.read(worker, row, &mut cells, &mut |worker, columns, cells| {
                            worker.summarize_row_into(columns, row + 1, cells, &mut summary)
                        })?;
                        push_summary(&mut out, &summary, top);
                    }
                    Shape::Long => {
                        rows.read(worker, row, &mut cells, &mut |worker, columns, cells| {
                            worker.score_row(columns, row + 1, cells, &mut scored)
                        })?;
                        push_scored(&mut out, row, &scored, &tier_of);
                    }
                }
            }
            Ok(out)
        };
        catalog
            .summarize_many(blocks, options, work, |block| {
                block.map(|block| values.iter_mut().zip(block).for_each(|(column, more)| column.append(more)))
            })
            .map(|()| values)
    });
    let values = outcome.map_err(|error| match error {
        BatchError::Sink(error) => errors::engine(py, error),
        BatchError::Panicked => PyRuntimeError::new_err("a batch worker failed unexpectedly"),
    })?;
    Ok(Frame { layout, values })
}

/// Scores a table given column by column.
pub(crate) fn assess_table(
    py: Python<'_>,
    catalog: &Catalog,
    table: &Table,
    top: usize,
    shape: Shape,
) -> PyResult<Frame> {
    run(py, catalog, table, top, shape)
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
