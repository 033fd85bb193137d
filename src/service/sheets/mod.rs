//! Spreadsheet round trips: the entries a person keeps current, as tables with the columns they can edit, each
//! row carrying its id and `version`; read back by `write::import`. `format` turns tables into CSV, JSON and
//! NDJSON and back.
//!
//! A focal point's sheets are its State's authorities and contacts; a secretariat's, its network's memberships and
//! contact points; the whole directory has all four.

pub(crate) mod format;
mod rows;
pub(crate) mod write;
pub(crate) mod xlsx;

use std::collections::HashMap;

use chrono::{DateTime, SecondsFormat, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::db::entities::{authority, authority_list_item::list, contact, network_contact_point, network_membership};
use crate::error::AppError;
use crate::service::{authorities, contacts, networks, states};

/// The kinds of entries a spreadsheet holds, one table (one CSV file) each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Kind {
    Authorities,
    Contacts,
    Memberships,
    ContactPoints,
}

impl Kind {
    pub(crate) const ALL: [Kind; 4] = [Kind::Authorities, Kind::Contacts, Kind::Memberships, Kind::ContactPoints];

    /// The table's name: the CSV file's stem, the JSON key, the NDJSON `entity`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::Authorities => "authorities",
            Kind::Contacts => "contacts",
            Kind::Memberships => "memberships",
            Kind::ContactPoints => "contact_points",
        }
    }

    pub(crate) fn from_name(name: &str) -> Option<Kind> {
        let name = name.trim().to_lowercase().replace('-', "_");
        Kind::ALL.into_iter().find(|k| k.name() == name || k.name().trim_end_matches('s') == name)
    }

    /// Every column, in the order an export writes them.
    pub(crate) fn columns(self) -> &'static [&'static str] {
        match self {
            Kind::Authorities => &[
                "id",
                "version",
                "state",
                "name",
                "local_name",
                "acronym",
                "postal_address",
                "city",
                "email",
                "phone",
                "fax",
                "website",
                "time_zone",
                "office_hours",
                "languages",
                "channels",
                "transmission_means",
                "urgent_channels",
                "urgent_notes",
                "requirements",
                "notes",
                "last_confirmed_at",
            ],
            Kind::Contacts => &[
                "id",
                "version",
                "authority_id",
                "authority",
                "name",
                "position",
                "email",
                "phone",
                "languages",
                "visibility",
                "last_confirmed_at",
            ],
            Kind::Memberships => &["network", "state", "version", "status", "since", "note", "last_confirmed_at"],
            Kind::ContactPoints => {
                &["id", "version", "network", "authority_id", "authority", "role", "label", "last_confirmed_at"]
            }
        }
    }
}

/// Whose entries an export holds.
#[derive(Debug, Clone)]
pub(crate) enum Scope {
    Directory,
    State(String),
    Network(String),
}

/// What `state` and `network` (at most one) ask `actor` to export: that State or network, else the actor's own, or
/// for an administrator the whole directory.
pub(crate) fn scope_for(
    actor: &crate::auth::viewer::Actor,
    state: Option<String>,
    network: Option<String>,
) -> Result<Scope, AppError> {
    Ok(match (state, network, &actor.state, &actor.network) {
        (Some(_), Some(_), ..) => return Err(AppError::invalid("state", "name a State or a network, not both")),
        (Some(s), None, ..) => Scope::State(s),
        (None, Some(n), ..) => Scope::Network(n),
        (None, None, Some(s), _) => Scope::State(s.clone()),
        (None, None, None, Some(n)) => Scope::Network(n.clone()),
        // The whole directory is tens of thousands of rows: an administrator's export, not any reader's.
        (None, None, None, None) if actor.role == crate::auth::Role::Admin => Scope::Directory,
        (None, None, None, None) => return Err(AppError::invalid("state", "name a State or a network to export")),
    })
}

/// One table: a header and rows of cells in the header's order.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct Table {
    pub(crate) kind: Kind,
    /// Where the rows came from (a file name), for messages.
    pub(crate) source: String,
    pub(crate) header: Vec<String>,
    pub(crate) rows: Vec<Row>,
}

