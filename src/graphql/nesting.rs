//! How deep a request's brackets nest, counted on its raw text before anything parses it.
//!
//! Parsers, the engine's validation, the conversion of literals and the drop of a parsed value all recurse once per
//! level of `[` and `{`: a few kilobytes of brackets overflow a worker thread's stack and abort the process. One
//! linear pass that keeps no stack refuses such input before any of them runs, so every later walk of a document or
//! of JSON variables is bounded by `CNA_MAX_NESTING`.

/// The refusal: the deepest level allowed was passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TooDeep {
    pub(crate) limit: usize,
}

impl std::fmt::Display for TooDeep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "brackets ([ and {{) nest deeper than {} levels", self.limit)
    }
}

impl std::error::Error for TooDeep {}

/// A GraphQL document: brackets inside strings, block strings and comments do not count. Text after a string that
/// never ends counts as string, as the parser would read it.
pub(crate) fn document(text: &str, limit: usize) -> Result<(), TooDeep> {
    depth(text.as_bytes(), limit, Syntax::GraphQl)
}

/// JSON text (a request body, or `variables` and `extensions` sent as query parameters).
pub(crate) fn json(bytes: &[u8], limit: usize) -> Result<(), TooDeep> {
    depth(bytes, limit, Syntax::Json)
}

/// What besides plain strings holds text whose brackets do not count.
#[derive(Clone, Copy, PartialEq)]
enum Syntax {
    /// Comments (`#` to the end of the line) and block strings (`"""`) too.
    GraphQl,
    Json,
}

fn depth(bytes: &[u8], limit: usize, syntax: Syntax) -> Result<(), TooDeep> {
    let graphql = syntax == Syntax::GraphQl;
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' if graphql => {
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
            }
            b'"' if graphql && bytes[i..].starts_with(b"\"\"\"") => {
                // A block string ends at the first `"""` not escaped as `\"""`.
                i += 3;
                while i < bytes.len() && !bytes[i..].starts_with(b"\"\"\"") {
                    i += if bytes[i..].starts_with(b"\\\"\"\"") { 4 } else { 1 };
                }
                i += 2;
            }
            b'"' => i = string_end(bytes, i + 1),
            b'{' | b'[' => {
                depth += 1;
                if depth > limit {
                    return Err(TooDeep { limit });
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

/// The index of the quote that closes a string whose text starts at `i` (skipping escapes), or the end.
fn string_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i,
            // A plain string cannot span lines in GraphQL; the parser refuses it, and counting goes on.
            _ => i += 1,
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_in_text_do_not_count() {
        let deep = "[".repeat(100);
        for fine in [
            format!(r#"{{ a(s: "{deep}") }}"#),
            format!("{{ a(s: \"\"\"{deep} \\\"\"\" {deep}\"\"\") }}"),
            format!("# {deep}\n{{ a }}"),
            format!(r#"{{ a(s: "\"{deep}") }}"#),
        ] {
            assert_eq!(document(&fine, 8), Ok(()), "{fine}");
        }
        assert!(json(format!(r#"{{"q": "{deep}\"{deep}"}}"#).as_bytes(), 4).is_ok());
    }

    #[test]
    fn nesting_past_the_limit_is_refused() {
        assert_eq!(document(&format!("{{ a(x: {}1{}) }}", "[".repeat(9), "]".repeat(9)), 10), Ok(()));
        assert!(document(&format!("{{ a(x: {}1{}) }}", "[".repeat(10), "]".repeat(10)), 10).is_err());
        assert!(document(&format!("{{ a(x: {}) }}", "{a:".repeat(5_000)), 64).is_err());
        assert!(json(&[b'['; 65], 64).is_err());
        assert!(json(&[b'['; 64], 64).is_ok());
        // A comment ends at a carriage return as well as at a line feed.
        assert!(document(&format!("# x\r{}", "[".repeat(3)), 2).is_err());
        // Closing brackets first cannot buy depth.
        assert!(document(&format!("{}{}", "]".repeat(10), "[".repeat(3)), 2).is_err());
    }
}
