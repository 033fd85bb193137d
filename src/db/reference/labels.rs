//! The labels of enumeration values (`data/labels.json`): the term an official text of the United Nations uses
//! for a function, a channel or a status, in the languages a source gives it, each with that source. They are part
//! of the release rather than rows of the database: nobody edits them through the API, and a new release brings
//! its labels with its binary.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

const LABELS: &str = include_str!("../../../data/labels.json");

/// A value's term in one language, and where it is written.
#[derive(Debug, Deserialize)]
pub(crate) struct Label {
    pub(crate) label: String,
    pub(crate) source: String,
    #[serde(default)]
    pub(crate) source_url: Option<String>,
}

/// Enumeration name (`AuthorityFunction`) → value (`EXTRADITION`) → language (`fr`) → label.
pub(crate) type Labels = HashMap<String, HashMap<String, HashMap<String, Label>>>;

#[derive(Deserialize)]
struct LabelsFile {
    enums: Labels,
}

static SHIPPED: LazyLock<Labels> = LazyLock::new(|| {
    // The file is part of the binary and a unit test parses it, so a failure here is a packaging bug.
    serde_json::from_str::<LabelsFile>(LABELS).map(|f| f.enums).expect("data/labels.json parses")
});

/// The shipped labels.
pub(crate) fn labels() -> &'static Labels {
    &SHIPPED
}

/// The label of `value` of `enumeration` in `language` (`fr`), if a source gives one.
pub(crate) fn label(enumeration: &str, value: &str, language: &str) -> Option<&'static Label> {
    labels().get(enumeration)?.get(value)?.get(language)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_shipped_labels_parse_and_name_their_sources() {
        let labels = super::labels();
        assert!(super::label("AuthorityFunction", "EXTRADITION", "en").is_some());
        for (enumeration, values) in labels {
            for (value, languages) in values {
                for (language, label) in languages {
                    assert!(
                        !label.label.trim().is_empty() && !label.source.trim().is_empty(),
                        "{enumeration}.{value}.{language}: a label and its source"
                    );
                }
            }
        }
    }
}
