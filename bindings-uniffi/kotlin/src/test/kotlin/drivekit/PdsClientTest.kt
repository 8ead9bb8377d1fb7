package drivekit

import drivekit.model.SignedUrl
import drivekit.model.UnknownFields
import java.time.Duration
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.count
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.Timeout
import org.junit.jupiter.api.assertThrows

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PdsClientTest {
    private val mock = MockDrive.start()
    private val transport = JdkHttpTransport()
    private val client = PdsClient(mock.baseUrl, PdsCredentials.accessToken(MockDrive.TOKEN), transport)

    @BeforeEach
    fun reset() = mock.reset()

    @AfterAll
    fun stop() {
        client.close()
        mock.close()
    }

    @Test
    fun `getLastCursor names the end of the change feed`() = runBlocking<Unit> {
        val last = client.getLastCursor(MockDrive.DRIVE_ID)
        val walk = client.listDeltaPages(MockDrive.DRIVE_ID, limit = 100)
        walk.pages().count()
        assertEquals(last.cursor, walk.cursor())
        val fromLast = client.listDeltaPages(MockDrive.DRIVE_ID, position = last.cursor)
        assertEquals(emptyList<String?>(), fromLast.items().map { it.fileId }.toList(), "a raw cursor is a position")
    }

    @Test
    fun `listDelta returns one page of at most limit changes`() = runBlocking<Unit> {
        val page = client.listDelta(MockDrive.DRIVE_ID, limit = 10)
        assertEquals(10, page.items?.size)
        assertEquals(true, page.hasMore)
        assertEquals("create", page.items?.first()?.op)
    }

    @Test
    fun `the change feed is walked to the end and resumes from a saved position or cursor`() = runBlocking<Unit> {
        val everything = client.listDeltaPages(MockDrive.DRIVE_ID, limit = 50).items().map { it.fileId to it.op }.toList()
        assertTrue(everything.size > 100, "the seed has more than two pages of changes: ${everything.size}")

        val first = client.listDeltaPages(MockDrive.DRIVE_ID, limit = 50)
        val firstPage = checkNotNull(first.next())
        val fromPosition =
            client.listDeltaPages(MockDrive.DRIVE_ID, limit = 50, position = first.position()).items().toList()
        assertEquals(everything, (firstPage.items.orEmpty() + fromPosition).map { it.fileId to it.op })
        val fromCursor = client.listDeltaPages(MockDrive.DRIVE_ID, cursor = first.cursor(), limit = 50).items().toList()
        assertEquals(fromPosition, fromCursor, "after a whole page, the service's cursor resumes there too")

        val end = client.listDeltaPages(MockDrive.DRIVE_ID, limit = 50).also { it.pages().count() }.position()
        mock.createFile("new.txt", MockDrive.VIDEOS_FOLDER_ID)
        val news = client.listDeltaPages(MockDrive.DRIVE_ID, position = end).items().toList()
        assertEquals(listOf("create"), news.map { it.op })
        assertEquals("new.txt", news.single().file?.name)
    }

    @Test
    fun `changes resumed from position() after any change, by a new client, repeat nothing and miss nothing`() = runBlocking<Unit> {
        repeat(40) { mock.createFile("resumed-$it.txt", MockDrive.VIDEOS_FOLDER_ID) }
        val everything =
            client.listDeltaPages(MockDrive.DRIVE_ID, limit = 10).items().map { it.fileId to it.op }.toList()
        assertTrue(everything.size > 130, "the seed's changes and 40 new files: ${everything.size}")
        for (k in listOf(1, 37, 100, 101)) {
            val first = client.listDeltaPages(MockDrive.DRIVE_ID, limit = 10)
            val head = first.items().take(k).toList()
            val saved = first.position()
            first.close()
            val rest = PdsClient(mock.baseUrl, PdsCredentials.accessToken(MockDrive.TOKEN), JdkHttpTransport()).use {
                it.listDeltaPages(MockDrive.DRIVE_ID, limit = 10, position = saved).items().toList()
            }
            assertEquals(k, head.size)
            assertEquals(everything, (head + rest).map { it.fileId to it.op }, "stopped after change $k")
        }
    }

    @Test
    fun `a position from another drive is refused when the listing is made, before anything is sent`() = runBlocking<Unit> {
        val walk = client.listDeltaPages(MockDrive.DRIVE_ID, limit = 10)
        walk.items().take(3).toList()
        val saved = walk.position()
        walk.close()
        mock.clearRequests()

        val otherDrive = assertThrows<DriveException.InvalidArgument> { client.listDeltaPages("2", position = saved) }
        assertEquals("position", otherDrive.field)
        val otherRoot = assertThrows<DriveException.InvalidArgument> {
            client.listDeltaPages(MockDrive.DRIVE_ID, syncRootId = MockDrive.VIDEOS_FOLDER_ID, position = saved)
        }
        assertEquals("position", otherRoot.field)
        val bin = assertThrows<DriveException.InvalidArgument> {
            client.listRecyclebinPages(MockDrive.DRIVE_ID, position = saved)
        }
        assertEquals("position", bin.field)
        val damaged = assertThrows<DriveException.InvalidArgument> {
            client.listDeltaPages(MockDrive.DRIVE_ID, position = saved.dropLast(4))
        }
        assertEquals("position", damaged.field)
        val both = assertThrows<DriveException.InvalidArgument> {
            client.listDeltaPages(MockDrive.DRIVE_ID, cursor = "c", position = saved)
        }
        assertEquals("position", both.field)
        val limit = assertThrows<DriveException.InvalidArgument> {
            client.listDeltaPages(MockDrive.DRIVE_ID, limit = 101)
        }
        assertEquals("limit", limit.field)
        assertEquals(emptyList<String>(), mock.requests(), "nothing was sent")
    }

    @Test
    fun `the recycle bin resumes file by file from a saved position`() = runBlocking<Unit> {
        val everything = client.listRecyclebinPages(MockDrive.DRIVE_ID, limit = 20).items().map { it.fileId }.toList()
        val first = client.listRecyclebinPages(MockDrive.DRIVE_ID, limit = 20)
        val head = first.items().take(45).toList().map { it.fileId }
        val rest = client.listRecyclebinPages(MockDrive.DRIVE_ID, limit = 20, position = first.position())
            .items().toList().map { it.fileId }
        assertEquals(everything, head + rest)
    }

    @Test
    fun `two calls at once fetch two pages, not the same page twice`() = runBlocking<Unit> {
        val walk = client.listDeltaPages(MockDrive.DRIVE_ID, limit = 10)
        val (a, b) = listOf(async { walk.next() }, async { walk.next() }).map { checkNotNull(it.await()) }
        val ids = (a.items.orEmpty() + b.items.orEmpty()).map { it.fileId to it.op }
        val expected = client.listDeltaPages(MockDrive.DRIVE_ID, limit = 10).items().toList().take(20)
        assertEquals(expected.map { it.fileId to it.op }, ids)
        // Walked to its end, the listing leaves no page on its way to reach the next test's request log.
        walk.pages().collect {}
    }

    @Test
    fun `the recycle bin is listed page by page`() = runBlocking<Unit> {
        val walk = client.listRecyclebinPages(MockDrive.DRIVE_ID, limit = 50)
        val pages = walk.pages().toList()
        val ids = pages.flatMap { page -> page.items.orEmpty().map { it.fileId } }
        assertTrue(pages.size >= 3, "126 items in pages of 50")
        assertTrue(ids.size >= 126)
        assertEquals(ids.size, ids.toSet().size, "no file twice")
        assertEquals(null, walk.next(), "an ended listing stays ended")
    }

    @Test
    fun `a walk asks for each page once`() = runBlocking<Unit> {
        val pages = client.listDeltaPages(MockDrive.DRIVE_ID, limit = 50).pages().count()
        assertTrue(pages > 2)
        assertEquals(List(pages) { 200 }, mock.statuses("/v2/file/list_delta"))
    }

    @Test
    fun `a page that failed is asked for again by the next call, from where the walk stood`() = runBlocking<Unit> {
        val failing = NthSend(transport, n = 2, hangs = false)
        PdsClient(mock.baseUrl, PdsCredentials.accessToken(MockDrive.TOKEN), failing, RetryOptions(maxAttempts = 1u)).use {
            val walk = it.listDeltaPages(MockDrive.DRIVE_ID, limit = 50)
            checkNotNull(walk.next())
            val saved = walk.position()
            val cursor = walk.cursor()
            assertThrows<DriveException.Transport> { runBlocking { walk.next() } }
            assertEquals(saved, walk.position())
            assertEquals(cursor, walk.cursor())
            val second = checkNotNull(walk.next())
            val expected = client.listDelta(MockDrive.DRIVE_ID, cursor = cursor, limit = 50)
            assertEquals(expected.items?.map { item -> item.fileId }, second.items?.map { item -> item.fileId })
        }
    }

    @Test
    fun `closing a walk cancels the page on its way`() = runBlocking<Unit> {
        val hanging = NthSend(transport, n = 2, hangs = true)
        PdsClient(mock.baseUrl, PdsCredentials.accessToken(MockDrive.TOKEN), hanging).use {
            val walk = it.listDeltaPages(MockDrive.DRIVE_ID, limit = 50)
            checkNotNull(walk.next())
            withTimeout(5_000) { hanging.reached.await() }
            walk.close()
            withTimeout(2_000) { hanging.cancelled.await() }
        }
    }

    @Test
    fun `getFile reads a file by drive and by share`() = runBlocking<Unit> {
        val file = client.getFile(MockDrive.FILE_ID, driveId = MockDrive.DRIVE_ID, urlExpireSec = 600)
        assertEquals(MockDrive.FILE_ID, file.fileId)
        assertNotNull(file.name)

        val shared = PdsClient(mock.baseUrl, PdsCredentials.shareToken(MockDrive.SHARE_TOKEN), transport).use {
            it.getFile(MockDrive.FILE_ID, shareId = MockDrive.SHARE_ID)
        }
        assertEquals(file.name, shared.name)
    }

    @Test
    fun `a file prints without its URLs' signatures, which stay whole for HTTP clients`() = runBlocking<Unit> {
        val file = client.getFile(MockDrive.FILE_ID, driveId = MockDrive.DRIVE_ID, urlExpireSec = 600)
        val urls = listOf(checkNotNull(file.downloadUrl), checkNotNull(file.thumbnail), checkNotNull(file.url))
        for (signed in urls) assertTrue("x-oss-signature=" in signed.url, "the full URL is still reachable")

        val text = file.toString()
        assertFalse("x-oss-signature" in text || "x-oss-expires" in text, text)
        for (signed in urls) assertTrue("${signed.url.substringBefore('?')}?<redacted>" in text, text)
        assertEquals(file, file.copy(downloadUrl = SignedUrl(urls[0].url)), "equal by the whole URL")
    }

    @Test
    fun `updateFile renames, and refuses a taken name when asked to`() = runBlocking<Unit> {
        val renamed = client.updateFile(MockDrive.DRIVE_ID, MockDrive.FILE_ID, name = "renamed.jpg", starred = true)
        assertEquals("renamed.jpg", renamed.name)
        assertEquals(true, renamed.starred)

        mock.createFile("clip.mov", MockDrive.VIDEOS_FOLDER_ID)
        val clip = client.listDeltaPages(MockDrive.DRIVE_ID).items().toList().last().fileId!!
        val taken = assertThrows<DriveException.Api> {
            runBlocking { client.updateFile(MockDrive.DRIVE_ID, clip, name = "1.mov", checkNameMode = "refuse") }
        }
        assertEquals(409.toUShort(), taken.status)
        assertEquals("conflict", taken.kind)
        assertEquals("AlreadyExist.File", taken.code)
        assertNotNull(taken.requestId)
    }

    @Test
    fun `a broken rule is reported by field before anything is sent`() = runBlocking<Unit> {
        val limit = assertThrows<DriveException.InvalidArgument> {
            runBlocking { client.listDelta(MockDrive.DRIVE_ID, limit = 101) }
        }
        assertEquals("limit", limit.field)
        val mode = assertThrows<DriveException.InvalidArgument> {
            runBlocking { client.updateFile(MockDrive.DRIVE_ID, MockDrive.FILE_ID, checkNameMode = "overwrite") }
        }
        assertEquals("check_name_mode", mode.field)
        assertEquals(emptyList<Int?>(), mock.statuses("/v2/file/list_delta") + mock.statuses("/v2/file/update"))
    }

    @Test
    fun `429 and 503 answers are retried as the core decides`() = runBlocking<Unit> {
        mock.fault("/v2/file/list_delta", "kind" to "status", "status" to 429, "retry_after" to 1)
        mock.fault("/v2/file/list_delta", "kind" to "status", "status" to 503, "count" to 2)
        val page = client.listDelta(MockDrive.DRIVE_ID, limit = 5)
        assertEquals(5, page.items?.size)
        assertEquals(listOf(429, 503, 503, 200), mock.statuses("/v2/file/list_delta"))
    }

    @Test
    fun `persistent 429s end as RateLimited`() = runBlocking<Unit> {
        mock.fault("/v2/file/get_last_cursor", "kind" to "status", "status" to 429, "retry_after" to 0, "count" to 5)
        val impatient = PdsClient(
            mock.baseUrl,
            PdsCredentials.accessToken(MockDrive.TOKEN),
            transport,
            retry = RetryOptions(maxAttempts = 2u),
        )
        val limited = assertThrows<DriveException.RateLimited> {
            runBlocking { impatient.getLastCursor(MockDrive.DRIVE_ID) }
        }
        assertEquals(429.toUShort(), limited.status)
        assertEquals(listOf(429, 429), mock.statuses("/v2/file/get_last_cursor"))
        impatient.close()
    }

    @Test
    fun `a maximum rate paces calls from the first one, and a rate not above zero is refused before anything is sent`() = runBlocking<Unit> {
        suspend fun tenCallsTake(client: PdsClient): Duration {
            val started = System.nanoTime()
            repeat(10) { client.getLastCursor(MockDrive.DRIVE_ID) }
            return Duration.ofNanos(System.nanoTime() - started)
        }
        val capped = PdsClient(
            mock.baseUrl,
            PdsCredentials.accessToken(MockDrive.TOKEN),
            transport,
            rateLimit = RateLimitOptions(maxRequestsPerSecond = 5.0),
        )
        // At most a second's worth goes out at once: the other 5 calls take at least 1 s at 5 per second.
        val cappedTook = capped.use { tenCallsTake(it) }
        assertTrue(cappedTook >= Duration.ofMillis(900), "$cappedTook")
        val defaultTook = tenCallsTake(client)
        assertTrue(defaultTook < Duration.ofMillis(900), "a default client waits only once throttled: $defaultTook")
        mock.clearRequests()

        val refused = assertThrows<DriveException.InvalidArgument> {
            PdsClient(
                mock.baseUrl,
                PdsCredentials.accessToken(MockDrive.TOKEN),
                transport,
                rateLimit = RateLimitOptions(maxRequestsPerSecond = 0.0),
            )
        }
        assertEquals("maxRequestsPerSecond", refused.field)
        assertEquals(emptyList<String>(), mock.requests(), "nothing was sent")
    }

    @Test
    fun `cancelling the coroutine cancels the request in flight`() = runBlocking<Unit> {
        assertCancellingStopsTheSend(mock, transport)
    }

    @Test
    fun `an answer past maxResponseBytes is refused unread and a trickling one ends at the attempt timeout`() =
        runBlocking<Unit> {
            assertTheRequestsBoundsHold(mock, transport)
        }

    @Test
    fun `a token provider and AccessKey signing are accepted by the service`() = runBlocking<Unit> {
        val asked = CopyOnWriteArrayList<Unit>()
        val provider = object : AccessTokenProvider {
            override suspend fun accessToken(): String = MockDrive.TOKEN.also { asked += Unit }
        }
        PdsClient(mock.baseUrl, PdsCredentials.tokenProvider(provider), transport).use {
            assertNotNull(it.getLastCursor(MockDrive.DRIVE_ID).cursor)
        }
        assertEquals(1, asked.size)

        val signed = PdsCredentials.accessKey(MockDrive.ACCESS_KEY_ID, MockDrive.ACCESS_KEY_SECRET)
        PdsClient(mock.baseUrl, signed, transport).use {
            assertNotNull(it.getLastCursor(MockDrive.DRIVE_ID).cursor)
        }
    }

    @Test
    fun `secrets never show in text`() {
        val credentials = PdsCredentials.accessKey("id", "the-secret", securityToken = "the-sts-token")
        assertFalse("the-secret" in credentials.toString() || "the-sts-token" in credentials.toString())
        val refused = assertThrows<DriveException.InvalidArgument> { PdsCredentials.accessToken("line\nbreak") }
        assertFalse("break" in refused.message.orEmpty())
        val request = TransportRequest(
            "POST",
            "http://127.0.0.1/v2/file/get",
            listOf(HttpHeader("authorization", "Bearer the-token")),
            ByteArray(0),
            Duration.ofSeconds(1),
        )
        assertTrue("authorization" in request.toString())
        assertFalse("the-token" in request.toString(), request.toString())
        assertFalse("the-token" in request.headers.toString(), request.headers.toString())

        val unknown = UnknownFields(mapOf("preview_url" to "\"https://cdn.example.com/v.m3u8?sig=abc\""))
        assertEquals("{preview_url}", unknown.toString())
        assertEquals("\"https://cdn.example.com/v.m3u8?sig=abc\"", unknown["preview_url"])
        assertEquals("https://cdn.example.com/a%2Fb?<redacted>", SignedUrl("https://cdn.example.com/a%2Fb?sig=abc").toString())
        assertEquals("https://cdn.example.com/a", SignedUrl("https://cdn.example.com/a").toString())
    }
}

