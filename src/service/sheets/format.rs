//! Tables as files: CSV (one file per kind, named after it), JSON (one object, a key per kind) and NDJSON (one
//! row per line, its kind in `entity`). Reading takes what spreadsheets write: a UTF-8 byte-order mark, Windows
//! line endings, quoted cells with line breaks, columns in any order, blank rows, `;` or tab between cells. CSV cells
//! that a spreadsheet would run as a formula are written with a leading apostrophe, and read back without it.

use std::io::Write;

use serde_json::{Map, Value};

use super::{CellError, Kind, LIST_SEPARATOR, Row, Table, is_list};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Csv,
    Json,
    Ndjson,
}

impl Format {
    pub(crate) fn from_name(name: &str) -> Option<Format> {
        match name.trim().to_lowercase().as_str() {
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "ndjson" | "jsonl" => Some(Format::Ndjson),
            _ => None,
        }
    }

    /// The format a file's extension says.
    pub(crate) fn of_file(name: &str) -> Option<Format> {
        Format::from_name(name.rsplit_once('.')?.1)
    }
}

fn file_error(source: &str, row: usize, message: impl Into<String>) -> CellError {
    CellError { source: source.to_owned(), row, column: None, message: message.into(), problem: None }
}

/// The kind a CSV file holds, from its name (`authorities.csv`, `FRA-contacts.csv`, …).
fn kind_of_file(name: &str) -> Option<Kind> {
    let stem = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s).to_lowercase().replace('-', "_");
    // `contact_points` before `contacts`: the longer name first.
    [Kind::ContactPoints, Kind::Authorities, Kind::Contacts, Kind::Memberships]
        .into_iter()
        .find(|k| stem.contains(k.name()) || stem.contains(k.name().trim_end_matches('s')))
}

/// The tables in an uploaded file, whatever a spreadsheet saved: a workbook (XLSX, ODS), or CSV, JSON or NDJSON
/// text in UTF-8 (with or without a byte-order mark) or UTF-16 with one (Excel's "Unicode text"). Text in any
/// other encoding is refused with what to do instead. `name` is the file's name as uploaded.
pub(crate) fn decode_upload(name: &str, bytes: &[u8]) -> Result<Vec<Table>, CellError> {
    if super::xlsx::is_workbook(bytes) {
        return super::xlsx::read(name, bytes);
    }
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_lowercase()).unwrap_or_default();
    let format = match extension.as_str() {
        "csv" | "txt" | "tsv" | "" => Format::Csv,
        "xlsx" | "ods" => {
            return Err(file_error(name, 0, "the file is not a workbook: save it again from the spreadsheet"));
        }
        other => Format::from_name(other)
            .ok_or_else(|| file_error(name, 0, "upload an .xlsx or .ods workbook, or a .csv, .json or .ndjson file"))?,
    };
    let text = text_of(name, bytes)?;
    if text.contains('\0') {
        return Err(file_error(name, 0, "the file holds NUL characters: it is not a text file a spreadsheet wrote"));
    }
    decode(format, name, &text)
}

/// What every encoding problem tells the person to do.
const SAVE_AS_UTF8: &str = "save it again as UTF-8: in Excel, File › Save As › \"CSV UTF-8 (comma delimited)\"; in \
     LibreOffice Calc, File › Save As › Text CSV, tick \"Edit filter settings\" and choose the character set \
     \"Unicode (UTF-8)\"; or upload the .xlsx workbook instead";

/// A text file's content: UTF-8 (a byte-order mark is dropped by `decode`), or UTF-16 with its byte-order mark.
fn text_of(name: &str, bytes: &[u8]) -> Result<String, CellError> {
    let utf16 = |units: Vec<u16>| {
        String::from_utf16(&units)
            .map_err(|_| file_error(name, 0, format!("the file is not valid UTF-16; {SAVE_AS_UTF8}")))
    };
    let pairs = |rest: &[u8], le: bool| -> Vec<u16> {
        rest.chunks_exact(2)
            .map(|p| if le { u16::from_le_bytes([p[0], p[1]]) } else { u16::from_be_bytes([p[0], p[1]]) })
            .collect()
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(pairs(rest, true));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(pairs(rest, false));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(e) => {
            let at = e.valid_up_to();
            let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
            Err(file_error(
                name,
                line,
                format!(
                    "the file is not in UTF-8 (byte 0x{:02X} on line {line} is not; spreadsheets in Western Europe \
                     often save in Windows-1252): {SAVE_AS_UTF8}",
                    bytes[at]
                ),
            ))
        }
    }
}

