// ---- What follows is the same in every module errwire writes: it reads the tables above. ----

/** Whether and how a request that got an error is sent again. */
export type Retry = "throttle" | "transient" | "never";

/**
 * An error response of no error declared here: a code this client has never seen, a
 * framework's own error, a body that is not JSON. What the body held is kept.
 */
export interface UnknownApiError {
  readonly known: false;
  status: number;
  code?: string | number;
  message?: string;
  details?: Record<string, unknown>;
  requestId?: string;
  /** Seconds to wait, from `Retry-After` (either form) or a `retry_after` detail. */
  retryAfter?: number;
  /** The body as text, whatever it held. */
  body: string;
}

type Presence = "always" | "omit" | "null";
type Slot =
  | "status" | "status_string" | "reason" | "code" | "code_string" | "message" | "default_message" | "title"
  | "type_uri" | "doc_url" | "details" | "request_id" | "instance";
type Template =
  | { object: (readonly [string, Template] | "..details")[] }
  | { array: Template[] }
  | { literal: unknown }
  | { slot: Slot; presence: Presence };
type HeaderKind = "fixed" | "delay" | "date" | "text";
interface Field {
  name: string;
  detail: string | null;
  details: boolean;
  header: string | null;
  kind: HeaderKind | null;
  nullable: boolean;
}
interface Entry {
  name: string;
  status: number;
  code: string | number | null;
  message: string;
  fixed: boolean;
  retry: Retry;
  /** The type that declares it, by its place in the module: the first type's reading wins. */
  type: number;
  fields: Field[];
}

interface Parts {
  code?: string | number;
  message?: string;
  /** Whether `message` is the default language's, which templates read. */
  defaultMessage?: boolean;
  requestId?: string;
  details: Record<string, unknown>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function equal(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, at) => equal(item, b[at]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && equal(a[key], b[key]));
  }
  return a === b;
}

/** Puts `value` in `slot`; false when it is not of the slot's type. */
function fill(slot: Slot, value: unknown, parts: Parts): boolean {
  switch (slot) {
    case "status":
      return typeof value === "number" && Number.isInteger(value) && value >= 0;
    case "status_string":
    case "reason":
    case "doc_url":
    case "type_uri":
    case "title":
    case "instance":
      return typeof value === "string";
    case "code":
      if (typeof value === "string" || (typeof value === "number" && Number.isInteger(value))) {
        parts.code = value;
        return true;
      }
      return false;
    case "code_string":
    case "message":
    case "default_message":
    case "request_id":
      if (typeof value !== "string") return false;
      if (slot === "code_string") parts.code = value;
      else if (slot === "default_message") [parts.message, parts.defaultMessage] = [value, true];
      else if (slot === "message") parts.message = parts.defaultMessage === true ? parts.message : value;
      else parts.requestId = value;
      return true;
    case "details":
      if (!isObject(value)) return false;
      Object.assign(parts.details, value);
      return true;
  }
}

/**
 * The template read backwards, as errwire's Rust client reads it: each literal equal, each
 * slot's member present (unless it may be left out) and of its type; `strict` also rejects a
 * member the template does not name where it takes no `..details`.
 */
function walk(node: Template, value: unknown, strict: boolean, parts: Parts): boolean {
  if ("literal" in node) return equal(node.literal, value);
  if ("slot" in node) return fill(node.slot, value, parts);
  if ("array" in node) {
    return (
      Array.isArray(value) &&
      value.length >= node.array.length &&
      node.array.every((element, at) => walk(element, value[at], strict, parts))
    );
  }
  if (!isObject(value)) return false;
  const named = new Set<string>();
  for (const member of node.object) if (member !== "..details") named.add(member[0]);
  let flattens = false;
  for (const member of node.object) {
    if (member === "..details") {
      flattens = true;
      for (const [key, item] of Object.entries(value)) if (!named.has(key)) parts.details[key] = item;
      continue;
    }
    const [key, child] = member;
    const item = value[key];
    const present =
      item === undefined
        ? "slot" in child && child.presence === "omit"
        : item === null && "slot" in child && child.presence === "null"
          ? true
          : walk(child, item, strict, parts);
    if (!present) return false;
  }
  return !strict || flattens || Object.keys(value).every((key) => named.has(key));
}

