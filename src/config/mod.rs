//! Settings, from flags or the environment, checked once at start.

use std::{net::SocketAddr, path::PathBuf, time::Duration};

use clap::{ArgAction, Args};

mod proxies;

pub use proxies::TrustedProxies;

pub const DEFAULT_DATABASE_URL: &str = "sqlite://cna-directory.db";

#[derive(Args, Debug, Clone)]
pub struct DatabaseSettings {
    /// `sqlite://FILE` (created when missing), `sqlite::memory:` or `postgres://USER@HOST:PORT/DB`.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
    pub database_url: String,

    /// PostgreSQL streaming replicas of `DATABASE_URL` to send read queries to, comma-separated: a replica
    /// answers a request only once it has replayed every change acknowledged before the request arrived.
    #[arg(long = "database-read-url", env = "DATABASE_READ_URL", value_delimiter = ',')]
    pub database_read_urls: Vec<String>,

    /// The PostgreSQL password, read from this file (a Docker or Kubernetes secret) and put into `DATABASE_URL`,
    /// so that the password is in no environment variable.
    #[arg(long = "database-password-file", env = "CNA_DATABASE_PASSWORD_FILE", value_parser = read_secret)]
    pub database_password: Option<Secret>,
}

impl DatabaseSettings {
    pub fn new(database_url: impl Into<String>) -> Self {
        Self { database_url: database_url.into(), database_read_urls: Vec::new(), database_password: None }
    }

    /// The address to connect to, with the password from `CNA_DATABASE_PASSWORD_FILE` when one is given.
    pub fn url(&self) -> anyhow::Result<String> {
        self.with_password("DATABASE_URL", &self.database_url)
    }

    /// The replicas' addresses, each with the password from `CNA_DATABASE_PASSWORD_FILE` when one is given (the
    /// same role reads from the replicas); empty entries are ignored.
    pub fn read_urls(&self) -> anyhow::Result<Vec<String>> {
        let urls = self.database_read_urls.iter().map(|u| u.trim()).filter(|u| !u.is_empty());
        urls.map(|u| self.with_password("DATABASE_READ_URL", u)).collect()
    }

    fn with_password(&self, name: &str, address: &str) -> anyhow::Result<String> {
        let Some(password) = &self.database_password else { return Ok(address.to_owned()) };
        let mut url = url::Url::parse(address).map_err(|e| anyhow::anyhow!("{name} is not a valid address: {e}"))?;
        if !matches!(url.scheme(), "postgres" | "postgresql") {
            anyhow::bail!("CNA_DATABASE_PASSWORD_FILE is for PostgreSQL: {name} is not a postgres:// address");
        }
        if url.password().is_some() {
            anyhow::bail!("{name} already carries a password: give it there or in CNA_DATABASE_PASSWORD_FILE");
        }
        url.set_password(Some(&password.0))
            .map_err(|()| anyhow::anyhow!("{name} names no host, so no password can be added to it"))?;
        Ok(url.into())
    }
}

/// A value read from a file, kept out of logs and `Debug` output.
#[derive(Clone)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

/// Reads a secret from a file as Docker and Kubernetes mount them: the whole file, without its final line break.
fn read_secret(path: &str) -> Result<Secret, String> {
    let raw = std::fs::read_to_string(path).map_err(|e| format!("cannot read the secret file `{path}`: {e}"))?;
    let value = raw.strip_suffix('\n').map(|v| v.strip_suffix('\r').unwrap_or(v)).unwrap_or(&raw);
    if value.is_empty() {
        return Err(format!("the secret file `{path}` is empty"));
    }
    Ok(Secret(value.to_owned()))
}

/// Where tokens are verified (and, for HS256, minted). With no key the server is read-only.
#[derive(Args, Debug, Clone)]
pub struct AuthSettings {
    /// HS256 secret, at least 32 bytes.
    #[arg(long, env = "CNA_JWT_SECRET", hide_env_values = true)]
    pub jwt_secret: Option<String>,

