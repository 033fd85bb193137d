//! Every role against every mutation: allowed ones write exactly one audit row, the others are refused with the
//! right code and write nothing.

use serde_json::{Value, json};

use crate::helpers::{TestApp, error_code, spawn_app, token};
use crate::writes::{CREATE, another_authority_input, authority_input, changes};

#[derive(Clone, Copy, PartialEq, Debug)]
enum Who {
    Anonymous,
    Reader,
    FocalFra,
    FocalDeu,
    SecretariatEjn,
    SecretariatCarin,
    Admin,
}

const EVERYONE: [Who; 7] =
    [Who::Anonymous, Who::Reader, Who::FocalFra, Who::FocalDeu, Who::SecretariatEjn, Who::SecretariatCarin, Who::Admin];

fn token_of(who: Who) -> Option<String> {
    match who {
        Who::Anonymous => None,
        Who::Reader => Some(token("reader", None, None)),
        Who::FocalFra => Some(token("focal_point", Some("FRA"), None)),
        Who::FocalDeu => Some(token("focal_point", Some("DEU"), None)),
        Who::SecretariatEjn => Some(token("network_secretariat", None, Some("EJN"))),
        Who::SecretariatCarin => Some(token("network_secretariat", None, Some("CARIN"))),
        Who::Admin => Some(token("admin", None, None)),
    }
}

/// Fresh targets for one attempt, made by an administrator: a French authority with a designation, a contact
/// and an EJN contact point, and Norway as an EJN member.
struct Targets {
    authority: String,
    designation: String,
    contact: String,
    point: String,
}

async fn targets(app: &TestApp) -> Targets {
    let admin = token_of(Who::Admin).unwrap();
    let a = app.data_as(&admin, CREATE, json!({ "input": another_authority_input() })).await;
    let authority = a["createAuthority"]["id"].as_str().unwrap().to_owned();
    let d = app
        .data_as(
            &admin,
            "mutation($id: ID!) { addDesignation(authorityId: $id, input: {legalBasis: \"UNTOC_16\"}) { id } }",
            json!({ "id": authority }),
        )
        .await;
    let c = app
        .data_as(
            &admin,
            "mutation($id: ID!) { addContact(authorityId: $id, input: {name: \"Desk\"}) { id } }",
            json!({ "id": authority }),
        )
        .await;
    let p = app
        .data_as(
            &admin,
            "mutation($id: ID!) { addNetworkContactPoint(network: \"EJN\", authorityId: $id, role: CONTACT_POINT) { id } }",
            json!({ "id": authority }),
        )
        .await;
    app.data_as(&admin, "mutation { removeNetworkMembership(network: \"EJN\", state: \"NOR\") }", json!({})).await;
    app.data_as(
        &admin,
        "mutation { setNetworkMembership(network: \"EJN\", state: \"NOR\", status: OBSERVER) { status } }",
        json!({}),
    )
    .await;
    Targets {
        authority,
        designation: d["addDesignation"]["id"].as_str().unwrap().to_owned(),
        contact: c["addContact"]["id"].as_str().unwrap().to_owned(),
        point: p["addNetworkContactPoint"]["id"].as_str().unwrap().to_owned(),
    }
}

struct Case {
    name: &'static str,
    query: &'static str,
    vars: fn(&Targets) -> Value,
    allowed: &'static [Who],
}

