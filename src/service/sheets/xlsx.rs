//! Workbooks: one sheet per kind of entry, named after it. Every cell is written as text and every column is
//! formatted as text (`@`), so that what a person types into a new row stays text too: `+33 1 99 00 00 15` keeps
//! its `+`, `007` its zeros, and an id is never turned into a number. Cells are written as strings, never as
//! formulas, so no cell a spreadsheet opens can run.
//!
//! Read back: XLSX (Excel, LibreOffice, Google Sheets, Numbers) and ODS (LibreOffice's own), whatever a person
//! typed in the cells; numbers and dates a spreadsheet made of them are turned back into the text they show.

use std::io::{Cursor, Read, Seek};

use calamine::{Data, Ods, Reader, Xlsx, open_workbook_from_rs};
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::{CellError, Kind, Row, Table};
use crate::error::AppError;

/// Most bytes a workbook's parts may inflate to: a State's whole directory is a few megabytes; a file that would
/// inflate past this is refused before it is opened.
const MAX_INFLATED_BYTES: u64 = 64 * 1024 * 1024;

/// Column widths in characters, by column: wide for names and free text, narrow for codes.
fn width(column: &str) -> f64 {
    match column {
        "id" | "authority_id" => 38.0,
        "version" => 9.0,
        "state" | "network" | "time_zone" => 14.0,
        "name" | "authority" | "postal_address" | "requirements" | "notes" | "urgent_notes" | "office_hours" => 40.0,
        _ => 22.0,
    }
}

/// The workbook of `tables`, one sheet each, as the bytes of an `.xlsx` file.
pub(crate) fn write(tables: &[Table]) -> Result<Vec<u8>, AppError> {
    written(tables).map_err(AppError::internal)
}

fn written(tables: &[Table]) -> Result<Vec<u8>, XlsxError> {
    let text = Format::new().set_num_format("@");
    let header = Format::new().set_num_format("@").set_bold();
    let mut book = Workbook::new();
    for table in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(table.kind.name())?;
        for (c, column) in table.header.iter().enumerate() {
            let c = u16::try_from(c).map_err(|_| XlsxError::ParameterError("too many columns".into()))?;
            sheet.set_column_format(c, &text)?;
            sheet.set_column_width(c, width(column))?;
            sheet.write_string_with_format(0, c, column, &header)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).map_err(|_| XlsxError::ParameterError("too many rows".into()))?;
            for (c, cell) in row.cells.iter().enumerate() {
                if !cell.is_empty() {
                    sheet.write_string_with_format(r, c as u16, cell, &text)?;
                }
            }
        }
        sheet.set_freeze_panes(1, 0)?;
    }
    book.save_to_buffer()
}

fn file_error(source: &str, message: impl Into<String>) -> CellError {
    CellError { source: source.to_owned(), row: 0, column: None, message: message.into(), problem: None }
}

/// Whether `bytes` are a ZIP archive, as XLSX and ODS files are.
pub(crate) fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The tables in a workbook's sheets: each sheet named after a kind of entry (sheets with other names, such as a
/// person's notes, are left alone), its first row the columns.
pub(crate) fn read(name: &str, bytes: &[u8]) -> Result<Vec<Table>, CellError> {
    let unreadable = |e: &dyn std::fmt::Display| file_error(name, format!("not a workbook that can be read: {e}"));
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let mut inflated = 0u64;
    let mut ods = false;
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).map_err(|e| unreadable(&e))?;
        inflated = inflated.saturating_add(part.size());
        if part.name().is_ok_and(|n| n == "mimetype") {
            let mut kind = String::new();
            // The mimetype part is a few bytes; a longer one is not an ODS file's.
            part.by_ref().take(100).read_to_string(&mut kind).map_err(|e| unreadable(&e))?;
            ods = kind.trim() == "application/vnd.oasis.opendocument.spreadsheet";
        }
    }
    if inflated > MAX_INFLATED_BYTES {
        return Err(file_error(
            name,
            format!(
                "the workbook would take {} MB once opened; at most {} MB",
                inflated >> 20,
                MAX_INFLATED_BYTES >> 20
            ),
        ));
    }
    let cursor = Cursor::new(bytes);
    match ods {
        true => tables(name, open_workbook_from_rs::<Ods<_>, _>(cursor).map_err(|e| unreadable(&e))?),
        false => tables(name, open_workbook_from_rs::<Xlsx<_>, _>(cursor).map_err(|e| unreadable(&e))?),
    }
}