    /// The HS256 secret read from this file instead (a Docker or Kubernetes secret).
    #[arg(long = "jwt-secret-file", env = "CNA_JWT_SECRET_FILE", conflicts_with = "jwt_secret", value_parser = read_secret)]
    pub jwt_secret_from_file: Option<Secret>,

    /// PEM public key of an identity provider (RS256, ES256 on P-256, or EdDSA on Ed25519).
    #[arg(long, env = "CNA_JWT_PUBLIC_KEY_FILE")]
    pub jwt_public_key_file: Option<PathBuf>,

    /// JWK set of an identity provider; a token's `kid` picks the key, whose type fixes the algorithm.
    #[arg(long, env = "CNA_JWKS_FILE")]
    pub jwks_file: Option<PathBuf>,

    /// Verify tokens also with the keys the issuer publishes (`CNA_JWT_ISSUER` is then the identity provider's
    /// issuer URL): its discovery document names its JWK set, read when a token names a key not seen yet.
    #[arg(long, env = "CNA_JWKS_FROM_ISSUER", default_value_t = false, action = ArgAction::Set)]
    pub jwks_from_issuer: bool,

    /// Required `iss` of every token.
    #[arg(long, env = "CNA_JWT_ISSUER", default_value = "cna-directory")]
    pub jwt_issuer: String,

    /// Required `aud` of every token.
    #[arg(long, env = "CNA_JWT_AUDIENCE", default_value = "cna-directory")]
    pub jwt_audience: String,

    /// Longest token lifetime accepted (`exp` − `iat`): e.g. 90s, 30m, 24h, 7d.
    #[arg(long, env = "CNA_JWT_MAX_TTL", default_value = "24h", value_parser = parse_duration)]
    pub jwt_max_ttl: Duration,
}

impl AuthSettings {
    /// The HS256 secret, from `CNA_JWT_SECRET` or the file `CNA_JWT_SECRET_FILE` names.
    pub fn secret(&self) -> Option<&str> {
        self.jwt_secret.as_deref().or(self.jwt_secret_from_file.as_ref().map(|s| s.0.as_str()))
    }
}

impl MintSettings {
    /// The HS256 secret, from `CNA_JWT_SECRET` or the file `CNA_JWT_SECRET_FILE` names.
    pub fn secret(&self) -> Option<&str> {
        self.jwt_secret.as_deref().or(self.jwt_secret_from_file.as_ref().map(|s| s.0.as_str()))
    }
}

impl Default for AuthSettings {
    fn default() -> Self {
        Self {
            jwt_secret: None,
            jwt_secret_from_file: None,
            jwt_public_key_file: None,
            jwks_file: None,
            jwks_from_issuer: false,
            jwt_issuer: "cna-directory".into(),
            jwt_audience: "cna-directory".into(),
            jwt_max_ttl: Duration::from_secs(24 * 3600),
        }
    }
}

/// What `cna-directory token` needs to mint what the server accepts: the HS256 secret and the claims' rules.
#[derive(Args, Debug, Clone)]
pub struct MintSettings {
    /// HS256 secret, at least 32 bytes; the server's.
    #[arg(long, env = "CNA_JWT_SECRET", hide_env_values = true)]
    pub jwt_secret: Option<String>,

    /// The HS256 secret read from this file instead; the server's.
    #[arg(long = "jwt-secret-file", env = "CNA_JWT_SECRET_FILE", conflicts_with = "jwt_secret", value_parser = read_secret)]
    pub jwt_secret_from_file: Option<Secret>,

    /// `iss` of the token, as the server requires it.
    #[arg(long, env = "CNA_JWT_ISSUER", default_value = "cna-directory")]
    pub jwt_issuer: String,

    /// `aud` of the token, as the server requires it.
    #[arg(long, env = "CNA_JWT_AUDIENCE", default_value = "cna-directory")]
    pub jwt_audience: String,

    /// Longest lifetime the server accepts: a longer --ttl is refused.
    #[arg(long, env = "CNA_JWT_MAX_TTL", default_value = "24h", value_parser = parse_duration)]
    pub jwt_max_ttl: Duration,
}

