package drivekit

import java.util.concurrent.TimeUnit
import kotlinx.coroutines.flow.count
import kotlinx.coroutines.runBlocking
import okhttp3.OkHttpClient
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.Timeout
import org.junit.jupiter.api.assertThrows

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OkHttpTransportTest {
    private val mock = MockDrive.start()
    private val okHttp = OkHttpClient()
    private val transport = OkHttpTransport(okHttp)
    private val client = PdsClient(mock.baseUrl, PdsCredentials.accessToken(MockDrive.TOKEN), transport)

    @BeforeEach
    fun reset() = mock.reset()

    @AfterAll
    fun stop() {
        client.close()
        mock.close()
        okHttp.dispatcher.executorService.shutdown()
        okHttp.connectionPool.evictAll()
    }

    @Test
    fun `the change feed is walked to its end over OkHttp`() = runBlocking<Unit> {
        val walk = client.listDeltaPages(MockDrive.DRIVE_ID, limit = 50)
        assertTrue(walk.items().count() > 100)
        assertEquals(client.getLastCursor(MockDrive.DRIVE_ID).cursor, walk.cursor())
    }

    @Test
    fun `an update posts its body, and a refusal keeps the service's code`() = runBlocking<Unit> {
        val renamed = client.updateFile(MockDrive.DRIVE_ID, MockDrive.FILE_ID, name = "renamed.jpg")
        assertEquals("renamed.jpg", renamed.name)
        val refused = assertThrows<DriveException.Api> {
            runBlocking { client.getFile("no-such-file", driveId = MockDrive.DRIVE_ID) }
        }
        assertEquals(404.toUShort(), refused.status)
    }

    @Test
    fun `a 503 is retried as the core decides`() = runBlocking<Unit> {
        mock.fault("/v2/file/list_delta", "kind" to "status", "status" to 503)
        assertEquals(5, client.listDelta(MockDrive.DRIVE_ID, limit = 5).items?.size)
        assertEquals(listOf(503, 200), mock.statuses("/v2/file/list_delta"))
    }

    @Test
    fun `cancelling the coroutine cancels the OkHttp call`() = runBlocking<Unit> {
        assertCancellingStopsTheSend(mock, transport)
    }

    @Test
    fun `an answer past maxResponseBytes is refused unread and a trickling one ends at the call timeout`() =
        runBlocking<Unit> {
            assertTheRequestsBoundsHold(mock, transport)
        }
}
