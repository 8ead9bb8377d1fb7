import Foundation

// Listings as AsyncSequences. The core decides which page comes next and when the listing ends; iterating
// again continues where the last iteration stopped, and `position()` after any page or item is what to save to
// resume after a restart, with nothing repeated and nothing missed. Each element is fetched when the loop asks
// for it (nothing is buffered ahead of the loop; an item of the page already in by a plain call, `nextItem()` only
// to wait for the next page), while the next page is already on its way (sent for as soon as a page's body names
// it); `close()`, or releasing the pages object, cancels it.

extension DeltaPages {
    /// The remaining pages of the change feed.
    public var pages: AsyncThrowingStream<DeltaPage, Error> { pulled { try await self.next() } }

    /// The remaining changes, one by one: `position()` after any of them resumes right after it.
    public var items: AsyncThrowingStream<DeltaItem, Error> {
        pulled { try await entry(self.nextItemAtHand(), orFetch: self.nextItem) }
    }
}

extension RecyclebinPages {
    /// The remaining pages of the recycle bin.
    public var pages: AsyncThrowingStream<RecyclebinPage, Error> { pulled { try await self.next() } }

    /// The remaining files in the recycle bin, one by one: `position()` after any of them resumes right after it.
    public var items: AsyncThrowingStream<File, Error> {
        pulled { try await entry(self.nextItemAtHand(), orFetch: self.nextItem) }
    }
}

extension AlbumFilesPages {
    /// The remaining pages of the album.
    public var pages: AsyncThrowingStream<AlbumFilesPage, Error> { pulled { try await self.next() } }

    /// The remaining files of the album, one by one: `position()` after any of them resumes right after it.
    public var items: AsyncThrowingStream<AlbumContent, Error> {
        pulled { try await entry(self.nextItemAtHand(), orFetch: self.nextItem) }
    }
}

/// The entry at hand, or else the one `next` fetches.
private func entry<Item>(_ atHand: Item?, orFetch next: () async throws -> Item?) async throws -> Item? {
    if let atHand { return atHand }
    return try await next()
}

/// Each element fetched when the loop asks for it; cancelling the loop's task cancels the fetch.
private func pulled<Element>(
    _ fetch: @escaping @Sendable () async throws -> Element?
) -> AsyncThrowingStream<Element, Error> {
    AsyncThrowingStream(unfolding: fetch)
}
