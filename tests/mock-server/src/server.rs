//! Starting a mock: the router, and a connection loop of its own so that a fault can cut a connection
//! without answering (and so that keep-alive is plain HTTP/1.1).

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::Request;
use axum::middleware::from_fn_with_state;
use axum::{Extension, Router};
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{Notify, watch};
use tower::Layer;

use crate::app::{App, Store};
use crate::auth::AcceptedCredentials;
use crate::config::{Config, SeedSource};
use crate::pds::error::PdsError;
use crate::seed::Seed;
use crate::{control, cors, faults, koodrive, pds, request_log};

/// A running mock server; it stops when this handle is dropped (or [`MockServer::shutdown`] is awaited).
#[derive(Debug)]
pub struct MockServer {
    base_url: String,
    address: SocketAddr,
    stop: watch::Sender<()>,
    accepting: tokio::task::JoinHandle<()>,
}

impl MockServer {
    /// `http://127.0.0.1:PORT`: what a client is pointed at instead of the real endpoint.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The address it listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Stops accepting and closes every connection.
    pub async fn shutdown(self) {
        let MockServer { stop, accepting, .. } = self;
        drop(stop);
        let _ = accepting.await;
    }
}

/// Starts a mock server on the current tokio runtime.
pub async fn spawn(config: Config) -> io::Result<MockServer> {
    let seed = match &config.seed {
        SeedSource::Reference => Seed::reference(),
        SeedSource::Synthetic(count) => Seed::synthetic(*count),
        SeedSource::File(path) => serde_json::from_slice(&std::fs::read(path)?)
            .map_err(|err| io::Error::new(io::ErrorKind::InvalidData, format!("{}: {err}", path.display())))?,
    };
    let store = Store::from_seed(&seed)
        .map_err(|err| io::Error::new(io::ErrorKind::InvalidData, format!("the seed is inconsistent: {err:?}")))?;
    let credentials =
        AcceptedCredentials::from_config(&config).map_err(|err| io::Error::new(io::ErrorKind::InvalidInput, err))?;
    let app = Arc::new(App::new(credentials, store, config.delay, config.koodrive_quirks, config.max_rps));
    let listener = TcpListener::bind((config.host.as_str(), config.port)).await?;
    let address = listener.local_addr()?;
    let (stop, stopped) = watch::channel(());
    let accepting = tokio::spawn(accept(listener, router(app), stopped));
    Ok(MockServer { base_url: format!("http://{address}"), address, stop, accepting })
}

/// Services behind the request log and the faults; the control API and CORS preflights in front of them.
fn router(app: Arc<App>) -> Router {
    let services = pds::routes()
        .merge(koodrive::routes())
        .fallback(unknown_path)
        .layer(from_fn_with_state(Arc::clone(&app), faults::inject))
        .layer(from_fn_with_state(Arc::clone(&app), request_log::record));
    Router::new().merge(services).nest("/__mock", control::routes()).layer(cors::layer()).with_state(app)
}

async fn unknown_path(request: Request) -> PdsError {
    PdsError::new(
        axum::http::StatusCode::NOT_FOUND,
        "NotFound.Path",
        format!("{} {} is not an operation of this mock.", request.method(), request.uri().path()),
    )
}

/// Lets a request's handler close the connection it came on, without an answer.
#[derive(Debug, Clone, Default)]
pub(crate) struct ConnectionCut(Arc<Notify>);

impl ConnectionCut {
    pub fn cut(&self) {
        self.0.notify_one();
    }

    async fn wait(&self) {
        self.0.notified().await;
    }
}

async fn accept(listener: TcpListener, router: Router, mut stopped: watch::Receiver<()>) {
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors, or a connection reset before it was accepted: try again shortly.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            },
            _ = stopped.changed() => return,
        };
        let _ = stream.set_nodelay(true);
        let cut = ConnectionCut::default();
        let service = TowerToHyperService::new(Extension(cut.clone()).layer(router.clone()));
        let mut stopped = stopped.clone();
        tokio::spawn(async move {
            let connection = http1::Builder::new().keep_alive(true).serve_connection(TokioIo::new(stream), service);
            // Dropping the connection closes the socket, whatever it was doing.
            tokio::select! {
                _ = connection => {}
                () = cut.wait() => {}
                _ = stopped.changed() => {}
            }
        });
    }
}
