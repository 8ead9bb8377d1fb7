// The shared fixtures through the package: each response body is served by a local HTTP server to a client
// that makes the call, and each request case's input goes through the package to the same server, which records
// what arrived. Every verdict must match tests/fixtures/manifest.json.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { inspect } from "node:util";
import { after, before, describe, test } from "node:test";

import { ApiError, DecodeError, KooDriveClient, PdsClient, SignedUrl, ValidationError, parseTimestamp } from "drivekit";

const FIXTURES = new URL("../../tests/fixtures/", import.meta.url);
const manifest = JSON.parse(await readFile(new URL("manifest.json", FIXTURES), "utf8"));

// What the server answers next, and what it received.
let answer = { status: 200, headers: {}, body: Buffer.from("{}") };
let received = [];
let server;
let baseUrl;

before(async () => {
  server = createServer((request, response) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ method: request.method, url: request.url, body: Buffer.concat(chunks) });
      response.writeHead(answer.status, answer.headers);
      response.end(answer.body);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${server.address().port}`;
});
after(() => new Promise((resolve) => server.close(resolve)));

// One attempt only: the fixtures' 429s and 5xx are verdicts, not invitations to retry.
const ONE_ATTEMPT = { retry: { maxAttempts: 1 } };

/** The package's method for an operation, and the name of its paginator. */
function operation(service, name) {
  if (service === "koodrive") {
    const client = new KooDriveClient({ baseUrl, accessToken: "t", userId: "u", ...ONE_ATTEMPT });
    return { client, call: "listAlbumFiles", pages: "listAlbumFilesPages", input: { albumId: "a" } };
  }
  const client = new PdsClient({ baseUrl, accessToken: "t", ...ONE_ATTEMPT });
  const calls = {
    ListDelta: ["listDelta", "listDeltaPages", { driveId: "1" }],
    ListRecyclebin: ["listRecyclebin", "listRecyclebinPages", { driveId: "1" }],
    GetFile: ["getFile", undefined, { driveId: "1", fileId: "f" }],
    UpdateFile: ["updateFile", undefined, { driveId: "1", fileId: "f" }],
    GetLastCursor: ["getLastCursor", undefined, { driveId: "1" }],
  };
  const [call, pages, input] = calls[name];
  return { client, call, pages, input };
}

/** RFC 6901: `undefined` when a step on the way is missing. A signed URL is compared as its whole text. */
function at(value, pointer) {
  if (pointer !== "") {
    for (const token of pointer.slice(1).split("/")) {
      if (value === null || typeof value !== "object") return undefined;
      value = value[token.replaceAll("~1", "/").replaceAll("~0", "~")];
    }
  }
  return value instanceof SignedUrl ? value.href : value;
}

async function outcome(promise) {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

describe("response fixtures", () => {
  for (const fixture of manifest.responses) {
    test(fixture.name, async () => {
      answer = {
        status: fixture.status,
        headers: fixture.headers ?? {},
        body: await readFile(new URL(fixture.file, FIXTURES)),
      };
      const { client, call, pages, input } = operation(fixture.service, fixture.operation);
      const { value, error } = await outcome(client[call](input));
      if (fixture.expect.error) {
        const expected = fixture.expect.error;
        assert.ok(error, "the parse must fail");
        if (expected.kind === "decode") {
          assert.ok(error instanceof DecodeError, String(error));
          return;
        }
        assert.ok(error instanceof ApiError, String(error));
        if ("status" in expected) assert.equal(error.status, expected.status);
        if ("code" in expected) assert.equal(error.serviceCode ?? "", expected.code);
        if ("message" in expected) assert.equal(error.serviceMessage, expected.message);
        if ("request_id" in expected) assert.equal(error.requestId, expected.request_id ?? undefined);
        if ("api_kind" in expected) assert.equal(error.apiKind, expected.api_kind);
        return;
      }
      assert.ok(!error, `the parse must succeed: ${error}`);
      for (const check of fixture.expect.checks) {
        if ("pagination" in check) {
          await checkPagination(client, pages, input, check.pagination);
          continue;
        }
        const found = at(value, check.path);
        if ("equals" in check) assert.deepEqual(found, check.equals, check.path);
        if ("absent" in check) assert.ok(found === undefined || found === null, check.path);
        if ("length" in check) assert.equal(found?.length, check.length, check.path);
        if ("unknown" in check) assert.deepEqual(found, check.unknown, check.path);
        if ("timestamp_ms" in check) assert.equal(parseTimestamp(found)?.getTime() ?? null, check.timestamp_ms, check.path);
      }
    });
  }
});

/** After this page, the listing is over or not, and its cursor is the one the service named. */
async function checkPagination(client, pagesOf, input, expected) {
  received = [];
  const pages = client[pagesOf](input);
  const walk = pages[Symbol.asyncIterator]();
  assert.equal((await walk.next()).done, false);
  assert.equal(pages.cursor ?? null, expected.next);
  const more = await outcome(walk.next());
  // A listing that goes on asks again, perhaps early, as the first page came (and this server repeats the page);
  // one that is over asks nothing more.
  assert.equal(received.length, expected.done ? 1 : 2);
  if (expected.done) assert.equal(more.value?.done, true);
}

const camelCase = (name) => name.replace(/_([a-z])/g, (_, letter) => letter.toUpperCase());

/** Fixture inputs use wire names; the package's inputs are camelCase (KooDrive's wire names already are). */
function jsInput(input) {
  if (Array.isArray(input) || input === null || typeof input !== "object") return input;
  return Object.fromEntries(
    Object.entries(input).map(([key, value]) => [
      camelCase(key),
      key === "thumbnail_processes"
        ? Object.fromEntries(Object.entries(value).map(([name, process]) => [name, jsInput(process)]))
        : jsInput(value),
    ]),
  );
}

describe("request fixtures", () => {
  for (const fixture of manifest.requests) {
    test(fixture.name, async () => {
      answer = { status: 200, headers: { "content-type": "application/json" }, body: Buffer.from("{}") };
      received = [];
      const { client, call } = operation(fixture.service, fixture.operation);
      const { error } = await outcome(client[call](jsInput(fixture.input)));
      if (fixture.expect.error) {
        assert.ok(error instanceof ValidationError, String(error));
        assert.equal(error.field, camelCase(fixture.expect.error.field));
        assert.equal(received.length, 0, "nothing is sent");
        return;
      }
      const expected = fixture.expect.request;
      assert.equal(received.length, 1, String(error));
      const [request] = received;
      const url = new URL(request.url, baseUrl);
      assert.equal(request.method, expected.method);
      assert.equal(url.pathname, expected.path);
      assert.deepEqual(Object.fromEntries(url.searchParams), expected.query);
      if (expected.body === null) assert.equal(request.body.length, 0);
      else assert.deepEqual(JSON.parse(request.body.toString("utf8")), expected.body);
    });
  }
});

test("signed URLs, nested ones included, print, inspect and serialize without their query", async () => {
  answer = { status: 200, headers: {}, body: await readFile(new URL("pds/get_file/signed_urls_everywhere.json", FIXTURES)) };
  const { client, call, input } = operation("pds", "GetFile");
  const file = await client[call](input);
  for (const shown of [inspect(file, { depth: null }), JSON.stringify(file), `${JSON.stringify(file.content_uri)}`]) {
    assert.doesNotMatch(shown, /SECRET-SIGNATURE/);
  }
  assert.match(inspect(file.download_url), /^SignedUrl ".*\?<redacted>"$/);
  assert.ok(file.content_uri instanceof SignedUrl);
  assert.match(file.content_uri.href, /SECRET-SIGNATURE/, "href is the whole URL");
  assert.equal(String(file.content_uri), file.content_uri.href, "fetch and img.src take the whole URL");
});
