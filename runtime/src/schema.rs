//! A Rust type's own JSON Schema, from schemars or utoipa, made self-contained: the OpenAPI
//! responses are a fragment that cannot count on a `components` section holding what a `$ref`
//! names, so every reference is replaced by the schema it names. With neither feature, only the
//! choice that finds no schema is left.

#[cfg(any(feature = "schemars", feature = "utoipa"))]
use serde_json::{Map, Value};

use crate::dispatch::Type;

/// How deep references are followed; a recursive type's schema stops there, permissively.
#[cfg(any(feature = "schemars", feature = "utoipa"))]
const DEPTH: u8 = 8;

/// `T`'s `schemars::JsonSchema` (JSON Schema 2020-12), references inlined.
#[cfg(feature = "schemars")]
pub(crate) fn from_schemars<T: schemars::JsonSchema + ?Sized>() -> Value {
    let mut settings = schemars::generate::SchemaSettings::draft2020_12();
    settings.inline_subschemas = true;
    let mut generator = settings.into_generator();
    let schema = generator.subschema_for::<T>().to_value();
    let definitions = generator.take_definitions(true);
    inline(schema, &definitions, "#/$defs/", DEPTH)
}

/// `T`'s `utoipa::ToSchema`, with the schemas it depends on inlined.
#[cfg(feature = "utoipa")]
pub(crate) fn from_utoipa<T: utoipa::ToSchema + ?Sized>() -> Value {
    let mut dependencies = Vec::new();
    T::schemas(&mut dependencies);
    let definitions: Map<String, Value> = dependencies
        .into_iter()
        .filter_map(|(name, schema)| Some((name, serde_json::to_value(schema).ok()?)))
        .collect();
    let schema = serde_json::to_value(T::schema()).unwrap_or_default();
    inline(schema, &definitions, "#/components/schemas/", DEPTH)
}

/// `schema` with each `$ref` to `prefix` + a name in `definitions` replaced by that definition
/// (its own keywords kept beside it); a reference that names nothing known, or lies deeper than
/// `depth`, becomes `{}`: any value, rather than a reference that dangles.
#[cfg(any(feature = "schemars", feature = "utoipa"))]
fn inline(schema: Value, definitions: &Map<String, Value>, prefix: &str, depth: u8) -> Value {
    match schema {
        Value::Object(mut object) => {
            if let Some(Value::String(reference)) = object.remove("$ref") {
                let target = reference
                    .strip_prefix(prefix)
                    .and_then(|name| definitions.get(name))
                    .filter(|_| depth > 0);
                if let Some(Value::Object(target)) = target {
                    for (key, value) in target {
                        object.entry(key.clone()).or_insert_with(|| value.clone());
                    }
                    return inline(Value::Object(object), definitions, prefix, depth - 1);
                }
            }
            let object = object
                .into_iter()
                .map(|(key, value)| (key, inline(value, definitions, prefix, depth)))
                .collect();
            Value::Object(object)
        }
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|item| inline(item, definitions, prefix, depth))
                .collect(),
        ),
        other => other,
    }
}

// The choice the catalog makes of a detail's schema (see `dispatch.rs`), with or without the
// features.

/// Taken first: the type's `schemars::JsonSchema`. Without the feature, no type takes it.
pub trait ViaJsonSchema {
    /// The type's own JSON Schema.
    fn own_schema(&self) -> Option<serde_json::Value>;
}

#[cfg(feature = "schemars")]
impl<T: schemars::JsonSchema + ?Sized> ViaJsonSchema for &&Type<T> {
    fn own_schema(&self) -> Option<serde_json::Value> {
        Some(from_schemars::<T>())
    }
}

/// Taken second: the type's `utoipa::ToSchema`. Without the feature, no type takes it.
pub trait ViaToSchema {
    /// The type's own JSON Schema.
    fn own_schema(&self) -> Option<serde_json::Value>;
}

#[cfg(feature = "utoipa")]
impl<T: utoipa::ToSchema + ?Sized> ViaToSchema for &Type<T> {
    fn own_schema(&self) -> Option<serde_json::Value> {
        Some(from_utoipa::<T>())
    }
}

/// Taken otherwise: no schema of its own.
pub trait NoSchema {
    /// None.
    fn own_schema(&self) -> Option<serde_json::Value>;
}

impl<T: ?Sized> NoSchema for Type<T> {
    fn own_schema(&self) -> Option<serde_json::Value> {
        None
    }
}

#[cfg(all(test, any(feature = "schemars", feature = "utoipa")))]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn references_are_replaced_by_what_they_name_and_recursion_stops() {
        let definitions = json!({
            "Room": {"type": "object", "properties": {"owner": {"$ref": "#/x/User"}}},
            "User": {"type": "object", "properties": {"best_friend": {"$ref": "#/x/User"}}},
        });
        let Value::Object(definitions) = definitions else {
            unreachable!()
        };
        let schema = json!({"$ref": "#/x/Room", "description": "the room"});
        let inlined = inline(schema, &definitions, "#/x/", 3);
        assert_eq!(inlined["description"], "the room");
        let owner = &inlined["properties"]["owner"];
        assert_eq!(owner["type"], "object");
        let deepest = &owner["properties"]["best_friend"]["properties"]["best_friend"];
        assert_eq!(*deepest, json!({}), "{inlined:#}");
        assert!(!inlined.to_string().contains("$ref"));

        let unknown = inline(json!({"$ref": "#/x/Nobody"}), &definitions, "#/x/", 3);
        assert_eq!(unknown, json!({}));
    }
}
