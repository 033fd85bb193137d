//! One row at a time: the cells read into the same changes the API's mutations build, checked by the same
//! checks, then compared with the entry as it stands and written (while the import is still clean).

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{ActiveEnum, DatabaseTransaction, EntityTrait, Iterable};
use uuid::Uuid;

use super::write::{Changed, Conflict, Report};
use super::{CellError, Kind, Row, Table};
use crate::auth::Viewer;
use crate::auth::viewer::Actor;
use crate::db::entities::{authority, contact, network_contact_point, network_membership};
use crate::domain::{
    Channel, ContactPointRole, MembershipStatus, TransmissionMeans, UrgentChannel, Visibility, checks, enum_name,
};
use crate::error::{AppError, Invalid};
use crate::service::authorities::write::{self as authorities, AuthorityChanges};
use crate::service::contacts::write::{self as contacts, ContactChanges};
use crate::service::networks::{self, write as network_writes};
use crate::service::states;

/// What became of one row.
enum Outcome {
    Created,
    Updated,
    Unchanged,
    Conflict { id: String, row_version: Option<i32>, current_version: Option<i32>, message: String },
    Invalid,
}

/// The columns of one table, by name.
struct Header(HashMap<String, usize>);

impl Header {
    fn of(table: &Table) -> Result<Header, Vec<CellError>> {
        let mut columns = HashMap::new();
        let mut errors = Vec::new();
        for (i, raw) in table.header.iter().enumerate() {
            let name = raw.trim().trim_start_matches('\u{feff}').to_lowercase().replace([' ', '-'], "_");
            let error = |message: String| CellError {
                source: table.source.clone(),
                row: 1,
                column: Some(raw.clone()),
                message,
                problem: None,
            };
            if !table.kind.columns().contains(&name.as_str()) {
                let known = table.kind.columns().join(", ");
                errors.push(error(format!("not a column of {}; the columns are {known}", table.kind.name())));
            } else if columns.insert(name, i).is_some() {
                errors.push(error("is given twice".to_owned()));
            }
        }
        if errors.is_empty() { Ok(Header(columns)) } else { Err(errors) }
    }
}

/// One row's cells and the errors found in them.
struct Cells<'r> {
    header: &'r Header,
    row: &'r Row,
    source: &'r str,
    kind: Kind,
    errors: Vec<CellError>,
    /// The entry's cells as an export writes them now: a cell equal to its baseline is not a change, so it is
    /// neither checked nor written (a value stored before a check was tightened stays as it is until edited).
    baseline: Option<Vec<String>>,
}

/// Columns that name the entry rather than describe it: never compared with the baseline.
const KEYS: [&str; 5] = ["id", "version", "state", "authority_id", "network"];

/// A cell as compared with its baseline: trimmed, Windows line endings as `\n`, list items spaced one way.
fn normalized(column: &str, raw: &str) -> String {
    let text = raw.replace("\r\n", "\n");
    let text = text.trim();
    if super::is_list(column) {
        text.split(';').map(str::trim).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(super::LIST_SEPARATOR)
    } else {
        text.to_owned()
    }
}

