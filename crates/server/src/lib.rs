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
mod error;
mod state;

use std::net::SocketAddr;
use std::path::Path;

use axum::Router;

pub use error::{Error, Result};
pub use state::AppState;

/// The whole app over `state`; no socket, so tests can call it directly.
pub fn app(state: AppState) -> Router {
    Router::new().merge(api::routes()).merge(assets::routes()).with_state(state)
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
        let state = AppState::open(project_dir)?;
        let listener = std::net::TcpListener::bind(addr)?;
        listener.set_nonblocking(true)?;
        Ok(Server { listener, state })
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
            axum::serve(listener, app(self.state)).await?;
            Ok(())
        })
    }
}

/// Opens the project and serves the app on `bind` until the process ends.
pub fn serve(project_dir: &Path, bind: &str) -> Result<()> {
    Server::bind(project_dir, bind)?.run()
}
