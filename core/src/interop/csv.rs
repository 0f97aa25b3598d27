//! CSV as spreadsheets and sign-up services write it: comma, semicolon (Excel in Russian and
//! most of Europe) or tab (Excel's "Unicode text"), detected from the file; quoted cells with
//! line breaks; a header row. The `csv` crate does the reading and writing; this module adds
//! what a person needs when a file is broken: which row and column, and why (a quote never
//! closed, a row with more or fewer cells than the header).
//!
//! Writing guards against spreadsheet formulas: a cell that starts with `=`, `+`, `-`, `@`,
//! a tab or a carriage return would be run by Excel when the file is opened (a phone number
//! "+7 …" too, which shows as #NAME?), so it is written behind an apostrophe (what Excel
//! itself shows for text that looks like a formula), and reading takes the apostrophe off.

use csv::{ReaderBuilder, StringRecord, Terminator, WriterBuilder};

use super::{shown, Delimiter, Problem, ProblemKind, Record, Table, MAX_ROWS};

/// Reads `text` as a table, with the first row as the header. `delimiter` is the person's
/// choice, or None to detect it.
pub fn read(text: &str, delimiter: Option<Delimiter>) -> (Delimiter, Table) {
    // Excel may start a file with `sep=;`, which names the delimiter and is no row of the
    // sheet (Excel does not show it).
    let (text, said) = match text.split_once('\n') {
        Some((first, rest)) if first.trim_end().len() == 5 && first.starts_with("sep=") => {
            let said = match first.as_bytes()[4] {
                b',' => Some(Delimiter::Comma),
                b';' => Some(Delimiter::Semicolon),
                b'\t' => Some(Delimiter::Tab),
                _ => None,
            };
            (rest, said)
        }
        _ => (text, None),
    };
    let delimiter = delimiter.or(said).unwrap_or_else(|| detect_delimiter(text));
    let mut table = Table::default();
    if let Some(problem) = unclosed_quote(text, delimiter.byte()) {
        table.problems.push(problem);
    }
    let mut reader = ReaderBuilder::new()
        .delimiter(delimiter.byte())
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    match records.next() {
        Some(Ok(header)) => {
            table.headers = header
                .iter()
                .map(|h| unguarded(h.trim()).to_string())
                .collect();
        }
        Some(Err(err)) => {
            table.problems.push(Problem::at(
                ProblemKind::RaggedRow,
                1,
                None,
                format!("row 1: the header cannot be read: {err}"),
            ));
            return (delimiter, table);
        }
        None => {
            table
                .problems
                .push(Problem::file(ProblemKind::Empty, "the file is empty"));
            return (delimiter, table);
        }
    }
    // Trailing empty header cells (Excel's ";;;" after the last column) are no columns.
    while table.headers.last().is_some_and(String::is_empty) {
        table.headers.pop();
    }
    let width = table.headers.len();
    let mut row: u32 = 1;
    for record in records {
        row = row.saturating_add(1);
        if row > MAX_ROWS.saturating_add(1) {
            table.problems.push(Problem::file(
                ProblemKind::TooManyRows,
                format!("the file has more than {MAX_ROWS} rows; import it in parts"),
            ));
            break;
        }
        let mut cells = match record {
            Ok(cells) => cells,
            Err(err) => {
                table.problems.push(Problem::at(
                    ProblemKind::RaggedRow,
                    row,
                    None,
                    format!("row {row}: cannot be read: {err}"),
                ));
                continue;
            }
        };
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if cells.len() > width {
            let extra = (width..cells.len()).find(|&i| !cells[i].trim().is_empty());
            if let Some(column) = extra {
                table.problems.push(Problem::at(
                    ProblemKind::RaggedRow,
                    row,
                    Some(column as u32),
                    format!(
                        "row {row}, column {}: the row has {} cells but the header has {width} \
                         ({} is left over); check the delimiter and the quotes",
                        column + 1,
                        cells.len(),
                        shown(&cells[column])
                    ),
                ));
            }
            cells.truncate(width);
        } else if cells.len() < width {
            let column = cells.len();
            table.problems.push(Problem::at(
                ProblemKind::RaggedRow,
                row,
                Some(column as u32),
                format!(
                    "row {row}: the row has {} cells but the header has {width}; column {} \
                     ({}) and after are missing",
                    cells.len(),
                    column + 1,
                    table.headers[column]
                ),
            ));
        }
        if cells.iter().any(|c| c.starts_with('\'')) {
            cells = cells.iter().map(unguarded).collect();
        }
        table.rows.push(Record { row, cells });
    }
    (delimiter, table)
}

