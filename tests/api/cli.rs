//! The binary itself: the schema it prints, and how it fails.

use std::process::Command;

fn binary() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cna-directory"));
    cmd.env_remove("DATABASE_URL").env_remove("CNA_LISTEN").env("RUST_LOG", "error");
    cmd
}

#[test]
fn committed_schema_is_the_printed_schema() {
    let out = binary().arg("schema").output().expect("run");
    assert!(out.status.success());
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/schema.graphql")).expect("schema.graphql");
    assert!(
        String::from_utf8_lossy(&out.stdout) == committed,
        "schema.graphql is out of date: run `cargo run -- schema > schema.graphql`"
    );
}

/// One line on standard error and a non-zero exit, no backtrace.
fn fails_with(cmd: &mut Command, expected: &str) {
    let out = cmd.output().expect("run");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one line: {stderr}");
    assert!(lines[0].starts_with("error: ") && lines[0].contains(expected), "{stderr}");
}

#[test]
fn bad_database_urls_end_with_one_clear_line() {
    fails_with(binary().env("DATABASE_URL", "mysql://localhost/x"), "must start with sqlite: or postgres://");
    fails_with(binary().env("DATABASE_URL", "postgres://nobody:secret@127.0.0.1:1/x"), "cannot reach PostgreSQL");
    let out = binary().env("DATABASE_URL", "postgres://nobody:secret@127.0.0.1:1/x").output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("secret"), "passwords never reach the output");
    // A PostgreSQL server that is up but lacks the database: say so, and how to create it.
    if let Ok(admin) = std::env::var("TEST_DATABASE_URL")
        && admin.starts_with("postgres")
    {
        let base = admin.rsplit_once('/').map_or(admin.as_str(), |(base, _)| base);
        let missing = format!("{base}/cna_missing_{}", uuid::Uuid::new_v4().simple());
        fails_with(binary().arg("migrate").arg("status").env("DATABASE_URL", &missing), "createdb cna_missing_");
    }
}

#[test]
fn a_port_in_use_is_named() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    fails_with(binary().env("DATABASE_URL", "sqlite::memory:").env("CNA_LISTEN", &addr), "already in use");
    // Said before any database is created, with the setting that changes it.
    let file = std::env::temp_dir().join(format!("cna-port-{}.db", uuid::Uuid::new_v4().simple()));
    let url = format!("sqlite://{}", file.display());
    fails_with(binary().env("DATABASE_URL", &url).env("CNA_LISTEN", &addr), "CNA_LISTEN");
    assert!(!file.exists(), "no database file was made");
}

#[test]
fn a_short_secret_refuses_to_start() {
    let mut cmd = binary();
    cmd.env("DATABASE_URL", "sqlite::memory:").env("CNA_LISTEN", "127.0.0.1:0").env("CNA_JWT_SECRET", "too-short");
    fails_with(&mut cmd, "at least 32 bytes");
}

#[tokio::test]
async fn minted_tokens_are_accepted() {
    let out = binary()
        .args(["token", "--role", "focal_point", "--state", "fra", "--sub", "paris-desk", "--ttl", "30m"])
        .env("CNA_JWT_SECRET", crate::helpers::SECRET)
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let token = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    let app = crate::helpers::spawn_app().await;
    let me = app.data_as(&token, "{ me { sub role state } }", serde_json::json!({})).await;
    assert_eq!(me["me"], serde_json::json!({ "sub": "paris-desk", "role": "focal_point", "state": "FRA" }));
    fails_with(
        binary().args(["token", "--role", "focal_point"]).env("CNA_JWT_SECRET", crate::helpers::SECRET),
        "--state",
    );
    // What the server would refuse is not minted.
    let mint = |args: &[&str]| {
        let mut cmd = binary();
        cmd.arg("token").args(args).env("CNA_JWT_SECRET", crate::helpers::SECRET);
        cmd
    };
    fails_with(&mut mint(&["--role", "reader", "--ttl", "30d"]), "CNA_JWT_MAX_TTL");
    fails_with(&mut mint(&["--role", "focal_point", "--state", "ZZZ"]), "--state ZZZ");
    fails_with(&mut mint(&["--role", "network_secretariat", "--network", "NOPE"]), "--network NOPE");
    fails_with(
        binary().arg("token").args(["--role", "reader"]).env("CNA_JWT_SECRET", " ".repeat(40)),
        "must be random",
    );
}

