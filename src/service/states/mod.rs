//! States and other parties. Changes are in `write`.

pub(crate) mod write;

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait, Func, Query},
};

use super::page::{Page, PageRequest};
use crate::db::entities::{network_membership, state};
use crate::domain::{Iso3, StateStatus, fold};
use crate::error::AppError;

/// A filter whose codes were checked against the directory (see `service::filters`).
#[derive(Debug, Default, Clone)]
pub(crate) struct StateFilter {
    pub status: Option<StateStatus>,
    /// An M49 region or sub-region, any case.
    pub region: Option<String>,
    pub network: Option<String>,
    /// Name or code, case- and accent-insensitive.
    pub search: Option<String>,
}

fn condition(filter: &StateFilter) -> Condition {
    let mut cond = Condition::all();
    if let Some(status) = filter.status {
        cond = cond.add(state::Column::Status.eq(status));
    }
    if let Some(region) = filter.region.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
        let region = region.to_lowercase();
        cond = cond.add(
            Condition::any()
                .add(Expr::expr(Func::lower(Expr::col(state::Column::Region))).eq(region.clone()))
                .add(Expr::expr(Func::lower(Expr::col(state::Column::Subregion))).eq(region)),
        );
    }
    if let Some(code) = &filter.network {
        cond = cond.add(
            state::Column::Iso3.in_subquery(
                Query::select()
                    .column(network_membership::Column::StateIso3)
                    .from(network_membership::Entity)
                    .and_where(network_membership::Column::NetworkCode.eq(code.as_str()))
                    .to_owned(),
            ),
        );
    }
    if let Some(search) = filter.search.as_deref().map(fold).filter(|s| !s.is_empty()) {
        cond = cond.add(state::Column::SearchText.like(super::contains_pattern(&search)));
    }
    cond
}

/// A page of States ordered by ISO 3166 alpha-3 code.
pub(crate) async fn list(
    db: &impl ConnectionTrait,
    filter: &StateFilter,
    page: &PageRequest<String>,
) -> Result<Page<state::Model>, AppError> {
    let mut query = state::Entity::find().filter(condition(filter));
    if let Some(after) = &page.after {
        query = query.filter(state::Column::Iso3.gt(after.as_str()));
    }
    let rows = query.order_by_asc(state::Column::Iso3).limit(page.limit()).all(db).await?;
    Ok(Page::from_rows(rows, page))
}

pub(crate) async fn count(db: &impl ConnectionTrait, filter: &StateFilter) -> Result<u64, AppError> {
    Ok(state::Entity::find().filter(condition(filter)).count(db).await?)
}

pub(crate) async fn get(db: &impl ConnectionTrait, iso3: &Iso3) -> Result<Option<state::Model>, AppError> {
    Ok(state::Entity::find_by_id(iso3.as_str()).one(db).await?)
}

/// Every State and territory, for a reader to choose from.
pub(crate) async fn all(db: &impl ConnectionTrait) -> Result<Vec<state::Model>, AppError> {
    Ok(state::Entity::find().all(db).await?)
}

pub(crate) async fn get_many(db: &impl ConnectionTrait, codes: &[String]) -> Result<Vec<state::Model>, AppError> {
    Ok(state::Entity::find().filter(state::Column::Iso3.is_in(codes.iter().cloned())).all(db).await?)
}

/// The canonical code of a State the directory knows, or `BAD_USER_INPUT` naming `field`.
pub(crate) async fn require_code(db: &impl ConnectionTrait, field: &str, raw: &str) -> Result<String, AppError> {
    let code = Iso3::parse(field, raw)?;
    match get(db, &code).await? {
        Some(s) => Ok(s.iso3),
        None => Err(AppError::invalid(field, format!("no State or other party has the code `{code}`"))),
    }
}
