//! A focal point keeps its State's entries: create, designate, add contacts, update with the right version, meet
//! a conflict with a stale one, read the history; and every rejected change writes nothing.

use cna_directory::db::entities::change;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

use crate::helpers::{TestApp, error_code, spawn_app, token};

pub const CREATE: &str = "mutation($input: AuthorityInput!) { createAuthority(input: $input) {
  id version name localName phone email website timeZone languages channels transmissionMeans urgentChannels
  lastConfirmedAt state { iso3 } } }";
pub const UPDATE: &str = "mutation($id: ID!, $v: Int!, $input: AuthorityPatch!) {
  updateAuthority(id: $id, expectedVersion: $v, input: $input) { id version name city languages phone } }";

/// `authority_input()` under a name of its own: one State cannot have two authorities of the same name.
pub fn another_authority_input() -> Value {
    let mut input = authority_input();
    input["name"] = json!(format!("Bureau {}", uuid::Uuid::new_v4().simple()));
    input
}

pub fn authority_input() -> Value {
    json!({
        "state": "FRA",
        "name": "  Ministe\u{300}re de la Justice, Bureau de l'entraide  ",
        "localName": "Bureau de l'entraide pénale internationale",
        "email": "entraide@justice.example",
        "phone": "+33 1 42 75 80 00",
        "website": "https://justice.example/entraide",
        "timeZone": "Europe/Paris",
        "languages": ["fra", "en"],
        "channels": ["CENTRAL_AUTHORITY", "DIRECT"],
        "transmissionMeans": ["EMAIL", "POST"],
        "urgentChannels": ["INTERPOL"],
        "urgentNotes": "Call the duty magistrate.\\nThen send the request by e-mail."
    })
}

pub async fn changes(app: &TestApp) -> u64 {
    change::Entity::find().count(&app.db).await.unwrap()
}