fn tables<R: Reader<RS>, RS: Read + Seek>(name: &str, mut book: R) -> Result<Vec<Table>, CellError>
where
    R::Error: std::fmt::Display,
{
    let mut found = Vec::new();
    for sheet in book.sheet_names() {
        let Some(kind) = Kind::from_name(&sheet) else { continue };
        let source = format!("{name} › {sheet}");
        let range = book.worksheet_range(&sheet).map_err(|e| file_error(&source, format!("unreadable sheet: {e}")))?;
        // A range starts at its first cell that holds something: row numbers as the spreadsheet shows them.
        let (first_row, first_column) = range.start().unwrap_or((0, 0));
        let pad = first_column as usize;
        let mut rows = range.rows().enumerate().map(|(i, cells)| {
            let mut texts: Vec<String> = vec![String::new(); pad];
            texts.extend(cells.iter().map(text_of));
            (first_row as usize + i + 1, texts)
        });
        let Some((_, header)) = rows.next() else { continue };
        let mut table = Table { kind, source, header, rows: Vec::new() };
        for (number, mut cells) in rows {
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            cells.resize(table.header.len().max(cells.len()), String::new());
            table.rows.push(Row { number, cells });
        }
        super::format::drop_blank_columns(&mut table);
        found.push(table);
    }
    if found.is_empty() {
        return Err(file_error(
            name,
            "no sheet is named after the entries it holds: authorities, contacts, memberships or contact_points",
        ));
    }
    Ok(found)
}

/// A cell's text as the spreadsheet shows it. A number a spreadsheet made of typed digits is written back without
/// a decimal part when it has none (`3319900015`, not `3319900015.0`); a date as `YYYY-MM-DD`.
fn text_of(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => match d.as_datetime() {
            Some(at) if at.time() == chrono::NaiveTime::MIN => at.date().to_string(),
            Some(at) => at.format("%Y-%m-%dT%H:%M:%S").to_string(),
            None => d.to_string(),
        },
        Data::Error(e) => format!("#{e:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(kind: Kind, header: &[&str], rows: &[&[&str]]) -> Table {
        Table {
            kind,
            source: kind.name().into(),
            header: header.iter().map(|h| (*h).to_owned()).collect(),
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| Row { number: i + 2, cells: r.iter().map(|c| (*c).to_owned()).collect() })
                .collect(),
        }
    }

    #[test]
    fn cells_come_back_as_the_text_written() {
        let cells: &[&str] = &["+33 1 99 00 00 15", "007", "=1+1", "1e5", "", "Ministère de la Justice", "وزارة العدل"];
        let header = ["phone", "code", "formula", "number", "empty", "name", "arabic"];
        let written = write(&[table(Kind::Contacts, &header, &[cells])]).unwrap();
        let back = read("FRA.xlsx", &written).unwrap();
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].kind, Kind::Contacts);
        assert_eq!(back[0].header, header);
        assert_eq!(back[0].rows[0].number, 2);
        assert_eq!(back[0].rows[0].cells, cells);
    }

    #[test]
    fn numbers_a_spreadsheet_made_read_as_the_digits_shown() {
        assert_eq!(text_of(&Data::Float(3319900015.0)), "3319900015");
        assert_eq!(text_of(&Data::Float(1.5)), "1.5");
        assert_eq!(text_of(&Data::Int(7)), "7");
    }

    #[test]
    fn what_is_not_a_workbook_is_refused_with_a_message() {
        let error = read("x.xlsx", b"PK\x03\x04 not really").unwrap_err();
        assert!(error.message.contains("not a workbook"), "{}", error.message);
        let empty = write(&[]).unwrap();
        assert!(read("x.xlsx", &empty).unwrap_err().message.contains("no sheet is named"));
    }
}
