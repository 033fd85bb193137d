//! Spreadsheet round trips: export, edit as a person would in a spreadsheet, import back with conflicts reported
//! and nothing lost; bad cells named by row and column; all or nothing.

use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app, token};
use crate::writes::{CREATE, another_authority_input, changes};

const EXPORT: &str = "query($s: String, $n: String, $f: SheetFormat) {
  exportEntries(state: $s, network: $n, format: $f) { name content } }";
const IMPORT: &str =
    "mutation($files: [ImportFileInput!]!, $dry: Boolean) { importEntries(files: $files, dryRun: $dry) {
  applied dryRun created updated unchanged
  conflicts { file row entity id rowVersion currentVersion message }
  errors { file row column message } } }";

async fn export(app: &TestApp, who: &str, vars: Value) -> Vec<(String, String)> {
    let data = app.data_as(who, EXPORT, vars).await;
    data["exportEntries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["name"].as_str().unwrap().to_owned(), f["content"].as_str().unwrap().to_owned()))
        .collect()
}

fn file<'a>(files: &'a [(String, String)], name: &str) -> &'a str {
    &files.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no {name} in {files:?}")).1
}

/// A CSV file as a table of strings (header first), read with the same crate a spreadsheet script would use.
fn table(csv_text: &str) -> Vec<Vec<String>> {
    let text = csv_text.strip_prefix('\u{feff}').unwrap_or(csv_text);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect()
}

/// Writes a table as a spreadsheet program saves "CSV UTF-8": a byte-order mark, Windows line endings, every
/// cell quoted.
fn as_spreadsheet_saves(rows: &[Vec<String>]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Always)
        .from_writer(Vec::new());
    for row in rows {
        writer.write_record(row).unwrap();
    }
    format!("\u{feff}{}", String::from_utf8(writer.into_inner().unwrap()).unwrap())
}

fn column(rows: &[Vec<String>], name: &str) -> usize {
    rows[0].iter().position(|c| c == name).unwrap_or_else(|| panic!("no column {name}"))
}

fn row_of<'a>(rows: &'a mut [Vec<String>], id: &str) -> &'a mut Vec<String> {
    let i = column(rows, "id");
    rows.iter_mut().find(|r| r[i] == id).unwrap_or_else(|| panic!("no row {id}"))
}

async fn state_with_two_authorities(app: &TestApp, fra: &str) -> (String, String) {
    let mut ids = Vec::new();
    for _ in 0..2 {
        let a = app.data_as(fra, CREATE, json!({ "input": another_authority_input() })).await;
        ids.push(a["createAuthority"]["id"].as_str().unwrap().to_owned());
    }
    let add = "mutation($id: ID!) { addContact(authorityId: $id, input: {name: \"Desk\", email: \"desk@justice.example\"}) { id } }";
    app.data_as(fra, add, json!({ "id": ids[0] })).await;
    (ids[0].clone(), ids[1].clone())
}