const STATE_FRA: &[Who] = &[Who::FocalFra, Who::Admin];
const NETWORK_EJN: &[Who] = &[Who::SecretariatEjn, Who::Admin];
const ADMIN: &[Who] = &[Who::Admin];
/// A contact point of a French authority: the network's secretariat, or France, which may always detach its own.
const NETWORK_EJN_OR_FRA: &[Who] = &[Who::SecretariatEjn, Who::FocalFra, Who::Admin];

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "createAuthority",
            query: CREATE,
            vars: |_| json!({ "input": another_authority_input() }),
            allowed: STATE_FRA,
        },
        Case {
            name: "updateAuthority",
            query: "mutation($id: ID!) { updateAuthority(id: $id, expectedVersion: 1, input: {city: \"Paris\"}) { id } }",
            vars: |t| json!({ "id": t.authority }),
            allowed: STATE_FRA,
        },
        Case {
            name: "deleteAuthority",
            query: "mutation($id: ID!) { deleteAuthority(id: $id, expectedVersion: 1) }",
            vars: |t| json!({ "id": t.authority }),
            allowed: STATE_FRA,
        },
        Case {
            name: "confirmAuthority",
            query: "mutation($id: ID!) { confirmAuthority(id: $id) { id } }",
            vars: |t| json!({ "id": t.authority }),
            allowed: STATE_FRA,
        },
        Case {
            name: "addDesignation",
            query: "mutation($id: ID!) { addDesignation(authorityId: $id, input: {legalBasis: \"UNCAC_44\"}) { id } }",
            vars: |t| json!({ "id": t.authority }),
            allowed: STATE_FRA,
        },
        Case {
            name: "removeDesignation",
            query: "mutation($id: ID!) { removeDesignation(id: $id) }",
            vars: |t| json!({ "id": t.designation }),
            allowed: STATE_FRA,
        },
        Case {
            name: "addContact",
            query: "mutation($id: ID!) { addContact(authorityId: $id, input: {name: \"Clerk\"}) { id } }",
            vars: |t| json!({ "id": t.authority }),
            allowed: STATE_FRA,
        },
        Case {
            name: "updateContact",
            query: "mutation($id: ID!) { updateContact(id: $id, expectedVersion: 1, input: {position: \"Head\"}) { id } }",
            vars: |t| json!({ "id": t.contact }),
            allowed: STATE_FRA,
        },
        Case {
            name: "removeContact",
            query: "mutation($id: ID!) { removeContact(id: $id) }",
            vars: |t| json!({ "id": t.contact }),
            allowed: STATE_FRA,
        },
        Case {
            name: "eraseContact",
            query: "mutation($id: ID!) { eraseContact(id: $id) }",
            vars: |t| json!({ "id": t.contact }),
            allowed: ADMIN,
        },
        Case {
            name: "setStateParty",
            query: "mutation { setStateParty(state: \"FRA\", convention: \"UNTOC\", status: PARTY, since: \"2002-10-29\") { status } }",
            vars: |_| json!({}),
            // Participation is the depositary's record: not a State's own declaration.
            allowed: ADMIN,
        },
        Case {
            name: "setNetworkMembership",
            query: "mutation { setNetworkMembership(network: \"EJN\", state: \"NOR\", status: ASSOCIATE) { status } }",
            vars: |_| json!({}),
            allowed: NETWORK_EJN,
        },
        Case {
            name: "removeNetworkMembership",
            query: "mutation { removeNetworkMembership(network: \"EJN\", state: \"NOR\") }",
            vars: |_| json!({}),
            allowed: NETWORK_EJN,
        },
        Case {
            name: "addNetworkContactPoint",
            query: "mutation($id: ID!) { addNetworkContactPoint(network: \"EJN\", authorityId: $id, role: JUDICIAL) { id } }",
            vars: |t| json!({ "id": t.authority }),
            allowed: NETWORK_EJN,
        },
        Case {
            name: "removeNetworkContactPoint",
            query: "mutation($id: ID!) { removeNetworkContactPoint(id: $id) }",
            vars: |t| json!({ "id": t.point }),
            allowed: NETWORK_EJN_OR_FRA,
        },
        Case {
            name: "upsertNetwork (description)",
            query: "mutation { upsertNetwork(input: {code: \"EJN\", description: \"Updated.\"}) { code } }",
            vars: |_| json!({}),
            allowed: NETWORK_EJN,
        },
        Case {
            name: "upsertNetwork (name)",
            query: "mutation { upsertNetwork(input: {code: \"EJN\", name: \"Renamed\"}) { code } }",
            vars: |_| json!({}),
            allowed: ADMIN,
        },
        Case {
            name: "linkNetworks",
            query: "mutation { linkNetworks(network: \"CARIN\", linked: \"ARINSA\", kind: AGREEMENT) { kind } }",
            vars: |_| json!({}),
            allowed: ADMIN,
        },
        Case {
            name: "upsertState",
            query: "mutation { upsertState(input: {iso3: \"FRA\", name: \"France\", status: UN_MEMBER, iso2: \"FR\", m49: \"250\", region: \"Europe\"}) { iso3 } }",
            vars: |_| json!({}),
            allowed: ADMIN,
        },
        Case {
            name: "upsertConvention",
            query: "mutation { upsertConvention(input: {code: \"UNTOC\", title: \"United Nations Convention against Transnational Organized Crime\", shortTitle: \"Organized Crime Convention\"}) { code } }",
            vars: |_| json!({}),
            allowed: ADMIN,
        },
        Case {
            name: "upsertLegalBasis",
            query: "mutation { upsertLegalBasis(input: {code: \"UNTOC_16\", convention: \"UNTOC\", article: \"16\", function: EXTRADITION, title: \"Extradition\"}) { code } }",
            vars: |_| json!({}),
            allowed: ADMIN,
        },
        Case {
            name: "revokeToken",
            query: "mutation { revokeToken(jti: \"some-other-token\") }",
            vars: |_| json!({}),
            allowed: ADMIN,
        },
        Case {
            name: "revokeTokensOf",
            query: "mutation { revokeTokensOf(sub: \"someone-else\") }",
            vars: |_| json!({}),
            allowed: ADMIN,
        },
    ]
}

