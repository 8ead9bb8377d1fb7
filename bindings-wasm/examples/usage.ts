// How an app uses drivekit, checked by `tsc --strict`: every input and answer is typed, and the mistakes a
// caller could make are compile errors (see the `@ts-expect-error` lines).
import {
  AbortError,
  ApiError,
  type AlbumContent,
  type DeltaItem,
  type DeltaPage,
  DriveError,
  type File,
  KooDriveClient,
  OutcomeUnknownError,
  PdsClient,
  RateLimitedError,
  ResponseTooLargeError,
  ValidationError,
  parseTimestamp,
} from "drivekit";

export async function syncDrive(baseUrl: string, accessToken: string, savedPosition?: string): Promise<string> {
  const pds = new PdsClient({
    baseUrl,
    accessToken,
    timeoutMs: 60_000,
    retry: { maxAttempts: 5, initialBackoffMs: 100 },
    rateLimit: { maxRequestsPerSecond: 20 },
    maxResponseBytes: 4 * 1024 * 1024,
  });
  const controller = new AbortController();
  const pages = pds.listDeltaPages({ driveId: "1", position: savedPosition, limit: 100 }, { signal: controller.signal });
  for await (const page of pages) {
    const typed: DeltaPage = page;
    for (const item of typed.items ?? []) {
      const op: string | undefined = item.op;
      const name: string | undefined = item.file?.name;
      const size: number | undefined = item.file?.size;
      console.log(op, name, size);
    }
  }
  const cursor: string | undefined = pages.cursor;
  console.log(cursor);
  return pages.position;
}

export async function someChanges(pds: PdsClient, savedPosition: string, count: number): Promise<[DeltaItem[], string]> {
  const items: DeltaItem[] = [];
  const changes = pds.listDeltaItems({ driveId: "1", position: savedPosition });
  for await (const item of changes) {
    items.push(item);
    if (items.length === count) break;
  }
  return [items, changes.position];
}

export async function everyChange(pds: PdsClient): Promise<DeltaItem[]> {
  const items: DeltaItem[] = [];
  for await (const item of pds.listDeltaItems({ driveId: "1" })) items.push(item);
  return items;
}

export async function renameCarefully(pds: PdsClient, fileId: string, name: string): Promise<File | undefined> {
  try {
    return await pds.updateFile({ driveId: "1", fileId, name, checkNameMode: "refuse", labels: ["a"] });
  } catch (error) {
    if (error instanceof ApiError && error.apiKind === "conflict") return undefined;
    if (error instanceof RateLimitedError) console.log(error.retryAfterMs);
    if (error instanceof ValidationError) console.log(error.field);
    if (error instanceof AbortError) console.log("aborted");
    if (error instanceof OutcomeUnknownError) console.log("maybe renamed", error.transportKind);
    if (error instanceof ResponseTooLargeError) console.log("an answer past", error.limit, "bytes");
    if (error instanceof DriveError) console.log(error.code, error.message);
    throw error;
  }
}

export async function sharedFile(baseUrl: string, shareToken: string): Promise<string | undefined> {
  const shared = new PdsClient({ baseUrl, shareToken });
  const file = await shared.getFile({ shareId: "7JQX1FswpQ8", fileId: "9520943DC264", urlExpireSec: 900 });
  const recycled = await shared.listRecyclebin({ driveId: "1", limit: 10, thumbnailProcesses: { small: { imageThumbnailProcess: "image/resize,w_200" } } });
  const created: Date | undefined = parseTimestamp(file.created_at);
  // A signed URL logs without its signature; `href` is the whole URL, for `fetch`.
  console.log(recycled.next_marker, file.labels?.join(","), file.created_at, created?.getTime(), file.download_url);
  return file.download_url?.href;
}

export async function albumPhotos(baseUrl: string): Promise<AlbumContent[]> {
  const koodrive = new KooDriveClient({ baseUrl, userId: "42", language: "en_us", getAccessToken: async () => "token" });
  const photos: AlbumContent[] = [];
  for await (const photo of koodrive.listAlbumFilesItems({ albumId: "1795607640592646273", sortType: 1, sortDirection: 2 })) {
    photos.push(photo);
  }
  const first = await koodrive.listAlbumFiles({ albumId: "1795607640592646273", pageSize: 10 });
  console.log(first.nextPageCursor, first.total, first.contentList?.[0]?.fileName);
  return photos;
}

export function mistakesThatDoNotCompile(baseUrl: string): void {
  // @ts-expect-error: AccessKey signing is not offered in the browser package.
  new PdsClient({ baseUrl, accessKeyId: "id", accessKeySecret: "secret" });
  // @ts-expect-error: one credential at a time.
  new PdsClient({ baseUrl, accessToken: "t", shareToken: "s" });
  // @ts-expect-error: an endpoint is required.
  new PdsClient({ accessToken: "t" });
  const pds = new PdsClient({ domainId: "bj1", accessToken: "t" });
  // @ts-expect-error: check_name_mode is one of three words.
  void pds.updateFile({ driveId: "1", fileId: "f", checkNameMode: "overwrite" });
  // @ts-expect-error: driveId is required.
  void pds.listDelta({ limit: 5 });
  // @ts-expect-error: a position is the text a listing gave.
  void pds.listDeltaItems({ driveId: "1", position: 37 });
  // @ts-expect-error: a position goes to listings only.
  void pds.listDelta({ driveId: "1", position: "dk1.e30" });
  // @ts-expect-error: sortType is 1, 2 or 3.
  void new KooDriveClient({ baseUrl, userId: "u", accessToken: "t" }).listAlbumFiles({ albumId: "a", sortType: 4 });
}
