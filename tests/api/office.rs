//! Spreadsheet files through the real LibreOffice Calc (headless): cells a focal point controls never run as
//! formulas when a secretariat opens an export, and an export opened and saved again — as a person in an English or
//! a French locale would — imports back unchanged, phone numbers with their `+`.
//!
//! Needs `soffice` (Debian's `libreoffice-calc-nogui`, installed by `.ci/run`); run with `--include-ignored`.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

use crate::helpers::{spawn_app, token};
use crate::writes::{CREATE, another_authority_input};

const EXPORT: &str = "query { exportEntries(state: \"FRA\", format: CSV) { name content } }";
const IMPORT: &str = "mutation($files: [ImportFileInput!]!) { importEntries(files: $files) {
  applied created updated unchanged conflicts { message } errors { file row column message } } }";

/// Calc's CSV import as a person gets it by default (comma, semicolon and tab ticked; formulas and special
/// numbers not evaluated), and with every evaluation ticked (the stricter case for formulas).
const OPEN_AS_A_PERSON: &str = "CSV:44/59/9,34,76,1,,0,false,false,true,false,false,-1,false";
const OPEN_EVALUATING: &str = "CSV:44/59/9,34,76,1,,0,false,true,true,false,false,-1,true";
/// Saving as CSV UTF-8 with `,` (English) or `;` (French locale, language 1036).
const SAVE_ENGLISH: &str = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false";
const SAVE_FRENCH: &str = "csv:Text - txt - csv (StarCalc):59,34,76,1,,1036,false,true,true,false,false";

fn soffice(profile: &Path, infilter: &str, convert_to: &str, outdir: &Path, file: &Path) {
    let status = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", &format!("--infilter={infilter}"), "--convert-to", convert_to, "--outdir"])
        .arg(outdir)
        .arg(file)
        .output()
        .expect("soffice runs (install libreoffice-calc-nogui)");
    assert!(status.status.success(), "soffice: {}", String::from_utf8_lossy(&status.stderr));
}

fn first_cells(csv_text: &str) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(csv_text.as_bytes());
    reader.records().flat_map(|r| r.unwrap().iter().map(str::to_owned).collect::<Vec<_>>()).collect()
}

#[tokio::test]
#[ignore = "needs LibreOffice (soffice); .ci/run installs it and runs this"]
async fn exports_survive_libreoffice_calc_and_never_run_as_formulas() {
    let app = spawn_app().await;
    let fra = token("focal_point", Some("FRA"), None);
    let mut input = another_authority_input();
    input["name"] = json!("=HYPERLINK(\"https://evil.example\",\"Click\") Bureau");
    input["urgentNotes"] = json!("@SUM(1+1) then -2+3");
    // Text a spreadsheet would read as a number and write back changed.
    input["acronym"] = json!("007");
    input["city"] = json!("1.50");
    let id = app.data_as(&fra, CREATE, json!({ "input": input })).await["createAuthority"]["id"].clone();
    let add = "mutation($id: ID!) { addContact(authorityId: $id, input: {name: \"+Duty officer\",
        position: \"-night desk-\", phone: \"+33 1 99 00 01 50\", visibility: PUBLIC}) { id phone } }";
    let contact = app.data_as(&fra, add, json!({ "id": id })).await["addContact"].clone();
    assert!(contact["phone"].as_str().unwrap().starts_with('+'));

    let files: Vec<(String, String)> = app.data_as(&fra, EXPORT, json!({})).await["exportEntries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["name"].as_str().unwrap().to_owned(), f["content"].as_str().unwrap().to_owned()))
        .collect();
    for (name, content) in &files {
        for cell in first_cells(content) {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{name}: a cell that would run: {cell}");
        }
    }

    let dir = std::env::temp_dir().join(format!("cna-office-{}", uuid::Uuid::new_v4().simple()));
    let profile = dir.join("profile");
    let exported = dir.join("exported");
    std::fs::create_dir_all(&exported).unwrap();
    let paths: Vec<PathBuf> = files
        .iter()
        .map(|(name, content)| {
            let path = exported.join(name);
            std::fs::write(&path, content).unwrap();
            path
        })
        .collect();

    // Opened with formulas evaluated, no cell is a formula.
    let opened = dir.join("opened");
    for path in &paths {
        soffice(&profile, OPEN_EVALUATING, "fods", &opened, path);
        let stem = path.file_stem().unwrap().to_str().unwrap();
        let document = std::fs::read_to_string(opened.join(format!("{stem}.fods"))).unwrap();
        assert!(!document.contains("table:formula="), "{stem}: Calc made a formula of a cell");
    }

    for (locale, save) in [("English", SAVE_ENGLISH), ("French", SAVE_FRENCH)] {
        let saved = dir.join(locale);
        for path in &paths {
            soffice(&profile, OPEN_AS_A_PERSON, save, &saved, path);
        }
        let files: Vec<Value> = paths
            .iter()
            .map(|p| {
                let name = p.file_name().unwrap().to_str().unwrap();
                json!({ "name": name, "content": std::fs::read_to_string(saved.join(name)).unwrap() })
            })
            .collect();
        let body = app.gql(IMPORT, json!({ "files": files }), Some(&fra)).await;
        let result = &body["data"]["importEntries"];
        assert_eq!(result["errors"], json!([]), "{locale}: {body}");
        assert_eq!(result["conflicts"], json!([]), "{locale}: {body}");
        assert_eq!((result["created"].clone(), result["updated"].clone()), (json!(0), json!(0)), "{locale}: {body}");
        assert!(result["unchanged"].as_i64().unwrap() >= 2, "{locale}: {body}");
    }
    let phone =
        "query($id: ID!) { authority(id: $id) { name acronym city urgentNotes contacts { name position phone } } }";
    let after = app.data_as(&fra, phone, json!({ "id": id })).await["authority"].clone();
    assert_eq!(after["contacts"][0]["phone"], contact["phone"], "{after}");
    assert_eq!(after["contacts"][0]["name"], "+Duty officer");
    assert!(after["name"].as_str().unwrap().starts_with("=HYPERLINK"));
    assert_eq!((after["acronym"].clone(), after["city"].clone()), (json!("007"), json!("1.50")), "{after}");
    let _ = std::fs::remove_dir_all(dir);
}
