//! The one place where codes a client puts in a filter are checked against the directory: each list's filter goes
//! through here once, before its page and its `totalCount` are read, and every unknown code is `BAD_USER_INPUT`
//! naming its field (all of them at once).

use sea_orm::ConnectionTrait;

use super::authorities::AuthorityFilter;
use super::changes::ChangeFilter;
use super::states::StateFilter;
use crate::domain::LanguageCode;
use crate::error::{AppError, Invalid};

/// Longest search text: a pattern is matched against every row, and SQLite refuses very long ones.
const MAX_SEARCH_CHARS: usize = 200;

fn search(raw: &Option<String>) -> Result<(), AppError> {
    match raw {
        Some(s) if s.chars().count() > MAX_SEARCH_CHARS => {
            Err(AppError::invalid("filter.search", format!("must be at most {MAX_SEARCH_CHARS} characters")))
        }
        _ => Ok(()),
    }
}

/// Canonical codes for every code in `raw`; `BAD_USER_INPUT` naming each field whose code the directory lacks.
pub(crate) async fn check_authority_filter(
    db: &impl ConnectionTrait,
    raw: AuthorityFilter,
) -> Result<AuthorityFilter, AppError> {
    let mut invalid = Invalid::default();
    invalid.check(search(&raw.search))?;
    let state = match &raw.state {
        Some(s) => invalid.check(super::states::require_code(db, "filter.state", s).await)?,
        None => None,
    };
    let convention = match &raw.convention {
        Some(c) => invalid.check(super::conventions::require_code(db, "filter.convention", c).await)?,
        None => None,
    };
    let legal_basis = match &raw.legal_basis {
        Some(l) => invalid.check(super::conventions::require_legal_basis(db, "filter.legalBasis", l).await)?,
        None => None,
    };
    let network = match &raw.network {
        Some(n) => invalid.check(super::networks::require_code(db, "filter.network", n).await)?,
        None => None,
    };
    let language = match &raw.language {
        Some(l) => invalid.check(LanguageCode::parse("filter.language", l))?.map(|l| l.as_str().to_owned()),
        None => None,
    };
    invalid.finish()?;
    Ok(AuthorityFilter { state, convention, legal_basis, network, language, ..raw })
}

pub(crate) async fn check_state_filter(db: &impl ConnectionTrait, raw: StateFilter) -> Result<StateFilter, AppError> {
    search(&raw.search)?;
    let network = match &raw.network {
        Some(n) => Some(super::networks::require_code(db, "filter.network", n).await?),
        None => None,
    };
    Ok(StateFilter { network, ..raw })
}

pub(crate) async fn check_change_filter(
    db: &impl ConnectionTrait,
    raw: ChangeFilter,
) -> Result<ChangeFilter, AppError> {
    let mut invalid = Invalid::default();
    let state = match &raw.state {
        Some(s) => invalid.check(super::states::require_code(db, "filter.state", s).await)?,
        None => None,
    };
    let network = match &raw.network {
        Some(n) => invalid.check(super::networks::require_code(db, "filter.network", n).await)?,
        None => None,
    };
    invalid.finish()?;
    Ok(ChangeFilter { state, network, ..raw })
}
