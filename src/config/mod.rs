//! Settings, from flags or the environment (`DATABASE_URL`, `CNA_LISTEN`, `CNA_CORS_ORIGINS`), checked once at start.

use std::net::SocketAddr;

use clap::Args;

pub const DEFAULT_DATABASE_URL: &str = "sqlite://cna-directory.db";

#[derive(Args, Debug, Clone)]
pub struct DatabaseSettings {
    /// `sqlite://FILE` (created when missing), `sqlite::memory:` or `postgres://USER@HOST:PORT/DB`.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true)]
    pub database_url: String,
}

#[derive(Args, Debug, Clone)]
pub struct ServeSettings {
    #[command(flatten)]
    pub database: DatabaseSettings,

    /// Address and port to listen on.
    #[arg(long, env = "CNA_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// Origins allowed to call the API from a browser, comma-separated (`*` for any); none by default.
    #[arg(long, env = "CNA_CORS_ORIGINS", value_delimiter = ',')]
    pub cors_origins: Vec<String>,

    /// Load the sample authorities before serving (see `cna-directory demo`).
    #[arg(long)]
    pub demo: bool,
}
