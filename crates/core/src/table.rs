//! Tables of libraries, one profile a row: what each column means ([`Columns`]) and how a row
//! of cells becomes a profile.
//!
//! Every front end reads rows here (the CLI's CSV and JSON Lines, Python lists, dicts and
//! DataFrames, Kotlin and Swift), so the same row gives the same profile, or the same error,
//! everywhere. A table says what a library offers in one of two ways:
//!
//! - one column per program id, each cell a status (see [`crate::Status::from_cell`]); a
//!   program without a column is *unknown* (a survey that did not observe it);
//! - an `offers` column of ids (`a;b` or a list), with optional `piloting`, `planned` and
//!   `unknown` lists; a program in no list is *not offered*.
//!
//! Either way a table may add `goals` (role or area ids), `budget`, `staff` and `space`
//! (`low`/`medium`/`high`), `id` and `name`. Every other column is carried through untouched,
//! except one whose name is close to a program id or a field: that is a typo that would drop
//! data without a word, so it is an error with a "did you mean".

use std::borrow::Cow;
use std::collections::HashSet;

use crate::catalog::Catalog;
use crate::cell::{Cell, each_id};
use crate::error::{Error, ErrorKind, Path, Result};
use crate::model::{Id, Scale, Status};
use crate::profile::{Profile, ResolvedProfile};
use crate::suggest::nearest_str;

/// Room that [`Columns::read_by_column`] reuses from one block of rows to the next.
#[derive(Clone, Debug, Default)]
pub struct ColumnBuffers {
    statuses: Vec<Status>,
    words: Vec<u64>,
}

/// A profile field a column can hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Field {
    /// The row's id: carried through, not read.
    Id,
    /// The library's name: carried through, and the profile's name.
    Name,
    /// Programs it offers (ids).
    Offers,
    /// Programs it is piloting (ids).
    Piloting,
    /// Programs it plans (ids).
    Planned,
    /// Programs whose status is unknown (ids).
    Unknown,
    /// Roles or contribution areas to emphasise (ids).
    Goals,
    /// The budget it can give (`low`, `medium`, `high`).
    Budget,
    /// The staff time it can give.
    Staff,
    /// The room it can give.
    Space,
}

impl Field {
    /// Every field, in the order messages list them.
    pub const ALL: [Field; 10] = [
        Field::Id,
        Field::Name,
        Field::Offers,
        Field::Piloting,
        Field::Planned,
        Field::Unknown,
        Field::Goals,
        Field::Budget,
        Field::Staff,
        Field::Space,
    ];

    /// The column name.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Name => "name",
            Field::Offers => "offers",
            Field::Piloting => "piloting",
            Field::Planned => "planned",
            Field::Unknown => "unknown",
            Field::Goals => "goals",
            Field::Budget => "budget",
            Field::Staff => "staff",
            Field::Space => "space",
        }
    }

    fn named(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|field| field.as_str() == name)
    }

    /// The status a list field gives the programs it names.
    fn list_status(self) -> Option<Status> {
        match self {
            Field::Offers => Some(Status::Offered),
            Field::Piloting => Some(Status::Piloting),
            Field::Planned => Some(Status::Planned),
            Field::Unknown => Some(Status::Unknown),
            _ => None,
        }
    }

    /// Fields whose data would be lost if a misspelt column were carried instead
    /// (`id` and `name` are carried either way).
    fn read_from_table(self) -> bool {
        !matches!(self, Field::Id | Field::Name)
    }
}

/// Profile-file fields a table cannot hold, refused by name rather than carried silently.
const NOT_COLUMNS: [&str; 1] = ["constraints"];

/// What one column means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Column {
    /// The status of the program at this catalog position.
    Program(usize),
    /// A profile field.
    Field(Field),
    /// Anything else: carried through to the output.
    Carried,
}

/// What every column of a table means for one catalog. Made by [`Catalog::columns`] from the
/// column names; then [`Columns::read`] turns each row of cells into a profile.
#[derive(Clone, Debug)]
pub struct Columns {
    columns: Vec<Column>,
    names: Vec<String>,
    /// One column per program (programs without one are unknown), rather than id lists.
    per_program: bool,
    /// Catalog positions of the programs without a column.
    without_column: Vec<usize>,
    shape: u64,
}

