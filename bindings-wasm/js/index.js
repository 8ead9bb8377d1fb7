// The package's entry: loads the WebAssembly core, then wraps its exports in the classes a JavaScript caller
// expects (Error subclasses, async iterables over pages and items, AbortSignal on every call).
import init, { KooDriveCore, PdsCore, onPanic, signedUrlClass, timestampMillis } from "./drivekit_wasm.js";

// Bundlers (Vite among them) find the module by this very expression and emit it as an asset of the app, with the
// URL rewritten to where it lands: keep it a literal `new URL(…, import.meta.url)`.
const wasmUrl = new URL("./drivekit_wasm_bg.wasm", import.meta.url);
if (wasmUrl.protocol === "file:") {
  // Node cannot fetch file URLs; it reads the module from disk instead. Bundlers building for a browser leave
  // `node:fs/promises` out quietly: the `browser` field of package.json maps it to nothing.
  const { readFile } = await import("node:fs/promises");
  await init({ module_or_path: await readFile(wasmUrl) });
} else {
  await init({ module_or_path: wasmUrl });
}

/**
 * A download, thumbnail or content URL in an answer. It prints, inspects and serializes without its query, which
 * may grant access on its own; `href` (or `String(url)`, as `fetch` and `img.src` take it) is the whole URL.
 */
export const SignedUrl = signedUrlClass();

/** Every error of this package: `code` says what kind it is, whatever the subclass. */
export class DriveError extends Error {
  constructor(message, code, options) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** An input broke a documented rule; nothing was sent. `field` names the input. */
export class ValidationError extends DriveError {
  constructor(message, field) {
    super(message, "invalid_argument");
    this.field = field;
  }
}

/** The service answered with an error: HTTP `status`, the service's `serviceCode`, and `requestId` for support. */
export class ApiError extends DriveError {
  constructor(message, raw, code = "api") {
    super(message, code);
    this.status = raw.status;
    this.service = raw.service;
    this.apiKind = raw.apiKind;
    this.serviceCode = raw.serviceCode;
    this.serviceMessage = raw.serviceMessage;
    this.requestId = raw.requestId;
  }
}

/** The service kept answering "too many requests" until the retries ran out. */
export class RateLimitedError extends ApiError {
  constructor(message, raw) {
    super(message, raw, "rate_limited");
    this.retryAfterMs = raw.retryAfterMs;
  }
}

/** The call, or one attempt of it, ran out of time. */
export class TimeoutError extends DriveError {
  constructor(message) {
    super(message, "timeout");
  }
}

/**
 * The answer's body was longer than the client's `maxResponseBytes` (`limit`), so it was refused without being
 * read whole, and not sent again: the same request would get the same answer.
 */
export class ResponseTooLargeError extends DriveError {
  constructor(message, limit) {
    super(message, "response_too_large");
    this.limit = limit;
  }
}

/** The request could not be completed (network down, connection cut). */
export class TransportError extends DriveError {
  constructor(message, transportKind, code = "transport") {
    super(message, code);
    this.transportKind = transportKind;
  }
}

/**
 * A change may have been applied, but its answer was lost after it left (the connection broke, or the attempt ran
 * out of time); it is not sent again. Read what it changed to learn whether it was applied. A `TransportError`, so
 * that handlers written before it existed still catch it.
 */
export class OutcomeUnknownError extends TransportError {
  constructor(message, transportKind) {
    super(message, transportKind, "outcome_unknown");
  }
}

/** An answer could not be read as the operation's result. */
export class DecodeError extends DriveError {
  constructor(message) {
    super(message, "decode");
  }
}

/** The caller's `AbortSignal` fired: named `AbortError`, as `fetch` names its own. */
export class AbortError extends DriveError {
  constructor(message) {
    super(message, "cancelled");
  }
}

// The core describes an error with `code` and what is known; this is the one place it becomes a class.
function toDriveError(raw) {
  if (raw instanceof DriveError) return raw;
  if (!(raw instanceof Error) || typeof raw.code !== "string") return internalError(raw);
  switch (raw.code) {
    case "invalid_argument": return new ValidationError(raw.message, raw.field);
    case "api": return new ApiError(raw.message, raw);
    case "rate_limited": return new RateLimitedError(raw.message, raw);
    case "timeout": return new TimeoutError(raw.message);
    case "response_too_large": return new ResponseTooLargeError(raw.message, raw.limit);
    case "transport": return new TransportError(raw.message, raw.transportKind);
    case "outcome_unknown": return new OutcomeUnknownError(raw.message, raw.transportKind);
    case "decode": return new DecodeError(raw.message);
    case "cancelled": return new AbortError(raw.message);
    default: return new DriveError(raw.message, raw.code);
  }
}

function internalError(cause) {
  return new DriveError(
    "drivekit failed internally and cannot continue; please report this with the steps that led to it",
    "internal",
    { cause },
  );
}

// Should the core ever panic, the module is unusable: every pending call and every later one rejects.
let broken;
const pending = new Set();
onPanic((message) => {
  broken = internalError(new Error(message));
  for (const reject of pending) reject(broken);
  pending.clear();
});

/** Runs `start` (which answers a promise from the core) so that the promise always settles with our errors. */
function settle(start) {
  if (broken) return Promise.reject(broken);
  return new Promise((resolve, reject) => {
    pending.add(reject);
    let running;
    try {
      running = start();
    } catch (error) {
      running = Promise.reject(error);
    }
    running
      .then(resolve, (error) => reject(toDriveError(error)))
      .finally(() => pending.delete(reject));
  });
}

function construct(Core, options) {
  if (broken) throw broken;
  try {
    return new Core(options);
  } catch (error) {
    throw toDriveError(error);
  }
}

/**
 * The time a timestamp's text stands for, read by the same rules in every language drivekit ships for (RFC 3339
 * with `Z` or an offset), or `undefined` when the text is not such a time: services sometimes send placeholders.
 */
export function parseTimestamp(text) {
  if (broken) throw broken;
  if (typeof text !== "string") return undefined;
  const millis = timestampMillis(text);
  return millis === undefined ? undefined : new Date(millis);
}

/**
 * A listing for `for await`, by page or by entry: the core fetches each page, sends for the next one while the
 * caller works on this one, and keeps `position`, where to resume with nothing repeated and nothing missed.
 * Leaving a loop early closes the listing (the page fetched ahead is cancelled); `position` stays readable.
 */
class Listing {
  #core;
  #take;

