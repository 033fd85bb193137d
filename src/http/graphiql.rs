//! GraphiQL, served from the binary itself: GraphiQL 3 and React 18 (production builds, pinned and checked by
//! `scripts/vendor-graphiql.sh`, embedded gzipped) behind a content-security policy that lets the page run only
//! the server's own scripts and talk only to the server. It works on a network without internet, and a token
//! pasted into its header editor reaches no third-party code.

use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

/// Where the assets are served; the version in the path lets browsers keep them for good.
pub(super) const ASSETS: &str = "/assets/graphiql-3.8.3";

struct Asset {
    name: &'static str,
    content_type: &'static str,
    gzipped: bool,
    bytes: &'static [u8],
}

const FILES: [Asset; 5] = [
    Asset {
        name: "graphiql.min.js",
        content_type: "text/javascript; charset=utf-8",
        gzipped: true,
        bytes: include_bytes!("../../assets/graphiql/graphiql.min.js.gz"),
    },
    Asset {
        name: "graphiql.min.css",
        content_type: "text/css; charset=utf-8",
        gzipped: true,
        bytes: include_bytes!("../../assets/graphiql/graphiql.min.css.gz"),
    },
    Asset {
        name: "react.production.min.js",
        content_type: "text/javascript; charset=utf-8",
        gzipped: true,
        bytes: include_bytes!("../../assets/graphiql/react.production.min.js.gz"),
    },
    Asset {
        name: "react-dom.production.min.js",
        content_type: "text/javascript; charset=utf-8",
        gzipped: true,
        bytes: include_bytes!("../../assets/graphiql/react-dom.production.min.js.gz"),
    },
    Asset {
        name: "init.js",
        content_type: "text/javascript; charset=utf-8",
        gzipped: false,
        bytes: include_bytes!("../../assets/graphiql/init.js"),
    },
];

/// Scripts and styles from the server only (GraphiQL sets inline styles), requests to the server only, no frames.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
                   font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

pub(super) fn page() -> Response {
    let html = format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>CNA Directory — GraphiQL</title>\n\
         <style>body {{ margin: 0; height: 100vh; }} #graphiql {{ height: 100vh; }}</style>\n\
         <link rel=\"stylesheet\" href=\"{ASSETS}/graphiql.min.css\">\n</head>\n<body>\n\
         <div id=\"graphiql\">Loading GraphiQL…</div>\n\
         <script src=\"{ASSETS}/react.production.min.js\"></script>\n\
         <script src=\"{ASSETS}/react-dom.production.min.js\"></script>\n\
         <script src=\"{ASSETS}/graphiql.min.js\"></script>\n\
         <script src=\"{ASSETS}/init.js\"></script>\n</body>\n</html>\n"
    );
    let mut response = Html(html).into_response();
    let headers = response.headers_mut();
    headers.insert("content-security-policy", HeaderValue::from_static(CSP));
    headers.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    headers.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    response
}

fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers.get_all(header::ACCEPT_ENCODING).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).any(
        |coding| {
            let mut parts = coding.split(';');
            let name = parts.next().unwrap_or("").trim();
            let refused = parts.any(|p| p.trim().replace(' ', "") == "q=0");
            (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
        },
    )
}

pub(super) async fn asset(Path(name): Path<String>, headers: HeaderMap) -> Response {
    let Some(asset) = FILES.iter().find(|a| a.name == name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if asset.gzipped && !accepts_gzip(&headers) {
        // The files are kept compressed; every browser asks for gzip.
        return (StatusCode::NOT_ACCEPTABLE, "this file is served with Content-Encoding: gzip; ask for it")
            .into_response();
    }
    let mut response = asset.bytes.into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(asset.content_type));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable"));
    h.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    if asset.gzipped {
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}
