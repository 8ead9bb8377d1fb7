package drivekit

import com.google.gson.JsonObject
import com.google.gson.JsonParser
import java.io.BufferedReader
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.util.concurrent.TimeUnit

/**
 * The mock drive (`drivekit-mock`) as a child process on 127.0.0.1, and its control API. Closing it closes the
 * mock's stdin, which stops it even if this JVM dies first.
 */
class MockDrive private constructor(private val process: Process, val baseUrl: String) : AutoCloseable {
    private val http = HttpClient.newHttpClient()

    /** Content back to the seed, faults disarmed, request log emptied. */
    fun reset() {
        control("POST", "reset")
    }

    /** Arms a fault, e.g. `"kind": "status", "status": 429, "retry_after": 1` for the next `count` requests. */
    fun fault(path: String, vararg fields: Pair<String, Any>) {
        val body = JsonObject().apply {
            addProperty("path", path)
            for ((name, value) in fields) {
                when (value) {
                    is Number -> addProperty(name, value)
                    is Boolean -> addProperty(name, value)
                    else -> addProperty(name, value.toString())
                }
            }
        }
        control("POST", "faults", body.toString())
    }

    /** Creates a file through the control API (recorded in the change feed). */
    fun createFile(name: String, parentFileId: String) {
        val body = JsonObject().apply {
            addProperty("name", name)
            addProperty("parent_file_id", parentFileId)
        }
        control("POST", "files", body.toString())
    }

    /** Every service request so far, oldest first, as `METHOD path`. */
    fun requests(): List<String> = requestLog().map { "${it["method"].asString} ${it["path"].asString}" }

    /** Empties the request log. */
    fun clearRequests() {
        control("DELETE", "requests")
    }

    /** The statuses of the service requests to `path`, oldest first (null for a cut connection). */
    fun statuses(path: String): List<Int?> {
        return requestLog()
            .filter { it["path"].asString == path }
            .map { entry -> entry["status"].takeUnless { it.isJsonNull }?.asInt }
    }

    /** The log of service requests, oldest first, as the mock writes it (`method`, `path`, `status`, …). */
    fun requestLog(): List<JsonObject> {
        val log = JsonParser.parseString(control("GET", "requests")).asJsonObject
        return log.getAsJsonArray("requests").map { it.asJsonObject }
    }

    /** Sends a request to the control API (`path` under `/__mock/`), failing unless it succeeds. */
    fun control(method: String, path: String, body: String? = null): String {
        val publisher = body?.let { HttpRequest.BodyPublishers.ofString(it) } ?: HttpRequest.BodyPublishers.noBody()
        val request = HttpRequest.newBuilder(URI.create("$baseUrl/__mock/$path"))
            .method(method, publisher)
            .header("content-type", "application/json")
            .build()
        val response = http.send(request, HttpResponse.BodyHandlers.ofString())
        check(response.statusCode() in 200..299) { "mock control $method $path: ${response.statusCode()}" }
        return response.body()
    }

    override fun close() {
        process.outputStream.close()
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor()
    }

    companion object {
        const val TOKEN = "mock-access-token"
        const val SHARE_TOKEN = "mock-share-token"
        const val ACCESS_KEY_ID = "mock-akid"
        const val ACCESS_KEY_SECRET = "mock-secret"
        const val DRIVE_ID = "1"
        const val SHARE_ID = "7JQX1FswpQ8"
        const val FILE_ID = "9520943DC264"
        const val VIDEOS_FOLDER_ID = "3d5b846942cf94fa72324c8a4bda34e81da635a"
        const val ALBUM_ID = "1795607640592646273"
        const val ALBUM_SIZE = 252

        /** Starts the mock built by cargo (the build passes its path), with extra options such as `--files 10000`. */
        fun start(vararg options: String): MockDrive {
            val binary = System.getProperty("drivekit.mock") ?: error("the build sets drivekit.mock")
            val process = ProcessBuilder(binary, "--host", "127.0.0.1", "--port", "0", *options)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start()
            val baseUrl = process.inputStream.bufferedReader().let(BufferedReader::readLine)
            if (baseUrl == null || !baseUrl.startsWith("http://127.0.0.1:")) {
                process.destroyForcibly()
                error("the mock drive did not start")
            }
            return MockDrive(process, baseUrl)
        }
    }
}
