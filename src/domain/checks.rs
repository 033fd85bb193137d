//! Checks of free input, each returning the value as it is stored or `BAD_USER_INPUT` naming the field.
//! Text is stored in Unicode NFC; control characters and bidirectional overrides are refused because they let an
//! entry display differently from what it says.

use std::{collections::HashSet, hash::Hash, str::FromStr};

use unicode_normalization::UnicodeNormalization;
use validator::{ValidateEmail, ValidateUrl};

use super::LanguageCode;
use crate::error::{AppError, Problem};

/// A character as its code point, `U+200B`.
fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

pub(crate) const MAX_NAME_CHARS: usize = 300;
pub(crate) const MAX_TEXT_CHARS: usize = 10_000;

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Characters that render as nothing (or as a line break inside one line) and so let two entries that look the
/// same differ, or hide text: zero-width space and word joiner, the byte-order mark, line and paragraph
/// separators, tag characters, the soft hyphen, the Mongolian vowel separator.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{180B}'..='\u{180E}' | '\u{200B}' | '\u{2060}'..='\u{2064}' | '\u{206A}'..='\u{206F}'
            | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}' | '\u{2028}' | '\u{2029}' | '\u{E0000}'..='\u{E007F}'
            // Hangul fillers render as blank space.
            | '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}'
    )
}

/// Letters of scripts whose spelling uses zero-width joiners: Arabic, Syriac, Thaana, the Indic scripts, Sinhala.
fn joining_script(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{07BF}' | '\u{0860}'..='\u{08FF}' | '\u{0900}'..='\u{0DFF}' | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}')
}

/// Zero-width joiners (U+200C, U+200D) belong inside words of scripts that need them (Persian, Indic scripts);
/// next to a Latin letter, a space or an end of the text they only hide a difference.
fn misplaced_joiner(value: &str) -> Option<char> {
    let chars: Vec<char> = value.chars().collect();
    chars.iter().enumerate().find_map(|(i, &c)| {
        if c != '\u{200C}' && c != '\u{200D}' {
            return None;
        }
        let fits = |n: Option<&char>| n.is_some_and(|n| joining_script(*n));
        let ok = fits(i.checked_sub(1).and_then(|p| chars.get(p))) || fits(chars.get(i + 1));
        (!ok).then_some(c)
    })
}

fn text(field: &str, raw: &str, max: usize, multiline: bool) -> Result<String, AppError> {
    let value: String = raw.trim().nfc().collect();
    if let Some(c) = value.chars().find(|c| is_invisible(*c)).or_else(|| misplaced_joiner(&value)) {
        return Err(AppError::problem(field, Problem::Invisible { character: code_point(c) }));
    }
    if let Some(c) = value.chars().find(|c| is_bidi_control(*c)) {
        return Err(AppError::problem(field, Problem::BidiControl { character: code_point(c) }));
    }
    let allowed = |c: char| multiline && (c == '\n' || c == '\t' || c == '\r');
    if let Some(c) = value.chars().find(|c| c.is_control() && !allowed(*c)) {
        return Err(AppError::problem(field, Problem::ControlCharacter { character: code_point(c) }));
    }
    let len = value.chars().count();
    if len > max {
        return Err(AppError::problem(field, Problem::TooLong { length: len, max }));
    }
    Ok(value)
}

/// A required name or title: not blank, one line, at most 300 characters.
pub(crate) fn name(field: &str, raw: &str) -> Result<String, AppError> {
    let value = text(field, raw, MAX_NAME_CHARS, false)?;
    if value.is_empty() {
        return Err(AppError::problem(field, Problem::Blank));
    }
    Ok(value)
}

/// An optional short line (acronym, city, position …): at most 300 characters; blank means none.
pub(crate) fn short(field: &str, raw: &str) -> Result<Option<String>, AppError> {
    Ok(Some(text(field, raw, MAX_NAME_CHARS, false)?).filter(|v| !v.is_empty()))
}

/// Optional free text (notes, requirements …): several lines, at most 10,000 characters; blank means none.
pub(crate) fn free_text(field: &str, raw: &str) -> Result<Option<String>, AppError> {
    Ok(Some(text(field, raw, MAX_TEXT_CHARS, true)?).filter(|v| !v.is_empty()))
}

