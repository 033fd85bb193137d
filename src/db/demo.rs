//! Sample authorities for demonstrations and tests: 49 States in every region, each with a central authority, a
//! prosecution service, a law-enforcement body and, for most, an anti-corruption body, with designations under
//! several conventions, public and restricted contacts and network roles (EJN, IberRed, CARIN).
//!
//! Every sample says so in its `notes`, uses addresses under the reserved `.example` domain, and carries a phone
//! number only where the State reserves a range for fiction; nobody can mistake one for a real entry or reach a
//! real office through it. Ids are derived from the State and role, so loading twice changes nothing.

use std::collections::HashSet;

use chrono::Duration;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter, TransactionTrait, TryInsertResult,
};
use uuid::Uuid;

use super::entities::{
    authority, authority_list_item, authority_list_item::list, contact, designation, network_contact_point,
    network_membership,
};
use crate::domain::{Channel, ContactPointRole, TransmissionMeans, UrgentChannel, Visibility, enum_name};

/// How every sample's note begins: the pages mark such entries, on screen and on paper.
pub const SAMPLE_MARK: &str = "SAMPLE ENTRY";
pub const SAMPLE_NOTE: &str = "SAMPLE ENTRY for demonstration: not a real authority. Loaded by `cna-directory demo`; contact details are fictitious.";

const NAMESPACE: Uuid = Uuid::from_u128(0x6b1f_4c2e_9d3a_4e57_8a90_c0ff_ee00_d3a0);

/// A State in the samples: code, city, IANA zone, languages, and the phone prefix of a range the State reserves for
/// fiction, where it has one.
struct SampleState(&'static str, &'static str, &'static str, &'static [&'static str], Option<&'static str>);

const STATES: &[SampleState] = &[
    SampleState("ARG", "Buenos Aires", "America/Argentina/Buenos_Aires", &["es"], None),
    SampleState("AUS", "Canberra", "Australia/Sydney", &["en"], Some("+612555000")),
    SampleState("BRA", "Brasília", "America/Sao_Paulo", &["pt", "en"], None),
    SampleState("CAN", "Ottawa", "America/Toronto", &["en", "fr"], Some("+161355501")),
    SampleState("CHE", "Bern", "Europe/Zurich", &["de", "fr", "it"], None),
    SampleState("CHL", "Santiago", "America/Santiago", &["es"], None),
    SampleState("CHN", "Beijing", "Asia/Shanghai", &["zh", "en"], None),
    SampleState("CIV", "Abidjan", "Africa/Abidjan", &["fr"], None),
    SampleState("COL", "Bogotá", "America/Bogota", &["es"], None),
    SampleState("CRI", "San José", "America/Costa_Rica", &["es"], None),
    SampleState("DEU", "Bonn", "Europe/Berlin", &["de", "en"], None),
    SampleState("EGY", "Cairo", "Africa/Cairo", &["ar", "en"], None),
    SampleState("ESP", "Madrid", "Europe/Madrid", &["es", "en", "fr"], None),
    SampleState("ETH", "Addis Ababa", "Africa/Addis_Ababa", &["am", "en"], None),
    SampleState("FJI", "Suva", "Pacific/Fiji", &["en"], None),
    SampleState("FRA", "Paris", "Europe/Paris", &["fr", "en"], Some("+331990000")),
    SampleState("GBR", "London", "Europe/London", &["en"], Some("+4420794600")),
    SampleState("GHA", "Accra", "Africa/Accra", &["en"], None),
    SampleState("IDN", "Jakarta", "Asia/Jakarta", &["id", "en"], None),
    SampleState("IND", "New Delhi", "Asia/Kolkata", &["hi", "en"], None),
    SampleState("IRL", "Dublin", "Europe/Dublin", &["en", "ga"], None),
    SampleState("ITA", "Rome", "Europe/Rome", &["it", "en"], None),
    SampleState("JAM", "Kingston", "America/Jamaica", &["en"], None),
    SampleState("JPN", "Tokyo", "Asia/Tokyo", &["ja", "en"], None),
    SampleState("KAZ", "Astana", "Asia/Almaty", &["kk", "ru"], None),
    SampleState("KEN", "Nairobi", "Africa/Nairobi", &["en", "sw"], None),
    SampleState("MAR", "Rabat", "Africa/Casablanca", &["ar", "fr"], None),
    SampleState("MEX", "Ciudad de México", "America/Mexico_City", &["es"], None),
    SampleState("NGA", "Abuja", "Africa/Lagos", &["en"], None),
    SampleState("NLD", "The Hague", "Europe/Amsterdam", &["nl", "en"], None),
    SampleState("NZL", "Wellington", "Pacific/Auckland", &["en", "mi"], None),
    SampleState("PAK", "Islamabad", "Asia/Karachi", &["ur", "en"], None),
    SampleState("PER", "Lima", "America/Lima", &["es"], None),
    SampleState("PHL", "Manila", "Asia/Manila", &["en", "tl"], None),
    SampleState("PNG", "Port Moresby", "Pacific/Port_Moresby", &["en"], None),
    SampleState("POL", "Warsaw", "Europe/Warsaw", &["pl", "en"], None),
    SampleState("PRT", "Lisbon", "Europe/Lisbon", &["pt", "en"], None),
    SampleState("SAU", "Riyadh", "Asia/Riyadh", &["ar"], None),
    SampleState("SEN", "Dakar", "Africa/Dakar", &["fr"], None),
    SampleState("SRB", "Belgrade", "Europe/Belgrade", &["sr", "en"], None),
    SampleState("SWE", "Stockholm", "Europe/Stockholm", &["sv", "en"], None),
    SampleState("THA", "Bangkok", "Asia/Bangkok", &["th", "en"], None),
    SampleState("TUR", "Ankara", "Europe/Istanbul", &["tr", "en"], None),
    SampleState("TZA", "Dodoma", "Africa/Dar_es_Salaam", &["sw", "en"], None),
    SampleState("UKR", "Kyiv", "Europe/Kyiv", &["uk", "en"], None),
    SampleState("URY", "Montevideo", "America/Montevideo", &["es"], None),
    SampleState("USA", "Washington", "America/New_York", &["en", "es"], Some("+120255501")),
    SampleState("UZB", "Tashkent", "Asia/Tashkent", &["uz", "ru"], None),
    SampleState("ZAF", "Pretoria", "Africa/Johannesburg", &["en", "af"], None),
];

/// The kinds of sample authority each State gets.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    CentralAuthority,
    Prosecution,
    Police,
    AntiCorruption,
}