/// The delimiter that splits the first rows into the same number of cells, more than one;
/// comma when none does.
fn detect_delimiter(text: &str) -> Delimiter {
    let sample = match text.char_indices().nth(64 * 1024) {
        Some((end, _)) => &text[..text[..end].rfind('\n').unwrap_or(end)],
        None => text,
    };
    let score = |delimiter: Delimiter| -> (usize, usize) {
        let mut reader = ReaderBuilder::new()
            .delimiter(delimiter.byte())
            .has_headers(false)
            .flexible(true)
            .from_reader(sample.as_bytes());
        let lengths: Vec<usize> = reader
            .records()
            .take(50)
            .filter_map(Result::ok)
            .map(|r| r.len())
            .collect();
        match lengths.first() {
            Some(&width) if width > 1 => {
                (lengths.iter().filter(|&&len| len == width).count(), width)
            }
            _ => (0, 0),
        }
    };
    [Delimiter::Semicolon, Delimiter::Tab, Delimiter::Comma]
        .into_iter()
        .map(|d| (score(d), d))
        .max_by_key(|(score, _)| *score)
        .filter(|(score, _)| score.0 > 0)
        .map_or(Delimiter::Comma, |(_, d)| d)
}

/// A quote that opens a cell and is never closed swallows the rest of the file into that
/// cell; the reader cannot tell, so this scan finds where it opened.
fn unclosed_quote(text: &str, delimiter: u8) -> Option<Problem> {
    let bytes = text.as_bytes();
    let (mut row, mut column) = (1u32, 0u32);
    let mut at_cell_start = true;
    let mut open: Option<(u32, u32)> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if open.is_some() {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    open = None;
                }
            }
        } else if b == b'"' && at_cell_start {
            open = Some((row, column));
        } else if b == delimiter {
            column += 1;
            at_cell_start = true;
            i += 1;
            continue;
        } else if b == b'\n' {
            row += 1;
            column = 0;
            at_cell_start = true;
            i += 1;
            continue;
        }
        at_cell_start = false;
        i += 1;
    }
    open.map(|(row, column)| {
        Problem::at(
            ProblemKind::UnbalancedQuote,
            row,
            Some(column),
            format!(
                "row {row}, column {}: a quote opens the cell and is never closed",
                column + 1
            ),
        )
    })
}

