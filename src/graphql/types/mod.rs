//! Output and input types of the API, each built from its database model with `From`.

pub mod authority;
pub mod change;
pub mod connection;
pub mod convention;
pub mod network;
pub mod route;
pub mod scalars;
pub mod state;

pub use authority::{Authority, AuthorityConnection, Contact, Designation, NetworkContactPoint};
pub use change::{Change, ChangeConnection};
pub use connection::PageInfo;
pub use convention::{Convention, LegalBasis, StateParty};
pub use network::{Network, NetworkLink, NetworkMembership};
pub use route::Route;
pub use scalars::Date;
pub use state::{State, StateConnection};
