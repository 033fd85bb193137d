//! `export` and `import`: the directory's entries as spreadsheets and back, with progress on a terminal.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, bail};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use crate::auth::viewer::Actor;
use crate::auth::{Role, Viewer};
use crate::config::{AuthSettings, DatabaseSettings};
use crate::db;
use crate::service::sheets::format::{self, Format};
use crate::service::sheets::write::{Report, import};
use crate::service::sheets::{Scope, Table, export};

#[derive(Args)]
pub(super) struct ExportArgs {
    /// Only this State's authorities and contacts (ISO 3166-1 alpha-3).
    #[arg(long, conflicts_with = "network")]
    state: Option<String>,
    /// Only this network's memberships and contact points.
    #[arg(long)]
    network: Option<String>,
    /// csv (one file per kind of entry, in the --output folder), json or ndjson (one file).
    #[arg(long, default_value = "csv", value_parser = parse_format)]
    format: Format,
    /// Instead of the sheets people edit: the public snapshot a portal mirrors (everything an anonymous reader
    /// sees, as of one position of the change feed), as NDJSON, like `GET /mirror/snapshot`.
    #[arg(long, conflicts_with_all = ["state", "network", "format"])]
    public: bool,
    /// The folder (csv) or file (json, ndjson; `-` for standard output) to write.
    #[arg(long, short)]
    output: Option<PathBuf>,
    #[command(flatten)]
    database: DatabaseSettings,
}

#[derive(Args)]
pub(super) struct ImportArgs {
    /// CSV files (named authorities.csv, contacts.csv, memberships.csv, contact_points.csv), a folder of them, or a
    /// JSON or NDJSON file as `export` writes them.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Report what would happen; change nothing.
    #[arg(long)]
    dry_run: bool,
    /// Import as the holder of this token (a focal point for its State, a secretariat for its network); without
    /// one, as an administrator (whoever can reach the database can change anything).
    #[arg(long, env = "CNA_TOKEN", hide_env_values = true)]
    token: Option<String>,
    #[command(flatten)]
    auth: AuthSettings,
    #[command(flatten)]
    database: DatabaseSettings,
}

fn parse_format(raw: &str) -> Result<Format, String> {
    Format::from_name(raw).ok_or_else(|| format!("`{raw}` is not csv, json or ndjson"))
}

/// A bar on a terminal; plain lines (every tenth of the way) otherwise, so that logs stay readable.
struct Progress {
    bar: Option<ProgressBar>,
    done: AtomicUsize,
    total: usize,
    what: &'static str,
}

