//! Enumerations of the contract. Each is stored as its GraphQL name, so the database reads like the API.

use async_graphql::Enum;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

macro_rules! stored_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $value:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Enum, Serialize, Deserialize)]
        #[sea_orm(rs_type = "String", db_type = "String(StringLen::N(40))")]
        pub enum $name {
            $(
                $(#[$vmeta])*
                // One name everywhere (database, JSON files, GraphQL), even where a variant's name would not give it
                // (`CONTACT_POINT_24_7`).
                #[sea_orm(string_value = $value)]
                #[serde(rename = $value)]
                #[graphql(name = $value)]
                $variant,
            )+
        }
    };
}

stored_enum!(
    /// What kind of party to the conventions or member of the networks an entry is.
    StateStatus {
        /// A Member State of the United Nations (193 of them).
        UnMember = "UN_MEMBER",
        /// A non-member State with permanent observer status at the United Nations: the Holy See and the State of
        /// Palestine.
        UnObserver = "UN_OBSERVER",
        /// A State that is neither a member nor an observer of the United Nations but can be a party to treaties (the
        /// Cook Islands, Niue).
        NonMemberState = "NON_MEMBER_STATE",
        /// A territory that takes part in its own right (e.g. Gibraltar, Guernsey, Jersey, Hong Kong, Macao); `parent`
        /// is the State it belongs to.
        Territory = "TERRITORY",
        /// A regional economic integration organization that is itself a party: the European Union (`EUU`).
        Organization = "ORGANIZATION",
        /// An entity whose status the directory does not characterize (Kosovo, with the note the UN uses).
        OtherEntity = "OTHER_ENTITY",
    }
);

stored_enum!(
    /// The kind of cooperation an authority is designated for.
    AuthorityFunction {
        /// Receiving and executing or transmitting requests for mutual legal assistance (central authority, e.g. UNTOC
        /// art. 18(13), UNCAC art. 46(13), 1988 Convention art. 7(8)).
        MutualLegalAssistance = "MUTUAL_LEGAL_ASSISTANCE",
        /// Receiving and sending requests for extradition (UNTOC art. 16, UNCAC art. 44, 1988 Convention art. 6).
        Extradition = "EXTRADITION",
        /// Transfer of sentenced persons to serve their sentence in another State (UNTOC art. 17).
        TransferOfSentencedPersons = "TRANSFER_OF_SENTENCED_PERSONS",
        /// Requests concerning vessels suspected of illicit traffic in drugs by sea (1988 Convention art. 17(7)).
        IllicitTrafficBySea = "ILLICIT_TRAFFIC_BY_SEA",
        /// Requests concerning vessels suspected of smuggling migrants by sea: confirming a vessel's registry or flag
        /// and authorizing measures (Smuggling of Migrants Protocol art. 8(6)).
        MigrantSmugglingBySea = "MIGRANT_SMUGGLING_BY_SEA",
        /// National body or single point of contact for the Firearms Protocol (art. 13(2)).
        Firearms = "FIREARMS",
        /// Authority that can assist other States in developing measures to prevent transnational organized crime
        /// (UNTOC art. 31(6)).
        CrimePrevention = "CRIME_PREVENTION",
        /// Preventive anti-corruption body that can assist other States in developing prevention measures (UNCAC art.
        /// 6(3)).
        CorruptionPrevention = "CORRUPTION_PREVENTION",
        /// Focal point for the recovery of the proceeds of corruption (UNCAC chapter V, COSP practice).
        AssetRecovery = "ASSET_RECOVERY",
        /// Focal point for cooperation in civil and administrative proceedings relating to corruption (UNCAC art.
        /// 43(1), COSP practice).
        CivilAdministrativeCooperation = "CIVIL_ADMINISTRATIVE_COOPERATION",
        /// Point of contact available twenty-four hours a day, seven days a week, for immediate assistance in
        /// investigations concerning computer systems and data and the collection of evidence in electronic form
        /// (Convention on Cybercrime art. 35, the 24/7 Network).
        ContactPoint247 = "CONTACT_POINT_24_7",
    }
);

stored_enum!(
    /// The channel through which an authority receives requests.
    Channel {
        /// Requests may be sent straight to the authority by the competent authority of the requesting State.
        Direct = "DIRECT",
        /// Requests go from the requesting State's central authority to this State's central authority.
        CentralAuthority = "CENTRAL_AUTHORITY",
        /// Requests must go through diplomatic channels (ministries of foreign affairs, embassies).
        Diplomatic = "DIPLOMATIC",
        /// Requests may be transmitted through INTERPOL (the International Criminal Police Organization).
        Interpol = "INTERPOL",
    }
);

stored_enum!(
    /// How a request may be physically transmitted.
    TransmissionMeans {
        /// By post or courier, as a signed original.
        Post = "POST",
        /// By e-mail, to the authority's address.
        Email = "EMAIL",
        /// By fax.
        Fax = "FAX",
        /// Through a secure electronic platform or network (e.g. an encrypted e-mail or case-management system the
        /// States share).
        SecurePlatform = "SECURE_PLATFORM",
    }
);

