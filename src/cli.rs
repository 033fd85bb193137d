//! The command line. With no subcommand, `serve`.

use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use migration::{Migrator, MigratorTrait};
use tracing_subscriber::EnvFilter;

use crate::config::{DatabaseSettings, ServeSettings};

mod sheets;
use crate::{db, graphql, http};

#[derive(Parser)]
#[command(name = "cna-directory", version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    serve: ServeSettings,
}

// Parsed once at start: the size of the serve settings costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum Command {
    /// Serve the GraphQL API (the default): migrates the database and loads the reference data first.
    Serve(ServeSettings),
    /// Manage the database schema.
    Migrate {
        #[command(subcommand)]
        action: MigrateAction,
        #[command(flatten)]
        database: DatabaseSettings,
    },
    /// Print the GraphQL schema (SDL) to standard output.
    Schema,
    /// Mint an HS256 token with CNA_JWT_SECRET, for development and small deployments.
    Token {
        /// admin, focal_point, network_secretariat or reader.
        #[arg(long)]
        role: String,
        /// The focal point's State (ISO 3166-1 alpha-3).
        #[arg(long)]
        state: Option<String>,
        /// The secretariat's network code.
        #[arg(long)]
        network: Option<String>,
        /// Who the token is for; recorded as the actor of every change made with it.
        #[arg(long, default_value = "cli")]
        sub: String,
        /// Lifetime: 90s, 30m, 1h, 7d.
        #[arg(long, default_value = "1h", value_parser = crate::config::parse_duration)]
        ttl: std::time::Duration,
        #[command(flatten)]
        auth: crate::config::MintSettings,
    },
    /// Print a single-use sign-in link to the workspace, for a deployment without an identity provider: whoever
    /// opens it first within its lifetime is signed in as this person.
    Invite {
        /// focal_point, network_secretariat, admin or reader.
        #[arg(long)]
        role: String,
        /// The focal point's State (ISO 3166-1 alpha-3).
        #[arg(long)]
        state: Option<String>,
        /// The secretariat's network code.
        #[arg(long)]
        network: Option<String>,
        /// Who the person is; recorded as the actor of every change they make.
        #[arg(long)]
        sub: String,
        /// How long the link stays usable: 90s, 30m, 1h, 7d (at most 7d).
        #[arg(long, default_value = "24h", value_parser = crate::config::parse_duration)]
        ttl: std::time::Duration,
        /// Who issues the link, for the record.
        #[arg(long, default_value = "cli")]
        by: String,
        /// The address people reach the server at; the link starts with it.
        #[arg(long, env = "CNA_PUBLIC_URL", default_value = "http://127.0.0.1:8080")]
        public_url: String,
        #[command(flatten)]
        database: DatabaseSettings,
    },
    /// Load sample authorities (marked as samples in their notes) into the configured database.
    Demo {
        /// Instead of the hand-written samples, generate this many synthetic authorities (for benchmarks).
        #[arg(long)]
        synthetic: Option<usize>,
        /// Seed of the synthetic directory: the same seed gives the same rows.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        #[command(flatten)]
        database: DatabaseSettings,
    },
    /// Copy the SQLite database to a new file, consistent and checked, while the server runs (PostgreSQL: pg_dump).
    Backup {
        /// The new file to write; an existing file is never replaced.
        #[arg(value_name = "PATH")]
        to: std::path::PathBuf,
        #[command(flatten)]
        database: DatabaseSettings,
    },
    /// Put a backup in place of the SQLite database (stop the server first), checked first; then migrate it.
    Restore {
        /// The backup file.
        #[arg(value_name = "PATH")]
        from: std::path::PathBuf,
        /// Replace a database already there (it is kept beside it as FILE.before-restore-…).
        #[arg(long)]
        replace: bool,
        #[command(flatten)]
        database: DatabaseSettings,
    },
    /// Write the entries a person keeps current as spreadsheets: CSV (one file per kind), JSON or NDJSON, each row
    /// with its id and version.
    Export(sheets::ExportArgs),
    /// Read spreadsheets written by `export` (edited or new rows) back: all or nothing, conflicts reported.
    Import(sheets::ImportArgs),
}