impl Kind {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::CentralAuthority => "Ministry of Justice, Central Authority for International Cooperation",
            Kind::Prosecution => "Office of the Prosecutor General",
            Kind::Police => "National Police, International Cooperation Directorate",
            Kind::AntiCorruption => "National Anti-Corruption Commission",
        }
    }

    pub(crate) fn acronym(self) -> &'static str {
        match self {
            Kind::CentralAuthority => "MOJ-CA",
            Kind::Prosecution => "OPG",
            Kind::Police => "NPICD",
            Kind::AntiCorruption => "NACC",
        }
    }

    /// The name in the State's first language, for the languages the samples cover.
    pub(crate) fn local_name(self, language: &str) -> Option<&'static str> {
        Some(match (self, language) {
            (Kind::CentralAuthority, "fr") => "Ministère de la Justice, Bureau de l'entraide pénale internationale",
            (Kind::CentralAuthority, "es") => "Ministerio de Justicia, Autoridad Central de Cooperación Jurídica",
            (Kind::CentralAuthority, "pt") => "Ministério da Justiça, Autoridade Central de Cooperação Jurídica",
            (Kind::CentralAuthority, "de") => "Bundesamt für Justiz, Internationale Rechtshilfe",
            (Kind::Prosecution, "fr") => "Parquet général",
            (Kind::Prosecution, "es") => "Fiscalía General",
            (Kind::Prosecution, "pt") => "Procuradoria-Geral",
            (Kind::Prosecution, "de") => "Generalstaatsanwaltschaft",
            (Kind::Police, "fr") => "Police nationale, Direction de la coopération internationale",
            (Kind::Police, "es") => "Policía Nacional, Dirección de Cooperación Internacional",
            (Kind::Police, "pt") => "Polícia Judiciária, Cooperação Internacional",
            _ => return None,
        })
    }

    pub(crate) fn legal_bases(self) -> &'static [&'static str] {
        match self {
            Kind::CentralAuthority => &["UNTOC_18_13", "UNTOC_16", "UNTOC_17", "DRUGS_1988_7_8", "UNCAC_46_13"],
            Kind::Prosecution => &["UNCAC_ASSET_RECOVERY", "DRUGS_1988_6", "UNCAC_44"],
            Kind::Police => &["SOM_8_6", "DRUGS_1988_17_7", "FIREARMS_13_2"],
            Kind::AntiCorruption => &["UNCAC_6_3", "UNCAC_43_1", "UNTOC_31_6"],
        }
    }
}