/// The column a field of the API's checks names: `input.localName` → `local_name`, `input.names[0].name` → `names`.
fn column_of(field: &str) -> String {
    let field = field.strip_prefix("input.").unwrap_or(field);
    let field = field.split(['[', '.']).next().unwrap_or(field);
    let mut out = String::with_capacity(field.len() + 4);
    for c in field.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

impl<'r> Cells<'r> {
    /// What a person calls the row: its name, a membership's network and State, a contact point's label.
    fn label(&self) -> String {
        let raw = |column: &str| self.header.0.get(column).map(|i| self.row.cells[*i].trim()).filter(|v| !v.is_empty());
        match self.kind {
            Kind::Authorities | Kind::Contacts => raw("name").unwrap_or_default().to_owned(),
            Kind::Memberships => {
                format!("{} / {}", raw("network").unwrap_or_default(), raw("state").unwrap_or_default())
            }
            Kind::ContactPoints => raw("label").or(raw("authority")).or(raw("network")).unwrap_or_default().to_owned(),
        }
    }

    /// The cell under `column`, or `None` when the table has no such column or the cell is as the entry has it.
    fn get(&self, column: &str) -> Option<&'r str> {
        let cell = self.header.0.get(column).map(|i| self.row.cells[*i].as_str())?;
        let position = self.kind.columns().iter().position(|c| *c == column);
        match (&self.baseline, position) {
            (Some(base), Some(i))
                if !KEYS.contains(&column) && normalized(column, cell) == normalized(column, &base[i]) =>
            {
                None
            }
            _ => Some(cell),
        }
    }

    /// The cell trimmed, `None` when the column is absent or the cell empty.
    fn value(&self, column: &str) -> Option<&'r str> {
        self.get(column).map(str::trim).filter(|v| !v.is_empty())
    }

    /// An optional text field: absent column leaves it, an empty cell clears it.
    fn optional(&self, column: &str) -> Option<Option<String>> {
        self.get(column).map(|v| Some(v.to_owned()).filter(|v| !v.trim().is_empty()))
    }

    fn list(&self, column: &str) -> Option<Vec<String>> {
        self.get(column).map(|v| v.split(';').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect())
    }

    fn error(&mut self, column: &str, message: impl Into<String>) {
        self.refuse(column, message.into(), None);
    }

    fn refuse(&mut self, column: &str, message: String, problem: Option<Box<crate::error::Problem>>) {
        self.errors.push(CellError {
            source: self.source.to_owned(),
            row: self.row.number,
            column: Some(column.to_owned()),
            message,
            problem,
        });
    }

    /// Keeps an `Ok` value; a refusal the API would give a client becomes an error of `column` (or of the columns
    /// a `BAD_USER_INPUT` names); anything else (the database failing) is passed on.
    fn cell<T>(&mut self, column: &str, result: Result<T, AppError>) -> Result<Option<T>, AppError> {
        match result {
            Ok(v) => Ok(Some(v)),
            Err(AppError::BadUserInput { fields, message }) => {
                if fields.is_empty() {
                    self.error(column, message);
                }
                for f in fields {
                    self.refuse(&column_of(&f.field), f.message, f.problem);
                }
                Ok(None)
            }
            Err(e @ (AppError::Forbidden(_) | AppError::NotFound(_) | AppError::Conflict { .. })) => {
                self.error(column, e.to_string());
                Ok(None)
            }
            Err(other) => Err(other),
        }
    }

    fn one_of<E: ActiveEnum<Value = String> + Iterable>(&mut self, column: &str, raw: &str) -> Option<E> {
        let value = raw.trim().to_uppercase().replace([' ', '-'], "_");
        let found = E::try_from_value(&value).ok();
        if found.is_none() {
            let known: Vec<String> = E::iter().map(|e| enum_name(&e)).collect();
            self.error(column, format!("`{}` is not one of {}", crate::domain::shown(raw), known.join(", ")));
        }
        found
    }

    fn enums<E: ActiveEnum<Value = String> + Iterable>(&mut self, column: &str) -> Option<Vec<E>> {
        let items = self.list(column)?;
        Some(items.iter().filter_map(|raw| self.one_of::<E>(column, raw)).collect())
    }

    fn uuid(&mut self, column: &str) -> Option<Uuid> {
        let raw = self.value(column)?;
        let id = Uuid::parse_str(raw).ok();
        if id.is_none() {
            self.error(column, format!("`{}` is not an id of this directory", crate::domain::shown(raw)));
        }
        id
    }

    /// The row's `version`: `None` when empty (a new row), an error when not a whole number.
    fn version(&mut self) -> Option<i32> {
        let raw = self.value("version")?;
        let v = raw.parse::<i32>().ok().filter(|v| *v > 0);
        if v.is_none() {
            self.error(
                "version",
                format!("`{}` is not a version (a whole number from the export)", crate::domain::shown(raw)),
            );
        }
        v
    }

    fn required(&mut self, column: &str) -> Option<&'r str> {
        let v = self.value(column);
        if v.is_none() {
            self.error(column, "is required for a new entry");
        }
        v
    }
}

/// A row whose entry is no longer there (deleted or removed since the export): a conflict, never recreated.
fn gone(id: impl Into<String>, row_version: Option<i32>, message: &str) -> Outcome {
    Outcome::Conflict { id: id.into(), row_version, current_version: None, message: message.to_owned() }
}

/// A version check on a row that would change its entry.
fn versioned(cells: &mut Cells<'_>, id: String, row_version: Option<i32>, current: i32) -> Option<Outcome> {
    match row_version {
        None => {
            cells.error("version", "is needed to change an existing entry: export again to get it");
            Some(Outcome::Invalid)
        }
        Some(v) if v != current => Some(Outcome::Conflict {
            id,
            row_version: Some(v),
            current_version: Some(current),
            message: format!(
                "changed by someone else since the export (version {v}, now {current}); export again and redo the change"
            ),
        }),
        Some(_) => None,
    }
}

