//! Changes to networks: memberships and contact points (the network's secretariat or an administrator), the
//! network entry itself (its secretariat may change the description only) and links between networks.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::ExprTrait;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter, Set,
};
use uuid::Uuid;

use crate::auth::viewer::Actor;
use crate::auth::{Role, Viewer};
use crate::db::entities::{authority, network, network_contact_point, network_link, network_membership};
use crate::domain::{ChangeAction, ContactPointRole, MembershipStatus, NetworkKind, NetworkLinkKind, checks};
use crate::error::{AppError, Invalid, OnUnique, Problem};
use crate::service::audit::{self, Subject};
use crate::service::authorities::find_live;
use crate::service::states;

fn subject(entity: crate::domain::FeedEntity, id: String, state: Option<String>, network: &str) -> Subject {
    Subject { entity, id, state, network: Some(network.to_owned()), authority: None }
}

/// A contact point's subject: its network, its authority's State, and the authority (for that one's history).
fn point_subject(p: &network_contact_point::Model, state: Option<String>) -> Subject {
    Subject {
        authority: Some(p.authority_id),
        ..subject(crate::domain::FeedEntity::NetworkContactPoint, p.id.to_string(), state, &p.network_code)
    }
}

/// Adds a State to a network or changes how it takes part; the same membership twice is `CONFLICT`.
pub(crate) async fn set_membership(
    db: &DatabaseConnection,
    viewer: &Viewer,
    network_raw: &str,
    state_raw: &str,
    status: MembershipStatus,
    since: Option<NaiveDate>,
) -> Result<network_membership::Model, AppError> {
    let actor = viewer.actor()?.clone();
    let mut invalid = Invalid::default();
    let network = invalid.check(super::require_code(db, "network", network_raw).await)?;
    let state = invalid.check(states::require_code(db, "state", state_raw).await)?;
    if let Some(n) = &network {
        viewer.require_network(n)?;
    }
    let (network, state) = invalid.finish_with((network, state))?;
    let txn = crate::db::begin_write(db).await?;
    let current = network_membership::Entity::find_by_id((network.clone(), state.clone())).one(&txn).await?;
    let duplicate =
        || AppError::taken("state", Problem::AlreadyMember { state: state.clone(), network: network.clone() });
    if current.as_ref().is_some_and(|c| c.status == status && c.since == since) {
        return Err(duplicate());
    }
    let note = current.as_ref().and_then(|c| c.note.clone());
    let next = put_membership_in(&txn, &actor, current, (&network, &state), status, since, note).await?;
    txn.commit().await?;
    // The status or start differs, so the membership was written.
    next.ok_or_else(duplicate)
}

/// `false` when the State was not a member: nothing to remove, nothing written.
pub(crate) async fn remove_membership(
    db: &DatabaseConnection,
    viewer: &Viewer,
    network_raw: &str,
    state_raw: &str,
) -> Result<bool, AppError> {
    let actor = viewer.actor()?.clone();
    let network = super::require_code(db, "network", network_raw).await?;
    viewer.require_network(&network)?;
    let state = states::require_code(db, "state", state_raw).await?;
    let txn = crate::db::begin_write(db).await?;
    let Some(current) = network_membership::Entity::find_by_id((network.clone(), state.clone())).one(&txn).await?
    else {
        return Ok(false);
    };
    network_membership::Entity::delete_by_id((network.clone(), state.clone())).exec(&txn).await?;
    let id = format!("{network}/{state}");
    let s = subject(crate::domain::FeedEntity::NetworkMembership, id, Some(state), &network);
    audit::record(&txn, &actor, s, ChangeAction::Delete, Some(audit::snapshot(&current)), None).await?;
    txn.commit().await?;
    Ok(true)
}

pub(crate) async fn add_contact_point(
    db: &DatabaseConnection,
    viewer: &Viewer,
    network_raw: &str,
    authority_id: Uuid,
    role: ContactPointRole,
    label: Option<&str>,
) -> Result<network_contact_point::Model, AppError> {
    let actor = viewer.actor()?.clone();
    let network = super::require_code(db, "network", network_raw).await?;
    viewer.require_network(&network)?;
    let label = match label {
        Some(raw) => checks::short("label", raw)?,
        None => None,
    };
    let txn = crate::db::begin_write(db).await?;
    let authority = find_live(&txn, authority_id).await?;
    let row = add_contact_point_in(&txn, &actor, &network, &authority, role, label).await?;
    txn.commit().await?;
    Ok(row)
}

