use async_graphql::{ComplexObject, Context, Result, SimpleObject};

use super::{Date, Language, LocalizedText, State};
use crate::db::entities::{convention, legal_basis, state_party};
use crate::domain::{self, AuthorityFunction, PartyStatus};
use crate::graphql::loaders;
use std::sync::Arc;

/// A United Nations convention or protocol under which authorities are designated.
#[derive(SimpleObject, Debug, Clone)]
#[graphql(complex)]
pub(crate) struct Convention {
    /// `UNTOC`, `TIP_PROTOCOL`, `SOM_PROTOCOL`, `FIREARMS_PROTOCOL`, `DRUGS_1988` or `UNCAC`.
    pub code: String,
    #[graphql(skip)]
    pub title: String,
    /// The short title in English, e.g. "Organized Crime Convention".
    pub short_title: String,
    /// The date the General Assembly or conference adopted the text.
    pub adopted_on: Option<Date>,
    /// The date the text was opened for signature, where the sources give it.
    pub opened_for_signature_on: Option<Date>,
    /// The date the convention entered into force.
    pub entry_into_force_on: Option<Date>,
    /// Where this fact comes from (a citation).
    pub source: Option<String>,
    /// The source's address, where it has one.
    pub source_url: Option<String>,
    /// The date the fact is true as of.
    pub as_of: Option<Date>,
    #[graphql(skip)]
    pub titles: Option<serde_json::Value>,
}

impl Convention {
    fn localized(&self, language: Language) -> LocalizedText {
        super::language::pick(self.titles.as_ref(), language, &self.title)
    }
}

impl From<convention::Model> for Convention {
    fn from(m: convention::Model) -> Self {
        Self {
            code: m.code,
            title: m.title,
            short_title: m.short_title,
            adopted_on: m.adopted_on.map(Date),
            opened_for_signature_on: m.opened_for_signature_on.map(Date),
            entry_into_force_on: m.entry_into_force_on.map(Date),
            titles: m.titles,
            source: m.source,
            source_url: m.source_url,
            as_of: m.as_of.map(Date),
        }
    }
}

#[ComplexObject]
impl Convention {
    /// The official title in a language of the United Nations (the one asked for, else the request's
    /// `Accept-Language`) where a source gave it, else English.
    async fn title(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The language wanted; left out, the request's `Accept-Language`, else English.")]
        language: Option<Language>,
    ) -> String {
        self.localized(Language::chosen(language, ctx)).text
    }

    /// The official title in a language of the United Nations, and which language it is in.
    async fn title_in(&self, #[graphql(desc = "The language wanted.")] language: Language) -> LocalizedText {
        self.localized(language)
    }

    /// The articles under which authorities are designated.
    #[graphql(complexity = "crate::graphql::schema::AUTHORITY_LIST * child_complexity")]
    async fn legal_bases(&self, ctx: &Context<'_>) -> Result<Vec<LegalBasis>> {
        loaders::many(&crate::graphql::loaders(ctx).legal_bases_by_convention, self.code.clone()).await
    }
}

/// An article of a convention under which an authority is designated, and the function it designates for.
#[derive(SimpleObject, Debug, Clone)]
#[graphql(complex)]
pub(crate) struct LegalBasis {
    /// E.g. `UNTOC_18_13`.
    pub code: String,
    /// E.g. `18(13)`.
    pub article: String,
    /// The kind of cooperation an authority designated under this article handles.
    pub function: AuthorityFunction,
    /// What is designated under the article, in English, e.g. "Central authority for mutual legal assistance".
    pub title: String,
    /// The article's words that create the authority (the paragraph, in English), or the article practice lists the
    /// authority under where none creates it; `null` where not read.
    pub text: Option<String>,
    /// Where the words are read (a citation).
    pub source: Option<String>,
    /// The source's address, where it has one.
    pub source_url: Option<String>,
    /// The date the source is true as of.
    pub as_of: Option<Date>,
    #[graphql(skip)]
    pub convention_code: String,
}

impl From<legal_basis::Model> for LegalBasis {
    fn from(m: legal_basis::Model) -> Self {
        Self {
            code: m.code,
            article: m.article,
            function: m.function,
            title: m.title,
            text: m.text,
            source: m.source,
            source_url: m.source_url,
            as_of: m.as_of.map(Date),
            convention_code: m.convention_code,
        }
    }
}

