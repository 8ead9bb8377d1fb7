/// A download, thumbnail or content URL whose query grants access on its own (a signature, an STS token).
/// `url` is the whole URL, to hand to `URLSession`; `description`, `debugDescription` and `dump` show only the
/// part before `?`, so a model can be printed or logged without leaking it.
public struct SignedUrl: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The whole URL, signature included.
    public let url: String

    public init(url: String) {
        self.url = url
    }

    public var description: String {
        guard let query = url.firstIndex(of: "?") else { return url }
        return String(url[..<query]) + "?<redacted>"
    }

    public var debugDescription: String { description }

    // Without a mirror of its own, `dump` would list the stored `url`, query and all.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
