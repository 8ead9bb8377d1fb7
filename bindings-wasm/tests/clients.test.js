// The package as a user calls it, in Node, against the mock drive.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";

import {
  AbortError,
  ApiError,
  DriveError,
  KooDriveClient,
  OutcomeUnknownError,
  PdsClient,
  RateLimitedError,
  ResponseTooLargeError,
  TimeoutError,
  TransportError,
  ValidationError,
  parseTimestamp,
} from "drivekit";

import { startMock } from "./mock.js";

const DRIVE_ID = "1";
const SYNC_ROOT_ID = "622fb09598ae66777c7040109a16f49381f6abe1";
const VIDEOS_ID = "3d5b846942cf94fa72324c8a4bda34e81da635a";
const LIVE_MOV_ID = "3a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d";
const SHARE_ID = "7JQX1FswpQ8";
const PHOTO_ID = "9520943DC264";
const ALBUM_ID = "1795607640592646273";
const ALBUM_SIZE = 252;
const TRASHED = 126;

let mock;
before(async () => {
  mock = await startMock();
});
after(() => mock?.stop());
beforeEach(() => mock.reset());

const pds = (options = {}) => new PdsClient({ baseUrl: mock.url, accessToken: mock.token, ...options });
const koodrive = (options = {}) =>
  new KooDriveClient({ baseUrl: mock.url, accessToken: mock.token, userId: "1765263620687613825", ...options });

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `holds()` answers true, checking every 20 ms for at most 5 s. */
async function until(holds) {
  for (const started = Date.now(); Date.now() - started < 5000; await delay(20)) {
    if (await holds()) return;
  }
  assert.fail("the condition never held");
}

async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail("expected the promise to reject");
}

