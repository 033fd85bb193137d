//! Spreadsheets uploaded in the workspace: read, previewed (a dry run), then applied or refused as one import.
//! An upload is its uploader's alone; it is kept for [`KEPT`] after it was made.

pub(crate) mod write;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::db::entities::sheet_upload;
use crate::error::AppError;
use crate::service::sheets::{Table, write::Report};

/// How long an upload and its result are kept.
pub(crate) const KEPT: chrono::TimeDelta = chrono::TimeDelta::days(1);

/// How long after it began applying an upload is taken as interrupted.
const INTERRUPTED: chrono::TimeDelta = chrono::TimeDelta::minutes(15);

/// Where an upload stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    /// Read and previewed; nothing applied.
    Previewed,
    /// Being applied.
    Applying,
    /// Applied in full.
    Applied,
    /// Not applied: a row failed or conflicted when it was applied, or the import could not run.
    Refused,
}

impl Status {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Status::Previewed => "previewed",
            Status::Applying => "applying",
            Status::Applied => "applied",
            Status::Refused => "refused",
        }
    }

    fn of(raw: &str) -> Status {
        [Status::Previewed, Status::Applying, Status::Applied]
            .into_iter()
            .find(|s| s.as_str() == raw)
            .unwrap_or(Status::Refused)
    }
}

/// An upload as its uploader sees it.
pub(crate) struct Upload {
    pub(crate) id: Uuid,
    pub(crate) file_name: String,
    pub(crate) rows: usize,
    pub(crate) preview: Report,
    pub(crate) status: Status,
    pub(crate) result: Option<Report>,
    pub(crate) created_at: chrono::DateTime<chrono::Utc>,
}

fn parsed<T: serde::de::DeserializeOwned>(raw: &str) -> Result<T, AppError> {
    serde_json::from_str(raw).map_err(AppError::internal)
}

/// Upload `id` of subject `sub`: another person's, or one past [`KEPT`], is not found.
pub(crate) async fn find(db: &impl ConnectionTrait, sub: &str, id: Uuid) -> Result<Upload, AppError> {
    let row = model(db, sub, id).await?;
    Ok(Upload {
        id: row.id,
        file_name: row.file_name,
        rows: usize::try_from(row.row_count).unwrap_or_default(),
        preview: parsed(&row.preview)?,
        status: match Status::of(&row.status) {
            // An import runs in one transaction and takes seconds: one still "applying" this long after it began
            // was cut short by a restart, and nothing of it was applied.
            Status::Applying if crate::domain::now() - row.updated_at > INTERRUPTED => Status::Refused,
            status => status,
        },
        result: row.result.as_deref().map(parsed).transpose()?,
        created_at: row.created_at,
    })
}

async fn model(db: &impl ConnectionTrait, sub: &str, id: Uuid) -> Result<sheet_upload::Model, AppError> {
    sheet_upload::Entity::find_by_id(id)
        .filter(sheet_upload::Column::Sub.eq(sub))
        .filter(sheet_upload::Column::CreatedAt.gt(crate::domain::now() - KEPT))
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound("no upload of yours has this id; upload the file again".into()))
}

/// The tables of upload `id`, to apply.
pub(crate) async fn tables_of(db: &impl ConnectionTrait, sub: &str, id: Uuid) -> Result<Vec<Table>, AppError> {
    parsed(&model(db, sub, id).await?.tables)
}
