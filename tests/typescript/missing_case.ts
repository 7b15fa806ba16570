// Like `exhaustive.ts`, with the 429 left out: `tsc` must reject it, since `error` is then not
// `never` in the default branch.

import type { ApiError } from "../../examples/clients/errors/server.js";

export function describe(error: ApiError): string {
  switch (error.code) {
    case "room_not_found":
    case "room_ended":
    case "name_taken":
    case "invalid_room_id":
    case "validation_error":
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