pub(crate) const KINDS: [Kind; 4] = [Kind::CentralAuthority, Kind::Prosecution, Kind::Police, Kind::AntiCorruption];

/// Rows for one sample authority.
struct Sample {
    authority: authority::Model,
    items: Vec<authority_list_item::Model>,
    designations: Vec<designation::Model>,
    contacts: Vec<contact::Model>,
    points: Vec<network_contact_point::Model>,
}

fn id(parts: &[&str]) -> Uuid {
    Uuid::new_v5(&NAMESPACE, parts.join("/").as_bytes())
}

pub(crate) fn items(
    authority_id: Uuid,
    list: &str,
    values: Vec<String>,
) -> impl Iterator<Item = authority_list_item::Model> {
    let list = list.to_owned();
    values.into_iter().enumerate().map(move |(i, value)| authority_list_item::Model {
        authority_id,
        list: list.clone(),
        value,
        position: i as i32,
    })
}

pub(crate) fn names<E: sea_orm::ActiveEnum<Value = String>>(values: &[E]) -> Vec<String> {
    values.iter().map(enum_name).collect()
}

/// Memberships that decide which network roles a State's samples hold.
struct Networks {
    memberships: HashSet<(String, String)>,
}

impl Networks {
    fn has(&self, network: &str, state: &str) -> bool {
        self.memberships.contains(&(network.to_owned(), state.to_owned()))
    }
}

/// A number in the State's range for fiction: one per kind of authority (`slot`) and sample `n`.
fn sample_phone(prefix: &str, slot: usize, n: usize) -> String {
    format!("{prefix}{:02}", 10 + slot * 10 + n % 10)
}

