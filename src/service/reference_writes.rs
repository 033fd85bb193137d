//! Changes to reference data: States, conventions and legal bases (administrators), and a State's treaty status
//! (its focal point or an administrator). The reference loader never restores what these change.

use chrono::NaiveDate;
use sea_orm::{DatabaseConnection, EntityTrait, TransactionTrait};

use super::audit::{self, Subject};
use crate::auth::Viewer;
use crate::db::entities::{convention, legal_basis, state, state_party};
use crate::domain::{AuthorityFunction, Iso3, PartyStatus, StateStatus, checks, fold};
use crate::error::{AppError, Invalid};

pub struct StateInput {
    pub iso3: String,
    pub iso2: Option<String>,
    pub m49: Option<String>,
    pub name: String,
    pub region: Option<String>,
    pub subregion: Option<String>,
    pub status: StateStatus,
    pub parent: Option<String>,
}

pub async fn upsert_state(
    db: &DatabaseConnection,
    viewer: &Viewer,
    input: StateInput,
) -> Result<state::Model, AppError> {
    viewer.require_admin()?;
    let mut invalid = Invalid::default();
    let iso3 = invalid.check(Iso3::parse("input.iso3", &input.iso3))?;
    let iso2 = input.iso2.map(|c| c.trim().to_ascii_uppercase());
    if iso2.as_ref().is_some_and(|c| c.len() != 2 || !c.bytes().all(|b| b.is_ascii_uppercase())) {
        invalid.check::<()>(Err(AppError::invalid("input.iso2", "must be two letters")))?;
    }
    if input.m49.as_ref().is_some_and(|c| c.len() != 3 || !c.bytes().all(|b| b.is_ascii_digit())) {
        invalid.check::<()>(Err(AppError::invalid("input.m49", "must be three digits")))?;
    }
    let name = invalid.check(checks::name("input.name", &input.name))?;
    let region = match &input.region {
        Some(r) => invalid.check(checks::short("input.region", r))?.flatten(),
        None => None,
    };
    let subregion = match &input.subregion {
        Some(r) => invalid.check(checks::short("input.subregion", r))?.flatten(),
        None => None,
    };
    let parent = match &input.parent {
        Some(p) => invalid.check(super::states::require_code(db, "input.parent", p).await)?,
        None => None,
    };
    invalid.finish()?;
    let (Some(iso3), Some(name)) = (iso3, name) else { return Err(AppError::Internal("checked but absent".into())) };
    let next = state::Model {
        iso3: iso3.to_string(),
        search_text: fold(&format!("{name} {iso3} {}", iso2.as_deref().unwrap_or(""))),
        iso2,
        m49: input.m49,
        name,
        region,
        subregion,
        status: input.status,
        parent_iso3: parent,
    };
    let txn = db.begin().await?;
    let current = state::Entity::find_by_id(next.iso3.clone()).one(&txn).await?;
    let subject = Subject { entity: "state", id: next.iso3.clone(), state: Some(next.iso3.clone()), network: None };
    audit::save(&txn, viewer.actor()?, subject, current, next.clone()).await?;
    txn.commit().await?;
    Ok(next)
}

pub struct ConventionInput {
    pub code: String,
    pub title: String,
    pub short_title: String,
    pub adopted_on: Option<NaiveDate>,
    pub entry_into_force_on: Option<NaiveDate>,
}

pub async fn upsert_convention(
    db: &DatabaseConnection,
    viewer: &Viewer,
    input: ConventionInput,
) -> Result<convention::Model, AppError> {
    viewer.require_admin()?;
    let mut invalid = Invalid::default();
    let code = invalid.check(checks::code("input.code", &input.code))?;
    let title = invalid.check(checks::name("input.title", &input.title))?;
    let short_title = invalid.check(checks::name("input.shortTitle", &input.short_title))?;
    invalid.finish()?;
    let (Some(code), Some(title), Some(short_title)) = (code, title, short_title) else {
        return Err(AppError::Internal("checked but absent".into()));
    };
    let next = convention::Model {
        code,
        title,
        short_title,
        adopted_on: input.adopted_on,
        entry_into_force_on: input.entry_into_force_on,
    };
    let txn = db.begin().await?;
    let current = convention::Entity::find_by_id(next.code.clone()).one(&txn).await?;
    let subject = Subject { entity: "convention", id: next.code.clone(), state: None, network: None };
    audit::save(&txn, viewer.actor()?, subject, current, next.clone()).await?;
    txn.commit().await?;
    Ok(next)
}

pub struct LegalBasisInput {
    pub code: String,
    pub convention: String,
    pub article: String,
    pub function: AuthorityFunction,
    pub title: String,
}

pub async fn upsert_legal_basis(
    db: &DatabaseConnection,
    viewer: &Viewer,
    input: LegalBasisInput,
) -> Result<legal_basis::Model, AppError> {
    viewer.require_admin()?;
    let mut invalid = Invalid::default();
    let code = invalid.check(checks::code("input.code", &input.code))?;
    let convention =
        invalid.check(super::conventions::require_code(db, "input.convention", &input.convention).await)?;
    let article = invalid.check(checks::name("input.article", &input.article))?;
    let title = invalid.check(checks::name("input.title", &input.title))?;
    invalid.finish()?;
    let (Some(code), Some(convention_code), Some(article), Some(title)) = (code, convention, article, title) else {
        return Err(AppError::Internal("checked but absent".into()));
    };
    let next = legal_basis::Model { code, convention_code, article, function: input.function, title };
    let txn = db.begin().await?;
    let current = legal_basis::Entity::find_by_id(next.code.clone()).one(&txn).await?;
    let subject = Subject { entity: "legal_basis", id: next.code.clone(), state: None, network: None };
    audit::save(&txn, viewer.actor()?, subject, current, next.clone()).await?;
    txn.commit().await?;
    Ok(next)
}

pub async fn set_state_party(
    db: &DatabaseConnection,
    viewer: &Viewer,
    state_raw: &str,
    convention_raw: &str,
    status: PartyStatus,
    since: Option<NaiveDate>,
    declarations: Option<&str>,
) -> Result<state_party::Model, AppError> {
    viewer.actor()?;
    let mut invalid = Invalid::default();
    let state = invalid.check(super::states::require_code(db, "state", state_raw).await)?;
    if let Some(s) = &state {
        viewer.require_state(s)?;
    }
    let convention = invalid.check(super::conventions::require_code(db, "convention", convention_raw).await)?;
    let declarations = match declarations {
        Some(raw) => invalid.check(checks::free_text("declarations", raw))?.flatten(),
        None => None,
    };
    invalid.finish()?;
    let (Some(state_iso3), Some(convention_code)) = (state, convention) else {
        return Err(AppError::Internal("checked but absent".into()));
    };
    let next = state_party::Model { state_iso3, convention_code, status, since, declarations };
    let txn = db.begin().await?;
    let current =
        state_party::Entity::find_by_id((next.state_iso3.clone(), next.convention_code.clone())).one(&txn).await?;
    let subject = Subject {
        entity: "state_party",
        id: format!("{}/{}", next.state_iso3, next.convention_code),
        state: Some(next.state_iso3.clone()),
        network: None,
    };
    audit::save(&txn, viewer.actor()?, subject, current, next.clone()).await?;
    txn.commit().await?;
    Ok(next)
}