#[tokio::test]
async fn a_focal_point_round_trips_its_entries_through_a_spreadsheet() {
    let app = spawn_app().await;
    let fra = token("focal_point", Some("FRA"), None);
    let (first, second) = state_with_two_authorities(&app, &fra).await;
    let files = export(&app, &fra, json!({})).await;
    assert_eq!(files.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(), ["authorities.csv", "contacts.csv"]);

    // Edited as a person would: accented text, a cleared cell, the name column moved to the end, a new row.
    let mut authorities = table(file(&files, "authorities.csv"));
    let (city, website, name) =
        (column(&authorities, "city"), column(&authorities, "website"), column(&authorities, "name"));
    row_of(&mut authorities, &first)[city] = "Saint-Étienne".into();
    row_of(&mut authorities, &first)[website] = String::new();
    let mut new_row = vec![String::new(); authorities[0].len()];
    new_row[column(&authorities, "state")] = "FRA".into();
    new_row[name] = "Parquet national financier".into();
    new_row[column(&authorities, "languages")] = "fr; en".into();
    new_row[column(&authorities, "channels")] = "central_authority;DIRECT".into();
    new_row[column(&authorities, "urgent_notes")] = "Appeler la permanence.\nPuis écrire.".into();
    authorities.push(new_row);
    for row in &mut authorities {
        let moved = row.remove(name);
        row.push(moved);
    }
    let mut contacts = table(file(&files, "contacts.csv"));
    let mut new_contact = vec![String::new(); contacts[0].len()];
    new_contact[column(&contacts, "authority_id")] = second.clone();
    new_contact[column(&contacts, "name")] = "Zoë Lefèvre".into();
    new_contact[column(&contacts, "visibility")] = "PUBLIC".into();
    contacts.push(new_contact);
    let upload = json!([
        { "name": "authorities.csv", "content": as_spreadsheet_saves(&authorities) },
        { "name": "contacts.csv", "content": as_spreadsheet_saves(&contacts) },
    ]);

    let before = changes(&app).await;
    let dry = app.data_as(&fra, IMPORT, json!({ "files": upload, "dry": true })).await["importEntries"].clone();
    assert_eq!(
        (dry["applied"].clone(), dry["created"].clone(), dry["updated"].clone()),
        (json!(false), json!(2), json!(1)),
        "{dry}"
    );
    assert_eq!(dry["unchanged"], 2, "the other authority and the contact: {dry}");
    assert_eq!(changes(&app).await, before, "a dry run changes nothing");

    let done = app.data_as(&fra, IMPORT, json!({ "files": upload })).await["importEntries"].clone();
    assert_eq!(done["applied"], true, "{done}");
    assert_eq!(changes(&app).await, before + 3, "one audit row per applied change");

    let again = export(&app, &fra, json!({})).await;
    let authorities = table(file(&again, "authorities.csv"));
    let row = |rows: &[Vec<String>], name: &str| -> Vec<String> {
        let i = column(rows, "name");
        rows.iter().find(|r| r[i] == name).unwrap_or_else(|| panic!("no {name}")).clone()
    };
    let edited = authorities.iter().find(|r| r[0] == first).unwrap();
    assert_eq!(edited[column(&authorities, "city")], "Saint-Étienne");
    assert_eq!(edited[column(&authorities, "website")], "");
    assert_eq!(edited[column(&authorities, "version")], "2");
    let added = row(&authorities, "Parquet national financier");
    assert_eq!(added[column(&authorities, "channels")], "CENTRAL_AUTHORITY; DIRECT");
    assert_eq!(added[column(&authorities, "urgent_notes")], "Appeler la permanence.\nPuis écrire.", "no CR kept");
    let contacts = table(file(&again, "contacts.csv"));
    assert_eq!(row(&contacts, "Zoë Lefèvre")[column(&contacts, "authority_id")], second);

    // The same files again: everything is as the import left it, except the rows still at their old versions.
    let again_files = json!([{ "name": "authorities.csv", "content": file(&again, "authorities.csv") }]);
    let same = app.data_as(&fra, IMPORT, json!({ "files": again_files })).await["importEntries"].clone();
    assert_eq!(
        (same["created"].clone(), same["updated"].clone(), same["unchanged"].clone()),
        (json!(0), json!(0), json!(3)),
        "{same}"
    );
}

#[tokio::test]
async fn a_row_changed_since_the_export_is_a_conflict_and_nothing_is_applied() {
    let app = spawn_app().await;
    let fra = token("focal_point", Some("FRA"), None);
    let (first, _) = state_with_two_authorities(&app, &fra).await;
    let files = export(&app, &fra, json!({ "f": "JSON" })).await;
    assert_eq!(files[0].0, "entries.json");
    let mut entries: Value = serde_json::from_str(&files[0].1).unwrap();
    let row = entries["authorities"].as_array_mut().unwrap().iter_mut().find(|r| r["id"] == first).unwrap();
    row["city"] = json!("Lyon");
    entries["authorities"].as_array_mut().unwrap().push(json!({ "state": "FRA", "name": "Nouveau bureau" }));

    // Meanwhile an administrator edits the same authority.
    let admin = token("admin", None, None);
    let update =
        "mutation($id: ID!) { updateAuthority(id: $id, expectedVersion: 1, input: {city: \"Marseille\"}) { version } }";
    app.data_as(&admin, update, json!({ "id": first })).await;
    let before = changes(&app).await;
    let upload = json!([{ "name": "entries.json", "content": entries.to_string() }]);
    let report = app.data_as(&fra, IMPORT, json!({ "files": upload })).await["importEntries"].clone();
    assert_eq!(report["applied"], false, "{report}");
    let conflicts = report["conflicts"].as_array().unwrap();
    assert_eq!(conflicts.len(), 1, "{report}");
    assert_eq!(conflicts[0]["id"], json!(first));
    assert_eq!((conflicts[0]["rowVersion"].clone(), conflicts[0]["currentVersion"].clone()), (json!(1), json!(2)));
    assert_eq!(report["created"], 1, "what would have been created is reported: {report}");
    assert_eq!(changes(&app).await, before, "nothing applied, the new row neither");
    let city = app.data(&format!("{{ authority(id: \"{first}\") {{ city }} }}"), json!({})).await;
    assert_eq!(city["authority"]["city"], "Marseille", "the other edit is never overwritten");
}

