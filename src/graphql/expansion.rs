//! How many selections a document expands to once every fragment spread is replaced by its fragment.
//!
//! A fragment that spreads another one twice doubles it: 24 such fragments in a 1 KB document expand to 2^24
//! fields, and validating or running that never yields. The depth and complexity limits do not see it (each
//! `__typename` costs 0), so this count runs first, on the parsed document, before validation. Each fragment is
//! counted once and its total remembered, so the walk is linear in the document's size whatever it expands to;
//! totals saturate instead of overflowing, and a fragment that spreads itself (a cycle) is refused here too.

use std::collections::HashMap;

use async_graphql::parser::types::{
    DocumentOperations, ExecutableDocument, OperationDefinition, Selection, SelectionSet,
};
use async_graphql::{Name, Positioned};

/// Why a document was refused.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum TooLarge {
    /// The selections of the operations, with every fragment expanded, are more than the budget.
    Expands { budget: usize },
    /// A fragment spreads itself, directly or through others.
    Cycle { fragment: String },
    /// Fragments spread one inside another deeper than this.
    Chain { max: usize },
    /// An operation asks for more root fields (aliases included) than allowed: each is at least one statement.
    RootFields { max: usize },
    /// An operation asks for a field that builds a whole file more than once (aliases count).
    Repeated { field: &'static str },
}

/// Root fields that build a whole file in the answer (every entry of a State, a network or the directory) or read
/// one (an import, bounded per request): an operation may ask for each once, so that aliases cannot multiply one
/// request into many exports or lift the import's bound.
pub(crate) const ONCE_PER_OPERATION: [&str; 2] = ["exportEntries", "importEntries"];

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Expands { budget } => write!(
                f,
                "the document expands to more than {budget} selections once its fragments are spread; \
                 spread each fragment fewer times"
            ),
            Self::Cycle { fragment } => write!(f, "fragment `{fragment}` spreads itself"),
            Self::Chain { max } => write!(f, "fragments are spread inside one another more than {max} deep"),
            Self::RootFields { max } => {
                write!(f, "an operation may ask for at most {max} root fields (aliases count); send several requests")
            }
            Self::Repeated { field } => {
                write!(f, "an operation may ask for `{field}` once (aliases count); send one request for each")
            }
        }
    }
}

/// Every operation of a document, named or not.
pub(crate) fn operations(doc: &ExecutableDocument) -> Vec<&OperationDefinition> {
    match &doc.operations {
        DocumentOperations::Single(op) => vec![&op.node],
        DocumentOperations::Multiple(ops) => ops.values().map(|op| &op.node).collect(),
    }
}

/// Refuses a document whose operations expand to more than `budget` selections (fields, spreads and inline
/// fragments, each counted as often as it would be visited), or one of whose operations has more than
/// `max_root_fields` root fields once its fragments are spread.
pub(crate) fn check(doc: &ExecutableDocument, budget: usize, max_root_fields: usize) -> Result<usize, TooLarge> {
    let mut counter = Counter { doc, known: HashMap::new(), open: Vec::new() };
    let mut total = 0usize;
    for set in operations(doc).into_iter().map(|op| &op.selection_set.node) {
        total = total.saturating_add(counter.set(set)?);
        if total > budget {
            return Err(TooLarge::Expands { budget });
        }
        if root_fields(doc, set, 0) > max_root_fields {
            return Err(TooLarge::RootFields { max: max_root_fields });
        }
        for field in ONCE_PER_OPERATION {
            let mut seen = 0usize;
            each_root_field(doc, set, 0, &mut |name| seen += usize::from(name == field));
            if seen > 1 {
                return Err(TooLarge::Repeated { field });
            }
        }
    }
    // Fragments no operation uses are still validated by the engine: count them as well.
    for name in doc.fragments.keys() {
        if counter.fragment_named(name)? > budget {
            return Err(TooLarge::Expands { budget });
        }
    }
    Ok(total)
}

/// Fields at the root of `set`, through inline fragments and spreads. Runs after the expansion count, which
/// refused cycles and bounded the total; `depth` guards against a fragment chain anyway.
fn root_fields(doc: &ExecutableDocument, set: &SelectionSet, depth: usize) -> usize {
    let mut total = 0usize;
    if !each_root_field(doc, set, depth, &mut |_| total = total.saturating_add(1)) {
        return usize::MAX;
    }
    total
}

/// Whether every root field of every operation of `doc` (through fragments) is named in `allowed`.
pub(crate) fn roots_within(doc: &ExecutableDocument, allowed: &[&str]) -> bool {
    every_root(doc, |name| allowed.contains(&name))
}

/// Whether no root field of any operation of `doc` (through fragments) is named in `names`.
pub(crate) fn roots_outside(doc: &ExecutableDocument, names: &[&str]) -> bool {
    every_root(doc, |name| !names.contains(&name))
}

/// Whether `holds` for every root field of every operation of `doc`; `false` when fragments nest too deep to tell.
fn every_root(doc: &ExecutableDocument, holds: impl Fn(&str) -> bool) -> bool {
    let mut all = true;
    let mut visit = |name: &str| all &= holds(name);
    operations(doc).into_iter().all(|op| each_root_field(doc, &op.selection_set.node, 0, &mut visit)) && all
}

/// Calls `visit` with the name of each field at the root of `set`; `false` when fragments nest deeper than any
/// document the expansion count lets through.
fn each_root_field(doc: &ExecutableDocument, set: &SelectionSet, depth: usize, visit: &mut impl FnMut(&str)) -> bool {
    if depth > 64 {
        return false;
    }
    set.items.iter().all(|item| match &item.node {
        Selection::Field(field) => {
            visit(field.node.name.node.as_str());
            true
        }
        Selection::InlineFragment(inline) => each_root_field(doc, &inline.node.selection_set.node, depth + 1, visit),
        Selection::FragmentSpread(spread) => doc
            .fragments
            .get(&spread.node.fragment_name.node)
            .is_none_or(|f| each_root_field(doc, &f.node.selection_set.node, depth + 1, visit)),
    })
}