fn sample(n: usize, state: &SampleState, kind: Kind, networks: &Networks) -> Sample {
    let SampleState(iso3, city, zone, languages, phone_prefix) = *state;
    let slot = KINDS.iter().position(|k| *k == kind).unwrap_or(0);
    let authority_id = id(&["demo", iso3, kind.acronym()]);
    let domain = format!("{}.{}.example", kind.acronym().to_lowercase(), iso3.to_lowercase());
    let now = crate::domain::now();
    // Confirmation dates vary: recent, over a year old, or never confirmed.
    let last_confirmed_at = match (n + slot) % 5 {
        0 => None,
        1 => Some(now - Duration::days(400 + n as i64)),
        k => Some(now - Duration::days(7 * k as i64 + n as i64)),
    };
    let phone = phone_prefix.map(|p| sample_phone(p, slot, n));
    let eu = networks.has("EJN", iso3);
    let model = authority::Model {
        local_name: kind.local_name(languages[0]).map(str::to_owned),
        acronym: Some(kind.acronym().to_owned()),
        postal_address: Some(format!("1 Sample Street, {city}")),
        city: Some(city.to_owned()),
        email: Some(format!("requests@{domain}")),
        phone: phone.clone(),
        website: Some(format!("https://{domain}")),
        time_zone: Some(zone.to_owned()),
        office_hours: Some("Monday to Friday, 09:00–17:00".to_owned()),
        urgent_notes: (kind != Kind::AntiCorruption).then(|| {
            "Urgent requests may be sent in advance by e-mail or through INTERPOL; the formal request follows by post."
                .to_owned()
        }),
        requirements: (kind == Kind::CentralAuthority).then(|| {
            "Requests must be in writing, signed, and accompanied by a translation into one of the accepted languages."
                .to_owned()
        }),
        notes: Some(SAMPLE_NOTE.to_owned()),
        last_confirmed_at,
        ..authority::Model::new(authority_id, iso3, kind.name().to_owned(), now)
    }
    .with_search_text();

    let channels = match (kind, eu) {
        (Kind::CentralAuthority, true) => vec![Channel::Direct, Channel::CentralAuthority],
        (Kind::CentralAuthority, false) => vec![Channel::CentralAuthority, Channel::Diplomatic],
        (Kind::Police, _) => vec![Channel::Interpol, Channel::Direct],
        _ => vec![Channel::Direct],
    };
    let means = match eu {
        true => vec![TransmissionMeans::SecurePlatform, TransmissionMeans::Email, TransmissionMeans::Post],
        false => vec![TransmissionMeans::Post, TransmissionMeans::Email],
    };
    let urgent = match kind {
        Kind::Police => vec![UrgentChannel::Interpol, UrgentChannel::Phone],
        Kind::AntiCorruption => vec![],
        _ => vec![UrgentChannel::Email, UrgentChannel::Interpol],
    };
    let mut langs: Vec<String> = languages.iter().map(|l| l.to_string()).collect();
    if !langs.contains(&"en".to_owned()) && kind == Kind::CentralAuthority && n.is_multiple_of(2) {
        langs.push("en".to_owned());
    }
    let items = items(authority_id, list::LANGUAGE, langs.clone())
        .chain(items(authority_id, list::CHANNEL, names(&channels)))
        .chain(items(authority_id, list::TRANSMISSION_MEANS, names(&means)))
        .chain(items(authority_id, list::URGENT_CHANNEL, names(&urgent)))
        .collect();

    let designations = kind
        .legal_bases()
        .iter()
        .enumerate()
        .map(|(i, code)| designation::Model {
            id: id(&["demo", iso3, kind.acronym(), code]),
            authority_id,
            legal_basis_code: (*code).to_owned(),
            scope: (i == 0 && kind == Kind::Police).then(|| "Maritime matters: the Coast Guard desk".to_owned()),
            notified_on: chrono::NaiveDate::from_ymd_opt(2004 + (n % 18) as i32, 1 + (slot as u32 * 3), 15),
            convention_accepted_as_legal_basis: (kind == Kind::CentralAuthority).then_some(!n.is_multiple_of(3)),
            created_at: now,
        })
        .collect();

    let contacts = vec![
        contact::Model {
            id: id(&["demo", iso3, kind.acronym(), "desk"]),
            authority_id,
            name: "International Cooperation Desk".to_owned(),
            position: Some("Duty desk".to_owned()),
            email: Some(format!("desk@{domain}")),
            phone: phone.clone(),
            languages: serde_json::json!(langs),
            visibility: Visibility::Public,
            version: 1,
            last_confirmed_at: Some(now),
            created_at: now,
            updated_at: now,
        },
        contact::Model {
            id: id(&["demo", iso3, kind.acronym(), "officer"]),
            authority_id,
            name: format!("Sample Officer {iso3}-{}", slot + 1),
            position: Some("Head of unit".to_owned()),
            email: Some(format!("officer@{domain}")),
            phone,
            languages: serde_json::json!([languages[0]]),
            visibility: Visibility::Restricted,
            version: 1,
            last_confirmed_at: Some(now),
            created_at: now,
            updated_at: now,
        },
    ];

    let mut roles: Vec<(&str, ContactPointRole, &str)> = Vec::new();
    match kind {
        Kind::CentralAuthority => {
            if eu {
                roles.push(("EJN", ContactPointRole::ContactPoint, "EJN contact point"));
            }
            if networks.has("IBERRED", iso3) {
                roles.push(("IBERRED", ContactPointRole::ContactPoint, "IberRed contact point (central authority)"));
            }
        }
        Kind::Prosecution if networks.has("CARIN", iso3) => {
            roles.push(("CARIN", ContactPointRole::Judicial, "CARIN judicial contact point"));
        }
        Kind::Police if networks.has("CARIN", iso3) => {
            roles.push(("CARIN", ContactPointRole::LawEnforcement, "CARIN law-enforcement contact point"));
        }
        _ => {}
    }
    let points = roles
        .into_iter()
        .map(|(network, role, label)| network_contact_point::Model {
            id: id(&["demo", iso3, kind.acronym(), network]),
            network_code: network.to_owned(),
            authority_id,
            role,
            label: Some(label.to_owned()),
            created_at: now,
            version: 1,
            last_confirmed_at: Some(now),
        })
        .collect();

    Sample { authority: model, items, designations, contacts, points }
}

