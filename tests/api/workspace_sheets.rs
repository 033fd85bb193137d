//! Spreadsheets in the workspace, as a focal point uses them: download the workbook, change it in a spreadsheet,
//! upload it, read the preview, apply it; and the files spreadsheets really save (semicolons, byte-order marks,
//! UTF-16, Windows-1252, broken workbooks) read or explained.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use serde_json::json;

use crate::helpers::{TestApp, spawn_app_with_demo, token};
use crate::workspace::{browser, form, get, post, signed_in};

/// The sheets of a workbook, each as rows of the cells' text; numbers a spreadsheet made stay marked as numbers.
fn sheets_of(bytes: &[u8]) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("an XLSX workbook");
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            (name, range.rows().map(<[Data]>::to_vec).collect())
        })
        .collect()
}

fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => panic!("a cell the export wrote is not text: {other:?}"),
    }
}

/// A workbook as a person's spreadsheet saves it: `sheets` of text cells, except the `version` column, which the
/// person retyped and the spreadsheet made a number of.
fn workbook(sheets: &[(String, Vec<Vec<String>>)]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(name).unwrap();
        let version = rows[0].iter().position(|c| c == "version");
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                match cell.parse::<f64>() {
                    Ok(n) if r > 0 && Some(c) == version => sheet.write_number(r as u32, c as u16, n).unwrap(),
                    _ => sheet.write_string(r as u32, c as u16, cell).unwrap(),
                };
            }
        }
    }
    book.save_to_buffer().unwrap()
}

/// Uploads `bytes` as `name` through the upload form: the status and the page it ends on (the preview).
async fn upload(client: &reqwest::Client, app: &TestApp, name: &str, bytes: Vec<u8>) -> (u16, String, String) {
    let (_, page) = get(client, app, "/workspace/sheets").await;
    let mut multipart = reqwest::multipart::Form::new();
    for (k, v) in form(&page, "/workspace/sheets") {
        multipart = multipart.text(k, v);
    }
    multipart = multipart.part("file", reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()));
    let r = client.post(format!("{}/workspace/sheets", app.address)).multipart(multipart).send().await.unwrap();
    let url = r.url().path().to_owned();
    (r.status().as_u16(), url, r.text().await.unwrap())
}

/// The number a preview or result shows for `what` (created, updated, unchanged, conflicts, errors).
fn count(page: &str, what: &str) -> usize {
    let key = format!("data-count=\"{what}\">");
    let at = page.find(&key).unwrap_or_else(|| panic!("no count of {what}: {page}")) + key.len();
    page[at..at + page[at..].find('<').unwrap()].parse().unwrap()
}

