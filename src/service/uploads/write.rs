//! Keeping an upload and moving it on: stored once previewed, claimed once for applying (one request wins, on any
//! instance), finished with the import's report.

use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use super::{KEPT, Status};
use crate::db::entities::sheet_upload;
use crate::error::AppError;
use crate::service::sheets::{Table, write::Report};

fn json<T: serde::Serialize>(value: &T) -> Result<String, AppError> {
    serde_json::to_string(value).map_err(AppError::internal)
}

/// Keeps `tables`, read from `file_name` by `sub`, with their preview; uploads past [`KEPT`] are dropped.
pub(crate) async fn store(
    db: &impl ConnectionTrait,
    sub: &str,
    file_name: &str,
    tables: &[Table],
    preview: &Report,
) -> Result<Uuid, AppError> {
    let now = crate::domain::now();
    sheet_upload::Entity::delete_many().filter(sheet_upload::Column::CreatedAt.lt(now - KEPT)).exec(db).await?;
    let id = Uuid::new_v4();
    let rows: usize = tables.iter().map(|t| t.rows.len()).sum();
    sheet_upload::ActiveModel {
        id: Set(id),
        sub: Set(sub.to_owned()),
        file_name: Set(file_name.chars().take(300).collect()),
        row_count: Set(i32::try_from(rows).unwrap_or(i32::MAX)),
        tables: Set(json(&tables)?),
        preview: Set(json(preview)?),
        status: Set(Status::Previewed.as_str().to_owned()),
        result: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(id)
}

/// Claims upload `id` for applying: `false` when it is not previewed any more (applied, being applied, refused).
pub(crate) async fn claim(db: &impl ConnectionTrait, sub: &str, id: Uuid) -> Result<bool, AppError> {
    let claimed = sheet_upload::Entity::update_many()
        .col_expr(sheet_upload::Column::Status, Expr::value(Status::Applying.as_str()))
        .col_expr(sheet_upload::Column::UpdatedAt, Expr::value(crate::domain::now()))
        .filter(sheet_upload::Column::Id.eq(id))
        .filter(sheet_upload::Column::Sub.eq(sub))
        .filter(sheet_upload::Column::Status.eq(Status::Previewed.as_str()))
        .exec(db)
        .await?;
    Ok(claimed.rows_affected == 1)
}

/// Records what applying upload `id` did.
pub(crate) async fn finish(db: &impl ConnectionTrait, id: Uuid, report: &Report) -> Result<(), AppError> {
    let status = if report.applied { Status::Applied } else { Status::Refused };
    sheet_upload::Entity::update_many()
        .col_expr(sheet_upload::Column::Status, Expr::value(status.as_str()))
        .col_expr(sheet_upload::Column::Result, Expr::value(json(report)?))
        .col_expr(sheet_upload::Column::UpdatedAt, Expr::value(crate::domain::now()))
        .filter(sheet_upload::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}