#[derive(Subcommand)]
enum MigrateAction {
    /// Apply every pending migration.
    Up,
    /// Revert the last applied migrations.
    Down {
        /// How many migrations to revert.
        #[arg(long, default_value_t = 1)]
        steps: u32,
    },
    /// List migrations and whether each is applied.
    Status,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", describe(&e));
            ExitCode::FAILURE
        }
    }
}

/// One line for the operator: each cause once, though database errors repeat their source in their own text.
fn describe(err: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if !line.contains(&text) {
            if !line.is_empty() {
                line.push_str(": ");
            }
            line.push_str(&text);
        }
    }
    line.replace('\n', " ")
}

/// Logs go to standard error, so that `schema` output stays clean.
fn init_tracing() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    use std::io::IsTerminal;
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    // CNA_LOG_FORMAT=json writes one JSON object per line, for log collectors.
    if std::env::var("CNA_LOG_FORMAT").is_ok_and(|f| f.eq_ignore_ascii_case("json")) {
        builder.json().init();
    } else {
        builder.with_ansi(std::io::stderr().is_terminal()).init();
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command.unwrap_or(Command::Serve(cli.serve)) {
        Command::Serve(settings) => serve(settings).await,
        Command::Migrate { action, database } => migrate(action, &database).await,
        Command::Schema => {
            print!("{}", graphql::schema::sdl());
            Ok(())
        }
        Command::Token { role, state, network, sub, ttl, auth } => {
            check_token_request(&auth, ttl, state.as_deref(), network.as_deref())?;
            let token = crate::auth::token::mint(&crate::auth::token::TokenRequest {
                secret: auth.secret().unwrap_or_default(),
                issuer: &auth.jwt_issuer,
                audience: &auth.jwt_audience,
                sub: &sub,
                role: &role,
                state: state.as_deref(),
                network: network.as_deref(),
                ttl,
            })?;
            println!("{token}");
            Ok(())
        }
        Command::Demo { synthetic: Some(count), seed, database } => {
            let db = db::connect(&database.url()?).await?;
            db::prepare(&db).await?;
            let added = db::synthetic::load(&db, count, seed).await.context("cannot load the synthetic directory")?;
            println!("synthetic directory of {count} authorities (seed {seed}) loaded ({added} new)");
            Ok(())
        }
        Command::Invite { role, state, network, sub, ttl, by, public_url, database } => {
            let db = db::connect(&database.url()?).await?;
            db::prepare(&db).await?;
            let link = invite(&db, &public_url, &by, &role, state, network, &sub, ttl).await?;
            println!("{link}");
            Ok(())
        }
        Command::Backup { to, database } => {
            let db = db::connect(&database.url()?).await?;
            let summary = db::backup::backup(&db, &to).await;
            db.close().await?;
            println!("backed up to {}: {}", to.display(), summary?);
            Ok(())
        }
        Command::Restore { from, replace, database } => {
            let url = database.url()?;
            let (summary, kept) = db::backup::restore(&from, &url, replace).await?;
            let db = db::connect(&url).await?;
            db::prepare(&db).await.context("the backup is in place, but it could not be brought up to date")?;
            db.close().await?;
            println!("restored {}: {summary}", from.display());
            if let Some(kept) = kept {
                println!("the database it replaced is kept at {}", kept.display());
            }
            Ok(())
        }
        Command::Export(args) => sheets::run_export(args).await,
        Command::Import(args) => sheets::run_import(args).await,
        Command::Demo { synthetic: None, database, .. } => {
            let db = db::connect(&database.url()?).await?;
            db::prepare(&db).await?;
            let added = db::demo::load(&db).await.context("cannot load the sample authorities")?;
            println!("sample authorities of {} States loaded ({added} new)", db::demo::state_count());
            Ok(())
        }
    }
}

