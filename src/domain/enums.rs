//! Enumerations of the contract. Each is stored as its GraphQL name, so the database reads like the API.

use async_graphql::Enum;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

macro_rules! stored_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $value:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Enum, Serialize, Deserialize)]
        #[sea_orm(rs_type = "String", db_type = "String(StringLen::N(40))")]
        #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
        pub enum $name {
            $(
                $(#[$vmeta])*
                #[sea_orm(string_value = $value)]
                $variant,
            )+
        }
    };
}

stored_enum!(
    /// What kind of party to the conventions or member of the networks an entry is.
    StateStatus {
        UnMember = "UN_MEMBER",
        UnObserver = "UN_OBSERVER",
        NonMemberState = "NON_MEMBER_STATE",
        Territory = "TERRITORY",
        Organization = "ORGANIZATION",
        /// An entity whose status the directory does not characterize (Kosovo, with the note the UN uses).
        OtherEntity = "OTHER_ENTITY",
    }
);

stored_enum!(
    /// The kind of cooperation an authority is designated for.
    AuthorityFunction {
        MutualLegalAssistance = "MUTUAL_LEGAL_ASSISTANCE",
        Extradition = "EXTRADITION",
        TransferOfSentencedPersons = "TRANSFER_OF_SENTENCED_PERSONS",
        IllicitTrafficBySea = "ILLICIT_TRAFFIC_BY_SEA",
        MigrantSmugglingBySea = "MIGRANT_SMUGGLING_BY_SEA",
        Firearms = "FIREARMS",
        CrimePrevention = "CRIME_PREVENTION",
        CorruptionPrevention = "CORRUPTION_PREVENTION",
        AssetRecovery = "ASSET_RECOVERY",
        CivilAdministrativeCooperation = "CIVIL_ADMINISTRATIVE_COOPERATION",
    }
);

stored_enum!(
    /// The channel through which an authority receives requests.
    Channel {
        Direct = "DIRECT",
        CentralAuthority = "CENTRAL_AUTHORITY",
        Diplomatic = "DIPLOMATIC",
        Interpol = "INTERPOL",
    }
);

stored_enum!(
    /// How a request may be physically transmitted.
    TransmissionMeans {
        Post = "POST",
        Email = "EMAIL",
        Fax = "FAX",
        SecurePlatform = "SECURE_PLATFORM",
    }
);

stored_enum!(
    /// How an urgent request reaches the authority ahead of the formal one.
    UrgentChannel {
        Email = "EMAIL",
        Fax = "FAX",
        Phone = "PHONE",
        Interpol = "INTERPOL",
    }
);

stored_enum!(
    /// Who may see a contact: restricted contacts are never shown to anonymous readers.
    Visibility {
        Public = "PUBLIC",
        Restricted = "RESTRICTED",
    }
);

stored_enum!(
    /// What a network is.
    NetworkKind {
        JudicialNetwork = "JUDICIAL_NETWORK",
        AssetRecoveryNetwork = "ASSET_RECOVERY_NETWORK",
        Agency = "AGENCY",
        Forum = "FORUM",
        LawEnforcementNetwork = "LAW_ENFORCEMENT_NETWORK",
    }
);

stored_enum!(
    /// How a State takes part in a network.
    MembershipStatus {
        Member = "MEMBER",
        Observer = "OBSERVER",
        Associate = "ASSOCIATE",
        Liaison = "LIAISON",
        CooperationAgreement = "COOPERATION_AGREEMENT",
        /// Takes part, in a status the network's sources do not publish.
        Unknown = "UNKNOWN",
    }
);

stored_enum!(
    /// The part an authority plays in a network.
    ContactPointRole {
        NationalMember = "NATIONAL_MEMBER",
        ContactPoint = "CONTACT_POINT",
        NationalCorrespondent = "NATIONAL_CORRESPONDENT",
        LawEnforcement = "LAW_ENFORCEMENT",
        Judicial = "JUDICIAL",
        CentralAuthority = "CENTRAL_AUTHORITY",
        FocalPoint = "FOCAL_POINT",
    }
);

stored_enum!(
    /// A State's status under a convention.
    PartyStatus {
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
        Mou = "MOU",
        Agreement = "AGREEMENT",
    }
);

stored_enum!(
    /// What a change did to its entity.
    ChangeAction {
        Create = "CREATE",
        Update = "UPDATE",
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
    Party,
    /// Signatory only, or no action: not a party.
    NotParty,
    /// Not recorded: every legal basis is counted as owed, marked so.
    Unknown,
}