/// How a State is to take part: its status, since when, and a note (`None`: the note is kept).
pub(crate) struct MembershipChange<'a> {
    pub(crate) status: MembershipStatus,
    pub(crate) since: Option<NaiveDate>,
    pub(crate) note: Option<&'a str>,
}

/// Changes a membership the caller read at `expected_version` (status, start, and the note unless `None`):
/// `CONFLICT` when someone changed it since, never a silent overwrite; the membership as it is now.
pub(crate) async fn update_membership(
    db: &DatabaseConnection,
    viewer: &Viewer,
    network_raw: &str,
    state_raw: &str,
    expected_version: i32,
    change: MembershipChange<'_>,
) -> Result<network_membership::Model, AppError> {
    let MembershipChange { status, since, note } = change;
    let actor = viewer.actor()?.clone();
    let network = super::require_code(db, "network", network_raw).await?;
    viewer.require_network(&network)?;
    let state = states::require_code(db, "state", state_raw).await?;
    let note = note.map(|raw| checks::free_text("note", raw)).transpose()?;
    let txn = crate::db::begin_write(db).await?;
    let current = network_membership::Entity::find_by_id((network.clone(), state.clone()))
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("{state} is not in {network}")))?;
    if current.version != expected_version {
        return Err(AppError::stale("membership", current.version));
    }
    let note = note.unwrap_or_else(|| current.note.clone());
    let next = put_membership_in(&txn, &actor, Some(current.clone()), (&network, &state), status, since, note).await?;
    txn.commit().await?;
    Ok(next.unwrap_or(current))
}

/// Gives a contact point the caller read at `expected_version` another role or label: `CONFLICT` when someone
/// changed it since; the contact point as it is now.
pub(crate) async fn update_contact_point(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    expected_version: i32,
    role: ContactPointRole,
    label: Option<&str>,
) -> Result<network_contact_point::Model, AppError> {
    let actor = viewer.actor()?.clone();
    let label = match label {
        Some(raw) => checks::short("label", raw)?,
        None => None,
    };
    let txn = crate::db::begin_write(db).await?;
    let current = network_contact_point::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no network contact point has the id {id}")))?;
    viewer.require_network(&current.network_code)?;
    if current.version != expected_version {
        return Err(AppError::stale("contact point", current.version));
    }
    let state = find_live(&txn, current.authority_id).await?.state_iso3;
    let next = update_contact_point_in(&txn, &actor, current.clone(), &state, role, label).await?;
    txn.commit().await?;
    Ok(next.unwrap_or(current))
}

/// Adds a contact point for a live `authority` in the caller's transaction, once its State is a member and the
/// authority does not already have the role.
pub(crate) async fn add_contact_point_in(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    network: &str,
    authority: &authority::Model,
    role: ContactPointRole,
    label: Option<String>,
) -> Result<network_contact_point::Model, AppError> {
    let authority_id = authority.id;
    // A network's contact points belong to its member States (in any status).
    let member =
        network_membership::Entity::find_by_id((network.to_owned(), authority.state_iso3.clone())).one(txn).await?;
    if member.is_none() {
        let (state, network) = (authority.state_iso3.clone(), network.to_owned());
        return Err(AppError::problem("authorityId", Problem::NotAMember { state, network }));
    }
    let exists = network_contact_point::Entity::find()
        .filter(network_contact_point::Column::NetworkCode.eq(network))
        .filter(network_contact_point::Column::AuthorityId.eq(authority_id))
        .filter(network_contact_point::Column::Role.eq(role))
        .one(txn)
        .await?;
    if exists.is_some() {
        return Err(AppError::taken("role", Problem::RoleTaken { network: network.to_owned() }));
    }
    let row = network_contact_point::Model {
        id: Uuid::new_v4(),
        network_code: network.to_owned(),
        authority_id,
        role,
        label,
        created_at: crate::domain::now(),
        version: 1,
        last_confirmed_at: Some(crate::domain::now()),
    }
    .into_active_model()
    .insert(txn)
    .await
    .on_unique("role", || format!("the authority already has this role in {network}"))?;
    let s = point_subject(&row, Some(authority.state_iso3.clone()));
    audit::record(txn, actor, s, ChangeAction::Create, None, Some(audit::snapshot(&row))).await?;
    Ok(row)
}

