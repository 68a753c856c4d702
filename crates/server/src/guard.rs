//! The server trusts no origin.
//!
//! The app has no login and listens on loopback, which a web page in the same
//! browser can still reach: by DNS rebinding (a page's own host name made to
//! resolve to 127.0.0.1) or by posting a form across origins. So every request
//! is checked before it reaches a handler:
//!
//! 1. Its `Host` must name the address the server is bound to:
//!    `127.0.0.1:PORT`, `localhost:PORT` or `[::1]:PORT` (and the bound address
//!    itself when that is a specific non-loopback one) with the bound port;
//!    anything else is answered `421 Misdirected Request`. A rebinding page's
//!    requests carry its own host name, so they stop here.
//! 2. A state-changing request (POST, PUT, PATCH, DELETE) must also come from
//!    the app itself: an `Origin` header equal to `http://` + one of those
//!    hosts, else (no `Origin`) a `Referer` under one; with neither it is
//!    accepted only from a client that is not a browser, i.e. without
//!    `Sec-Fetch-Site` (curl, scripts). Anything else is `403 Forbidden`.
//!
//! A team server reached under another name — its machine's name on the
//! network, or a TLS proxy's `https://` address — is given that address with
//! `serve --public-url URL` ([`PublicUrl`]): its host is then accepted as
//! `Host`, and its origin as `Origin`/`Referer`, besides the names above.
//!
//! An app without a socket (tests calling the router directly) knows no
//! address: it accepts requests without `Host` and refuses every `Host`.

use std::net::SocketAddr;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::{AppState, Error};

/// An address the app is reached at besides the bound one:
/// `http(s)://HOST[:PORT]`, with no path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl {
    /// The `Host` header it sends, lower case (`team.example:8443`).
    host: String,
    /// The `Origin` its pages send (`https://team.example:8443`).
    origin: String,
}

impl std::str::FromStr for PublicUrl {
    type Err = Error;

    fn from_str(text: &str) -> Result<PublicUrl, Error> {
        let lower = text.trim().trim_end_matches('/').to_ascii_lowercase();
        let bad = || {
            Error::BadRequest(format!(
                "`{text}` is not an address like https://team.example or http://host:8737"
            ))
        };
        let (scheme, host) = lower.split_once("://").ok_or_else(bad)?;
        let valid_host = !host.is_empty()
            && host.len() <= 255
            && host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
        if !matches!(scheme, "http" | "https") || !valid_host {
            return Err(bad());
        }
        Ok(PublicUrl { host: host.to_string(), origin: format!("{scheme}://{host}") })
    }
}

/// The middleware: refuses a request that fails the rules above.
pub(crate) async fn check(State(state): State<AppState>, req: Request, next: Next) -> Response {
    match allowed(state.listen_addr(), state.public_urls(), req.method(), req.headers()) {
        Ok(()) => next.run(req).await,
        Err(e) => e.into_response(),
    }
}

/// The `Host` values that address a server bound to `addr`.
pub fn expected_hosts(addr: SocketAddr) -> Vec<String> {
    let port = addr.port();
    let mut names = vec!["127.0.0.1".to_string(), "localhost".to_string(), "[::1]".to_string()];
    let ip = addr.ip();
    if !ip.is_loopback() && !ip.is_unspecified() {
        names.push(match ip {
            std::net::IpAddr::V4(v4) => v4.to_string(),
            std::net::IpAddr::V6(v6) => format!("[{v6}]"),
        });
    }
    let mut hosts: Vec<String> = names.iter().map(|n| format!("{n}:{port}")).collect();
    if port == 80 {
        // Browsers leave out the default port.
        hosts.extend(names);
    }
    hosts
}