/// What a spreadsheet takes for the start of a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell as written: an apostrophe before text that a spreadsheet would run as a formula.
fn guarded(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

fn unguarded(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

/// Writes a header and rows as CSV (comma-separated, CRLF line ends as RFC 4180 says),
/// behind a UTF-8 byte-order mark when `bom` (Excel reads UTF-8 without one as the
/// system's old code page).
pub fn write<'a>(
    headers: &[&str],
    rows: impl Iterator<Item = Vec<&'a str>>,
    bom: bool,
) -> crate::Result<Vec<u8>> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(b"\xEF\xBB\xBF");
    }
    let mut writer = WriterBuilder::new()
        .terminator(Terminator::CRLF)
        .from_writer(out);
    let fail = |e: csv::Error| crate::Error::Internal(format!("CSV could not be written: {e}"));
    writer.write_record(headers).map_err(fail)?;
    for row in rows {
        writer
            .write_record(StringRecord::from_iter(row.into_iter().map(guarded)).iter())
            .map_err(fail)?;
    }
    writer
        .into_inner()
        .map_err(|e| crate::Error::Internal(format!("CSV could not be written: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(table: &Table) -> Vec<Vec<String>> {
        table
            .rows
            .iter()
            .map(|r| r.cells.iter().map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn the_delimiter_is_detected() {
        let (d, t) = read("Имя;Email;Город\nАня;a@x.ru;Казань, Татарстан\n", None);
        assert_eq!(d, Delimiter::Semicolon);
        assert_eq!(t.headers, ["Имя", "Email", "Город"]);
        assert_eq!(cells(&t), [["Аня", "a@x.ru", "Казань, Татарстан"]]);

        let (d, _) = read("Name\tEmail\nAna\ta@x.pt\n", None);
        assert_eq!(d, Delimiter::Tab);
        let (d, t) = read("Name,Notes\n\"Ana; Bea\",\"two\nlines\"\n", None);
        assert_eq!(d, Delimiter::Comma);
        assert_eq!(cells(&t), [["Ana; Bea", "two\nlines"]]);
        assert!(t.problems.is_empty());
    }

    #[test]
    fn excels_sep_line_names_the_delimiter_and_is_no_row() {
        let (d, t) = read("sep=;\r\nName;Notes\r\nAna;a, b\r\n", None);
        assert_eq!(d, Delimiter::Semicolon);
        assert_eq!(t.headers, ["Name", "Notes"]);
        assert_eq!(cells(&t), [["Ana", "a, b"]]);
        assert_eq!(t.rows[0].row, 2);
    }

    #[test]
    fn an_unclosed_quote_names_its_row_and_column() {
        let (_, t) = read("Name,Email\nAna,a@x.pt\n\"Bea,b@x.pt\nCarl,c@x.pt\n", None);
        let p = &t.problems[0];
        assert_eq!(p.kind, ProblemKind::UnbalancedQuote);
        assert_eq!((p.row, p.column), (Some(3), Some(0)));
        assert!(p.message.contains("row 3, column 1"), "{}", p.message);
    }

    #[test]
    fn ragged_rows_name_the_row_and_the_column() {
        let text = "Name,Email,City\nAna,a@x.pt,Porto\nBea,b@x.pt\nCarl,c@x.pt,Lisbon,extra\nDan,d@x.pt,Faro,,\n";
        let (_, t) = read(text, Some(Delimiter::Comma));
        let found: Vec<_> = t.problems.iter().map(|p| (p.row, p.column)).collect();
        assert_eq!(found, [(Some(3), Some(2)), (Some(4), Some(3))]);
        assert!(t.problems.iter().all(|p| p.kind == ProblemKind::RaggedRow));
        assert_eq!(t.rows.len(), 4, "empty trailing cells are no problem");
    }

    #[test]
    fn empty_rows_are_skipped_and_an_empty_file_is_a_problem() {
        let (_, t) = read("Name,Email,,\nAna,a@x.pt,,\n,,,\n\n", None);
        assert_eq!(t.headers, ["Name", "Email"]);
        assert_eq!(t.rows.len(), 1);
        assert!(t.problems.is_empty(), "{:?}", t.problems);
        let (_, t) = read("", None);
        assert_eq!(t.problems[0].kind, ProblemKind::Empty);
    }

    #[test]
    fn formulas_are_written_as_text_and_read_back() {
        let bytes = write(
            &["Name", "Notes"],
            [
                vec!["=HYPERLINK(\"x\")", "@ana; \"quoted\""],
                vec!["+7 999 123-45-67", "-2+3"],
                vec!["\tTab", "plain - text"],
            ]
            .into_iter(),
            true,
        )
        .unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with("\u{feff}Name,Notes\r\n"), "{text}");
        assert!(text.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{text}");
        let (_, t) = read(text.trim_start_matches('\u{feff}'), None);
        assert!(text.contains("'+7 999 123-45-67,'-2+3\r\n"), "{text}");
        assert!(text.contains(",plain - text\r\n"), "{text}");
        assert_eq!(
            cells(&t),
            [
                ["=HYPERLINK(\"x\")", "@ana; \"quoted\""],
                ["+7 999 123-45-67", "-2+3"],
                ["\tTab", "plain - text"],
            ]
        );
    }
}