/// Rows per INSERT: well under the bind-parameter limits of SQLite and PostgreSQL for the widest table.
const CHUNK: usize = 200;

/// Inserts every row, skipping those already present.
pub(crate) async fn insert_all<A, M>(txn: &sea_orm::DatabaseTransaction, rows: Vec<M>) -> anyhow::Result<u64>
where
    M: IntoActiveModel<A>,
    A: sea_orm::ActiveModelTrait + Send,
{
    let mut inserted = 0;
    let mut rows = rows.into_iter().map(IntoActiveModel::into_active_model).peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(CHUNK).collect();
        if let TryInsertResult::Inserted(n) =
            A::Entity::insert_many(chunk).on_conflict_do_nothing().exec_without_returning(txn).await?
        {
            inserted += n;
        }
    }
    Ok(inserted)
}

/// Loads the samples in one transaction; returns the number of authorities added (0 when already loaded).
pub async fn load(db: &DatabaseConnection) -> anyhow::Result<u64> {
    let memberships = network_membership::Entity::find()
        .filter(network_membership::Column::NetworkCode.is_in(["EJN", "IBERRED", "CARIN"]))
        .all(db)
        .await?;
    let networks = Networks { memberships: memberships.into_iter().map(|m| (m.network_code, m.state_iso3)).collect() };
    let samples: Vec<Sample> = STATES
        .iter()
        .enumerate()
        .flat_map(|(n, state)| {
            // Every fifth State has no anti-corruption body in the samples, so that the route finder has gaps to show.
            let kinds = if n % 5 == 4 { &KINDS[..3] } else { &KINDS[..] };
            kinds.iter().map(move |kind| (n, state, *kind))
        })
        .map(|(n, state, kind)| sample(n, state, kind, &networks))
        .collect();
    let txn = db.begin().await?;
    let mut added = 0;
    let (mut items, mut designations, mut contacts, mut points) = (vec![], vec![], vec![], vec![]);
    let mut authorities = vec![];
    for s in samples {
        authorities.push(s.authority);
        items.extend(s.items);
        designations.extend(s.designations);
        contacts.extend(s.contacts);
        points.extend(s.points);
    }
    added += insert_all(&txn, authorities).await?;
    insert_all(&txn, items).await?;
    insert_all(&txn, designations).await?;
    insert_all(&txn, contacts).await?;
    insert_all(&txn, points).await?;
    txn.commit().await?;
    Ok(added)
}

/// How many States the samples cover.
pub fn state_count() -> usize {
    STATES.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The samples are what people try the workspace with: a sample phone the checks refuse would block every save.
    #[test]
    fn sample_phones_are_numbers_the_checks_accept() {
        for SampleState(iso3, .., prefix) in STATES {
            let Some(prefix) = prefix else { continue };
            for (slot, n) in (0..KINDS.len()).flat_map(|slot| (0..10).map(move |n| (slot, n))) {
                let phone = sample_phone(prefix, slot, n);
                assert!(crate::domain::checks::e164("phone", &phone).is_ok(), "{iso3}: {phone}");
            }
        }
    }
}
