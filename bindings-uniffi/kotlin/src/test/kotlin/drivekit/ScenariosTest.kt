package drivekit

import com.google.gson.JsonArray
import com.google.gson.JsonElement
import com.google.gson.JsonNull
import com.google.gson.JsonObject
import com.google.gson.JsonParser
import com.google.gson.JsonPrimitive
import java.io.File
import java.util.concurrent.atomic.AtomicInteger
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assumptions
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.TestInstance

/**
 * The shared scenarios (each JSON file in `tests/scenarios`, whose README gives the format) through the Kotlin API,
 * one test each, against a mock drive reset before each. Names in the files are the core's; they are turned into
 * Kotlin's named parameters here, and a validation error's field is the core's already.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScenariosTest {
    private val mock = MockDrive.start()

    @AfterAll
    fun stop() = mock.close()

    @TestFactory
    fun `every shared scenario holds`(): List<DynamicTest> {
        val folder = File(System.getProperty("drivekit.scenarios") ?: error("the build sets drivekit.scenarios"))
        val files = folder.listFiles { file -> file.name.endsWith(".json") }.orEmpty().sortedBy { it.name }
        check(files.isNotEmpty()) { "no scenario in $folder" }
        return files.map { file ->
            DynamicTest.dynamicTest(file.nameWithoutExtension) {
                val scenario = JsonParser.parseString(file.readText()).asJsonObject
                scenario.obj("not_in")?.str("kotlin")?.let { Assumptions.abort<Unit>("not run here: $it") }
                mock.reset()
                runBlocking { withTimeout(120_000) { Scenario(mock).run(scenario.getAsJsonArray("steps")) } }
            }
        }
    }
}

/** The user id KooDrive calls name. */
private const val USER_ID = "1765263620687613825"

/** One scenario's state: positions saved and entry keys collected by its walks. */
private class Scenario(private val mock: MockDrive) {
    private val positions = mutableMapOf<String, String>()
    private val collected = mutableMapOf<String, MutableList<String>>()

    suspend fun run(steps: JsonArray) {
        steps.forEachIndexed { index, step ->
            val (kind, body) = step.asJsonObject.entrySet().single()
            try {
                step(kind, body.asJsonObject)
            } catch (failure: AssertionError) {
                throw AssertionError("step ${index + 1} ($kind): ${failure.message}", failure)
            }
        }
    }

    private suspend fun step(kind: String, body: JsonObject) {
        when (kind) {
            "fault" -> mock.control("POST", "faults", body.toString())
            "change" -> change(body)
            "clear_requests" -> mock.clearRequests()
            "rate_limit" -> mock.control("PUT", "rate_limit", body.toString())
            "call" -> together(body) { pds, koodrive -> call(body, pds, koodrive) }
            "walk" -> together(body) { pds, koodrive -> walk(body, pds, koodrive) }
            "expect_collected" -> expectCollected(body)
            "expect_requests" -> expectRequests(body)
            else -> fail("unknown step $kind")
        }
    }

    private fun change(step: JsonObject) {
        val path = step.str("path") ?: fail("a change names its path")
        val repeat = step.long("repeat")
        for (n in 1..(repeat ?: 1)) {
            val numbered = { text: String -> if (repeat != null) text.replace("{n}", n.toString()) else text }
            val body = step["body"]?.let { numberStrings(it, numbered) }
            mock.control("POST", numbered(path).removePrefix("/"), body?.toString())
        }
    }

    /**
     * Runs the step's call or walk `times` times at once (once by default) on one client of each kind, made as its
     * options say: each must meet `expect`, within the duration of the whole step.
     */
    private suspend fun together(step: JsonObject, work: suspend (PdsClient, KooDriveClient) -> Unit) {
        val options = step.obj("options")
        val retry = retryOptions(options)
        val maxResponseBytes = options?.long("max_response_bytes")?.toULong()
        val provider = if (options?.bool("token_provider") == true) Provider() else null
        val ended = pds(retry, maxResponseBytes, provider).use { pds ->
            koodrive(retry, maxResponseBytes).use { koodrive ->
                timed(step.long("times")?.toInt() ?: 1) { work(pds, koodrive) }
            }
        }
        val expected = step.obj("expect")
        ended.forEach { expect(expected, it) }
        expected?.long("provider_calls")?.let { wanted ->
            val asked = provider?.asked?.get() ?: 0
            if (asked.toLong() != wanted) fail("the token provider was asked $asked times, $wanted expected")
        }
    }

