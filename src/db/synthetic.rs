//! A synthetic directory of any size for benchmarks: every reference State gets authorities in turn, each with its
//! designations, lists, a public and a restricted contact, and network roles where its State is a member. The
//! same `count` and `seed` give the same rows every time (ids, names, dates), so runs can be compared.

use chrono::{DateTime, Duration, TimeZone, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, TransactionTrait};
use uuid::Uuid;

use super::demo::{KINDS, Kind, insert_all, items, names};
use super::entities::{
    authority, authority_list_item::list, contact, designation, network_contact_point, network_membership, state,
};
use crate::domain::{Channel, ContactPointRole, TransmissionMeans, UrgentChannel, Visibility};

pub const SYNTHETIC_NOTE: &str = "SYNTHETIC ENTRY generated for benchmarks: not a real authority.";
const NAMESPACE: Uuid = Uuid::from_u128(0x5e7d_1a2b_3c4d_4e5f_9a0b_1c2d_3e4f_5a6b);
const LANGUAGES: [&str; 10] = ["en", "fr", "es", "pt", "ar", "ru", "zh", "de", "sw", "id"];
const BATCH: usize = 2_000;

/// SplitMix64: a tiny generator whose output never changes with a dependency's version.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

#[derive(Default)]
struct Rows {
    authorities: Vec<authority::Model>,
    items: Vec<super::entities::authority_list_item::Model>,
    designations: Vec<designation::Model>,
    contacts: Vec<contact::Model>,
    points: Vec<network_contact_point::Model>,
}

fn epoch() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).single().unwrap_or_default()
}

fn one(
    rows: &mut Rows,
    rng: &mut Rng,
    seed: u64,
    n: usize,
    iso3: &str,
    kind: Kind,
    roles: &[(&'static str, ContactPointRole)],
) {
    let id = Uuid::new_v5(&NAMESPACE, format!("{seed}/{n}").as_bytes());
    let at = epoch() - Duration::days(rng.below(900) as i64);
    let language = LANGUAGES[rng.below(LANGUAGES.len())];
    let model = authority::Model {
        local_name: kind.local_name(language).map(|l| format!("{l} {}", n + 1)),
        acronym: Some(format!("{}-{}", kind.acronym(), n + 1)),
        postal_address: Some(format!("{} Synthetic Avenue", n + 1)),
        city: Some(format!("City {}", rng.below(500))),
        email: Some(format!("a{n}@{}.synthetic.example", iso3.to_lowercase())),
        website: Some(format!("https://a{n}.{}.synthetic.example", iso3.to_lowercase())),
        time_zone: Some("UTC".into()),
        office_hours: Some("Monday to Friday, 09:00–17:00".into()),
        urgent_notes: rng.chance(70).then(|| "Urgent requests through INTERPOL, then by e-mail.".into()),
        notes: Some(SYNTHETIC_NOTE.into()),
        last_confirmed_at: rng.chance(85).then_some(at),
        ..authority::Model::new(id, iso3, format!("{} no. {}", kind.name(), n + 1), at)
    }
    .with_search_text();
    let mut langs = vec![language.to_owned()];
    if language != "en" && rng.chance(60) {
        langs.push("en".into());
    }
    let channels = [Channel::CentralAuthority, Channel::Direct, Channel::Diplomatic, Channel::Interpol];
    let chosen: Vec<Channel> = channels.iter().copied().filter(|_| rng.chance(50)).collect();
    let chosen = if chosen.is_empty() { vec![Channel::CentralAuthority] } else { chosen };
    rows.items.extend(items(id, list::LANGUAGE, langs.clone()));
    rows.items.extend(items(id, list::CHANNEL, names(&chosen)));
    rows.items.extend(items(id, list::TRANSMISSION_MEANS, names(&[TransmissionMeans::Email, TransmissionMeans::Post])));
    rows.items.extend(items(id, list::URGENT_CHANNEL, names(&[UrgentChannel::Interpol])));
    for code in kind.legal_bases() {
        rows.designations.push(designation::Model {
            id: Uuid::new_v5(&id, code.as_bytes()),
            authority_id: id,
            legal_basis_code: (*code).to_owned(),
            scope: None,
            notified_on: None,
            convention_accepted_as_legal_basis: None,
            created_at: at,
        });
    }
    for (tag, visibility) in [("desk", Visibility::Public), ("officer", Visibility::Restricted)] {
        rows.contacts.push(contact::Model {
            id: Uuid::new_v5(&id, tag.as_bytes()),
            authority_id: id,
            name: format!("Synthetic {tag} {}", n + 1),
            position: None,
            email: Some(format!("{tag}{n}@{}.synthetic.example", iso3.to_lowercase())),
            phone: None,
            languages: serde_json::json!(langs),
            visibility,
            version: 1,
            last_confirmed_at: Some(at),
            created_at: at,
            updated_at: at,
        });
    }
    for (network, role) in roles {
        rows.points.push(network_contact_point::Model {
            id: Uuid::new_v5(&id, network.as_bytes()),
            network_code: (*network).to_owned(),
            authority_id: id,
            role: *role,
            label: None,
            created_at: at,
            version: 1,
            last_confirmed_at: Some(at),
        });
    }
    rows.authorities.push(model);
}

/// The network roles an authority of `kind` holds in its State's networks.
fn roles(kind: Kind, member_of: impl Fn(&str) -> bool) -> Vec<(&'static str, ContactPointRole)> {
    let candidates: &[(&str, ContactPointRole)] = match kind {
        Kind::CentralAuthority => {
            &[("EJN", ContactPointRole::ContactPoint), ("IBERRED", ContactPointRole::ContactPoint)]
        }
        Kind::Prosecution => &[("CARIN", ContactPointRole::Judicial)],
        Kind::Police => &[("CARIN", ContactPointRole::LawEnforcement)],
        Kind::AntiCorruption => &[],
    };
    candidates.iter().copied().filter(|(n, _)| member_of(n)).collect()
}

async fn flush(db: &DatabaseConnection, rows: Rows) -> anyhow::Result<u64> {
    let txn = db.begin().await?;
    let added = insert_all(&txn, rows.authorities).await?;
    insert_all(&txn, rows.items).await?;
    insert_all(&txn, rows.designations).await?;
    insert_all(&txn, rows.contacts).await?;
    insert_all(&txn, rows.points).await?;
    txn.commit().await?;
    Ok(added)
}

/// Loads `count` synthetic authorities for `seed`; returns how many were new.
pub async fn load(db: &DatabaseConnection, count: usize, seed: u64) -> anyhow::Result<u64> {
    let states: Vec<String> =
        state::Entity::find().order_by_asc(state::Column::Iso3).all(db).await?.into_iter().map(|s| s.iso3).collect();
    anyhow::ensure!(!states.is_empty(), "the reference data must be loaded first");
    let memberships: std::collections::HashSet<(String, String)> = network_membership::Entity::find()
        .filter(network_membership::Column::NetworkCode.is_in(["EJN", "IBERRED", "CARIN"]))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.network_code, m.state_iso3))
        .collect();
    let mut rng = Rng(seed);
    let mut rows = Rows::default();
    let mut added = 0;
    for n in 0..count {
        let iso3 = &states[n % states.len()];
        let kind = KINDS[(n / states.len()) % KINDS.len()];
        let roles = roles(kind, |network| memberships.contains(&(network.to_owned(), iso3.clone())));
        one(&mut rows, &mut rng, seed, n, iso3, kind, &roles);
        if rows.authorities.len() == BATCH {
            added += flush(db, std::mem::take(&mut rows)).await?;
        }
    }
    added += flush(db, rows).await?;
    Ok(added)
}