/// Applies the previewed upload at `path` and waits for its result page.
async fn apply(client: &reqwest::Client, app: &TestApp, path: &str, preview: &str) -> String {
    let fields = form(preview, &format!("{path}/apply"));
    let (status, mut page) = post(client, app, &format!("{path}/apply"), &fields).await;
    assert_eq!(status, 200);
    for _ in 0..100 {
        if !page.contains("id=\"progress\"") {
            return page;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        page = get(client, app, path).await.1;
    }
    panic!("the upload was still being applied: {page}");
}

async fn phones_of(app: &TestApp, state: &str) -> Vec<String> {
    let data = app
        .data(
            &format!("{{ authorities(filter: {{state: \"{state}\"}}, first: 100) {{ nodes {{ name phone }} }} }}"),
            json!({}),
        )
        .await;
    data["authorities"]["nodes"].as_array().unwrap().iter().map(|a| a["phone"].as_str().unwrap_or("").into()).collect()
}

#[tokio::test]
async fn a_workbook_goes_out_comes_back_changed_is_previewed_then_applied() {
    let app = spawn_app_with_demo().await;
    let client = signed_in(&app, "fp-sheets@example.org").await;
    let r = client.get(format!("{}/workspace/sheets/download?format=xlsx", app.address)).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "no-store");
    assert!(r.headers()["content-disposition"].to_str().unwrap().contains("FRA-entries.xlsx"));
    let sheets = sheets_of(&r.bytes().await.unwrap());
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["authorities", "contacts"]);

    // Every cell is text: the phone keeps its `+`, the version is not a number.
    let mut edited: Vec<(String, Vec<Vec<String>>)> = sheets
        .iter()
        .map(|(n, rows)| (n.clone(), rows.iter().map(|r| r.iter().map(text).collect()).collect()))
        .collect();
    let authorities = &mut edited[0].1;
    let column = |name: &str| authorities[0].iter().position(|c| c == name).unwrap();
    let (phone, name, state) = (column("phone"), column("name"), column("state"));
    assert!(authorities[1][phone].starts_with("+33"), "{:?}", authorities[1]);
    let before = phones_of(&app, "FRA").await;

    // A person changes one phone number and adds an authority (no id, no version).
    authorities[1][phone] = "+33 1 99 00 00 99".into();
    let mut new_row = vec![String::new(); authorities[0].len()];
    new_row[name] = "Parquet national financier (exemple)".into();
    new_row[state] = "FRA".into();
    authorities.push(new_row);
    let (status, path, preview) = upload(&client, &app, "FRA-entries.xlsx", workbook(&edited)).await;
    assert_eq!(status, 200, "{preview}");
    assert!(path.starts_with("/workspace/sheets/"), "the preview has its own page: {path}");
    assert_eq!((count(&preview, "created"), count(&preview, "updated")), (1, 1), "{preview}");
    assert_eq!((count(&preview, "conflicts"), count(&preview, "errors")), (0, 0), "{preview}");
    assert!(preview.contains("Parquet national financier (exemple)"), "the rows that change are listed");
    assert_eq!(phones_of(&app, "FRA").await, before, "a preview changes nothing");

    let result = apply(&client, &app, &path, &preview).await;
    assert!(result.contains("id=\"outcome\""), "{result}");
    assert_eq!((count(&result, "created"), count(&result, "updated")), (1, 1), "{result}");
    let after = phones_of(&app, "FRA").await;
    assert!(after.contains(&"+33199000099".to_owned()), "{after:?}");
    assert_eq!(after.len(), before.len() + 1);

    // Applied once: a second post finds it applied and changes nothing more.
    let again = apply(&client, &app, &path, &preview).await;
    assert_eq!(count(&again, "created"), 1);
    assert_eq!(phones_of(&app, "FRA").await.len(), before.len() + 1);
    // Nobody else's: another focal point of France does not see it.
    let other = signed_in(&app, "fp-other@example.org").await;
    assert_eq!(get(&other, &app, &path).await.0, 404);
}

#[tokio::test]
async fn files_as_spreadsheets_save_them_are_read_or_explained() {
    let app = spawn_app_with_demo().await;
    let client = signed_in(&app, "fp-csv@example.org").await;
    let r = client.get(format!("{}/workspace/sheets/download?format=csv&kind=authorities", app.address)).send();
    let csv = r.await.unwrap().text().await.unwrap();
    assert!(csv.starts_with('\u{feff}'), "Excel reads UTF-8 CSV only with a byte-order mark");
    let rows = csv.trim_start_matches('\u{feff}').lines().count() - 1;

    // Saved by a spreadsheet in a French locale: semicolons, CRLF, a byte-order mark; and Excel's "Unicode text":
    // UTF-16 with its byte-order mark, tab separated.
    let resaved = |delimiter: u8| {
        let mut reader = csv::ReaderBuilder::new().from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
        let mut out =
            csv::WriterBuilder::new().delimiter(delimiter).terminator(csv::Terminator::CRLF).from_writer(vec![]);
        out.write_record(reader.headers().unwrap()).unwrap();
        for record in reader.records() {
            out.write_record(&record.unwrap()).unwrap();
        }
        String::from_utf8(out.into_inner().unwrap()).unwrap()
    };
    let semicolons = [b"\xEF\xBB\xBF".to_vec(), resaved(b';').into_bytes()].concat();
    let utf16: Vec<u8> =
        [0xFF, 0xFE].into_iter().chain(resaved(b'\t').encode_utf16().flat_map(u16::to_le_bytes)).collect();
    for (name, bytes) in [("FRA-authorities.csv", semicolons), ("FRA-authorities.txt", utf16)] {
        let (status, _, page) = upload(&client, &app, name, bytes).await;
        assert_eq!(status, 200, "{name}: {page}");
        assert_eq!(count(&page, "unchanged"), rows, "{name}: {page}");
        assert_eq!(count(&page, "errors"), 0, "{name}: {page}");
    }

    // What cannot be read is refused with what to do, and nothing is kept.
    let latin1: Vec<u8> = b"id;name\n;Minist\xE8re\n".to_vec();
    let cases: [(&str, Vec<u8>, &str); 5] = [
        ("FRA-authorities.csv", latin1, "CSV UTF-8"),
        ("FRA-entries.xlsx", b"PK\x03\x04 broken".to_vec(), "not a workbook"),
        ("FRA-entries.xlsx", b"id,name\n".to_vec(), "not a workbook"),
        ("notes.csv", b"id,name\n,x\n".to_vec(), "the file's name must say"),
        ("FRA-authorities.pdf", b"%PDF-1.7".to_vec(), "upload an .xlsx"),
    ];
    for (name, bytes, says) in cases {
        let (status, path, page) = upload(&client, &app, name, bytes).await;
        assert_eq!(status, 422, "{name}: {page}");
        assert_eq!(path, "/workspace/sheets", "{name}");
        assert!(page.contains(says), "{name} should say {says:?}: {page}");
    }
}