#[ComplexObject]
impl LegalBasis {
    /// The convention or protocol the article belongs to.
    async fn convention(&self, ctx: &Context<'_>) -> Result<Arc<Convention>> {
        loaders::required(loaders::convention(ctx, &self.convention_code).await?, "convention", &self.convention_code)
    }
}

/// A State's status under a convention.
#[derive(SimpleObject, Debug, Clone)]
#[graphql(complex)]
pub(crate) struct StateParty {
    /// `PARTY`; `SIGNATORY` (signed, not a party); `NOT_PARTY` (no action recorded by the depositary).
    pub status: PartyStatus,
    /// The date the instrument of ratification, accession, acceptance, approval or succession was deposited.
    pub since: Option<Date>,
    /// The depositary's kind of action: `RATIFICATION`, `ACCESSION`, `ACCEPTANCE`, `APPROVAL`, `SUCCESSION`,
    /// `FORMAL_CONFIRMATION`; `TERRITORIAL_APPLICATION` for a territory bound through its State's application of the
    /// instrument (the notification is in `declarations`, `since` the day it took effect).
    pub action: Option<String>,
    /// The date the State signed; `null` when it did not sign (e.g. it acceded) or the date is not recorded.
    pub signed_on: Option<Date>,
    /// Where this fact comes from (a citation).
    pub source: Option<String>,
    /// The source's address, where it has one.
    pub source_url: Option<String>,
    /// The date the fact is true as of.
    pub as_of: Option<Date>,

    /// Declarations and notifications, e.g. the languages notified under UNTOC art. 18(14), as free text set
    /// through `setStateParty`; `depositaryDeclarations` lists them one by one as the depositary records them.
    pub declarations: Option<String>,
    /// The declarations, reservations and notifications the State made to the depositary, each with its source:
    /// languages accepted for requests, the convention as legal basis for extradition, the central authority,
    /// reservations. Only those a source was read for; an empty list does not mean none were made.
    pub depositary_declarations: Vec<Declaration>,
    #[graphql(skip)]
    pub state_iso3: String,
    #[graphql(skip)]
    pub convention_code: String,
}

impl From<state_party::Model> for StateParty {
    fn from(m: state_party::Model) -> Self {
        Self {
            status: m.status,
            since: m.since.map(Date),
            action: m.action,
            signed_on: m.signed_on.map(Date),
            source: m.source,
            source_url: m.source_url,
            as_of: m.as_of.map(Date),
            declarations: m.declarations,
            depositary_declarations: domain::Declaration::list(m.depositary_declarations.as_ref())
                .into_iter()
                .map(Into::into)
                .collect(),
            state_iso3: m.state_iso3,
            convention_code: m.convention_code,
        }
    }
}

#[ComplexObject]
impl StateParty {
    /// The State (or organization) whose participation this is.
    async fn state(&self, ctx: &Context<'_>) -> Result<Arc<State>> {
        loaders::required(loaders::state(ctx, &self.state_iso3).await?, "state", &self.state_iso3)
    }

    /// The convention or protocol.
    async fn convention(&self, ctx: &Context<'_>) -> Result<Arc<Convention>> {
        loaders::required(loaders::convention(ctx, &self.convention_code).await?, "convention", &self.convention_code)
    }
}

/// A declaration, reservation or notification a State made to a convention's depositary.
#[derive(SimpleObject, Debug, Clone)]
pub(crate) struct Declaration {
    /// What it says.
    pub kind: domain::DeclarationKind,
    /// The article it is made under, e.g. `18(14)`.
    pub article: Option<String>,
    /// What it says in a line, e.g. the language codes `pl,en` or the authority's name.
    pub summary: String,
    /// Its words as the source gives them.
    pub text: String,
    /// The day it was made or notified, where known.
    pub date: Option<Date>,
    /// Where it is read (a citation).
    pub source: String,
    /// The source's address, where it has one.
    pub source_url: Option<String>,
    /// The date the source is true as of.
    pub as_of: Option<Date>,
}

impl From<domain::Declaration> for Declaration {
    fn from(d: domain::Declaration) -> Self {
        Self {
            kind: d.kind,
            article: d.article,
            summary: d.summary,
            text: d.text,
            date: d.date.map(Date),
            source: d.source,
            source_url: d.source_url,
            as_of: d.as_of.map(Date),
        }
    }
}
