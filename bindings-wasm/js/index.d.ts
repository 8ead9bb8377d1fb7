// The package's public types. Models and operation inputs are generated from the Rust declarations (wire
// names, optional fields, string unions); this file adds the clients, the errors and the paginators.
import type {
  AlbumContent,
  AlbumFilesPage,
  DeltaItem,
  DeltaPage,
  File,
  GetFileRequest,
  GetLastCursorRequest,
  ImageProcess,
  LastCursor,
  ListAlbumFilesRequest,
  ListDeltaRequest,
  ListRecyclebinRequest,
  ListingStart,
  RecyclebinPage,
  Timestamp,
  UpdateFileRequest,
} from "./drivekit_wasm.js";

export type {
  AlbumContent,
  AlbumFilesPage,
  AudioStream,
  CheckNameMode,
  DeltaItem,
  DeltaOp,
  DeltaPage,
  DirSizeInfo,
  DocumentContent,
  ElementContent,
  FaceThumbnail,
  File,
  ImageMediaMetadata,
  ImageQuality,
  ImageTag,
  InvestigationInfo,
  KeyFrame,
  LastCursor,
  ListingStart,
  RecyclebinPage,
  SceneContent,
  SemanticResult,
  SortDirection,
  SortType,
  StreamInfo,
  Timestamp,
  UnknownFields,
  VideoMediaMetadata,
  VideoStream,
} from "./drivekit_wasm.js";

/** How persistent calls are; every field has a default. */
export interface RetryOptions {
  /** Attempts in all, the first included; 1 turns retries off. Default 4. */
  maxAttempts?: number;
  /** The wait before the first retry, doubled for each later one. Default 200 ms. */
  initialBackoffMs?: number;
  /** The longest computed wait. Default 10 s. */
  maxBackoffMs?: number;
  /** How long one attempt may take, its whole answer received. Default 30 s. */
  attemptTimeoutMs?: number;
}

/** How the client paces all its calls together; every field has a default. */
export interface RateLimitOptions {
  /** A rate the calls never exceed, in requests per second, held from the first request on. Default none. */
  maxRequestsPerSecond?: number;
  /**
   * Whether the calls slow down together when the service throttles (a 429 or one of its throttling codes) and
   * climb back after. Default true.
   */
  adaptive?: boolean;
}

interface CallLimits {
  /** How long a whole call may take, retries and waits included. Default 120 s. */
  timeoutMs?: number;
  /** Retries of failed attempts, as the core decides them. */
  retry?: RetryOptions;
  /** Client-side pacing of every call, as the core decides it. */
  rateLimit?: RateLimitOptions;
  /**
   * The longest answer a call accepts, in bytes: a longer one is refused with `ResponseTooLargeError` as soon as it
   * is announced or has arrived that far, never held whole, and not retried. Default 16 MiB (a page is some 60 KB).
   */
  maxResponseBytes?: number;
}

/**
 * A provider of access tokens: asked when the client has no token, and again when the service refuses the one it
 * has, once for all the client's calls.
 */
/** A core name in the camelCase this package takes: `drive_id` is `driveId`. */
type CamelCase<Name extends string> = Name extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : Name;

/**
 * A core request as this package takes it: the same fields, documentation and rules, named in camelCase. The core
 * declares each request once; these follow from it.
 */
export type Input<Request> = Request extends readonly (infer Item)[]
  ? Input<Item>[]
  : Request extends object
    ? { [Field in keyof Request as CamelCase<Field & string>]: Input<Request[Field]> }
    : Request;

/** The input of `listDelta` and `listDeltaPages`. */
export type ListDeltaInput = Input<ListDeltaRequest>;
/** The input of `getLastCursor`. */
export type GetLastCursorInput = Input<GetLastCursorRequest>;
/** The input of `listRecyclebin` and `listRecyclebinPages`. */
export type ListRecyclebinInput = Input<ListRecyclebinRequest>;
/** How to make a thumbnail of an image, a video or a document, in `thumbnailProcesses`. */
export type ImageProcessInput = Input<ImageProcess>;
/** The input of `getFile`: a file of a drive (`driveId`), or of a share (`shareId`, with a share token). */
export type GetFileInput = Input<GetFileRequest>;
/** The input of `updateFile`; unset fields stay as they are. */
export type UpdateFileInput = Input<UpdateFileRequest>;
/** The input of `listAlbumFiles` and `listAlbumFilesPages`. */
export type ListAlbumFilesInput = Input<ListAlbumFilesRequest>;