function read(template: Template, body: unknown, strict: boolean): Parts | null {
  const parts: Parts = { details: {} };
  return walk(template, body, strict, parts) ? parts : null;
}

/**
 * The common members of a body of no known shape, where they usually are; an `error` object is
 * followed a few levels down at most, as JSON.parse takes any depth.
 */
function guess(value: unknown, depth = 0): Parts {
  const parts: Parts = { details: {} };
  if (!isObject(value) || depth > 4) return parts;
  const inner = isObject(value.error)
    ? value.error
    : Array.isArray(value.errors) && isObject(value.errors[0])
      ? value.errors[0]
      : undefined;
  if (inner !== undefined) Object.assign(parts, guess(inner, depth + 1));
  const text = (names: string[]): string | undefined => {
    for (const name of names) if (typeof value[name] === "string") return value[name] as string;
    return undefined;
  };
  parts.message ??= text(["message", "detail", "error_description", "error_message", "description", "msg"]);
  parts.requestId ??= text(["request_id", "requestId", "trace_id"]);
  if (parts.code === undefined) {
    for (const name of ["code", "error_code", "error"]) {
      const code = value[name];
      if (typeof code === "string" || (typeof code === "number" && Number.isInteger(code))) {
        parts.code = code;
        break;
      }
    }
  }
  if (Object.keys(parts.details).length === 0 && isObject(value.details)) parts.details = { ...value.details };
  return parts;
}

/** The body's parts: by the envelopes declared here, then as a built-in shape, then any JSON. */
function parts(body: unknown, contentType: string): Parts {
  for (const template of ENVELOPES) {
    const strict = read(template, body, true);
    if (strict !== null) return strict;
  }
  const builtins = [...BUILTINS].sort((a, b) => Number(b[0] === contentType) - Number(a[0] === contentType));
  for (const [, template] of builtins) {
    const exact = read(template, body, true);
    if (exact !== null) return exact;
  }
  for (const template of ENVELOPES) {
    const lenient = read(template, body, false);
    if (lenient !== null) return lenient;
  }
  return guess(body);
}

type Piece = { text: string } | { field: string; spec: string };

/** The pieces of a message template: text, `{name}`, `{0:?}`; `{{` is `{`. */
function pieces(template: string): Piece[] {
  const out: Piece[] = [];
  const text = (value: string) => {
    const last = out[out.length - 1];
    if (last !== undefined && "text" in last) last.text += value;
    else out.push({ text: value });
  };
  let at = 0;
  while (at < template.length) {
    const char = template[at];
    if ((char === "{" || char === "}") && template[at + 1] === char) {
      text(char);
      at += 2;
    } else if (char === "{" && template.indexOf("}", at) > at) {
      const end = template.indexOf("}", at);
      const inner = template.slice(at + 1, end);
      const colon = inner.indexOf(":");
      out.push(colon < 0 ? { field: inner.trim(), spec: "" } : { field: inner.slice(0, colon).trim(), spec: inner.slice(colon + 1) });
      at = end + 1;
    } else {
      text(char);
      at += 1;
    }
  }
  return out;
}

/** The text each field of `template` stands for in `message`; null when it is not the template's. */
function readBack(template: string, message: string): Map<string, string> | null {
  const fields = new Map<string, string>();
  let rest = message;
  let pending: string | null = null;
  for (const piece of pieces(template)) {
    if ("field" in piece) {
      if (piece.spec !== "" || pending !== null) return null;
      pending = piece.field;
      continue;
    }
    const at = pending !== null ? rest.indexOf(piece.text) : rest.startsWith(piece.text) ? 0 : -1;
    if (at < 0) return null;
    if (pending !== null) fields.set(pending, rest.slice(0, at));
    pending = null;
    rest = rest.slice(at + piece.text.length);
  }
  if (pending !== null) fields.set(pending, rest);
  else if (rest !== "") return null;
  return fields;
}

