//! The rule for a document of several mutations: they run one after another and stop at the first that fails.
//! Those before it are committed; since the failure nulls `data` (every mutation's result is non-null, and the
//! GraphQL spec then nulls the whole answer), their results are reported in the answer's `extensions.committed`,
//! by response key, and the keys of those that did not run in `extensions.notRun`. An import that was refused or
//! only tried (`applied: false`) wrote nothing and is not listed; it reports that in its result, not as an error,
//! so it does not stop the mutations after it. Without this, the engine ran
//! (and committed) the mutations after a failure while the client, given `data: null`, never learnt their ids.

use std::sync::{
    Arc, Mutex,
    atomic::{AtomicBool, Ordering},
};

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextExecute, NextResolve, ResolveInfo};
use async_graphql::{Name, Response, ServerResult, Value};

/// The root type whose fields are mutations, as the schema names it.
const MUTATION_ROOT: &str = "MutationRoot";

/// Where the results of committed mutations are kept, when the caller of the engine gives one (as request data):
/// a request cut off by its time limit can still say what it committed.
#[derive(Default)]
pub(crate) struct Committed(Mutex<Vec<(Name, Value)>>);

impl Committed {
    fn push(&self, key: Name, value: Value) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).push((key, value));
    }

    /// The results so far, by response key; empty when none.
    pub(crate) fn take(&self) -> Value {
        Value::Object(std::mem::take(&mut *self.0.lock().unwrap_or_else(|p| p.into_inner())).into_iter().collect())
    }
}

pub(crate) struct StopAtFirstFailure;

impl ExtensionFactory for StopAtFirstFailure {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(Run::default())
    }
}

/// One request's mutations.
#[derive(Default)]
struct Run {
    failed: AtomicBool,
    /// Used when the caller gave no record of its own.
    committed: Committed,
    not_run: Mutex<Vec<Value>>,
}

impl Run {
    fn committed<'a>(&'a self, ctx: &'a ExtensionContext<'_>) -> &'a Committed {
        ctx.data_opt::<Arc<Committed>>().map_or(&self.committed, |kept| &**kept)
    }
}

/// Whether an import's result says it was applied (`applied: true`); unknown when the selection left it out.
fn applied(value: &Value) -> bool {
    match value {
        Value::Object(fields) => fields.get("applied").is_none_or(|a| *a == Value::Boolean(true)),
        _ => true,
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for Run {
    async fn resolve(
        &self,
        ctx: &ExtensionContext<'_>,
        info: ResolveInfo<'_>,
        next: NextResolve<'_>,
    ) -> ServerResult<Option<Value>> {
        if info.parent_type != MUTATION_ROOT || info.path_node.parent.is_some() {
            return next.run(ctx, info).await;
        }
        let key = Name::new(info.alias.unwrap_or(info.name));
        let import = info.name == "importEntries";
        if self.failed.load(Ordering::SeqCst) {
            self.not_run.lock().unwrap_or_else(|p| p.into_inner()).push(Value::String(key.to_string()));
            return Ok(None);
        }
        let result = next.run(ctx, info).await;
        match &result {
            // An import reports a refusal (and a dry run) in its result, not as an error: it wrote nothing.
            Ok(Some(value)) if import && !applied(value) => {}
            Ok(Some(value)) => self.committed(ctx).push(key, value.clone()),
            Ok(None) => {}
            Err(_) => self.failed.store(true, Ordering::SeqCst),
        }
        result
    }

    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        let mut response = next.run(ctx, operation_name).await;
        if self.failed.load(Ordering::SeqCst) {
            let committed = self.committed(ctx).take();
            let not_run = std::mem::take(&mut *self.not_run.lock().unwrap_or_else(|p| p.into_inner()));
            response.extensions.insert("committed".to_owned(), committed);
            response.extensions.insert("notRun".to_owned(), Value::List(not_run));
        }
        response
    }
}