/// What one client may ask of the server.
#[derive(Args, Debug, Clone)]
pub struct LimitSettings {
    /// Deepest nesting of fields a query may have.
    #[arg(long, env = "CNA_MAX_DEPTH", default_value_t = 16)]
    pub max_depth: usize,

    /// Highest complexity a query may have; a paged list counts its page size times its items.
    #[arg(long, env = "CNA_MAX_COMPLEXITY", default_value_t = 50_000)]
    pub max_complexity: usize,

    /// Deepest nesting of values (lists, objects) and selections the parser accepts.
    #[arg(long, env = "CNA_MAX_RECURSIVE_DEPTH", default_value_t = 32)]
    pub max_recursive_depth: usize,

    /// Deepest nesting of brackets (`[` and `{`) in a document or in the JSON of a request, counted on the raw text
    /// before anything parses it: selection sets and values together.
    #[arg(long, env = "CNA_MAX_NESTING", default_value_t = 64, value_parser = clap::value_parser!(u16).range(8..=512))]
    pub max_nesting: u16,

    /// Most directives one field may carry.
    #[arg(long, env = "CNA_MAX_DIRECTIVES", default_value_t = 4)]
    pub max_directives: usize,

    /// Requests per minute for one client (the token's subject, or the address of an anonymous reader); 0 for none.
    #[arg(long, env = "CNA_RATE_LIMIT", default_value_t = 600)]
    pub rate_limit: u32,

    /// Requests a client may send at once before the per-minute rate applies.
    #[arg(long, env = "CNA_RATE_BURST", default_value_t = 60)]
    pub rate_burst: u32,

    /// Longest time a request may take before it is cut off.
    #[arg(long, env = "CNA_REQUEST_TIMEOUT", default_value = "15s", value_parser = parse_duration)]
    pub request_timeout: Duration,

    /// Longest time one SQL statement may run on PostgreSQL.
    #[arg(long, env = "CNA_STATEMENT_TIMEOUT", default_value = "5s", value_parser = parse_duration)]
    pub statement_timeout: Duration,

    /// Memory for cached answers to read queries, in MiB; 0 turns the cache off.
    #[arg(long, env = "CNA_RESPONSE_CACHE_MB", default_value_t = 32)]
    pub response_cache_mb: usize,

    /// Most selections a document may expand to once its fragments are spread (fields, spreads, inline fragments).
    #[arg(long, env = "CNA_MAX_SELECTIONS", default_value_t = 5_000)]
    pub max_selections: usize,

    /// How many months a confirmation holds before an entry is stale and due for review.
    #[arg(long, env = "CNA_REVIEW_MONTHS", default_value_t = 6, value_parser = clap::value_parser!(u32).range(1..=120))]
    pub review_months: u32,

    /// Most root fields (aliases included) one operation may ask for; each is at least one database statement.
    #[arg(long, env = "CNA_MAX_ROOT_FIELDS", default_value_t = 20)]
    pub max_root_fields: usize,

    /// Longest time a client may take to send a request's headers.
    #[arg(long, env = "CNA_HEADER_TIMEOUT", default_value = "10s", value_parser = parse_duration)]
    pub header_timeout: Duration,

    /// Longest time a client may take to send a request's body.
    #[arg(long, env = "CNA_BODY_TIMEOUT", default_value = "10s", value_parser = parse_duration)]
    pub body_timeout: Duration,

    /// Longest time a write to a client may make no progress (a client that stops reading its answer) before its
    /// connection is closed.
    #[arg(long, env = "CNA_WRITE_TIMEOUT", default_value = "20s", value_parser = parse_duration)]
    pub write_timeout: Duration,

    /// Most connections open at once. A client that finds them all taken has the connection idle longest (or
    /// stalled longest on a client that does not read) closed for it.
    #[arg(long, env = "CNA_MAX_CONNECTIONS", default_value_t = 1024)]
    pub max_connections: usize,