/// The tables in one file's content. `name` is the file's name: a CSV file's names its kind.
pub(crate) fn decode(format: Format, name: &str, content: &str) -> Result<Vec<Table>, CellError> {
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    match format {
        Format::Csv => {
            let kind = kind_of_file(name).ok_or_else(|| {
                file_error(
                    name,
                    0,
                    "the file's name must say which entries it holds: authorities.csv, contacts.csv, memberships.csv \
                     or contact_points.csv",
                )
            })?;
            Ok(vec![decode_csv(kind, name, content)?])
        }
        Format::Json => {
            let value: Value =
                serde_json::from_str(content).map_err(|e| file_error(name, e.line(), format!("not JSON: {e}")))?;
            let Value::Object(map) = value else {
                return Err(file_error(name, 1, "expected an object with a list per kind of entry"));
            };
            let mut tables = Vec::new();
            for (key, rows) in map {
                let kind = Kind::from_name(&key)
                    .ok_or_else(|| file_error(name, 1, format!("`{key}` is not a kind of entry")))?;
                let Value::Array(rows) = rows else {
                    return Err(file_error(name, 1, format!("`{key}` must be a list of rows")));
                };
                let objects = rows.into_iter().enumerate().map(|(i, r)| (i + 1, r)).collect();
                tables.push(table_of_objects(kind, name, objects)?);
            }
            Ok(tables)
        }
        Format::Ndjson => {
            let mut by_kind: Vec<(Kind, Vec<(usize, Value)>)> = Vec::new();
            for (i, line) in content.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let mut value: Value =
                    serde_json::from_str(line).map_err(|e| file_error(name, i + 1, format!("not JSON: {e}")))?;
                let entity = value.as_object_mut().and_then(|o| o.remove("entity"));
                let kind = entity.as_ref().and_then(Value::as_str).and_then(Kind::from_name).ok_or_else(|| {
                    file_error(
                        name,
                        i + 1,
                        "each line needs an `entity`: authorities, contacts, memberships or contact_points",
                    )
                })?;
                match by_kind.iter_mut().find(|(k, _)| *k == kind) {
                    Some((_, rows)) => rows.push((i + 1, value)),
                    None => by_kind.push((kind, vec![(i + 1, value)])),
                }
            }
            by_kind.into_iter().map(|(kind, rows)| table_of_objects(kind, name, rows)).collect()
        }
    }
}

/// The character that separates a CSV file's cells: spreadsheets in French, German or Spanish (and others that
/// write a decimal comma) save with `;`, some programs with a tab. Told from the header row, whose column names
/// hold none of them: the one found most there, outside quotes.
fn delimiter_of(content: &str) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for byte in content.bytes() {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some((_, n)) = counts.iter_mut().find(|(d, _)| *d == byte) {
                    *n += 1;
                }
            }
            _ => {}
        }
    }
    counts.iter().max_by_key(|(_, n)| *n).filter(|(_, n)| *n > 0).map_or(b',', |(d, _)| *d)
}

/// What a spreadsheet would run as a formula when it opens a cell starting with it (OWASP's CSV injection list),
/// and the apostrophe itself, so that reading back is one rule.
const FORMULA_LEAD: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\''];

/// A cell as written to CSV: one starting like a formula gets an apostrophe before it. Spreadsheets show it as
/// text (LibreOffice Calc keeps the apostrophe as a character and writes it back when the file is saved), which
/// also keeps `+33…` phone numbers from being read as numbers and losing their `+`. So does text a spreadsheet
/// would read as a number and write back changed (`007` → `7`, `1.50` → `1.5`, `1e5` → `1.00E+05`), quoted or not.
fn neutralised(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.starts_with(FORMULA_LEAD) || cell.trim().parse::<f64>().is_ok() {
        true => std::borrow::Cow::Owned(format!("'{cell}")),
        false => std::borrow::Cow::Borrowed(cell),
    }
}