    private suspend fun call(step: JsonObject, pds: PdsClient, koodrive: KooDriveClient) {
        val args = step.obj("args") ?: JsonObject()
        val cancelAfter = step.long("cancel_after_ms")
        val work: suspend () -> Any = when (val operation = step.str("operation")) {
            "get_file" -> suspend {
                pds.getFile(
                    args.str("file_id").orEmpty(),
                    driveId = args.str("drive_id"),
                    shareId = args.str("share_id"),
                    urlExpireSec = args.long("url_expire_sec"),
                    fields = args.str("fields"),
                )
            }
            "update_file" -> suspend {
                pds.updateFile(
                    args.str("drive_id").orEmpty(),
                    args.str("file_id").orEmpty(),
                    name = args.str("name"),
                    description = args.str("description"),
                    labels = args.getAsJsonArray("labels")?.map { it.asString },
                    checkNameMode = args.str("check_name_mode"),
                    localModifiedAt = args.str("local_modified_at"),
                    hidden = args.bool("hidden"),
                    starred = args.bool("starred"),
                )
            }
            "list_delta" -> suspend {
                pds.listDelta(
                    args.str("drive_id").orEmpty(),
                    syncRootId = args.str("sync_root_id"),
                    cursor = args.str("cursor"),
                    limit = args.long("limit"),
                )
            }
            "list_recyclebin" -> suspend {
                pds.listRecyclebin(
                    args.str("drive_id").orEmpty(),
                    marker = args.str("marker"),
                    limit = args.long("limit"),
                    fields = args.str("fields"),
                )
            }
            "get_last_cursor" -> suspend {
                pds.getLastCursor(args.str("drive_id").orEmpty(), syncRootId = args.str("sync_root_id"))
            }
            "list_album_files" -> suspend {
                koodrive.listAlbumFiles(
                    args.str("album_id").orEmpty(),
                    pageSize = args.long("page_size"),
                    pageCursor = args.str("page_cursor"),
                    sortType = args.long("sort_type"),
                    sortDirection = args.long("sort_direction"),
                    traceId = args.str("trace_id"),
                )
            }
            else -> fail("unknown operation $operation")
        }
        if (cancelAfter == null) work() else cancelledAfter(cancelAfter, work)
    }

    /** Runs `work`, cancelling its coroutine after `millis` if it has not ended, and waits for it to end. */
    private suspend fun cancelledAfter(millis: Long, work: suspend () -> Any) = coroutineScope {
        val running = async { work() }
        delay(millis)
        running.cancel()
        running.await()
    }

    private suspend fun walk(step: JsonObject, pds: PdsClient, koodrive: KooDriveClient) {
        val args = step.obj("args") ?: JsonObject()
        val from = step.str("from")?.let { name -> positions[name] ?: fail("no position saved as $name") }
        when (val listing = step.str("listing")) {
            "list_delta" -> {
                val walk = {
                    pds.listDeltaPages(
                        args.str("drive_id").orEmpty(),
                        syncRootId = args.str("sync_root_id"),
                        cursor = args.str("cursor"),
                        limit = args.long("limit"),
                        position = from,
                    )
                }
                val (pages, items, position) = Triple(DeltaPages::pages, DeltaPages::items, DeltaPages::position)
                walkWith(step, walk, pages, items, position, { it.items.orEmpty() }) { "${it.op}/${it.fileId}" }
            }
            "list_recyclebin" -> {
                val walk = {
                    pds.listRecyclebinPages(
                        args.str("drive_id").orEmpty(),
                        marker = args.str("marker"),
                        limit = args.long("limit"),
                        fields = args.str("fields"),
                        position = from,
                    )
                }
                val (pages, items) = RecyclebinPages::pages to RecyclebinPages::items
                val position = RecyclebinPages::position
                walkWith(step, walk, pages, items, position, { it.items.orEmpty() }) { it.fileId.orEmpty() }
            }
            "list_album_files" -> {
                val walk = {
                    koodrive.listAlbumFilesPages(
                        args.str("album_id").orEmpty(),
                        pageSize = args.long("page_size"),
                        pageCursor = args.str("page_cursor"),
                        sortType = args.long("sort_type"),
                        sortDirection = args.long("sort_direction"),
                        traceId = args.str("trace_id"),
                        position = from,
                    )
                }
                val (pages, items) = AlbumFilesPages::pages to AlbumFilesPages::items
                val position = AlbumFilesPages::position
                walkWith(step, walk, pages, items, position, { it.contentList.orEmpty() }) { it.id.orEmpty() }
            }
            else -> fail("unknown listing $listing")
        }
    }

