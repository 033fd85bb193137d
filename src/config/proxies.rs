//! Proxies in front of the server (`CNA_TRUSTED_PROXIES`): a load balancer, a TLS terminator.

use std::net::IpAddr;

use ipnet::IpNet;

/// The addresses and blocks of the proxies trusted to say whom they forward a request for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Addresses or CIDR blocks, comma-separated (`10.0.0.5, 172.30.80.0/24, ::1`); empty for none.
    pub fn parse(raw: &str) -> Result<Self, String> {
        raw.split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(|entry| {
                entry
                    .parse::<IpNet>()
                    .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| format!("`{entry}` is not an IP address or a CIDR block such as 10.0.0.0/8"))
            })
            .collect::<Result<_, _>>()
            .map(Self)
    }

    /// Whether `ip` is a trusted proxy; an IPv4 address seen through an IPv6 socket (`::ffff:10.0.0.5`) is taken
    /// as the IPv4 address it is.
    pub fn trusts(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.0.iter().any(|net| net.contains(&ip))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxies_are_addresses_or_blocks_and_nothing_else() {
        let proxies = TrustedProxies::parse(" 10.0.0.5, 172.30.80.0/24,::1 ,").expect("valid");
        for (ip, trusted) in [
            ("10.0.0.5", true),
            ("10.0.0.6", false),
            ("172.30.80.200", true),
            ("172.30.81.1", false),
            ("::1", true),
            ("::ffff:10.0.0.5", true),
            ("::ffff:10.0.0.6", false),
        ] {
            assert_eq!(proxies.trusts(ip.parse().unwrap()), trusted, "{ip}");
        }
        assert_eq!(TrustedProxies::parse("").expect("none"), TrustedProxies::default());
        for bad in ["lb", "10.0.0.0/33", "10.0.0.5:80", "10.0.0.5 10.0.0.6", "*"] {
            let error = TrustedProxies::parse(bad).expect_err(bad);
            assert!(error.contains("is not an IP address or a CIDR block"), "{bad}: {error}");
        }
    }
}