pub(super) struct Rows<'a> {
    txn: &'a DatabaseTransaction,
    viewer: &'a Viewer,
    actor: &'a Actor,
    report: Report,
    /// States' codes as given in cells, checked once each.
    states: HashMap<String, String>,
    /// Live authorities per State as the import has left them, by the skeleton of their name, for the
    /// duplicate-name rule (`authorities::duplicate_of`) without comparing each new row with every entry.
    by_state: HashMap<String, HashMap<String, authority::Model>>,
}

impl<'a> Rows<'a> {
    pub(super) fn new(txn: &'a DatabaseTransaction, viewer: &'a Viewer, actor: &'a Actor) -> Self {
        Self { txn, viewer, actor, report: Report::default(), states: HashMap::new(), by_state: HashMap::new() }
    }

    pub(super) fn finish(self) -> Report {
        self.report
    }

    pub(super) async fn table(&mut self, table: &Table, progress: &(dyn Fn() + Send + Sync)) -> Result<(), AppError> {
        let header = match Header::of(table) {
            Ok(h) => h,
            Err(errors) => {
                self.report.errors.extend(errors);
                return Ok(());
            }
        };
        for row in &table.rows {
            let mut cells = Cells {
                header: &header,
                row,
                source: &table.source,
                kind: table.kind,
                errors: Vec::new(),
                baseline: None,
            };
            let outcome = match table.kind {
                Kind::Authorities => self.authority(&mut cells).await?,
                Kind::Contacts => self.contact(&mut cells).await?,
                Kind::Memberships => self.membership(&mut cells).await?,
                Kind::ContactPoints => self.contact_point(&mut cells).await?,
            };
            let outcome = if cells.errors.is_empty() { outcome } else { Outcome::Invalid };
            self.report.errors.append(&mut cells.errors);
            let changed = |created| Changed {
                source: table.source.clone(),
                row: row.number,
                kind: table.kind,
                created,
                label: cells.label(),
            };
            match outcome {
                Outcome::Created => {
                    self.report.created += 1;
                    self.report.changed.push(changed(true));
                }
                Outcome::Updated => {
                    self.report.updated += 1;
                    self.report.changed.push(changed(false));
                }
                Outcome::Unchanged => self.report.unchanged += 1,
                Outcome::Conflict { id, row_version, current_version, message } => {
                    self.report.conflicts.push(Conflict {
                        source: table.source.clone(),
                        row: row.number,
                        kind: table.kind,
                        id,
                        row_version,
                        current_version,
                        message,
                    });
                }
                Outcome::Invalid => {}
            }
            progress();
        }
        Ok(())
    }

    /// Whether rows are still written: only while nothing has failed (the import will not be applied otherwise).
    fn writing(&self, cells: &Cells<'_>) -> bool {
        self.report.clean() && cells.errors.is_empty()
    }

    /// A State's code as `states::require_code` gives it, looked up once per spelling.
    async fn state_code(&mut self, raw: &str) -> Result<Result<String, AppError>, AppError> {
        if let Some(code) = self.states.get(raw) {
            return Ok(Ok(code.clone()));
        }
        match states::require_code(self.txn, "state", raw).await {
            Ok(code) => {
                self.states.insert(raw.to_owned(), code.clone());
                Ok(Ok(code))
            }
            Err(e @ AppError::BadUserInput { .. }) => Ok(Err(e)),
            Err(other) => Err(other),
        }
    }

    async fn of_state(&mut self, state: &str) -> Result<&mut HashMap<String, authority::Model>, AppError> {
        if !self.by_state.contains_key(state) {
            let list = crate::service::authorities::of_states(self.txn, &[state.to_owned()]).await?;
            let index = list.into_iter().map(|a| (crate::domain::skeleton(&a.name), a)).collect();
            self.by_state.insert(state.to_owned(), index);
        }
        Ok(self.by_state.entry(state.to_owned()).or_default())
    }