#[tokio::test]
async fn a_focal_point_keeps_its_entries_current() {
    let app = spawn_app().await;
    let fra = token("focal_point", Some("FRA"), None);

    let created = app.data_as(&fra, CREATE, json!({ "input": authority_input() })).await;
    let a = &created["createAuthority"];
    assert_eq!(a["version"], 1);
    assert_eq!(a["name"], "Ministère de la Justice, Bureau de l'entraide", "trimmed and stored in NFC");
    assert_eq!(a["phone"], "+33142758000", "stored in E.164");
    assert_eq!(a["languages"], json!(["fr", "en"]), "canonical ISO 639 codes");
    assert_eq!(a["state"]["iso3"], "FRA");
    assert!(a["lastConfirmedAt"].is_string());
    let id = a["id"].as_str().unwrap().to_owned();

    let d = app
        .data_as(
            &fra,
            "mutation($id: ID!) { addDesignation(authorityId: $id, input: {legalBasis: \"untoc_18_13\", notifiedOn: \"2004-05-29\", conventionAcceptedAsLegalBasis: true}) { id legalBasis { code function } notifiedOn } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(d["addDesignation"]["legalBasis"]["code"], "UNTOC_18_13");
    let c = app
        .data_as(
            &fra,
            "mutation($id: ID!) { addContact(authorityId: $id, input: {name: \"Duty magistrate\", phone: \"+33142758001\", languages: [\"fr\"]}) { id version visibility } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(c["addContact"]["visibility"], "RESTRICTED", "contacts are restricted unless said otherwise");

    let updated =
        app.data_as(&fra, UPDATE, json!({ "id": id, "v": 1, "input": { "city": "Paris", "phone": null } })).await;
    assert_eq!(updated["updateAuthority"]["version"], 2);
    assert_eq!(updated["updateAuthority"]["city"], "Paris");
    assert!(updated["updateAuthority"]["phone"].is_null(), "null clears a field");
    assert_eq!(updated["updateAuthority"]["languages"], json!(["fr", "en"]), "absent fields stay");

    let before = changes(&app).await;
    let stale = app.gql(UPDATE, json!({ "id": id, "v": 1, "input": { "city": "Lyon" } }), Some(&fra)).await;
    assert_eq!(error_code(&stale), "CONFLICT");
    assert_eq!(stale["errors"][0]["extensions"]["currentVersion"], 2);
    assert_eq!(changes(&app).await, before, "a rejected change writes nothing");

    let confirmed = app
        .data_as(
            &fra,
            "mutation($id: ID!) { confirmAuthority(id: $id) { version lastConfirmedAt } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(confirmed["confirmAuthority"]["version"], 3);

    let history = app
        .data_as(
            &fra,
            "query($id: ID!) { authority(id: $id) { contacts { name } history { totalCount nodes { action actorSub actorRole state entity before after } } } }",
            json!({ "id": id }),
        )
        .await;
    let h = &history["authority"]["history"];
    // The authority's history holds its designations' and contacts' changes beside its own.
    assert_eq!(h["totalCount"], 5);
    let of = |key: &str| -> Vec<String> {
        h["nodes"].as_array().unwrap().iter().map(|n| n[key].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(of("action"), ["CREATE", "CREATE", "CREATE", "UPDATE", "UPDATE"]);
    assert_eq!(of("entity"), ["authority", "designation", "contact", "authority", "authority"]);
    assert_eq!(h["nodes"][0]["actorRole"], "focal_point");
    assert_eq!(h["nodes"][0]["state"], "FRA");
    assert!(h["nodes"][0]["before"].is_null());
    assert_eq!(h["nodes"][3]["before"]["city"], Value::Null);
    assert_eq!(h["nodes"][3]["after"]["city"], "Paris");
    assert_eq!(h["nodes"][0]["after"]["stateIso3"], "FRA", "the API's names: {h}");
    assert!(h["nodes"][0]["after"].get("searchText").is_none() && h["nodes"][0]["after"].get("state_iso3").is_none());
    assert_eq!(
        history["authority"]["contacts"][0]["name"], "Duty magistrate",
        "signed-in viewers see restricted contacts"
    );

    let anonymous =
        app.gql("query($id: ID!) { authority(id: $id) { contacts { name } } }", json!({ "id": id }), None).await;
    assert_eq!(anonymous["data"]["authority"]["contacts"], json!([]), "anonymous readers do not");
    let anonymous =
        app.gql("query($id: ID!) { authority(id: $id) { history { totalCount } } }", json!({ "id": id }), None).await;
    assert_eq!(error_code(&anonymous), "UNAUTHENTICATED");

    let deleted = app
        .data_as(&fra, "mutation($id: ID!) { deleteAuthority(id: $id, expectedVersion: 3) }", json!({ "id": id }))
        .await;
    assert_eq!(deleted["deleteAuthority"], id.as_str());
    let gone = app.data("query($id: ID!) { authority(id: $id) { id } }", json!({ "id": id })).await;
    assert!(gone["authority"].is_null());
    let feed = app
        .data_as(
            &fra,
            "{ changes(filter: {state: \"FRA\", entity: \"authority\"}) { nodes { action entityId } } }",
            json!({}),
        )
        .await;
    let last = feed["changes"]["nodes"].as_array().unwrap().last().cloned().unwrap();
    assert_eq!(last, json!({ "action": "DELETE", "entityId": id }), "deleted, and kept in the history");
}

#[tokio::test]
async fn concurrent_updates_with_one_version_have_one_winner() {
    let app = spawn_app().await;
    let fra = token("focal_point", Some("FRA"), None);
    let created = app.data_as(&fra, CREATE, json!({ "input": authority_input() })).await;
    let id = created["createAuthority"]["id"].as_str().unwrap().to_owned();
    let before = changes(&app).await;
    let racers = (0..8).map(|i| {
        let (app, fra, id) = (&app, &fra, &id);
        async move {
            app.gql(UPDATE, json!({ "id": id, "v": 1, "input": { "city": format!("City {i}") } }), Some(fra)).await
        }
    });
    let results = futures_util::future::join_all(racers).await;
    let wins = results.iter().filter(|r| r.get("errors").is_none()).count();
    let conflicts = results.iter().filter(|r| r.get("errors").is_some() && error_code(r) == "CONFLICT").count();
    assert_eq!((wins, conflicts), (1, 7), "{results:#?}");
    assert_eq!(changes(&app).await, before + 1, "one audit row, for the winner");
    let now = app.data("query($id: ID!) { authority(id: $id) { version } }", json!({ "id": id })).await;
    assert_eq!(now["authority"]["version"], 2);
}

#[tokio::test]
async fn duplicates_are_conflicts() {
    let app = spawn_app().await;
    let fra = token("focal_point", Some("FRA"), None);
    let created = app.data_as(&fra, CREATE, json!({ "input": authority_input() })).await;
    let id = created["createAuthority"]["id"].clone();
    let add = "mutation($id: ID!) { addDesignation(authorityId: $id, input: {legalBasis: \"UNCAC_46_13\"}) { id } }";
    app.data_as(&fra, add, json!({ "id": id })).await;
    let before = changes(&app).await;
    let again = app.gql(add, json!({ "id": id }), Some(&fra)).await;
    assert_eq!(error_code(&again), "CONFLICT");
    assert_eq!(again["errors"][0]["extensions"]["fields"][0]["field"], "input.legalBasis", "names the duplicate");
    assert_eq!(changes(&app).await, before);
}

#[tokio::test]
async fn the_same_membership_twice_is_a_conflict() {
    let app = spawn_app().await;
    let ejn = token("network_secretariat", None, Some("EJN"));
    let set = "mutation($s: MembershipStatus!) { setNetworkMembership(network: \"EJN\", state: \"NOR\", status: $s) { status } }";
    app.data_as(&ejn, set, json!({ "s": "OBSERVER" })).await;
    let before = changes(&app).await;
    let again = app.gql(set, json!({ "s": "OBSERVER" }), Some(&ejn)).await;
    assert_eq!(error_code(&again), "CONFLICT");
    assert_eq!(again["errors"][0]["extensions"]["fields"][0]["field"], "state", "names the duplicate");
    assert_eq!(changes(&app).await, before);
    let changed = app.data_as(&ejn, set, json!({ "s": "ASSOCIATE" })).await;
    assert_eq!(changed["setNetworkMembership"]["status"], "ASSOCIATE", "a new status is a change");
}

#[tokio::test]
async fn an_authority_carries_its_name_in_more_languages() {
    let app = spawn_app().await;
    let fra = token("focal_point", Some("FRA"), None);
    let mut input = authority_input();
    input["names"] = json!([
        { "language": "en", "name": "Office for International Mutual Assistance in Criminal Matters" },
        { "language": "es", "name": "Oficina de Asistencia Judicial Internacional" },
    ]);
    let created = app.data_as(&fra, CREATE, json!({ "input": input })).await;
    let id = created["createAuthority"]["id"].clone();
    let q = r#"query($id: ID!) { authority(id: $id) { fr: name en: name(language: "en") es: name(language: "spa")
        ar: name(language: "ar") names { language name } } }"#;
    let a = app.data(q, json!({ "id": id })).await["authority"].clone();
    assert_eq!(a["es"], "Oficina de Asistencia Judicial Internacional", "ISO 639-3 asks for the same language");
    assert_eq!(a["en"], "Office for International Mutual Assistance in Criminal Matters");
    assert_eq!(a["ar"], a["fr"], "a language not given falls back to the name");
    assert_eq!(a["names"].as_array().unwrap().len(), 2);
    let found = app.data(r#"{ authorities(filter: {search: "asistencia judicial"}) { totalCount } }"#, json!({})).await;
    assert_eq!(found["authorities"]["totalCount"], 1, "a name in another language is searched too");

    let mut twice = authority_input();
    twice["names"] = json!([{ "language": "es", "name": "Uno" }, { "language": "spa", "name": "Dos" }]);
    let body = app.gql(CREATE, json!({ "input": twice }), Some(&fra)).await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["fields"][0]["field"], "input.names[1].language");

    let clear = "mutation($id: ID!) { updateAuthority(id: $id, expectedVersion: 1, input: {names: null}) { version } }";
    app.data_as(&fra, clear, json!({ "id": id })).await;
    let a = app.data(q, json!({ "id": id })).await["authority"].clone();
    assert!(a["names"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn nothing_changed_is_no_change_and_null_is_no_name() {
    let app = spawn_app().await;
    let fra = token("focal_point", Some("FRA"), None);
    let created = app.data_as(&fra, CREATE, json!({ "input": authority_input() })).await;
    let id = created["createAuthority"]["id"].clone();
    let name = created["createAuthority"]["name"].clone();
    let before = changes(&app).await;
    let same = app
        .data_as(&fra, UPDATE, json!({ "id": id, "v": 1, "input": { "name": name, "languages": ["fr", "en"] } }))
        .await;
    assert_eq!(same["updateAuthority"]["version"], 1, "a patch that changes nothing keeps the version");
    assert_eq!(changes(&app).await, before, "and writes no feed entry");

    let null = app.gql(UPDATE, json!({ "id": id, "v": 1, "input": { "name": null } }), Some(&fra)).await;
    assert_eq!(error_code(&null), "BAD_USER_INPUT", "{null}");
    assert_eq!(null["errors"][0]["extensions"]["fields"][0]["field"], "input.name");

    // The same authority twice (a form sent again) is a conflict naming the field.
    let mut again = authority_input();
    again["name"] = json!("MINISTERE DE LA JUSTICE, bureau de l'entraide");
    let body = app.gql(CREATE, json!({ "input": again }), Some(&fra)).await;
    assert_eq!(error_code(&body), "CONFLICT", "{body}");
    assert_eq!(body["errors"][0]["extensions"]["fields"][0]["field"], "input.name");
    // Look-alikes: Cyrillic М and е, fullwidth and mathematical bold letters, a variation selector (UTS #39).
    for look_alike in [
        "\u{041C}inist\u{0435}re de la Justice, Bureau de l'entraide",
        "\u{FF2D}inistère de la Justice, Bureau de l'entraide",
        "\u{1D40C}inistère de la Justice, Bureau de l'entraide",
        "Ministère\u{FE0F} de la Justice, Bureau de l'entraide",
    ] {
        let mut spoof = authority_input();
        spoof["name"] = json!(look_alike);
        let body = app.gql(CREATE, json!({ "input": spoof }), Some(&fra)).await;
        assert_eq!(error_code(&body), "CONFLICT", "{look_alike}: {body}");
        let message = body["errors"][0]["message"].as_str().unwrap();
        assert!(message.contains("looks the same") || message.contains("named"), "{body}");
    }
}

/// A confirmation holds for CNA_REVIEW_MONTHS; then the entry is stale and due.
#[tokio::test]
async fn entries_fall_due_after_the_review_period() {
    let q = "query($id: ID!) { authority(id: $id) { stale reviewDueAt lastConfirmedAt } }";
    for (months, stale) in [(6, true), (12, false)] {
        let app = crate::helpers::spawn_app_with(|s| s.limits.review_months = months).await;
        let fra = token("focal_point", Some("FRA"), None);
        let created = app.data_as(&fra, CREATE, json!({ "input": authority_input() })).await;
        let id = created["createAuthority"]["id"].as_str().unwrap().to_owned();
        let fresh = app.data(q, json!({ "id": id })).await["authority"].clone();
        assert_eq!(fresh["stale"], false, "just confirmed");
        let seven_months_ago = chrono::Utc::now() - chrono::Duration::days(213);
        use cna_directory::db::entities::authority;
        use sea_orm::{ColumnTrait, QueryFilter, sea_query::Expr};
        authority::Entity::update_many()
            .col_expr(authority::Column::LastConfirmedAt, Expr::value(seven_months_ago))
            .filter(authority::Column::Id.eq(uuid::Uuid::parse_str(&id).unwrap()))
            .exec(&app.db)
            .await
            .unwrap();
        let old = app.data(q, json!({ "id": id })).await["authority"].clone();
        assert_eq!(old["stale"], stale, "confirmed seven months ago, review every {months} months: {old}");
        assert!(old["reviewDueAt"].is_string());
    }
}

/// A focal point's session: the to-do list, then everything reviewed confirmed in one mutation, all or nothing.
#[tokio::test]
async fn a_focal_point_reviews_and_confirms_in_one_sitting() {
    use cna_directory::db::entities::authority;
    use sea_orm::{ColumnTrait, QueryFilter, sea_query::Expr};
    let app = spawn_app().await;
    let fra = token("focal_point", Some("FRA"), None);
    let mut ids = Vec::new();
    for _ in 0..3 {
        let created = app.data_as(&fra, CREATE, json!({ "input": another_authority_input() })).await;
        ids.push(created["createAuthority"]["id"].as_str().unwrap().to_owned());
    }
    let old = chrono::Utc::now() - chrono::Duration::days(400);
    authority::Entity::update_many()
        .col_expr(authority::Column::LastConfirmedAt, Expr::value(old))
        .filter(authority::Column::StateIso3.eq("FRA"))
        .exec(&app.db)
        .await
        .unwrap();
    let review = "{ me { review { stale { id } dueSoon { id } missing { code } } } }";
    let todo = app.data_as(&fra, review, json!({})).await;
    assert_eq!(todo["me"]["review"]["stale"].as_array().unwrap().len(), 3, "{todo}");
    assert!(!todo["me"]["review"]["missing"].as_array().unwrap().is_empty(), "France owes more legal bases");

    let before = changes(&app).await;
    let confirm = "mutation($ids: [ID!]!) { confirmAuthorities(ids: $ids) { id stale } }";
    // All or nothing: one id of another State refuses the whole confirmation.
    let deu = token("focal_point", Some("DEU"), None);
    let mut input = another_authority_input();
    input["state"] = json!("DEU");
    let other = app.data_as(&deu, CREATE, json!({ "input": input })).await["createAuthority"]["id"].clone();
    let after_other = changes(&app).await;
    let mixed = app.gql(confirm, json!({ "ids": [ids[0], ids[1], other] }), Some(&fra)).await;
    assert_eq!(error_code(&mixed), "FORBIDDEN", "{mixed}");
    assert_eq!(changes(&app).await, after_other, "nothing confirmed");
    let done = app.data_as(&fra, confirm, json!({ "ids": ids })).await;
    assert!(done["confirmAuthorities"].as_array().unwrap().iter().all(|a| a["stale"] == false));
    assert_eq!(changes(&app).await, after_other + 3, "one audit row each");
    assert!(before < after_other);
    let todo = app.data_as(&fra, review, json!({})).await;
    assert!(todo["me"]["review"]["stale"].as_array().unwrap().is_empty(), "{todo}");
}
