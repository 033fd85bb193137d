//! The pages as a practitioner reads them: the route page carries the whole answer of the API, in the reader's
//! language and order, with values that are not text in that language kept whole on right-to-left pages.

use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app_with_demo, token};

async fn page(app: &TestApp, path: &str, accept: Option<&str>) -> String {
    let mut request = app.client.get(format!("{}{path}", app.address));
    if let Some(accept) = accept {
        request = request.header("accept-language", accept);
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.status().as_u16(), 200, "{path}");
    response.text().await.unwrap()
}

/// Text as maud writes it into a page.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

const ROUTE: &str = "{ route(from: \"FRA\", to: \"ESP\", function: MUTUAL_LEGAL_ASSISTANCE, convention: \"UNTOC\") {
    authorities { id name email phone fax website officeHours timeZone urgentNotes requirements postalAddress
      languages channels transmissionMeans urgentChannels }
    contactPoints { network { name } authority { name } }
    sharedNetworks { name } bothParties warnings
    requestingState { name } requestedState { name } } }";

#[tokio::test]
async fn the_route_page_shows_everything_the_route_answers() {
    let app = spawn_app_with_demo().await;
    let api = app.data(ROUTE, json!({})).await["route"].clone();
    let html = page(&app, "/route?from=FRA&to=ESP&function=MUTUAL_LEGAL_ASSISTANCE&convention=UNTOC", None).await;
    let authorities = api["authorities"].as_array().unwrap();
    assert!(!authorities.is_empty(), "the samples route France to Spain");
    let text = |v: &Value| v.as_str().map(escaped);
    for a in authorities {
        for field in [
            "name",
            "email",
            "phone",
            "fax",
            "website",
            "officeHours",
            "timeZone",
            "urgentNotes",
            "requirements",
            "postalAddress",
        ] {
            if let Some(value) = text(&a[field]) {
                assert!(html.contains(&value), "{field} `{value}` is on the page");
            }
        }
        assert!(html.contains(&format!("id=\"authority-{}\"", a["id"].as_str().unwrap())));
    }
    // Languages by name, channels and means by their terms, not codes.
    assert!(html.contains("Spanish"), "languages by name");
    assert!(!html.contains(">es<") && !html.contains("SECURE_PLATFORM") && !html.contains(">DIRECT<"));
    for cp in api["contactPoints"].as_array().unwrap() {
        assert!(html.contains(&escaped(cp["authority"]["name"].as_str().unwrap())), "contact point {cp}");
    }
    for n in api["sharedNetworks"].as_array().unwrap() {
        assert!(html.contains(&escaped(n["name"].as_str().unwrap())), "shared network {n}");
    }
    let both = match api["bothParties"].as_bool() {
        Some(true) => "true",
        Some(false) => "false",
        None => "unknown",
    };
    assert!(html.contains(&format!("data-both=\"{both}\"")), "bothParties in words");
    assert!(html.contains("Legal basis"), "the participation of both States");
    // Every warning, worded by the catalogue.
    let listed =
        html.split("class=\"warnings\"").nth(1).map_or(0, |w| w.split("</ul>").next().unwrap().matches("<li>").count());
    assert_eq!(listed, api["warnings"].as_array().unwrap().len(), "every warning listed");
    assert!(html.contains("Time at the authority"), "when: the authority's clock");
    assert!(html.contains("open now") || html.contains("closed now"), "the samples' hours are read");
    assert!(html.contains("Your time"), "the reader's clock, from the requesting State's authorities");
    // Plurals: one authority is not "1 authorities".
    let one = page(&app, "/route?from=ESP&to=FRA&function=EXTRADITION", None).await;
    let api = app
        .data("{ route(from: \"ESP\", to: \"FRA\", function: EXTRADITION) { authorities { id } } }", json!({}))
        .await;
    let n = api["route"]["authorities"].as_array().unwrap().len();
    let expected = match n {
        0 => "No authority designated".to_owned(),
        1 => "1 authority designated".to_owned(),
        n => format!("{n} authorities designated"),
    };
    assert!(one.contains(&expected), "{expected}");
    assert!(!one.contains("1 authorities"));
}

