//! The envelopes errwire ships, each declared with `envelope!` like any user's.

crate::envelope! {
    /// RFC 9457 problem details (`application/problem+json`), the default envelope.
    ///
    /// ```json
    /// {"type": "https://errors.example.com/out_of_credit", "title": "Payment Required",
    ///  "status": 402, "detail": "Your balance is 30, but that costs 50.",
    ///  "instance": "/account/12345", "code": "out_of_credit", "balance": 30}
    /// ```
    ///
    /// - `type` is `type_base` followed by the code, or `about:blank` without both;
    /// - `title` is the variant's title, else the status's reason phrase;
    /// - `status` is the response status; `detail` is the message;
    /// - `instance` and `request_id` come from the [`RenderContext`](crate::RenderContext),
    ///   omitted without one; `code` is omitted for an error without one;
    /// - details are extension members, flattened into the object; an entry named like one of
    ///   the members above is left out, so extensions never shadow the standard members.
    #[content_type = "application/problem+json"]
    pub struct Problem {
        "type": type,
        "title": title?,
        "status": status,
        "detail": message,
        "instance": instance?,
        "code": code?,
        "request_id": request_id?,
        ..details,
    }
}

crate::envelope! {
    /// A flat object: the code under `error`, the message, and the details under `details`.
    ///
    /// ```json
    /// {"error": "validation_error", "message": "The given data was invalid.",
    ///  "details": {"name": ["The name is required."]}}
    /// ```
    ///
    /// `error` and `details` are omitted when the error has no code or no details.
    pub struct Flat {
        "error": code?,
        "message": message,
        "details": details?,
    }
}

crate::envelope! {
    /// The error wrapped in an `error` object, as Google's AIP-193 and the Microsoft REST API
    /// guidelines write it.
    ///
    /// ```json
    /// {"error": {"code": "BadArgument", "message": "Multiple errors in ContactInfo data",
    ///            "details": {"target": "ContactInfo"}}}
    /// ```
    ///
    /// `code` and `details` are omitted when the error has no code or no details.
    pub struct Nested {
        "error": {
            "code": code?,
            "message": message,
            "details": details?,
        },
    }
}

crate::envelope! {
    /// A JSON:API error document (`application/vnd.api+json`): one error object in `errors`.
    ///
    /// ```json
    /// {"errors": [{"status": "422", "code": "invalid_attribute", "title": "Invalid Attribute",
    ///              "detail": "First name must contain at least two characters.",
    ///              "meta": {"pointer": "/data/attributes/firstName"}}]}
    /// ```
    ///
    /// `status` and `code` are strings, as JSON:API requires; `title` is the variant's title,
    /// else the reason phrase; `detail` is the message; `meta` holds the details. Members without
    /// a value are omitted.
    #[content_type = "application/vnd.api+json"]
    pub struct JsonApi {
        "errors": [{
            "status": status as string,
            "code": code as string?,
            "title": title?,
            "detail": message,
            "meta": details?,
        }],
    }
}