    /**
     * Makes the walk (which checks its inputs and position), then collects entries one by one (`items()`) or whole
     * pages (`pages()`) as the step says; the keys of what was handed out are collected and the position saved
     * however the walk ends (unless it runs several `times`).
     */
    private suspend fun <W : AutoCloseable, P : Any, I : Any> walkWith(
        step: JsonObject,
        make: () -> W,
        pages: W.() -> Flow<P>,
        items: W.() -> Flow<I>,
        position: W.() -> String,
        itemsOf: (P) -> List<I>,
        key: (I) -> String,
    ) {
        val taken = mutableListOf<String>()
        make().use { walk ->
            try {
                val pageCount = count(step["pages"])
                if (pageCount != null) {
                    if (pageCount > 0) walk.pages().take(pageCount).collect { taken += itemsOf(it).map(key) }
                } else {
                    val itemCount = count(step["items"]) ?: Int.MAX_VALUE
                    if (itemCount > 0) walk.items().take(itemCount).collect { taken += key(it) }
                }
            } finally {
                if (step.has("times")) return@use
                step.str("collect")?.let { collected.getOrPut(it) { mutableListOf() } += taken }
                step.str("save_position")?.let { positions[it] = walk.position() }
            }
        }
    }

    private fun expectCollected(step: JsonObject) {
        val joined = step.getAsJsonArray("lists").flatMap { collected[it.asString] ?: fail("nothing collected as $it") }
        step.str("equal")?.let { name ->
            val expected = collected[name] ?: fail("nothing collected as $name")
            if (joined != expected) {
                val at = (0 until maxOf(joined.size, expected.size))
                    .first { joined.getOrNull(it) != expected.getOrNull(it) }
                fail("${joined.size} keys collected, ${expected.size} expected; first difference at $at")
            }
        }
        if (step.bool("unique") == true) {
            val repeated = joined.groupingBy { it }.eachCount().filterValues { it > 1 }.keys
            repeated.firstOrNull()?.let { fail("$it was handed out twice") }
        }
        step.getAsJsonArray("contains_once")?.forEach { wanted ->
            val times = joined.count { it == wanted.asString }
            if (times != 1) fail("${wanted.asString} was handed out $times times")
        }
        step.long("count")?.let { if (joined.size.toLong() != it) fail("${joined.size} keys collected, $it expected") }
    }

    private fun expectRequests(step: JsonObject) {
        val path = step.str("path")
        val logged = mock.requestLog().filter { path == null || it.str("path") == path }
        val count = step.long("count") ?: fail("expect_requests gives a count")
        if (logged.size.toLong() != count) fail("${logged.size} requests logged, $count expected: $logged")
        step.getAsJsonArray("statuses")?.let { statuses ->
            val seen = logged.map { it["status"] ?: JsonNull.INSTANCE }
            if (seen != statuses.toList()) fail("statuses $seen, $statuses expected")
        }
    }

    private fun pds(retry: RetryOptions?, maxResponseBytes: ULong?, provider: Provider?): PdsClient {
        val credentials = provider?.let(PdsCredentials::tokenProvider) ?: PdsCredentials.accessToken(MockDrive.TOKEN)
        return PdsClient(
            mock.baseUrl,
            credentials,
            JdkHttpTransport(),
            retry = retry,
            maxResponseBytes = maxResponseBytes,
        )
    }

    private fun koodrive(retry: RetryOptions?, maxResponseBytes: ULong?) =
        KooDriveClient(
            mock.baseUrl,
            KooDriveCredentials.accessToken(MockDrive.TOKEN, USER_ID),
            JdkHttpTransport(),
            retry = retry,
            maxResponseBytes = maxResponseBytes,
        )
}

/** A client's token provider as `token_provider: true` asks: an expired token first, the mock's after. */
private class Provider : AccessTokenProvider {
    val asked = AtomicInteger()

    override suspend fun accessToken() = if (asked.incrementAndGet() == 1) "expired-token" else MockDrive.TOKEN
}

/** How a call or walk ended: its failure, if any, and how long its step took in milliseconds. */
private class Ended(val failure: Throwable?, val tookMs: Long)

/** Runs `work` `times` times at once, and answers how each ended. */
private suspend fun timed(times: Int, work: suspend () -> Unit): List<Ended> {
    val started = System.nanoTime()
    val failures = coroutineScope { List(times) { async { failureOf(work) } }.awaitAll() }
    val tookMs = (System.nanoTime() - started) / 1_000_000
    return failures.map { Ended(it, tookMs) }
}

