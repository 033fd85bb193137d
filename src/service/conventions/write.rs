//! Changes to conventions and the legal bases under them (administrators). The reference loader never restores
//! what these change.

use chrono::NaiveDate;
use sea_orm::{DatabaseConnection, EntityTrait};

use crate::auth::Viewer;
use crate::db::entities::{convention, legal_basis};
use crate::domain::{AuthorityFunction, checks};
use crate::error::{AppError, Invalid};
use crate::service::audit::{self, Subject};

pub(crate) struct ConventionInput {
    pub code: String,
    pub title: String,
    pub short_title: String,
    pub adopted_on: Option<NaiveDate>,
    pub entry_into_force_on: Option<NaiveDate>,
}

pub(crate) async fn upsert(
    db: &DatabaseConnection,
    viewer: &Viewer,
    input: ConventionInput,
) -> Result<convention::Model, AppError> {
    let actor = viewer.require_admin()?.clone();
    let mut invalid = Invalid::default();
    let code = invalid.check(checks::code("input.code", &input.code))?;
    let title = invalid.check(checks::name("input.title", &input.title))?;
    let short_title = invalid.check(checks::name("input.shortTitle", &input.short_title))?;
    let (code, title, short_title) = invalid.finish_with((code, title, short_title))?;
    let (source, source_url, as_of) = audit::api_source(&actor);
    let mut next = convention::Model {
        code,
        title,
        short_title,
        adopted_on: input.adopted_on,
        entry_into_force_on: input.entry_into_force_on,
        source,
        source_url,
        as_of,
        titles: None,
        opened_for_signature_on: None,
    };
    let txn = crate::db::begin_write(db).await?;
    let current = convention::Entity::find_by_id(next.code.clone()).one(&txn).await?;
    if let Some(c) = &current {
        next.titles.clone_from(&c.titles);
        next.opened_for_signature_on = c.opened_for_signature_on;
    }
    let subject = Subject {
        entity: crate::domain::FeedEntity::Convention,
        id: next.code.clone(),
        state: None,
        network: None,
        authority: None,
    };
    audit::save(&txn, &actor, subject, current, next.clone()).await?;
    txn.commit().await?;
    Ok(next)
}

pub(crate) struct LegalBasisInput {
    pub code: String,
    pub convention: String,
    pub article: String,
    pub function: AuthorityFunction,
    pub title: String,
}

pub(crate) async fn upsert_legal_basis(
    db: &DatabaseConnection,
    viewer: &Viewer,
    input: LegalBasisInput,
) -> Result<legal_basis::Model, AppError> {
    viewer.require_admin()?;
    let mut invalid = Invalid::default();
    let code = invalid.check(checks::code("input.code", &input.code))?;
    let convention = invalid.check(super::require_code(db, "input.convention", &input.convention).await)?;
    let article = invalid.check(checks::name("input.article", &input.article))?;
    let title = invalid.check(checks::name("input.title", &input.title))?;
    let (code, convention_code, article, title) = invalid.finish_with((code, convention, article, title))?;
    let actor = viewer.actor()?;
    let (source, source_url, as_of) = audit::api_source(actor);
    let next = legal_basis::Model {
        code,
        convention_code,
        article,
        function: input.function,
        title,
        text: None,
        source,
        source_url,
        as_of,
    };
    let txn = crate::db::begin_write(db).await?;
    let current = legal_basis::Entity::find_by_id(next.code.clone()).one(&txn).await?;
    let subject = Subject {
        entity: crate::domain::FeedEntity::LegalBasis,
        id: next.code.clone(),
        state: None,
        network: None,
        authority: None,
    };
    audit::save(&txn, actor, subject, current, next.clone()).await?;
    txn.commit().await?;
    Ok(next)
}