    /// Most connections open at once from one peer address while the server is at most half full; the share
    /// shrinks as it fills (to 2), and connections past it are closed at once. 0 for no cap (behind a load
    /// balancer, whose address every connection comes from).
    #[arg(long, env = "CNA_MAX_CONNECTIONS_PER_PEER", default_value_t = 64)]
    pub max_connections_per_peer: usize,

    /// Proxies in front of the server (a load balancer), as IP addresses or CIDR blocks, comma-separated. A request
    /// that comes through one counts against the client address the proxy appended to `X-Forwarded-For` (the rate
    /// limit, the caps on sockets and streams per address), and a proxy's connections have no per-address share.
    /// None by default: every request counts against the address it comes from, and `X-Forwarded-For` is ignored.
    #[arg(long, env = "CNA_TRUSTED_PROXIES", default_value = "", value_parser = TrustedProxies::parse)]
    pub trusted_proxies: TrustedProxies,

    /// Most operations the engine runs at once; further ones wait their turn (answers from the response cache do
    /// not). The answers being built are most of the server's memory under load, and the engine's work is CPU-bound:
    /// more at once only interleaves them.
    #[arg(long, env = "CNA_MAX_EXECUTIONS", default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=4096))]
    pub max_executions: u32,

    /// After SIGTERM, how long requests in flight may finish before their connections are dropped.
    #[arg(long, env = "CNA_SHUTDOWN_TIMEOUT", default_value = "20s", value_parser = parse_duration)]
    pub shutdown_timeout: Duration,
}

impl Default for LimitSettings {
    fn default() -> Self {
        Self {
            max_depth: 16,
            max_complexity: 50_000,
            max_recursive_depth: 32,
            max_nesting: 64,
            max_directives: 4,
            rate_limit: 600,
            rate_burst: 60,
            request_timeout: Duration::from_secs(15),
            statement_timeout: Duration::from_secs(5),
            response_cache_mb: 32,
            max_selections: 5_000,
            max_root_fields: 20,
            review_months: 6,
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(10),
            write_timeout: Duration::from_secs(20),
            max_connections: 1024,
            max_connections_per_peer: 64,
            trusted_proxies: TrustedProxies::default(),
            max_executions: 8,
            shutdown_timeout: Duration::from_secs(20),
        }
    }
}

/// The workspace in a browser: where the server is reached, and how long a sign-in lasts.
#[derive(Args, Debug, Clone)]
pub struct WorkspaceSettings {
    /// The address people reach the server at, e.g. https://directory.example.org: sign-in links are printed with
    /// it, and the session cookie is `Secure` when it is https.
    #[arg(long, env = "CNA_PUBLIC_URL", default_value = "http://127.0.0.1:8080")]
    pub public_url: String,

    /// A workspace session ends after this long without use: e.g. 30m.
    #[arg(long, env = "CNA_SESSION_IDLE", default_value = "30m", value_parser = parse_duration)]
    pub session_idle: Duration,

    /// A workspace session ends this long after sign-in, used or not: e.g. 12h.
    #[arg(long, env = "CNA_SESSION_MAX", default_value = "12h", value_parser = parse_duration)]
    pub session_max: Duration,

    /// The organisation's OpenID Connect provider (its issuer URL); people then sign in to the workspace through it.
    #[arg(long, env = "CNA_OIDC_ISSUER")]
    pub oidc_issuer: Option<String>,

    /// This server's client id at the provider.
    #[arg(long, env = "CNA_OIDC_CLIENT_ID")]
    pub oidc_client_id: Option<String>,

    /// This server's client secret at the provider.
    #[arg(long, env = "CNA_OIDC_CLIENT_SECRET", hide_env_values = true)]
    pub oidc_client_secret: Option<String>,

    /// Scopes asked for besides `openid`, comma-separated: those under which the provider releases the claims below.
    #[arg(long, env = "CNA_OIDC_SCOPES", value_delimiter = ',', default_value = "profile")]
    pub oidc_scopes: Vec<String>,