stored_enum!(
    /// How an urgent request reaches the authority ahead of the formal one.
    UrgentChannel {
        /// By e-mail, ahead of the formal request.
        Email = "EMAIL",
        /// By fax, ahead of the formal request.
        Fax = "FAX",
        /// By telephone, ahead of the written request.
        Phone = "PHONE",
        /// Through INTERPOL, ahead of the formal request (where the States agree to it).
        Interpol = "INTERPOL",
    }
);

stored_enum!(
    /// Who may see a contact: restricted contacts are never shown to anonymous readers.
    Visibility {
        /// Shown to everyone, anonymous readers and public pages included.
        Public = "PUBLIC",
        /// Shown to signed-in viewers only (any valid token); the default for new contacts.
        Restricted = "RESTRICTED",
    }
);

stored_enum!(
    /// What a network is.
    NetworkKind {
        /// A network of practitioners in judicial cooperation (prosecutors, judges, central authorities), e.g. EJN or
        /// IberRed.
        JudicialNetwork = "JUDICIAL_NETWORK",
        /// An inter-agency network for tracing, freezing and recovering criminal assets, e.g. CARIN and the regional
        /// ARINs.
        AssetRecoveryNetwork = "ASSET_RECOVERY_NETWORK",
        /// A body with its own legal personality and staff, e.g. Eurojust.
        Agency = "AGENCY",
        /// A regional consultative process or forum of States, e.g. the Bali Process.
        Forum = "FORUM",
        /// A network of law-enforcement (police, anti-corruption) agencies, e.g. the GlobE Network.
        LawEnforcementNetwork = "LAW_ENFORCEMENT_NETWORK",
    }
);

stored_enum!(
    /// How a State takes part in a network.
    MembershipStatus {
        /// A full member of the network.
        Member = "MEMBER",
        /// An observer: takes part without the rights of a member.
        Observer = "OBSERVER",
        /// An associate member, in the terms the network uses.
        Associate = "ASSOCIATE",
        /// A third State with a liaison prosecutor or liaison officer at the network (e.g. at Eurojust).
        Liaison = "LIAISON",
        /// A third State that cooperates with the network under an agreement, without being a member.
        CooperationAgreement = "COOPERATION_AGREEMENT",
        /// Takes part, in a status the network's sources do not publish.
        Unknown = "UNKNOWN",
    }
);

stored_enum!(
    /// The part an authority plays in a network.
    ContactPointRole {
        /// The State's national member (or desk) at an agency such as Eurojust.
        NationalMember = "NATIONAL_MEMBER",
        /// A contact point of the network.
        ContactPoint = "CONTACT_POINT",
        /// The national correspondent, who coordinates the State's contact points in the network.
        NationalCorrespondent = "NATIONAL_CORRESPONDENT",
        /// The law-enforcement (police) contact point, e.g. in CARIN or an ARIN.
        LawEnforcement = "LAW_ENFORCEMENT",
        /// The judicial (prosecutorial or judicial) contact point, e.g. in CARIN or an ARIN.
        Judicial = "JUDICIAL",
        /// The State's central authority, acting as the network's contact point.
        CentralAuthority = "CENTRAL_AUTHORITY",
        /// The focal point of the network in the State.
        FocalPoint = "FOCAL_POINT",
    }
);

stored_enum!(
    /// A State's status under a convention.
    PartyStatus {
        /// A party: its instrument of ratification, accession, acceptance, approval or succession has been deposited.
        Party = "PARTY",
        /// Signed, not ratified: not a party.
        Signatory = "SIGNATORY",
        /// No action recorded by the depositary: not a party.
        NotParty = "NOT_PARTY",
    }
);

stored_enum!(
    /// How two networks are linked.
    NetworkLinkKind {
        /// A memorandum of understanding.
        Mou = "MOU",
        /// A cooperation agreement.
        Agreement = "AGREEMENT",
    }
);

stored_enum!(
    /// What a change did to its entity.
    ChangeAction {
        /// The entry was created: `before` is null.
        Create = "CREATE",
        /// The entry was changed (a confirmation included): `before` and `after` are both given.
        Update = "UPDATE",
        /// The entry was deleted or removed: `after` is null.
        Delete = "DELETE",
    }
);

/// The stored (and GraphQL) name of an enumeration value, e.g. `MUTUAL_LEGAL_ASSISTANCE`.
pub fn enum_name<E: ActiveEnum<Value = String>>(value: &E) -> String {
    value.to_value()
}

/// How a State covers a legal basis (not stored: computed from designations and participation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
pub enum CoverageStatus {
    /// Owed (the State is a party, or its participation is unknown) and no authority is designated.
    Missing,
    /// Designated, but no designated authority was confirmed within the review period.
    Stale,
    /// Designated, and confirmed within the review period.
    Current,
    /// The State is not a party and has designated nobody.
    NotRequired,
}

/// A State's participation in the convention a legal basis belongs to, as the directory records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
pub enum Participation {
    /// Recorded as a party to the convention.
    Party,
    /// Signatory only, or no action: not a party.
    NotParty,
    /// Not recorded: every legal basis is counted as owed, marked so.
    Unknown,
}
