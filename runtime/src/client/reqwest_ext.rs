//! The client on reqwest: a `reqwest::Response` read back, and a request retried by the policy.

use core::fmt;
use std::future::Future;
use std::time::Duration;

use super::policy::RetryPolicy;
use super::response::{ErrorResponse, Incomplete};
use super::retry_after::RetryAfter;
use super::typed::{FromResponse, Received, read_in_place};
use crate::ApiError;
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
        if incomplete.is_none()
            && let Some(received) = read_in_place(status, &headers, &body)
        {
            return received;
        }
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

/// Why [`RetryPolicy::send`] gave up, and what [`RetryPolicy::send_with`] shows of each failed
/// attempt.
#[derive(Debug)]
pub enum SendError<E> {
    /// An error response: one the policy does not retry, or the attempts ran out.
    Api(Received<E>),
    /// The request failed before a response: the connection, the request itself.
    Transport(reqwest::Error),
    /// No response began within the policy's [attempt timeout](RetryPolicy::with_attempt_timeout).
    Timeout(Duration),
}

impl<E: ApiError + fmt::Debug> fmt::Display for SendError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SendError::Api(received) => fmt::Display::fmt(received, f),
            SendError::Transport(error) => fmt::Display::fmt(error, f),
            SendError::Timeout(after) => write!(f, "no response within {after:?}"),
        }
    }
}

impl<E: ApiError + fmt::Debug> std::error::Error for SendError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SendError::Transport(error) => Some(error),
            SendError::Api(_) | SendError::Timeout(_) => None,
        }
    }
}

impl RetryPolicy {
    /// Sends the request `request` builds, again while the policy says so; the response, or
    /// why the last attempt failed.
    ///
    /// Each attempt waits [`attempt_timeout`](Self::with_attempt_timeout) at most for its
    /// response to begin (30 s by default), then reads an error body within the default
    /// [`BodyLimits`]. What is sent again:
    /// - an error response by its retry class (the variant's of `E`, else the status's) and
    ///   `Retry-After`: `throttle` after the delay, `transient` with backoff, whatever the
    ///   method (a `POST` that got a 500 too, as the seed APIs' clients do), or, with
    ///   [`with_idempotent_only`](Self::with_idempotent_only), only an idempotent request;
    /// - a request that could not connect (it never reached the server), as `transient`;
    /// - an attempt that timed out, as `transient` for an idempotent request only, since the
    ///   server may be acting on it.
    ///
    /// Any other transport failure is not retried. `request` is called once per attempt, so
    /// that each sends a body of its own.
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
        request: impl FnMut() -> reqwest::RequestBuilder,
    ) -> Result<reqwest::Response, SendError<E>> {
        self.send_with(request, |_, _| {}).await
    }

    /// [`send`](Self::send), calling `failed` with the number of each attempt that failed (the
    /// first is 1) and how, the last one included: where a client logs every error response
    /// with its request id, as the Verilock API asks.
    ///
    /// ```no_run
    /// use errwire::client::{AnyError, RetryPolicy, SendError};
    ///
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// let client = reqwest::Client::new();
    /// let response = RetryPolicy::new()
    ///     .send_with::<AnyError>(
    ///         || client.post("http://127.0.0.1:3000/rooms/math-101/join"),
    ///         |attempt, failure| match failure {
    ///             SendError::Api(received) => eprintln!(
    ///                 "attempt {attempt}: {received} (X-Request-Id {:?})",
    ///                 received.request_id()
    ///             ),
    ///             other => eprintln!("attempt {attempt}: {other}"),
    ///         },
    ///     )
    ///     .await?;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn send_with<E: FromResponse + Send>(
        &self,
        mut request: impl FnMut() -> reqwest::RequestBuilder,
        mut failed: impl FnMut(u32, &SendError<E>),
    ) -> Result<reqwest::Response, SendError<E>> {
        let mut attempt = 1;
        loop {
            let (failure, retry, retry_after) = match self.attempt(request()).await {
                Ok(response) => return Ok(response),
                Err(failure) => failure,
            };
            failed(attempt, &failure);
            match self.delay(attempt, retry, retry_after) {
                Some(delay) => tokio::time::sleep(delay).await,
                None => return Err(failure),
            }
            attempt += 1;
        }
    }

    /// One attempt: the response when it is not an error; else how it failed, the class to
    /// retry it by under this policy, and the delay the server asked for.
    async fn attempt<E: FromResponse + Send>(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<reqwest::Response, (SendError<E>, Retry, Option<RetryAfter>)> {
        let (client, built) = request.build_split();
        let built = built.map_err(|error| (SendError::Transport(error), Retry::Never, None))?;
        let method = built.method().clone();
        let sent = tokio::time::timeout(self.attempt_timeout(), client.execute(built)).await;
        let response = match sent {
            Ok(Ok(response)) => response,
            // It never reached the server.
            Ok(Err(error)) if error.is_connect() => {
                return Err((SendError::Transport(error), Retry::Transient, None));
            }
            Ok(Err(error)) => return Err((SendError::Transport(error), Retry::Never, None)),
            Err(_) => {
                let retry = match method.is_idempotent() {
                    true => Retry::Transient,
                    false => Retry::Never,
                };
                return Err((SendError::Timeout(self.attempt_timeout()), retry, None));
            }
        };
        let status = response.status();
        if !(status.is_client_error() || status.is_server_error()) {
            return Ok(response);
        }
        let received: Received<E> = response.into_received(BodyLimits::default()).await;
        let retry = match self.retries(received.retry(), &method) {
            true => received.retry(),
            false => Retry::Never,
        };
        let retry_after = received.retry_after();
        Err((SendError::Api(received), retry, retry_after))
    }
}
