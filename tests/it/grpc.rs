//! One enum on two wires: every error of the example server and the four seed APIs, sent by an
//! axum server over HTTP and by a tonic server over gRPC, side by side on 127.0.0.1, comes back
//! as the same variant through `from_response` and `errwire::tonic::from_status`, with the same
//! code, retry class and details.

use std::fmt::Debug;
use std::net::SocketAddr;
use std::time::Duration;

use axum::extract::Path;
use axum::response::IntoResponse;
use errwire::client::{BodyLimits, FromResponse, Received, ResponseExt as _};
use errwire::grpc::GrpcCode;
use errwire::{ApiError, Envelope};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tonic::transport::server::TcpIncoming;
use tonic::{Request, Status};
use tonic_prost::ProstCodec;
use tonic_types::StatusExt as _;

use crate::apis::grpc_service::{Ask, Errors, METHOD, Reply};
use crate::apis::{gateway, server, verilock, verriflo, verto};

/// An axum server and a tonic server sending `errors`, each by its index, on 127.0.0.1; both
/// stop when the returned senders are dropped, or after a minute.
async fn serve<E, Env>(errors: fn() -> Vec<E>) -> (SocketAddr, SocketAddr, [oneshot::Sender<()>; 2])
where
    E: IntoResponse + Into<Status> + std::marker::Send + 'static,
    Env: Envelope,
{
    let http = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let grpc = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addrs = (http.local_addr().unwrap(), grpc.local_addr().unwrap());
    let (stop_http, http_stopped) = oneshot::channel::<()>();
    let (stop_grpc, grpc_stopped) = oneshot::channel::<()>();
    let app = axum::Router::new()
        .route(
            "/{index}",
            axum::routing::get(move |Path(index): Path<usize>| async move {
                errors().into_iter().nth(index).unwrap().into_response()
            }),
        )
        .layer(axum::middleware::from_fn(
            errwire::axum::envelope_errors::<Env>,
        ));
    let stopped = |signal: oneshot::Receiver<()>| async move {
        let _ = tokio::time::timeout(Duration::from_secs(60), signal).await;
    };
    tokio::spawn(async move {
        axum::serve(http, app)
            .with_graceful_shutdown(stopped(http_stopped))
            .await
            .unwrap();
    });
    tokio::spawn(async move {
        tonic::transport::Server::builder()
            .layer(errwire::tonic::ContextLayer)
            .serve_with_incoming_shutdown(
                Errors(errors),
                TcpIncoming::from(grpc),
                stopped(grpc_stopped),
            )
            .await
            .unwrap();
    });
    (addrs.0, addrs.1, [stop_http, stop_grpc])
}

