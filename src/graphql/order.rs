//! Answers in the order the query asked for them. The engine resolves an object's fields concurrently and keeps
//! them in the order they finish, so a field that waits on the database lands after one that does not; GraphQL
//! wants the order of the selection set (CollectFields: first occurrence, fragments expanded in place). This
//! puts every object of `data` back in that order.

use async_graphql::parser::types::{DocumentOperations, ExecutableDocument, Selection, SelectionSet};
use async_graphql::{Name, Value};

/// The response keys of `sets` in document order, each with the selection sets below it.
fn collect<'a>(
    doc: &'a ExecutableDocument,
    sets: &[&'a SelectionSet],
    depth: usize,
) -> Vec<(Name, Vec<&'a SelectionSet>)> {
    let mut out: Vec<(Name, Vec<&'a SelectionSet>)> = Vec::new();
    for set in sets {
        add(doc, set, &mut out, depth);
    }
    out
}

fn add<'a>(
    doc: &'a ExecutableDocument,
    set: &'a SelectionSet,
    out: &mut Vec<(Name, Vec<&'a SelectionSet>)>,
    depth: usize,
) {
    // Validation refuses fragment cycles; the bound only keeps a malformed document from recursing without end.
    if depth > 64 {
        return;
    }
    for item in &set.items {
        match &item.node {
            Selection::Field(field) => {
                let field = &field.node;
                let key = field.alias.as_ref().map_or(&field.name.node, |a| &a.node).clone();
                let below = &field.selection_set.node;
                match out.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, sets)) => sets.push(below),
                    None => out.push((key, vec![below])),
                }
            }
            Selection::InlineFragment(inline) => add(doc, &inline.node.selection_set.node, out, depth + 1),
            Selection::FragmentSpread(spread) => {
                if let Some(fragment) = doc.fragments.get(&spread.node.fragment_name.node) {
                    add(doc, &fragment.node.selection_set.node, out, depth + 1);
                }
            }
        }
    }
}

/// The order of one object's fields, and of the objects below each: worked out once per selection, not once per
/// object of the answer (a list of fifty authorities shares one).
struct Plan {
    keys: Vec<(Name, Plan)>,
}

impl Plan {
    fn of(doc: &ExecutableDocument, sets: &[&SelectionSet], depth: usize) -> Self {
        let keys = collect(doc, sets, depth)
            .into_iter()
            .map(|(key, below)| {
                let plan = if below.iter().all(|set| set.items.is_empty()) {
                    Plan { keys: Vec::new() }
                } else {
                    Plan::of(doc, &below, depth + 1)
                };
                (key, plan)
            })
            .collect();
        Self { keys }
    }

    fn apply(&self, value: &mut Value) {
        match value {
            Value::Object(fields) => {
                let in_order = fields.len() == self.keys.len()
                    && fields.keys().zip(&self.keys).all(|(have, (want, _))| have == want);
                if !in_order {
                    let mut rest = std::mem::take(fields);
                    for (key, _) in &self.keys {
                        if let Some(v) = rest.swap_remove(key) {
                            fields.insert(key.clone(), v);
                        }
                    }
                    fields.extend(rest);
                }
                for (key, plan) in &self.keys {
                    if !plan.keys.is_empty()
                        && let Some(v) = fields.get_mut(key)
                    {
                        plan.apply(v);
                    }
                }
            }
            Value::List(items) => items.iter_mut().for_each(|v| self.apply(v)),
            _ => {}
        }
    }
}

/// Puts `data` in the order of the operation named `operation` (or the document's only one).
pub(crate) fn in_document_order(doc: &ExecutableDocument, operation: Option<&str>, data: &mut Value) {
    let op = match (&doc.operations, operation) {
        (DocumentOperations::Single(op), _) => op,
        (DocumentOperations::Multiple(ops), Some(name)) => match ops.iter().find(|(n, _)| n.as_str() == name) {
            Some((_, op)) => op,
            None => return,
        },
        (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => match ops.values().next() {
            Some(op) => op,
            None => return,
        },
        _ => return,
    };
    Plan::of(doc, &[&op.node.selection_set.node], 0).apply(data);
}

#[cfg(test)]
mod tests {
    use async_graphql::parser::parse_query;

    use super::*;

    #[test]
    fn objects_follow_the_selection_set() {
        let doc = parse_query("{ b a { y x } ...F } fragment F on Query { c a { z } }").expect("parses");
        let mut data = Value::from_json(serde_json::json!({
            "c": 3, "a": { "z": 1, "x": 2, "y": 3 }, "b": [ 1 ]
        }))
        .expect("a value");
        in_document_order(&doc, None, &mut data);
        let keys = |v: &Value| match v {
            Value::Object(m) => m.keys().map(|k| k.as_str().to_owned()).collect::<Vec<_>>(),
            _ => Vec::new(),
        };
        assert_eq!(keys(&data), ["b", "a", "c"]);
        let Value::Object(top) = &data else { panic!("an object") };
        assert_eq!(keys(&top["a"]), ["y", "x", "z"], "a fragment's fields after the field's own");
    }
}