fn allowed(
    listen: Option<SocketAddr>,
    public: &[PublicUrl],
    method: &Method,
    headers: &HeaderMap,
) -> Result<(), Error> {
    let hosts = listen.map(expected_hosts).unwrap_or_default();
    // A public URL's host is accepted as `Host`; as an origin only with its
    // own scheme (below).
    let public = if listen.is_some() { public } else { &[] };
    let header_text = |name: header::HeaderName| -> Result<Option<String>, Error> {
        match headers.get(&name) {
            None => Ok(None),
            Some(v) => v
                .to_str()
                .map(|s| Some(s.trim().to_ascii_lowercase()))
                .map_err(|_| Error::BadRequest(format!("the {name} header is not text"))),
        }
    };
    match header_text(header::HOST)? {
        None if listen.is_none() => {}
        None => return Err(Error::Misdirected("a request needs a Host header".into())),
        Some(host) if hosts.contains(&host) || public.iter().any(|p| p.host == host) => {}
        Some(host) => {
            return Err(Error::Misdirected(format!(
                "this server answers only to {}, not to Host `{host}`",
                if hosts.is_empty() { "requests without a Host header".into() } else { hosts.join(", ") }
            )))
        }
    }
    let changes_state = matches!(*method, Method::POST | Method::PUT | Method::PATCH | Method::DELETE);
    if !changes_state {
        return Ok(());
    }
    let from_app = |url: &str| {
        hosts.iter().any(|h| url == format!("http://{h}")) || public.iter().any(|p| url == p.origin)
    };
    let under_app = |url: &str| {
        hosts.iter().any(|h| url.starts_with(&format!("http://{h}/")))
            || public.iter().any(|p| url.starts_with(&format!("{}/", p.origin)))
    };
    if let Some(origin) = header_text(header::ORIGIN)? {
        if from_app(&origin) {
            return Ok(());
        }
        return Err(Error::Forbidden(format!(
            "changes are accepted only from the app's own pages, not from `{origin}`"
        )));
    }
    if let Some(referer) = header_text(header::REFERER)? {
        if under_app(&referer) {
            return Ok(());
        }
        return Err(Error::Forbidden("changes are accepted only from the app's own pages".into()));
    }
    if headers.contains_key("sec-fetch-site") {
        return Err(Error::Forbidden(
            "a browser request that changes the project must carry its Origin".into(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn hosts_follow_the_bound_port() {
        let hosts = expected_hosts("127.0.0.1:4321".parse().unwrap());
        assert_eq!(hosts, ["127.0.0.1:4321", "localhost:4321", "[::1]:4321"]);
        assert!(expected_hosts("0.0.0.0:80".parse().unwrap()).contains(&"localhost".to_string()));
        assert!(expected_hosts("192.168.1.5:8737".parse().unwrap()).contains(&"192.168.1.5:8737".to_string()));
    }

    #[test]
    fn a_forged_host_or_origin_is_refused() {
        let addr = Some("127.0.0.1:4321".parse().unwrap());
        let ok = |m: &Method, h: &[(&'static str, &str)]| allowed(addr, &[], m, &headers(h)).is_ok();
        assert!(ok(&Method::GET, &[("host", "LOCALHOST:4321")]));
        assert!(!ok(&Method::GET, &[("host", "evil.example:4321")]));
        assert!(!ok(&Method::GET, &[("host", "localhost:1234")]));
        assert!(!ok(&Method::GET, &[]));
        let host = ("host", "127.0.0.1:4321");
        assert!(ok(&Method::POST, &[host, ("origin", "http://127.0.0.1:4321")]));
        assert!(ok(&Method::POST, &[host, ("origin", "http://localhost:4321")]));
        assert!(!ok(&Method::POST, &[host, ("origin", "http://evil.example")]));
        assert!(!ok(&Method::POST, &[host, ("origin", "null")]));
        assert!(ok(&Method::POST, &[host, ("referer", "http://127.0.0.1:4321/#/review")]));
        assert!(!ok(&Method::POST, &[host, ("referer", "http://127.0.0.1:43210/")]));
        assert!(ok(&Method::POST, &[host]));
        assert!(!ok(&Method::POST, &[host, ("sec-fetch-site", "cross-site")]));
        // Without a socket no Host is known to be right.
        assert!(allowed(None, &[], &Method::GET, &HeaderMap::new()).is_ok());
        assert!(allowed(None, &[], &Method::GET, &headers(&[("host", "localhost:8737")])).is_err());
    }

    #[test]
    fn a_public_url_adds_its_host_and_origin_and_nothing_else() {
        let addr = Some("0.0.0.0:8737".parse().unwrap());
        let public: Vec<PublicUrl> = vec!["https://Team.Example/".parse().unwrap()];
        let ok = |m: &Method, h: &[(&'static str, &str)]| allowed(addr, &public, m, &headers(h)).is_ok();
        assert!(ok(&Method::GET, &[("host", "team.example")]));
        assert!(!ok(&Method::GET, &[("host", "other.example")]));
        let host = ("host", "team.example");
        assert!(ok(&Method::POST, &[host, ("origin", "https://team.example")]));
        assert!(!ok(&Method::POST, &[host, ("origin", "http://team.example")]));
        assert!(ok(&Method::POST, &[host, ("referer", "https://team.example/#/review")]));
        assert!(!ok(&Method::POST, &[host, ("referer", "https://team.example.evil/")]));
        for bad in ["team.example", "ftp://team.example", "https://", "https://a b", "https://x/<script>"] {
            assert!(bad.parse::<PublicUrl>().is_err(), "{bad}");
        }
    }

    proptest::proptest! {
        /// Any text given as `--public-url` is either refused or becomes a host
        /// of safe characters and an origin made of it; it never panics.
        #[test]
        fn any_public_url_text_is_refused_or_safe(text in ".{0,300}") {
            if let Ok(url) = text.parse::<PublicUrl>() {
                proptest::prop_assert!(url.host.len() <= 255);
                proptest::prop_assert!(url.host.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c)));
                let made_of_host = [format!("http://{}", url.host), format!("https://{}", url.host)].contains(&url.origin);
                proptest::prop_assert!(made_of_host);
            }
        }
    }
}
