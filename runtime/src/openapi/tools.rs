//! What aide and utoipa read: the responses of a derived error, each tool's `Response` type read
//! from [`responses`](super::responses)' JSON, and the impls of their traits the derive asks for
//! through `__private::feature_impls!`.

/// The responses aide documents for a derived error: those of [`responses`](super::responses).
#[cfg(feature = "aide")]
pub fn aide_responses(
    catalog: &'static crate::catalog::Catalog,
) -> Vec<(Option<u16>, aide::openapi::Response)> {
    typed_responses(catalog)
        .map(|(status, response)| (status.parse().ok(), response))
        .collect()
}

/// The responses utoipa documents for a derived error: those of [`responses`](super::responses).
#[cfg(feature = "utoipa")]
pub fn utoipa_responses(
    catalog: &'static crate::catalog::Catalog,
) -> std::collections::BTreeMap<String, utoipa::openapi::RefOr<utoipa::openapi::response::Response>>
{
    typed_responses(catalog)
        .map(|(status, response)| (status, utoipa::openapi::RefOr::T(response)))
        .collect()
}

/// The responses of `catalog` by status, each read into a tool's `Response` type.
#[cfg(any(feature = "aide", feature = "utoipa"))]
fn typed_responses<R: serde::de::DeserializeOwned>(
    catalog: &'static crate::catalog::Catalog,
) -> impl Iterator<Item = (String, R)> {
    let responses = match super::responses_of(&[catalog]) {
        serde_json::Value::Object(responses) => responses,
        _ => serde_json::Map::new(),
    };
    responses.into_iter().filter_map(|(status, response)| {
        // A schema the tool's model cannot read costs the schema, never the response.
        let without_schemas = || {
            let mut response = response.clone();
            if let Some(serde_json::Value::Object(content)) = response.get_mut("content") {
                for media in content.values_mut() {
                    if let serde_json::Value::Object(media) = media {
                        media.remove("schema");
                    }
                }
            }
            response
        };
        let description = || serde_json::json!({"description": response["description"]});
        let response = serde_json::from_value(response.clone())
            .or_else(|_| serde_json::from_value(without_schemas()))
            .or_else(|_| serde_json::from_value(description()))
            .ok()?;
        Some((status, response))
    })
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
