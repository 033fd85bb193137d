//! Strings a request carries, in its variables and in the document's argument literals, checked once before
//! anything runs: none may hold a NUL character (PostgreSQL refuses it in text; SQLite cuts a pattern at it), and
//! none may be longer than `MAX_STRING_CHARS`. Each check of a field (`domain::checks`) then applies its own
//! tighter rules; this is the floor for every argument, so that no input becomes an internal error.

use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{Value, Variables};

use crate::error::{AppError, FieldError};

/// Longest string any argument may carry; free text fields have lower limits of their own.
pub(crate) const MAX_STRING_CHARS: usize = 10_000;

/// `BAD_USER_INPUT` naming every argument or variable (by path) whose string is refused.
pub(crate) fn check(doc: &ExecutableDocument, variables: &Variables) -> Result<(), AppError> {
    let mut bad = Vec::new();
    for (name, value) in variables.iter() {
        walk(name, value, &mut bad);
    }
    for op in super::expansion::operations(doc) {
        // A variable's default value reaches the resolvers when the request leaves the variable out.
        for definition in &op.variable_definitions {
            if let Some(default) = &definition.node.default_value {
                walk(&definition.node.name.node, &default.node, &mut bad);
            }
        }
        selections(&op.selection_set.node, &mut bad);
    }
    for fragment in doc.fragments.values() {
        selections(&fragment.node.selection_set.node, &mut bad);
    }
    if bad.is_empty() {
        return Ok(());
    }
    bad.truncate(20);
    let message = bad.iter().map(|f| format!("{}: {}", f.field, f.message)).collect::<Vec<_>>().join("; ");
    Err(AppError::BadUserInput { message, fields: bad })
}

fn selections(set: &SelectionSet, bad: &mut Vec<FieldError>) {
    for item in &set.items {
        match &item.node {
            Selection::Field(field) => {
                // Variables in an argument were checked above, with the request's variables.
                for (name, value) in &field.node.arguments {
                    let literal = value.node.clone().into_const_with(|_| Ok::<_, ()>(Value::Null));
                    if let Ok(literal) = literal {
                        walk(&name.node, &literal, bad);
                    }
                }
                selections(&field.node.selection_set.node, bad);
            }
            Selection::InlineFragment(inline) => selections(&inline.node.selection_set.node, bad),
            Selection::FragmentSpread(_) => {}
        }
    }
}

fn walk(path: &str, value: &Value, bad: &mut Vec<FieldError>) {
    match value {
        Value::String(s) => string(path, s, bad),
        Value::List(items) => items.iter().for_each(|v| walk(path, v, bad)),
        Value::Object(fields) => fields.iter().for_each(|(k, v)| match (k.as_str(), v) {
            // A file's text (`importEntries`): as long as the body allows; its own reader refuses NUL.
            ("content", Value::String(_)) => {}
            _ => walk(&format!("{path}.{k}"), v, bad),
        }),
        _ => {}
    }
}

fn string(path: &str, s: &str, bad: &mut Vec<FieldError>) {
    let message = if s.contains('\0') {
        "must not contain a NUL character".to_owned()
    } else if s.chars().count() > MAX_STRING_CHARS {
        format!("must be at most {MAX_STRING_CHARS} characters")
    } else {
        return;
    };
    bad.push(FieldError { field: path.to_owned(), message, problem: None });
}

#[cfg(test)]
mod tests {
    use async_graphql::parser::parse_query;

    use super::*;

    #[test]
    fn nul_and_long_strings_are_named() {
        let doc = parse_query(r#"{ a(search: "x\u0000y") b(name: $n) }"#).expect("parses");
        let vars = Variables::from_json(serde_json::json!({ "n": "z".repeat(MAX_STRING_CHARS + 1) }));
        let Err(AppError::BadUserInput { fields, .. }) = check(&doc, &vars) else { panic!("refused") };
        let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(names, ["n", "search"]);
        let defaulted = parse_query(r#"query($s: String = "a\u0000b") { a(search: $s) }"#).expect("parses");
        assert!(check(&defaulted, &Variables::default()).is_err(), "a default value is checked too");
        let fine = parse_query(r#"{ a(search: "ministry") }"#).expect("parses");
        assert!(check(&fine, &Variables::default()).is_ok());
    }
}
