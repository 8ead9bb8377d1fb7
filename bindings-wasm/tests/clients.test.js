// The package as a user calls it, in Node, against the mock drive.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";

import {
  AbortError,
  ApiError,
  DriveError,
  KooDriveClient,
  PdsClient,
  RateLimitedError,
  TimeoutError,
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
    assert.equal(pages.position, last.cursor);
    assert.deepEqual(await client.getLastCursor({ driveId: DRIVE_ID }), { cursor: last.cursor });

    await client.updateFile({ driveId: DRIVE_ID, fileId: PHOTO_ID, name: "renamed.jpg" });
    const resumed = [];
    for await (const item of client.listDeltaItems({ driveId: DRIVE_ID, cursor: pages.position })) resumed.push(item);
    assert.deepEqual(resumed.map((item) => [item.op, item.file_id]), [["rename", PHOTO_ID]]);
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
    assert.equal(pages.position, undefined);
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
    const pages = client.listDeltaPages({ driveId: DRIVE_ID, limit: -1 });
    const error = await rejection((async () => { for await (const _ of pages); })());
    assert.ok(error instanceof ValidationError);
    assert.deepEqual(await mock.requests(), []);
  });

  test("bad options throw a ValidationError from the constructor", () => {
    const bad = [
      [{ accessToken: "t" }, "domainId"],
      [{ domainId: "bj1", baseUrl: mock.url, accessToken: "t" }, "domainId"],
      [{ domainId: "bj1.evil.com/x", accessToken: "t" }, "domainId"],
      [{ baseUrl: "ftp://x", accessToken: "t" }, "baseUrl"],
      [{ baseUrl: mock.url }, "accessToken"],
      [{ baseUrl: mock.url, accessToken: "t", shareToken: "s" }, "accessToken"],
      [{ baseUrl: mock.url, accessToken: "a\r\nb" }, "accessToken"],
      [{ baseUrl: mock.url, getAccessToken: "not a function" }, "getAccessToken"],
    ];
    for (const [options, field] of bad) {
      assert.throws(() => new PdsClient(options), (error) => {
        assert.ok(error instanceof ValidationError, String(error));
        assert.equal(error.field, field, error.message);
        assert.ok(!error.message.includes("a\r\nb"));
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
    assert.equal(error.code, "transport");
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

  test("a saved page cursor resumes the listing", async () => {
    const client = koodrive();
    const pages = client.listAlbumFilesPages({ albumId: ALBUM_ID, pageSize: 100 });
    for await (const _ of pages) break;
    const resumed = [];
    for await (const item of client.listAlbumFilesItems({ albumId: ALBUM_ID, pageSize: 100, pageCursor: pages.position })) resumed.push(item);
    assert.equal(resumed.length, ALBUM_SIZE - 100);
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
    assert.throws(() => koodrive({ userId: "" }), ValidationError);
    assert.throws(() => koodrive({ language: "en us" }), ValidationError);
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
