//! Whom a trusted proxy forwarded a request for (`CNA_TRUSTED_PROXIES`). Each proxy appends to `X-Forwarded-For`
//! the address it was reached from, so the entries are read from the right, past the trusted proxies: the first
//! other one is the client. Entries left of it were written by the client itself, or by proxies not trusted, and
//! may say anything.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};

use axum::http::HeaderMap;

use crate::config::TrustedProxies;

/// The client a request from the trusted proxy `peer` was forwarded for; `peer` itself when the header is missing
/// or its last entries are not addresses (the request then counts against the proxy).
pub(super) fn client(peer: IpAddr, headers: &HeaderMap, proxies: &TrustedProxies) -> IpAddr {
    let mut client = peer;
    let lines: Vec<_> = headers.get_all("x-forwarded-for").iter().collect();
    for line in lines.into_iter().rev() {
        let Ok(line) = line.to_str() else { return client };
        for entry in line.rsplit(',') {
            let Some(ip) = address(entry.trim()) else { return client };
            if !proxies.trusts(ip) {
                return ip;
            }
            client = ip;
        }
    }
    client
}

/// An entry: an address, with or without a port (`203.0.113.7:4711`, `[2001:db8::7]:4711`, `[2001:db8::7]`).
fn address(entry: &str) -> Option<IpAddr> {
    let ip = entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|s| s.ip()))
        .or_else(|| entry.strip_prefix('[')?.strip_suffix(']')?.parse::<Ipv6Addr>().ok().map(IpAddr::V6))?;
    Some(ip.to_canonical())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn the_client_is_the_last_address_no_trusted_proxy_holds() {
        let proxies = TrustedProxies::parse("10.0.0.0/24").expect("valid");
        let peer: IpAddr = "10.0.0.5".parse().unwrap();
        let cases: &[(&[&str], &str)] = &[
            (&[], "10.0.0.5"),
            (&["203.0.113.7"], "203.0.113.7"),
            // What the client wrote itself is left of what the proxy appended.
            (&["198.51.100.1, 203.0.113.7"], "203.0.113.7"),
            (&["198.51.100.1", "203.0.113.7"], "203.0.113.7"),
            // A chain of trusted proxies is passed over.
            (&["203.0.113.7, 10.0.0.9"], "203.0.113.7"),
            (&["203.0.113.7", "10.0.0.9, 10.0.0.8"], "203.0.113.7"),
            (&["203.0.113.7:4711"], "203.0.113.7"),
            (&["[2001:db8::7]:4711"], "2001:db8::7"),
            (&["[2001:db8::7]"], "2001:db8::7"),
            (&["::ffff:203.0.113.7"], "203.0.113.7"),
            // Only trusted proxies: the first of them.
            (&["10.0.0.9, 10.0.0.8"], "10.0.0.9"),
            // What is not an address, where the client should be, leaves the request to the proxy.
            (&["unknown"], "10.0.0.5"),
            (&["203.0.113.7, garbage"], "10.0.0.5"),
            (&["203.0.113.7, "], "10.0.0.5"),
            (&["garbage, 10.0.0.9"], "10.0.0.9"),
            (&["203.0.113.7,,10.0.0.9"], "10.0.0.9"),
        ];
        for (lines, expected) in cases {
            let mut headers = HeaderMap::new();
            for line in *lines {
                headers.append("x-forwarded-for", HeaderValue::from_str(line).unwrap());
            }
            assert_eq!(client(peer, &headers, &proxies).to_string(), *expected, "{lines:?}");
        }
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", HeaderValue::from_bytes(b"203.0.113.\xff").unwrap());
        assert_eq!(client(peer, &headers, &proxies), peer, "not text");
    }
}
