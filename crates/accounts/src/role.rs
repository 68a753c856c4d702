//! Roles and what each may do.

use serde::Serialize;

use crate::{Error, Result};

/// What a user may do in a served project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Everything: users, codebooks, the code tree, documents, and coding.
    Admin,
    /// Codes, reviews and writes memos as themselves.
    Coder,
    /// Reads only.
    Viewer,
}

/// What a request needs, by the kind of change it makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Reading anything.
    Read,
    /// Adding and reviewing codings and writing memos, under one's own name.
    Code,
    /// Changing the code tree, documents or users.
    Administer,
}

impl Role {
    /// Reads `admin`, `coder` or `viewer`.
    pub fn parse(text: &str) -> Result<Role> {
        match text.trim().to_ascii_lowercase().as_str() {
            "admin" => Ok(Role::Admin),
            "coder" => Ok(Role::Coder),
            "viewer" => Ok(Role::Viewer),
            _ => Err(Error::UnknownRole(text.to_string())),
        }
    }

    /// The name stored and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Coder => "coder",
            Role::Viewer => "viewer",
        }
    }

    /// Whether this role may do what `needed` names.
    pub fn may(self, needed: Permission) -> bool {
        match (self, needed) {
            (Role::Admin, _) | (_, Permission::Read) => true,
            (Role::Coder, Permission::Code) => true,
            (Role::Coder, Permission::Administer) | (Role::Viewer, _) => false,
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Role {
    type Err = Error;
    fn from_str(s: &str) -> Result<Role> {
        Role::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_may_exactly_its_own() {
        use Permission::*;
        let table = [
            (Role::Admin, [true, true, true]),
            (Role::Coder, [true, true, false]),
            (Role::Viewer, [true, false, false]),
        ];
        for (role, allowed) in table {
            for (perm, ok) in [Read, Code, Administer].into_iter().zip(allowed) {
                assert_eq!(role.may(perm), ok, "{role} {perm:?}");
            }
            assert_eq!(Role::parse(role.as_str()).unwrap(), role);
        }
        assert!(Role::parse("root").is_err());
        assert_eq!(Role::parse(" Coder ").unwrap(), Role::Coder);
    }
}