/**
 * A download, thumbnail or content URL in an answer. Its query often holds a signature or a token that grants
 * access on its own, so it prints, inspects and serializes (`JSON.stringify`) without it; `href`, or
 * `String(url)` as `fetch` and `img.src` take it, is the whole URL: hand it to an HTTP client, never to a log.
 */
export declare class SignedUrl {
  private constructor();
  /** The whole URL, signature included. */
  readonly href: string;
  /** The whole URL, signature included. */
  toString(): string;
  /** The URL without its query. */
  toJSON(): string;
}

export type AccessTokenProvider = () => string | Promise<string>;

/** Where the PDS domain is: its id (`https://{domainId}.api.aliyunpds.com`) or any base URL. */
export type PdsEndpoint = { domainId: string; baseUrl?: never } | { baseUrl: string; domainId?: never };

/**
 * Who calls: a user's access token, a share link's token, or a provider of access tokens. AccessKey signing is
 * deliberately absent: a secret key must never ship to a browser.
 */
export type PdsCredentials =
  | { accessToken: string; shareToken?: never; getAccessToken?: never }
  | { shareToken: string; accessToken?: never; getAccessToken?: never }
  | { getAccessToken: AccessTokenProvider; accessToken?: never; shareToken?: never };

/** The options of `new PdsClient(...)`. */
export type PdsClientOptions = PdsEndpoint & PdsCredentials & CallLimits;

/** The options of `new KooDriveClient(...)`. */
export type KooDriveClientOptions = {
  /** The service's base URL for the user's region. */
  baseUrl: string;
  /** The user's KooDrive id (`X-User-Id`). */
  userId: string;
  /** The language of the service's messages (`language`), e.g. `en_us`. */
  language?: string;
} & ({ accessToken: string; getAccessToken?: never } | { getAccessToken: AccessTokenProvider; accessToken?: never }) &
  CallLimits;

/** Options of every call. */
export interface CallOptions {
  /** Aborts the request in flight and any wait before a retry; the call then rejects with an `AbortError`. */
  signal?: AbortSignal;
}

/**
 * A listing for `for await`: the next page is fetched while the caller works on this one. Leaving a loop early
 * closes the listing (the page fetched ahead is cancelled); `position` stays readable.
 */
export interface Listing<T> extends AsyncIterable<T> {
  /**
   * Where to resume after the last page or entry handed out, with nothing repeated and nothing missed: pass it
   * back as the input's `position`, in this process or any later one.
   */
  readonly position: string;
  /** The service's cursor (or marker, or page cursor) of the next page, for callers who walk page by page. */
  readonly cursor: string | undefined;
}

/** Pages of a listing. */
export type Pages<Page> = Listing<Page>;

/** Entries of a listing, one at a time. */
export type Items<Item> = Listing<Item>;

/** Options of a listing. */
export interface ListingOptions {
  /**
   * Aborts the page being fetched, the one fetched ahead and any wait before a retry; the listing then rejects
   * with an `AbortError`, and sends nothing more.
   */
  signal?: AbortSignal;
}

/** A client of PDS (Alibaba Cloud Drive and Photo Service). */
export declare class PdsClient {
  constructor(options: PdsClientOptions);
  /** ListDelta: one page of a drive's changes. */
  listDelta(input: ListDeltaInput, options?: CallOptions): Promise<DeltaPage>;
  /**
   * ListDelta page after page, from `position` (or `cursor`); at the end, `position` is where the next sync
   * starts. A bad input or a position of another listing throws a `ValidationError` here, before any request.
   */
  listDeltaPages(input: ListDeltaInput & ListingStart, options?: ListingOptions): Pages<DeltaPage>;
  /** Every change of the feed, one at a time; `position` resumes right after the last one handed out. */
  listDeltaItems(input: ListDeltaInput & ListingStart, options?: ListingOptions): Items<DeltaItem>;
  /** DeltaGetLastCursor: the newest cursor of a drive's feed. */
  getLastCursor(input: GetLastCursorInput, options?: CallOptions): Promise<LastCursor>;
  /** ListRecyclebin: one page of the recycle bin. */
  listRecyclebin(input: ListRecyclebinInput, options?: CallOptions): Promise<RecyclebinPage>;
  /** ListRecyclebin page after page, from `position` (or `marker`); checked here, before any request. */
  listRecyclebinPages(input: ListRecyclebinInput & ListingStart, options?: ListingOptions): Pages<RecyclebinPage>;
  /** Every file in the recycle bin, one at a time. */
  listRecyclebinItems(input: ListRecyclebinInput & ListingStart, options?: ListingOptions): Items<File>;
  /** GetFile: one file of a drive or a share. */
  getFile(input: GetFileInput, options?: CallOptions): Promise<File>;
  /** UpdateFile: rename, describe, label, hide or star a file; answers the file as it now is. */
  updateFile(input: UpdateFileInput, options?: CallOptions): Promise<File>;
}