/// A CSV cell as read back: one leading apostrophe is the export's (or a person's) mark that the rest is text.
fn read_back(cell: &str) -> String {
    cell.strip_prefix('\'').unwrap_or(cell).to_owned()
}

fn decode_csv(kind: Kind, name: &str, content: &str) -> Result<Table, CellError> {
    let mut reader =
        csv::ReaderBuilder::new().flexible(true).delimiter(delimiter_of(content)).from_reader(content.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| file_error(name, 1, format!("unreadable header: {e}")))?
        .iter()
        .map(str::to_owned)
        .collect();
    let mut rows: Vec<Row> = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let number = i + 2;
        let record = record.map_err(|e| file_error(name, number, format!("unreadable row: {e}")))?;
        let mut cells: Vec<String> = record.iter().map(read_back).collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if cells.len() > header.len() && cells[header.len()..].iter().any(|c| !c.trim().is_empty()) {
            return Err(file_error(name, number, format!("{} cells under {} columns", cells.len(), header.len())));
        }
        cells.resize(header.len(), String::new());
        rows.push(Row { number, cells });
    }
    let mut table = Table { kind, source: name.to_owned(), header, rows };
    drop_blank_columns(&mut table);
    Ok(table)
}

/// Drops columns without a name and without a value: what a spreadsheet adds past the last column when saving.
pub(super) fn drop_blank_columns(table: &mut Table) {
    for c in (0..table.header.len()).rev() {
        if table.header[c].trim().is_empty()
            && table.rows.iter().all(|r| r.cells.get(c).is_none_or(|v| v.trim().is_empty()))
        {
            table.header.remove(c);
            table.rows.iter_mut().filter(|r| r.cells.len() > c).for_each(|r| drop(r.cells.remove(c)));
        }
    }
}

/// Rows given as JSON objects (column → value) as a table; lists become one cell, numbers text, `null` empty.
fn table_of_objects(kind: Kind, name: &str, objects: Vec<(usize, Value)>) -> Result<Table, CellError> {
    let mut header: Vec<String> = Vec::new();
    let mut maps = Vec::new();
    for (number, value) in objects {
        let Value::Object(map) = value else {
            return Err(file_error(name, number, "each row must be an object of column names and values"));
        };
        for key in map.keys() {
            if !header.contains(key) {
                header.push(key.clone());
            }
        }
        maps.push((number, map));
    }
    let mut rows = Vec::new();
    for (number, map) in maps {
        let mut cells = Vec::with_capacity(header.len());
        for column in &header {
            cells.push(match map.get(column) {
                None | Some(Value::Null) => String::new(),
                Some(Value::String(s)) => s.clone(),
                Some(Value::Array(items)) => {
                    let mut parts = Vec::new();
                    for item in items {
                        match item {
                            Value::String(s) => parts.push(s.clone()),
                            other => {
                                return Err(CellError {
                                    source: name.to_owned(),
                                    row: number,
                                    column: Some(column.clone()),
                                    message: format!("list items must be text, not {other}"),
                                    problem: None,
                                });
                            }
                        }
                    }
                    parts.join(LIST_SEPARATOR)
                }
                Some(other) => other.to_string(),
            });
        }
        rows.push(Row { number, cells });
    }
    Ok(Table { kind, source: name.to_owned(), header, rows })
}

/// One row as a JSON object: version a number, lists arrays, empty cells `null`.
fn object(table: &Table, row: &Row) -> Map<String, Value> {
    let mut map = Map::new();
    for (column, cell) in table.header.iter().zip(&row.cells) {
        let value = if cell.is_empty() {
            if is_list(column) { Value::Array(Vec::new()) } else { Value::Null }
        } else if column == "version" {
            cell.parse::<i64>().map_or_else(|_| Value::String(cell.clone()), Value::from)
        } else if is_list(column) {
            Value::Array(cell.split(LIST_SEPARATOR.trim()).map(|s| Value::String(s.trim().to_owned())).collect())
        } else {
            Value::String(cell.clone())
        };
        map.insert(column.clone(), value);
    }
    map
}