/** Cancels a coroutine while `transport` waits on a slow answer, and asserts the send is cancelled promptly. */
suspend fun assertCancellingStopsTheSend(mock: MockDrive, transport: HttpTransport) = coroutineScope {
    mock.fault("/v2/file/get_last_cursor", "kind" to "delay", "delay_ms" to 10_000)
    val watched = WatchedTransport(transport)
    val slow = PdsClient(mock.baseUrl, PdsCredentials.accessToken(MockDrive.TOKEN), watched)
    val call = launch { slow.getLastCursor(MockDrive.DRIVE_ID) }
    withTimeout(5_000) { watched.sending.await() }
    val started = System.nanoTime()
    call.cancel()
    withTimeout(2_000) { watched.cancelled.await() }
    call.join()
    assertTrue(Duration.ofNanos(System.nanoTime() - started) < Duration.ofSeconds(2))
    slow.close()
}

/**
 * The transport keeps to what each request allows: a body past `maxResponseBytes` is refused, announced or not,
 * and not sent again; a body that trickles in ends at the attempt timeout; a limit of 0 is refused by name.
 */
suspend fun assertTheRequestsBoundsHold(mock: MockDrive, transport: HttpTransport) {
    val credentials = PdsCredentials.accessToken(MockDrive.TOKEN)
    PdsClient(mock.baseUrl, credentials, transport, maxResponseBytes = 65_536uL).use { limited ->
        for (announced in listOf(true, false)) {
            val oversized = arrayOf("kind" to "oversized", "bytes" to (1 shl 20), "content_length" to announced)
            mock.fault("/v2/file/list_delta", *oversized)
            val refused = assertThrows<DriveException.ResponseTooLarge> {
                runBlocking { limited.listDelta(MockDrive.DRIVE_ID) }
            }
            assertEquals(65_536uL, refused.limit)
        }
        assertEquals(listOf(200, 200), mock.statuses("/v2/file/list_delta"), "neither was sent again")
        assertEquals(10, limited.listDelta(MockDrive.DRIVE_ID, limit = 10).items?.size, "a page under the limit")
    }
    mock.clearRequests()
    mock.fault("/v2/file/list_delta", "kind" to "trickle", "count" to 2)
    val retry = RetryOptions(maxAttempts = 2u, attemptTimeoutSeconds = 0.4)
    PdsClient(mock.baseUrl, credentials, transport, retry = retry).use { impatient ->
        val started = System.nanoTime()
        assertThrows<DriveException.Timeout> { runBlocking { impatient.listDelta(MockDrive.DRIVE_ID) } }
        val took = Duration.ofNanos(System.nanoTime() - started)
        assertTrue(took >= Duration.ofMillis(800) && took < Duration.ofSeconds(3), "$took")
    }
    assertEquals(listOf(200, 200), mock.statuses("/v2/file/list_delta"))
    val refused = assertThrows<DriveException.InvalidArgument> {
        PdsClient(mock.baseUrl, credentials, transport, maxResponseBytes = 0uL)
    }
    assertEquals("maxResponseBytes", refused.field)
}

