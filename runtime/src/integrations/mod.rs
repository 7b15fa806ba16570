//! The web frameworks, each behind its feature: the impls the derive asks for through
//! `__private::feature_impls!` (in each framework's file), the middleware that gives handlers a
//! render context and puts the framework's own errors in the API's envelope.

#[cfg(feature = "actix-web")]
pub mod actix;
#[cfg(feature = "axum")]
pub mod axum;
#[cfg(any(feature = "axum", feature = "actix-web", feature = "tonic"))]
mod request;
#[cfg(any(feature = "axum", feature = "actix-web"))]
mod scope;
#[cfg(feature = "tonic")]
pub mod tonic;