#[tokio::test]
async fn every_bad_cell_is_named_by_row_and_column() {
    let app = spawn_app().await;
    let fra = token("focal_point", Some("FRA"), None);
    let (first, _) = state_with_two_authorities(&app, &fra).await;
    let csv = format!(
        "id,version,state,name,email,channels\n\
         {first},1,FRA,Bureau A,not-an-email,\n\
         ,,FRA,Bureau B,,TELEPATHY\n\
         ,,DEU,Bundesamt,,\n\
         ,,FRA,,,\n\
         not-an-id,x,FRA,Bureau C,,\n"
    );
    let upload = json!([{ "name": "authorities.csv", "content": csv }]);
    let before = changes(&app).await;
    let report = app.data_as(&fra, IMPORT, json!({ "files": upload })).await["importEntries"].clone();
    assert_eq!(report["applied"], false);
    let errors: Vec<(i64, String)> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["row"].as_i64().unwrap(), e["column"].as_str().unwrap_or("").to_owned()))
        .collect();
    for expected in [(2, "email"), (3, "channels"), (4, "state"), (5, "name"), (6, "id"), (6, "version")] {
        assert!(errors.contains(&(expected.0, expected.1.to_owned())), "{expected:?} in {report:#}");
    }
    let messages = report["errors"].to_string();
    assert!(messages.contains("focal point may change only its own State"), "the API's words: {messages}");
    assert_eq!(changes(&app).await, before);

    // A file whose header is not the kind's.
    let upload = json!([{ "name": "authorities.csv", "content": "id,colour\n,blue\n" }]);
    let report = app.data_as(&fra, IMPORT, json!({ "files": upload })).await["importEntries"].clone();
    assert_eq!(report["errors"][0]["column"], "colour", "{report}");
    // A file that says nothing of what it holds.
    let upload = json!([{ "name": "list.csv", "content": "id\n" }]);
    let report = app.data_as(&fra, IMPORT, json!({ "files": upload })).await["importEntries"].clone();
    assert!(report["errors"][0]["message"].as_str().unwrap().contains("authorities.csv"), "{report}");
    // Readers and anonymous viewers import nothing.
    let reader = token("reader", None, None);
    let body = app.gql(IMPORT, json!({ "files": upload }), Some(&reader)).await;
    assert_eq!(crate::helpers::error_code(&body), "FORBIDDEN");
    let body = app.gql(IMPORT, json!({ "files": upload }), None).await;
    assert_eq!(crate::helpers::error_code(&body), "UNAUTHENTICATED");
}

