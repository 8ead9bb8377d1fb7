import DriveKit
import XCTest

/// The Kotlin suite's scenarios against the mock drive, through `URLSessionTransport`.
final class DriveKitTests: XCTestCase {
    var mock: MockDrive!
    var client: PdsClient!

    override func setUp() async throws {
        mock = try MockDrive()
        client = try PdsClient(
            baseUrl: mock.baseUrl, credentials: try PdsCredentials.accessToken(token: MockDrive.token),
            transport: URLSessionTransport())
    }

    override func tearDown() {
        mock.close()
    }

    func testListDeltaReturnsOnePageOfAtMostLimitChanges() async throws {
        let page = try await client.listDelta(driveId: MockDrive.driveId, limit: 10)
        XCTAssertEqual(page.items?.count, 10)
        XCTAssertEqual(page.hasMore, true)
    }

    func testTheChangeFeedIsWalkedToTheEndAndResumesFromASavedCursor() async throws {
        var everything: [String?] = []
        for try await item in client.listDeltaPages(driveId: MockDrive.driveId, limit: 50).items {
            everything.append(item.fileId)
        }
        let first = client.listDeltaPages(driveId: MockDrive.driveId, limit: 50)
        let firstPage = try await first.next()
        var resumed = (firstPage?.items ?? []).map(\.fileId)
        for try await item in client.listDeltaPages(driveId: MockDrive.driveId, cursor: first.position(), limit: 50).items {
            resumed.append(item.fileId)
        }
        XCTAssertEqual(everything, resumed)
        let last = try await client.getLastCursor(driveId: MockDrive.driveId)
        let walk = client.listDeltaPages(driveId: MockDrive.driveId, limit: 100)
        for try await _ in walk.pages {}
        XCTAssertEqual(last.cursor, walk.position())
    }

    func testTheRecycleBinIsListedPageByPage() async throws {
        var ids: [String?] = []
        for try await file in client.listRecyclebinPages(driveId: MockDrive.driveId, limit: 50).items {
            ids.append(file.fileId)
        }
        XCTAssertGreaterThanOrEqual(ids.count, 126)
        XCTAssertEqual(ids.count, Set(ids).count)
    }

    func testAWalkAsksForEachPageOnce() async throws {
        var pages = 0
        for try await _ in client.listDeltaPages(driveId: MockDrive.driveId, limit: 50).pages { pages += 1 }
        XCTAssertGreaterThan(pages, 2)
        let statuses = try await mock.statuses("/v2/file/list_delta")
        XCTAssertEqual(statuses, [Int?](repeating: 200, count: pages))
    }

    func testAPageThatFailedIsAskedForAgainByTheNextCallFromWhereTheWalkStood() async throws {
        let flaky = try PdsClient(
            baseUrl: mock.baseUrl, credentials: try PdsCredentials.accessToken(token: MockDrive.token),
            transport: NthSend(URLSessionTransport(), n: 2, hangs: false), retry: RetryOptions(maxAttempts: 1))
        let walk = flaky.listDeltaPages(driveId: MockDrive.driveId, limit: 50)
        _ = try await walk.next()
        let saved = walk.position()
        do {
            _ = try await walk.next()
            XCTFail("the cut page came through")
        } catch DriveError.Transport(_, _) {}
        XCTAssertEqual(walk.position(), saved)
        let second = try await walk.next()
        let expected = try await client.listDelta(driveId: MockDrive.driveId, cursor: saved, limit: 50)
        XCTAssertEqual(second?.items?.map(\.fileId), expected.items?.map(\.fileId))
    }

    func testReleasingAWalkCancelsThePageOnItsWay() async throws {
        let hanging = NthSend(URLSessionTransport(), n: 2, hangs: true)
        let slow = try PdsClient(
            baseUrl: mock.baseUrl, credentials: try PdsCredentials.accessToken(token: MockDrive.token),
            transport: hanging)
        var walk: DeltaPages? = slow.listDeltaPages(driveId: MockDrive.driveId, limit: 50)
        _ = try await walk?.next()
        let reached = try await eventually(within: 5) { hanging.reached }
        XCTAssertTrue(reached, "the next page was sent for")
        walk = nil
        let cancelled = try await eventually(within: 2) { hanging.cancelled }
        XCTAssertTrue(cancelled, "the send on its way was cancelled")
    }

    func testGetFileReadsAFileByDriveAndByShare() async throws {
        let file = try await client.getFile(fileId: MockDrive.fileId, driveId: MockDrive.driveId)
        let sharing = try PdsClient(
            baseUrl: mock.baseUrl, credentials: try PdsCredentials.shareToken(token: MockDrive.shareToken),
            transport: URLSessionTransport())
        let shared = try await sharing.getFile(fileId: MockDrive.fileId, shareId: MockDrive.shareId)
        XCTAssertEqual(file.name, shared.name)
    }

    func testAFilePrintsWithoutItsURLsSignaturesWhichStayWholeForHTTPClients() async throws {
        let file = try await client.getFile(fileId: MockDrive.fileId, driveId: MockDrive.driveId, urlExpireSec: 600)
        let urls = [file.downloadUrl, file.thumbnail, file.url].compactMap { $0 }
        XCTAssertEqual(urls.count, 3)
        for signed in urls { XCTAssertTrue(signed.url.contains("x-oss-signature="), "the full URL is still reachable") }

        var dumped = ""
        dump(file, to: &dumped)
        for text in [String(describing: file), String(reflecting: file), dumped] {
            XCTAssertFalse(text.contains("x-oss-signature") || text.contains("x-oss-expires"), text)
            for signed in urls {
                let base = String(signed.url.split(separator: "?", maxSplits: 1)[0])
                XCTAssertTrue(text.contains(base + "?<redacted>"), text)
            }
        }
    }