/// A row and where it stands in its file as a person sees it (a spreadsheet's row number, a JSON array's
/// position from 1, an NDJSON line).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct Row {
    pub(crate) number: usize,
    pub(crate) cells: Vec<String>,
}

/// A cell (or a whole row or file, when `column` is `None`) that cannot be taken, with the message the API gives
/// for the same value.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct CellError {
    pub(crate) source: String,
    pub(crate) row: usize,
    pub(crate) column: Option<String>,
    pub(crate) message: String,
    /// What is wrong with the cell as a fact, when the check that refused it says (for the workspace's wording).
    #[serde(default)]
    pub(crate) problem: Option<Box<crate::error::Problem>>,
}

/// Columns that hold lists: one cell in CSV (`LIST_SEPARATOR` between items), an array in JSON.
pub(crate) fn is_list(column: &str) -> bool {
    matches!(column, "languages" | "channels" | "transmission_means" | "urgent_channels")
}

/// How lists are written in one cell.
pub(crate) const LIST_SEPARATOR: &str = "; ";

fn time(at: Option<DateTime<Utc>>) -> String {
    at.map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true)).unwrap_or_default()
}

fn text(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

/// Ids are read in slices so that no statement carries more parameters than a database takes.
const CHUNK: usize = 5_000;

/// The tables of `scope`, every row as the database holds it now. A State's or network's code is checked.
pub(crate) async fn export(db: &impl ConnectionTrait, scope: &Scope) -> Result<Vec<Table>, AppError> {
    let (kinds, state, network): (&[Kind], _, _) = match scope {
        Scope::Directory => (&Kind::ALL, None, None),
        Scope::State(raw) => {
            (&[Kind::Authorities, Kind::Contacts], Some(states::require_code(db, "state", raw).await?), None)
        }
        Scope::Network(raw) => {
            (&[Kind::Memberships, Kind::ContactPoints], None, Some(networks::require_code(db, "network", raw).await?))
        }
    };
    let mut list = match &state {
        Some(s) => authorities::of_states(db, std::slice::from_ref(s)).await?,
        None if network.is_none() => {
            authority::Entity::find()
                .filter(authority::Column::DeletedAt.is_null())
                .order_by_asc(authority::Column::StateIso3)
                .order_by_asc(authority::Column::Name)
                .order_by_asc(authority::Column::Id)
                .all(db)
                .await?
        }
        None => Vec::new(),
    };
    list.sort_by(|a, b| (&a.state_iso3, &a.name, a.id).cmp(&(&b.state_iso3, &b.name, b.id)));
    let mut tables = Vec::new();
    for kind in kinds {
        let rows: Vec<Vec<String>> = match kind {
            Kind::Authorities => authority_rows(db, &list).await?,
            Kind::Contacts => contact_rows(db, &list).await?,
            Kind::Memberships => {
                let rows = match &network {
                    Some(n) => networks::members_of(db, std::slice::from_ref(n)).await?,
                    None => {
                        network_membership::Entity::find()
                            .order_by_asc(network_membership::Column::NetworkCode)
                            .order_by_asc(network_membership::Column::StateIso3)
                            .all(db)
                            .await?
                    }
                };
                rows.iter().map(membership_cells).collect()
            }
            Kind::ContactPoints => {
                let points = match &network {
                    Some(n) => networks::contact_points_of_networks(db, std::slice::from_ref(n)).await?,
                    None => {
                        network_contact_point::Entity::find()
                            .filter(network_contact_point::Column::AuthorityId.in_subquery(authorities::live_ids()))
                            .order_by_asc(network_contact_point::Column::NetworkCode)
                            .order_by_asc(network_contact_point::Column::AuthorityId)
                            .order_by_asc(network_contact_point::Column::Role)
                            .all(db)
                            .await?
                    }
                };
                let ids: Vec<Uuid> = points.iter().map(|p| p.authority_id).collect();
                let mut names = HashMap::new();
                for chunk in ids.chunks(CHUNK) {
                    names.extend(authorities::get_many(db, chunk).await?.into_iter().map(|a| (a.id, a.name)));
                }
                points
                    .iter()
                    .map(|p| contact_point_cells(p, names.get(&p.authority_id).map_or("", String::as_str)))
                    .collect()
            }
        };
        tables.push(Table {
            kind: *kind,
            source: kind.name().to_owned(),
            header: kind.columns().iter().map(|c| (*c).to_owned()).collect(),
            rows: rows.into_iter().enumerate().map(|(i, cells)| Row { number: i + 2, cells }).collect(),
        });
    }
    Ok(tables)
}

pub(crate) async fn authority_rows(
    db: &impl ConnectionTrait,
    list: &[authority::Model],
) -> Result<Vec<Vec<String>>, AppError> {
    let mut lists = authorities::Lists::new();
    let ids: Vec<Uuid> = list.iter().map(|a| a.id).collect();
    for chunk in ids.chunks(CHUNK) {
        lists.extend(authorities::lists_of(db, chunk).await?);
    }
    let joined = |id: Uuid, name: &str| {
        lists.get(&id).and_then(|l| l.get(name)).map(|v| v.join(LIST_SEPARATOR)).unwrap_or_default()
    };
    Ok(list
        .iter()
        .map(|a| {
            vec![
                a.id.to_string(),
                a.version.to_string(),
                a.state_iso3.clone(),
                a.name.clone(),
                text(&a.local_name),
                text(&a.acronym),
                text(&a.postal_address),
                text(&a.city),
                text(&a.email),
                text(&a.phone),
                text(&a.fax),
                text(&a.website),
                text(&a.time_zone),
                text(&a.office_hours),
                joined(a.id, list::LANGUAGE),
                joined(a.id, list::CHANNEL),
                joined(a.id, list::TRANSMISSION_MEANS),
                joined(a.id, list::URGENT_CHANNEL),
                text(&a.urgent_notes),
                text(&a.requirements),
                text(&a.notes),
                time(a.last_confirmed_at),
            ]
        })
        .collect())
}

async fn contact_rows(db: &impl ConnectionTrait, list: &[authority::Model]) -> Result<Vec<Vec<String>>, AppError> {
    let names: HashMap<Uuid, &str> = list.iter().map(|a| (a.id, a.name.as_str())).collect();
    let ids: Vec<Uuid> = list.iter().map(|a| a.id).collect();
    let order: HashMap<Uuid, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let mut rows = Vec::new();
    for chunk in ids.chunks(CHUNK) {
        let mut found = contacts::contacts_of(db, chunk, true).await?;
        found.sort_by(|a, b| {
            (order.get(&a.authority_id), &a.name, a.id).cmp(&(order.get(&b.authority_id), &b.name, b.id))
        });
        rows.extend(found.iter().map(|c| contact_cells(c, names.get(&c.authority_id).copied().unwrap_or_default())));
    }
    Ok(rows)
}

/// A contact's cells in the order of `Kind::Contacts.columns()`.
pub(crate) fn contact_cells(c: &contact::Model, authority: &str) -> Vec<String> {
    let languages: Vec<String> = serde_json::from_value(c.languages.clone()).unwrap_or_default();
    vec![
        c.id.to_string(),
        c.version.to_string(),
        c.authority_id.to_string(),
        authority.to_owned(),
        c.name.clone(),
        text(&c.position),
        text(&c.email),
        text(&c.phone),
        languages.join(LIST_SEPARATOR),
        crate::domain::enum_name(&c.visibility),
        time(c.last_confirmed_at),
    ]
}

/// A membership's cells in the order of `Kind::Memberships.columns()`.
pub(crate) fn membership_cells(m: &network_membership::Model) -> Vec<String> {
    vec![
        m.network_code.clone(),
        m.state_iso3.clone(),
        m.version.to_string(),
        crate::domain::enum_name(&m.status),
        m.since.map(|d| d.to_string()).unwrap_or_default(),
        text(&m.note),
        time(m.last_confirmed_at),
    ]
}

/// A contact point's cells in the order of `Kind::ContactPoints.columns()`.
pub(crate) fn contact_point_cells(p: &network_contact_point::Model, authority: &str) -> Vec<String> {
    vec![
        p.id.to_string(),
        p.version.to_string(),
        p.network_code.clone(),
        p.authority_id.to_string(),
        authority.to_owned(),
        crate::domain::enum_name(&p.role),
        text(&p.label),
        time(p.last_confirmed_at),
    ]
}