#[tokio::test]
async fn every_role_against_every_mutation() {
    let app = spawn_app().await;
    for case in cases() {
        for who in EVERYONE {
            let t = targets(&app).await;
            let before = changes(&app).await;
            let body = app.gql(case.query, (case.vars)(&t), token_of(who).as_deref()).await;
            let after = changes(&app).await;
            let what = format!("{} as {who:?}", case.name);
            if case.allowed.contains(&who) {
                assert!(body.get("errors").is_none(), "{what} is allowed: {body:#}");
                assert_eq!(after, before + 1, "{what} writes one audit row");
            } else {
                let expected = if who == Who::Anonymous { "UNAUTHENTICATED" } else { "FORBIDDEN" };
                assert_eq!(error_code(&body), expected, "{what}: {body:#}");
                assert_eq!(after, before, "{what} writes nothing");
            }
        }
    }
    // The refused attempts left the targets as they were.
    let data = app.data(r#"{ network(code: "EJN") { name } state(iso3: "FRA") { name } }"#, json!({})).await;
    assert_eq!(data["network"]["name"], "Renamed");
    assert_eq!(data["state"]["name"], "France");
}

#[tokio::test]
async fn a_focal_point_cannot_move_or_reach_another_states_entries() {
    let app = spawn_app().await;
    let deu = token_of(Who::FocalDeu).unwrap();
    let mut input = authority_input();
    input["state"] = json!("FRA");
    let body = app.gql(CREATE, json!({ "input": input }), Some(&deu)).await;
    assert_eq!(error_code(&body), "FORBIDDEN");
    // AuthorityPatch has no `state`: moving is not expressible, so it is a validation error.
    let t = targets(&app).await;
    let admin = token_of(Who::Admin).unwrap();
    let body = app
        .gql(
            "mutation($id: ID!) { updateAuthority(id: $id, expectedVersion: 1, input: {state: \"DEU\"}) { id } }",
            json!({ "id": t.authority }),
            Some(&admin),
        )
        .await;
    assert_eq!(error_code(&body), "GRAPHQL_VALIDATION_FAILED");
}
