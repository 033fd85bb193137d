use cna_directory::{db::entities::contact, domain::Visibility};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

use crate::helpers::spawn_app_with_demo;

/// Restricted contacts exist, and no path of the API shows one to an anonymous reader.
#[tokio::test]
async fn restricted_contacts_never_reach_anonymous_readers() {
    let app = spawn_app_with_demo().await;
    let restricted = contact::Entity::find()
        .filter(contact::Column::Visibility.eq(Visibility::Restricted))
        .count(&app.db)
        .await
        .unwrap();
    assert!(restricted > 0);
    let contacts = "contacts { name email visibility }";
    let queries = [
        format!("{{ authorities(first: 100) {{ nodes {{ {contacts} }} }} }}"),
        format!("{{ state(iso3: \"FRA\") {{ authorities {{ nodes {{ {contacts} }} }} }} }}"),
        format!("{{ network(code: \"CARIN\") {{ contactPoints {{ authority {{ {contacts} }} }} }} }}"),
        format!(
            "{{ route(from: \"FRA\", to: \"ESP\", function: MUTUAL_LEGAL_ASSISTANCE) {{ authorities {{ {contacts} }} contactPoints {{ authority {{ {contacts} }} }} }} }}"
        ),
        format!(
            "{{ authorities(first: 100) {{ nodes {{ designations {{ authority {{ {contacts} }} }} networks {{ authority {{ {contacts} }} }} }} }} }}"
        ),
    ];
    for query in &queries {
        let body = app.gql(query, json!({}), None).await;
        assert!(body.get("errors").is_none(), "{body:#}");
        let text = body.to_string();
        assert!(text.contains("PUBLIC"), "public contacts are shown: {query}");
        assert!(
            !text.contains("RESTRICTED") && !text.contains("Sample Officer"),
            "restricted contact leaked by {query}"
        );
    }
}
