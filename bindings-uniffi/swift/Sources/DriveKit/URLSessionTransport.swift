import Foundation

/// An `HttpTransport` on `URLSession`: pass your own session for its configuration, delegate (certificate
/// pinning) or protocol classes. Cancelling the calling task cancels the data task.
public final class URLSessionTransport: HttpTransport {
    private let session: URLSession

    public init(session: URLSession = .shared) {
        self.session = session
    }

    public func send(request: TransportRequest) async throws -> TransportResponse {
        guard let url = URL(string: request.url) else {
            throw TransportError.Connect(reason: "not a URL")
        }
        var urlRequest = URLRequest(url: url, timeoutInterval: request.timeout)
        urlRequest.httpMethod = request.method
        for header in request.headers {
            urlRequest.addValue(header.value, forHTTPHeaderField: header.name)
        }
        if !request.body.isEmpty {
            urlRequest.httpBody = request.body
        }
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
        let headers = http.allHeaderFields.compactMap { name, value -> HttpHeader? in
            guard let name = name as? String, let value = value as? String else { return nil }
            return HttpHeader(name: name, value: value)
        }
        return TransportResponse(status: UInt16(clamping: http.statusCode), headers: headers, body: data)
    }

    public func sleep(duration: TimeInterval) async {
        // A cancelled wait ends early; the call it belongs to is being dropped anyway.
        try? await Task.sleep(nanoseconds: UInt64(max(0, duration) * 1_000_000_000))
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
