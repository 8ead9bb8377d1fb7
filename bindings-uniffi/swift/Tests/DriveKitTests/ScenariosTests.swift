import DriveKit
import Foundation
import XCTest

/// The shared scenarios (each JSON file in `tests/scenarios`, whose README gives the format) through the Swift API,
/// against a mock drive reset before each, as the Kotlin runner does. Names in the files are the core's; they become
/// Swift's argument labels here, and a validation error's field is the core's already.
final class ScenariosTests: XCTestCase {
    func testEverySharedScenarioHolds() async throws {
        let files = try FileManager.default.contentsOfDirectory(at: scenarios, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        XCTAssertFalse(files.isEmpty, "no scenario in \(scenarios.path)")
        let mock = try MockDrive()
        defer { mock.close() }
        var failures: [String] = []
        for file in files {
            let name = file.deletingPathExtension().lastPathComponent
            let scenario = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any] ?? [:]
            if let reason = (scenario["not_in"] as? [String: Any])?["swift"] as? String {
                print("scenario \(name): not run here (\(reason))")
                continue
            }
            try await mock.reset()
            let runner = ScenarioRunner(mock: mock)
            for (index, step) in (scenario["steps"] as? [[String: Any]] ?? []).enumerated() {
                do {
                    try await runner.step(step)
                } catch let failure as ScenarioFailure {
                    failures.append("\(name): step \(index + 1): \(failure.message)")
                    break
                }
            }
        }
        XCTAssertEqual(failures, [], failures.joined(separator: "\n"))
    }
}

