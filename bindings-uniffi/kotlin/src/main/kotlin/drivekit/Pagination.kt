package drivekit

import drivekit.model.AlbumContent
import drivekit.model.AlbumFilesPage
import drivekit.model.DeltaItem
import drivekit.model.DeltaPage
import drivekit.model.File
import drivekit.model.RecyclebinPage
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow

// Listings as cold flows. The core decides which page comes next and when the listing ends; collecting again
// continues where the last collection stopped, and `position()` after any page or item is what to save to resume
// after a restart, with nothing repeated and nothing missed. While a page's items go out (each by a plain call while
// the page lasts, `nextItem()` only to wait for the next one), the next page is already on its way (sent for as soon
// as a page's body names it); closing the pages object cancels it.

/** The remaining pages of the change feed. */
fun DeltaPages.pages(): Flow<DeltaPage> = flow { while (true) emit(next() ?: break) }

/** The remaining changes, one by one: `position()` after any of them resumes right after it. */
fun DeltaPages.items(): Flow<DeltaItem> = flow { while (true) emit(nextItemAtHand() ?: nextItem() ?: break) }

/** The remaining pages of the recycle bin. */
fun RecyclebinPages.pages(): Flow<RecyclebinPage> = flow { while (true) emit(next() ?: break) }

/** The remaining files in the recycle bin, one by one: `position()` after any of them resumes right after it. */
fun RecyclebinPages.items(): Flow<File> = flow { while (true) emit(nextItemAtHand() ?: nextItem() ?: break) }

/** The remaining pages of the album. */
fun AlbumFilesPages.pages(): Flow<AlbumFilesPage> = flow { while (true) emit(next() ?: break) }

/** The remaining files of the album, one by one: `position()` after any of them resumes right after it. */
fun AlbumFilesPages.items(): Flow<AlbumContent> = flow { while (true) emit(nextItemAtHand() ?: nextItem() ?: break) }