/// Gives a contact point (whose version the caller has checked) another role or label, in the caller's
/// transaction; `None` when that changes nothing.
pub(crate) async fn update_contact_point_in(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    current: network_contact_point::Model,
    state: &str,
    role: ContactPointRole,
    label: Option<String>,
) -> Result<Option<network_contact_point::Model>, AppError> {
    if current.role == role && current.label == label {
        return Ok(None);
    }
    let mut next = current.clone();
    next.role = role;
    next.label = label;
    next.version += 1;
    let result = network_contact_point::Entity::update_many()
        .set(network_contact_point::ActiveModel {
            role: Set(role),
            label: Set(next.label.clone()),
            version: Set(next.version),
            ..Default::default()
        })
        .filter(network_contact_point::Column::Id.eq(current.id))
        .filter(network_contact_point::Column::Version.eq(current.version))
        .exec(txn)
        .await
        .on_unique("role", || format!("the authority already has this role in {}", current.network_code))?;
    if result.rows_affected != 1 {
        return Err(AppError::stale("contact point", current.version));
    }
    let s = point_subject(&current, Some(state.to_owned()));
    let (before, after) = (audit::snapshot(&current), audit::snapshot(&next));
    audit::record(txn, actor, s, ChangeAction::Update, Some(before), Some(after)).await?;
    Ok(Some(next))
}

/// Writes a membership as a spreadsheet row gives it — new, or `current` with its status, start and note
/// replaced — in the caller's transaction; `None` when that changes nothing. The caller has checked the version.
pub(crate) async fn put_membership_in(
    txn: &sea_orm::DatabaseTransaction,
    actor: &Actor,
    current: Option<network_membership::Model>,
    key: (&str, &str),
    status: MembershipStatus,
    since: Option<NaiveDate>,
    note: Option<String>,
) -> Result<Option<network_membership::Model>, AppError> {
    let (network, state) = key;
    if current.as_ref().is_some_and(|c| c.status == status && c.since == since && c.note == note) {
        return Ok(None);
    }
    let (source, source_url, as_of) = audit::api_source(actor);
    let next = network_membership::Model {
        network_code: network.to_owned(),
        state_iso3: state.to_owned(),
        status,
        since,
        note,
        source,
        source_url,
        as_of,
        unconfirmed: false,
        version: current.as_ref().map_or(1, |c| c.version + 1),
        // The secretariat has just said how the State takes part: that is a confirmation.
        last_confirmed_at: Some(crate::domain::now()),
    };
    let s = subject(
        crate::domain::FeedEntity::NetworkMembership,
        format!("{network}/{state}"),
        Some(state.to_owned()),
        network,
    );
    audit::save(txn, actor, s, current, next.clone()).await?;
    Ok(Some(next))
}

/// The network's secretariat, an administrator, or the focal point of the authority's State (a State may always
/// take its own authority out of a network) removes a contact point.
pub(crate) async fn remove_contact_point(db: &DatabaseConnection, viewer: &Viewer, id: Uuid) -> Result<Uuid, AppError> {
    let actor = viewer.actor()?.clone();
    let txn = crate::db::begin_write(db).await?;
    let row = network_contact_point::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no network contact point has the id {id}")))?;
    if let Err(refused) = viewer.require_network(&row.network_code) {
        let state = authority::Entity::find_by_id(row.authority_id).one(&txn).await?.map(|a| a.state_iso3);
        match state {
            Some(state) if viewer.require_state(&state).is_ok() => {}
            _ => return Err(refused),
        }
    }
    network_contact_point::Entity::delete_by_id(id).exec(&txn).await?;
    let s = point_subject(&row, None);
    audit::record(&txn, &actor, s, ChangeAction::Delete, Some(audit::snapshot(&row)), None).await?;
    txn.commit().await?;
    Ok(id)
}

/// A network entry as the client sent it; only `code` is required, and only for an update.
#[derive(Default)]
pub(crate) struct NetworkChanges {
    pub name: Option<String>,
    pub kind: Option<NetworkKind>,
    pub region: Option<String>,
    pub website: Option<String>,
    pub secretariat: Option<String>,
    pub founded_on: Option<NaiveDate>,
    pub founded_year: Option<i32>,
    pub description: Option<String>,
}

