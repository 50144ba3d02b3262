//! Loose input read one way for every front end: what a table cell, a JSON value or a
//! DataFrame element means as a status, an amount or a list of ids.
//!
//! A front end only says what kind of value it holds ([`Cell`]); this module decides what the
//! value means, so `"Yes"` in a spreadsheet, `true` in JSON and `1.0` in pandas are all
//! `offered`, and `-1`, `2`, `"maybe"` and `"none"` are refused everywhere alike.

use crate::error::{CellValue, Error, ErrorKind};
use crate::model::{Scale, Status};

/// One value as a spreadsheet, a JSON document or a DataFrame holds it, before it means
/// anything.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell<'a> {
    /// No value: JSON `null`, Python `None`, `NaN` or `pd.NA`, a polars null.
    Missing,
    /// A real boolean.
    Bool(bool),
    /// A real number (`NaN` reads as missing).
    Number(f64),
    /// Text, as written; surrounding spaces and case do not matter.
    Text(&'a str),
    /// A list (a JSON array, a Python list): ids.
    List(Vec<Cell<'a>>),
    /// A status already read with [`Status::from_cell`], for front ends that read each
    /// distinct value of a column once.
    Status(Status),
    /// Any other kind of value, by its name for messages (`an object`, `a date`).
    Other(&'static str),
}

impl<'a> Cell<'a> {
    /// A JSON value as a cell: `null` is missing, arrays are lists, objects are refused where a
    /// value is read.
    ///
    /// ```
    /// use smartlib_core::Cell;
    /// let row = serde_json::json!({"offers": ["computer-labs"], "budget": null, "wifi-access": true});
    /// assert_eq!(Cell::from_json(&row["budget"]), Cell::Missing);
    /// assert_eq!(Cell::from_json(&row["wifi-access"]), Cell::Bool(true));
    /// assert_eq!(Cell::from_json(&row["offers"]), Cell::List(vec![Cell::Text("computer-labs")]));
    /// ```
    pub fn from_json(value: &'a serde_json::Value) -> Cell<'a> {
        use serde_json::Value;
        match value {
            Value::Null => Cell::Missing,
            Value::Bool(flag) => Cell::Bool(*flag),
            Value::Number(number) => number.as_f64().map_or(Cell::Other("a number out of range"), Cell::Number),
            Value::String(text) => Cell::Text(text),
            Value::Array(items) => Cell::List(items.iter().map(Cell::from_json).collect()),
            Value::Object(_) => Cell::Other("an object"),
        }
    }

    /// The value as a message shows it.
    pub fn value(&self) -> CellValue {
        match self {
            Cell::Missing => CellValue::Other("an empty value"),
            Cell::Bool(flag) => CellValue::Bool(*flag),
            Cell::Number(number) => CellValue::Number(*number),
            Cell::Text(text) => match number_in(text) {
                Some(number) => CellValue::Number(number),
                None => CellValue::Text(text.trim().to_owned()),
            },
            Cell::List(_) => CellValue::List,
            Cell::Status(status) => CellValue::Text(status.as_str().to_owned()),
            Cell::Other(kind) => CellValue::Other(kind),
        }
    }

    /// True for a missing value or text that is empty or only spaces.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Missing => true,
            Cell::Number(number) => number.is_nan(),
            Cell::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }
}

/// Text that reads as a number (`" 2 "`, `"-1"`, `"1e3"`), so it is judged as one.
fn number_in(text: &str) -> Option<f64> {
    text.trim().parse::<f64>().ok().filter(|number| !number.is_nan())
}

impl Status {
    /// Reads a status from a cell: one of [`Status::words`] in any case, a boolean, the number
    /// 1 or 0, or a missing value (unknown).
    ///
    /// ```
    /// use smartlib_core::{Cell, Status};
    /// assert_eq!(Status::from_cell(&Cell::Text(" Yes ")), Ok(Status::Offered));
    /// assert_eq!(Status::from_cell(&Cell::Number(0.0)), Ok(Status::NotOffered));
    /// assert_eq!(Status::from_cell(&Cell::Text("N/A")), Ok(Status::Unknown));
    /// let error = Status::from_cell(&Cell::Text("-1")).unwrap_err();
    /// assert!(error.to_string().starts_with("-1 is not a status; use offered, yes"));
    /// ```
    ///
    /// # Errors
    /// [`ErrorKind::BadStatus`] for anything else: other numbers (survey codes such as -1 or
    /// counts such as 2), `maybe`, `none`, lists.
    pub fn from_cell(cell: &Cell<'_>) -> Result<Status, ErrorKind> {
        let number = match cell {
            Cell::Missing => return Ok(Status::Unknown),
            Cell::Status(status) => return Ok(*status),
            Cell::Bool(true) => return Ok(Status::Offered),
            Cell::Bool(false) => return Ok(Status::NotOffered),
            Cell::Number(number) => *number,
            Cell::Text(text) => {
                let text = text.trim();
                if let Some(status) =
                    Status::ALL.into_iter().find(|status| status.words().iter().any(|w| w.eq_ignore_ascii_case(text)))
                {
                    return Ok(status);
                }
                match number_in(text) {
                    Some(number) => number,
                    None => return Err(ErrorKind::BadStatus { value: cell.value() }),
                }
            }
            Cell::List(_) | Cell::Other(_) => return Err(ErrorKind::BadStatus { value: cell.value() }),
        };
        if number.is_nan() {
            Ok(Status::Unknown)
        } else if number == 1.0 {
            Ok(Status::Offered)
        } else if number == 0.0 {
            Ok(Status::NotOffered)
        } else {
            Err(ErrorKind::BadStatus { value: CellValue::Number(number) })
        }
    }
}

impl Scale {
    /// Reads a budget, staff or space amount: `low`, `medium` or `high` in any case; a blank,
    /// missing or unknown value means "not stated" (`None`).
    ///
    /// ```
    /// use smartlib_core::{Cell, Scale};
    /// assert_eq!(Scale::from_cell(&Cell::Text("LOW")), Ok(Some(Scale::Low)));
    /// assert_eq!(Scale::from_cell(&Cell::Text("")), Ok(None));
    /// assert!(Scale::from_cell(&Cell::Number(0.68)).is_err());
    /// ```
    ///
    /// # Errors
    /// [`ErrorKind::BadAmount`] for anything else.
    pub fn from_cell(cell: &Cell<'_>) -> Result<Option<Scale>, ErrorKind> {
        if cell.is_blank() {
            return Ok(None);
        }
        if let Cell::Text(text) = cell {
            let text = text.trim();
            if let Some(scale) = [Scale::Low, Scale::Medium, Scale::High]
                .into_iter()
                .find(|scale| scale.as_str().eq_ignore_ascii_case(text))
            {
                return Ok(Some(scale));
            }
            if Status::Unknown.words().iter().any(|w| w.eq_ignore_ascii_case(text)) {
                return Ok(None);
            }
        }
        Err(ErrorKind::BadAmount { value: cell.value() })
    }
}

/// Calls `each` with every id a cell holds: text split at `;`, or the items of a list; blank
/// ids are skipped and a missing value holds none.
///
/// # Errors
/// [`ErrorKind::NotIds`] for numbers, booleans and other values; or what `each` returns.
pub(crate) fn each_id<'a>(cell: &Cell<'a>, mut each: impl FnMut(&'a str) -> Result<(), Error>) -> Result<(), Error> {
    let not_ids = |value: CellValue| Error::from(ErrorKind::NotIds { value });
    match cell {
        Cell::Missing => Ok(()),
        Cell::Text(text) => text.split(';').map(str::trim).filter(|id| !id.is_empty()).try_for_each(each),
        Cell::List(items) => items.iter().try_for_each(|item| match item {
            Cell::Text(id) if id.trim().is_empty() => Ok(()),
            Cell::Text(id) => each(id.trim()),
            other => Err(not_ids(other.value())),
        }),
        Cell::Number(number) if number.is_nan() => Ok(()),
        other => Err(not_ids(other.value())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_reads_in_any_case_with_spaces() {
        for status in Status::ALL {
            for word in status.words() {
                for spelled in [word.to_string(), word.to_uppercase(), format!("  {word} ")] {
                    assert_eq!(Status::from_cell(&Cell::Text(&spelled)), Ok(status), "{spelled:?}");
                }
            }
        }
    }

    #[test]
    fn typed_values_read_like_their_text() {
        assert_eq!(Status::from_cell(&Cell::Bool(true)), Ok(Status::Offered));
        assert_eq!(Status::from_cell(&Cell::Number(1.0)), Ok(Status::Offered));
        assert_eq!(Status::from_cell(&Cell::Number(-0.0)), Ok(Status::NotOffered));
        assert_eq!(Status::from_cell(&Cell::Number(f64::NAN)), Ok(Status::Unknown));
        assert_eq!(Status::from_cell(&Cell::Missing), Ok(Status::Unknown));
        assert_eq!(Status::from_cell(&Cell::Text("1.00")), Ok(Status::Offered));
    }

    #[test]
    fn other_values_are_refused_and_numbers_print_alike() {
        let message = |cell: Cell<'_>| Status::from_cell(&cell).unwrap_err().to_string();
        assert!(message(Cell::Text("-1")).starts_with("-1 is not a status"));
        assert_eq!(message(Cell::Text(" -1 ")), message(Cell::Number(-1.0)));
        assert_eq!(message(Cell::Text("2")), message(Cell::Number(2.0)));
        assert!(message(Cell::Text("maybe")).starts_with("\"maybe\" is not a status"));
        assert!(message(Cell::Text("None")).starts_with("\"None\" is not a status"));
        assert!(message(Cell::Text("inf")).starts_with("inf is not a status"));
        assert!(message(Cell::List(vec![])).starts_with("a list is not a status"));
    }

    #[test]
    fn amounts() {
        assert_eq!(Scale::from_cell(&Cell::Text(" High")), Ok(Some(Scale::High)));
        assert_eq!(Scale::from_cell(&Cell::Missing), Ok(None));
        assert_eq!(Scale::from_cell(&Cell::Text("n/a")), Ok(None));
        let error = Scale::from_cell(&Cell::Text("cheap")).unwrap_err();
        assert_eq!(error.to_string(), "\"cheap\" is not an amount; use low, medium or high, or leave the cell empty");
    }

    #[test]
    fn ids_from_text_and_lists() {
        let collect = |cell: Cell<'static>| {
            let mut ids = Vec::new();
            each_id(&cell, |id| {
                ids.push(id);
                Ok(())
            })
            .map(|()| ids)
        };
        assert_eq!(collect(Cell::Text(" a; b ;;")), Ok(vec!["a", "b"]));
        assert_eq!(collect(Cell::List(vec![Cell::Text("a"), Cell::Text(" ")])), Ok(vec!["a"]));
        assert_eq!(collect(Cell::Missing), Ok(vec![]));
        assert!(collect(Cell::Number(3.0)).is_err());
        assert!(collect(Cell::List(vec![Cell::Bool(true)])).is_err());
    }
}
