//! Conventions and the legal bases under which authorities are designated. Changes are in `write`.

pub(crate) mod write;

use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::db::entities::{convention, legal_basis};
use crate::domain::{AuthorityFunction, canonical_code};
use crate::error::AppError;

/// Conventions in order of adoption (or, where the adoption date is unknown, of opening for signature), then of entry
/// into force, a convention not yet in force last: UNTOC before its Protocols. Sorted here rather than in SQL, because
/// the two databases place nulls at opposite ends and the list is a handful of rows.
pub(crate) async fn list(db: &impl ConnectionTrait) -> Result<Vec<convention::Model>, AppError> {
    let mut all = convention::Entity::find().all(db).await?;
    all.sort_by(|a, b| {
        let key = |c: &convention::Model| {
            (c.adopted_on.or(c.opened_for_signature_on), c.entry_into_force_on.is_none(), c.entry_into_force_on)
        };
        key(a).cmp(&key(b)).then_with(|| a.code.cmp(&b.code))
    });
    Ok(all)
}

pub(crate) async fn get_many(db: &impl ConnectionTrait, codes: &[String]) -> Result<Vec<convention::Model>, AppError> {
    Ok(convention::Entity::find().filter(convention::Column::Code.is_in(codes.iter().cloned())).all(db).await?)
}

pub(crate) async fn legal_bases(
    db: &impl ConnectionTrait,
    convention: Option<&str>,
    function: Option<AuthorityFunction>,
) -> Result<Vec<legal_basis::Model>, AppError> {
    let mut cond = Condition::all();
    if let Some(code) = convention {
        cond = cond.add(legal_basis::Column::ConventionCode.eq(canonical_code(code)));
    }
    if let Some(function) = function {
        cond = cond.add(legal_basis::Column::Function.eq(function));
    }
    Ok(legal_basis::Entity::find().filter(cond).order_by_asc(legal_basis::Column::Code).all(db).await?)
}

pub(crate) async fn legal_bases_of(
    db: &impl ConnectionTrait,
    conventions: &[String],
) -> Result<Vec<legal_basis::Model>, AppError> {
    Ok(legal_basis::Entity::find()
        .filter(legal_basis::Column::ConventionCode.is_in(conventions.iter().cloned()))
        .order_by_asc(legal_basis::Column::Code)
        .all(db)
        .await?)
}

/// The canonical code of a known convention, or `BAD_USER_INPUT` naming `field`.
pub(crate) async fn require_code(db: &impl ConnectionTrait, field: &str, raw: &str) -> Result<String, AppError> {
    match convention::Entity::find_by_id(canonical_code(raw)).one(db).await? {
        Some(c) => Ok(c.code),
        None => Err(AppError::invalid(field, format!("no convention has the code `{}`", crate::domain::shown(raw)))),
    }
}

/// The canonical code of a known legal basis, or `BAD_USER_INPUT` naming `field`.
pub(crate) async fn require_legal_basis(db: &impl ConnectionTrait, field: &str, raw: &str) -> Result<String, AppError> {
    match legal_basis::Entity::find_by_id(canonical_code(raw)).one(db).await? {
        Some(l) => Ok(l.code),
        None => Err(AppError::invalid(field, format!("no legal basis has the code `{}`", crate::domain::shown(raw)))),
    }
}

pub(crate) async fn legal_bases_by_code(
    db: &impl ConnectionTrait,
    codes: &[String],
) -> Result<Vec<legal_basis::Model>, AppError> {
    Ok(legal_basis::Entity::find().filter(legal_basis::Column::Code.is_in(codes.iter().cloned())).all(db).await?)
}