/** A value as Rust's `{:?}` writes the JSON types: strings quoted, lists bracketed. */
function debug(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(debug).join(", ")}]`;
  return String(value);
}

/** Writes a message template with `values` in its placeholders, as the server does. */
function format(template: string, values: Record<string, unknown>): string {
  return pieces(template)
    .map((piece) => {
      if ("text" in piece) return piece.text;
      const value = values[piece.field];
      return piece.spec.includes("?") ? debug(value) : String(value);
    })
    .join("");
}

/**
 * Which entry a response is, by the rule errwire's Rust client reads by: the entry of its code
 * (at its status, when entries share the code); without a code, the only entry without one at
 * its status, else the first whose template reads the message, fixed messages first.
 */
function find(status: number, code: string | number | undefined, message: string | undefined): Entry | undefined {
  for (const type of new Set(ENTRIES.map((entry) => entry.type))) {
    const found = findIn(ENTRIES.filter((entry) => entry.type === type), status, code, message);
    if (found !== undefined) return found;
  }
  return undefined;
}

function findIn(entries: Entry[], status: number, code: string | number | undefined, message: string | undefined): Entry | undefined {
  const only = (matching: Entry[]) => (matching.length === 1 ? matching[0] : undefined);
  if (code !== undefined) {
    const coded = entries.filter((entry) => entry.code !== null && String(entry.code) === String(code) &&
      (typeof code === "string" || typeof entry.code === "number"));
    return only(coded) ?? only(coded.filter((entry) => entry.status === status));
  }
  const uncoded = entries.filter((entry) => entry.code === null && entry.status === status);
  const single = only(uncoded);
  if (single !== undefined || message === undefined) return single;
  const reads = (fixed: boolean) =>
    uncoded.find((entry) => entry.message !== "" && entry.fixed === fixed && readBack(entry.message, message) !== null);
  return reads(true) ?? reads(false);
}

/** Seconds from `Retry-After`: delay-seconds or an HTTP-date (a date past is 0). */
function retryAfterSeconds(value: string | null): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^[0-9]+$/.test(text)) return Number(text);
  if (!/^[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT$/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** The variant `entry` says the response is, its fields read from where the wire carries them. */
function typed(entry: Entry, response: Response, parts: Parts, base: UnknownApiError): ApiError | undefined {
  const details: Record<string, unknown> = {};
  for (const field of entry.fields) {
    if (field.details) {
      if (!isObject(parts.details) && !field.nullable) return undefined;
      Object.assign(details, parts.details);
    } else if (field.detail !== null) {
      const value = parts.details[field.detail];
      if (value === undefined || (value === null && !field.nullable)) return undefined;
      details[field.detail] = value;
    } else if (field.header !== null && field.kind !== "fixed" && response.headers.get(field.header) === null) {
      return undefined;
    }
  }
  const error = {
    known: true,
    status: entry.status,
    code: entry.code,
    name: entry.name,
    message: base.message ?? "",
    details,
    ...(base.requestId === undefined ? {} : { requestId: base.requestId }),
    ...(base.retryAfter === undefined ? {} : { retryAfter: base.retryAfter }),
  };
  return error as unknown as ApiError;
}

/**
 * Reads any error response: one of the errors declared here (`known: true`), else what the body
 * held (`known: false`). Never throws; the body is read once.
 */
export async function parseError(response: Response): Promise<ApiError | UnknownApiError> {
  let text = "";
  try {
    text = await response.text();
  } catch {
    // A body that cannot be read is an empty one.
  }
  let body: unknown = undefined;
  try {
    body = text.trim() === "" ? undefined : JSON.parse(text);
  } catch {
    // Not JSON: the text is kept.
  }
  const contentType = (response.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  const found = body === undefined ? { details: {} } : parts(body, contentType);
  const retryAfter =
    retryAfterSeconds(response.headers.get("retry-after")) ??
    (typeof found.details.retry_after === "number" ? found.details.retry_after : undefined);
  const requestId = response.headers.get("x-request-id") ?? found.requestId;
  const unknown: UnknownApiError = {
    known: false,
    status: response.status,
    ...(found.code === undefined ? {} : { code: found.code }),
    ...(found.message === undefined ? {} : { message: found.message }),
    ...(Object.keys(found.details).length === 0 ? {} : { details: found.details }),
    ...(requestId === undefined ? {} : { requestId }),
    ...(retryAfter === undefined ? {} : { retryAfter }),
    body: text,
  };
  const entry = find(response.status, found.code, found.message);
  return (entry !== undefined && typed(entry, response, found, unknown)) || unknown;
}

/** Whether a request that got `error` is sent again: its class in the catalog, else by status. */
export function retryClass(error: ApiError | UnknownApiError): Retry {
  const entry = error.known
    ? ENTRIES.find((entry) => entry.name === error.name && entry.status === error.status && entry.code === error.code)
    : undefined;
  if (entry !== undefined) return entry.retry;
  if (error.status === 429 || error.status === 503) return "throttle";
  if (error.status === 408 || (error.status >= 500 && error.status <= 599)) return "transient";
  return "never";
}

/**
 * The messages in the best of `locales` for `locale` (a tag such as `fr-CH`, or a browser's
 * `navigator.language`): the same functions as `messages`, in that language, else the default.
 */
export function messagesIn(locale: string): typeof messages {
  const wanted = locale.toLowerCase();
  const exact = MESSAGES.find(([known]) => known.toLowerCase() === wanted);
  const prefix = MESSAGES.find(([known]) => wanted.startsWith(`${known.toLowerCase()}-`) || known.toLowerCase().startsWith(`${wanted}-`));
  return (exact ?? prefix ?? [undefined, messages])[1];
}

/** How `fetchWithRetry` retries; every member has a default. */
export interface RetryOptions {
  /** Requests sent at most, the first included: 4. */
  attempts?: number;
  /** The first backoff, doubling from there: 200 ms. */
  baseDelayMs?: number;
  /** The longest backoff: 10 000 ms. */
  maxDelayMs?: number;
  /** The longest `Retry-After` waited for; a longer one is not retried: 60 000 ms. */
  maxRetryAfterMs?: number;
  /** How long each attempt may take to answer: 30 000 ms. */
  timeoutMs?: number;
  /** Called with each failed attempt (the first is 1): its error, or what was thrown. */
  onFailure?: (attempt: number, failure: ApiError | UnknownApiError | unknown) => void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Half the capped exponential delay, plus a random part of up to the other half. */
function backoff(attempt: number, options: Required<Omit<RetryOptions, "onFailure">>): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.min(attempt - 1, 30));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/**
 * `fetch` with the API's retry rules: a `transient` error (a 5xx) again after a capped
 * exponential backoff with jitter, a `throttle` one (429, 503) after its `Retry-After`, any
 * other 4xx never; at most `attempts` requests, each with a timeout; a network error retried,
 * then thrown. Resolves to the last response, whatever its status.
 */
export async function fetchWithRetry(input: string | URL, init: RequestInit = {}, options: RetryOptions = {}): Promise<Response> {
  const settings = {
    attempts: Math.max(1, options.attempts ?? 4),
    baseDelayMs: options.baseDelayMs ?? 200,
    maxDelayMs: options.maxDelayMs ?? 10_000,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
    timeoutMs: options.timeoutMs ?? 30_000,
  };
  for (let attempt = 1; ; attempt += 1) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), settings.timeoutMs);
    const abort = () => controller.abort();
    init.signal?.addEventListener("abort", abort);
    let response: Response;
    try {
      response = await fetch(input, { ...init, signal: controller.signal });
    } catch (failure) {
      options.onFailure?.(attempt, failure);
      if (attempt >= settings.attempts || init.signal?.aborted === true) throw failure;
      await sleep(backoff(attempt, settings));
      continue;
    } finally {
      clearTimeout(timer);
      init.signal?.removeEventListener("abort", abort);
    }
    if (response.status < 400) return response;
    const error = await parseError(response.clone());
    options.onFailure?.(attempt, error);
    const retry = retryClass(error);
    if (attempt >= settings.attempts || retry === "never") return response;
    let delay = backoff(attempt, settings);
    if (retry === "throttle" && error.retryAfter !== undefined) {
      if (error.retryAfter * 1000 > settings.maxRetryAfterMs) return response;
      delay = error.retryAfter * 1000;
    }
    await response.body?.cancel().catch(() => undefined);
    await sleep(delay);
  }
}