/// Sends each of `errors` over both wires, each behind errwire's middleware or layer and asked
/// with a request id and `Accept-Language: fr`, and checks that both read back alike.
async fn both_wires<E, Env: Envelope>(errors: fn() -> Vec<E>)
where
    E: ApiError
        + FromResponse
        + IntoResponse
        + Into<Status>
        + Debug
        + std::fmt::Display
        + std::marker::Send
        + 'static,
{
    let (http, grpc, _stop) = serve::<E, Env>(errors).await;
    let client = reqwest::Client::new();
    let channel = tonic::transport::Endpoint::from_shared(format!("http://{grpc}"))
        .unwrap()
        .timeout(Duration::from_secs(10))
        .connect()
        .await
        .unwrap();
    let mut grpc_client = tonic::client::Grpc::new(channel);
    for (index, sent) in errors().into_iter().enumerate() {
        let request_id = format!("req-{index}");
        let response = client
            .get(format!("http://{http}/{index}"))
            .header("x-request-id", &request_id)
            .header("accept-language", "fr")
            .timeout(Duration::from_secs(10))
            .send()
            .await
            .unwrap();
        let over_http: Received<E> = response.into_received(BodyLimits::default()).await;
        grpc_client.ready().await.unwrap();
        let mut request = Request::new(Ask {
            index: index as u32,
        });
        let metadata = request.metadata_mut();
        metadata.insert("x-request-id", request_id.parse().unwrap());
        metadata.insert("accept-language", "fr".parse().unwrap());
        let answer = grpc_client
            .unary::<Ask, Reply, _>(
                request,
                http::uri::PathAndQuery::from_static(METHOD),
                ProstCodec::default(),
            )
            .await;
        let status = answer.expect_err("the service answers with an error");
        let over_grpc: Received<E> = errwire::tonic::from_status(&status);

        // The same variant, or for one a client cannot rebuild, the same generic error.
        assert_eq!(
            format!("{:?}", over_http.known()),
            format!("{:?}", over_grpc.known()),
            "{sent:?}"
        );
        assert_eq!(over_http.status(), over_grpc.status(), "{sent:?}");
        assert_eq!(over_http.retry(), over_grpc.retry(), "{sent:?}");
        assert_eq!(over_grpc.retry(), sent.retry(), "{sent:?}");
        assert_eq!(over_http.message(), over_grpc.message(), "{sent:?}");
        assert_eq!(over_http.language(), over_grpc.language(), "{sent:?}");
        if E::catalog().locales.len() > 1 {
            assert_eq!(over_grpc.language(), Some("fr"), "{sent:?}");
        }
        assert_eq!(
            over_grpc.request_id(),
            Some(request_id.as_str()),
            "{sent:?}"
        );
        assert_eq!(over_http.request_id(), over_grpc.request_id(), "{sent:?}");

        // What the gRPC status itself says, as any gRPC client reads it.
        let grpc = sent.__grpc().expect("every example type has a domain");
        assert_eq!(status.code() as i32, grpc.code.number(), "{sent:?}");
        let info = status.get_details_error_info().expect("an ErrorInfo");
        assert_eq!(info.reason, grpc.reason);
        assert_eq!(Some(info.domain.as_str()), E::catalog().domain);
        let details = serde_json::to_value(sent.details()).unwrap();
        for (name, value) in details.as_object().into_iter().flatten() {
            let text = match value {
                serde_json::Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            assert_eq!(info.metadata.get(name), Some(&text), "{sent:?}: {name}");
        }
        let delay = status
            .get_details_retry_info()
            .and_then(|info| info.retry_delay);
        match grpc.code {
            GrpcCode::ResourceExhausted => assert!(delay.is_some(), "{sent:?}: AIP-194"),
            _ if sent.retry() != errwire::client::Retry::Throttle => {
                assert_eq!(delay, None, "{sent:?}")
            }
            _ => {}
        }
        if sent.status().is_server_error() {
            // As over HTTP: the public message, never the error's own text.
            assert_ne!(status.message(), sent.to_string(), "{sent:?}");
        }
    }
}

#[tokio::test]
async fn the_example_server_s_errors_read_back_alike_over_http_and_grpc() {
    both_wires::<_, errwire::Problem>(server::errors).await;
}

#[test]
fn the_metadata_carries_every_value_the_message_shows() {
    // `name` is no detail: the HTTP body shows it in the message only, as `{name:?}` writes it.
    let taken = server::ClassError::NameTaken {
        name: "Math 101".to_owned(),
        room_id: "math-101".to_owned(),
    };
    let status = Status::from(taken);
    assert_eq!(
        status.message(),
        r#"A classroom named "Math 101" already exists"#
    );
    let info = status.get_details_error_info().unwrap();
    assert_eq!(info.metadata.len(), 2);
    assert_eq!(info.metadata["name"], r#""Math 101""#);
    assert_eq!(info.metadata["room_id"], "math-101");
}

#[tokio::test]
async fn the_gateway_s_errors_read_back_alike_over_http_and_grpc() {
    both_wires::<_, gateway::Gateway>(gateway::errors).await;
}

#[tokio::test]
async fn verilock_s_errors_read_back_alike_over_http_and_grpc() {
    both_wires::<_, verilock::Verilock>(verilock::errors).await;
}

#[tokio::test]
async fn verriflo_s_errors_read_back_alike_over_http_and_grpc() {
    both_wires::<_, verriflo::Verriflo>(verriflo::errors).await;
}

#[tokio::test]
async fn verto_s_errors_read_back_alike_over_http_and_grpc() {
    both_wires::<_, verto::Verto>(verto::errors).await;
}

#[test]
fn a_status_no_catalog_entry_names_is_a_generic_error_that_keeps_everything() {
    use errwire::client::{Shape, WireCode};
    use tonic_types::{ErrorDetails, StatusExt as _};

    // Another service's error, in another domain: its reason is the code.
    let mut details = ErrorDetails::with_error_info(
        "QUOTA_GONE",
        "billing.example.com",
        [("plan".to_owned(), "free".to_owned())],
    );
    details.set_retry_info(Some(Duration::from_secs(9)));
    let foreign = Status::with_error_details(tonic::Code::ResourceExhausted, "No quota", details);
    let received = errwire::tonic::from_status::<server::ClassError>(&foreign);
    let generic = received
        .unknown()
        .expect("no entry of ClassError has this reason");
    assert_eq!(generic.status, 429);
    assert_eq!(generic.code, Some(WireCode::Str("QUOTA_GONE".to_owned())));
    assert_eq!(generic.message.as_deref(), Some("No quota"));
    assert_eq!(generic.details["plan"], "free");
    assert_eq!(generic.shape, Shape::Grpc);
    assert_eq!(
        generic.body,
        foreign.details(),
        "the encoded details are kept"
    );
    assert_eq!(
        received.retry_after(),
        Some(errwire::client::RetryAfter::Delay(Duration::from_secs(9)))
    );

    // A status without details, and one whose details are not a google.rpc.Status.
    let bare = Status::new(tonic::Code::NotFound, "gone");
    let received = errwire::tonic::from_status::<server::ClassError>(&bare);
    let generic = received.unknown().expect("nothing names an entry");
    assert_eq!((generic.status.as_u16(), generic.code.clone()), (404, None));
    let garbled =
        Status::with_details(tonic::Code::Internal, "oops", vec![0xff, 0x01, 0x02].into());
    let received = errwire::tonic::from_status::<server::ClassError>(&garbled);
    assert_eq!(received.status(), 500);
    assert_eq!(received.message(), Some("oops"));
}

#[test]
fn a_status_is_logged_as_an_http_response_is() {
    crate::support::capture_logs();
    let before = crate::support::log();
    let recording = server::ClassError::Recording {
        room_id: "math-101".to_owned(),
        source: std::io::Error::other("disk on fire"),
    };
    let status = Status::from(recording);
    assert_eq!(status.code(), tonic::Code::Internal);
    assert_eq!(status.message(), "An unexpected error occurred");
    let log = crate::support::log_after(&before);
    let line = log
        .lines()
        .find(|line| line.contains("code=internal_error"))
        .expect("the 5xx is logged");
    assert!(line.contains("ERROR"), "{line}");
    assert!(
        line.contains("disk on fire"),
        "the source chain, never sent: {line}"
    );
    assert!(!status.message().contains("disk on fire"));
}

#[test]
fn the_derive_maps_each_status_as_the_runtime_s_table_does() {
    use errwire::grpc::GrpcCode;

    // Every status `code.proto` maps to one code; those it maps to several or none are compile
    // errors that list the choices (`tests/ui/grpc-status-maps-to-*.rs`).
    #[derive(Debug, errwire::ApiError)]
    #[api(domain = "statuses.example.com")]
    enum Mapped {
        #[api(status = 401)]
        S401,
        #[api(status = 403)]
        S403,
        #[api(status = 404)]
        S404,
        #[api(status = 429)]
        S429,
        #[api(status = 499)]
        S499,
        #[api(status = 501)]
        S501,
        #[api(status = 503)]
        S503,
        #[api(status = 504)]
        S504,
    }
    let all = [
        Mapped::S401,
        Mapped::S403,
        Mapped::S404,
        Mapped::S429,
        Mapped::S499,
        Mapped::S501,
        Mapped::S503,
        Mapped::S504,
    ];
    for status in 100..600 {
        let codes = GrpcCode::for_status(status);
        match all.iter().find(|error| error.status() == status) {
            Some(error) => assert_eq!(codes, [error.__grpc().unwrap().code], "{status}"),
            None => assert_ne!(codes.len(), 1, "{status} maps to one code: add it above"),
        }
    }
}