/** Passes requests on, and notes when one starts and when one is cancelled. */
class WatchedTransport(private val inner: HttpTransport) : HttpTransport {
    val sending = CompletableDeferred<Unit>()
    val cancelled = CompletableDeferred<Unit>()

    override suspend fun send(request: TransportRequest): TransportResponse {
        sending.complete(Unit)
        try {
            return inner.send(request)
        } catch (e: CancellationException) {
            cancelled.complete(Unit)
            throw e
        }
    }

    override suspend fun sleep(duration: Duration) = inner.sleep(duration)
}

/** Passes requests on, except the `n`th: that one fails, or (`hangs`) never ends, noting when it is cancelled. */
class NthSend(private val inner: HttpTransport, private val n: Int, private val hangs: Boolean) : HttpTransport {
    private val sent = AtomicInteger()
    val reached = CompletableDeferred<Unit>()
    val cancelled = CompletableDeferred<Unit>()

    override suspend fun send(request: TransportRequest): TransportResponse {
        if (sent.incrementAndGet() != n) return inner.send(request)
        reached.complete(Unit)
        if (!hangs) throw TransportException.Io("cut on purpose")
        try {
            awaitCancellation()
        } catch (e: CancellationException) {
            cancelled.complete(Unit)
            throw e
        }
    }

    override suspend fun sleep(duration: Duration) = inner.sleep(duration)
}