    func testSecretsNeverShowInText() throws {
        let header = HttpHeader(name: "authorization", value: "Bearer the-token")
        XCTAssertTrue(String(describing: header).contains("authorization"))
        XCTAssertFalse(String(describing: header).contains("the-token"))
        let unknown = UnknownFields(members: ["preview_url": "\"https://cdn.example.com/v.m3u8?sig=abc\""])
        XCTAssertEqual(String(describing: unknown), "{preview_url}")
        XCTAssertEqual(unknown["preview_url"], "\"https://cdn.example.com/v.m3u8?sig=abc\"")
        XCTAssertEqual(
            String(describing: SignedUrl(url: "https://cdn.example.com/a%2Fb?sig=abc")),
            "https://cdn.example.com/a%2Fb?<redacted>")
    }

    func testUpdateFileRefusesATakenNameWhenAskedTo() async throws {
        try await mock.createFile(name: "clip.mov", parentFileId: MockDrive.videosFolderId)
        var clip: String?
        for try await item in client.listDeltaPages(driveId: MockDrive.driveId).items { clip = item.fileId }
        do {
            _ = try await client.updateFile(
                driveId: MockDrive.driveId, fileId: clip!, name: "1.mov", checkNameMode: "refuse")
            XCTFail("a taken name was accepted")
        } catch DriveError.Api(_, let status, let kind, let code, _, _) {
            XCTAssertEqual(status, 409)
            XCTAssertEqual(kind, "conflict")
            XCTAssertEqual(code, "AlreadyExist.File")
        }
    }

    func testABrokenRuleIsReportedByFieldBeforeAnythingIsSent() async throws {
        do {
            _ = try await client.listDelta(driveId: MockDrive.driveId, limit: 101)
            XCTFail("limit 101 was accepted")
        } catch DriveError.InvalidArgument(let field, _) {
            XCTAssertEqual(field, "limit")
        }
        let sent = try await mock.statuses("/v2/file/list_delta")
        XCTAssertEqual(sent, [])
    }

    func testA429AndA503AreRetriedAsTheCoreDecides() async throws {
        try await mock.fault("/v2/file/list_delta", ["kind": "status", "status": 429, "retry_after": 1])
        try await mock.fault("/v2/file/list_delta", ["kind": "status", "status": 503, "count": 2])
        let page = try await client.listDelta(driveId: MockDrive.driveId, limit: 5)
        XCTAssertEqual(page.items?.count, 5)
        let statuses = try await mock.statuses("/v2/file/list_delta")
        XCTAssertEqual(statuses, [429, 503, 503, 200])
    }

    func testCancellingTheTaskCancelsTheRequestInFlight() async throws {
        try await mock.fault("/v2/file/get_last_cursor", ["kind": "delay", "delay_ms": 10_000])
        let call = Task { try await client.getLastCursor(driveId: MockDrive.driveId) }
        try await Task.sleep(nanoseconds: 300_000_000)
        let started = Date()
        call.cancel()
        _ = await call.result
        XCTAssertLessThan(Date().timeIntervalSince(started), 2)
    }

    func testAnAlbumIsWalkedToTheEnd() async throws {
        let koodrive = try KooDriveClient(
            baseUrl: mock.baseUrl,
            credentials: try KooDriveCredentials.accessToken(token: MockDrive.token, userId: "1765263620687613825"),
            transport: URLSessionTransport())
        var count = 0
        for try await _ in try koodrive.listAlbumFilesPages(albumId: MockDrive.albumId, pageSize: 100).items {
            count += 1
        }
        XCTAssertEqual(count, MockDrive.albumSize)
        do {
            _ = try await koodrive.listAlbumFiles(albumId: MockDrive.albumId, sortType: 7)
            XCTFail("sortType 7 was accepted")
        } catch DriveError.InvalidArgument(let field, _) {
            XCTAssertEqual(field, "sortType")
        }
    }
}

/// Whether `condition` holds within `seconds`, looked at every 10 ms.
private func eventually(within seconds: Double, _ condition: () -> Bool) async throws -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while !condition() {
        if Date() > deadline { return false }
        try await Task.sleep(nanoseconds: 10_000_000)
    }
    return true
}

/// Passes requests on, except the `n`th: that one fails, or (`hangs`) never ends, noting when it is cancelled.
final class NthSend: HttpTransport, @unchecked Sendable {
    private let inner: HttpTransport
    private let n: Int
    private let hangs: Bool
    private let lock = NSLock()
    private var sent = 0
    private var wasCancelled = false

    init(_ inner: HttpTransport, n: Int, hangs: Bool) {
        self.inner = inner
        self.n = n
        self.hangs = hangs
    }

    /// Whether the `n`th send has started.
    var reached: Bool { locked { sent >= n } }

    /// Whether the `n`th send was cancelled.
    var cancelled: Bool { locked { wasCancelled } }

    func send(request: TransportRequest) async throws -> TransportResponse {
        let count: Int = locked {
            sent += 1
            return sent
        }
        if count != n { return try await inner.send(request: request) }
        guard hangs else { throw TransportError.Io(reason: "cut on purpose") }
        do {
            try await Task.sleep(nanoseconds: 3_600_000_000_000)
        } catch {
            locked { wasCancelled = true }
            throw error
        }
        throw TransportError.Io(reason: "never cancelled")
    }

    func sleep(duration: TimeInterval) async {
        await inner.sleep(duration: duration)
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}
