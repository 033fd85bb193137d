//! Who is asking, and what they may change.
//!
//! | role | may change |
//! |---|---|
//! | `focal_point` (state S) | authorities of S, their designations and contacts; S's authorities' network roles (removal) |
//! | `network_secretariat` (network N) | memberships and contact points of N; N's description |
//! | `admin` | everything, treaty participation included (a depositary fact, not a State's declaration) |
//! | `reader` | nothing; sees restricted contacts like every signed-in viewer |

use crate::error::AppError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Admin,
    FocalPoint,
    NetworkSecretariat,
    Reader,
}

impl Role {
    pub fn parse(raw: &str) -> Option<Self> {
        Some(match raw {
            "admin" => Self::Admin,
            "focal_point" => Self::FocalPoint,
            "network_secretariat" => Self::NetworkSecretariat,
            "reader" => Self::Reader,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::FocalPoint => "focal_point",
            Self::NetworkSecretariat => "network_secretariat",
            Self::Reader => "reader",
        }
    }
}

/// A checked token's identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub sub: String,
    pub role: Role,
    pub state: Option<String>,
    pub network: Option<String>,
}

/// The viewer of one request: anonymous, or the actor of a valid token.
#[derive(Debug, Clone, Default)]
pub struct Viewer {
    pub actor: Option<Actor>,
}

impl Viewer {
    pub fn anonymous() -> Self {
        Self { actor: None }
    }

    /// Any valid token sees restricted contacts; anonymous readers never do.
    pub fn sees_restricted(&self) -> bool {
        self.actor.is_some()
    }

    /// The actor of a valid token, or `UNAUTHENTICATED`.
    pub fn actor(&self) -> Result<&Actor, AppError> {
        self.actor.as_ref().ok_or_else(|| AppError::Unauthenticated("sign in with a bearer token to do this".into()))
    }

    pub fn require_admin(&self) -> Result<&Actor, AppError> {
        let actor = self.actor()?;
        match actor.role {
            Role::Admin => Ok(actor),
            _ => Err(AppError::Forbidden("only a directory administrator may do this".into())),
        }
    }

    /// Changes to a State's own entries: its focal point, or an administrator.
    pub fn require_state(&self, iso3: &str) -> Result<&Actor, AppError> {
        let actor = self.actor()?;
        match actor.role {
            Role::Admin => Ok(actor),
            Role::FocalPoint if actor.state.as_deref() == Some(iso3) => Ok(actor),
            Role::FocalPoint => {
                Err(AppError::Forbidden(format!("a focal point may change only its own State's entries, not {iso3}'s")))
            }
            _ => Err(AppError::Forbidden(format!(
                "only {iso3}'s focal point or an administrator may change {iso3}'s entries"
            ))),
        }
    }

    /// Changes to a network's own entries: its secretariat, or an administrator.
    pub fn require_network(&self, code: &str) -> Result<&Actor, AppError> {
        let actor = self.actor()?;
        match actor.role {
            Role::Admin => Ok(actor),
            Role::NetworkSecretariat if actor.network.as_deref() == Some(code) => Ok(actor),
            _ => Err(AppError::Forbidden(format!(
                "only the {code} secretariat or an administrator may change {code}'s entries"
            ))),
        }
    }
}