    async fn authority(&mut self, cells: &mut Cells<'_>) -> Result<Outcome, AppError> {
        let current = match cells.value("id") {
            None => None,
            Some(raw_id) => {
                let row_version = cells.version();
                let Some(id) = cells.uuid("id") else { return Ok(Outcome::Invalid) };
                let Some(current) = authority::Entity::find_by_id(id).one(self.txn).await? else {
                    cells.error("id", format!("no authority has the id {raw_id}"));
                    return Ok(Outcome::Invalid);
                };
                cells.cell("id", self.viewer.require_state(&current.state_iso3).map(|_| ()))?;
                if cells.value("state").is_some_and(|s| !s.eq_ignore_ascii_case(&current.state_iso3)) {
                    let message =
                        format!("the authority is {}'s: an authority never moves to another State", current.state_iso3);
                    cells.error("state", message);
                }
                if !cells.errors.is_empty() {
                    return Ok(Outcome::Invalid);
                }
                if current.deleted_at.is_some() {
                    let message =
                        "deleted since the export; add it again as a new row (without id) if it is still needed";
                    return Ok(gone(id.to_string(), row_version, message));
                }
                cells.baseline = super::authority_rows(self.txn, std::slice::from_ref(&current)).await?.pop();
                Some((current, row_version))
            }
        };
        let changes = AuthorityChanges {
            name: cells.get("name").map(str::to_owned),
            local_name: cells.optional("local_name"),
            acronym: cells.optional("acronym"),
            postal_address: cells.optional("postal_address"),
            city: cells.optional("city"),
            email: cells.optional("email"),
            phone: cells.optional("phone"),
            fax: cells.optional("fax"),
            website: cells.optional("website"),
            time_zone: cells.optional("time_zone"),
            office_hours: cells.optional("office_hours"),
            urgent_notes: cells.optional("urgent_notes"),
            requirements: cells.optional("requirements"),
            notes: cells.optional("notes"),
            languages: cells.list("languages"),
            names: None,
            channels: cells.enums::<Channel>("channels"),
            transmission_means: cells.enums::<TransmissionMeans>("transmission_means"),
            urgent_channels: cells.enums::<UrgentChannel>("urgent_channels"),
        };
        let mut invalid = Invalid::default();
        let changes = changes.check(&mut invalid)?;
        cells.cell("name", invalid.finish())?;
        let Some((current, row_version)) = current else {
            // A new authority.
            cells.required("name");
            let Some(raw_state) = cells.required("state") else { return Ok(Outcome::Invalid) };
            let Some(state) = cells.cell("state", self.state_code(raw_state).await?)? else {
                return Ok(Outcome::Invalid);
            };
            cells.cell("state", self.viewer.require_state(&state).map(|_| ()))?;
            if !cells.errors.is_empty() {
                return Ok(Outcome::Invalid);
            }
            let mut model = authority::Model::new(Uuid::new_v4(), &state, String::new(), crate::domain::now());
            changes.apply(&mut model);
            let looks = crate::domain::skeleton(&model.name);
            if let Some(existing) = self.of_state(&state).await?.get(&looks) {
                let refused = authorities::duplicate(&model, existing);
                cells.cell::<()>("name", Err(refused))?;
                return Ok(Outcome::Invalid);
            }
            if self.writing(cells) {
                let model = authorities::insert_in(self.txn, self.actor, model, &changes).await?;
                self.of_state(&state).await?.insert(looks, model);
            }
            return Ok(Outcome::Created);
        };
        if !cells.errors.is_empty() {
            return Ok(Outcome::Invalid);
        }
        if !authorities::would_change(self.txn, &current, &changes).await? {
            return Ok(Outcome::Unchanged);
        }
        if let Some(outcome) = versioned(cells, current.id.to_string(), row_version, current.version) {
            return Ok(outcome);
        }
        if self.writing(cells) {
            let state = current.state_iso3.clone();
            if let Some(next) = authorities::update_in(self.txn, self.actor, current, &changes).await? {
                let index = self.of_state(&state).await?;
                index.retain(|_, a| a.id != next.id);
                index.insert(crate::domain::skeleton(&next.name), next);
            }
        }
        Ok(Outcome::Updated)
    }

