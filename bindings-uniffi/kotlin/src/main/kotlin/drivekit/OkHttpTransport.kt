package drivekit

import java.io.IOException
import java.io.InterruptedIOException
import java.net.ConnectException
import java.net.NoRouteToHostException
import java.net.UnknownHostException
import java.time.Duration
import java.util.concurrent.TimeUnit
import kotlin.coroutines.resume
import kotlin.coroutines.resumeWithException
import kotlinx.coroutines.delay
import kotlinx.coroutines.suspendCancellableCoroutine
import okhttp3.Call
import okhttp3.Callback
import okhttp3.OkHttpClient
import okhttp3.Request
import okhttp3.RequestBody.Companion.toRequestBody
import okhttp3.Response

/**
 * An [HttpTransport] on OkHttp, for apps that already use it: pass your own client for its interceptors,
 * certificate pinning, proxy and connection pool. drivekit does not bring OkHttp along (an optional dependency):
 * add `com.squareup.okhttp3:okhttp` 4.x to use this class. Cancelling the calling coroutine cancels the call. The
 * request's timeout is the call's timeout, which runs until the body's last byte, and the body is read no further
 * than the request's `maxResponseBytes`.
 */
class OkHttpTransport(private val client: OkHttpClient = OkHttpClient()) : HttpTransport {
    override suspend fun send(request: TransportRequest): TransportResponse {
        // GET and HEAD must not carry a body; every other method must, if only an empty one.
        val body = if (request.method == "GET" || request.method == "HEAD") null else request.body.toRequestBody()
        val builder = Request.Builder().url(request.url).method(request.method, body)
        for (header in request.headers) builder.addHeader(header.name, header.value)
        val call = client.newCall(builder.build())
        call.timeout().timeout(request.timeout.toNanos(), TimeUnit.NANOSECONDS)
        return suspendCancellableCoroutine { continuation ->
            continuation.invokeOnCancellation { call.cancel() }
            call.enqueue(
                object : Callback {
                    override fun onResponse(call: Call, response: Response) {
                        // The body is read here, on OkHttp's thread, so that the coroutine never blocks on it.
                        val received = try {
                            response.use { it.toTransportResponse(request.maxResponseBytes) }
                        } catch (e: IOException) {
                            continuation.resumeWithException(e.asTransportException())
                            return
                        } catch (e: TransportException) {
                            continuation.resumeWithException(e)
                            return
                        }
                        continuation.resume(received)
                    }

                    override fun onFailure(call: Call, e: IOException) {
                        continuation.resumeWithException(e.asTransportException())
                    }
                },
            )
        }
    }

    override suspend fun sleep(duration: Duration) = delay(duration.toMillis())
}

/** The response, its body read no further than [limit]; closing it early (past the limit) ends the call. */
private fun Response.toTransportResponse(limit: ULong): TransportResponse {
    val received = body?.let { it.byteStream().readAtMost(limit, it.contentLength()) } ?: ByteArray(0)
    val headerList = headers.map { (name, value) -> HttpHeader(name, value) }
    return TransportResponse(code.toUShort(), headerList, received)
}

/** How far the call got decides whether the core may resend it; the message never holds headers. */
private fun IOException.asTransportException(): TransportException {
    val reason = "${javaClass.simpleName}: ${message.orEmpty()}"
    return when (this) {
        is ConnectException, is UnknownHostException, is NoRouteToHostException -> TransportException.Connect(reason)
        // OkHttp reports a spent call timeout and a slow read alike as an interrupted read.
        is InterruptedIOException -> TransportException.Timeout(reason)
        else -> TransportException.Io(reason)
    }
}