#[test]
fn migrate_says_what_it_did() {
    let dir = std::env::temp_dir().join(format!("cna-migrate-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}/d.db", dir.display());
    let run = |args: &[&str]| {
        let out = binary().arg("migrate").args(args).env("DATABASE_URL", &url).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let count = <migration::Migrator as migration::MigratorTrait>::migrations().len();
    assert!(run(&["up"]).starts_with(&format!("applied {count} migration(s)")));
    assert!(run(&["up"]).starts_with("database schema is up to date"));
    assert!(run(&["down", "--steps", "99"]).starts_with(&format!("reverted {count} migration(s)")));
    let _ = std::fs::remove_dir_all(dir);
}

/// A focal point's spreadsheet round trip with the binary: export, edit as a spreadsheet saves it, check with a
/// dry run, import with its token; another State's token is refused row by row and nothing is applied.
#[tokio::test]
async fn export_and_import_round_trip_with_the_binary() {
    let (url, _database) = crate::helpers::fresh_database().await;
    let dir = std::env::temp_dir().join(format!("cna-sheets-{}", uuid::Uuid::new_v4().simple()));
    let url = if url.starts_with("sqlite") { format!("sqlite://{}/d.db?mode=rwc", dir.display()) } else { url };
    std::fs::create_dir_all(&dir).unwrap();
    let run = |args: &[&str]| {
        binary().args(args).env("DATABASE_URL", &url).env("CNA_JWT_SECRET", crate::helpers::SECRET).output().unwrap()
    };
    assert!(run(&["demo"]).status.success());
    let out_dir = dir.join("fra");
    let out = run(&["export", "--state", "fra", "--output", out_dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("exported"), "says what it wrote");
    let path = out_dir.join("authorities.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let city = lines[0].split(',').position(|c| c == "city").unwrap();
    // The first sample's city, edited; then saved as a spreadsheet does (byte-order mark, CRLF).
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    let mut rows: Vec<Vec<String>> = reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
    rows[1][city] = "Lyon".into();
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    rows.iter().for_each(|r| writer.write_record(r).unwrap());
    let saved = format!("\u{feff}{}", String::from_utf8(writer.into_inner().unwrap()).unwrap());
    std::fs::write(&path, saved).unwrap();
    lines.clear();

    let folder = out_dir.to_str().unwrap();
    let dry = run(&["import", folder, "--dry-run"]);
    assert!(dry.status.success(), "{}", String::from_utf8_lossy(&dry.stderr));
    assert!(String::from_utf8_lossy(&dry.stdout).contains("would apply: 0 created, 1 updated"), "{dry:?}");
    let deu = crate::helpers::token("focal_point", Some("DEU"), None);
    let refused = run(&["import", folder, "--token", &deu]);
    assert!(!refused.status.success());
    let stdout = String::from_utf8_lossy(&refused.stdout);
    assert!(stdout.contains("column id: a focal point may change only its own State"), "{stdout}");
    assert!(stdout.contains("not applied"), "{stdout}");
    let fra = crate::helpers::token("focal_point", Some("FRA"), None);
    let done = run(&["import", folder, "--token", &fra]);
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    assert!(String::from_utf8_lossy(&done.stdout).contains("applied: 0 created, 1 updated"), "{done:?}");
    // The same file again: its rows now say what the directory holds.
    let again = run(&["import", folder, "--token", &fra]);
    assert!(String::from_utf8_lossy(&again.stdout).contains("applied: 0 created, 0 updated"), "{again:?}");
    let _ = std::fs::remove_dir_all(dir);
}

/// Every flag a command offers is one it uses.
#[test]
fn help_offers_only_flags_that_are_used() {
    let help = |args: &[&str]| String::from_utf8(binary().args(args).arg("--help").output().unwrap().stdout).unwrap();
    let schema = help(&["schema"]);
    assert!(!schema.contains("--database-url"), "schema reads no database: {schema}");
    let token = help(&["token"]);
    for unused in ["--database-url", "--jwks-file", "--jwt-public-key-file"] {
        assert!(!token.contains(unused), "token offers {unused}: {token}");
    }
    assert!(token.contains("--jwt-secret") && token.contains("--ttl"));
}

/// A long import shows its progress; with its output not on a terminal, as plain lines.
#[tokio::test]
async fn long_imports_show_progress_as_lines_off_a_terminal() {
    let (url, _database) = crate::helpers::fresh_database().await;
    let dir = std::env::temp_dir().join(format!("cna-progress-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = if url.starts_with("sqlite") { format!("sqlite://{}/d.db?mode=rwc", dir.display()) } else { url };
    let mut csv = String::from("state,name\n");
    for i in 0..1000 {
        csv.push_str(&format!("FRA,Bureau {i}\n"));
    }
    let file = dir.join("authorities.csv");
    std::fs::write(&file, csv).unwrap();
    let out = binary().args(["import", file.to_str().unwrap()]).env("DATABASE_URL", &url).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().filter(|l| l.starts_with("importing ")).collect();
    assert_eq!(lines.len(), 10, "a line every tenth of the way: {stderr}");
    assert_eq!(lines.last().copied(), Some("importing 1000/1000 rows"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("applied: 1000 created"));
    let _ = std::fs::remove_dir_all(dir);
}

/// Secrets mounted as files (Docker and Kubernetes secrets) are read from there, without their final line break;
/// a secret given twice, an empty file or a missing one is refused with one line.
#[test]
fn secrets_are_read_from_files() {
    let dir = std::env::temp_dir().join(format!("cna-secrets-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let secret = dir.join("jwt_secret");
    std::fs::write(&secret, format!("{}\n", crate::helpers::SECRET)).unwrap();
    let mint = || {
        let mut cmd = binary();
        cmd.args(["token", "--role", "admin"]).env_remove("CNA_JWT_SECRET").env("CNA_JWT_SECRET_FILE", &secret);
        cmd
    };
    let out = mint().output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let token = String::from_utf8(out.stdout).unwrap();
    let key = jsonwebtoken::DecodingKey::from_secret(crate::helpers::SECRET.as_bytes());
    let mut rules = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::HS256);
    rules.set_audience(&["cna-directory"]);
    let claims = jsonwebtoken::decode::<serde_json::Value>(token.trim(), &key, &rules);
    assert!(claims.is_ok(), "signed with the file's secret, without its line break: {claims:?}");

    // Refused as settings are: the argument parser's error, which names the setting.
    let refused = |cmd: &mut Command, expected: &str| {
        let out = cmd.output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success() && stderr.starts_with("error: ") && stderr.contains(expected), "{stderr}");
    };
    refused(mint().env("CNA_JWT_SECRET", crate::helpers::SECRET), "cannot be used with");
    let empty = dir.join("empty");
    std::fs::write(&empty, "\n").unwrap();
    refused(mint().env("CNA_JWT_SECRET_FILE", &empty), "is empty");
    refused(mint().env("CNA_JWT_SECRET_FILE", dir.join("missing")), "cannot read the secret file");

    // The database password goes into the address, encoded; never into the output.
    let password = dir.join("db_password");
    std::fs::write(&password, "s3cret p@ss\n").unwrap();
    let status = || {
        let mut cmd = binary();
        cmd.args(["migrate", "status"]).env("CNA_DATABASE_PASSWORD_FILE", &password);
        cmd
    };
    fails_with(status().env("DATABASE_URL", "sqlite::memory:"), "is for PostgreSQL");
    fails_with(status().env("DATABASE_URL", "postgres://cna:inline@127.0.0.1:1/x"), "already carries a password");
    let out = status().env("DATABASE_URL", "postgres://cna@127.0.0.1:1/x").output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot reach PostgreSQL") && !stderr.contains("s3cret"), "{stderr}");
    let settings = cna_directory::config::DatabaseSettings {
        database_url: "postgres://cna@db:5432/cna".into(),
        database_read_urls: vec!["postgres://cna@replica:5432/cna".into(), " ".into()],
        database_password: Some(cna_directory::config::Secret("s3cret p@ss".into())),
    };
    assert_eq!(settings.url().unwrap(), "postgres://cna:s3cret%20p%40ss@db:5432/cna");
    assert_eq!(settings.read_urls().unwrap(), ["postgres://cna:s3cret%20p%40ss@replica:5432/cna"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `docs/configuration.md` lists every setting the server reads, each once, and no setting it does not: every
/// environment variable named by a flag (`env = "…"`) or read directly (`env::var("…")`) in the sources, and
/// `RUST_LOG`, which the log filter reads.
#[test]
fn the_configuration_table_lists_every_setting() {
    let root = env!("CARGO_MANIFEST_DIR");
    let doc = std::fs::read_to_string(format!("{root}/docs/configuration.md")).unwrap();
    let mut rows: Vec<String> = doc
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split_once('`').map(|(name, _)| name.to_owned()))
        .collect();
    let listed = rows.len();
    rows.sort();
    rows.dedup();
    assert_eq!(rows.len(), listed, "each setting once");

    let mut read = std::collections::BTreeSet::from(["RUST_LOG".to_owned()]);
    let mut files = vec![std::path::PathBuf::from(format!("{root}/src"))];
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for marker in ["env = \"", "env::var(\""] {
            for (at, _) in text.match_indices(marker) {
                let name: String = text[at + marker.len()..].chars().take_while(|c| *c != '"').collect();
                // Read by tests only, and said so below the table.
                if !name.starts_with("TEST_") {
                    read.insert(name);
                }
            }
        }
    }
    assert!(read.len() > 40, "the sources were read: {read:?}");
    let rows: std::collections::BTreeSet<String> = rows.into_iter().collect();
    let missing: Vec<_> = read.difference(&rows).collect();
    let stale: Vec<_> = rows.difference(&read).collect();
    assert!(missing.is_empty(), "docs/configuration.md does not list {missing:?}");
    assert!(stale.is_empty(), "docs/configuration.md lists settings nothing reads: {stale:?}");
}