impl Catalog {
    /// Works out what each named column means.
    ///
    /// ```
    /// # let catalog = smartlib_core::Catalog::new(smartlib_core::testing::small_catalog()).unwrap();
    /// use smartlib_core::{Cell, Column};
    /// let columns = catalog.columns(&["id", "lab", "wifi", "state"])?;
    /// assert_eq!(columns.kinds()[1], Column::Program(0));
    /// assert_eq!(columns.carried().collect::<Vec<_>>(), [0, 3]);
    ///
    /// let error = catalog.columns(&["id", "Lab"]).unwrap_err();
    /// assert_eq!(error.to_string(), r#"column "Lab": not a program id or profile field (did you mean "lab"?)"#);
    /// # Ok::<(), smartlib_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// With the column as the path: a name close to a program id or a field
    /// ([`ErrorKind::NearMissColumn`]), a name used twice, a profile-file field such as
    /// `constraints`. For the table: no `offers` column and no program column
    /// ([`ErrorKind::NoProgramColumns`]), or both lists and program columns.
    pub fn columns<S: AsRef<str>>(&self, names: &[S]) -> Result<Columns> {
        let mut columns = Vec::with_capacity(names.len());
        let mut seen = HashSet::with_capacity(names.len());
        let mut has_column = vec![false; self.programs().len()];
        let (mut first_list, mut first_program) = (None, None);
        for raw in names {
            let name = raw.as_ref().trim();
            let at = || Path::root().column(name.to_owned());
            if !seen.insert(name) {
                return Err(Error::new(at(), ErrorKind::DuplicateColumn { name: name.to_owned() }));
            }
            if NOT_COLUMNS.contains(&name) {
                return Err(Error::new(at(), ErrorKind::NotAColumn { name: name.to_owned() }));
            }
            let column = if let Some(field) = Field::named(name) {
                if field.list_status().is_some() {
                    first_list.get_or_insert(name);
                }
                Column::Field(field)
            } else if let Some(index) = self.program_index(name) {
                has_column[index] = true;
                first_program.get_or_insert(name);
                Column::Program(index)
            } else if let Some(suggestion) = self.near_miss(name) {
                return Err(Error::new(at(), ErrorKind::NearMissColumn { name: name.to_owned(), suggestion }));
            } else {
                Column::Carried
            };
            columns.push(column);
        }
        match (first_list, first_program) {
            (Some(list), Some(program)) => {
                return Err(ErrorKind::MixedColumns { list: list.to_owned(), program: program.to_owned() }.into());
            }
            (None, None) => return Err(ErrorKind::NoProgramColumns.into()),
            _ => {}
        }
        if first_list.is_some() && !columns.contains(&Column::Field(Field::Offers)) {
            return Err(ErrorKind::NoProgramColumns.into());
        }
        Ok(Columns {
            columns,
            names: names.iter().map(|name| name.as_ref().trim().to_owned()).collect(),
            per_program: first_program.is_some(),
            without_column: (0..has_column.len()).filter(|&p| !has_column[p]).collect(),
            shape: self.shape(),
        })
    }

    /// The program id or read field a column name is most likely a misspelling of: the same
    /// name in another case or with `_` or spaces for `-`, or (for program ids) at most two
    /// edits away.
    fn near_miss(&self, name: &str) -> Option<Id> {
        let normalized = name.to_ascii_lowercase().replace(['_', ' '], "-");
        if let Some(index) = self.program_index(&normalized) {
            return Some(self.programs()[index].id.clone());
        }
        if let Some(field) = Field::named(&normalized).filter(|field| field.read_from_table()) {
            return Some(Id::from(field.as_str()));
        }
        let ids = self.programs().iter().map(|p| p.id.as_ref());
        if let Some(id) = nearest_str(&normalized, ids).filter(|id| strsim::damerau_levenshtein(&normalized, id) <= 2) {
            return Some(Id::from(id));
        }
        // Fields are short words, so only one edit counts ("offer", "goal").
        let fields = Field::ALL.into_iter().filter(|f| f.read_from_table()).map(Field::as_str);
        nearest_str(&normalized, fields)
            .filter(|field| strsim::damerau_levenshtein(&normalized, field) <= 1)
            .map(Id::from)
    }

