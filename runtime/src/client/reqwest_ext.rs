//! The client on reqwest: a `reqwest::Response` read back, and a request retried by the policy.

use core::fmt;
use std::future::Future;
use std::time::Duration;

use super::policy::RetryPolicy;
use super::response::{ErrorResponse, Incomplete};
use super::typed::{FromResponse, Received};
use crate::catalog::Retry;

/// How much of an error body is read, and for how long: an error body is small, and a server
/// that sends a huge or endless one must not hold the client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BodyLimits {
    /// The most bytes read; the rest is left unread. 64 KiB by default.
    pub max_bytes: usize,
    /// The longest time spent reading. 10 s by default.
    pub timeout: Duration,
}

impl Default for BodyLimits {
    fn default() -> Self {
        BodyLimits {
            max_bytes: 64 * 1024,
            timeout: Duration::from_secs(10),
        }
    }
}

/// Reads an error response of reqwest back, with the `reqwest` feature.
///
/// ```no_run
/// use errwire::client::{Received, ResponseExt};
///
/// #[derive(Debug, errwire::ApiError)]
/// enum RoomError {
///     #[api(status = 404, code = "room_not_found")]
///     RoomNotFound,
/// }
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let response = reqwest::get("http://127.0.0.1:3000/rooms/physics-9").await?;
/// match response.error_for_status_typed::<RoomError>().await {
///     Ok(room) => println!("{}", room.text().await?),
///     Err(Received::Known(RoomError::RoomNotFound, _)) => println!("no such room"),
///     Err(Received::Unknown(other)) => println!("{other} (request {:?})", other.request_id),
/// }
/// # Ok(())
/// # }
/// ```
pub trait ResponseExt: Sized {
    /// The response itself when its status is not an error; else its body, read within the
    /// default [`BodyLimits`], back into `E` or the generic [`ErrorResponse`].
    fn error_for_status_typed<E: FromResponse + Send>(
        self,
    ) -> impl Future<Output = Result<reqwest::Response, Received<E>>> + Send;

    /// The response read as an error response whatever its status, its body read within
    /// `limits`; what was read before a limit was reached is kept, and the reason is in
    /// [`ErrorResponse::incomplete`].
    fn into_received<E: FromResponse + Send>(
        self,
        limits: BodyLimits,
    ) -> impl Future<Output = Received<E>> + Send;
}

impl ResponseExt for reqwest::Response {
    async fn error_for_status_typed<E: FromResponse + Send>(
        self,
    ) -> Result<reqwest::Response, Received<E>> {
        let status = self.status();
        if status.is_client_error() || status.is_server_error() {
            Err(self.into_received(BodyLimits::default()).await)
        } else {
            Ok(self)
        }
    }

    async fn into_received<E: FromResponse + Send>(self, limits: BodyLimits) -> Received<E> {
        let status = self.status();
        let headers = self.headers().clone();
        let (body, incomplete) = read_body(self, limits).await;
        let mut response = ErrorResponse::parse(status, &headers, body, E::catalog());
        response.incomplete = incomplete;
        Received::new(response)
    }
}

/// The body, up to `limits`, and why it stopped early if it did.
async fn read_body(
    mut response: reqwest::Response,
    limits: BodyLimits,
) -> (Vec<u8>, Option<Incomplete>) {
    let mut body = Vec::new();
    let read = async {
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    let room = limits.max_bytes - body.len();
                    if chunk.len() > room {
                        body.extend_from_slice(&chunk[..room]);
                        return Some(Incomplete::TooLarge {
                            limit: limits.max_bytes,
                        });
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => return None,
                Err(error) => return Some(Incomplete::Broken(error.to_string())),
            }
        }
    };
    let incomplete = tokio::time::timeout(limits.timeout, read)
        .await
        .unwrap_or(Some(Incomplete::Stalled {
            after: limits.timeout,
        }));
    (body, incomplete)
}

/// Why [`RetryPolicy::send`] gave up.
#[derive(Debug)]
pub enum SendError<E> {
    /// The last response was an error the policy does not retry, or the attempts ran out.
    Api(Received<E>),
    /// The last request failed before a response: the connection, a timeout, the request.
    Transport(reqwest::Error),
}

impl<E: fmt::Debug> fmt::Display for SendError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SendError::Api(received) => fmt::Display::fmt(received, f),
            SendError::Transport(error) => fmt::Display::fmt(error, f),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for SendError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SendError::Api(_) => None,
            SendError::Transport(error) => Some(error),
        }
    }
}

impl RetryPolicy {
    /// Sends the request `request` builds, again while the policy says so: an error response
    /// by its retry class (the variant's of `E`, else the status's) and `Retry-After`; a request
    /// that could not connect as `transient` (it never reached the server); any other transport
    /// failure not at all, since the server may have acted on it. `request` is called once per
    /// attempt, so that each sends a body of its own.
    ///
    /// ```no_run
    /// use errwire::client::{AnyError, RetryPolicy};
    ///
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// let client = reqwest::Client::new();
    /// let response = RetryPolicy::new()
    ///     .send::<AnyError>(|| client.get("http://127.0.0.1:3000/rooms/math-101"))
    ///     .await?;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn send<E: FromResponse + Send>(
        &self,
        mut request: impl FnMut() -> reqwest::RequestBuilder,
    ) -> Result<reqwest::Response, SendError<E>> {
        let mut attempt = 1;
        loop {
            let delay = match request().send().await {
                Ok(response) => {
                    let status = response.status();
                    if !(status.is_client_error() || status.is_server_error()) {
                        return Ok(response);
                    }
                    let received: Received<E> = response.into_received(BodyLimits::default()).await;
                    let retry_after = received.response().retry_after;
                    match self.delay(attempt, received.retry(), retry_after) {
                        Some(delay) => delay,
                        None => return Err(SendError::Api(received)),
                    }
                }
                Err(error) => {
                    let retry = if error.is_connect() {
                        Retry::Transient
                    } else {
                        Retry::Never
                    };
                    match self.delay(attempt, retry, None) {
                        Some(delay) => delay,
                        None => return Err(SendError::Transport(error)),
                    }
                }
            };
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }
}