#[tokio::test]
async fn bad_cells_and_changes_made_meanwhile_apply_nothing() {
    let app = spawn_app_with_demo().await;
    let client = signed_in(&app, "fp-conflict@example.org").await;
    let csv = get(&client, &app, "/workspace/sheets/download?format=csv&kind=authorities").await.1;
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().unwrap().clone();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let (id_at, city_at) =
        (header.iter().position(|c| c == "id").unwrap(), header.iter().position(|c| c == "city").unwrap());

    // A bad e-mail and another State's row: each named by row and column, and nothing to apply.
    let mut bad = csv::Writer::from_writer(vec![]);
    bad.write_record(["name", "state", "email"]).unwrap();
    bad.write_record(["Nouvelle autorité (exemple)", "FRA", "not-an-address"]).unwrap();
    bad.write_record(["Autoridad ajena (exemple)", "ESP", ""]).unwrap();
    let (status, _, page) = upload(&client, &app, "FRA-authorities.csv", bad.into_inner().unwrap()).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(count(&page, "errors"), 2, "{page}");
    assert!(page.contains("<td>2</td>") && page.contains("email"), "row 2, column email: {page}");
    assert!(!page.contains("/apply\""), "no way to apply a file with bad cells");

    // A clean preview, then someone changes the entry: applying finds the conflict and applies nothing.
    let mut changed = csv::Writer::from_writer(vec![]);
    changed.write_record(&header).unwrap();
    for (i, record) in records.iter().enumerate() {
        let mut cells: Vec<&str> = record.iter().collect();
        if i == 0 {
            cells[city_at] = "Lyon";
        }
        changed.write_record(cells).unwrap();
    }
    let id = records[0][id_at].to_owned();
    let (status, path, preview) = upload(&client, &app, "FRA-authorities.csv", changed.into_inner().unwrap()).await;
    assert_eq!(status, 200);
    assert_eq!(count(&preview, "updated"), 1, "{preview}");
    let version = app.data(&format!("{{ authority(id: \"{id}\") {{ version }} }}"), json!({})).await;
    app.data_as(
        &token("focal_point", Some("FRA"), None),
        "mutation($id: ID!, $v: Int!) { updateAuthority(id: $id, expectedVersion: $v, input: {city: \"Nice\"}) { version } }",
        json!({ "id": id, "v": version["authority"]["version"] }),
    )
    .await;
    let result = apply(&client, &app, &path, &preview).await;
    assert_eq!(count(&result, "conflicts"), 1, "{result}");
    let city = app.data(&format!("{{ authority(id: \"{id}\") {{ city }} }}"), json!({})).await;
    assert_eq!(city["authority"]["city"], "Nice", "never a silent overwrite");

    // A form from elsewhere (no token) uploads nothing.
    let multipart = reqwest::multipart::Form::new()
        .part("file", reqwest::multipart::Part::bytes(b"name,state\nX,FRA\n".to_vec()).file_name("authorities.csv"));
    let r = client.post(format!("{}/workspace/sheets", app.address)).multipart(multipart).send().await.unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(browser().get(format!("{}{path}", app.address)).send().await.unwrap().status(), 401);
}