private suspend fun failureOf(work: suspend () -> Unit): Throwable? = try {
    work()
    null
} catch (failure: DriveException) {
    failure
} catch (failure: CancellationException) {
    failure
}

private fun expect(expect: JsonObject?, ended: Ended) {
    val took = ended.tookMs
    expect?.long("min_ms")?.let { if (took < it) fail("took $took ms, under $it") }
    expect?.long("max_ms")?.let { if (took > it) fail("took $took ms, over $it") }
    val wanted = expect?.str("error")
    val failure = ended.failure
    when {
        wanted == null && failure == null -> return
        wanted == null -> throw AssertionError("failed: $failure", failure)
        failure == null -> fail("succeeded, $wanted expected")
    }
    val described = described(failure!!)
    if (described.kind != wanted) {
        throw AssertionError("failed with ${described.kind} ($failure), $expect expected", failure)
    }
    expect?.str("field")?.let { if (described.field != it) fail("refused ${described.field}, $it expected") }
    expect?.long("status")?.let { if (described.status != it) fail("status ${described.status}, $it expected") }
    expect?.long("limit")?.let { if (described.limit != it) fail("limit ${described.limit}, $it expected") }
    expect?.str("message_contains")?.let { part ->
        if (failure.message?.contains(part) != true) fail("$failure does not say \"$part\"")
    }
}

/** A failure as the scenarios name it: the core's code of its kind, the field, the HTTP status, the size limit. */
private data class Described(val kind: String, val field: String? = null, val status: Long? = null, val limit: Long? = null)

private fun described(failure: Throwable): Described = when (failure) {
    is DriveException.InvalidArgument -> Described("invalid_argument", field = failure.field)
    is DriveException.Api -> Described("api", status = failure.status.toLong())
    is DriveException.RateLimited -> Described("rate_limited", status = failure.status.toLong())
    is DriveException.Decode -> Described("decode")
    is DriveException.Transport -> Described("transport")
    is DriveException.OutcomeUnknown -> Described("outcome_unknown")
    is DriveException.Timeout -> Described("timeout")
    is DriveException.ResponseTooLarge -> Described("response_too_large", limit = failure.limit.toLong())
    is DriveException.Cancelled, is CancellationException -> Described("cancelled")
    is DriveException.RepeatedCursor -> Described("repeated_cursor")
    is DriveException.TokenProvider -> Described("token_provider")
    else -> throw failure
}

private fun retryOptions(options: JsonObject?): RetryOptions? {
    options ?: return null
    val default = RetryOptions()
    return RetryOptions(
        maxAttempts = options.long("max_attempts")?.toUInt() ?: default.maxAttempts,
        initialBackoffSeconds = default.initialBackoffSeconds,
        attemptTimeoutSeconds = options.seconds("attempt_timeout_ms") ?: default.attemptTimeoutSeconds,
        totalTimeoutSeconds = options.seconds("timeout_ms") ?: default.totalTimeoutSeconds,
    )
}

/** `"all"`, or a number of entries or pages; null when the step does not say. */
private fun count(value: JsonElement?): Int? = when {
    value == null || value.isJsonNull -> null
    value.isJsonPrimitive && value.asJsonPrimitive.isString && value.asString == "all" -> Int.MAX_VALUE
    else -> value.asInt
}

private fun numberStrings(value: JsonElement, numbered: (String) -> String): JsonElement = when {
    value.isJsonPrimitive && value.asJsonPrimitive.isString -> JsonPrimitive(numbered(value.asString))
    value.isJsonObject -> JsonObject().apply {
        for ((name, member) in value.asJsonObject.entrySet()) add(name, numberStrings(member, numbered))
    }
    else -> value
}

private fun JsonObject.obj(name: String): JsonObject? = get(name)?.takeIf { it.isJsonObject }?.asJsonObject
private fun JsonObject.str(name: String): String? = get(name)?.takeUnless { it.isJsonNull }?.asString
private fun JsonObject.long(name: String): Long? = get(name)?.takeUnless { it.isJsonNull }?.asLong
private fun JsonObject.bool(name: String): Boolean? = get(name)?.takeUnless { it.isJsonNull }?.asBoolean
private fun JsonObject.seconds(millisName: String): Double? = long(millisName)?.let { it / 1000.0 }

private fun fail(message: String): Nothing = throw AssertionError(message)
