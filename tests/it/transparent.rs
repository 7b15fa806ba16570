use errwire::{ApiError, Code};

#[derive(Debug, ApiError)]
enum AuthError {
    #[api(
        status = 401,
        code = "authentication_error",
        message = "API key is missing, invalid, or revoked."
    )]
    BadKey,
    #[api(status = 429, code = "rate_limited", message = "Wait {0} seconds")]
    Limited(#[api(header = "Retry-After", detail = "retry_after")] u32),
}

#[derive(Debug, ApiError)]
enum AppError {
    #[api(transparent)]
    Auth(AuthError),
    #[api(status = 404, code = "not_found")]
    NotFound,
}

#[test]
fn every_fact_comes_from_the_forwarded_error() {
    let error = AppError::Auth(AuthError::Limited(9));
    assert_eq!(error.status().as_u16(), 429);
    assert_eq!(error.code(), Some(Code::Str("rate_limited")));
    assert_eq!(error.message().to_string(), "Wait 9 seconds");
    let response = error.to_response();
    assert_eq!(response.headers()["retry-after"], "9");
    let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(body["retry_after"], 9);
    assert_eq!(AppError::NotFound.status().as_u16(), 404);
    assert_eq!(
        AppError::Auth(AuthError::BadKey).message().to_string(),
        "API key is missing, invalid, or revoked."
    );
}

#[test]
fn the_catalog_points_to_the_forwarded_catalog() {
    let entries = AppError::catalog().entries;
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].name, "Auth");
    assert_eq!(entries[0].status, None);
    let forwarded = entries[0]
        .forwards_to
        .map_or(&[][..], |catalog| catalog().entries);
    let codes: Vec<_> = forwarded.iter().filter_map(|entry| entry.code).collect();
    assert_eq!(
        codes,
        [Code::Str("authentication_error"), Code::Str("rate_limited")]
    );
}

/// A layer whose own errors are in `Flat`.
#[derive(Debug, ApiError)]
#[api(envelope = errwire::Flat)]
enum StoreError {
    #[api(status = 503, code = "store_down")]
    Down,
}

/// The service's errors, in the default `Problem`, forwarding the store's.
#[derive(Debug, ApiError)]
enum ServiceError {
    #[api(transparent)]
    Store(StoreError),
}

#[test]
fn a_forwarded_error_is_written_in_the_outer_type_s_envelope() {
    let response = ServiceError::Store(StoreError::Down).to_response();
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(body["status"], 503);
    assert_eq!(body["code"], "store_down");
    assert_eq!(
        StoreError::Down.to_response().headers()["content-type"],
        "application/json"
    );
}
