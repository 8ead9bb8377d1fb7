package drivekit

import com.google.gson.FieldNamingPolicy
import com.google.gson.Gson
import com.google.gson.GsonBuilder
import drivekit.model.FfiConverterTypeDeltaPage
import java.net.URI
import java.nio.ByteBuffer
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration
import kotlinx.coroutines.flow.count
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.condition.EnabledIfSystemProperty

/**
 * `mvn -B -f bindings-uniffi/kotlin/pom.xml test -Pbenchmark`: drivekit through the FFI against a pure-JVM
 * baseline (java.net.http and Gson into equivalent classes), on the optimised library. Prints medians and ratios.
 */
@EnabledIfSystemProperty(named = "drivekit.benchmark", matches = "true")
class Benchmark {
    private val gson: Gson = GsonBuilder().setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES).create()

    @Test
    fun `decoding a 100-item ListDelta page`() = runBlocking<Unit> {
        val body = MockDrive.start("--files", "10000").use { mock ->
            bareListDelta(HttpClient.newHttpClient(), mock.baseUrl, cursor = null)
        }
        val client = PdsClient("http://127.0.0.1:9", PdsCredentials.accessToken("token"), CannedTransport(body))
        check(client.listDelta(DRIVE_ID, limit = 100).items?.size == 100)
        check(gson.fromJson(String(body), JvmDeltaPage::class.java).items.size == 100)

        val ffi = median(rounds = 15, repeat = 200) { client.listDelta(DRIVE_ID, limit = 100) }
        val jvm = median(rounds = 15, repeat = 200) { gson.fromJson(String(body), JvmDeltaPage::class.java) }
        report("decode one 100-item ListDelta page (${body.size} bytes)", ffi, jvm, target = 1.0)

        // Where the time goes: building the Kotlin objects alone, from the bytes the library hands over; the rest
        // is the core's decoding (`cargo bench -p drivekit-core --bench decode`) and the calls across the FFI.
        val page = client.listDelta(DRIVE_ID, limit = 100)
        val lowered = ByteBuffer.allocate(FfiConverterTypeDeltaPage.allocationSize(page).toInt())
        FfiConverterTypeDeltaPage.write(page, lowered)
        val lift = median(rounds = 15, repeat = 200) { FfiConverterTypeDeltaPage.read(lowered.rewind()) }
        println("benchmark:   of which lifting the page into Kotlin objects: %.1f µs".format(lift.toNanos() / 1e3))
        client.close()

        // What a call costs besides decoding: the same round trip with a one-field answer.
        val tiny = """{"cursor":"c"}""".toByteArray()
        val small = PdsClient("http://127.0.0.1:9", PdsCredentials.accessToken("token"), CannedTransport(tiny))
        val overhead = median(rounds = 15, repeat = 2000) { small.getLastCursor(DRIVE_ID) }
        val tinyJvm = median(rounds = 15, repeat = 2000) { gson.fromJson(String(tiny), JvmLastCursor::class.java) }
        report("one call with a one-field answer (the FFI round trip)", overhead, tinyJvm, target = Double.NaN)
        small.close()
    }

    @Test
    fun `walking 10,000 changes from the mock drive`() = runBlocking<Unit> {
        MockDrive.start("--files", "10000").use { mock ->
            val client = PdsClient(mock.baseUrl, PdsCredentials.accessToken(MockDrive.TOKEN), JdkHttpTransport())
            // The same protocol as JdkHttpTransport speaks to a plain-http server, so that both walks do the same work.
            val http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
            suspend fun drivekitWalk() = client.listDeltaPages(DRIVE_ID, limit = 100).items().count()
            fun bareWalk(): Int {
                var count = 0
                var cursor: String? = null
                do {
                    val page = gson.fromJson(String(bareListDelta(http, mock.baseUrl, cursor)), JvmDeltaPage::class.java)
                    count += page.items.size
                    cursor = page.cursor
                } while (page.hasMore)
                return count
            }
            check(drivekitWalk() == 10_000 && bareWalk() == 10_000)

            val ffi = median(rounds = 7, repeat = 1) { drivekitWalk() }
            val jvm = median(rounds = 7, repeat = 1) { bareWalk() }
            report("walk 10,000 delta items over loopback", ffi, jvm, target = 1.3)
            client.close()
        }
    }

    private fun bareListDelta(http: HttpClient, baseUrl: String, cursor: String?): ByteArray {
        val body = buildString {
            append("""{"drive_id":"$DRIVE_ID","limit":100""")
            if (cursor != null) append(""","cursor":"$cursor"""")
            append("}")
        }
        val request = HttpRequest.newBuilder(URI.create("$baseUrl/v2/file/list_delta"))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .header("authorization", "Bearer ${MockDrive.TOKEN}")
            .header("content-type", "application/json")
            .build()
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray()).body()
    }

    /** The median, over `rounds` after as many warm-up rounds, of the time one of `repeat` runs takes. */
    private suspend fun median(rounds: Int, repeat: Int, work: suspend () -> Any?): Duration {
        val times = (1..rounds * 2).map {
            val started = System.nanoTime()
            repeat(repeat) { work() }
            (System.nanoTime() - started) / repeat
        }.drop(rounds).sorted()
        return Duration.ofNanos(times[times.size / 2])
    }

    private fun report(what: String, drivekit: Duration, baseline: Duration, target: Double) {
        val ratio = drivekit.toNanos().toDouble() / baseline.toNanos()
        println(
            "benchmark: $what: drivekit %.1f µs, java.net.http + Gson %.1f µs, ratio %.2fx (target at most %.1fx)"
                .format(drivekit.toNanos() / 1e3, baseline.toNanos() / 1e3, ratio, target),
        )
    }

    private companion object {
        const val DRIVE_ID = "1"
    }
}

/** Answers every request with the same body, so that only building, decoding and crossing the FFI are timed. */
private class CannedTransport(private val body: ByteArray) : HttpTransport {
    override suspend fun send(request: TransportRequest) = TransportResponse(200u, emptyList(), body)

    override suspend fun sleep(duration: Duration) = Unit
}

// The same page as plain JVM classes, every field the mock sends typed, for Gson.
private class JvmDeltaPage(val items: List<JvmDeltaItem>, val hasMore: Boolean, val cursor: String)

private class JvmLastCursor(val cursor: String)

private class JvmDeltaItem(val fileId: String, val op: String, val file: JvmFile?)

private class JvmImageMediaMetadata(
    val time: String?, val width: Long?, val height: Long?, val location: String?,
    val country: String?, val province: String?, val city: String?,
)

private class JvmFile(
    val domainId: String?, val driveId: String?, val fileId: String?, val name: String?, val type: String?,
    val contentType: String?, val createdAt: String?, val updatedAt: String?, val fileExtension: String?,
    val mimeType: String?, val mimeExtension: String?, val hidden: Boolean?, val size: Long?, val starred: Boolean?,
    val status: String?, val labels: List<String>?, val uploadId: String?, val parentFileId: String?,
    val crc64Hash: String?, val contentHash: String?, val contentHashName: String?, val category: String?,
    val localCreatedAt: String?, val localModifiedAt: String?, val revisionId: String?,
    val imageMediaMetadata: JvmImageMediaMetadata?, val revisionVersion: Long?, val creatorType: String?,
    val creatorId: String?, val creatorName: String?, val lastModifierType: String?, val lastModifierId: String?,
    val lastModifierName: String?, val trashed: Boolean?,
)