describe("PdsClient", () => {
  test("listDelta answers the wire's page", async () => {
    const page = await pds().listDelta({ driveId: DRIVE_ID, limit: 3 });
    assert.equal(page.items.length, 3);
    assert.equal(page.has_more, true);
    assert.equal(typeof page.cursor, "string");
    assert.equal(page.items[0].op, "create");
    assert.equal(page.items[0].file.drive_id, DRIVE_ID);
  });

  test("syncing the delta feed to the end, then resuming from the saved cursor, sees only new changes", async () => {
    const client = pds();
    const pages = client.listDeltaPages({ driveId: DRIVE_ID, limit: 100 });
    let changes = 0;
    let last;
    for await (const page of pages) {
      changes += page.items.length;
      last = page;
    }
    assert.ok(changes > 200, `${changes} changes`);
    assert.equal(last.has_more, false);
    assert.equal(pages.cursor, last.cursor);
    assert.deepEqual(await client.getLastCursor({ driveId: DRIVE_ID }), { cursor: last.cursor });

    await client.updateFile({ driveId: DRIVE_ID, fileId: PHOTO_ID, name: "renamed.jpg" });
    // The saved position, the service's cursor as `position`, and the cursor as the input's own all resume there.
    for (const start of [{ position: pages.position }, { position: pages.cursor }, { cursor: pages.cursor }]) {
      const resumed = [];
      for await (const item of client.listDeltaItems({ driveId: DRIVE_ID, ...start })) resumed.push(item);
      assert.deepEqual(resumed.map((item) => [item.op, item.file_id]), [["rename", PHOTO_ID]], JSON.stringify(start));
    }
  });

  test("a sync root limits the feed to its folder", async () => {
    const items = [];
    for await (const item of pds().listDeltaItems({ driveId: DRIVE_ID, syncRootId: SYNC_ROOT_ID })) items.push(item);
    assert.ok(items.length > 0 && items.length < 20, `${items.length} changes`);
  });

  test("the recycle bin lists every trashed file across pages of the marker", async () => {
    const client = pds();
    const first = await client.listRecyclebin({ driveId: DRIVE_ID, limit: 50 });
    assert.equal(first.items.length, 50);
    assert.ok(first.next_marker);
    const names = [];
    const pages = client.listRecyclebinPages({ driveId: DRIVE_ID, limit: 50 });
    for await (const page of pages) names.push(...page.items.map((file) => file.name));
    assert.equal(names.length, TRASHED);
    assert.equal(pages.cursor, undefined);
    const after = [];
    for await (const file of client.listRecyclebinItems({ driveId: DRIVE_ID, position: pages.position })) after.push(file);
    assert.deepEqual(after, [], "a finished recycle bin resumes after its last page");
    let items = 0;
    for await (const file of client.listRecyclebinItems({ driveId: DRIVE_ID, limit: 200, fields: "*" })) {
      assert.equal(typeof file.file_id, "string");
      items += 1;
    }
    assert.equal(items, TRASHED);
  });

  test("getFile reads a file by drive, and by share with a share token", async () => {
    const file = await pds().getFile({ driveId: DRIVE_ID, fileId: PHOTO_ID, urlExpireSec: 600 });
    assert.equal(file.file_id, PHOTO_ID);
    const shared = new PdsClient({ baseUrl: mock.url, shareToken: mock.shareToken });
    const same = await shared.getFile({ shareId: SHARE_ID, fileId: PHOTO_ID });
    assert.equal(same.name, file.name);
  });

  test("updateFile renames, and refuse meets the conflict as a 409 ApiError", async () => {
    const client = pds();
    const renamed = await client.updateFile({ driveId: DRIVE_ID, fileId: PHOTO_ID, name: "new name.jpg", starred: true });
    assert.equal(renamed.name, "new name.jpg");
    await mock.control("POST", "files", { name: "clip.mov", parent_file_id: VIDEOS_ID, file_id: "clip" });
    const error = await rejection(
      client.updateFile({ driveId: DRIVE_ID, fileId: "clip", name: "1.mov", checkNameMode: "refuse" }),
    );
    assert.ok(error instanceof ApiError && error instanceof DriveError && error instanceof Error);
    assert.equal(error.name, "ApiError");
    assert.equal(error.code, "api");
    assert.equal(error.status, 409);
    assert.equal(error.apiKind, "conflict");
    assert.equal(error.serviceCode, "AlreadyExist.File");
    assert.equal(typeof error.requestId, "string");
    assert.ok(error.message.includes("AlreadyExist.File"));
    assert.notEqual(LIVE_MOV_ID, "clip");
  });

  test("a missing file is a not_found ApiError with the service's request id", async () => {
    const error = await rejection(pds().getFile({ driveId: DRIVE_ID, fileId: "missing" }));
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 404);
    assert.equal(error.apiKind, "not_found");
    assert.equal(error.serviceCode, "NotFound.File");
  });

  test("invalid input is a ValidationError naming the input, and nothing is sent", async () => {
    const client = pds();
    await mock.control("DELETE", "requests");
    const cases = [
      [client.listDelta({ driveId: DRIVE_ID, limit: 101 }), "limit"],
      [client.listDelta({ driveId: "" }), "driveId"],
      [client.getFile({ driveId: DRIVE_ID, shareId: SHARE_ID, fileId: PHOTO_ID }), "driveId"],
      [client.getFile({ driveId: DRIVE_ID, fileId: PHOTO_ID, urlExpireSec: 5 }), "urlExpireSec"],
      [client.updateFile({ driveId: DRIVE_ID, fileId: PHOTO_ID, checkNameMode: "overwrite" }), "checkNameMode"],
      [client.updateFile({ driveId: DRIVE_ID, fileId: PHOTO_ID, localModifiedAt: "2019-08-20 06:51:27" }), "localModifiedAt"],
      [client.listRecyclebin({ driveId: DRIVE_ID, limit: 0 }), "limit"],
      [client.listDelta({ driveId: DRIVE_ID, limit: 1.5 }), "limit"],
      [client.listDelta({ driveId: 7 }), "driveId"],
      [client.listDelta({}), "driveId"],
      [client.listDelta(undefined), "input"],
      [client.updateFile({ driveId: DRIVE_ID, fileId: PHOTO_ID, labels: "a" }), "labels"],
      [client.listRecyclebin({ driveId: DRIVE_ID, thumbnailProcesses: { small: { imageThumbnailProcess: 1 } } }), "imageThumbnailProcess"],
    ];
    for (const [promise, field] of cases) {
      const error = await rejection(promise);
      assert.ok(error instanceof ValidationError, String(error));
      assert.equal(error.code, "invalid_argument");
      assert.equal(error.field, field, error.message);
    }
    const listings = [
      [() => client.listDeltaPages({ driveId: DRIVE_ID, limit: -1 }), "limit"],
      [() => client.listDeltaItems({ driveId: DRIVE_ID, limit: 101 }), "limit"],
      [() => client.listDeltaItems({ driveId: "" }), "driveId"],
      [() => client.listDeltaItems({ driveId: DRIVE_ID, position: 5 }), "position"],
      [() => client.listDeltaItems({ driveId: DRIVE_ID, position: "dk1.damaged" }), "position"],
      [() => client.listDeltaItems({ driveId: DRIVE_ID, position: "dk9.eyJsIjoiYSJ9" }), "position"],
      [() => client.listDeltaItems({ driveId: DRIVE_ID, position: "c1", cursor: "c2" }), "position"],
      [() => client.listRecyclebinItems({ driveId: DRIVE_ID, limit: 0 }), "limit"],
      [() => client.listRecyclebinPages(undefined), "input"],
    ];
    for (const [start, field] of listings) {
      assert.throws(start, (error) => {
        assert.ok(error instanceof ValidationError, String(error));
        assert.equal(error.field, field, error.message);
        return true;
      });
    }
    assert.deepEqual(await mock.requests(), []);
  });

  test("bad options throw a ValidationError from the constructor", () => {
    const bad = [
      [{ accessToken: "t" }, "domainId"],
      [{ domainId: "bj1", baseUrl: mock.url, accessToken: "t" }, "baseUrl"],
      [{ domainId: "bj1.evil.com/x", accessToken: "t" }, "domainId"],
      [{ baseUrl: "ftp://x", accessToken: "t" }, "baseUrl"],
      [{ baseUrl: mock.url }, "accessToken"],
      [{ baseUrl: mock.url, accessToken: "t", shareToken: "s" }, "shareToken"],
      [{ baseUrl: mock.url, accessToken: "t", getAccessToken: () => "t" }, "getAccessToken"],
      [{ baseUrl: mock.url, accessToken: "a\r\nb" }, "accessToken"],
      [{ baseUrl: mock.url, getAccessToken: "not a function" }, "getAccessToken"],
      // AccessKey signing is refused whatever else is given: the secret would ship inside the page.
      [{ baseUrl: mock.url, accessKeyId: "id", accessKeySecret: "secret" }, "accessKeyId"],
      [{ baseUrl: mock.url, accessToken: "t", accessKeySecret: "secret" }, "accessKeySecret"],
      [{ baseUrl: mock.url, accessToken: "t", securityToken: "sts" }, "securityToken"],
    ];
    for (const [options, field] of bad) {
      assert.throws(() => new PdsClient(options), (error) => {
        assert.ok(error instanceof ValidationError, String(error));
        assert.equal(error.field, field, error.message);
        assert.ok(error.message.includes(`\`${field}\``), error.message);
        assert.ok(!error.message.includes("a\r\nb"));
        // Every name in the message is one the caller writes.
        assert.ok(!/access_token|share_token|token_provider|domain_id|base_url/.test(error.message), error.message);
        return true;
      });
    }
  });

  test("bad retry options are reported by the names the caller wrote", () => {
    const bad = [
      [{ timeoutMs: -1 }, "timeoutMs"],
      [{ timeoutMs: 0 }, "timeoutMs"],
      [{ timeoutMs: "60s" }, "timeoutMs"],
      [{ timeoutMs: Infinity }, "timeoutMs"],
      [{ retry: 3 }, "retry"],
      [{ retry: { maxAttempts: 0 } }, "retry.maxAttempts"],
      [{ retry: { maxAttempts: 2.5 } }, "retry.maxAttempts"],
      [{ retry: { maxAttempts: -1 } }, "retry.maxAttempts"],
      [{ retry: { attemptTimeoutMs: 0 } }, "retry.attemptTimeoutMs"],
      [{ retry: { maxBackoffMs: NaN } }, "retry.maxBackoffMs"],
      [{ retry: { initialBackoffMs: 5000, maxBackoffMs: 1000 } }, "retry.initialBackoffMs"],
    ];
    for (const [limits, field] of bad) {
      for (const make of [
        () => new PdsClient({ baseUrl: mock.url, accessToken: "t", ...limits }),
        () => new KooDriveClient({ baseUrl: mock.url, accessToken: "t", userId: "u", ...limits }),
      ]) {
        assert.throws(make, (error) => {
          assert.ok(error instanceof ValidationError, String(error));
          assert.equal(error.field, field, error.message);
          assert.ok(error.message.includes(`\`${field}\``), error.message);
          assert.ok(!/total_timeout|max_attempts|max_backoff|totalTimeout/.test(error.message), error.message);
          return true;
        });
      }
    }
    assert.doesNotThrow(() => new PdsClient({ baseUrl: mock.url, accessToken: "t", timeoutMs: 1, retry: { maxAttempts: 1 } }));
  });

  test("rateLimit.maxRequestsPerSecond lets a second's worth go at once, then paces every call", async () => {
    const rate = 5;
    const calls = 2 * rate;
    const timed = async (call) => {
      const started = Date.now();
      for (let i = 0; i < calls; i++) assert.ok(await call());
      return Date.now() - started;
    };
    const rateLimit = { maxRequestsPerSecond: rate, adaptive: false };
    const [paced, pacedAlbums] = [pds({ rateLimit }), koodrive({ rateLimit })];
    for (const call of [
      () => paced.getLastCursor({ driveId: DRIVE_ID }),
      () => pacedAlbums.listAlbumFiles({ albumId: ALBUM_ID, pageSize: 1 }),
    ]) {
      const elapsed = await timed(call);
      assert.ok(elapsed >= 900 && elapsed < 2500, `${calls} calls at ${rate} per second took ${elapsed} ms`);
    }
    const adaptive = pds({ rateLimit: { maxRequestsPerSecond: rate } });
    const elapsed = await timed(() => adaptive.getLastCursor({ driveId: DRIVE_ID }));
    assert.ok(elapsed >= 900, `${calls} calls at ${rate} per second took ${elapsed} ms`);
  });

  test("without a maximum and with adaptive off, nothing waits", async () => {
    const client = pds({ rateLimit: { adaptive: false } });
    const started = Date.now();
    for (let i = 0; i < 10; i++) assert.ok((await client.getLastCursor({ driveId: DRIVE_ID })).cursor);
    assert.ok(Date.now() - started < 500, `${Date.now() - started} ms`);
  });

  test("bad rateLimit options are refused by the names the caller wrote, and nothing is sent", async () => {
    await mock.control("DELETE", "requests");
    const bad = [
      [{ rateLimit: { maxRequestsPerSecond: 0 } }, "rateLimit.maxRequestsPerSecond"],
      [{ rateLimit: { maxRequestsPerSecond: -1 } }, "rateLimit.maxRequestsPerSecond"],
      [{ rateLimit: { maxRequestsPerSecond: NaN } }, "rateLimit.maxRequestsPerSecond"],
      [{ rateLimit: { maxRequestsPerSecond: Infinity } }, "rateLimit.maxRequestsPerSecond"],
      [{ rateLimit: { maxRequestsPerSecond: "5" } }, "rateLimit.maxRequestsPerSecond"],
      [{ rateLimit: { adaptive: "no" } }, "rateLimit.adaptive"],
      [{ rateLimit: 5 }, "rateLimit"],
    ];
    for (const [options, field] of bad) {
      for (const make of [() => pds(options), () => koodrive(options)]) {
        assert.throws(make, (error) => {
          assert.ok(error instanceof ValidationError, String(error));
          assert.equal(error.field, field, error.message);
          assert.ok(error.message.includes(`\`${field}\``), error.message);
          assert.ok(!/max_requests_per_second/.test(error.message), error.message);
          return true;
        });
      }
    }
    assert.deepEqual(await mock.requests(), []);
  });

  test("a wrong token is an unauthorized ApiError, and the token never shows in it", async () => {
    const error = await rejection(new PdsClient({ baseUrl: mock.url, accessToken: "wrong-secret" }).listDelta({ driveId: DRIVE_ID }));
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 401);
    assert.equal(error.apiKind, "unauthorized");
    assert.ok(!JSON.stringify({ ...error, message: error.message }).includes("wrong-secret"));
  });

  test("getAccessToken is asked for a token, and again after a 401", async () => {
    const answers = ["stale-token", mock.token];
    let asked = 0;
    const client = new PdsClient({ baseUrl: mock.url, getAccessToken: async () => answers[Math.min(asked++, 1)] });
    assert.ok((await client.getLastCursor({ driveId: DRIVE_ID })).cursor);
    assert.equal(asked, 2);
    const failing = new PdsClient({ baseUrl: mock.url, getAccessToken: () => Promise.reject(new Error("offline")) });
    const error = await rejection(failing.getLastCursor({ driveId: DRIVE_ID }));
    assert.ok(error instanceof DriveError);
    assert.equal(error.code, "token_provider");
    assert.ok(error.message.includes("offline"));
  });

  test("injected 429s are retried after Retry-After, and the request log shows each attempt", async () => {
    await mock.fault({ path: "/v2/file/get_last_cursor", kind: "status", status: 429, retry_after: 1, count: 2 });
    await mock.control("DELETE", "requests");
    const cursor = await pds().getLastCursor({ driveId: DRIVE_ID });
    assert.ok(cursor.cursor);
    const statuses = (await mock.requests()).map((request) => request.status);
    assert.deepEqual(statuses, [429, 429, 200]);
  });

  test("persistent 429s end as a RateLimitedError once the attempts run out", async () => {
    await mock.fault({ path: "/v2/file/get_last_cursor", kind: "status", status: 429, retry_after: 1, count: 10 });
    const error = await rejection(pds({ retry: { maxAttempts: 2 } }).getLastCursor({ driveId: DRIVE_ID }));
    assert.ok(error instanceof RateLimitedError && error instanceof ApiError);
    assert.equal(error.code, "rate_limited");
    assert.equal(error.status, 429);
    assert.equal(error.retryAfterMs, 1000);
    assert.equal((await mock.requests()).length, 2);
  });

  test("a 5xx on a read is retried with backoff; a cut connection on a write is not", async () => {
    await mock.fault({ path: "/v2/file/list_delta", kind: "status", status: 503, count: 1 });
    const page = await pds({ retry: { initialBackoffMs: 1, maxBackoffMs: 5 } }).listDelta({ driveId: DRIVE_ID, limit: 1 });
    assert.equal(page.items.length, 1);
    await mock.control("DELETE", "requests");
    await mock.fault({ path: "/v2/file/update", kind: "cut" });
    const error = await rejection(pds().updateFile({ driveId: DRIVE_ID, fileId: PHOTO_ID, starred: true }));
    assert.ok(error instanceof OutcomeUnknownError && error instanceof TransportError, String(error));
    assert.equal(error.code, "outcome_unknown");
    assert.equal(error.transportKind, "io");
    assert.equal((await mock.requests()).length, 1);
  });

  test("aborting a slow call rejects with an AbortError at once", async () => {
    await mock.fault({ kind: "delay", delay_ms: 3000 });
    const controller = new AbortController();
    const started = Date.now();
    const call = pds().getLastCursor({ driveId: DRIVE_ID }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const error = await rejection(call);
    assert.ok(error instanceof AbortError && error instanceof DriveError);
    assert.equal(error.name, "AbortError");
    assert.equal(error.code, "cancelled");
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
  });

  test("an abort also ends a wait before a retry", async () => {
    await mock.fault({ kind: "status", status: 429, retry_after: 30 });
    const controller = new AbortController();
    const started = Date.now();
    const call = pds({ timeoutMs: 60_000 }).getLastCursor({ driveId: DRIVE_ID }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    assert.ok((await rejection(call)) instanceof AbortError);
    assert.ok(Date.now() - started < 2000);
    const aborted = AbortSignal.abort();
    assert.ok((await rejection(pds().getLastCursor({ driveId: DRIVE_ID }, { signal: aborted }))) instanceof AbortError);
  });

  test("an attempt slower than its timeout is a TimeoutError when retries run out", async () => {
    await mock.fault({ kind: "delay", delay_ms: 2000, count: 5 });
    const client = pds({ retry: { maxAttempts: 1, attemptTimeoutMs: 100 } });
    const error = await rejection(client.getLastCursor({ driveId: DRIVE_ID }));
    assert.ok(error instanceof TimeoutError, String(error));
    assert.equal(error.code, "timeout");
  });

  test("a body past maxResponseBytes is a ResponseTooLargeError, announced or not, and is not sent again", async () => {
    const client = pds({ maxResponseBytes: 65_536 });
    for (const announced of [true, false]) {
      await mock.fault({ kind: "oversized", bytes: 1 << 20, content_length: announced });
      const error = await rejection(client.getLastCursor({ driveId: DRIVE_ID }));
      assert.ok(error instanceof ResponseTooLargeError && error instanceof DriveError, String(error));
      assert.equal(error.code, "response_too_large");
      assert.equal(error.limit, 65_536);
    }
    assert.equal((await mock.requests()).length, 2);
    assert.equal((await client.listDelta({ driveId: DRIVE_ID, limit: 10 })).items.length, 10);
  });

  test("a body trickling in past the attempt timeout is a TimeoutError", async () => {
    await mock.fault({ path: "/v2/file/list_delta", kind: "trickle", count: 5 });
    const started = Date.now();
    const client = pds({ retry: { maxAttempts: 1, attemptTimeoutMs: 300 } });
    const error = await rejection(client.listDelta({ driveId: DRIVE_ID }));
    assert.ok(error instanceof TimeoutError, String(error));
    assert.ok(Date.now() - started < 2000, `${Date.now() - started} ms`);
  });

  test("a maxResponseBytes that lets no body through is refused by its name", () => {
    for (const [bytes, rule] of [[0, "must be at least 1"], [-1, "must be at least 1"], [1.5, "must be a whole number"]]) {
      for (const make of [() => pds({ maxResponseBytes: bytes }), () => koodrive({ maxResponseBytes: bytes })]) {
        assert.throws(make, (error) => {
          assert.ok(error instanceof ValidationError, String(error));
          assert.equal(error.field, "maxResponseBytes");
          assert.ok(error.message.endsWith(rule) && !error.message.includes("max_response_bytes"), error.message);
          return true;
        });
      }
    }
  });

  test("a malformed body is a DecodeError", async () => {
    await mock.fault({ kind: "malformed", count: 5 });
    const error = await rejection(pds({ retry: { maxAttempts: 1 } }).getLastCursor({ driveId: DRIVE_ID }));
    assert.equal(error.name, "DecodeError");
    assert.equal(error.code, "decode");
  });
});

