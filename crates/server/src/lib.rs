//! The local web app: search, documents with coding stripes, review of
//! auto-codings, the codebook, the citation graph and the queries.
//!
//! The server is a thin layer over the library crates: [`app`] builds an
//! axum [`Router`] of a JSON API ([`api`], listed at `GET /api`) and three
//! embedded files (HTML, CSS, vanilla JavaScript) that use only that API.
//! Document text only ever reaches the page through `textContent`, so a
//! document containing `<script>` shows as text. Every edit is committed
//! before it is answered, so other tabs see it on reload.
//!
//! ```no_run
//! let server = policyscope_server::Server::bind("my-study".as_ref(), "127.0.0.1:0").unwrap();
//! println!("http://{}", server.local_addr());
//! server.run().unwrap();
//! ```
#![deny(missing_docs)]

pub mod api;
mod assets;
pub mod auth;
mod error;
pub mod extract;
pub mod guard;
pub mod refresh;
mod state;

use std::net::SocketAddr;
use std::path::Path;

use axum::Router;

pub use error::{Error, Result};
pub use guard::PublicUrl;
pub use state::AppState;

/// The whole app over `state`; no socket, so tests can call it directly.
/// Every request passes [`guard`] first; an unknown path or method gets the
/// API's JSON error.
pub fn app(state: AppState) -> Router {
    Router::new()
        .merge(api::routes())
        .merge(assets::routes())
        .merge(auth::routes())
        .fallback(|| async { Error::NotFound("no such page".into()) })
        .method_not_allowed_fallback(|| async { Error::MethodNotAllowed })
        .layer(axum::middleware::from_fn_with_state(state.clone(), auth::check))
        .layer(axum::middleware::from_fn_with_state(state.clone(), guard::check))
        .with_state(state)
}

/// A bound, not yet running server.
#[derive(Debug)]
pub struct Server {
    listener: std::net::TcpListener,
    state: AppState,
}

impl Server {
    /// Opens the project in `project_dir` and binds `addr` (`host:port`;
    /// port 0 picks a free one).
    pub fn bind(project_dir: &Path, addr: &str) -> Result<Server> {
        Server::bind_at(&policyscope_store::Location::Folder(project_dir.to_path_buf()), project_dir, addr)
    }

    /// Opens the project at `location` (a folder, or a PostgreSQL database
    /// whose derived artefacts are kept in `data`) and binds `addr`.
    pub fn bind_at(location: &policyscope_store::Location, data: &Path, addr: &str) -> Result<Server> {
        let listener = std::net::TcpListener::bind(addr)?;
        listener.set_nonblocking(true)?;
        let state = AppState::open_at(location, data)?.listening_on(listener.local_addr()?);
        auth::check_bind(&state)?;
        Ok(Server { listener, state })
    }

    /// Marks the session cookie `Secure`: needed when the app is reached
    /// over HTTPS through a proxy (the app itself speaks plain HTTP).
    pub fn secure_cookies(mut self, secure: bool) -> Server {
        self.state = self.state.with_secure_cookies(secure);
        self
    }

    /// Also answers at these addresses (`http(s)://HOST[:PORT]`): the
    /// server's name on the network, or a TLS proxy's address.
    pub fn public_urls(mut self, urls: Vec<guard::PublicUrl>) -> Server {
        self.state = self.state.with_public_urls(urls);
        self
    }

    /// Whether requests must sign in (the project has enabled users, or
    /// the address is not loopback).
    pub fn accounts_required(&self) -> Result<bool> {
        auth::accounts_required(&self.state)
    }

    /// The address actually bound.
    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 0)))
    }

    /// Serves until the process ends.
    pub fn run(self) -> Result<()> {
        let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(self.listener)?;
            // The client's address keys the login rate limit.
            let app = app(self.state).into_make_service_with_connect_info::<SocketAddr>();
            axum::serve(listener, app).await?;
            Ok(())
        })
    }
}

/// Opens the project and serves the app on `bind` until the process ends.
pub fn serve(project_dir: &Path, bind: &str) -> Result<()> {
    Server::bind(project_dir, bind)?.run()
}
