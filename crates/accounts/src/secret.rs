//! Passwords and random tokens: how they are made, stored and compared.
//!
//! Passwords are kept as argon2id PHC strings (the crate's default
//! parameters, which carry their own salt). Session and API tokens are 256
//! random bits from the operating system, shown to their holder once and
//! stored only as a BLAKE3 hash: a copy of the database lets nobody sign in.

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::Argon2;

use crate::{Error, Result};

/// Shortest password accepted, in characters.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// Longest password accepted, in bytes: hashing is deliberately slow, and a
/// megabyte "password" must not be a way to spend the server's time.
pub const MAX_PASSWORD_BYTES: usize = 1024;

/// A password that meets the rules ([`MIN_PASSWORD_CHARS`], [`MAX_PASSWORD_BYTES`]).
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(…)")
    }
}

impl Password {
    /// Checks a new password (one line's line ending is dropped).
    pub fn new(text: &str) -> Result<Password> {
        let text = text.strip_suffix('\n').unwrap_or(text);
        let text = text.strip_suffix('\r').unwrap_or(text);
        if text.chars().count() < MIN_PASSWORD_CHARS {
            return Err(Error::WeakPassword(format!(
                "it must have at least {MIN_PASSWORD_CHARS} characters"
            )));
        }
        if text.len() > MAX_PASSWORD_BYTES {
            return Err(Error::WeakPassword(format!("it must have at most {MAX_PASSWORD_BYTES} bytes")));
        }
        Ok(Password(text.to_string()))
    }

    /// The argon2id PHC string of this password, with a fresh salt.
    pub(crate) fn hash(&self) -> Result<String> {
        Argon2::default()
            .hash_password(self.0.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| Error::Hashing(e.to_string()))
    }
}

/// Whether `password` matches the PHC string `stored`; a malformed stored
/// hash matches nothing.
pub(crate) fn verify(password: &str, stored: &str) -> bool {
    if password.len() > MAX_PASSWORD_BYTES {
        return false;
    }
    match PasswordHash::new(stored) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// Spends the time of one verification, so that a login for an unknown
/// user takes as long as one with a wrong password.
pub(crate) fn verify_nothing(password: &str) {
    static DUMMY: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    let dummy = DUMMY.get_or_init(|| Password::new("not a password of anyone").ok()?.hash().ok());
    if let Some(stored) = dummy {
        let _ = verify(password, stored);
    }
}

/// A new random token: 256 bits, as 64 hexadecimal digits.
pub(crate) fn new_token() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| Error::Random(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// What is stored of a token: its BLAKE3 hash, hexadecimal.
pub(crate) fn token_hash(token: &str) -> String {
    blake3::hash(token.as_bytes()).to_hex().to_string()
}

/// Compares two secrets in time that depends only on their lengths.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_passwords_are_refused() {
        assert!(Password::new("123456789").is_err());
        assert!(Password::new("1234567890").is_ok());
        // Ten characters, not ten bytes.
        assert!(Password::new("密码密码密码密码密").is_err());
        assert!(Password::new(&"x".repeat(MAX_PASSWORD_BYTES + 1)).is_err());
    }

    #[test]
    fn a_hash_verifies_its_password_only() {
        let pw = Password::new("correct horse battery").unwrap();
        let stored = pw.hash().unwrap();
        assert!(stored.starts_with("$argon2id$"), "{stored}");
        assert!(verify("correct horse battery", &stored));
        assert!(!verify("correct horse battery!", &stored));
        assert!(!verify("correct horse battery", "not a phc string"));
        // Fresh salt each time.
        assert_ne!(stored, pw.hash().unwrap());
    }

    #[test]
    fn tokens_are_random_and_stored_hashed() {
        let (a, b) = (new_token().unwrap(), new_token().unwrap());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_ne!(token_hash(&a), a);
        assert_eq!(token_hash(&a), token_hash(&a));
        assert!(constant_time_eq(&a, &a.clone()));
        assert!(!constant_time_eq(&a, &b));
        assert!(!constant_time_eq(&a, &a[1..]));
    }
}
