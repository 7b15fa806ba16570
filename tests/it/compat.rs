//! The derive beside thiserror's `#[from]` and serde's derives. (`#[api(crate = ...)]` is
//! tested in `tests/renamed-dependency`, where `::errwire` does not resolve.)

use errwire::ApiError as _;

#[derive(Debug, thiserror::Error, serde::Serialize, errwire::ApiError)]
#[api(rename_all = "snake_case")]
enum ConfigError {
    #[error("cannot read the config")]
    #[api(status = 500, message = "Configuration unavailable")]
    Io(
        #[from]
        #[serde(skip)]
        std::io::Error,
    ),
    #[error("bad value for {key}")]
    #[api(status = 400, message = "Bad value for {key}")]
    BadValue {
        #[api(detail)]
        #[serde(rename = "setting")]
        key: String,
    },
}

#[test]
fn works_beside_from_and_serde() {
    let from_io: ConfigError = std::io::Error::other("disk on fire").into();
    assert_eq!(from_io.status().as_u16(), 500);
    assert_eq!(from_io.code(), Some(errwire::Code::Str("io")));

    let bad = ConfigError::BadValue { key: "port".into() };
    assert_eq!(
        serde_json::to_value(&bad).unwrap(),
        serde_json::json!({"BadValue": {"setting": "port"}})
    );
    let body: serde_json::Value = serde_json::from_slice(bad.to_response().body()).unwrap();
    assert_eq!(body["detail"], "Bad value for port");
    assert_eq!(
        body["key"], "port",
        "the wire name comes from #[api(detail)], not from serde"
    );
}
