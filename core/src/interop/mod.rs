//! Files that carry records in and out of Hearth, read and written without knowing what the
//! records mean: text in whatever encoding a spreadsheet or a phone saved it (`decode`), CSV
//! tables (`csv`) and vCard contacts (`vcard`). Each reader turns its file into a `Table`
//! (a header and rows of text cells) and the problems it met, each naming the row and
//! column where a person would look; the domain (`members::import`) decides what the cells
//! mean. Keeping the formats apart from the domain lets one import pipeline serve both file
//! kinds, and lets the next domain (events from ICS) reuse the decoding and the problems.

pub mod csv;
pub mod vcard;

use serde::Serialize;

use crate::enums::string_enum;
use crate::error::Rule;

/// The largest file an import reads: 64 MiB, about 400,000 rows of a typical member
/// export. A bigger file is refused before it is read, so a wrong pick (a video, a disk
/// image) cannot exhaust memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The most rows (or contact cards) one import takes.
pub const MAX_ROWS: u32 = 250_000;

string_enum! {
    /// The kind of file, detected from its name and content.
    pub enum FileFormat {
        Csv = "csv",
        Vcard = "vcard",
    }
}

string_enum! {
    /// How the file's text was encoded: UTF-8 (with or without the byte-order mark Excel
    /// writes), UTF-16 with a mark (Excel's "Unicode text"), or Windows-1251 (Russian
    /// Excel's "CSV").
    pub enum TextEncoding {
        Utf8 = "utf8",
        Utf8Bom = "utf8_bom",
        Utf16le = "utf16le",
        Utf16be = "utf16be",
        Windows1251 = "windows1251",
    }
}

string_enum! {
    /// What separates the cells of a CSV row.
    pub enum Delimiter {
        Comma = "comma",
        Semicolon = "semicolon",
        Tab = "tab",
    }
}

impl Delimiter {
    pub fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
        }
    }
}

string_enum! {
    /// What is wrong, in a word the interface turns into a sentence of its own language.
    /// File-wide problems (`too_big`, `binary`, `unknown_encoding`, `empty`, `no_name_column`)
    /// stop the whole file; the others name a row and usually a column.
    pub enum ProblemKind {
        TooBig = "too_big",
        TooManyRows = "too_many_rows",
        Binary = "binary",
        UnknownEncoding = "unknown_encoding",
        Empty = "empty",
        UnbalancedQuote = "unbalanced_quote",
        RaggedRow = "ragged_row",
        BadCard = "bad_card",
        NoNameColumn = "no_name_column",
        InvalidValue = "invalid_value",
        UnknownDate = "unknown_date",
    }
}

/// One thing that stops a file from being imported, where a person would look for it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "ImportProblem")]
pub struct Problem {
    pub kind: ProblemKind,
    /// For CSV the row as a spreadsheet numbers it (the header is row 1); for vCard the
    /// card's number (the first card is 1). None: the whole file.
    pub row: Option<u32>,
    /// The column's position, from 0, when one column is at fault.
    pub column: Option<u32>,
    /// The column's header as the file names it (for vCard, the property, e.g. `EMAIL`).
    pub header: Option<String>,
    /// The member field at fault (camelCase, as errors name fields), for invalid values.
    pub field: Option<String>,
    pub rule: Option<Rule>,
    pub limit: Option<u32>,
    /// English, complete (row, column and reason), for logs and the command line.
    pub message: String,
}

impl Problem {
    pub(crate) fn file(kind: ProblemKind, message: impl Into<String>) -> Problem {
        Problem {
            kind,
            row: None,
            column: None,
            header: None,
            field: None,
            rule: None,
            limit: None,
            message: message.into(),
        }
    }

    pub(crate) fn at(kind: ProblemKind, row: u32, column: Option<u32>, message: String) -> Problem {
        Problem {
            row: Some(row),
            column,
            ..Problem::file(kind, message)
        }
    }
}

/// A file read into rows of text: what every reader hands the import.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Record>,
    pub problems: Vec<Problem>,
}

/// One row of a table, numbered as `Problem::row` numbers it.
#[derive(Debug, Clone)]
pub struct Record {
    pub row: u32,
    pub cells: ::csv::StringRecord,
}

impl Record {
    /// The cell in `column`, or empty text for a short row.
    pub fn cell(&self, column: usize) -> &str {
        self.cells.get(column).unwrap_or("")
    }
}

/// A file's text and how it was encoded.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: TextEncoding,
}

/// Reads a file for an import, but never more than one byte past `MAX_FILE_BYTES`: a file
/// over the limit is known to be too big without holding all of it in memory.
pub fn read_file(path: &std::path::Path) -> crate::Result<Vec<u8>> {
    use std::io::Read as _;
    let fail = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => {
            crate::Error::NotFound(format!("there is no file {}", path.display()))
        }
        _ => crate::Error::Io(format!("cannot read {}: {e}", path.display())),
    };
    let file = std::fs::File::open(path).map_err(fail)?;
    if file.metadata().map_err(fail)?.is_dir() {
        return Err(crate::Error::invalid(
            "path",
            Rule::InvalidFormat,
            format!("{} is a folder, not a file", path.display()),
        ));
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(fail)?;
    Ok(bytes)
}

