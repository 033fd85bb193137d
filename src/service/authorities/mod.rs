//! Authorities and their lists (languages, channels, means of transmission). Soft-deleted authorities are invisible
//! here; designations, contacts and network contact points are read in their own modules. Changes are in `write`.

pub(crate) mod write;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseBackend, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait,
    sea_query::{Expr, ExprTrait, Query, SelectStatement, SimpleExpr},
};
use uuid::Uuid;

use crate::db::entities::{
    authority, authority_list_item, designation, legal_basis, network_contact_point, network_membership,
};
use crate::domain::{AuthorityFunction, Channel, fold};
use crate::error::AppError;
use crate::service::page::{Page, PageRequest};

/// The sort key a cursor carries: State, name, id.
pub(crate) type AuthorityKey = (String, String, Uuid);

/// A filter whose codes were checked against the directory (see `service::filters`).
#[derive(Debug, Default, Clone)]
pub(crate) struct AuthorityFilter {
    pub state: Option<String>,
    pub function: Option<AuthorityFunction>,
    pub convention: Option<String>,
    pub legal_basis: Option<String>,
    pub language: Option<String>,
    pub channel: Option<Channel>,
    pub network: Option<String>,
    pub search: Option<String>,
    pub confirmed_before: Option<DateTime<Utc>>,
}

fn live() -> Condition {
    Condition::all().add(authority::Column::DeletedAt.is_null())
}

/// Ids of live authorities, for sub-selects.
pub(crate) fn live_ids() -> SelectStatement {
    Query::select()
        .column(authority::Column::Id)
        .from(authority::Entity)
        .and_where(authority::Column::DeletedAt.is_null())
        .to_owned()
}

/// Authorities holding a designation that meets every designation-level condition of the filter.
fn designated(filter: &AuthorityFilter) -> Option<SelectStatement> {
    if filter.function.is_none() && filter.convention.is_none() && filter.legal_basis.is_none() {
        return None;
    }
    let mut q = Query::select();
    q.column((designation::Entity, designation::Column::AuthorityId)).from(designation::Entity).inner_join(
        legal_basis::Entity,
        Expr::col((legal_basis::Entity, legal_basis::Column::Code))
            .equals((designation::Entity, designation::Column::LegalBasisCode)),
    );
    if let Some(function) = filter.function {
        q.and_where(legal_basis::Column::Function.eq(function));
    }
    if let Some(convention) = &filter.convention {
        q.and_where(legal_basis::Column::ConventionCode.eq(convention.as_str()));
    }
    if let Some(code) = &filter.legal_basis {
        q.and_where(legal_basis::Column::Code.eq(code.as_str()));
    }
    Some(q.to_owned())
}

fn with_list_item(list: &str, value: &str) -> SelectStatement {
    Query::select()
        .column(authority_list_item::Column::AuthorityId)
        .from(authority_list_item::Entity)
        .and_where(authority_list_item::Column::List.eq(list))
        .and_where(authority_list_item::Column::Value.eq(value))
        .to_owned()
}

/// Authorities whose search text contains `folded`. PostgreSQL answers the `LIKE` from its trigram index
/// (migration 8); SQLite from its FTS5 trigram table, asked with the same pattern. A term with `%`, `_` or `\\`
/// in it, which the pattern escapes, is matched on the table itself (the FTS table takes no `ESCAPE`).
fn search(folded: &str, backend: DatabaseBackend) -> SimpleExpr {
    let plain = !folded.contains(['%', '_', '\\']);
    if backend == DatabaseBackend::Sqlite && plain {
        return Expr::cust_with_values(
            "\"authorities\".\"rowid\" IN (SELECT rowid FROM authorities_fts WHERE search_text LIKE ?)",
            [format!("%{folded}%")],
        );
    }
    authority::Column::SearchText.like(crate::service::contains_pattern(folded))
}

