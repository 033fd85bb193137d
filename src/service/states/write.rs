//! Changes to States and other parties (administrators). The reference loader never restores what these change.

use sea_orm::{DatabaseConnection, EntityTrait};

use crate::auth::Viewer;
use crate::db::entities::state;
use crate::domain::{Iso3, StateStatus, checks};
use crate::error::{AppError, Invalid};
use crate::service::audit::{self, Subject};

pub(crate) struct StateInput {
    pub iso3: String,
    pub iso2: Option<String>,
    pub m49: Option<String>,
    pub name: String,
    pub region: Option<String>,
    pub subregion: Option<String>,
    pub status: StateStatus,
    pub parent: Option<String>,
}

pub(crate) async fn upsert(
    db: &DatabaseConnection,
    viewer: &Viewer,
    input: StateInput,
) -> Result<state::Model, AppError> {
    let actor = viewer.require_admin()?.clone();
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
        Some(p) => invalid.check(super::require_code(db, "input.parent", p).await)?,
        None => None,
    };
    let (iso3, name) = invalid.finish_with((iso3, name))?;
    let (source, source_url, as_of) = audit::api_source(&actor);
    let mut next = state::Model {
        iso3: iso3.to_string(),
        search_text: state::search_text(&name, iso3.as_str(), iso2.as_deref()),
        iso2,
        m49: input.m49,
        name,
        region,
        subregion,
        status: input.status,
        parent_iso3: parent,
        source,
        source_url,
        as_of,
        intermediate_region: None,
        names: None,
        note: None,
    };
    let txn = crate::db::begin_write(db).await?;
    let current = state::Entity::find_by_id(next.iso3.clone()).one(&txn).await?;
    // What this input cannot set stays as it was: the M49 intermediate region, the names in other languages
    // (all but English follow the English name only by a new release), the note.
    if let Some(c) = &current {
        next.intermediate_region.clone_from(&c.intermediate_region);
        next.names.clone_from(&c.names);
        next.note.clone_from(&c.note);
    }
    let subject = Subject {
        entity: crate::domain::FeedEntity::State,
        id: next.iso3.clone(),
        state: Some(next.iso3.clone()),
        network: None,
        authority: None,
    };
    audit::save(&txn, &actor, subject, current, next.clone()).await?;
    txn.commit().await?;
    Ok(next)
}
