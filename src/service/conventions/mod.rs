//! Conventions and the legal bases under which authorities are designated. Changes are in `write`.

pub(crate) mod write;

use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::db::entities::{convention, legal_basis};
use crate::domain::{AuthorityFunction, canonical_code};
use crate::error::AppError;

/// Conventions in order of adoption, then of entry into force: UNTOC before its Protocols.
pub(crate) async fn list(db: &impl ConnectionTrait) -> Result<Vec<convention::Model>, AppError> {
    Ok(convention::Entity::find()
        .order_by_asc(convention::Column::AdoptedOn)
        .order_by_asc(convention::Column::EntryIntoForceOn)
        .all(db)
        .await?)
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
