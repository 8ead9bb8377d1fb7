import Foundation

/// The mock drive (`drivekit-mock`, its path in `DRIVEKIT_MOCK`) as a child process on 127.0.0.1, and its
/// control API. Closing its stdin stops it, even if the test process dies first.
final class MockDrive {
    static let token = "mock-access-token"
    static let shareToken = "mock-share-token"
    static let driveId = "1"
    static let shareId = "7JQX1FswpQ8"
    static let fileId = "9520943DC264"
    static let videosFolderId = "3d5b846942cf94fa72324c8a4bda34e81da635a"
    static let albumId = "1795607640592646273"
    static let albumSize = 252

    let baseUrl: String
    private let process: Process
    private let stdin: Pipe

    init(options: [String] = []) throws {
        guard let binary = ProcessInfo.processInfo.environment["DRIVEKIT_MOCK"] else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "set DRIVEKIT_MOCK"])
        }
        process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--host", "127.0.0.1", "--port", "0"] + options
        stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        var line = Data()
        while let byte = try stdout.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        baseUrl = String(decoding: line, as: UTF8.self)
    }

    func close() {
        try? stdin.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    func reset() async throws { _ = try await control("POST", "reset") }

    func fault(_ path: String, _ fields: [String: Any]) async throws {
        var body = fields
        body["path"] = path
        _ = try await control("POST", "faults", body)
    }

    func createFile(name: String, parentFileId: String) async throws {
        _ = try await control("POST", "files", ["name": name, "parent_file_id": parentFileId])
    }

    /// The statuses of the service requests to `path`, oldest first.
    func statuses(_ path: String) async throws -> [Int?] {
        try await requestLog().filter { $0["path"] as? String == path }.map { $0["status"] as? Int }
    }

    /// Every service request so far, oldest first, as `METHOD path`.
    func requests() async throws -> [String] {
        try await requestLog().map { "\($0["method"] as? String ?? "") \($0["path"] as? String ?? "")" }
    }

    /// Empties the request log.
    func clearRequests() async throws { _ = try await control("DELETE", "requests") }

    /// The log of service requests, oldest first, as the mock writes it (`method`, `path`, `status`, …).
    func requestLog() async throws -> [[String: Any]] {
        let log = try JSONSerialization.jsonObject(with: try await control("GET", "requests")) as? [String: Any]
        return log?["requests"] as? [[String: Any]] ?? []
    }

    /// Sends a request to the control API (`path` under `/__mock/`), failing unless it succeeds.
    func control(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> Data {
        var request = URLRequest(url: URL(string: "\(baseUrl)/__mock/\(path)")!)
        request.httpMethod = method
        request.setValue("application/json", forHTTPHeaderField: "content-type")
        if let body { request.httpBody = try JSONSerialization.data(withJSONObject: body) }
        let (data, response) = try await URLSession.shared.data(for: request)
        guard let status = (response as? HTTPURLResponse)?.statusCode, (200..<300).contains(status) else {
            throw URLError(.badServerResponse, userInfo: [NSLocalizedDescriptionKey: "mock control \(method) \(path)"])
        }
        return data
    }
}