fn condition(filter: &AuthorityFilter, backend: DatabaseBackend) -> Condition {
    let mut cond = live();
    if let Some(state) = &filter.state {
        cond = cond.add(authority::Column::StateIso3.eq(state.as_str()));
    }
    if let Some(sub) = designated(filter) {
        cond = cond.add(authority::Column::Id.in_subquery(sub));
    }
    if let Some(language) = &filter.language {
        cond =
            cond.add(authority::Column::Id.in_subquery(with_list_item(authority_list_item::list::LANGUAGE, language)));
    }
    if let Some(channel) = filter.channel {
        let value = crate::domain::enum_name(&channel);
        cond = cond.add(authority::Column::Id.in_subquery(with_list_item(authority_list_item::list::CHANNEL, &value)));
    }
    if let Some(network) = &filter.network {
        let members = Query::select()
            .column(network_membership::Column::StateIso3)
            .from(network_membership::Entity)
            .and_where(network_membership::Column::NetworkCode.eq(network.as_str()))
            .to_owned();
        let points = Query::select()
            .column(network_contact_point::Column::AuthorityId)
            .from(network_contact_point::Entity)
            .and_where(network_contact_point::Column::NetworkCode.eq(network.as_str()))
            .to_owned();
        cond = cond.add(
            Condition::any()
                .add(authority::Column::StateIso3.in_subquery(members))
                .add(authority::Column::Id.in_subquery(points)),
        );
    }
    if let Some(search) = filter.search.as_deref().map(fold).filter(|s| !s.is_empty()) {
        cond = cond.add(self::search(&search, backend));
    }
    if let Some(before) = filter.confirmed_before {
        // Never confirmed is older than any date.
        cond = cond.add(
            Condition::any()
                .add(authority::Column::LastConfirmedAt.is_null())
                .add(authority::Column::LastConfirmedAt.lt(before)),
        );
    }
    cond
}

fn after(key: &AuthorityKey) -> Condition {
    let (state, name, id) = key;
    Condition::any().add(authority::Column::StateIso3.gt(state.as_str())).add(
        Condition::all().add(authority::Column::StateIso3.eq(state.as_str())).add(
            Condition::any().add(authority::Column::Name.gt(name.as_str())).add(
                Condition::all().add(authority::Column::Name.eq(name.as_str())).add(authority::Column::Id.gt(*id)),
            ),
        ),
    )
}

pub(crate) fn key_of(m: &authority::Model) -> AuthorityKey {
    (m.state_iso3.clone(), m.name.clone(), m.id)
}

/// A page of authorities ordered by State, then name.
pub(crate) async fn list(
    db: &impl ConnectionTrait,
    filter: &AuthorityFilter,
    page: &PageRequest<AuthorityKey>,
) -> Result<Page<authority::Model>, AppError> {
    let mut query = authority::Entity::find().filter(condition(filter, db.get_database_backend()));
    if let Some(key) = &page.after {
        query = query.filter(after(key));
    }
    let query = query
        .order_by_asc(authority::Column::StateIso3)
        .order_by_asc(authority::Column::Name)
        .order_by_asc(authority::Column::Id)
        .limit(page.limit());
    let rows = if searches(filter) {
        let statement = planned_with_its_values(db.get_database_backend(), query.as_query());
        authority::Entity::find().from_raw_sql(statement).all(db).await?
    } else {
        query.all(db).await?
    };
    Ok(Page::from_rows(rows, page))
}

/// Whether the filter has a search term (a blank one is none).
pub(crate) fn searches(filter: &AuthorityFilter) -> bool {
    filter.search.as_deref().map(fold).is_some_and(|s| !s.is_empty())
}

/// A statement for PostgreSQL with its values written into it, so that the planner sees the search pattern. As a
/// prepared statement, its generic plan (which PostgreSQL turns to after five runs) cannot tell a term that matches
/// four rows from one that matches 50,000: with a `LIMIT` it walked the whole table in order for the rare ones
/// (500 ms a count at 200,000 authorities). sea-query writes the values as escaped literals. Other backends get
/// the statement with placeholders.
fn planned_with_its_values(backend: DatabaseBackend, query: &SelectStatement) -> sea_orm::Statement {
    match backend {
        DatabaseBackend::Postgres => {
            sea_orm::Statement::from_string(backend, query.to_string(sea_orm::sea_query::PostgresQueryBuilder))
        }
        _ => backend.build(query),
    }
}

