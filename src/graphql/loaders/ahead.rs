//! Looking ahead: when a list of authorities is resolved, the rows its nodes will ask for (their lists,
//! designations and the legal bases and conventions behind them, network roles and their networks, contacts,
//! States) are fetched at once, level after level, in the statements the loaders would have sent anyway. The
//! nodes' fields then find their rows in the loaders' caches and resolve at once, instead of each registering
//! with a batch and waiting for it.

use std::collections::BTreeSet;

use async_graphql::{Context, Lookahead};
use futures_util::future::try_join5;

use crate::db::entities::authority;
use crate::error::AppError;

/// Fetches what the selection `node` (one authority's fields) will ask of `rows`.
pub(crate) async fn authorities(
    ctx: &Context<'_>,
    node: Lookahead<'_>,
    rows: &[authority::Model],
) -> Result<(), AppError> {
    if rows.is_empty() || !node.exists() {
        return Ok(());
    }
    let loaders = super::super::loaders(ctx);
    let ids = || rows.iter().map(|a| a.id);
    let lists = async {
        let asked = ["languages", "channels", "transmissionMeans", "urgentChannels"];
        if asked.iter().any(|f| node.field(f).exists()) {
            loaders.list_items.prime(ids()).await?;
        }
        Ok::<_, AppError>(())
    };
    let designations = async {
        let designations = node.field("designations");
        if !designations.exists() {
            return Ok(());
        }
        let found = loaders.designations.prime(ids()).await?;
        let basis = designations.field("legalBasis");
        if basis.exists() {
            let codes: BTreeSet<String> =
                found.iter().flat_map(|rows| rows.iter()).map(|d| d.legal_basis_code.clone()).collect();
            let bases = loaders.legal_bases.prime(codes).await?;
            if basis.field("convention").exists() {
                let conventions: BTreeSet<String> = bases.iter().map(|b| b.convention_code.clone()).collect();
                loaders.conventions.prime(conventions).await?;
            }
        }
        Ok(())
    };
    let networks = async {
        let roles = node.field("networks");
        if !roles.exists() {
            return Ok(());
        }
        let found = loaders.points_by_authority.prime(ids()).await?;
        if roles.field("network").exists() {
            let codes: BTreeSet<String> =
                found.iter().flat_map(|rows| rows.iter()).map(|p| p.network_code.clone()).collect();
            loaders.networks.prime(codes).await?;
        }
        Ok(())
    };
    let contacts = async {
        if node.field("contacts").exists() {
            loaders.contacts.prime(ids()).await?;
        }
        Ok(())
    };
    let states = async {
        if node.field("state").exists() {
            let codes: BTreeSet<String> = rows.iter().map(|a| a.state_iso3.clone()).collect();
            loaders.states.prime(codes).await?;
        }
        Ok(())
    };
    try_join5(lists, designations, networks, contacts, states).await?;
    Ok(())
}

/// The node selection of a connection: `nodes`, or `edges { node }`.
pub(crate) fn nodes<'a>(connection: &Lookahead<'a>) -> Lookahead<'a> {
    let nodes = connection.field("nodes");
    if nodes.exists() { nodes } else { connection.field("edges").field("node") }
}
