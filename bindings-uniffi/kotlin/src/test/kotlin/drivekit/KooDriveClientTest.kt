package drivekit

import java.util.concurrent.TimeUnit
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.Timeout
import org.junit.jupiter.api.assertThrows

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class KooDriveClientTest {
    private val mock = MockDrive.start()
    private val client = KooDriveClient(
        mock.baseUrl,
        KooDriveCredentials.accessToken(MockDrive.TOKEN, userId = "1765263620687613825", language = "en_us"),
        JdkHttpTransport(),
    )

    @BeforeEach
    fun reset() = mock.reset()

    @AfterAll
    fun stop() {
        client.close()
        mock.close()
    }

    @Test
    fun `listAlbumFiles returns one page`() = runBlocking<Unit> {
        val page = client.listAlbumFiles(MockDrive.ALBUM_ID, pageSize = 10, sortType = 1, sortDirection = 1)
        assertEquals(10, page.contentList?.size)
        assertEquals(0L, page.code)
        assertTrue(!page.nextPageCursor.isNullOrEmpty())
    }

    @Test
    fun `an album is walked to the end and resumes from a saved page cursor`() = runBlocking<Unit> {
        val everything = client.listAlbumFilesPages(MockDrive.ALBUM_ID, pageSize = 100).items().toList()
        assertEquals(MockDrive.ALBUM_SIZE, everything.size)

        val first = client.listAlbumFilesPages(MockDrive.ALBUM_ID, pageSize = 100)
        val firstPage = checkNotNull(first.next())
        val rest = client.listAlbumFilesPages(MockDrive.ALBUM_ID, pageSize = 100, pageCursor = first.cursor())
            .items().toList()
        assertEquals(everything.map { it.id }, (firstPage.contentList.orEmpty() + rest).map { it.id })
    }

    @Test
    fun `an album resumes file by file from a saved position, and only in its own sort order`() = runBlocking<Unit> {
        val everything = client.listAlbumFilesPages(MockDrive.ALBUM_ID, pageSize = 30, sortType = 1).items().toList()
        for (k in listOf(1, 37, 60, 251)) {
            val first = client.listAlbumFilesPages(MockDrive.ALBUM_ID, pageSize = 30, sortType = 1)
            val head = first.items().take(k).toList()
            val saved = first.position()
            first.close()
            val rest = client.listAlbumFilesPages(MockDrive.ALBUM_ID, pageSize = 30, sortType = 1, position = saved)
                .items().toList()
            assertEquals(everything.map { it.id }, (head + rest).map { it.id }, "stopped after file $k")
        }

        // Saved on the album's last page, whose body names no page after it: nothing of this listing is still on
        // its way to the mock when its record is cleared.
        val onLastPage = client.listAlbumFilesPages(MockDrive.ALBUM_ID, pageSize = 100, sortType = 1)
        onLastPage.items().take(201).toList()
        val saved = onLastPage.position()
        onLastPage.close()
        mock.reset()
        val otherSort = assertThrows<DriveException.InvalidArgument> {
            client.listAlbumFilesPages(MockDrive.ALBUM_ID, sortType = 2, position = saved)
        }
        assertEquals("position", otherSort.field)
        assertEquals(emptyList<Int?>(), mock.statuses("/koodrive/ose/v1/album/${MockDrive.ALBUM_ID}/list"))
    }

    @Test
    fun `quirky pages (short, empty, a wrong total) end only at an empty cursor`() = runBlocking<Unit> {
        val quirky = MockDrive.start("--koodrive-quirks")
        quirky.use {
            KooDriveClient(it.baseUrl, KooDriveCredentials.accessToken(MockDrive.TOKEN, "u1"), JdkHttpTransport()).use {
                assertEquals(MockDrive.ALBUM_SIZE, it.listAlbumFilesPages(MockDrive.ALBUM_ID, pageSize = 20).items().toList().size)
            }
        }
    }

    @Test
    fun `a bad sort type is reported by its wire name`() {
        val bad = assertThrows<DriveException.InvalidArgument> {
            runBlocking { client.listAlbumFiles(MockDrive.ALBUM_ID, sortType = 7) }
        }
        assertEquals("sortType", bad.field)
        assertEquals(emptyList<Int?>(), mock.statuses("/koodrive/ose/v1/album/${MockDrive.ALBUM_ID}/list"))
    }

    @Test
    fun `an unknown album is the service's error`() {
        val missing = assertThrows<DriveException.Api> { runBlocking { client.listAlbumFiles("no-such-album") } }
        assertEquals("13000006", missing.code)
    }
}