/// A single-use sign-in link to the workspace at `public_url` for a person with `role` (and its State or network),
/// usable for `ttl`; `issued_by` is recorded. What `cna-directory invite` prints.
#[allow(clippy::too_many_arguments)]
pub async fn invite(
    db: &sea_orm::DatabaseConnection,
    public_url: &str,
    issued_by: &str,
    role: &str,
    state: Option<String>,
    network: Option<String>,
    sub: &str,
    ttl: std::time::Duration,
) -> anyhow::Result<String> {
    let role = crate::auth::Role::parse(role)
        .ok_or_else(|| anyhow::anyhow!("--role {role}: one of admin, focal_point, network_secretariat, reader"))?;
    let actor = crate::auth::viewer::Actor { sub: sub.to_owned(), role, state, network };
    let secret = crate::service::sessions::write::issue_link(db, issued_by, &actor, ttl)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(format!("{}/workspace/sign-in?link={secret}", public_url.trim_end_matches('/')))
}

/// What the server would refuse is not minted: a lifetime over CNA_JWT_MAX_TTL, a State or network the directory's
/// reference data does not have.
fn check_token_request(
    auth: &crate::config::MintSettings,
    ttl: std::time::Duration,
    state: Option<&str>,
    network: Option<&str>,
) -> anyhow::Result<()> {
    if ttl > auth.jwt_max_ttl {
        anyhow::bail!(
            "--ttl {}s is longer than the {}s the server accepts (CNA_JWT_MAX_TTL)",
            ttl.as_secs(),
            auth.jwt_max_ttl.as_secs()
        );
    }
    let data = db::reference::ReferenceData::shipped()?;
    if let Some(raw) = state {
        let code = crate::domain::canonical_code(raw);
        if !data.states().iter().any(|s| s.iso3 == code) {
            anyhow::bail!("--state {raw}: no State or other party of the directory has this ISO 3166-1 alpha-3 code");
        }
    }
    if let Some(raw) = network {
        let code = crate::domain::canonical_code(raw);
        if !data.networks().iter().any(|n| n.code == code) {
            anyhow::bail!("--network {raw}: no network of the directory has this code");
        }
    }
    Ok(())
}

async fn serve(settings: ServeSettings) -> anyhow::Result<()> {
    // The port first: an address in use is said before a database is created or loaded.
    let listener = http::bind(&settings).await?;
    let url = settings.database.url()?;
    let db = db::connect_with(&url, Some(settings.limits.statement_timeout)).await?;
    db::prepare(&db).await?;
    if settings.demo {
        let added = db::demo::load(&db).await.context("cannot load the sample authorities")?;
        tracing::info!(added, "sample authorities loaded");
    }
    let app = http::Application::on(listener, &settings, db.clone()).await?;
    let addr = app.local_addr();
    tracing::info!(database = %db::redact(&url), "database ready");
    tracing::info!("serving GraphQL at http://{addr}/graphql (open it in a browser for GraphiQL)");
    app.run(http::shutdown_signal()).await?;
    // A connection still held by a request cut off at the shutdown deadline must not keep the process alive.
    match tokio::time::timeout(std::time::Duration::from_secs(5), db.close()).await {
        Ok(closed) => closed.context("cannot close the database pool")?,
        Err(_) => tracing::warn!("database connections still busy at exit: dropped"),
    }
    tracing::info!("stopped");
    Ok(())
}

async fn migrate(action: MigrateAction, database: &DatabaseSettings) -> anyhow::Result<()> {
    let db = db::connect(&database.url()?).await?;
    match action {
        MigrateAction::Up => {
            let pending = Migrator::get_pending_migrations(&db).await.context("cannot read migration status")?.len();
            Migrator::up(&db, None).await.context("migration failed")?;
            match pending {
                0 => println!("database schema is up to date"),
                n => println!("applied {n} migration(s); database schema is up to date"),
            }
        }
        MigrateAction::Down { steps } => {
            let applied = Migrator::get_applied_migrations(&db).await.context("cannot read migration status")?.len();
            let reverted = (steps as usize).min(applied);
            Migrator::down(&db, Some(steps)).await.context("migration failed")?;
            println!("reverted {reverted} migration(s)");
        }
        MigrateAction::Status => {
            for m in Migrator::get_migration_with_status(&db).await.context("cannot read migration status")? {
                println!("{:?}\t{}", m.status(), m.name());
            }
            // Facts a reference release would have corrected, kept as changed through the API.
            if let Ok(conflicts) = db::reference::conflicts(&db).await {
                for c in conflicts {
                    println!("Kept\treference release {}: {} {}: {}", c.release, c.entity, c.key, c.detail);
                }
            }
        }
    }
    Ok(())
}
