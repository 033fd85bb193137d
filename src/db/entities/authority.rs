use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "authorities")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub state_iso3: String,
    pub name: String,
    pub local_name: Option<String>,
    pub acronym: Option<String>,
    pub postal_address: Option<String>,
    pub city: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub fax: Option<String>,
    pub website: Option<String>,
    pub time_zone: Option<String>,
    pub office_hours: Option<String>,
    pub urgent_notes: Option<String>,
    pub requirements: Option<String>,
    pub notes: Option<String>,
    pub search_text: String,
    pub version: i32,
    pub last_confirmed_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
    /// The name in more languages, by ISO 639 code: `{"fr": "…", "es": "…"}`.
    pub names: Option<Json>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// A new authority of `state` at version 1, confirmed at `at`, with every optional field empty; callers set
    /// what they have with struct-update syntax and then call [`Model::with_search_text`].
    pub fn new(id: Uuid, state: &str, name: String, at: DateTimeUtc) -> Self {
        Self {
            id,
            state_iso3: state.to_owned(),
            name,
            local_name: None,
            acronym: None,
            postal_address: None,
            city: None,
            email: None,
            phone: None,
            fax: None,
            website: None,
            time_zone: None,
            office_hours: None,
            urgent_notes: None,
            requirements: None,
            notes: None,
            search_text: String::new(),
            version: 1,
            last_confirmed_at: Some(at),
            created_at: at,
            updated_at: at,
            deleted_at: None,
            names: None,
        }
    }

    /// The text searches match: names (in every language given), acronym and city, folded. Kept beside the row because every writer of
    /// authorities (the API, `demo`, the synthetic loader) must store the same formula.
    pub fn search_text(&self) -> String {
        let parts = [Some(&self.name), self.local_name.as_ref(), self.acronym.as_ref(), self.city.as_ref()];
        let mut text: Vec<&str> = parts.into_iter().flatten().map(String::as_str).collect();
        if let Some(serde_json::Value::Object(names)) = &self.names {
            text.extend(names.values().filter_map(serde_json::Value::as_str));
        }
        crate::domain::fold(&text.join(" "))
    }

    /// The row with its search text brought up to date.
    pub fn with_search_text(mut self) -> Self {
        self.search_text = self.search_text();
        self
    }
}