/// Decodes a file's bytes: UTF-8 (a byte-order mark dropped), UTF-16 (with a mark or
/// without), or Windows-1251 when the bytes are not UTF-8 and read as Russian text.
/// `forced` skips the guessing (the person chose the encoding). Binary data and text in any
/// other encoding are problems naming the line where they show.
pub fn decode(bytes: &[u8], forced: Option<TextEncoding>) -> Result<Decoded, Problem> {
    use encoding_rs::{UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1251};
    let with_encoding = |encoding: TextEncoding| -> Result<Decoded, Problem> {
        let (codec, bom): (&'static encoding_rs::Encoding, &[u8]) = match encoding {
            TextEncoding::Utf8 | TextEncoding::Utf8Bom => (UTF_8, b"\xEF\xBB\xBF"),
            TextEncoding::Utf16le => (UTF_16LE, b"\xFF\xFE"),
            TextEncoding::Utf16be => (UTF_16BE, b"\xFE\xFF"),
            TextEncoding::Windows1251 => (WINDOWS_1251, b""),
        };
        let body = bytes.strip_prefix(bom).unwrap_or(bytes);
        let (text, had_errors) = codec.decode_without_bom_handling(body);
        if had_errors {
            let line = match std::str::from_utf8(body) {
                Err(e) if codec == UTF_8 => line_of(body, e.valid_up_to()),
                _ => 1,
            };
            return Err(Problem::at(
                ProblemKind::UnknownEncoding,
                line,
                None,
                format!("line {line}: the file is not valid {encoding} text"),
            ));
        }
        let text = text.into_owned();
        refuse_binary(&text)?;
        Ok(Decoded { text, encoding })
    };
    if let Some(encoding) = forced {
        return with_encoding(encoding);
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        return with_encoding(TextEncoding::Utf8Bom);
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return with_encoding(TextEncoding::Utf16le);
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return with_encoding(TextEncoding::Utf16be);
    }
    if let Some(encoding) = unmarked_utf16(bytes) {
        if let Ok(decoded) = with_encoding(encoding) {
            return Ok(decoded);
        }
    }
    if let Some(at) = memchr_zero(bytes) {
        let line = line_of(bytes, at);
        return Err(Problem::at(
            ProblemKind::Binary,
            line,
            None,
            format!("line {line}: binary data (a zero byte); this is not a text file"),
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            refuse_binary(text)?;
            Ok(Decoded {
                text: text.to_string(),
                encoding: TextEncoding::Utf8,
            })
        }
        Err(e) => {
            let (text, _) = WINDOWS_1251.decode_without_bom_handling(bytes);
            if reads_as_russian(&text) {
                refuse_binary(&text)?;
                return Ok(Decoded {
                    text: text.into_owned(),
                    encoding: TextEncoding::Windows1251,
                });
            }
            let line = line_of(bytes, e.valid_up_to());
            Err(Problem::at(
                ProblemKind::UnknownEncoding,
                line,
                None,
                format!(
                    "line {line}: the text is neither UTF-8 nor Windows-1251; save the file as \
                     UTF-8 (\"CSV UTF-8\" in Excel) and try again"
                ),
            ))
        }
    }
}

/// UTF-16 saved without its byte-order mark (some exporters and scripts write it so): the
/// text's ASCII characters (delimiters, line breaks, digits, Latin letters) leave a zero
/// byte in every other place, on one side only, which binary data does not keep up.
fn unmarked_utf16(bytes: &[u8]) -> Option<TextEncoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let zeros = |start: usize| {
        sample
            .iter()
            .skip(start)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    let pairs = sample.len() / 2;
    if even == 0 && odd * 4 >= pairs {
        Some(TextEncoding::Utf16le)
    } else if odd == 0 && even * 4 >= pairs {
        Some(TextEncoding::Utf16be)
    } else {
        None
    }
}

fn memchr_zero(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

/// The line (from 1) that byte `at` is on.
fn line_of(bytes: &[u8], at: usize) -> u32 {
    let newlines = bytes[..at.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count();
    u32::try_from(newlines + 1).unwrap_or(u32::MAX)
}

/// Text that holds control characters other than line breaks, tabs and form feeds is not a
/// table a person made: an image or an archive renamed, or garbage.
fn refuse_binary(text: &str) -> Result<(), Problem> {
    let mut line = 1u32;
    let mut controls = 0usize;
    let mut first: Option<u32> = None;
    for c in text.chars() {
        if c == '\n' {
            line += 1;
        } else if c.is_control() && !matches!(c, '\t' | '\r' | '\u{c}') {
            controls += 1;
            first.get_or_insert(line);
        }
    }
    match first {
        // One stray control character is a bad cell (the row's check names it); many mean
        // the file is not text at all.
        Some(line) if controls > 8 || c_ratio(controls, text) => Err(Problem::at(
            ProblemKind::Binary,
            line,
            None,
            format!("line {line}: binary data (control characters); this is not a text file"),
        )),
        _ => Ok(()),
    }
}

fn c_ratio(controls: usize, text: &str) -> bool {
    controls * 100 > text.len().max(1)
}

/// Whether bytes that are not UTF-8, read as Windows-1251, look like Russian text rather
/// than another encoding misread: Latin-1's "José" reads as "Josй" (a Cyrillic letter inside
/// a Latin word), KOI8-R's "Иван" as "йЧБО" (capitals inside a word).
fn reads_as_russian(text: &str) -> bool {
    let mut cyrillic_words = 0usize;
    let mut odd_words = 0usize;
    let mut odd_chars = 0usize;
    let mut non_ascii = 0usize;
    for word in text.split(|c: char| !c.is_alphabetic()) {
        let mut has_latin = false;
        let mut has_cyrillic = false;
        let mut capital_inside = false;
        let mut previous_lower = false;
        for c in word.chars() {
            let cyr = is_cyrillic(c);
            has_latin |= c.is_ascii_alphabetic();
            has_cyrillic |= cyr;
            if cyr && c.is_uppercase() && previous_lower {
                capital_inside = true;
            }
            previous_lower = cyr && c.is_lowercase();
        }
        if has_cyrillic {
            cyrillic_words += 1;
            if has_latin || capital_inside {
                odd_words += 1;
            }
        }
    }
    for c in text.chars().filter(|c| !c.is_ascii()) {
        non_ascii += 1;
        if !is_cyrillic(c) && !"№«»–—“”„‘’…•\u{a0}©®™°±€".contains(c)
        {
            odd_chars += 1;
        }
    }
    cyrillic_words > 0 && odd_words * 5 <= cyrillic_words && odd_chars * 20 <= non_ascii
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{400}'..='\u{4ff}')
}

/// Text for one line of a message: quoted, and cut when long.
pub(crate) fn shown(value: &str) -> String {
    let cut: String = value.chars().take(40).collect();
    if cut.len() < value.len() {
        format!("{:?}…", cut)
    } else {
        format!("{cut:?}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_a_mark() {
        let plain = decode("Имя;Email\n".as_bytes(), None).unwrap();
        assert_eq!(plain.encoding, TextEncoding::Utf8);
        assert_eq!(plain.text, "Имя;Email\n");
        let marked = decode("\u{feff}Имя\n".as_bytes(), None).unwrap();
        assert_eq!(marked.encoding, TextEncoding::Utf8Bom);
        assert_eq!(marked.text, "Имя\n", "the mark is dropped");
    }

    #[test]
    fn windows_1251_and_utf16_are_read() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("ФИО;Город\nПётр Ёлкин;Казань\n");
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.encoding, TextEncoding::Windows1251);
        assert_eq!(d.text, "ФИО;Город\nПётр Ёлкин;Казань\n");

        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "Name\tCity\nАня\tПорту\n".encode_utf16() {
            utf16.extend(unit.to_le_bytes());
        }
        let d = decode(&utf16, None).unwrap();
        assert_eq!(d.encoding, TextEncoding::Utf16le);
        assert_eq!(d.text, "Name\tCity\nАня\tПорту\n");
    }

    #[test]
    fn other_encodings_are_named_not_guessed() {
        let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode("Name\nJosé Müller\nFrançois\n");
        let p = decode(&latin1, None).unwrap_err();
        assert_eq!(p.kind, ProblemKind::UnknownEncoding);
        assert_eq!(p.row, Some(2));

        let (koi8, _, _) = encoding_rs::KOI8_R.encode("Имя\nИван Петров\nМария Иванова\n");
        assert_eq!(
            decode(&koi8, None).unwrap_err().kind,
            ProblemKind::UnknownEncoding
        );
    }

    #[test]
    fn utf16_without_its_mark_is_read_as_utf16() {
        let text = "Имя\tEmail\r\nАнна Иванова\tanna@example.ru\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, encoding) in [(le, TextEncoding::Utf16le), (be, TextEncoding::Utf16be)] {
            let d = decode(&bytes, None).unwrap();
            assert_eq!((d.encoding, d.text.as_str()), (encoding, text));
        }
        // A zero byte in a file that is otherwise UTF-8 is still binary data.
        let p = decode(b"Name,Email\nAn\0na,a@example.org\n", None).unwrap_err();
        assert_eq!((p.kind, p.row), (ProblemKind::Binary, Some(2)));
    }

    #[test]
    fn binary_data_is_not_a_table() {
        let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00";
        let p = decode(png, None).unwrap_err();
        assert_eq!(p.kind, ProblemKind::Binary);
        assert_eq!(p.row, Some(3), "the zero byte is on the third line");

        let garbage: Vec<u8> = (1u8..32).cycle().take(300).collect();
        assert_eq!(
            decode(&garbage, None).unwrap_err().kind,
            ProblemKind::Binary
        );
    }
}
