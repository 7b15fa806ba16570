//! The web frameworks, each behind its feature: the impls the derive asks for through
//! `__private::framework_impls!`, the middleware that gives handlers a render context and puts
//! the framework's own errors in the API's envelope.

#[cfg(feature = "actix-web")]
pub mod actix;
#[cfg(feature = "axum")]
pub mod axum;
#[cfg(any(feature = "axum", feature = "actix-web"))]
mod scope;

/// Expands, for the derived type, to the impl of each framework errwire was built with.
#[doc(hidden)]
#[macro_export]
macro_rules! __framework_impls {
    ($($input:tt)*) => {
        $crate::__axum_impl! { $($input)* }
        $crate::__actix_impl! { $($input)* }
        $crate::__aide_impl! { $($input)* }
        $crate::__utoipa_impl! { $($input)* }
    };
}

/// `axum::response::IntoResponse` for a derived type: its response, rendered with the request's
/// context when the `errwire::axum::errors` middleware is in place.
#[cfg(feature = "axum")]
#[doc(hidden)]
#[macro_export]
macro_rules! __axum_impl {
    (impl [$($generics:tt)*] [$($ty:tt)*] [$($predicates:tt)*] [$($envelope:tt)*]) => {
        #[automatically_derived]
        #[allow(deprecated)]
        impl $($generics)* $crate::__private::axum::response::IntoResponse for $($ty)*
        where
            $($predicates)*
            Self: $crate::ApiError,
        {
            fn into_response(self) -> $crate::__private::axum::response::Response {
                $crate::__private::axum_response::<$($envelope)*, Self>(&self)
            }
        }
    };
}

#[cfg(not(feature = "axum"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __axum_impl {
    ($($input:tt)*) => {};
}

/// `actix_web::ResponseError` for a derived type that is `Debug + Display`, as the trait
/// requires. The bound is higher-ranked so that it is checked where the impl is used, not
/// where it is declared: a type without `Display` simply is not a `ResponseError`.
#[cfg(feature = "actix-web")]
#[doc(hidden)]
#[macro_export]
macro_rules! __actix_impl {
    (impl [$($generics:tt)*] [$($ty:tt)*] [$($predicates:tt)*] [$($envelope:tt)*]) => {
        #[automatically_derived]
        #[allow(deprecated)]
        impl $($generics)* $crate::__private::actix_web::ResponseError for $($ty)*
        where
            $($predicates)*
            Self: $crate::ApiError,
            for<'__errwire> $($ty)*: ::core::fmt::Debug + ::core::fmt::Display,
        {
            fn status_code(&self) -> $crate::__private::actix_web::http::StatusCode {
                $crate::__private::actix_status_code(self)
            }

            fn error_response(&self) -> $crate::__private::actix_web::HttpResponse {
                $crate::__private::actix_response::<$($envelope)*, Self>(self)
            }
        }
    };
}

#[cfg(not(feature = "actix-web"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __actix_impl {
    ($($input:tt)*) => {};
}

/// `aide::OperationOutput` for a derived type: a handler that returns it (or `Result<T, it>`)
/// documents its responses, one per status with every variant as an example.
#[cfg(feature = "aide")]
#[doc(hidden)]
#[macro_export]
macro_rules! __aide_impl {
    (impl [$($generics:tt)*] [$($ty:tt)*] [$($predicates:tt)*] [$($envelope:tt)*]) => {
        #[automatically_derived]
        #[allow(deprecated)]
        impl $($generics)* $crate::__private::aide::OperationOutput for $($ty)*
        where
            $($predicates)*
            Self: $crate::ApiError,
        {
            type Inner = Self;

            fn inferred_responses(
                _: &mut $crate::__private::aide::generate::GenContext,
                _: &mut $crate::__private::aide::openapi::Operation,
            ) -> ::std::vec::Vec<(::core::option::Option<u16>, $crate::__private::aide::openapi::Response)> {
                $crate::__private::aide_responses(<Self as $crate::ApiError>::catalog())
            }
        }
    };
}

#[cfg(not(feature = "aide"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __aide_impl {
    ($($input:tt)*) => {};
}

/// `utoipa::IntoResponses` for a derived type: `responses(RoomError)` in `#[utoipa::path]`
/// documents its responses, one per status with every variant as an example.
#[cfg(feature = "utoipa")]
#[doc(hidden)]
#[macro_export]
macro_rules! __utoipa_impl {
    (impl [$($generics:tt)*] [$($ty:tt)*] [$($predicates:tt)*] [$($envelope:tt)*]) => {
        #[automatically_derived]
        #[allow(deprecated)]
        impl $($generics)* $crate::__private::utoipa::IntoResponses for $($ty)*
        where
            $($predicates)*
            Self: $crate::ApiError,
        {
            fn responses() -> ::std::collections::BTreeMap<
                ::std::string::String,
                $crate::__private::utoipa::openapi::RefOr<$crate::__private::utoipa::openapi::response::Response>,
            > {
                $crate::__private::utoipa_responses(<Self as $crate::ApiError>::catalog())
            }
        }
    };
}

#[cfg(not(feature = "utoipa"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __utoipa_impl {
    ($($input:tt)*) => {};
}