describe("KooDriveClient", () => {
  test("listAlbumFiles answers the wire's page", async () => {
    const page = await koodrive({ language: "en_us" }).listAlbumFiles({ albumId: ALBUM_ID, pageSize: 10, sortType: 1, sortDirection: 1 });
    assert.equal(page.contentList.length, 10);
    assert.equal(typeof page.nextPageCursor, "string");
    assert.equal(page.code, 0);
  });

  test("pages and items walk the whole album, even with the service's quirks", async () => {
    await mock.control("PUT", "koodrive/quirks", { enabled: true });
    const client = koodrive();
    const ids = new Set();
    for await (const item of client.listAlbumFilesItems({ albumId: ALBUM_ID, pageSize: 30 })) ids.add(item.id);
    assert.equal(ids.size, ALBUM_SIZE);
    let pages = 0;
    for await (const page of client.listAlbumFilesPages({ albumId: ALBUM_ID, pageSize: 100 })) pages += page.contentList ? 1 : 0;
    assert.ok(pages >= 3);
  });

  test("a saved position or page cursor resumes the listing", async () => {
    const client = koodrive();
    const pages = client.listAlbumFilesPages({ albumId: ALBUM_ID, pageSize: 100 });
    for await (const _ of pages) break;
    for (const start of [{ position: pages.position }, { pageCursor: pages.cursor }]) {
      const resumed = [];
      for await (const item of client.listAlbumFilesItems({ albumId: ALBUM_ID, pageSize: 100, ...start })) resumed.push(item);
      assert.equal(resumed.length, ALBUM_SIZE - 100);
    }
  });

  test("an album walk resumed after any photo repeats nothing and misses nothing", async () => {
    const all = [];
    for await (const photo of koodrive().listAlbumFilesItems({ albumId: ALBUM_ID, pageSize: 100 })) all.push(photo.id);
    for (const stopAfter of [37, 60, 61]) {
      const seen = [];
      const first = koodrive().listAlbumFilesItems({ albumId: ALBUM_ID, pageSize: 30 });
      for await (const photo of first) {
        seen.push(photo.id);
        if (seen.length === stopAfter) break;
      }
      for await (const photo of koodrive().listAlbumFilesItems({ albumId: ALBUM_ID, pageSize: 30, position: first.position })) seen.push(photo.id);
      assert.deepEqual(seen, all, `stopped after ${stopAfter}`);
    }
  });

  test("errors and validation use KooDrive's names", async () => {
    const client = koodrive();
    const unknown = await rejection(client.listAlbumFiles({ albumId: "no-such-album" }));
    assert.ok(unknown instanceof ApiError);
    assert.equal(unknown.serviceCode, "13000006");
    assert.equal(unknown.service, "KooDrive");
    for (const [input, field] of [
      [{ albumId: ALBUM_ID, pageSize: 0 }, "pageSize"],
      [{ albumId: ALBUM_ID, sortType: 4 }, "sortType"],
      [{ albumId: ALBUM_ID, sortDirection: 0 }, "sortDirection"],
      [{ albumId: "" }, "albumId"],
    ]) {
      const error = await rejection(client.listAlbumFiles(input));
      assert.ok(error instanceof ValidationError);
      assert.equal(error.field, field);
    }
    for (const [options, field] of [
      [{ userId: "" }, "userId"],
      [{ userId: undefined }, "userId"],
      [{ language: "en us" }, "language"],
      [{ getAccessToken: () => "t" }, "getAccessToken"],
      [{ accessToken: undefined }, "accessToken"],
      [{ baseUrl: "ftp://x" }, "baseUrl"],
    ]) {
      assert.throws(() => koodrive(options), (error) => {
        assert.ok(error instanceof ValidationError, String(error));
        assert.equal(error.field, field, error.message);
        return true;
      });
    }
  });
});