impl NetworkChanges {
    fn touches_more_than_description(&self) -> bool {
        self.name.is_some()
            || self.kind.is_some()
            || self.region.is_some()
            || self.website.is_some()
            || self.secretariat.is_some()
            || self.founded_on.is_some()
            || self.founded_year.is_some()
    }
}

pub(crate) async fn upsert(
    db: &DatabaseConnection,
    viewer: &Viewer,
    code_raw: &str,
    changes: NetworkChanges,
) -> Result<network::Model, AppError> {
    let actor = viewer.actor()?.clone();
    let code = crate::domain::canonical_code(code_raw);
    viewer.require_network(&code)?;
    if actor.role == Role::NetworkSecretariat && changes.touches_more_than_description() {
        return Err(AppError::Forbidden("a secretariat may change its network's description only".into()));
    }
    let mut invalid = Invalid::default();
    invalid.check(checks::code("code", code_raw))?;
    let name = match &changes.name {
        Some(raw) => invalid.check(checks::name("input.name", raw))?,
        None => None,
    };
    let region = invalid.patch("input.region", changes.region.clone().map(Some), checks::short)?;
    let website = invalid.patch("input.website", changes.website.clone().map(Some), checks::http_url)?;
    let secretariat = invalid.patch("input.secretariat", changes.secretariat.clone().map(Some), checks::short)?;
    let description = invalid.patch("input.description", changes.description.clone().map(Some), checks::free_text)?;
    let txn = crate::db::begin_write(db).await?;
    let current = network::Entity::find_by_id(code.clone()).one(&txn).await?;
    if current.is_none() && (name.is_none() || changes.kind.is_none()) {
        invalid.check::<()>(Err(AppError::invalid("input.name", "a new network needs a name and a kind")))?;
    }
    invalid.finish()?;
    let mut next = current.clone().unwrap_or(network::Model {
        code: code.clone(),
        name: String::new(),
        kind: NetworkKind::JudicialNetwork,
        region: None,
        website: None,
        secretariat: None,
        founded_on: None,
        founded_year: None,
        description: None,
        source: None,
        source_url: None,
        as_of: None,
    });
    (next.source, next.source_url, next.as_of) = audit::api_source(&actor);
    if let Some(v) = name {
        next.name = v;
    }
    if let Some(v) = changes.kind {
        next.kind = v;
    }
    if changes.region.is_some() {
        next.region = region.flatten();
    }
    if changes.website.is_some() {
        next.website = website.flatten();
    }
    if changes.secretariat.is_some() {
        next.secretariat = secretariat.flatten();
    }
    if changes.founded_on.is_some() {
        next.founded_on = changes.founded_on;
    }
    if changes.founded_year.is_some() {
        next.founded_year = changes.founded_year;
    }
    if changes.description.is_some() {
        next.description = description.flatten();
    }
    let s = subject(crate::domain::FeedEntity::Network, code.clone(), None, &code);
    audit::save(&txn, &actor, s, current, next.clone()).await?;
    txn.commit().await?;
    Ok(next)
}

pub(crate) async fn link(
    db: &DatabaseConnection,
    viewer: &Viewer,
    a_raw: &str,
    b_raw: &str,
    kind: NetworkLinkKind,
    since: Option<NaiveDate>,
) -> Result<network_link::Model, AppError> {
    let actor = viewer.require_admin()?.clone();
    let mut invalid = Invalid::default();
    let a = invalid.check(super::require_code(db, "network", a_raw).await)?;
    let b = invalid.check(super::require_code(db, "linked", b_raw).await)?;
    if a.is_some() && a == b {
        invalid.check::<()>(Err(AppError::invalid("linked", "a network is not linked to itself")))?;
    }
    let (a, b) = invalid.finish_with((a, b))?;
    let txn = crate::db::begin_write(db).await?;
    let existing = network_link::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(
                    network_link::Column::NetworkCode
                        .eq(a.as_str())
                        .and(network_link::Column::LinkedCode.eq(b.as_str())),
                )
                .add(
                    network_link::Column::NetworkCode
                        .eq(b.as_str())
                        .and(network_link::Column::LinkedCode.eq(a.as_str())),
                ),
        )
        .one(&txn)
        .await?;
    if existing.is_some() {
        return Err(AppError::duplicate("linked", format!("{a} and {b} are already linked")));
    }
    let (source, source_url, as_of) = audit::api_source(&actor);
    let row =
        network_link::Model { network_code: a.clone(), linked_code: b.clone(), kind, since, source, source_url, as_of }
            .into_active_model()
            .insert(&txn)
            .await
            .on_unique("linked", || format!("{a} and {b} are already linked"))?;
    let s = subject(crate::domain::FeedEntity::NetworkLink, format!("{a}/{b}"), None, &a);
    audit::record(&txn, &actor, s, ChangeAction::Create, None, Some(audit::snapshot(&row))).await?;
    txn.commit().await?;
    Ok(row)
}

