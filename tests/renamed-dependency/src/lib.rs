//! Errors derived through `#[api(crate = wire)]`, in a crate where `::errwire` does not resolve.

use std::time::Duration;

wire::envelope! {
    /// A body declared through the renamed path.
    pub struct Body {
        "error": code,
        "message": message,
        "details": details?,
    }
}

/// The errors of a service whose errwire dependency is called `wire`.
#[derive(Debug, wire::ApiError)]
#[api(crate = wire, envelope = Body, rename_all = "snake_case", header(Cache-Control = "no-store"))]
pub enum RoomError {
    /// The room is busy.
    #[api(status = 429, message = "Retry after {retry_after:?}")]
    Busy {
        /// How long to wait.
        #[api(detail = "wait", header = "Retry-After")]
        retry_after: Duration,
    },
    /// Forwarded from the authentication layer.
    #[api(transparent)]
    Auth(AuthError),
}

/// An error of another layer, forwarded whole.
#[derive(Debug, wire::ApiError)]
#[api(crate = wire, envelope = wire::Flat, status = 401, code = "unauthenticated")]
pub struct AuthError;

#[cfg(test)]
mod tests {
    use wire::ApiError as _;

    use super::*;

    #[test]
    fn derives_through_the_renamed_path() {
        let busy = RoomError::Busy {
            retry_after: Duration::from_millis(1500),
        };
        let response = busy.to_response();
        assert_eq!(response.status(), 429);
        assert_eq!(response.headers()["retry-after"], "2");
        assert_eq!(response.headers()["cache-control"], "no-store");
        let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
        assert_eq!(body["error"], "busy");
        assert_eq!(body["message"], "Retry after 1.5s");
        assert_eq!(
            body["details"]["wait"],
            serde_json::json!({"secs": 1, "nanos": 500_000_000})
        );

        let auth = RoomError::Auth(AuthError).to_response();
        assert_eq!(auth.status(), 401);
        assert_eq!(
            auth.body(),
            br#"{"error":"unauthenticated","message":"Unauthorized"}"#,
            "a transparent variant renders in the outer type's envelope"
        );
        assert_eq!(RoomError::catalog().entries.len(), 2);
    }
}
