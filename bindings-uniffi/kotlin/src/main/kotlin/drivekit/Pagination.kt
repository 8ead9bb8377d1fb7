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
// continues where the last collection stopped, and `position()` is what to save to resume after a restart.
// While a page is decoded and its items go out, the next one is already on its way (`next()` sends for it as soon
// as a page's body names it); closing the pages object cancels it.

/** The remaining pages of the change feed. */
fun DeltaPages.pages(): Flow<DeltaPage> = flow { while (true) emit(next() ?: break) }

/** The remaining changes, page after page. */
fun DeltaPages.items(): Flow<DeltaItem> = flow { while (true) next()?.items?.forEach { emit(it) } ?: break }

/** The remaining pages of the recycle bin. */
fun RecyclebinPages.pages(): Flow<RecyclebinPage> = flow { while (true) emit(next() ?: break) }

/** The remaining files in the recycle bin, page after page. */
fun RecyclebinPages.items(): Flow<File> = flow { while (true) next()?.items?.forEach { emit(it) } ?: break }

/** The remaining pages of the album. */
fun AlbumFilesPages.pages(): Flow<AlbumFilesPage> = flow { while (true) emit(next() ?: break) }

/** The remaining files of the album, page after page. */
fun AlbumFilesPages.items(): Flow<AlbumContent> = flow { while (true) next()?.contentList?.forEach { emit(it) } ?: break }
