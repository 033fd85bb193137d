//! What the change feed calls each kind of entry: the names are a contract (the feed's `entity`, the mirror's
//! lines, the change log's rows), written here once.

/// A kind of entry the change log records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeedEntity {
    State,
    Convention,
    LegalBasis,
    StateParty,
    Network,
    Organization,
    NetworkMembership,
    NetworkOrganizationMembership,
    NetworkLink,
    Authority,
    Designation,
    Contact,
    NetworkContactPoint,
    RevokedToken,
    SubjectRevocation,
}

impl FeedEntity {
    pub const ALL: [FeedEntity; 15] = [
        Self::State,
        Self::Convention,
        Self::LegalBasis,
        Self::StateParty,
        Self::Network,
        Self::Organization,
        Self::NetworkMembership,
        Self::NetworkOrganizationMembership,
        Self::NetworkLink,
        Self::Authority,
        Self::Designation,
        Self::Contact,
        Self::NetworkContactPoint,
        Self::RevokedToken,
        Self::SubjectRevocation,
    ];

    /// Kinds that name tokens and subjects: for administrators only, never in the public mirror.
    pub const REVOCATIONS: [FeedEntity; 2] = [Self::RevokedToken, Self::SubjectRevocation];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::State => "state",
            Self::Convention => "convention",
            Self::LegalBasis => "legal_basis",
            Self::StateParty => "state_party",
            Self::Network => "network",
            Self::Organization => "organization",
            Self::NetworkMembership => "network_membership",
            Self::NetworkOrganizationMembership => "network_organization_membership",
            Self::NetworkLink => "network_link",
            Self::Authority => "authority",
            Self::Designation => "designation",
            Self::Contact => "contact",
            Self::NetworkContactPoint => "network_contact_point",
            Self::RevokedToken => "revoked_token",
            Self::SubjectRevocation => "subject_revocation",
        }
    }

    pub fn parse(name: &str) -> Option<FeedEntity> {
        Self::ALL.into_iter().find(|e| e.as_str() == name)
    }

    /// Whether the public mirror publishes this kind (an allow-list: a kind added later stays out until listed).
    pub const fn is_public(self) -> bool {
        match self {
            Self::State
            | Self::Convention
            | Self::LegalBasis
            | Self::StateParty
            | Self::Network
            | Self::Organization
            | Self::NetworkMembership
            | Self::NetworkOrganizationMembership
            | Self::NetworkLink
            | Self::Authority
            | Self::Designation
            | Self::Contact
            | Self::NetworkContactPoint => true,
            Self::RevokedToken | Self::SubjectRevocation => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FeedEntity;

    #[test]
    fn names_round_trip_and_revocations_stay_private() {
        for e in FeedEntity::ALL {
            assert_eq!(FeedEntity::parse(e.as_str()), Some(e));
        }
        assert!(FeedEntity::REVOCATIONS.iter().all(|e| !e.is_public()));
        assert_eq!(FeedEntity::parse("api_key"), None);
    }
}