pub(crate) fn email(field: &str, raw: &str) -> Result<Option<String>, AppError> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(None);
    }
    if value.chars().count() > MAX_NAME_CHARS || !value.validate_email() {
        return Err(AppError::problem(field, Problem::NotEmail { value: value.into() }));
    }
    // An authority's address is on a public domain: not an IP literal, not a local name.
    let domain = value.rsplit_once('@').map_or("", |(_, d)| d).to_ascii_lowercase();
    if domain.starts_with('[') || domain.parse::<std::net::IpAddr>().is_ok() || local_host(&domain) {
        return Err(AppError::problem(field, Problem::NotPublicDomain { value: value.into() }));
    }
    Ok(Some(value.to_owned()))
}

/// A phone or fax number in international form, parsed and stored as E.164 (`+33123456789`).
pub(crate) fn e164(field: &str, raw: &str) -> Result<Option<String>, AppError> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(None);
    }
    if !value.starts_with('+') {
        return Err(AppError::problem(field, Problem::NotInternational { value: value.into() }));
    }
    match phonenumber::parse(None, value) {
        Ok(number) if phonenumber::is_valid(&number) => {
            Ok(Some(number.format().mode(phonenumber::Mode::E164).to_string()))
        }
        _ => Err(AppError::problem(field, Problem::NotPhone { value: value.into() })),
    }
}

pub(crate) fn http_url(field: &str, raw: &str) -> Result<Option<String>, AppError> {
    address(field, raw, false)
}

/// A webhook's address: a web address as [`http_url`] checks it, on a local host only where the deployment allows
/// it (`CNA_WEBHOOK_ALLOW_LOCAL`).
pub(crate) fn webhook_url(field: &str, raw: &str, allow_local: bool) -> Result<Option<String>, AppError> {
    address(field, raw, allow_local)
}

fn address(field: &str, raw: &str, allow_local: bool) -> Result<Option<String>, AppError> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let lower = value.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) || !value.validate_url() {
        return Err(AppError::problem(field, Problem::NotWebAddress { value: value.into() }));
    }
    if value.chars().count() > MAX_NAME_CHARS * 2 {
        return Err(AppError::problem(field, Problem::AddressTooLong));
    }
    // Characters that end an HTML attribute or tag have no place in an address a page will link to.
    let hidden = |c: char| is_invisible(c) || is_bidi_control(c) || c == '\u{200C}' || c == '\u{200D}';
    if let Some(c) =
        value.chars().find(|c| c.is_whitespace() || c.is_control() || hidden(*c) || "\"'<>`\\{}|^".contains(*c))
    {
        return Err(AppError::problem(field, Problem::NotInAddress { value: value.into(), character: c.to_string() }));
    }
    let url =
        url::Url::parse(value).map_err(|_| AppError::problem(field, Problem::NotWebAddress { value: value.into() }))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(AppError::problem(field, Problem::Credentials));
    }
    let public = match url.host() {
        Some(url::Host::Domain(d)) => !local_host(&d.to_ascii_lowercase()),
        Some(url::Host::Ipv4(ip)) => !is_local_ip(ip.into()),
        Some(url::Host::Ipv6(ip)) => !is_local_ip(ip.into()),
        None => false,
    };
    if !public && !allow_local {
        return Err(AppError::problem(field, Problem::LocalHost { value: value.into() }));
    }
    Ok(Some(value.to_owned()))
}

/// An address on loopback, a private network or link-local: what a host name must not resolve to when webhooks
/// may not reach local hosts.
pub(crate) fn is_local_ip(ip: std::net::IpAddr) -> bool {
    match ip {
        std::net::IpAddr::V4(ip) => {
            ip.is_loopback() || ip.is_private() || ip.is_link_local() || ip.is_unspecified() || ip.is_broadcast()
        }
        std::net::IpAddr::V6(ip) => {
            ip.is_loopback()
                || ip.is_unspecified()
                || (ip.segments()[0] & 0xfe00) == 0xfc00
                || (ip.segments()[0] & 0xffc0) == 0xfe80
                || ip.to_ipv4_mapped().is_some_and(|v4| is_local_ip(std::net::IpAddr::V4(v4)))
        }
    }
}

