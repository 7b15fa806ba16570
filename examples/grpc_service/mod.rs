//! A gRPC service with one unary method that answers every call with an error of an API, by
//! its index: what `examples/grpc.rs` serves and `tests/it/grpc.rs` calls.

use std::convert::Infallible;
use std::future::{Future, Ready, ready};
use std::pin::Pin;
use std::task::{Context, Poll};

use tonic::server::{Grpc, UnaryService};
use tonic::{Request, Response, Status};
use tonic_prost::ProstCodec;

/// The full name of the method.
pub const METHOD: &str = "/errwire.example.Errors/Send";

/// The request: which error to send, by its index among the API's errors.
#[derive(Clone, PartialEq, prost::Message)]
pub struct Ask {
    #[prost(uint32, tag = "1")]
    pub index: u32,
}

/// The reply, which the method never sends.
#[derive(Clone, PartialEq, prost::Message)]
pub struct Reply {}

/// The method, answering with the error at the asked index of `errors()`.
struct SendError<E>(fn() -> Vec<E>);

impl<E: Into<Status>> UnaryService<Ask> for SendError<E> {
    type Response = Reply;
    type Future = Ready<Result<Response<Reply>, Status>>;

    fn call(&mut self, request: Request<Ask>) -> Self::Future {
        let index = request.into_inner().index as usize;
        let status = match (self.0)().into_iter().nth(index) {
            Some(error) => error.into(),
            None => Status::out_of_range("no error has this index"),
        };
        ready(Err(status))
    }
}

/// The service, a tower service as tonic's server takes one.
pub struct Errors<E>(pub fn() -> Vec<E>);

impl<E> Clone for Errors<E> {
    fn clone(&self) -> Self {
        Errors(self.0)
    }
}

impl<E: Into<Status> + 'static> tower_service::Service<http::Request<tonic::body::Body>>
    for Errors<E>
{
    type Response = http::Response<tonic::body::Body>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<tonic::body::Body>) -> Self::Future {
        let errors = self.0;
        Box::pin(async move {
            if request.uri().path() != METHOD {
                return Ok(Status::unimplemented("no such method").into_http());
            }
            let mut grpc = Grpc::new(ProstCodec::<Reply, Ask>::default());
            Ok(grpc.unary(SendError(errors), request).await)
        })
    }
}
