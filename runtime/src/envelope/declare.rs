//! `envelope!`, the front of the proc macro: it passes `$crate`, so that the generated code names
//! errwire correctly even where the dependency is renamed.

/// Declares an [`Envelope`](crate::Envelope) from a template of the body: an ordered JSON object
/// of literals and slots.
///
/// ```
/// errwire::envelope! {
///     /// Verriflo's error body: `{"status": 404, "success": "false", "message": "...", "error": "..."}`.
///     #[content_type = "application/json"]
///     pub struct Verriflo {
///         "status": status,
///         "success": "false",
///         "message": message,
///         "error": code?,
///     }
/// }
///
/// #[derive(Debug, errwire::ApiError)]
/// #[api(envelope = Verriflo, status = 404, message = "Classroom not found")]
/// struct ClassroomNotFound;
///
/// let response = errwire::ApiError::to_response(&ClassroomNotFound);
/// assert_eq!(
///     response.body(),
///     br#"{"status":404,"success":"false","message":"Classroom not found"}"#,
/// );
/// ```
///
/// # The template
///
/// Members are written as in JSON, with string keys, in the order they are sent. A value is a
/// literal (`"text"`, `-1`, `2.5`, `true`, `false`, `null`), an object, an array, or a slot:
///
/// | slot | value | without a value |
/// |---|---|---|
/// | `status` | the status as a number, `404`; `status as string` gives `"404"` | never |
/// | `reason` | the reason phrase, `"Not Found"` | for an unregistered status such as 499 |
/// | `code` | the code, a string or a number; `code as string` always gives a string | for an error without a code |
/// | `message` | the public message | never |
/// | `title` | the variant's title, else the reason phrase | as `reason` |
/// | `type` | `type_base` followed by the code, else `"about:blank"` | never |
/// | `doc_url` | `type_base` followed by the code: the error's entry on its documentation page, as Stripe's `doc_url` or GitHub's `documentation_url` | without `type_base` or a code |
/// | `details` | the details, as one object | for an error without details |
/// | `request_id` | the [`RenderContext`](crate::RenderContext)'s request id | without one |
/// | `instance` | the [`RenderContext`](crate::RenderContext)'s instance | without one |
///
/// A slot that can be without a value says what its member does then: `code?` leaves the member
/// out, `details | null` sends `null`; in an array, where nothing can be left out, only
/// `| null` is allowed. `code` alone says every error has a code: deriving `ApiError` with this
/// envelope on a type with a variant without one is a compile error.
///
/// `..details` among an object's members flattens the details into that object, as RFC 9457
/// extension members; an entry named like one of the object's own members is left out, so
/// details never shadow them.
///
/// `#[content_type = "..."]` sets the `Content-Type` (default `application/json`); other
/// attributes, doc comments included, go on the struct, which is a unit struct deriving `Clone`,
/// `Copy`, `Debug` and `Default`.
///
/// The envelope's [`FAILSAFE_BODY`](crate::Envelope::FAILSAFE_BODY), sent when a body fails to
/// serialize, is the template rendered when the macro runs for a 500 without code or details:
/// message `"An unexpected error occurred"`, title and reason `"Internal Server Error"`.
///
/// # Checked when it compiles
///
/// An unknown slot, a member written twice, a presence rule missing where a slot can be without
/// a value or written where it cannot, `as string` on a slot other than `status` or `code`,
/// `..` on anything but `details` or inside an array, and a content type that is not a media
/// type are each a compile error at the token, saying the fix.
///
/// The envelopes errwire ships ([`Problem`](crate::Problem), [`Flat`](crate::Flat),
/// [`Nested`](crate::Nested), [`JsonApi`](crate::JsonApi)) are declared with this macro.
#[macro_export]
macro_rules! envelope {
    ($($declaration:tt)*) => {
        $crate::__private::envelope! { $crate; $($declaration)* }
    };
}