/// `localhost`, a name under it, or a single label with no dot (reachable only inside a local network).
fn local_host(host: &str) -> bool {
    let host = host.trim_end_matches('.');
    host == "localhost" || host.ends_with(".localhost") || host.ends_with(".local") || !host.contains('.')
}

/// An IANA time zone name, e.g. `Europe/Paris`.
pub(crate) fn time_zone(field: &str, raw: &str) -> Result<Option<String>, AppError> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(None);
    }
    chrono_tz::Tz::from_str(value)
        .map(|tz| Some(tz.name().to_owned()))
        .map_err(|_| AppError::problem(field, Problem::NotTimeZone { value: value.into() }))
}

/// A new code for a convention, legal basis or network: capital letters, digits and `_`, at most 40.
pub(crate) fn code(field: &str, raw: &str) -> Result<String, AppError> {
    let code = super::canonical_code(raw);
    let valid = !code.is_empty()
        && code.len() <= 40
        && code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
    match valid {
        true => Ok(code),
        false => Err(AppError::invalid(field, "use capital letters, digits and _, at most 40 (e.g. EJN)")),
    }
}

/// A list given once per value.
pub(crate) fn unique<T: Eq + Hash + Clone + std::fmt::Debug>(field: &str, values: Vec<T>) -> Result<Vec<T>, AppError> {
    let mut seen = HashSet::new();
    for v in &values {
        if !seen.insert(v.clone()) {
            return Err(AppError::problem(field, Problem::Repeated { value: format!("{v:?}") }));
        }
    }
    Ok(values)
}

/// ISO 639 codes, each existing and given once, in canonical form.
pub(crate) fn languages(field: &str, raw: &[String]) -> Result<Vec<String>, AppError> {
    let codes = raw
        .iter()
        .map(|r| LanguageCode::parse(field, r).map(|c| c.as_str().to_owned()))
        .collect::<Result<Vec<_>, _>>()?;
    unique(field, codes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joiners_inside_words_of_scripts_that_need_them_are_kept() {
        // "Ministry" in Persian writes a zero-width non-joiner between two Arabic-script letters.
        assert!(name("n", "وزارت دادگستری\u{200C}ها").is_ok());
        assert!(name("n", "Justice\u{200C}").is_err());
        assert!(name("n", "Ministère\u{200C} de la Justice").is_err(), "next to a Latin letter it only hides");
        assert!(name("n", "Justice\u{3164}").is_err(), "a Hangul filler is blank");
        assert!(http_url("w", "https://x.gov/\u{202E}fdp.exe").is_err(), "no bidi override in an address");
        assert!(http_url("w", "https://www.justice.gouv.fr/entraide").is_ok());
        assert!(http_url("w", "https://10.0.0.8/").is_err());
        assert!(email("e", "entraide@justice.gouv.fr").is_ok());
    }

    #[test]
    fn text_is_normalized_and_checked() {
        assert_eq!(name("n", "  Ministe\u{300}re ").unwrap(), "Ministère");
        assert!(name("n", "   ").is_err());
        assert!(name("n", "evil\u{202E}txt").is_err());
        assert!(name("n", "bell\u{7}").is_err());
        assert!(name("n", &"x".repeat(301)).is_err());
        assert_eq!(free_text("t", "line 1\nline 2").unwrap().unwrap(), "line 1\nline 2");
        assert!(name("n", "line 1\nline 2").is_err());
    }

    #[test]
    fn contact_details_are_checked() {
        assert_eq!(e164("p", "+33 1 42 75 80 00").unwrap().unwrap(), "+33142758000");
        assert!(e164("p", "01 42 75 80 00").is_err());
        assert!(e164("p", "+999 123").is_err());
        assert!(email("e", "someone@example.org").unwrap().is_some());
        assert!(email("e", "not-an-address").is_err());
        assert!(http_url("w", "https://example.org/x").unwrap().is_some());
        assert!(http_url("w", "javascript:alert(1)").is_err());
        assert!(http_url("w", "ftp://example.org").is_err());
        assert_eq!(time_zone("z", "Europe/Paris").unwrap().unwrap(), "Europe/Paris");
        assert!(time_zone("z", "Mars/Olympus").is_err());
        assert!(languages("l", &["fr".into(), "fra".into()]).is_err(), "the same language twice");
    }
}