/// Records, at `now` and inside the caller's transaction, that the network's secretariat has checked each
/// membership named (network code, State code) and found it current: one audit row each.
pub(crate) async fn confirm_memberships_in(
    txn: &impl ConnectionTrait,
    viewer: &Viewer,
    keys: &[(String, String)],
    now: DateTime<Utc>,
) -> Result<Vec<network_membership::Model>, AppError> {
    let actor = viewer.actor()?.clone();
    let mut out: Vec<network_membership::Model> = Vec::with_capacity(keys.len());
    for (network, state) in keys {
        let (network, state) = (network.trim().to_uppercase(), state.trim().to_uppercase());
        if out.iter().any(|m| m.network_code == network && m.state_iso3 == state) {
            continue;
        }
        viewer.require_network(&network)?;
        let current = network_membership::Entity::find_by_id((network.clone(), state.clone()))
            .one(txn)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("{state} is not in {network}")))?;
        let mut next = current.clone();
        next.version += 1;
        next.last_confirmed_at = Some(now);
        let result = network_membership::Entity::update_many()
            .set(network_membership::ActiveModel {
                version: Set(next.version),
                last_confirmed_at: Set(Some(now)),
                ..Default::default()
            })
            .filter(network_membership::Column::NetworkCode.eq(network.as_str()))
            .filter(network_membership::Column::StateIso3.eq(state.as_str()))
            .filter(network_membership::Column::Version.eq(current.version))
            .exec(txn)
            .await?;
        if result.rows_affected != 1 {
            return Err(AppError::stale("membership", current.version));
        }
        let s =
            subject(crate::domain::FeedEntity::NetworkMembership, format!("{network}/{state}"), Some(state), &network);
        let (before, after) = (audit::snapshot(&current), audit::snapshot(&next));
        audit::record(txn, &actor, s, ChangeAction::Update, Some(before), Some(after)).await?;
        out.push(next);
    }
    Ok(out)
}

/// Records, at `now` and inside the caller's transaction, that the network's secretariat has checked each
/// contact point named and found it current: one audit row each.
pub(crate) async fn confirm_contact_points_in(
    txn: &impl ConnectionTrait,
    viewer: &Viewer,
    ids: &[Uuid],
    now: DateTime<Utc>,
) -> Result<Vec<network_contact_point::Model>, AppError> {
    let actor = viewer.actor()?.clone();
    let mut out: Vec<network_contact_point::Model> = Vec::with_capacity(ids.len());
    for id in ids {
        if out.iter().any(|p| p.id == *id) {
            continue;
        }
        let current = network_contact_point::Entity::find_by_id(*id)
            .one(txn)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("no contact point has the id {id}")))?;
        viewer.require_network(&current.network_code)?;
        let authority = find_live(txn, current.authority_id).await?;
        let mut next = current.clone();
        next.version += 1;
        next.last_confirmed_at = Some(now);
        let result = network_contact_point::Entity::update_many()
            .set(network_contact_point::ActiveModel {
                version: Set(next.version),
                last_confirmed_at: Set(Some(now)),
                ..Default::default()
            })
            .filter(network_contact_point::Column::Id.eq(*id))
            .filter(network_contact_point::Column::Version.eq(current.version))
            .exec(txn)
            .await?;
        if result.rows_affected != 1 {
            return Err(AppError::stale("contact point", current.version));
        }
        let s = point_subject(&next, Some(authority.state_iso3));
        let (before, after) = (audit::snapshot(&current), audit::snapshot(&next));
        audit::record(txn, &actor, s, ChangeAction::Update, Some(before), Some(after)).await?;
        out.push(next);
    }
    Ok(out)
}
