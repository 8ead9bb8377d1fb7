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

    func testTheChangeFeedIsWalkedToTheEndAndResumesFromASavedPositionOrCursor() async throws {
        let everything = try await changes(client.listDeltaPages(driveId: MockDrive.driveId, limit: 50))
        XCTAssertGreaterThan(everything.count, 100)
        let first = try client.listDeltaPages(driveId: MockDrive.driveId, limit: 50)
        let firstPage = try await first.next()
        let head = (firstPage?.items ?? []).map { Change($0) }
        let fromPosition = try await changes(
            client.listDeltaPages(driveId: MockDrive.driveId, limit: 50, position: first.position()))
        XCTAssertEqual(everything, head + fromPosition)
        let fromCursor = try await changes(
            client.listDeltaPages(driveId: MockDrive.driveId, cursor: first.cursor(), limit: 50))
        XCTAssertEqual(fromPosition, fromCursor, "after a whole page, the service's cursor resumes there too")

        let last = try await client.getLastCursor(driveId: MockDrive.driveId)
        let walk = try client.listDeltaPages(driveId: MockDrive.driveId, limit: 100)
        for try await _ in walk.pages {}
        XCTAssertEqual(last.cursor, walk.cursor())
        try await mock.createFile(name: "new.txt", parentFileId: MockDrive.videosFolderId)
        let news = try await changes(client.listDeltaPages(driveId: MockDrive.driveId, position: walk.position()))
        XCTAssertEqual(news.map(\.op), ["create"])
    }

    func testChangesResumedFromPositionAfterAnyChangeByANewClientRepeatNothingAndMissNothing() async throws {
        for n in 0..<40 {
            try await mock.createFile(name: "resumed-\(n).txt", parentFileId: MockDrive.videosFolderId)
        }
        let everything = try await changes(client.listDeltaPages(driveId: MockDrive.driveId, limit: 10))
        XCTAssertGreaterThan(everything.count, 130)
        for k in [1, 37, 100, 101] {
            let first = try client.listDeltaPages(driveId: MockDrive.driveId, limit: 10)
            let head = try await changes(first, upTo: k)
            let saved = first.position()
            first.close()
            let fresh = try PdsClient(
                baseUrl: mock.baseUrl, credentials: try PdsCredentials.accessToken(token: MockDrive.token),
                transport: URLSessionTransport())
            let rest = try await changes(fresh.listDeltaPages(driveId: MockDrive.driveId, limit: 10, position: saved))
            XCTAssertEqual(head.count, k)
            XCTAssertEqual(everything, head + rest, "stopped after change \(k)")
        }
    }

    func testAPositionFromAnotherDriveIsRefusedWhenTheListingIsMadeBeforeAnythingIsSent() async throws {
        let walk = try client.listDeltaPages(driveId: MockDrive.driveId, limit: 10)
        _ = try await changes(walk, upTo: 3)
        let saved = walk.position()
        walk.close()
        try await mock.clearRequests()

        XCTAssertEqual(refusedField { try self.client.listDeltaPages(driveId: "2", position: saved) }, "position")
        XCTAssertEqual(
            refusedField {
                try self.client.listDeltaPages(
                    driveId: MockDrive.driveId, syncRootId: MockDrive.videosFolderId, position: saved)
            }, "position")
        XCTAssertEqual(
            refusedField { try self.client.listRecyclebinPages(driveId: MockDrive.driveId, position: saved) },
            "position")
        XCTAssertEqual(
            refusedField {
                try self.client.listDeltaPages(driveId: MockDrive.driveId, position: String(saved.dropLast(4)))
            }, "position")
        XCTAssertEqual(
            refusedField { try self.client.listDeltaPages(driveId: MockDrive.driveId, cursor: "c", position: saved) },
            "position")
        XCTAssertEqual(refusedField { try self.client.listDeltaPages(driveId: MockDrive.driveId, limit: 101) }, "limit")
        let sent = try await mock.requests()
        XCTAssertEqual(sent, [], "nothing was sent")
    }

    func testTheRecycleBinResumesFileByFileFromASavedPosition() async throws {
        var everything: [String?] = []
        for try await file in try client.listRecyclebinPages(driveId: MockDrive.driveId, limit: 20).items {
            everything.append(file.fileId)
        }
        let first = try client.listRecyclebinPages(driveId: MockDrive.driveId, limit: 20)
        var ids: [String?] = []
        for try await file in first.items {
            ids.append(file.fileId)
            if ids.count == 45 { break }
        }
        for try await file in try client.listRecyclebinPages(
            driveId: MockDrive.driveId, limit: 20, position: first.position()
        ).items {
            ids.append(file.fileId)
        }
        XCTAssertEqual(everything, ids)
    }

    func testTwoCallsAtOnceFetchTwoPagesNotTheSamePageTwice() async throws {
        let walk = try client.listDeltaPages(driveId: MockDrive.driveId, limit: 10)
        async let a = walk.next()
        async let b = walk.next()
        let pages = try await [a, b].compactMap { $0 }
        let fetched = Set(pages.flatMap { ($0.items ?? []).map { Change($0) } })
        let expected = try await changes(client.listDeltaPages(driveId: MockDrive.driveId, limit: 10), upTo: 20)
        XCTAssertEqual(pages.count, 2)
        XCTAssertEqual(fetched, Set(expected))
    }

    func testTheRecycleBinIsListedPageByPage() async throws {
        var ids: [String?] = []
        for try await file in try client.listRecyclebinPages(driveId: MockDrive.driveId, limit: 50).items {
            ids.append(file.fileId)
        }
        XCTAssertGreaterThanOrEqual(ids.count, 126)
        XCTAssertEqual(ids.count, Set(ids).count)
    }

    func testAWalkAsksForEachPageOnce() async throws {
        var pages = 0
        for try await _ in try client.listDeltaPages(driveId: MockDrive.driveId, limit: 50).pages { pages += 1 }
        XCTAssertGreaterThan(pages, 2)
        let statuses = try await mock.statuses("/v2/file/list_delta")
        XCTAssertEqual(statuses, [Int?](repeating: 200, count: pages))
    }

    func testAPageThatFailedIsAskedForAgainByTheNextCallFromWhereTheWalkStood() async throws {
        let flaky = try PdsClient(
            baseUrl: mock.baseUrl, credentials: try PdsCredentials.accessToken(token: MockDrive.token),
            transport: NthSend(URLSessionTransport(), n: 2, hangs: false), retry: RetryOptions(maxAttempts: 1))
        let walk = try flaky.listDeltaPages(driveId: MockDrive.driveId, limit: 50)
        _ = try await walk.next()
        let saved = walk.position()
        let cursor = walk.cursor()
        do {
            _ = try await walk.next()
            XCTFail("the cut page came through")
        } catch DriveError.Transport(_, _) {}
        XCTAssertEqual(walk.position(), saved)
        XCTAssertEqual(walk.cursor(), cursor)
        let second = try await walk.next()
        let expected = try await client.listDelta(driveId: MockDrive.driveId, cursor: cursor, limit: 50)
        XCTAssertEqual(second?.items?.map(\.fileId), expected.items?.map(\.fileId))
    }

    func testReleasingAWalkCancelsThePageOnItsWay() async throws {
        let hanging = NthSend(URLSessionTransport(), n: 2, hangs: true)
        let slow = try PdsClient(
            baseUrl: mock.baseUrl, credentials: try PdsCredentials.accessToken(token: MockDrive.token),
            transport: hanging)
        var walk: DeltaPages? = try slow.listDeltaPages(driveId: MockDrive.driveId, limit: 50)
        _ = try await walk?.next()
        let reached = try await eventually(within: 5) { hanging.reached }
        XCTAssertTrue(reached, "the next page was sent for")
        walk = nil
        let cancelled = try await eventually(within: 2) { hanging.cancelled }
        XCTAssertTrue(cancelled, "the send on its way was cancelled")
    }

    func testClosingAWalkCancelsThePageOnItsWayAndKeepsItsPosition() async throws {
        let hanging = NthSend(URLSessionTransport(), n: 2, hangs: true)
        let slow = try PdsClient(
            baseUrl: mock.baseUrl, credentials: try PdsCredentials.accessToken(token: MockDrive.token),
            transport: hanging)
        let walk = try slow.listDeltaPages(driveId: MockDrive.driveId, limit: 50)
        _ = try await walk.nextItem()
        let reached = try await eventually(within: 5) { hanging.reached }
        XCTAssertTrue(reached, "the next page was sent for")
        let position = walk.position()
        walk.close()
        let cancelled = try await eventually(within: 2) { hanging.cancelled }
        XCTAssertTrue(cancelled, "the send on its way was cancelled")
        XCTAssertEqual(walk.position(), position)
        let after = try await walk.next()
        XCTAssertNil(after, "a closed walk stays ended")
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
        for try await item in try client.listDeltaPages(driveId: MockDrive.driveId).items { clip = item.fileId }
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

    func testAMaximumRatePacesCallsFromTheFirstOneAndARateNotAboveZeroIsRefusedBeforeAnythingIsSent() async throws {
        func tenCallsTake(_ client: PdsClient) async throws -> TimeInterval {
            let started = Date()
            for _ in 0..<10 { _ = try await client.getLastCursor(driveId: MockDrive.driveId) }
            return Date().timeIntervalSince(started)
        }
        let credentials = try PdsCredentials.accessToken(token: MockDrive.token)
        let capped = try PdsClient(
            baseUrl: mock.baseUrl, credentials: credentials, transport: URLSessionTransport(),
            rateLimit: RateLimitOptions(maxRequestsPerSecond: 5.0))
        // At most a second's worth goes out at once: the other 5 calls take at least 1 s at 5 per second.
        let cappedTook = try await tenCallsTake(capped)
        XCTAssertGreaterThanOrEqual(cappedTook, 0.9)
        let defaultTook = try await tenCallsTake(client)
        XCTAssertLessThan(defaultTook, 0.9, "a default client waits only once throttled")
        try await mock.clearRequests()

        do {
            _ = try PdsClient(
                baseUrl: mock.baseUrl, credentials: credentials, transport: URLSessionTransport(),
                rateLimit: RateLimitOptions(maxRequestsPerSecond: 0.0))
            XCTFail("a maximum of 0 requests per second was accepted")
        } catch DriveError.InvalidArgument(let field, _) {
            XCTAssertEqual(field, "maxRequestsPerSecond")
        }
        let sent = try await mock.requests()
        XCTAssertEqual(sent, [])
    }

    func testAnAnswerPastMaxResponseBytesIsRefusedUnreadAndATricklingOneEndsAtTheAttemptTimeout() async throws {
        let credentials = try PdsCredentials.accessToken(token: MockDrive.token)
        let limited = try PdsClient(
            baseUrl: mock.baseUrl, credentials: credentials, transport: URLSessionTransport(),
            maxResponseBytes: 65_536)
        for announced in [true, false] {
            try await mock.fault(
                "/v2/file/list_delta", ["kind": "oversized", "bytes": 1 << 20, "content_length": announced])
            do {
                _ = try await limited.listDelta(driveId: MockDrive.driveId)
                XCTFail("a body past the limit was read")
            } catch DriveError.ResponseTooLarge(let limit) {
                XCTAssertEqual(limit, 65_536)
            }
        }
        let refused = try await mock.statuses("/v2/file/list_delta")
        XCTAssertEqual(refused, [200, 200], "neither was sent again")
        let page = try await limited.listDelta(driveId: MockDrive.driveId, limit: 10)
        XCTAssertEqual(page.items?.count, 10, "a page under the limit is read as ever")

        try await mock.clearRequests()
        try await mock.fault("/v2/file/list_delta", ["kind": "trickle", "count": 2])
        let impatient = try PdsClient(
            baseUrl: mock.baseUrl, credentials: credentials, transport: URLSessionTransport(),
            retry: RetryOptions(maxAttempts: 2, attemptTimeoutSeconds: 0.4))
        let started = Date()
        do {
            _ = try await impatient.listDelta(driveId: MockDrive.driveId)
            XCTFail("a trickling body was waited for")
        } catch DriveError.Timeout(_) {}
        let took = Date().timeIntervalSince(started)
        XCTAssertTrue(took >= 0.8 && took < 3, "took \(took) s")
        let trickled = try await mock.statuses("/v2/file/list_delta")
        XCTAssertEqual(trickled, [200, 200])
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

        var everything: [String?] = []
        let whole = try koodrive.listAlbumFilesPages(albumId: MockDrive.albumId, pageSize: 30, sortType: 1)
        for try await file in whole.items { everything.append(file.id) }
        for k in [1, 37, 60, 251] {
            let first = try koodrive.listAlbumFilesPages(albumId: MockDrive.albumId, pageSize: 30, sortType: 1)
            var ids: [String?] = []
            for try await file in first.items {
                ids.append(file.id)
                if ids.count == k { break }
            }
            let saved = first.position()
            first.close()
            for try await file in try koodrive.listAlbumFilesPages(
                albumId: MockDrive.albumId, pageSize: 30, sortType: 1, position: saved
            ).items {
                ids.append(file.id)
            }
            XCTAssertEqual(everything, ids, "stopped after file \(k)")
        }
        let walk = try koodrive.listAlbumFilesPages(albumId: MockDrive.albumId, sortType: 1)
        _ = try await walk.nextItem()
        try await mock.clearRequests()
        XCTAssertEqual(
            refusedField {
                try koodrive.listAlbumFilesPages(albumId: MockDrive.albumId, sortType: 2, position: walk.position())
            }, "position")
        let sent = try await mock.requests()
        XCTAssertEqual(sent, [])
        do {
            _ = try await koodrive.listAlbumFiles(albumId: MockDrive.albumId, sortType: 7)
            XCTFail("sortType 7 was accepted")
        } catch DriveError.InvalidArgument(let field, _) {
            XCTAssertEqual(field, "sortType")
        }
    }
}

/// A change as the tests compare them: which file, and what happened to it.
struct Change: Hashable {
    let fileId: String?
    let op: String?

    init(_ item: DeltaItem) {
        fileId = item.fileId
        op = item.op
    }
}

/// The next `count` changes of `walk` (all that are left, by default), taken one by one.
private func changes(_ walk: DeltaPages, upTo count: Int = .max) async throws -> [Change] {
    var taken: [Change] = []
    guard count > 0 else { return taken }
    for try await item in walk.items {
        taken.append(Change(item))
        if taken.count == count { break }
    }
    return taken
}

/// The field an `InvalidArgument` names, or nil when `make` does not throw one.
private func refusedField<T>(_ make: () throws -> T) -> String? {
    do {
        _ = try make()
        return nil
    } catch DriveError.InvalidArgument(let field, _) {
        return field
    } catch {
        return nil
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