pub(crate) async fn count(db: &impl ConnectionTrait, filter: &AuthorityFilter) -> Result<u64, AppError> {
    Ok(authority::Entity::find().filter(condition(filter, db.get_database_backend())).count(db).await?)
}

/// How many authorities a search counts before it stops, unless asked to count them all (`count_up_to`).
pub(crate) const SEARCH_COUNT_BOUND: u64 = 1_000;

/// The authorities that meet the filter, counted up to `bound`: the count and whether it is all of them. A broad
/// search term matches a quarter of the directory; counting every match visits every matching row (about 50 ms at
/// 200,000 authorities), while stopping past the bound reads a few thousand rows (about 3 ms).
pub(crate) async fn count_up_to(
    db: &impl ConnectionTrait,
    filter: &AuthorityFilter,
    bound: u64,
) -> Result<(u64, bool), AppError> {
    let backend = db.get_database_backend();
    let matches = Query::select()
        .expr(Expr::val(1))
        .from(authority::Entity)
        .cond_where(condition(filter, backend))
        .limit(bound.saturating_add(1))
        .to_owned();
    let counted = Query::select()
        .expr(Expr::cust("COUNT(*)"))
        .from_subquery(matches, sea_orm::sea_query::Alias::new("matches"))
        .to_owned();
    let row = db.query_one_raw(planned_with_its_values(backend, &counted)).await?;
    let n = row.map(|r| r.try_get_by_index::<i64>(0)).transpose()?.unwrap_or(0);
    let n = u64::try_from(n).unwrap_or(0);
    Ok(if n > bound { (bound, false) } else { (n, true) })
}

pub(crate) async fn get_many(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Vec<authority::Model>, AppError> {
    Ok(authority::Entity::find().filter(live().add(authority::Column::Id.is_in(ids.iter().copied()))).all(db).await?)
}

/// Every live authority of the given States, by State then name.
pub(crate) async fn of_states(db: &impl ConnectionTrait, states: &[String]) -> Result<Vec<authority::Model>, AppError> {
    Ok(authority::Entity::find()
        .filter(live().add(authority::Column::StateIso3.is_in(states.iter().cloned())))
        .order_by_asc(authority::Column::StateIso3)
        .order_by_asc(authority::Column::Name)
        .order_by_asc(authority::Column::Id)
        .all(db)
        .await?)
}

/// Each authority's lists (`authority_list_item::list`) by name, values in their order; authorities without any
/// are absent.
pub(crate) type Lists = HashMap<Uuid, HashMap<String, Vec<String>>>;

pub(crate) async fn lists_of(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Lists, AppError> {
    let mut lists = Lists::new();
    for item in list_items_of(db, ids).await? {
        lists.entry(item.authority_id).or_default().entry(item.list).or_default().push(item.value);
    }
    Ok(lists)
}

pub(crate) async fn list_items_of(
    db: &impl ConnectionTrait,
    ids: &[Uuid],
) -> Result<Vec<authority_list_item::Model>, AppError> {
    Ok(authority_list_item::Entity::find()
        .filter(authority_list_item::Column::AuthorityId.is_in(ids.iter().copied()))
        .order_by_asc(authority_list_item::Column::Position)
        .all(db)
        .await?)
}

/// Every authority matching the filter, in list order; for answers that are small by nature (one State's entries).
pub(crate) async fn all(
    db: &impl ConnectionTrait,
    filter: &AuthorityFilter,
) -> Result<Vec<authority::Model>, AppError> {
    Ok(authority::Entity::find()
        .filter(condition(filter, db.get_database_backend()))
        .order_by_asc(authority::Column::StateIso3)
        .order_by_asc(authority::Column::Name)
        .order_by_asc(authority::Column::Id)
        .all(db)
        .await?)
}

/// A live authority, or `NOT_FOUND`.
pub(crate) async fn find_live(db: &impl ConnectionTrait, id: Uuid) -> Result<authority::Model, AppError> {
    authority::Entity::find_by_id(id)
        .filter(authority::Column::DeletedAt.is_null())
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no authority has the id {id}")))
}