#[tokio::test]
async fn the_language_is_chosen_kept_and_sorted_by() {
    let app = spawn_app_with_demo().await;
    // ?lang= wins over the browser, which wins over English.
    let french = page(&app, "/route", Some("es")).await;
    assert!(french.contains("<html lang=\"es\""), "Accept-Language chooses");
    let french = page(&app, "/route?lang=fr", Some("es")).await;
    assert!(french.contains("<html lang=\"fr\""), "?lang= wins");
    assert!(french.contains("<input type=\"hidden\" name=\"lang\" value=\"fr\">"), "the form keeps the language");
    for code in ["ar", "zh", "en", "fr", "ru", "es"] {
        assert!(french.contains(&format!("hreflang=\"{code}\"")), "the switcher lists {code}");
    }
    let answer =
        page(&app, "/route?lang=fr&from=FRA&to=ESP&function=MUTUAL_LEGAL_ASSISTANCE&convention=UNTOC", None).await;
    assert!(answer.contains("<html lang=\"fr\"") && answer.contains("Entraide judiciaire"), "a sourced label");
    assert!(answer.contains("href=\"/directory/ESP?lang=fr#authority-"), "links keep the language");
    assert!(answer.contains("espagnol"), "language names from CLDR");
    // French order, not codes nor bytes: Afrique du Sud (ZAF) before Égypte (EGY) before Gabon.
    let index = page(&app, "/directory?lang=fr", None).await;
    let at = |name: &str| index.find(&format!("<bdi>{name}</bdi>")).unwrap_or_else(|| panic!("{name}"));
    assert!(at("Afrique du Sud") < at("Égypte") && at("Égypte") < at("Gabon"), "Égypte sorts under E");
    let route_form = page(&app, "/route?lang=fr", None).await;
    let option = |code: &str| route_form.find(&format!("<option value=\"{code}\"")).unwrap();
    assert!(option("ZAF") < option("EGY") && option("EGY") < option("GAB"), "the form's States too");
    // A warning in the reader's language.
    let warned = page(&app, "/route?lang=fr&from=FRA&to=FRA&function=EXTRADITION", None).await;
    assert!(warned.contains("sont le même"), "{}", &warned[warned.find("warnings").unwrap_or(0)..][..400]);
}

#[tokio::test]
async fn arabic_pages_isolate_what_is_not_arabic() {
    let app = spawn_app_with_demo().await;
    let fra = token("focal_point", Some("FRA"), None);
    let mut input = crate::writes::another_authority_input();
    input["email"] = json!("bureau@example.fr");
    let created = app.data_as(&fra, crate::writes::CREATE, json!({ "input": input })).await;
    let phone = created["createAuthority"]["phone"].as_str().unwrap().to_owned();
    assert!(phone.starts_with('+'), "stored in E.164, the plus first: {phone}");
    let html = page(&app, "/directory/FRA?lang=ar", None).await;
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(html.contains(&format!("<bdi dir=\"ltr\">{phone}</bdi>")), "the phone is isolated, left to right");
    assert!(html.contains("<bdi dir=\"ltr\">bureau@example.fr</bdi>"), "the e-mail too");
    assert!(html.contains("<bdi dir=\"ltr\">FRA</bdi>"), "codes too");
    // Sample entries say so, on paper as on screen (the note is not screen-only).
    assert!(html.contains("class=\"sample\""));
    assert!(html.contains("SAMPLE ENTRY"));
}