impl Progress {
    fn new(total: usize, what: &'static str) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(total as u64);
            let style = ProgressStyle::with_template("{msg} {wide_bar} {pos}/{len} rows ({eta} left)")
                .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar.set_message(what);
            bar
        });
        Self { bar, done: AtomicUsize::new(0), total, what }
    }

    fn tick(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        match &self.bar {
            Some(bar) => bar.inc(1),
            None if self.total >= 1000 && done.is_multiple_of((self.total / 10).max(1)) => {
                eprintln!("{} {done}/{} rows", self.what, self.total);
            }
            None => {}
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

pub(super) async fn run_export(args: ExportArgs) -> anyhow::Result<()> {
    let db = db::connect(&args.database.url()?).await?;
    db::prepare(&db).await?;
    if args.public {
        return export_public(&db, args.output.as_deref()).await;
    }
    let scope = match (args.state, args.network) {
        (Some(s), _) => Scope::State(s),
        (None, Some(n)) => Scope::Network(n),
        (None, None) => Scope::Directory,
    };
    let tables = export(&db, &scope).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    let total = tables.iter().map(|t| t.rows.len()).sum();
    let progress = Progress::new(total, "exporting");
    match args.format {
        Format::Csv => {
            let folder = args.output.unwrap_or_else(|| PathBuf::from("export"));
            std::fs::create_dir_all(&folder).with_context(|| format!("cannot create {}", folder.display()))?;
            for table in &tables {
                let path = folder.join(format!("{}.csv", table.kind.name()));
                let file = std::fs::File::create(&path).with_context(|| format!("cannot write {}", path.display()))?;
                format::write_csv(table, std::io::BufWriter::new(file), || progress.tick())?;
            }
            progress.finish();
            eprintln!("exported {total} rows to {}", folder.display());
        }
        format => {
            let out: Box<dyn std::io::Write> = match args.output.as_deref() {
                None => Box::new(std::io::stdout().lock()),
                Some(p) if p == Path::new("-") => Box::new(std::io::stdout().lock()),
                Some(p) => Box::new(std::io::BufWriter::new(
                    std::fs::File::create(p).with_context(|| format!("cannot write {}", p.display()))?,
                )),
            };
            if format == Format::Json {
                format::write_json(&tables, out, || progress.tick())?;
            } else {
                format::write_ndjson(&tables, out, || progress.tick())?;
            }
            progress.finish();
            eprintln!("exported {total} rows");
        }
    }
    Ok(())
}

/// The files to read: those named, and the CSV, JSON and NDJSON files of the folders named.
fn files_of(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                .with_context(|| format!("cannot read {}", path.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.to_str().and_then(Format::of_file).is_some())
                .collect();
            found.sort();
            out.extend(found);
        } else {
            out.push(path.clone());
        }
    }
    if out.is_empty() {
        bail!("no CSV, JSON or NDJSON file found");
    }
    Ok(out)
}

/// Reads files into tables (`source` is the file's name as given).
pub(crate) fn read_tables(paths: &[PathBuf]) -> anyhow::Result<Vec<Table>> {
    let mut tables = Vec::new();
    for path in files_of(paths)? {
        let name = path.display().to_string();
        let format = Format::of_file(&name).with_context(|| format!("{name}: not a .csv, .json or .ndjson file"))?;
        let bytes = std::fs::read(&path).with_context(|| format!("cannot read {name}"))?;
        let content = String::from_utf8(bytes)
            .map_err(|_| anyhow::anyhow!("{name}: not UTF-8 text; save it as \"CSV UTF-8\" in the spreadsheet"))?;
        let found = format::decode(format, &name, &content).map_err(|e| anyhow::anyhow!("{}", describe(&e)))?;
        tables.extend(found);
    }
    Ok(tables)
}

fn describe(e: &crate::service::sheets::CellError) -> String {
    match &e.column {
        Some(c) => format!("{} row {}, column {c}: {}", e.source, e.row, e.message),
        None if e.row > 0 => format!("{} row {}: {}", e.source, e.row, e.message),
        None => format!("{}: {}", e.source, e.message),
    }
}

pub(super) async fn run_import(args: ImportArgs) -> anyhow::Result<()> {
    let tables = read_tables(&args.files)?;
    let db = db::connect(&args.database.url()?).await?;
    db::prepare(&db).await?;
    let viewer = match &args.token {
        Some(token) => {
            let auth = crate::auth::Authenticator::from_settings(&args.auth)?;
            let header = format!("Bearer {}", token.trim());
            let claims = auth.claims(Some(header.as_bytes())).map_err(|e| anyhow::anyhow!("the token: {e}"))?;
            auth.viewer(&db, claims).await.map_err(|e| anyhow::anyhow!("the token: {e}"))?
        }
        None => Viewer { actor: Some(Actor { sub: "cli".into(), role: Role::Admin, state: None, network: None }) },
    };
    let total = tables.iter().map(|t| t.rows.len()).sum();
    let progress = Progress::new(total, if args.dry_run { "checking" } else { "importing" });
    let report = import(&db, &db, &viewer, tables, args.dry_run, &|| progress.tick())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    progress.finish();
    print_report(&report);
    if !report.clean() {
        bail!("nothing was applied: fix the rows above and import again");
    }
    Ok(())
}

fn print_report(r: &Report) {
    for e in &r.errors {
        println!("error: {}", describe(e));
    }
    for c in &r.conflicts {
        println!("conflict: {} row {}: {} {}: {}", c.source, c.row, c.kind.name(), c.id, c.message);
    }
    let verb = if r.applied {
        "applied"
    } else if r.dry_run && r.clean() {
        "would apply"
    } else {
        "not applied"
    };
    println!(
        "{verb}: {} created, {} updated, {} unchanged; {} conflicts, {} errors",
        r.created,
        r.updated,
        r.unchanged,
        r.conflicts.len(),
        r.errors.len()
    );
}

/// The public snapshot as NDJSON, written as it is read.
async fn export_public(db: &sea_orm::DatabaseConnection, output: Option<&Path>) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out: Box<dyn Write + Send> = match output {
        None => Box::new(std::io::stdout()),
        Some(p) if p == Path::new("-") => Box::new(std::io::stdout()),
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot write {}", p.display()))?,
        )),
    };
    let (tx, mut rx) = tokio::sync::mpsc::channel(256);
    let reader = {
        let db = db.clone();
        tokio::spawn(async move { crate::service::mirror::write_snapshot(&db, &tx).await })
    };
    let mut entries = 0usize;
    while let Some(line) = rx.recv().await {
        serde_json::to_writer(&mut out, &line.to_json())?;
        out.write_all(b"\n")?;
        entries += 1;
    }
    out.flush()?;
    reader.await?.map_err(|e| anyhow::anyhow!("{e}"))?;
    eprintln!("exported the public snapshot ({} entries)", entries.saturating_sub(2));
    Ok(())
}
