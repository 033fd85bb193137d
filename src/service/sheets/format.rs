//! Tables as files: CSV (one file per kind, named after it), JSON (one object, a key per kind) and NDJSON (one
//! row per line, its kind in `entity`). Reading takes what spreadsheets write: a UTF-8 byte-order mark, Windows
//! line endings, quoted cells with line breaks, columns in any order, blank rows.

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
    CellError { source: source.to_owned(), row, column: None, message: message.into() }
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

fn decode_csv(kind: Kind, name: &str, content: &str) -> Result<Table, CellError> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(content.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| file_error(name, 1, format!("unreadable header: {e}")))?
        .iter()
        .map(str::to_owned)
        .collect();
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let number = i + 2;
        let record = record.map_err(|e| file_error(name, number, format!("unreadable row: {e}")))?;
        let mut cells: Vec<String> = record.iter().map(str::to_owned).collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if cells.len() > header.len() && cells[header.len()..].iter().any(|c| !c.trim().is_empty()) {
            return Err(file_error(name, number, format!("{} cells under {} columns", cells.len(), header.len())));
        }
        cells.resize(header.len(), String::new());
        rows.push(Row { number, cells });
    }
    Ok(Table { kind, source: name.to_owned(), header, rows })
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
pub(crate) fn write_csv(table: &Table, out: impl Write, mut progress: impl FnMut()) -> std::io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(&table.header)?;
    for row in &table.rows {
        writer.write_record(&row.cells)?;
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
