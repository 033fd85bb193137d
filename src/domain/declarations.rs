//! What a State declared to a convention's depositary: the languages it accepts requests in, whether it takes the
//! convention as its legal basis for extradition, the central authority it notified, the provisions it reserved.
//! Reference data, kept as a list on the State's participation (`state_parties.depositary_declarations`).

use async_graphql::Enum;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::AuthorityFunction;

/// What a declaration to the depositary says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DeclarationKind {
    /// The languages acceptable for requests (UNTOC art. 18(14), UNCAC art. 46(14), 1988 Convention art. 7(9)).
    Languages,
    /// Whether the State takes the convention as the legal basis for extradition (UNTOC art. 16(5), UNCAC art.
    /// 44(6)).
    ExtraditionLegalBasis,
    /// The central authority notified for mutual legal assistance (UNTOC art. 18(13), UNCAC art. 46(13), 1988
    /// Convention art. 7(8)).
    CentralAuthority,
    /// Another authority designated under an article (e.g. Smuggling of Migrants Protocol art. 8(6)).
    DesignatedAuthority,
    /// A provision the State does not consider itself bound by, or applies only on a condition.
    Reservation,
    /// Anything else the State declared (e.g. a statement of non-recognition).
    Other,
}

/// One declaration, reservation or notification, with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Declaration {
    pub kind: DeclarationKind,
    /// The article it is made under, e.g. `18(14)`.
    pub article: Option<String>,
    /// What it says, in a line (e.g. the language codes `pl,en`).
    pub summary: String,
    /// Its words as the source gives them.
    pub text: String,
    /// The day it was made or notified, where known.
    pub date: Option<NaiveDate>,
    pub source: String,
    pub source_url: Option<String>,
    pub as_of: Option<NaiveDate>,
}

impl Declaration {
    /// The list kept on a participation; an unreadable one reads as none (it is written only by the loader).
    pub fn list(stored: Option<&serde_json::Value>) -> Vec<Self> {
        stored.and_then(|v| serde_json::from_value(v.clone()).ok()).unwrap_or_default()
    }

    /// Whether it bears on a request for `function` under `convention`: the languages and the central authority
    /// on mutual legal assistance, the legal basis on extradition, an authority designated under the article of
    /// its function, and a reservation to an article the request relies on.
    pub fn bears_on(&self, convention: &str, function: AuthorityFunction) -> bool {
        use AuthorityFunction::{Extradition, MutualLegalAssistance};
        let article = self.article.as_deref().unwrap_or_default();
        let number = article.split(['(', ' ']).next().unwrap_or_default();
        match self.kind {
            DeclarationKind::Languages | DeclarationKind::CentralAuthority => function == MutualLegalAssistance,
            DeclarationKind::ExtraditionLegalBasis => function == Extradition,
            DeclarationKind::DesignatedAuthority => designates(convention, number) == Some(function),
            DeclarationKind::Reservation => relied_on(convention, function).contains(&number),
            DeclarationKind::Other => false,
        }
    }
}

/// The function of the authority an article has a State designate, beside the central authority.
fn designates(convention: &str, article: &str) -> Option<AuthorityFunction> {
    match (convention, article) {
        ("SOM_PROTOCOL", "8") => Some(AuthorityFunction::MigrantSmugglingBySea),
        ("FIREARMS_PROTOCOL", "13") => Some(AuthorityFunction::Firearms),
        ("UNCAC", "6") => Some(AuthorityFunction::CorruptionPrevention),
        ("UNTOC", "31") => Some(AuthorityFunction::CrimePrevention),
        _ => None,
    }
}

/// The articles a request for `function` under `convention` relies on.
fn relied_on(convention: &str, function: AuthorityFunction) -> &'static [&'static str] {
    match (convention, function) {
        ("UNTOC", AuthorityFunction::MutualLegalAssistance) => &["18"],
        ("UNTOC", AuthorityFunction::Extradition) => &["16"],
        ("UNCAC", AuthorityFunction::MutualLegalAssistance) => &["46"],
        ("UNCAC", AuthorityFunction::Extradition) => &["44"],
        ("DRUGS_1988", AuthorityFunction::MutualLegalAssistance) => &["7"],
        ("DRUGS_1988", AuthorityFunction::Extradition) => &["6"],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn made(kind: DeclarationKind, article: &str) -> Declaration {
        Declaration {
            kind,
            article: Some(article.into()),
            summary: String::new(),
            text: String::new(),
            date: None,
            source: String::new(),
            source_url: None,
            as_of: None,
        }
    }

    #[test]
    fn only_what_the_request_relies_on_bears_on_it() {
        let mla = AuthorityFunction::MutualLegalAssistance;
        let extradition = AuthorityFunction::Extradition;
        assert!(made(DeclarationKind::Languages, "18(14)").bears_on("UNTOC", mla));
        assert!(!made(DeclarationKind::Languages, "18(14)").bears_on("UNTOC", extradition));
        assert!(made(DeclarationKind::ExtraditionLegalBasis, "16(5)(a)").bears_on("UNTOC", extradition));
        assert!(made(DeclarationKind::Reservation, "16(5)").bears_on("UNTOC", extradition));
        assert!(!made(DeclarationKind::Reservation, "35(2)").bears_on("UNTOC", extradition), "dispute settlement");
        assert!(made(DeclarationKind::Reservation, "46(9)(b)").bears_on("UNCAC", mla));
        assert!(!made(DeclarationKind::Other, "").bears_on("UNCAC", mla));
        let prevention = made(DeclarationKind::DesignatedAuthority, "6(3)");
        assert!(
            prevention.bears_on("UNCAC", AuthorityFunction::CorruptionPrevention) && !prevention.bears_on("UNCAC", mla)
        );
    }
}