/// Deepest chain of fragments spread inside one another (a document's own nesting is bounded by the parser).
const MAX_FRAGMENT_CHAIN: usize = 64;

struct Counter<'a> {
    doc: &'a ExecutableDocument,
    known: HashMap<&'a Name, usize>,
    /// Fragments being counted now, to catch cycles.
    open: Vec<&'a Name>,
}

impl<'a> Counter<'a> {
    fn set(&mut self, set: &'a SelectionSet) -> Result<usize, TooLarge> {
        let mut total = 0usize;
        for item in &set.items {
            let size = match &item.node {
                Selection::Field(field) => 1usize.saturating_add(self.set(&field.node.selection_set.node)?),
                Selection::InlineFragment(inline) => 1usize.saturating_add(self.set(&inline.node.selection_set.node)?),
                Selection::FragmentSpread(spread) => 1usize.saturating_add(self.fragment(&spread.node.fragment_name)?),
            };
            total = total.saturating_add(size);
        }
        Ok(total)
    }

    fn fragment(&mut self, name: &'a Positioned<Name>) -> Result<usize, TooLarge> {
        self.fragment_named(&name.node)
    }

    fn fragment_named(&mut self, name: &'a Name) -> Result<usize, TooLarge> {
        if let Some(size) = self.known.get(name) {
            return Ok(*size);
        }
        if self.open.contains(&name) {
            return Err(TooLarge::Cycle { fragment: name.to_string() });
        }
        // A chain of fragments each spreading the next would recurse once per link: bound it before the stack.
        if self.open.len() >= MAX_FRAGMENT_CHAIN {
            return Err(TooLarge::Chain { max: MAX_FRAGMENT_CHAIN });
        }
        // An unknown fragment is the validator's to report; it expands to nothing here.
        let Some(fragment) = self.doc.fragments.get(name) else { return Ok(0) };
        self.open.push(name);
        let size = self.set(&fragment.node.selection_set.node);
        self.open.pop();
        let size = size?;
        self.known.insert(name, size);
        Ok(size)
    }
}

#[cfg(test)]
mod tests {
    use async_graphql::parser::parse_query;

    use super::*;

    fn doubling(n: usize) -> String {
        let mut doc = String::from("query { ...F0 }\nfragment F0 on QueryRoot { __typename }\n");
        for i in 1..=n {
            doc.push_str(&format!("fragment F{i} on QueryRoot {{ ...F{p} ...F{p} }}\n", p = i - 1));
        }
        doc.replace("query { ...F0 }", &format!("query {{ ...F{n} }}"))
    }

    #[test]
    fn doubling_fragments_are_refused_without_expanding_them() {
        let doc = parse_query(doubling(60)).expect("parses");
        let started = std::time::Instant::now();
        assert_eq!(check(&doc, 10_000, 1_000), Err(TooLarge::Expands { budget: 10_000 }));
        assert!(started.elapsed() < std::time::Duration::from_secs(1), "counted, not expanded");
    }

    #[test]
    fn small_documents_pass_with_their_size() {
        let doc = parse_query("{ a b { c ...X } ... on Q { d } } fragment X on B { e f }").expect("parses");
        // a, b, c, ...X (1 + e + f), inline (1 + d)
        assert_eq!(check(&doc, 100, 1_000), Ok(8));
        assert_eq!(check(&doc, 7, 1_000), Err(TooLarge::Expands { budget: 7 }));
    }

    #[test]
    fn root_fields_are_capped_through_fragments() {
        let doc = parse_query("{ a b ...X ... on Q { c } } fragment X on Q { d e }").expect("parses");
        assert_eq!(check(&doc, 100, 5), Ok(7), "a, b, d, e, c at the root; seven selections");
        assert_eq!(check(&doc, 100, 4), Err(TooLarge::RootFields { max: 4 }));
    }

    #[test]
    fn long_fragment_chains_are_refused_without_deep_recursion() {
        let mut doc = String::from("{ ...F0 } fragment F5000 on Q { a }\n");
        for i in 0..5000 {
            doc.push_str(&format!("fragment F{i} on Q {{ ...F{} }}\n", i + 1));
        }
        let doc = parse_query(doc).expect("parses");
        assert_eq!(check(&doc, 1_000_000, 1_000), Err(TooLarge::Chain { max: MAX_FRAGMENT_CHAIN }));
    }

    #[test]
    fn cycles_and_unused_fragments_are_seen() {
        let doc = parse_query("{ a } fragment A on Q { ...B } fragment B on Q { ...A }").expect("parses");
        assert!(matches!(check(&doc, 100, 1_000), Err(TooLarge::Cycle { .. })));
        let unused = doubling(40).replace("query { ...F40 }", "{ a }");
        assert!(check(&parse_query(unused).expect("parses"), 10_000, 1_000).is_err(), "an unused bomb is refused too");
    }

    #[test]
    fn repeated_fields_and_nested_inline_fragments_count() {
        let fields = format!("{{ {} }}", "a ".repeat(200));
        assert!(check(&parse_query(fields).expect("parses"), 100, 1_000).is_err());
        let nested = format!("{{ {}a{} }}", "... on Q { ".repeat(50), " }".repeat(50));
        assert_eq!(check(&parse_query(nested).expect("parses"), 100, 1_000), Ok(51));
    }
}