    async fn contact(&mut self, cells: &mut Cells<'_>) -> Result<Outcome, AppError> {
        let current = match cells.value("id") {
            None => None,
            Some(raw_id) => {
                let row_version = cells.version();
                let Some(id) = cells.uuid("id") else { return Ok(Outcome::Invalid) };
                let Some(current) = contact::Entity::find_by_id(id).one(self.txn).await? else {
                    let message = "removed since the export (or never in this directory)";
                    return Ok(gone(raw_id.to_owned(), row_version, message));
                };
                let Some(authority) = authority::Entity::find_by_id(current.authority_id).one(self.txn).await? else {
                    return Err(AppError::internal("a contact's authority is missing"));
                };
                cells.cell("id", self.viewer.require_state(&authority.state_iso3).map(|_| ()))?;
                if cells.value("authority_id").is_some_and(|a| Uuid::parse_str(a).ok() != Some(authority.id)) {
                    cells
                        .error("authority_id", "a contact never moves to another authority: add it there as a new row");
                }
                if !cells.errors.is_empty() {
                    return Ok(Outcome::Invalid);
                }
                if authority.deleted_at.is_some() {
                    let message = "its authority was deleted since the export";
                    return Ok(gone(id.to_string(), row_version, message));
                }
                cells.baseline = Some(super::contact_cells(&current, &authority.name));
                Some((current, authority, row_version))
            }
        };
        let visibility = match cells.get("visibility").map(str::trim).filter(|v| !v.is_empty()) {
            Some(raw) => cells.one_of::<Visibility>("visibility", raw),
            None => None,
        };
        let changes = ContactChanges {
            name: cells.get("name").map(str::to_owned),
            position: cells.optional("position"),
            email: cells.optional("email"),
            phone: cells.optional("phone"),
            languages: cells.list("languages"),
            visibility,
        };
        let mut invalid = Invalid::default();
        let changes = changes.check(&mut invalid)?;
        cells.cell("name", invalid.finish())?;
        let Some((current, authority, row_version)) = current else {
            cells.required("name");
            let Some(_) = cells.required("authority_id") else { return Ok(Outcome::Invalid) };
            let Some(authority_id) = cells.uuid("authority_id") else { return Ok(Outcome::Invalid) };
            let found = crate::service::authorities::find_live(self.txn, authority_id).await;
            let Some(authority) = cells.cell("authority_id", found)? else { return Ok(Outcome::Invalid) };
            cells.cell("authority_id", self.viewer.require_state(&authority.state_iso3).map(|_| ()))?;
            if self.writing(cells) {
                contacts::insert_in(self.txn, self.actor, authority.id, &authority.state_iso3, changes).await?;
            }
            return Ok(Outcome::Created);
        };
        if !cells.errors.is_empty() {
            return Ok(Outcome::Invalid);
        }
        let mut probe = current.clone();
        changes.clone().apply(&mut probe);
        if probe == current {
            return Ok(Outcome::Unchanged);
        }
        if let Some(outcome) = versioned(cells, current.id.to_string(), row_version, current.version) {
            return Ok(outcome);
        }
        if self.writing(cells) {
            contacts::update_in(self.txn, self.actor, current, &authority.state_iso3, changes).await?;
        }
        Ok(Outcome::Updated)
    }

    async fn membership(&mut self, cells: &mut Cells<'_>) -> Result<Outcome, AppError> {
        let (Some(raw_network), Some(raw_state)) = (cells.required("network"), cells.required("state")) else {
            return Ok(Outcome::Invalid);
        };
        let network = cells.cell("network", networks::require_code(self.txn, "network", raw_network).await)?;
        let state = cells.cell("state", self.state_code(raw_state).await?)?;
        let (Some(network), Some(state)) = (network, state) else { return Ok(Outcome::Invalid) };
        cells.cell("network", self.viewer.require_network(&network).map(|_| ()))?;
        let row_version = cells.version();
        let current = network_membership::Entity::find_by_id((network.clone(), state.clone())).one(self.txn).await?;
        cells.baseline = current.as_ref().map(super::membership_cells);
        let status = match cells.get("status").map(str::trim).filter(|v| !v.is_empty()) {
            Some(raw) => cells.one_of::<MembershipStatus>("status", raw),
            None => None,
        };
        let since = match cells.get("since").map(str::trim).filter(|v| !v.is_empty()) {
            Some(raw) => {
                let d = NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok();
                if d.is_none() {
                    cells.error("since", format!("`{}` is not a date (YYYY-MM-DD)", crate::domain::shown(raw)));
                }
                d
            }
            None => None,
        };
        let note = match cells.get("note") {
            Some(raw) => cells.cell("note", checks::free_text("note", raw))?.flatten(),
            None => None,
        };
        let key = format!("{network}/{state}");
        let Some(current) = current else {
            if row_version.is_some() {
                let message = "removed from the network since the export";
                return Ok(Outcome::Conflict { id: key, row_version, current_version: None, message: message.into() });
            }
            let Some(status) = status else {
                if cells.value("status").is_none() {
                    cells.error("status", "is required for a new entry");
                }
                return Ok(Outcome::Invalid);
            };
            if self.writing(cells) {
                let key = (network.as_str(), state.as_str());
                network_writes::put_membership_in(self.txn, self.actor, None, key, status, since, note).await?;
            }
            return Ok(Outcome::Created);
        };
        if !cells.errors.is_empty() {
            return Ok(Outcome::Invalid);
        }
        let status = status.unwrap_or(current.status);
        let since = if cells.get("since").is_some() { since } else { current.since };
        let note = if cells.get("note").is_some() { note } else { current.note.clone() };
        if status == current.status && since == current.since && note == current.note {
            return Ok(Outcome::Unchanged);
        }
        if let Some(outcome) = versioned(cells, key, row_version, current.version) {
            return Ok(outcome);
        }
        if self.writing(cells) {
            let key = (network.as_str(), state.as_str());
            network_writes::put_membership_in(self.txn, self.actor, Some(current), key, status, since, note).await?;
        }
        Ok(Outcome::Updated)
    }

