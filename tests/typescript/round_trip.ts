// Every variant of the example server's and the four seeds' errors, rendered by Rust
// (`tests/it/typescript.rs` writes them with what errwire's Rust client reads from each), read by
// the generated module's `parseError`: the same error, the same details, never a throw. Then
// arbitrary statuses, headers and bytes: never a throw, never a message lost.
//
// Run by `.ci/run` after `cargo test`: node target/ts/tests/typescript/round_trip.js target/tmp/typescript

import { deepStrictEqual, ok, strictEqual } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";

interface Case {
  status: number;
  headers: [string, string][];
  body: string;
  expect: {
    name: string;
    status: number;
    code: string | number | null;
    message: string | null;
    details: Record<string, unknown>;
    requestId: string | null;
    retryAfter: number | null;
    retry: string;
  };
}

const folder = process.argv[2];
let checked = 0;
let written_from_details = 0;
for (const api of ["server", "verriflo", "verilock", "gateway", "verto"]) {
  const module = await import(`../../examples/clients/errors/${api}.js`);
  const cases: Case[] = JSON.parse(readFileSync(join(folder, `${api}.cases.json`), "utf8"));
  ok(cases.length > 0, api);
  for (const { status, headers, body, expect } of cases) {
    const error = await module.parseError(new Response(body, { status, headers }));
    const where = `${api} ${expect.name}`;
    strictEqual(error.known, true, `${where}: ${JSON.stringify(error)}`);
    strictEqual(error.name, expect.name, where);
    strictEqual(error.status, expect.status, where);
    strictEqual(error.code, expect.code, where);
    strictEqual(error.message, expect.message ?? "", where);
    deepStrictEqual(error.details, expect.details, where);
    strictEqual(error.requestId, expect.requestId ?? undefined, where);
    strictEqual(error.retryAfter, expect.retryAfter ?? undefined, where);
    strictEqual(module.retryClass(error), expect.retry, where);
    // The message function writes the same text from the details, where they hold every field
    // the message shows (a field shown only in the message is the caller's to give).
    const message = module.messages[expect.name] ?? module.messages[String(expect.code)];
    ok(message !== undefined, where);
    const written: string = message(error.details);
    if (!written.includes("undefined")) {
      strictEqual(written, expect.message, where);
      written_from_details += 1;
    }
    checked += 1;
  }
}
ok(written_from_details > checked / 2, `${written_from_details} of ${checked} messages written from their details`);
console.log(`round trip: ${checked} errors read back as sent, ${written_from_details} messages written from their details`);

// Arbitrary responses: a seeded generator, a bounded count.
const server = await import("../../examples/clients/errors/server.js");
let seed = 7;
const random = (below: number) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % below;
};
const pieces = ['{', '}', '"message"', ':', '"', 'null', '[', ']', ',', '"code"', '404', '"x"', '\u0000', '\ud800', 'é', ' ', '"details"', '{}', '"retry_after"', '-1', '1e999'];
const started = Date.now();
for (let round = 0; round < 3000 && Date.now() - started < 20_000; round += 1) {
  const body = Array.from({ length: random(24) }, () => pieces[random(pieces.length)]).join("");
  const message = random(3) === 0 ? `m${round}` : undefined;
  const text = message === undefined ? body : JSON.stringify({ message, detail: body });
  const status = 400 + random(200);
  const headers: [string, string][] = [];
  if (random(2) === 0) headers.push(["retry-after", ["5", "-3", "soon", "Sun, 06 Nov 1994 08:49:37 GMT", ""][random(5)]]);
  if (random(2) === 0) headers.push(["content-type", ["application/problem+json", "application/json", "text/html"][random(3)]]);
  const error = await server.parseError(new Response(text, { status, headers }));
  strictEqual(error.status, status);
  if (message !== undefined) strictEqual(error.message, message, text);
  // The bytes on the wire are the text's UTF-8, a lone surrogate replaced.
  if (!error.known) strictEqual(error.body, new TextDecoder().decode(new TextEncoder().encode(text)));
}
// The messages in each locale: the same functions, in the reader's language.
deepStrictEqual(server.locales, ["en", "fr"]);
strictEqual(server.messagesIn("fr-CH").room_not_found(), "Classe introuvable");
strictEqual(server.messagesIn("fr").rate_limit_exceeded({ retry_after: 30 }), "Trop de requêtes. Réessayez dans 30 secondes.");
strictEqual(server.messagesIn("de").room_not_found(), server.messages.room_not_found());
strictEqual(server.messagesIn("").room_not_found(), "Classroom not found");

// Nesting deeper than any reader recurses.
const deep = '{"error":'.repeat(100_000) + '"x"' + "}".repeat(100_000);
strictEqual((await server.parseError(new Response(deep, { status: 500 }))).known, false);
const deepArray = "[".repeat(100_000) + "]".repeat(100_000);
const nested = await server.parseError(new Response(deepArray, { status: 500 }));
ok(!nested.known && nested.body === deepArray);
console.log("arbitrary responses: no throw, no message lost");
