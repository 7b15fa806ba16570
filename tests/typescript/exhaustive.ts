// A `switch` over every code of the example server's errors: it compiles only while it covers
// them all (`missing_case.ts` leaves one out and must not compile).

import { type ApiError, messages } from "../../examples/clients/errors/server.js";

export function describe(error: ApiError): string {
  switch (error.code) {
    case "room_not_found":
      return `no room ${error.details.room_id}`;
    case "room_ended":
    case "name_taken":
    case "invalid_room_id":
      return error.details.room_id;
    case "rate_limit_exceeded":
      return messages.rate_limit_exceeded({ retry_after: error.details.retry_after });
    case "validation_error":
      return Object.keys(error.details).join(", ");
    case "internal_error":
    case "bad_request":
    case "not_found":
    case "method_not_allowed":
    case "payload_too_large":
    case "unsupported_media_type":
    case "unprocessable_entity":
      return error.message;
    default: {
      const unhandled: never = error;
      return unhandled;
    }
  }
}