  constructor(start, take) {
    if (broken) throw broken;
    try {
      this.#core = start();
    } catch (error) {
      throw toDriveError(error);
    }
    this.#take = take;
  }

  /** Where to resume after the last page or entry handed out: pass it back as the input's `position`. */
  get position() {
    return this.#core.position;
  }

  /** The service's cursor (or marker, or page cursor) of the next page, for callers who walk page by page. */
  get cursor() {
    return this.#core.cursor;
  }

  /** The next page or entry: at once when the core has it at hand, else a promise of it. */
  #next() {
    if (broken) throw broken;
    let next;
    try {
      next = this.#take(this.#core);
    } catch (error) {
      throw toDriveError(error);
    }
    return next instanceof Promise ? settle(() => next) : next;
  }

  /**
   * An async iterator written out rather than an async generator: an entry at hand then costs one settled promise
   * instead of the several hops a generator's `await` and `yield` take, which on a page of small entries cost
   * more than the entries themselves.
   */
  [Symbol.asyncIterator]() {
    const done = { value: undefined, done: true };
    let over = false;
    const handed = (next) => {
      if (next === undefined) over = true;
      return next === undefined ? done : { value: next, done: false };
    };
    return {
      next: () => {
        if (over) return Promise.resolve(done);
        try {
          const next = this.#next();
          return next instanceof Promise ? next.then(handed) : Promise.resolve(handed(next));
        } catch (error) {
          return Promise.reject(error);
        }
      },
      // A caller that stops early (`break`, `return`, a throw in the loop's body) closes the listing; a failed
      // page leaves it open, so that iterating again retries the page that failed.
      return: () => {
        if (!over) this.#core.close();
        over = true;
        return Promise.resolve(done);
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }
}

const pages = (core) => core.next();
const items = (core) => core.nextItem();

/** A client of PDS (Alibaba Cloud Drive and Photo Service) with an access token, a share token or a provider. */
export class PdsClient {
  #core;

  constructor(options) {
    this.#core = construct(PdsCore, options);
  }

  listDelta(input, options) {
    return settle(() => this.#core.listDelta(input, options?.signal));
  }

  listDeltaPages(input, options) {
    return new Listing(() => this.#core.listDeltaPages(input, options?.signal), pages);
  }

  listDeltaItems(input, options) {
    return new Listing(() => this.#core.listDeltaPages(input, options?.signal), items);
  }

  getLastCursor(input, options) {
    return settle(() => this.#core.getLastCursor(input, options?.signal));
  }

  listRecyclebin(input, options) {
    return settle(() => this.#core.listRecyclebin(input, options?.signal));
  }

  listRecyclebinPages(input, options) {
    return new Listing(() => this.#core.listRecyclebinPages(input, options?.signal), pages);
  }

  listRecyclebinItems(input, options) {
    return new Listing(() => this.#core.listRecyclebinPages(input, options?.signal), items);
  }

  getFile(input, options) {
    return settle(() => this.#core.getFile(input, options?.signal));
  }

  updateFile(input, options) {
    return settle(() => this.#core.updateFile(input, options?.signal));
  }
}

/** A client of Huawei Cloud KooDrive for one user. */
export class KooDriveClient {
  #core;

  constructor(options) {
    this.#core = construct(KooDriveCore, options);
  }

  listAlbumFiles(input, options) {
    return settle(() => this.#core.listAlbumFiles(input, options?.signal));
  }

  listAlbumFilesPages(input, options) {
    return new Listing(() => this.#core.listAlbumFilesPages(input, options?.signal), pages);
  }

  listAlbumFilesItems(input, options) {
    return new Listing(() => this.#core.listAlbumFilesPages(input, options?.signal), items);
  }
}