    /// The provider's claim holding the person's role (admin, focal_point, network_secretariat, reader).
    #[arg(long, env = "CNA_OIDC_ROLE_CLAIM", default_value = "role")]
    pub oidc_role_claim: String,

    /// The provider's claim holding a focal point's State (ISO 3166-1 alpha-3).
    #[arg(long, env = "CNA_OIDC_STATE_CLAIM", default_value = "state")]
    pub oidc_state_claim: String,

    /// The provider's claim holding a secretariat's network code.
    #[arg(long, env = "CNA_OIDC_NETWORK_CLAIM", default_value = "network")]
    pub oidc_network_claim: String,
}

impl Default for WorkspaceSettings {
    fn default() -> Self {
        Self {
            public_url: "http://127.0.0.1:8080".into(),
            session_idle: Duration::from_secs(30 * 60),
            session_max: Duration::from_secs(12 * 3600),
            oidc_issuer: None,
            oidc_client_id: None,
            oidc_client_secret: None,
            oidc_scopes: vec!["profile".into()],
            oidc_role_claim: "role".into(),
            oidc_state_claim: "state".into(),
            oidc_network_claim: "network".into(),
        }
    }
}

impl WorkspaceSettings {
    /// Whether people reach the server over TLS, so that cookies must say `Secure`.
    pub fn secure(&self) -> bool {
        self.public_url.trim().to_ascii_lowercase().starts_with("https://")
    }
}

#[derive(Args, Debug, Clone)]
pub struct ServeSettings {
    #[command(flatten)]
    pub database: DatabaseSettings,

    #[command(flatten)]
    pub auth: AuthSettings,

    #[command(flatten)]
    pub limits: LimitSettings,

    #[command(flatten)]
    pub workspace: WorkspaceSettings,

    /// Address and port to listen on.
    #[arg(long, env = "CNA_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// Whether anonymous readers may query; `false` requires a valid token for every request.
    #[arg(long, env = "CNA_PUBLIC_READ", default_value_t = true, action = ArgAction::Set)]
    pub public_read: bool,

    /// Origins allowed to call the API from a browser, comma-separated (`*` for any); none by default.
    #[arg(long, env = "CNA_CORS_ORIGINS", value_delimiter = ',')]
    pub cors_origins: Vec<String>,

    #[command(flatten)]
    pub webhooks: WebhookSettings,

    /// Load the sample authorities before serving (see `cna-directory demo`).
    #[arg(long)]
    pub demo: bool,
}

/// Pushing public changes to the portals that subscribed.
#[derive(Args, Debug, Clone)]
pub struct WebhookSettings {
    /// Delivery workers this instance runs; 0 delivers none here (other instances on the same database do).
    #[arg(long, env = "CNA_WEBHOOK_WORKERS", default_value_t = 2)]
    pub webhook_workers: usize,

    /// Let subscriptions point at loopback and private-network addresses (tests, closed networks); refused
    /// otherwise, also when a host name resolves to one.
    #[arg(long, env = "CNA_WEBHOOK_ALLOW_LOCAL", default_value_t = false, action = ArgAction::Set)]
    pub webhook_allow_local: bool,
}

impl Default for WebhookSettings {
    fn default() -> Self {
        Self { webhook_workers: 2, webhook_allow_local: false }
    }
}

/// `90s`, `30m`, `1h`, `7d` (or plain seconds).
pub fn parse_duration(raw: &str) -> Result<Duration, String> {
    let raw = raw.trim();
    let (number, unit) = raw.split_at(raw.find(|c: char| !c.is_ascii_digit()).unwrap_or(raw.len()));
    let n: u64 = number.parse().map_err(|_| format!("`{raw}` is not a duration such as 90s, 30m, 1h or 7d"))?;
    let secs = match unit {
        "" | "s" => n,
        "m" => n * 60,
        "h" => n * 3600,
        "d" => n * 86_400,
        _ => return Err(format!("`{raw}` is not a duration such as 90s, 30m, 1h or 7d")),
    };
    if secs == 0 {
        return Err("a duration must be positive".into());
    }
    Ok(Duration::from_secs(secs))
}
