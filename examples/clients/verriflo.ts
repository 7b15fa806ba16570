// The Verriflo seed's "Error Handling Best Practices" (docs.verriflo.com/api/error-codes),
// written on the module errwire generates from `examples/verriflo.rs`
// (`cargo run --example verriflo -- typescript > examples/clients/errors/verriflo.ts`).
//
// The seed's three snippets, and what replaces each:
// - `switch (response.status)`, which cannot tell "Organization not found" from "Classroom not
//   found" (both 404; the seed guesses with `isStudentJoin`): a `switch` on the error's name,
//   which `parseError` reads by status and, where statuses collide, by message; `tsc` rejects it
//   when a new error is declared and not handled.
// - `getUserFriendlyMessage(status, apiMessage)`, a table by status: a table by error, checked the
//   same way, beside the API's own `messages`.
// - `fetchWithRetry(url, options, retries)`, which calls a `delay` the page never defines:
//   the generated `fetchWithRetry`, with backoff and jitter, a timeout per attempt, and
//   `Retry-After`.

import { type ApiError, type UnknownApiError, fetchWithRetry, parseError } from "./errors/verriflo.js";

/** What the application shows; the seed calls these `showValidationError` and so on. */
export interface Screen {
  validationError(message: string): void;
  topUp(): void;
  waitingForClass(): void;
  organizationNotFound(): void;
  conflict(message: string): void;
  gone(message: string): void;
  setupNeeded(message: string): void;
  generic(message: string): void;
}

/** Calls the API, and on an error shows the screen for it; the body of a success otherwise. */
export async function call(url: string, init: RequestInit, screen: Screen): Promise<unknown> {
  const response = await fetchWithRetry(url, init, { attempts: 3, baseDelayMs: 1_000 });
  if (response.ok) return response.json();
  const error = await parseError(response);
  if (!error.known) {
    screen.generic(userMessage(error));
    return undefined;
  }
  switch (error.name) {
    case "Validation":
      screen.validationError(error.message);
      break;
    case "InsufficientCredits":
      screen.topUp();
      break;
    case "ClassroomNotFound":
      screen.waitingForClass();
      break;
    case "OrganizationNotFound":
      screen.organizationNotFound();
      break;
    case "RecordingInProgress":
      screen.conflict(error.message);
      break;
    case "ClassroomEnded":
    case "RecordingExpired":
      screen.gone(error.message);
      break;
    case "OrgSetupIncomplete":
    case "NoVerifiedDomain":
      screen.setupNeeded(userMessage(error));
      break;
    case "Internal":
      screen.generic(userMessage(error));
      break;
    default: {
      const unhandled: never = error;
      return unhandled;
    }
  }
  return undefined;
}

/** The seed's user messages, by error instead of by status. */
export function userMessage(error: ApiError | UnknownApiError): string {
  if (!error.known) return "Something went wrong. Please try again.";
  switch (error.name) {
    case "InsufficientCredits":
      return "You've run out of credits. Please top up to continue.";
    case "ClassroomNotFound":
      return "Class hasn't started yet. Please wait for your instructor.";
    case "ClassroomEnded":
    case "RecordingExpired":
      return "This class has ended. Please join the next session.";
    case "OrgSetupIncomplete":
    case "NoVerifiedDomain":
      return "Account setup incomplete. Please contact your administrator.";
    case "Validation":
    case "OrganizationNotFound":
    case "RecordingInProgress":
    case "Internal":
      return "Something went wrong. Please try again.";
  }
}