#[tokio::test]
async fn a_secretariat_round_trips_its_member_list() {
    let app = spawn_app().await;
    let ejn = token("network_secretariat", None, Some("EJN"));
    let files = export(&app, &ejn, json!({ "f": "NDJSON" })).await;
    let lines: Vec<Value> = files[0].1.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(lines.iter().all(|l| l["entity"] == "memberships"), "no contact points yet");
    let edited: Vec<String> = lines
        .into_iter()
        .map(|mut l| {
            if l["state"] == "FRA" {
                l["note"] = json!("Contact points in each court of appeal");
            }
            l.to_string()
        })
        .chain([json!({ "entity": "memberships", "network": "EJN", "state": "CHE", "status": "OBSERVER" }).to_string()])
        .collect();
    let upload = json!([{ "name": "ejn.ndjson", "content": edited.join("\n") }]);
    let report = app.data_as(&ejn, IMPORT, json!({ "files": upload })).await["importEntries"].clone();
    assert_eq!(
        (report["applied"].clone(), report["created"].clone(), report["updated"].clone()),
        (json!(true), json!(1), json!(1)),
        "{report}"
    );
    let q = r#"{ network(code: "EJN") { members { state { iso3 } status note version } } }"#;
    let members = app.data(q, json!({})).await["network"]["members"].clone();
    let of = |code: &str| members.as_array().unwrap().iter().find(|m| m["state"]["iso3"] == code).unwrap().clone();
    assert_eq!(of("FRA")["note"], "Contact points in each court of appeal");
    assert_eq!(of("FRA")["version"], 2);
    assert_eq!(of("CHE")["status"], "OBSERVER");
    // A focal point may not change memberships, nor a secretariat another network's.
    let fra = token("focal_point", Some("FRA"), None);
    let carin = token("network_secretariat", None, Some("CARIN"));
    for who in [&fra, &carin] {
        let report = app.data_as(who, IMPORT, json!({ "files": upload })).await["importEntries"].clone();
        assert_eq!(report["applied"], false);
        assert_eq!(report["errors"][0]["column"], "network", "{report}");
    }
}

/// A value stored before a check was tightened is not an error while the row leaves it as it is.
#[tokio::test]
async fn cells_left_as_they_are_are_not_checked_again() {
    use cna_directory::db::entities::authority;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
    let app = spawn_app().await;
    let fra = token("focal_point", Some("FRA"), None);
    let (first, _) = state_with_two_authorities(&app, &fra).await;
    authority::Entity::update_many()
        .col_expr(authority::Column::Phone, Expr::value("+3319900015"))
        .filter(authority::Column::Id.eq(uuid::Uuid::parse_str(&first).unwrap()))
        .exec(&app.db)
        .await
        .unwrap();
    let files = export(&app, &fra, json!({})).await;
    let upload = json!([{ "name": "authorities.csv", "content": file(&files, "authorities.csv") }]);
    let report = app.data_as(&fra, IMPORT, json!({ "files": upload })).await["importEntries"].clone();
    assert_eq!((report["applied"].clone(), report["unchanged"].clone()), (json!(true), json!(2)), "{report}");
    let mut rows = table(file(&files, "authorities.csv"));
    let phone = column(&rows, "phone");
    row_of(&mut rows, &first)[phone] = "+33 1 99 00 15".into();
    let upload = json!([{ "name": "authorities.csv", "content": as_spreadsheet_saves(&rows) }]);
    let report = app.data_as(&fra, IMPORT, json!({ "files": upload })).await["importEntries"].clone();
    assert_eq!(report["errors"][0]["column"], "phone", "an edited cell is checked: {report}");
}

/// Exports need a token (they hold restricted contacts), and only an administrator exports the whole directory.
#[tokio::test]
async fn exports_are_for_signed_in_viewers_and_the_whole_directory_for_administrators() {
    let app = spawn_app().await;
    let anonymous = app.gql(EXPORT, json!({}), None).await;
    assert_eq!(crate::helpers::error_code(&anonymous), "UNAUTHENTICATED");
    let reader = token("reader", None, None);
    let everything = app.gql(EXPORT, json!({}), Some(&reader)).await;
    assert_eq!(crate::helpers::error_code(&everything), "BAD_USER_INPUT", "{everything}");
    let one = app.data_as(&reader, EXPORT, json!({ "s": "FRA" })).await;
    assert_eq!(one["exportEntries"].as_array().unwrap().len(), 2);
    // The whole directory is streamed by GET /export (tests/api/exports.rs), not built in an answer.
    let admin = token("admin", None, None);
    let all = app.gql(EXPORT, json!({}), Some(&admin)).await;
    assert_eq!(crate::helpers::error_code(&all), "BAD_USER_INPUT", "{all}");
}
