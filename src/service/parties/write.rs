//! Changes to a State's participation in a convention.

use chrono::NaiveDate;
use sea_orm::{DatabaseConnection, EntityTrait};

use crate::auth::Viewer;
use crate::db::entities::state_party;
use crate::domain::{PartyStatus, checks};
use crate::error::{AppError, Invalid};
use crate::service::audit::{self, Subject};
use crate::service::{conventions, states};

pub(crate) async fn set(
    db: &DatabaseConnection,
    viewer: &Viewer,
    state_raw: &str,
    convention_raw: &str,
    status: PartyStatus,
    since: Option<NaiveDate>,
    declarations: Option<&str>,
) -> Result<state_party::Model, AppError> {
    // Participation is the depositary's record, not a State's declaration: administrators only.
    let actor = viewer.require_admin()?.clone();
    let mut invalid = Invalid::default();
    let state = invalid.check(states::require_code(db, "state", state_raw).await)?;
    let convention = invalid.check(conventions::require_code(db, "convention", convention_raw).await)?;
    let declarations = match declarations {
        Some(raw) => invalid.check(checks::free_text("declarations", raw))?.flatten(),
        None => None,
    };
    let (state_iso3, convention_code) = invalid.finish_with((state, convention))?;
    let (source, source_url, as_of) = audit::api_source(&actor);
    let mut next = state_party::Model {
        state_iso3,
        convention_code,
        status,
        since,
        declarations,
        source,
        source_url,
        as_of,
        action: None,
        signed_on: None,
        depositary_declarations: None,
    };
    let txn = crate::db::begin_write(db).await?;
    let current =
        state_party::Entity::find_by_id((next.state_iso3.clone(), next.convention_code.clone())).one(&txn).await?;
    // What the State declared to the depositary is the depositary's record, which setting the status leaves.
    next.depositary_declarations = current.as_ref().and_then(|c| c.depositary_declarations.clone());
    let subject = Subject {
        entity: crate::domain::FeedEntity::StateParty,
        id: format!("{}/{}", next.state_iso3, next.convention_code),
        state: Some(next.state_iso3.clone()),
        network: None,
        authority: None,
    };
    audit::save(&txn, &actor, subject, current, next.clone()).await?;
    txn.commit().await?;
    Ok(next)
}
