use cna_directory::db::{
    entities::{network_membership, state},
    reference,
};
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, PaginatorTrait, Set};
use serde_json::json;

use crate::helpers::spawn_app;

#[tokio::test]
async fn loading_again_changes_nothing() {
    let app = spawn_app().await;
    let states = state::Entity::find().count(&app.db).await.unwrap();
    let memberships = network_membership::Entity::find().count(&app.db).await.unwrap();
    assert_eq!(reference::load(&app.db).await.unwrap(), 0);
    assert_eq!(state::Entity::find().count(&app.db).await.unwrap(), states);
    assert_eq!(network_membership::Entity::find().count(&app.db).await.unwrap(), memberships);
}

#[tokio::test]
async fn loading_never_restores_what_was_changed_later() {
    let app = spawn_app().await;
    let fra = state::Entity::find_by_id("FRA").one(&app.db).await.unwrap().unwrap();
    let mut renamed = fra.into_active_model();
    renamed.name = Set("République française".into());
    renamed.update(&app.db).await.unwrap();
    network_membership::Entity::delete_by_id(("EJN".to_owned(), "FRA".to_owned())).exec(&app.db).await.unwrap();

    assert_eq!(reference::load(&app.db).await.unwrap(), 0);

    let data = app.data(r#"{ state(iso3: "FRA") { name memberships { network { code } } } }"#, json!({})).await;
    assert_eq!(data["state"]["name"], "République française");
    let networks: Vec<&str> = data["state"]["memberships"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["network"]["code"].as_str().unwrap())
        .collect();
    assert!(!networks.contains(&"EJN"), "a removed membership stays removed: {networks:?}");
}

#[test]
fn shipped_data_is_consistent() {
    let data = reference::ReferenceData::shipped().expect("data files parse");
    let codes: std::collections::HashSet<&str> = data.states().iter().map(|s| s.iso3.as_str()).collect();
    for s in data.states() {
        assert_eq!(s.iso3.len(), 3, "{s:?}");
        assert!(s.iso2.as_ref().is_none_or(|c| c.len() == 2), "{s:?}");
        assert!(s.m49.as_ref().is_none_or(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_digit())), "{s:?}");
        assert!(s.parent_iso3.as_deref().is_none_or(|p| codes.contains(p)), "{s:?}");
    }
    for m in data.memberships() {
        assert!(codes.contains(m.state_iso3.as_str()), "{m:?}");
    }
}