    async fn contact_point(&mut self, cells: &mut Cells<'_>) -> Result<Outcome, AppError> {
        let current = match cells.value("id") {
            None => None,
            Some(raw_id) => {
                let row_version = cells.version();
                let Some(id) = cells.uuid("id") else { return Ok(Outcome::Invalid) };
                let Some(current) = network_contact_point::Entity::find_by_id(id).one(self.txn).await? else {
                    let message = "removed since the export (or never in this directory)";
                    return Ok(gone(raw_id.to_owned(), row_version, message));
                };
                cells.cell("id", self.viewer.require_network(&current.network_code).map(|_| ()))?;
                if cells.value("network").is_some_and(|n| !n.eq_ignore_ascii_case(&current.network_code)) {
                    cells.error("network", "a contact point never moves to another network: add it there as a new row");
                }
                if cells.value("authority_id").is_some_and(|a| Uuid::parse_str(a).ok() != Some(current.authority_id)) {
                    cells
                        .error("authority_id", "a contact point never moves to another authority: add it as a new row");
                }
                let Some(authority) = authority::Entity::find_by_id(current.authority_id).one(self.txn).await? else {
                    return Err(AppError::internal("a contact point's authority is missing"));
                };
                cells.baseline = Some(super::contact_point_cells(&current, &authority.name));
                Some((current, authority, row_version))
            }
        };
        let role = match cells.get("role").map(str::trim).filter(|v| !v.is_empty()) {
            Some(raw) => cells.one_of::<ContactPointRole>("role", raw),
            None => None,
        };
        let label = match cells.get("label") {
            Some(raw) => Some(cells.cell("label", checks::short("label", raw))?.flatten()),
            None => None,
        };
        let Some((current, authority, row_version)) = current else {
            let (Some(raw_network), Some(_), Some(_)) =
                (cells.required("network"), cells.required("authority_id"), cells.required("role"))
            else {
                return Ok(Outcome::Invalid);
            };
            let network = cells.cell("network", networks::require_code(self.txn, "network", raw_network).await)?;
            let Some(network) = network else { return Ok(Outcome::Invalid) };
            cells.cell("network", self.viewer.require_network(&network).map(|_| ()))?;
            let Some(authority_id) = cells.uuid("authority_id") else { return Ok(Outcome::Invalid) };
            let found = crate::service::authorities::find_live(self.txn, authority_id).await;
            let Some(authority) = cells.cell("authority_id", found)? else { return Ok(Outcome::Invalid) };
            let Some(role) = role else { return Ok(Outcome::Invalid) };
            if self.writing(cells) {
                let added = network_writes::add_contact_point_in(
                    self.txn,
                    self.actor,
                    &network,
                    &authority,
                    role,
                    label.flatten(),
                )
                .await;
                cells.cell("authority_id", added)?;
            }
            return Ok(Outcome::Created);
        };
        if !cells.errors.is_empty() {
            return Ok(Outcome::Invalid);
        }
        let role = role.unwrap_or(current.role);
        let label = label.unwrap_or_else(|| current.label.clone());
        if role == current.role && label == current.label {
            return Ok(Outcome::Unchanged);
        }
        if let Some(outcome) = versioned(cells, current.id.to_string(), row_version, current.version) {
            return Ok(outcome);
        }
        if self.writing(cells) {
            let updated = network_writes::update_contact_point_in(
                self.txn,
                self.actor,
                current,
                &authority.state_iso3,
                role,
                label,
            )
            .await;
            cells.cell("role", updated)?;
        }
        Ok(Outcome::Updated)
    }
}