/// `DRIVEKIT_SCENARIOS`, or the repository's `tests/scenarios`, found from this file.
private let scenarios: URL = {
    if let folder = ProcessInfo.processInfo.environment["DRIVEKIT_SCENARIOS"] {
        return URL(fileURLWithPath: folder)
    }
    var root = URL(fileURLWithPath: #filePath)
    for _ in 0..<5 { root = root.deletingLastPathComponent() }  // DriveKitTests, Tests, swift, bindings-uniffi
    return root.appendingPathComponent("tests/scenarios")
}()

/// The user id KooDrive calls name.
private let userId = "1765263620687613825"

/// A step that did not go as its scenario says.
struct ScenarioFailure: Error {
    let message: String
}

/// One scenario's state: positions saved and entry keys collected by its walks.
final class ScenarioRunner {
    private let mock: MockDrive
    private var positions: [String: String] = [:]
    private var collected: [String: [String]] = [:]

    init(mock: MockDrive) {
        self.mock = mock
    }

    func step(_ step: [String: Any]) async throws {
        guard step.count == 1, let entry = step.first, let body = entry.value as? [String: Any] else {
            throw ScenarioFailure(message: "a step is an object with one key")
        }
        switch entry.key {
        case "fault": _ = try await mock.control("POST", "faults", body)
        case "change": try await change(body)
        case "clear_requests": try await mock.clearRequests()
        case "rate_limit": _ = try await mock.control("PUT", "rate_limit", body)
        case "call": try await together(body) { pds, koodrive in try await self.call(body, pds, koodrive) }
        case "walk": try await together(body) { pds, koodrive in try await self.walk(body, pds, koodrive) }
        case "expect_collected": try expectCollected(body)
        case "expect_requests": try await expectRequests(body)
        default: throw ScenarioFailure(message: "unknown step \(entry.key)")
        }
    }

    private func change(_ step: [String: Any]) async throws {
        guard let path = step["path"] as? String else { throw ScenarioFailure(message: "a change names its path") }
        let repeated = int(step, "repeat")
        for n in 1...(repeated ?? 1) {
            let numbered = { (text: String) in
                repeated == nil ? text : text.replacingOccurrences(of: "{n}", with: String(n))
            }
            let body = step["body"].map { numberStrings($0, numbered) } as? [String: Any]
            _ = try await mock.control("POST", String(numbered(path).drop { $0 == "/" }), body)
        }
    }

    /// Runs the step's call or walk `times` times at once (once by default) on one client of each kind, made as its
    /// options say: each must meet `expect`, within the duration of the whole step.
    private func together(
        _ step: [String: Any], _ work: @escaping (PdsClient, KooDriveClient) async throws -> Void
    ) async throws {
        let options = step["options"] as? [String: Any]
        let retry = retryOptions(options)
        let maxResponseBytes = int(options, "max_response_bytes").map { UInt64($0) }
        let provider = options?["token_provider"] as? Bool == true ? ScenarioTokenProvider() : nil
        let pds = try pdsClient(retry, maxResponseBytes, provider)
        let koodrive = try kooDriveClient(retry, maxResponseBytes)
        let expected = step["expect"] as? [String: Any]
        for ended in await timed(int(step, "times") ?? 1, { try await work(pds, koodrive) }) {
            try expect(expected, ended)
        }
        let asked = provider?.asked ?? 0
        if let wanted = int(expected, "provider_calls"), asked != wanted {
            throw ScenarioFailure(message: "the token provider was asked \(asked) times, \(wanted) expected")
        }
    }

    private func call(_ step: [String: Any], _ pds: PdsClient, _ koodrive: KooDriveClient) async throws {
        let args = step["args"] as? [String: Any] ?? [:]
        let work: @Sendable () async throws -> Void
        switch step["operation"] as? String {
        case "get_file":
            let (fileId, driveId, shareId) = (string(args, "file_id"), text(args, "drive_id"), text(args, "share_id"))
            let (urlExpireSec, fields) = (int64(args, "url_expire_sec"), text(args, "fields"))
            work = {
                _ = try await pds.getFile(
                    fileId: fileId, driveId: driveId, shareId: shareId, urlExpireSec: urlExpireSec, fields: fields)
            }
        case "update_file":
            let (driveId, fileId) = (string(args, "drive_id"), string(args, "file_id"))
            let (name, description) = (text(args, "name"), text(args, "description"))
            let (labels, checkNameMode) = (args["labels"] as? [String], text(args, "check_name_mode"))
            let localModifiedAt = text(args, "local_modified_at")
            let (hidden, starred) = (args["hidden"] as? Bool, args["starred"] as? Bool)
            work = {
                _ = try await pds.updateFile(
                    driveId: driveId, fileId: fileId, name: name, description: description, labels: labels,
                    checkNameMode: checkNameMode, localModifiedAt: localModifiedAt, hidden: hidden, starred: starred)
            }
        case "list_delta":
            let (driveId, syncRootId) = (string(args, "drive_id"), text(args, "sync_root_id"))
            let (cursor, limit) = (text(args, "cursor"), int64(args, "limit"))
            work = {
                _ = try await pds.listDelta(driveId: driveId, syncRootId: syncRootId, cursor: cursor, limit: limit)
            }
        case "list_recyclebin":
            let (driveId, marker) = (string(args, "drive_id"), text(args, "marker"))
            let (limit, fields) = (int64(args, "limit"), text(args, "fields"))
            work = { _ = try await pds.listRecyclebin(driveId: driveId, marker: marker, limit: limit, fields: fields) }
        case "get_last_cursor":
            let (driveId, syncRootId) = (string(args, "drive_id"), text(args, "sync_root_id"))
            work = { _ = try await pds.getLastCursor(driveId: driveId, syncRootId: syncRootId) }
        case "list_album_files":
            let (albumId, pageSize) = (string(args, "album_id"), int64(args, "page_size"))
            let pageCursor = text(args, "page_cursor")
            let (sortType, sortDirection) = (int64(args, "sort_type"), int64(args, "sort_direction"))
            let traceId = text(args, "trace_id")
            work = {
                _ = try await koodrive.listAlbumFiles(
                    albumId: albumId, pageSize: pageSize, pageCursor: pageCursor, sortType: sortType,
                    sortDirection: sortDirection, traceId: traceId)
            }
        case let other:
            throw ScenarioFailure(message: "unknown operation \(other ?? "")")
        }
        guard let millis = int(step, "cancel_after_ms") else { return try await work() }
        // The caller gives up: its task is cancelled, and the step ends when the call has.
        let running = Task { try await work() }
        try await Task.sleep(nanoseconds: UInt64(millis) * 1_000_000)
        running.cancel()
        try await running.value
    }

    private func walk(_ step: [String: Any], _ pds: PdsClient, _ koodrive: KooDriveClient) async throws {
        let args = step["args"] as? [String: Any] ?? [:]
        var from: String?
        if let name = step["from"] as? String {
            guard let saved = positions[name] else { throw ScenarioFailure(message: "no position saved as \(name)") }
            from = saved
        }
        switch step["listing"] as? String {
        case "list_delta":
            try await walkWith(
                step,
                make: {
                    try pds.listDeltaPages(
                        driveId: string(args, "drive_id"), syncRootId: text(args, "sync_root_id"),
                        cursor: text(args, "cursor"), limit: int64(args, "limit"), position: from)
                },
                pages: { $0.pages }, items: { $0.items },
                position: { $0.position() }, close: { $0.close() },
                itemsOf: { $0.items ?? [] }, key: { "\($0.op ?? "")/\($0.fileId ?? "")" })
        case "list_recyclebin":
            try await walkWith(
                step,
                make: {
                    try pds.listRecyclebinPages(
                        driveId: string(args, "drive_id"), marker: text(args, "marker"), limit: int64(args, "limit"),
                        fields: text(args, "fields"), position: from)
                },
                pages: { $0.pages }, items: { $0.items },
                position: { $0.position() }, close: { $0.close() },
                itemsOf: { $0.items ?? [] }, key: { $0.fileId ?? "" })
        case "list_album_files":
            try await walkWith(
                step,
                make: {
                    try koodrive.listAlbumFilesPages(
                        albumId: string(args, "album_id"), pageSize: int64(args, "page_size"),
                        pageCursor: text(args, "page_cursor"), sortType: int64(args, "sort_type"),
                        sortDirection: int64(args, "sort_direction"), traceId: text(args, "trace_id"),
                        position: from)
                },
                pages: { $0.pages }, items: { $0.items },
                position: { $0.position() }, close: { $0.close() },
                itemsOf: { $0.contentList ?? [] }, key: { $0.id ?? "" })
        case let other:
            throw ScenarioFailure(message: "unknown listing \(other ?? "")")
        }
    }

    /// Makes the walk (which checks its inputs and position), then takes entries one by one (`items`) or whole
    /// pages (`pages`) as the step says; the keys of what was handed out are collected and the position saved
    /// however the walk ends (unless it runs several `times`).
    private func walkWith<Walk, Page, Item>(
        _ step: [String: Any],
        make: () throws -> Walk,
        pages: (Walk) -> AsyncThrowingStream<Page, Error>,
        items: (Walk) -> AsyncThrowingStream<Item, Error>,
        position: (Walk) -> String,
        close: (Walk) -> Void,
        itemsOf: (Page) -> [Item],
        key: (Item) -> String
    ) async throws {
        let walk = try make()
        var taken: [String] = []
        defer {
            if step["times"] == nil, let name = step["collect"] as? String { collected[name, default: []] += taken }
            if step["times"] == nil, let name = step["save_position"] as? String { positions[name] = position(walk) }
            close(walk)
        }
        if let pageCount = count(step["pages"]) {
            var taking = 0
            guard pageCount > 0 else { return }
            for try await page in pages(walk) {
                taken += itemsOf(page).map(key)
                taking += 1
                if taking == pageCount { break }
            }
        } else {
            let itemCount = count(step["items"]) ?? Int.max
            guard itemCount > 0 else { return }
            for try await item in items(walk) {
                taken.append(key(item))
                if taken.count == itemCount { break }
            }
        }
    }

    private func expectCollected(_ step: [String: Any]) throws {
        var joined: [String] = []
        for name in step["lists"] as? [String] ?? [] {
            guard let keys = collected[name] else { throw ScenarioFailure(message: "nothing collected as \(name)") }
            joined += keys
        }
        if let name = step["equal"] as? String {
            guard let expected = collected[name] else { throw ScenarioFailure(message: "nothing collected as \(name)") }
            if joined != expected {
                let at = (0..<max(joined.count, expected.count)).first {
                    $0 >= joined.count || $0 >= expected.count || joined[$0] != expected[$0]
                }
                let counts = "\(joined.count) keys collected, \(expected.count) expected"
                throw ScenarioFailure(message: "\(counts); first difference at \(at ?? 0)")
            }
        }
        if step["unique"] as? Bool == true {
            var seen = Set<String>()
            if let repeated = joined.first(where: { !seen.insert($0).inserted }) {
                throw ScenarioFailure(message: "\(repeated) was handed out twice")
            }
        }
        for wanted in step["contains_once"] as? [String] ?? [] {
            let times = joined.filter { $0 == wanted }.count
            if times != 1 { throw ScenarioFailure(message: "\(wanted) was handed out \(times) times") }
        }
        if let count = int(step, "count"), joined.count != count {
            throw ScenarioFailure(message: "\(joined.count) keys collected, \(count) expected")
        }
    }

    private func expectRequests(_ step: [String: Any]) async throws {
        let path = step["path"] as? String
        let logged = try await mock.requestLog().filter { path == nil || $0["path"] as? String == path }
        guard let count = int(step, "count") else { throw ScenarioFailure(message: "expect_requests gives a count") }
        if logged.count != count {
            throw ScenarioFailure(message: "\(logged.count) requests logged, \(count) expected: \(logged)")
        }
        if let statuses = step["statuses"] as? [Any] {
            let seen = logged.map { int($0, "status") }
            let wanted = statuses.map { int(["status": $0], "status") }
            if seen != wanted { throw ScenarioFailure(message: "statuses \(seen), \(wanted) expected") }
        }
    }

    private func pdsClient(
        _ retry: RetryOptions?, _ maxResponseBytes: UInt64?, _ provider: ScenarioTokenProvider?
    ) throws -> PdsClient {
        let credentials = try provider.map { PdsCredentials.tokenProvider(provider: $0) }
            ?? PdsCredentials.accessToken(token: MockDrive.token)
        return try PdsClient(
            baseUrl: mock.baseUrl, credentials: credentials, transport: URLSessionTransport(), retry: retry,
            maxResponseBytes: maxResponseBytes)
    }

    private func kooDriveClient(_ retry: RetryOptions?, _ maxResponseBytes: UInt64?) throws -> KooDriveClient {
        try KooDriveClient(
            baseUrl: mock.baseUrl,
            credentials: try KooDriveCredentials.accessToken(token: MockDrive.token, userId: userId),
            transport: URLSessionTransport(), retry: retry, maxResponseBytes: maxResponseBytes)
    }
}

/// A client's token provider as `token_provider: true` asks: an expired token first, the mock's after.
final class ScenarioTokenProvider: AccessTokenProvider, @unchecked Sendable {
    private let lock = NSLock()
    private var asks = 0

    /// How often it was asked.
    var asked: Int { counted(adding: 0) }

    func accessToken() async throws -> String {
        counted(adding: 1) == 1 ? "expired-token" : MockDrive.token
    }

    private func counted(adding asking: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        asks += asking
        return asks
    }
}

/// How a call or walk ended: its failure, if any, and how long its step took in milliseconds.
struct Ended {
    let failure: Error?
    let tookMs: Int
}

/// Runs `work` `times` times at once, and answers how each ended.
private func timed(_ times: Int, _ work: @escaping @Sendable () async throws -> Void) async -> [Ended] {
    let started = Date()
    let failures = await withTaskGroup(of: Error?.self) { group in
        for _ in 0..<times {
            group.addTask {
                do {
                    try await work()
                    return nil
                } catch {
                    return error
                }
            }
        }
        return await group.reduce(into: [Error?]()) { $0.append($1) }
    }
    let tookMs = Int(Date().timeIntervalSince(started) * 1000)
    return failures.map { Ended(failure: $0, tookMs: tookMs) }
}

private func expect(_ expect: [String: Any]?, _ ended: Ended) throws {
    if let min = int(expect, "min_ms"), ended.tookMs < min {
        throw ScenarioFailure(message: "took \(ended.tookMs) ms, under \(min)")
    }
    if let max = int(expect, "max_ms"), ended.tookMs > max {
        throw ScenarioFailure(message: "took \(ended.tookMs) ms, over \(max)")
    }
    switch (expect?["error"] as? String, ended.failure) {
    case (nil, nil):
        return
    case (nil, let failure?):
        if failure is ScenarioFailure { throw failure }
        throw ScenarioFailure(message: "failed: \(failure)")
    case (let wanted?, nil):
        throw ScenarioFailure(message: "succeeded, \(wanted) expected")
    case (let wanted?, let failure?):
        if failure is ScenarioFailure { throw failure }
        let (kind, field, status, limit) = described(failure)
        if kind != wanted { throw ScenarioFailure(message: "failed with \(kind) (\(failure)), \(wanted) expected") }
        if let wantedField = expect?["field"] as? String, field != wantedField {
            throw ScenarioFailure(message: "refused \(field ?? "nothing"), \(wantedField) expected")
        }
        if let wantedStatus = int(expect, "status"), status != wantedStatus {
            throw ScenarioFailure(message: "status \(status.map(String.init) ?? "none"), \(wantedStatus) expected")
        }
        if let wantedLimit = int(expect, "limit"), limit != wantedLimit {
            throw ScenarioFailure(message: "limit \(limit.map(String.init) ?? "none"), \(wantedLimit) expected")
        }
        if let part = expect?["message_contains"] as? String, !String(describing: failure).contains(part) {
            throw ScenarioFailure(message: "\(failure) does not say \"\(part)\"")
        }
    }
}

/// A failure as the scenarios name it: the core's code of its kind, the field, the HTTP status, the size limit.
private func described(_ failure: Error) -> (kind: String, field: String?, status: Int?, limit: Int?) {
    switch failure {
    case DriveError.InvalidArgument(let field, _): return ("invalid_argument", field, nil, nil)
    case DriveError.Api(_, let status, _, _, _, _): return ("api", nil, Int(status), nil)
    case DriveError.RateLimited(_, _, let status, _, _, _): return ("rate_limited", nil, Int(status), nil)
    case DriveError.Decode(_, _): return ("decode", nil, nil, nil)
    case DriveError.Transport(_, _): return ("transport", nil, nil, nil)
    case DriveError.OutcomeUnknown(_, _): return ("outcome_unknown", nil, nil, nil)
    case DriveError.Timeout(_): return ("timeout", nil, nil, nil)
    case DriveError.ResponseTooLarge(let limit): return ("response_too_large", nil, nil, Int(limit))
    case DriveError.Cancelled, is CancellationError: return ("cancelled", nil, nil, nil)
    case DriveError.RepeatedCursor(_): return ("repeated_cursor", nil, nil, nil)
    case DriveError.TokenProvider(_): return ("token_provider", nil, nil, nil)
    default: return ("\(failure)", nil, nil, nil)
    }
}

private func retryOptions(_ options: [String: Any]?) -> RetryOptions? {
    guard let options else { return nil }
    let defaults = RetryOptions()
    let seconds = { (name: String) in int(options, name).map { Double($0) / 1000 } }
    return RetryOptions(
        maxAttempts: int(options, "max_attempts").map { UInt32($0) } ?? defaults.maxAttempts,
        initialBackoffSeconds: defaults.initialBackoffSeconds,
        attemptTimeoutSeconds: seconds("attempt_timeout_ms") ?? defaults.attemptTimeoutSeconds,
        totalTimeoutSeconds: seconds("timeout_ms") ?? defaults.totalTimeoutSeconds)
}

/// `"all"`, or a number of entries or pages; nil when the step does not say.
private func count(_ value: Any?) -> Int? {
    if value as? String == "all" { return Int.max }
    return int(["count": value as Any], "count")
}

/// A whole number from JSON, as Foundation reads it on Apple platforms and on Linux.
private func int(_ object: [String: Any]?, _ name: String) -> Int? {
    switch object?[name] {
    case let value as Int: return value
    case let value as NSNumber: return value.intValue
    default: return nil
    }
}

/// An operation's whole-number argument.
private func int64(_ args: [String: Any], _ name: String) -> Int64? {
    int(args, name).map(Int64.init)
}

private func text(_ args: [String: Any], _ name: String) -> String? {
    args[name] as? String
}

private func string(_ args: [String: Any], _ name: String) -> String {
    text(args, name) ?? ""
}

private func numberStrings(_ value: Any, _ numbered: (String) -> String) -> Any {
    switch value {
    case let text as String: return numbered(text)
    case let object as [String: Any]: return object.mapValues { numberStrings($0, numbered) }
    default: return value
    }
}