/** A client of Huawei Cloud KooDrive for one user. */
export declare class KooDriveClient {
  constructor(options: KooDriveClientOptions);
  /** One page of an album's files. */
  listAlbumFiles(input: ListAlbumFilesInput, options?: CallOptions): Promise<AlbumFilesPage>;
  /** An album's files page after page, from `position` (or `pageCursor`); checked here, before any request. */
  listAlbumFilesPages(input: ListAlbumFilesInput & ListingStart, options?: ListingOptions): Pages<AlbumFilesPage>;
  /** Every file of an album, one at a time. */
  listAlbumFilesItems(input: ListAlbumFilesInput & ListingStart, options?: ListingOptions): Items<AlbumContent>;
}

/**
 * The time a timestamp's text stands for (`file.updated_at`, `photo.takeTime`), read by the same rules in every
 * language drivekit ships for: RFC 3339 with `Z` or an offset. `undefined` when the text is absent or not such a
 * time, since services sometimes send placeholders; the text itself stays in the model as sent.
 */
export declare function parseTimestamp(text: Timestamp | undefined): Date | undefined;

/** What kind of error it is, whatever its class. */
export type DriveErrorCode =
  | "invalid_argument"
  | "api"
  | "rate_limited"
  | "decode"
  | "transport"
  | "outcome_unknown"
  | "timeout"
  | "response_too_large"
  | "cancelled"
  | "repeated_cursor"
  | "token_provider"
  | "internal";

/** Every error of this package. */
export declare class DriveError extends Error {
  readonly code: DriveErrorCode;
}

/** An input broke a documented rule; nothing was sent. */
export declare class ValidationError extends DriveError {
  readonly code: "invalid_argument";
  /** The input at fault, by its name in the options or input (`limit`, `driveId`, `position`, `retry.maxAttempts`, `rateLimit.maxRequestsPerSecond`). */
  readonly field: string;
}

/** The service answered with an error. */
export declare class ApiError extends DriveError {
  readonly code: "api" | "rate_limited";
  /** The HTTP status. */
  readonly status: number;
  /** Which service answered. */
  readonly service: "PDS" | "KooDrive";
  /** The broad meaning, for programs. */
  readonly apiKind:
    | "bad_request"
    | "unauthorized"
    | "forbidden"
    | "not_found"
    | "conflict"
    | "too_many_requests"
    | "server_error"
    | "other";
  /** The service's own code, e.g. `AlreadyExist.File` or `13000006`. */
  readonly serviceCode: string | undefined;
  /** The service's own message, as it sent it (shortened if very long). */
  readonly serviceMessage: string;
  /** The request id to quote to support. */
  readonly requestId: string | undefined;
}

/** The service kept answering "too many requests" until the retries ran out. */
export declare class RateLimitedError extends ApiError {
  readonly code: "rate_limited";
  /** How long the service last asked to wait. */
  readonly retryAfterMs: number | undefined;
}

/** The call, or an attempt of it, ran out of time. */
export declare class TimeoutError extends DriveError {
  readonly code: "timeout";
}

/**
 * The answer's body was longer than the client's `maxResponseBytes`, so it was refused without being read whole;
 * it is not sent again, since the same request would get the same answer. For a change, the service did receive
 * it: read what it changed to learn whether it was applied.
 */
export declare class ResponseTooLargeError extends DriveError {
  readonly code: "response_too_large";
  /** The limit, in bytes. */
  readonly limit: number;
}

/** The request could not be completed. */
export declare class TransportError extends DriveError {
  /** `outcome_unknown` for an `OutcomeUnknownError`. */
  readonly code: "transport" | "outcome_unknown";
  /** How far it got: `connect` (never sent) or `io` (may have been sent). */
  readonly transportKind: "connect" | "io" | "timeout";
}

/**
 * A change may have been applied, but its answer was lost after it left; it is not sent again. Read what it
 * changed to learn whether it was applied. A `TransportError`, so that handlers written before it still catch it.
 */
export declare class OutcomeUnknownError extends TransportError {
  readonly code: "outcome_unknown";
  /** How far it got: `io` (the connection broke after it left) or `timeout`. */
  readonly transportKind: "io" | "timeout";
}

/** An answer could not be read as the operation's result. */
export declare class DecodeError extends DriveError {
  readonly code: "decode";
}

/** The caller's `AbortSignal` fired. */
export declare class AbortError extends DriveError {
  readonly code: "cancelled";
}