/// The route answers what the requested State declared to the depositary that bears on the request, in the API
/// and on the page: for mutual legal assistance the languages it accepts and its central authority; for
/// extradition whether the convention is its legal basis; nothing without a convention.
#[tokio::test]
async fn the_route_shows_what_the_requested_state_declared() {
    let app = spawn_app_with_demo().await;
    let route = |function: &str, convention: &str| {
        let convention = if convention.is_empty() { String::new() } else { format!(", convention: \"{convention}\"") };
        format!(
            "{{ route(from: \"FRA\", to: \"POL\", function: {function}{convention}) {{
                declarations {{ kind article summary text source }} }} }}"
        )
    };
    let kinds = |answer: &Value| -> Vec<String> {
        answer["route"]["declarations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["kind"].as_str().unwrap().to_owned())
            .collect()
    };
    let mla = app.data(&route("MUTUAL_LEGAL_ASSISTANCE", "UNTOC"), json!({})).await;
    assert_eq!(kinds(&mla), ["CENTRAL_AUTHORITY", "LANGUAGES"], "{mla:#}");
    let languages = &mla["route"]["declarations"][1];
    assert_eq!((languages["article"].as_str(), languages["summary"].as_str()), (Some("18(14)"), Some("pl,en")));
    assert!(!languages["source"].as_str().unwrap().is_empty() && !languages["text"].as_str().unwrap().is_empty());
    let extradition = app.data(&route("EXTRADITION", "UNCAC"), json!({})).await;
    assert_eq!(kinds(&extradition), ["EXTRADITION_LEGAL_BASIS"], "{extradition:#}");
    assert!(kinds(&app.data(&route("MUTUAL_LEGAL_ASSISTANCE", ""), json!({})).await).is_empty(), "no convention");

    let parties = "{ state(iso3: \"POL\") { parties { convention { code } depositaryDeclarations { kind } } } }";
    let data = app.data(parties, json!({})).await;
    let uncac =
        data["state"]["parties"].as_array().unwrap().iter().find(|p| p["convention"]["code"] == "UNCAC").unwrap();
    assert_eq!(uncac["depositaryDeclarations"].as_array().unwrap().len(), 3, "{uncac}");

    let path = "/route?from=FRA&to=POL&function=MUTUAL_LEGAL_ASSISTANCE&convention=UNTOC";
    let html = page(&app, path, None).await;
    assert!(html.contains("data-kind=\"LANGUAGES\"") && html.contains("pl,en"), "the page shows them");
    let arabic = page(&app, path, Some("ar")).await;
    assert!(arabic.contains("اللغات المقبولة للطلبات"), "in the reader's language");
}

/// A territory answers through its State's application of the instrument: Macao is bound by UNTOC through China's
/// declaration, Bermuda is recorded as not covered by UNCAC; each row says so and names its source.
#[tokio::test]
async fn a_territory_is_answered_through_its_states_application() {
    let app = spawn_app_with_demo().await;
    let route = |to: &str, convention: &str| {
        format!(
            "{{ route(from: \"FRA\", to: \"{to}\", function: MUTUAL_LEGAL_ASSISTANCE, convention: \"{convention}\") {{
                bothParties warnings }} }}"
        )
    };
    let macao = app.data(&route("MAC", "UNTOC"), json!({})).await;
    assert_eq!(macao["route"]["bothParties"], true, "{macao:#}");
    let bermuda = app.data(&route("BMU", "UNCAC"), json!({})).await;
    assert_eq!(bermuda["route"]["bothParties"], false, "{bermuda:#}");
    let query = "{ state(iso3: \"HKG\") { parties { convention { code } status action since declarations source } } }";
    let data = app.data(query, json!({})).await;
    let uncac = &data["state"]["parties"].as_array().unwrap()[0];
    assert_eq!(uncac["convention"]["code"], "UNCAC");
    assert_eq!((uncac["status"].as_str(), uncac["action"].as_str()), (Some("PARTY"), Some("TERRITORIAL_APPLICATION")));
    assert_eq!(uncac["since"], "2006-02-12");
    assert!(uncac["declarations"].as_str().unwrap().contains("Hong Kong"), "{uncac}");
    assert!(uncac["source"].as_str().unwrap().contains("HKSAR"), "{uncac}");
}
