import Foundation

// Listings as AsyncSequences. The core decides which page comes next and when the listing ends; iterating
// again continues where the last iteration stopped, and `position()` is what to save to resume after a restart.
// While a page is decoded and its items go out, the next one is already on its way (`next()` sends for it as soon
// as a page's body names it); releasing the pages object cancels it.

extension DeltaPages {
    /// The remaining pages of the change feed.
    public var pages: AsyncThrowingStream<DeltaPage, Error> { stream { try await self.next().map { [$0] } } }

    /// The remaining changes, page after page.
    public var items: AsyncThrowingStream<DeltaItem, Error> { stream { try await self.next().map { $0.items ?? [] } } }
}

extension RecyclebinPages {
    /// The remaining pages of the recycle bin.
    public var pages: AsyncThrowingStream<RecyclebinPage, Error> { stream { try await self.next().map { [$0] } } }

    /// The remaining files in the recycle bin, page after page.
    public var items: AsyncThrowingStream<File, Error> { stream { try await self.next().map { $0.items ?? [] } } }
}

extension AlbumFilesPages {
    /// The remaining pages of the album.
    public var pages: AsyncThrowingStream<AlbumFilesPage, Error> { stream { try await self.next().map { [$0] } } }

    /// The remaining files of the album, page after page.
    public var items: AsyncThrowingStream<AlbumContent, Error> {
        stream { try await self.next().map { $0.contentList ?? [] } }
    }
}

/// Yields what each `fetch` returns until it returns nil; cancelling the consuming task cancels the fetch.
private func stream<Element>(
    _ fetch: @escaping @Sendable () async throws -> [Element]?
) -> AsyncThrowingStream<Element, Error> {
    AsyncThrowingStream { continuation in
        let task = Task {
            do {
                while let batch = try await fetch() {
                    for element in batch { continuation.yield(element) }
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
    }
}