/// Writes a table as CSV, calling `progress` after each row.
pub(crate) fn write_csv(table: &Table, mut out: impl Write, mut progress: impl FnMut()) -> std::io::Result<()> {
    // The column names as they are (letters and `_`), so that a script splitting the first line finds them.
    writeln!(out, "{}", table.header.join(","))?;
    // Text quoted: spreadsheets open CSV with `,`, `;` and tab all taken as separators by default, and would split a
    // list cell (`fr; en`) that is not.
    let mut writer = csv::WriterBuilder::new().quote_style(csv::QuoteStyle::NonNumeric).from_writer(out);
    // The version is a number and is written as one.
    let version = table.header.iter().position(|h| h == "version");
    for row in &table.rows {
        let cells = row.cells.iter().enumerate();
        writer.write_record(
            cells.map(|(i, c)| if Some(i) == version { c.clone() } else { neutralised(c).into_owned() }),
        )?;
        progress();
    }
    writer.flush()
}

/// Writes tables as NDJSON, one row per line with its kind in `entity`, calling `progress` after each row.
pub(crate) fn write_ndjson(tables: &[Table], mut out: impl Write, mut progress: impl FnMut()) -> std::io::Result<()> {
    for table in tables {
        for row in &table.rows {
            let mut line = Map::new();
            line.insert("entity".to_owned(), Value::String(table.kind.name().to_owned()));
            line.extend(object(table, row));
            serde_json::to_writer(&mut out, &line)?;
            out.write_all(b"\n")?;
            progress();
        }
    }
    out.flush()
}

/// Writes tables as one JSON object with a list per kind, calling `progress` after each row.
pub(crate) fn write_json(tables: &[Table], mut out: impl Write, mut progress: impl FnMut()) -> std::io::Result<()> {
    out.write_all(b"{")?;
    for (t, table) in tables.iter().enumerate() {
        let sep = if t == 0 { "" } else { "," };
        write!(out, "{sep}\n  {}: [", Value::String(table.kind.name().to_owned()))?;
        for (i, row) in table.rows.iter().enumerate() {
            out.write_all(if i == 0 { b"\n    " } else { b",\n    " })?;
            serde_json::to_writer(&mut out, &object(table, row))?;
            progress();
        }
        out.write_all(b"\n  ]")?;
    }
    out.write_all(b"\n}\n")?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_and_read_back() {
        let cells =
            ["=1+1", "+3319900015", "-5", "@SUM(1)", "'quoted", "\tx", "plain", "", "a=b", "007", "1.50", "1e5"];
        let table = Table {
            kind: Kind::Contacts,
            source: "contacts.csv".into(),
            header: cells.iter().enumerate().map(|(i, _)| format!("c{i}")).collect(),
            rows: vec![Row { number: 2, cells: cells.iter().map(|c| c.to_string()).collect() }],
        };
        let mut out = Vec::new();
        write_csv(&table, &mut out, || {}).expect("written");
        let text = String::from_utf8(out).expect("UTF-8");
        let data_line = text.lines().nth(1).expect("a row");
        let shown = ["\"'=1+1\"", "\"'+3319900015\"", "\"'-5\"", "\"'@SUM(1)\"", "\"''quoted\""];
        assert!(data_line.ends_with("\"a=b\",\"'007\",\"'1.50\",\"'1e5\""), "{data_line}");
        for (cell, shown) in data_line.split(',').zip(shown) {
            assert_eq!(cell, shown);
        }
        let back = decode(Format::Csv, "contacts.csv", &text).expect("read");
        assert_eq!(back[0].rows[0].cells, cells, "the import reads its own cells back to the original text");
    }

    #[test]
    fn cells_may_be_separated_by_semicolons_or_tabs() {
        for text in ["id;name\n1;a,b\n", "id\tname\n1\ta,b\n", "\"i;d\",name\n1,\"a,b\"\n"] {
            let table = decode(Format::Csv, "contacts.csv", text).expect("read");
            assert_eq!(table[0].header.len(), 2, "{text:?}");
            assert_eq!(table[0].rows[0].cells[1], "a,b", "{text:?}");
        }
    }
}
