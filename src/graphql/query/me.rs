use async_graphql::{Context, Object, SimpleObject};

use crate::auth::Viewer as RequestViewer;

/// The signed-in viewer, as the token says.
#[derive(SimpleObject)]
pub(super) struct Viewer {
    pub sub: Option<String>,
    pub role: Option<String>,
    pub state: Option<String>,
    pub network: Option<String>,
}

#[derive(Default)]
pub(super) struct MeQuery;

#[Object]
impl MeQuery {
    /// Who the bearer token says the viewer is; `null` for anonymous readers.
    async fn me(&self, ctx: &Context<'_>) -> Option<Viewer> {
        let viewer = ctx.data_opt::<RequestViewer>()?;
        viewer.actor.as_ref().map(|a| Viewer {
            sub: Some(a.sub.clone()),
            role: Some(a.role.as_str().to_owned()),
            state: a.state.clone(),
            network: a.network.clone(),
        })
    }
}
