import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// An `HttpTransport` on `URLSession`: pass your own session for its configuration, delegate (certificate
/// pinning) or protocol classes. Cancelling the calling task cancels the data task. The request's timeout bounds
/// the whole exchange, body included, and the body is read no further than the request's `maxResponseBytes`.
public final class URLSessionTransport: HttpTransport {
    private let session: URLSession

    public init(session: URLSession = .shared) {
        self.session = session
    }

    public func send(request: TransportRequest) async throws -> TransportResponse {
        guard let url = URL(string: request.url) else {
            throw TransportError.Connect(reason: "not a URL")
        }
        // URLSession's own timeout is the longest wait between two packets; the deadline below bounds the whole
        // exchange, so that a server trickling bytes cannot hold the attempt past it.
        var urlRequest = URLRequest(url: url, timeoutInterval: request.timeout)
        urlRequest.httpMethod = request.method
        for header in request.headers {
            urlRequest.addValue(header.value, forHTTPHeaderField: header.name)
        }
        if !request.body.isEmpty {
            urlRequest.httpBody = request.body
        }
        let exchange = urlRequest
        let limit = request.maxResponseBytes
        let timeout = request.timeout
        return try await withThrowingTaskGroup(of: TransportResponse?.self) { group in
            group.addTask { try await self.receive(exchange, maxResponseBytes: limit) }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(max(0, timeout) * 1_000_000_000))
                return nil
            }
            // Whichever ends first decides; the other is cancelled (a late exchange's data task with it).
            defer { group.cancelAll() }
            guard let first = try await group.next(), let response = first else {
                throw TransportError.Timeout(reason: "no complete answer within \(Int(timeout * 1000)) ms")
            }
            return response
        }
    }

    #if canImport(FoundationNetworking)
    /// One exchange. swift-corelibs-foundation has no `AsyncBytes`: on Linux the body arrives whole, and one past
    /// the limit is refused once it has.
    private func receive(_ urlRequest: URLRequest, maxResponseBytes limit: UInt64) async throws -> TransportResponse {
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: urlRequest)
        } catch let error as URLError {
            throw error.transportError
        }
        guard let http = response as? HTTPURLResponse else {
            throw TransportError.Io(reason: "not an HTTP response")
        }
        if UInt64(data.count) > limit {
            throw TransportError.ResponseTooLarge(reason: "the body is longer than \(limit) bytes")
        }
        return TransportResponse(status: UInt16(clamping: http.statusCode), headers: http.headerList, body: data)
    }
    #else
    /// One exchange, its body read from the stream no further than `limit`: a longer body is refused as soon as
    /// its `Content-Length` announces it, or one byte more has arrived, and its data task cancelled.
    private func receive(_ urlRequest: URLRequest, maxResponseBytes limit: UInt64) async throws -> TransportResponse {
        let bytes: URLSession.AsyncBytes
        let response: URLResponse
        do {
            (bytes, response) = try await session.bytes(for: urlRequest)
        } catch let error as URLError {
            throw error.transportError
        }
        guard let http = response as? HTTPURLResponse else {
            bytes.task.cancel()
            throw TransportError.Io(reason: "not an HTTP response")
        }
        let tooLarge = TransportError.ResponseTooLarge(reason: "the body is longer than \(limit) bytes")
        // -1 when the length is unknown. A compressed body announces less than it will be, never more.
        let announced = http.expectedContentLength
        if announced > 0 && UInt64(announced) > limit {
            bytes.task.cancel()
            throw tooLarge
        }
        var body = [UInt8]()
        if announced > 0 {
            body.reserveCapacity(Int(announced))
        }
        do {
            for try await byte in bytes {
                if UInt64(body.count) >= limit {
                    bytes.task.cancel()
                    throw tooLarge
                }
                body.append(byte)
            }
        } catch let error as URLError {
            throw error.transportError
        }
        return TransportResponse(status: UInt16(clamping: http.statusCode), headers: http.headerList, body: Data(body))
    }
    #endif

    public func sleep(duration: TimeInterval) async {
        // A cancelled wait ends early; the call it belongs to is being dropped anyway.
        try? await Task.sleep(nanoseconds: UInt64(max(0, duration) * 1_000_000_000))
    }
}

#if !compiler(>=6)
// The generated bindings declare it `Sendable` for Swift 6 compilers only. It is plain data (text, headers and
// bytes), so the deadline's task group may hand it over on older ones too.
extension TransportResponse: @unchecked Sendable {}
#endif

extension HTTPURLResponse {
    /// The headers as received, as the core takes them.
    var headerList: [HttpHeader] {
        allHeaderFields.compactMap { name, value -> HttpHeader? in
            guard let name = name as? String, let value = value as? String else { return nil }
            return HttpHeader(name: name, value: value)
        }
    }
}

extension URLError {
    /// How far the exchange got decides whether the core may resend it; the text never holds headers.
    var transportError: TransportError {
        let reason = "URLError \(code.rawValue)"
        switch code {
        case .timedOut:
            return .Timeout(reason: reason)
        case .cannotFindHost, .cannotConnectToHost, .dnsLookupFailed, .notConnectedToInternet,
             .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
             .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected:
            return .Connect(reason: reason)
        default:
            return .Io(reason: reason)
        }
    }
}
