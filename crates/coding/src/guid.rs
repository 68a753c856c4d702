//! GUIDs in the 8-4-4-4-12 form REFI-QDA expects.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// A GUID derived from `key` alone: the same key always gives the same GUID
/// (codes from a codebook keep their GUID across projects and exports).
pub fn stable(key: &str) -> String {
    format_uuid(blake3::hash(key.as_bytes()).as_bytes())
}

/// A fresh GUID, unique with overwhelming probability.
pub fn fresh(key: &str) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    let mut h = blake3::Hasher::new();
    h.update(key.as_bytes());
    h.update(&nanos.to_le_bytes());
    h.update(&std::process::id().to_le_bytes());
    h.update(&COUNTER.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    format_uuid(h.finalize().as_bytes())
}

fn format_uuid(bytes: &[u8; 32]) -> String {
    let mut b = [0u8; 16];
    b.copy_from_slice(&bytes[..16]);
    // Version 4 / RFC 4122 variant bits, so tools that check the form accept it.
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_is_stable_and_fresh_is_not() {
        assert_eq!(stable("code:Target"), stable("code:Target"));
        assert_ne!(stable("code:Target"), stable("code:Tool"));
        assert_ne!(fresh("x"), fresh("x"));
        let g = fresh("y");
        assert_eq!(g.len(), 36);
        assert_eq!(g.as_bytes()[14], b'4');
    }
}