describe("listings", () => {
  const change = (item) => `${item.op} ${item.file_id}`;
  const listDeltaRequests = async () => (await mock.requests()).filter((request) => request.path === "/v2/file/list_delta");

  async function everyChange() {
    const all = [];
    for await (const item of pds().listDeltaItems({ driveId: DRIVE_ID, limit: 100 })) all.push(change(item));
    return all;
  }

  test("a listDeltaItems walk resumed after any change, in a new client, repeats nothing and misses nothing", async () => {
    for (const stopAfter of [1, 37, 100, 101]) {
      await mock.reset();
      const seen = [];
      const first = pds().listDeltaItems({ driveId: DRIVE_ID, limit: 25 });
      for await (const item of first) {
        seen.push(change(item));
        if (seen.length === stopAfter) break;
      }
      const saved = first.position;
      assert.match(saved, /^dk1\./);
      // Changes made meanwhile come after the ones the first walk saw.
      const created = [];
      for (let n = 0; n < 3; n += 1) {
        created.push((await mock.control("POST", "files", { name: `new-${stopAfter}-${n}.txt` })).file_id);
      }
      const resumed = pds().listDeltaItems({ driveId: DRIVE_ID, limit: 25, position: saved });
      for await (const item of resumed) seen.push(change(item));
      const all = await everyChange();
      assert.ok(all.length > 200, `${all.length} changes`);
      assert.deepEqual(all.slice(-3), created.map((id) => `create ${id}`));
      assert.equal(seen.length, all.length, `stopped after ${stopAfter}: as many changes as the feed holds`);
      assert.deepEqual(seen, all, `stopped after ${stopAfter}: the same changes in the same order`);
    }
  });

  test("the position of a page walk resumes after the last page handed out", async () => {
    const pages = pds().listDeltaPages({ driveId: DRIVE_ID, limit: 40 });
    const seen = [];
    for await (const page of pages) {
      seen.push(...page.items.map(change));
      if (seen.length === 80) break;
    }
    for await (const item of pds().listDeltaItems({ driveId: DRIVE_ID, position: pages.position })) seen.push(change(item));
    assert.deepEqual(seen, await everyChange());
  });

  test("the next page is requested before the caller asks for it, once, and arrives while the caller works", async () => {
    await mock.control("DELETE", "requests");
    // Every page takes 600 ms to come.
    await mock.fault({ path: "/v2/file/list_delta", kind: "delay", delay_ms: 600, count: 10 });
    const pages = pds().listDeltaPages({ driveId: DRIVE_ID, limit: 100 });
    const walk = pages[Symbol.asyncIterator]();
    assert.equal((await walk.next()).done, false);
    // The caller works on page 1 and asks for nothing: page 2 is asked for all the same.
    await until(async () => (await listDeltaRequests()).length === 2);
    await delay(700);
    assert.equal((await listDeltaRequests()).length, 2, "at most one page ahead");
    const started = Date.now();
    assert.equal((await walk.next()).done, false);
    assert.ok(Date.now() - started < 300, `page 2 took ${Date.now() - started} ms after the caller asked`);
    let count = 2;
    while (!(await walk.next()).done) count += 1;
    const requests = await listDeltaRequests();
    assert.equal(requests.length, count, "each page is asked for once");
    assert.ok(requests.every((request) => request.status === 200));
  });

  test("every page is sent for early, not only every other one", async () => {
    await mock.fault({ path: "/v2/file/list_delta", kind: "delay", delay_ms: 500, count: 10 });
    const walk = pds().listDeltaPages({ driveId: DRIVE_ID, limit: 60 })[Symbol.asyncIterator]();
    await walk.next();
    for (let page = 2; page <= 4; page += 1) {
      await delay(700); // the caller works on the page before
      const started = Date.now();
      assert.equal((await walk.next()).done, false);
      assert.ok(Date.now() - started < 300, `page ${page} took ${Date.now() - started} ms after the caller asked`);
    }
  });

  test("aborting a listing's signal cancels the page it awaits", async () => {
    await mock.fault({ path: "/v2/file/list_delta", kind: "delay", delay_ms: 3000, count: 10 });
    const controller = new AbortController();
    const items = pds().listDeltaItems({ driveId: DRIVE_ID }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const error = await rejection((async () => { for await (const _ of items); })());
    assert.ok(error instanceof AbortError, String(error));
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
  });

  test("aborting a listing's signal cancels the page fetched ahead, and nothing more is sent", async () => {
    await mock.fault({ path: "/v2/file/list_delta", kind: "delay", delay_ms: 1500, count: 10 });
    await mock.control("DELETE", "requests");
    const controller = new AbortController();
    const pages = pds().listDeltaPages({ driveId: DRIVE_ID, limit: 50 }, { signal: controller.signal });
    const walk = pages[Symbol.asyncIterator]();
    assert.equal((await walk.next()).done, false);
    const position = pages.position;
    await until(async () => (await listDeltaRequests()).length === 2); // page 2 is on its way
    controller.abort();
    const started = Date.now();
    assert.ok((await rejection(walk.next())) instanceof AbortError);
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
    assert.ok((await rejection((async () => { for await (const _ of pages); })())) instanceof AbortError);
    assert.equal(pages.position, position, "an aborted page hands nothing out");
    await delay(100);
    assert.equal((await listDeltaRequests()).length, 2, "nothing is sent after the abort");
  });

  test("a position of another drive, sync root or listing is refused when the listing is created, before any request", async () => {
    const client = pds();
    const synced = client.listDeltaItems({ driveId: DRIVE_ID, syncRootId: SYNC_ROOT_ID });
    for await (const _ of synced);
    const walked = client.listDeltaItems({ driveId: DRIVE_ID, limit: 10 });
    for await (const _ of walked) break;
    await delay(100); // the page the walk fetched ahead was cancelled; let the log settle
    await mock.control("DELETE", "requests");
    const refused = [
      () => client.listDeltaItems({ driveId: "2", position: walked.position }),
      () => client.listDeltaPages({ driveId: "2", syncRootId: SYNC_ROOT_ID, position: synced.position }),
      () => client.listDeltaItems({ driveId: DRIVE_ID, position: synced.position }),
      () => client.listDeltaItems({ driveId: DRIVE_ID, syncRootId: SYNC_ROOT_ID, position: walked.position }),
      () => client.listRecyclebinItems({ driveId: DRIVE_ID, position: walked.position }),
      () => koodrive().listAlbumFilesItems({ albumId: ALBUM_ID, position: walked.position }),
    ];
    for (const start of refused) {
      assert.throws(start, (error) => {
        assert.ok(error instanceof ValidationError, String(error));
        assert.equal(error.field, "position");
        assert.ok(error.message.includes("another listing"), error.message);
        return true;
      });
    }
    assert.deepEqual(await mock.requests(), [], "nothing was sent");
    // The same positions resume their own listings.
    const rest = [];
    for await (const item of client.listDeltaItems({ driveId: DRIVE_ID, limit: 10, position: walked.position })) rest.push(item);
    assert.ok(rest.length > 200);
  });
});

test("parseTimestamp reads RFC 3339 times and answers undefined for anything else", () => {
  assert.equal(parseTimestamp("2019-08-20T06:51:27.292Z")?.getTime(), 1_566_283_887_292);
  assert.equal(parseTimestamp("2019-08-20T14:51:27.292+08:00")?.getTime(), 1_566_283_887_292);
  assert.ok(parseTimestamp("2019-08-20T06:51:27Z") instanceof Date);
  for (const text of ["2006-01-02T15:04:05.000Z07:00", "2019-08-20 06:51:27", "", undefined, null, 1_566_283_887_292]) {
    assert.equal(parseTimestamp(text), undefined, String(text));
  }
});
