//! sea-orm entities, one per table. Relations are expressed in queries (sub-selects by key) rather than declared,
//! since every read goes through batched loaders keyed by the foreign key.

pub mod authority;
pub mod authority_list_item;
pub mod change;
pub mod contact;
pub mod convention;
pub mod designation;
pub mod legal_basis;
pub mod network;
pub mod network_contact_point;
pub mod network_link;
pub mod network_membership;
pub mod network_organization_membership;
pub mod oidc_login;
pub mod organization;
pub mod reference_conflict;
pub mod reference_release;
pub mod reference_seed;
pub mod revoked_token;
pub mod session;
pub mod sheet_upload;
pub mod sign_in_link;
pub mod state;
pub mod state_party;
pub mod subject_revocation;
pub mod webhook_subscription;