    /// A row of the table, as a profile with ids (to assess with reasons, save or show).
    ///
    /// # Errors
    /// As [`Columns::read`].
    pub fn row_profile(&self, columns: &Columns, row: usize, cells: &[Cell<'_>]) -> Result<Profile> {
        let mut resolved = self.blank_profile();
        columns.read(self, row, cells, &mut resolved)?;
        let mut profile = self.profile_of(&resolved)?;
        profile.name = columns.name(row, cells)?;
        Ok(profile)
    }
}

impl Columns {
    /// What each column means, in order.
    pub fn kinds(&self) -> &[Column] {
        &self.columns
    }

    /// The column names, trimmed, in order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Positions of the columns an output carries: `id`, `name` and every column that is not
    /// read.
    pub fn carried(&self) -> impl Iterator<Item = usize> + '_ {
        self.columns.iter().enumerate().filter_map(|(position, column)| match column {
            Column::Carried | Column::Field(Field::Id | Field::Name) => Some(position),
            _ => None,
        })
    }

    fn at(&self, row: usize, column: usize) -> Path {
        Path::root().row(row).column(Cow::Owned(self.names[column].clone()))
    }

    /// Reads one row of cells (one a column, in order) into `profile`, replacing what it held.
    /// `row` numbers the row in messages: 1 for the first row of data.
    ///
    /// ```
    /// # let catalog = smartlib_core::Catalog::new(smartlib_core::testing::small_catalog()).unwrap();
    /// use smartlib_core::Cell;
    /// let columns = catalog.columns(&["lab", "wifi", "classes", "budget"])?;
    /// let mut profile = catalog.blank_profile();
    /// columns.read(&catalog, 1, &[Cell::Text("Yes"), Cell::Bool(true), Cell::Number(1.0), Cell::Text("low")], &mut profile)?;
    /// assert_eq!(catalog.summarize(&profile, 0)?.level_range, [1, 3]);
    ///
    /// let error = columns.read(&catalog, 2, &[Cell::Text("maybe"), Cell::Missing, Cell::Missing, Cell::Missing], &mut profile);
    /// assert!(error.unwrap_err().to_string().starts_with(r#"row 2, column "lab": "maybe" is not a status"#));
    /// # Ok::<(), smartlib_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// At `row N, column "x"`: a cell that is not a status, an amount or ids; an unknown
    /// program or goal id (with the nearest valid one); a program given two statuses. At
    /// `row N`: a row with the wrong number of cells. [`ErrorKind::CatalogMismatch`] when the
    /// columns or the profile belong to another catalog.
    pub fn read(&self, catalog: &Catalog, row: usize, cells: &[Cell<'_>], profile: &mut ResolvedProfile) -> Result<()> {
        if self.shape != catalog.shape() {
            return Err(ErrorKind::CatalogMismatch.into());
        }
        catalog.check_shape(profile)?;
        if cells.len() != self.columns.len() {
            let kind = ErrorKind::WrongCellCount { given: cells.len(), columns: self.columns.len() };
            return Err(Error::new(Path::root().row(row), kind));
        }
        profile.clear();
        // The profile was just cleared and every program has at most one column, so the
        // statuses below are marked, never changed.
        if self.per_program {
            for &program in &self.without_column {
                profile.mark(program, Status::Unknown);
            }
        }
        for (position, (column, cell)) in self.columns.iter().zip(cells).enumerate() {
            let at = || self.at(row, position);
            let located = |kind: ErrorKind| Error::new(at(), kind);
            match *column {
                Column::Program(program) => {
                    // Front ends that read each distinct value once hand over statuses: no call.
                    let status = match cell {
                        Cell::Status(status) => *status,
                        cell => Status::from_cell(cell).map_err(located)?,
                    };
                    profile.mark(program, status);
                }
                Column::Field(field) => match field {
                    Field::Offers | Field::Piloting | Field::Planned | Field::Unknown => {
                        let status = field.list_status().unwrap_or(Status::Offered);
                        each_id(cell, |id| {
                            let program = catalog.program_at(id, at)?;
                            catalog.give_status(profile, program, status, at)
                        })
                        .map_err(|error| placed(error, at))?;
                    }
                    Field::Goals => {
                        each_id(cell, |goal| catalog.add_goal(profile, goal, at)).map_err(|error| placed(error, at))?;
                    }
                    Field::Budget => profile.resources.budget = Scale::from_cell(cell).map_err(located)?,
                    Field::Staff => profile.resources.staff = Scale::from_cell(cell).map_err(located)?,
                    Field::Space => profile.resources.space = Scale::from_cell(cell).map_err(located)?,
                    Field::Id | Field::Name => {}
                },
                Column::Carried => {}
            }
        }
        Ok(())
    }

    /// Whether [`Columns::level_ranges`] can read this table: one column per program and no
    /// other column read (no goals or amounts), so a row's level range follows from its program
    /// cells alone.
    pub fn levels_by_column(&self) -> bool {
        self.per_program
            && self.columns.iter().all(|column| {
                matches!(column, Column::Program(_) | Column::Carried | Column::Field(Field::Id | Field::Name))
            })
    }

    /// The level ranges of a block of rows, worked out column by column instead of row by row:
    /// for each program column, `statuses(position, out)` fills `out` with the statuses of the
    /// block's cells in the column at `position` (one a row, read with [`Status::from_cell`]).
    /// Each range is `[level, level with unknown programs read as offered]`, what
    /// [`Catalog::summarize`] gives for the row read with [`Columns::read`]; programs without a
    /// column are unknown. For a batch that wants levels only, this is several times faster.
    ///
    /// ```
    /// # let catalog = smartlib_core::Catalog::new(smartlib_core::testing::small_catalog()).unwrap();
    /// use smartlib_core::Status::{NotOffered as N, Offered as O, Unknown as U};
    /// let columns = catalog.columns(&["lab", "wifi", "classes"])?;
    /// let cells = [[O, O, U], [O, N, N]];
    /// let mut ranges = vec![[0, 0]; 2];
    /// columns.level_ranges(&catalog, |position, out| {
    ///     for (row, status) in out.iter_mut().enumerate() {
    ///         *status = cells[row][position];
    ///     }
    /// }, &mut ranges)?;
    /// assert_eq!(ranges, [[1, 3], [0, 0]]);
    /// # Ok::<(), smartlib_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`ErrorKind::CatalogMismatch`] when the columns belong to another catalog;
    /// [`ErrorKind::NotLevelsByColumn`] when [`Columns::levels_by_column`] is false.
    pub fn level_ranges(
        &self,
        catalog: &Catalog,
        mut statuses: impl FnMut(usize, &mut [Status]),
        ranges: &mut [[usize; 2]],
    ) -> Result<()> {
        if self.shape != catalog.shape() {
            return Err(ErrorKind::CatalogMismatch.into());
        }
        if !self.levels_by_column() {
            return Err(ErrorKind::NotLevelsByColumn.into());
        }
        let rows = ranges.len();
        let tiers = catalog.tiers().len();
        // Per tier, a count a row (tier by tier, so each column adds to one run of counts): the
        // programs that count as offered, and the programs whose status is unknown.
        let mut counted = vec![0u32; tiers * rows];
        let mut unknown = vec![0u32; tiers * rows];
        for &program in &self.without_column {
            let tier = catalog.tier_of(program);
            unknown[tier * rows..(tier + 1) * rows].iter_mut().for_each(|count| *count += 1);
        }
        let piloting = catalog.policy().count_piloting;
        let mut cells = vec![Status::NotOffered; rows];
        for (position, column) in self.columns.iter().enumerate() {
            let Column::Program(program) = *column else { continue };
            statuses(position, &mut cells);
            let tier = catalog.tier_of(program);
            let counted = &mut counted[tier * rows..(tier + 1) * rows];
            let unknown = &mut unknown[tier * rows..(tier + 1) * rows];
            for ((counted, unknown), &status) in counted.iter_mut().zip(unknown.iter_mut()).zip(&cells) {
                *counted += u32::from(status == Status::Offered || (piloting && status == Status::Piloting));
                *unknown += u32::from(status == Status::Unknown);
            }
        }
        for (row, range) in ranges.iter_mut().enumerate() {
            *range = [
                catalog.level_from_counts(|tier| counted[tier * rows + row] as usize),
                catalog.level_from_counts(|tier| (counted[tier * rows + row] + unknown[tier * rows + row]) as usize),
            ];
        }
        Ok(())
    }

    /// Reads a block of rows of a program-columns table (see [`Columns::levels_by_column`])
    /// column by column into `profiles`, one a row: `statuses(position, out)` fills `out` with
    /// the statuses of the block's cells in the column at `position`. Each profile ends up as
    /// [`Columns::read`] leaves it for the row, with less work a cell.
    ///
    /// # Errors
    /// As [`Columns::level_ranges`]; [`ErrorKind::CatalogMismatch`] also for a profile of
    /// another catalog.
    pub fn read_by_column(
        &self,
        catalog: &Catalog,
        mut statuses: impl FnMut(usize, &mut [Status]),
        profiles: &mut [ResolvedProfile],
        buffers: &mut ColumnBuffers,
    ) -> Result<()> {
        if self.shape != catalog.shape() {
            return Err(ErrorKind::CatalogMismatch.into());
        }
        if !self.levels_by_column() {
            return Err(ErrorKind::NotLevelsByColumn.into());
        }
        for profile in profiles.iter() {
            catalog.check_shape(profile)?;
        }
        // The block's status sets side by side, a row after another, each row with a fifth set
        // that takes the not-offered marks, so marking never branches.
        let rows = profiles.len();
        let words = crate::bits::words_for(catalog.programs().len());
        let stride = 5 * words;
        let ColumnBuffers { statuses: cells, words: sets } = buffers;
        sets.clear();
        sets.resize(rows * stride, 0);
        let mut mark = |program: usize, row: usize, status: Status| {
            let set = ResolvedProfile::slot(status).unwrap_or(4);
            sets[row * stride + set * words + program / 64] |= 1 << (program % 64);
        };
        for &program in &self.without_column {
            (0..rows).for_each(|row| mark(program, row, Status::Unknown));
        }
        cells.clear();
        cells.resize(rows, Status::NotOffered);
        for (position, column) in self.columns.iter().enumerate() {
            let Column::Program(program) = *column else { continue };
            statuses(position, cells);
            cells.iter().enumerate().for_each(|(row, &status)| mark(program, row, status));
        }
        for (row, profile) in profiles.iter_mut().enumerate() {
            profile.clear();
            profile.bits.copy_from_slice(&sets[row * stride..row * stride + 4 * words]);
        }
        Ok(())
    }

    /// The library's name from the `name` column, if the table has one.
    ///
    /// # Errors
    /// At `row N, column "name"`: a list or another value that is not text, a number or a
    /// boolean.
    pub fn name(&self, row: usize, cells: &[Cell<'_>]) -> Result<Option<String>> {
        let Some(position) = self.columns.iter().position(|c| *c == Column::Field(Field::Name)) else {
            return Ok(None);
        };
        match cells.get(position) {
            None => Ok(None),
            Some(cell) if cell.is_blank() => Ok(None),
            Some(Cell::Text(text)) => Ok(Some(text.trim().to_owned())),
            Some(cell @ (Cell::Number(_) | Cell::Bool(_))) => Ok(Some(cell.value().to_string())),
            Some(other) => Err(Error::new(self.at(row, position), ErrorKind::NotText { value: other.value() })),
        }
    }
}

/// Puts an error raised inside a cell (which has no position yet) at the cell.
fn placed(error: Error, at: impl FnOnce() -> Path) -> Error {
    if error.path.is_empty() { Error::new(at(), error.kind) } else { error }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::small_catalog;

    fn catalog() -> Catalog {
        Catalog::new(small_catalog()).expect("valid")
    }

    fn header_error(names: &[&str]) -> String {
        catalog().columns(names).unwrap_err().to_string()
    }

    #[test]
    fn near_miss_columns_are_refused_with_a_suggestion() {
        let near = |name: &str| header_error(&["lab", name]);
        assert!(near("WiFi").contains("did you mean \"wifi\""));
        assert!(near("open_data").contains("did you mean \"open-data\""));
        assert!(near("makerspce").contains("did you mean \"makerspace\""));
        assert!(near("Offers").contains("did you mean \"offers\""));
        assert!(near("goal").contains("did you mean \"goals\""));
        assert_eq!(near("lab"), r#"column "lab": appears more than once"#);
        // Far from every id: carried.
        assert!(catalog().columns(&["lab", "state", "ID", "Name", "fscs_id"]).is_ok());
    }

    #[test]
    fn a_table_must_say_what_a_library_offers_in_one_way() {
        assert!(header_error(&["id", "state"]).starts_with("no \"offers\" column"));
        assert!(header_error(&["id", "unknown"]).starts_with("no \"offers\" column"));
        assert!(header_error(&["offers", "lab"]).starts_with("column \"offers\" lists programs and column \"lab\""));
        assert!(header_error(&["offers", "constraints"]).contains("give budget, staff and space as columns"));
    }

    #[test]
    fn per_program_rows_leave_programs_without_a_column_unknown() {
        let catalog = catalog();
        let columns = catalog.columns(&["name", "lab", "wifi", "classes", "goals"]).expect("columns");
        let cells = [Cell::Text("Anytown"), Cell::Text("yes"), Cell::Text("1"), Cell::Text(""), Cell::Text("creators")];
        let profile = catalog.row_profile(&columns, 1, &cells).expect("reads");
        assert_eq!(profile.name.as_deref(), Some("Anytown"));
        assert_eq!(profile.offers, ["lab", "wifi"]);
        assert_eq!(profile.unknown, ["classes", "lending", "advanced", "help-desk", "makerspace", "open-data"]);
        assert_eq!(profile.goals, ["creators"]);
    }

    #[test]
    fn list_rows_leave_programs_not_listed_not_offered() {
        let catalog = catalog();
        let columns = catalog.columns(&["offers", "piloting", "budget"]).expect("columns");
        let cells = [Cell::Text("lab; wifi"), Cell::List(vec![Cell::Text("classes")]), Cell::Text("High")];
        let profile = catalog.row_profile(&columns, 1, &cells).expect("reads");
        assert_eq!((profile.offers.len(), profile.piloting.len(), profile.unknown.len()), (2, 1, 0));
        assert_eq!(profile.constraints.budget, Some(Scale::High));
        let error = catalog.row_profile(&columns, 4, &[Cell::Text("lab"), Cell::Text("lab"), Cell::Missing]);
        assert_eq!(
            error.unwrap_err().to_string(),
            r#"row 4, column "piloting": program "lab" is listed as offered and as piloting"#
        );
        let error = catalog.row_profile(&columns, 2, &[Cell::Text("lab;wfi"), Cell::Missing, Cell::Missing]);
        assert_eq!(
            error.unwrap_err().to_string(),
            r#"row 2, column "offers": unknown program "wfi" (did you mean "wifi"?)"#
        );
        let error = catalog.row_profile(&columns, 3, &[Cell::Number(2.0), Cell::Missing, Cell::Missing]);
        assert!(error.unwrap_err().to_string().starts_with(r#"row 3, column "offers": expected ids"#));
    }

    #[test]
    fn rows_must_match_the_header() {
        let catalog = catalog();
        let columns = catalog.columns(&["lab", "wifi"]).expect("columns");
        let error = catalog.row_profile(&columns, 5, &[Cell::Text("yes")]).unwrap_err();
        assert_eq!(error.to_string(), "row 5: expected 2 cells (one a column), found 1");
        assert_eq!(error.row(), Some(5));
        let other = Catalog::new(crate::testing::generated_catalog(8)).expect("valid");
        let mut profile = other.blank_profile();
        assert!(columns.read(&other, 1, &[Cell::Missing, Cell::Missing], &mut profile).is_err());
    }
}
