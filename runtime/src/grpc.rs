//! gRPC's status codes (`google.rpc.Code`) and how an HTTP status maps to them, as googleapis'
//! `google/rpc/code.proto` gives the mapping: what each catalog entry's gRPC code is checked
//! against. The `tonic` feature sends errors as `tonic::Status`es with these codes.

use core::fmt;

/// `GrpcCode`, its list of every code and the name of each, from one list: the codes in the
/// order of their numbers.
macro_rules! codes {
    ($($(#[doc = $doc:literal])* $code:ident = $name:literal,)*) => {
        /// A gRPC status code, as `google/rpc/code.proto` names and numbers it.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "docs", derive(serde::Serialize, serde::Deserialize))]
        pub enum GrpcCode {
            $(
                $(#[doc = $doc])*
                #[cfg_attr(feature = "docs", serde(rename = $name))]
                $code,
            )*
        }

        impl GrpcCode {
            /// Every code, by number.
            pub const ALL: [GrpcCode; 17] = [$(GrpcCode::$code,)*];

            /// The code's name: `"NOT_FOUND"`.
            pub const fn name(self) -> &'static str {
                match self {
                    $(GrpcCode::$code => $name,)*
                }
            }
        }
    };
}

codes! {
    /// 0: not an error.
    Ok = "OK",
    /// 1: the caller cancelled the operation.
    Cancelled = "CANCELLED",
    /// 2: an error with no better code.
    Unknown = "UNKNOWN",
    /// 3: the request is invalid whatever the system's state.
    InvalidArgument = "INVALID_ARGUMENT",
    /// 4: the deadline passed before the operation completed.
    DeadlineExceeded = "DEADLINE_EXCEEDED",
    /// 5: a requested entity was not found.
    NotFound = "NOT_FOUND",
    /// 6: the entity a client tried to create exists.
    AlreadyExists = "ALREADY_EXISTS",
    /// 7: the caller may not do this.
    PermissionDenied = "PERMISSION_DENIED",
    /// 8: a quota or rate limit is exhausted.
    ResourceExhausted = "RESOURCE_EXHAUSTED",
    /// 9: the system is not in the state the operation needs.
    FailedPrecondition = "FAILED_PRECONDITION",
    /// 10: the operation was aborted, usually by a concurrency conflict.
    Aborted = "ABORTED",
    /// 11: the operation went past a valid range.
    OutOfRange = "OUT_OF_RANGE",
    /// 12: the operation is not implemented or not supported.
    Unimplemented = "UNIMPLEMENTED",
    /// 13: an invariant the system relies on is broken.
    Internal = "INTERNAL",
    /// 14: the service is unavailable for now; retrying with a backoff may succeed.
    Unavailable = "UNAVAILABLE",
    /// 15: data was lost or corrupted beyond recovery.
    DataLoss = "DATA_LOSS",
    /// 16: the request has no valid credentials.
    Unauthenticated = "UNAUTHENTICATED",
}

use GrpcCode::*;

impl GrpcCode {
    /// The code's number on the wire.
    pub const fn number(self) -> i32 {
        self as i32
    }

    /// The code of `number`; `Unknown` for a number no code has, as gRPC reads one.
    pub const fn from_number(number: i32) -> GrpcCode {
        match number {
            0..=16 => GrpcCode::ALL[number as usize],
            _ => Unknown,
        }
    }

    /// The code named `name` (`"NOT_FOUND"`).
    pub fn from_name(name: &str) -> Option<GrpcCode> {
        GrpcCode::ALL.into_iter().find(|code| code.name() == name)
    }

    /// The HTTP status `code.proto` maps the code to.
    pub const fn http_status(self) -> u16 {
        match self {
            Ok => 200,
            Cancelled => 499,
            Unknown | Internal | DataLoss => 500,
            InvalidArgument | FailedPrecondition | OutOfRange => 400,
            DeadlineExceeded => 504,
            NotFound => 404,
            AlreadyExists | Aborted => 409,
            PermissionDenied => 403,
            ResourceExhausted => 429,
            Unimplemented => 501,
            Unavailable => 503,
            Unauthenticated => 401,
        }
    }

    /// The codes `code.proto` maps to the HTTP status `status`: one for most, several for 400,
    /// 409 and 500 (a variant with such a status says which, `#[api(grpc = "...")]`), none for
    /// a status it does not name.
    pub fn for_status(status: u16) -> &'static [GrpcCode] {
        match status {
            400 => &[InvalidArgument, FailedPrecondition, OutOfRange],
            401 => &[Unauthenticated],
            403 => &[PermissionDenied],
            404 => &[NotFound],
            409 => &[Aborted, AlreadyExists],
            429 => &[ResourceExhausted],
            499 => &[Cancelled],
            500 => &[Internal, Unknown, DataLoss],
            501 => &[Unimplemented],
            503 => &[Unavailable],
            504 => &[DeadlineExceeded],
            _ => &[],
        }
    }

    /// The code of an error of `status` whose type does not say: the first `code.proto` maps
    /// it to, else by the status's class (`FAILED_PRECONDITION` for a 4xx, `INTERNAL` for a
    /// 5xx), as for an entry written by hand.
    pub fn of_status(status: u16) -> GrpcCode {
        match (GrpcCode::for_status(status), status) {
            ([first, ..], _) => *first,
            (_, 400..=499) => FailedPrecondition,
            _ => Internal,
        }
    }
}

impl fmt::Display for GrpcCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a catalog entry is over gRPC: its code, and the `ErrorInfo` reason that names the error
/// within its type's domain (`#[api(domain = "...")]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Grpc {
    /// The status code.
    pub code: GrpcCode,
    /// The reason: UPPER_SNAKE_CASE, at most 63 characters, unique within the domain.
    pub reason: &'static str,
}

#[cfg(test)]
mod tests {
    use super::GrpcCode;

    #[test]
    fn each_code_maps_back_to_the_status_it_maps_from() {
        for code in GrpcCode::ALL {
            assert_eq!(GrpcCode::from_number(code.number()), code);
            assert_eq!(GrpcCode::from_name(code.name()), Some(code));
            if code != GrpcCode::Ok {
                assert!(
                    GrpcCode::for_status(code.http_status()).contains(&code),
                    "{code}"
                );
            }
        }
        for status in 100..600 {
            for code in GrpcCode::for_status(status) {
                assert_eq!(code.http_status(), status);
            }
        }
        assert_eq!(GrpcCode::from_number(17), GrpcCode::Unknown);
        assert_eq!(GrpcCode::of_status(422), GrpcCode::FailedPrecondition);
        assert_eq!(GrpcCode::of_status(502), GrpcCode::Internal);
    }
}
