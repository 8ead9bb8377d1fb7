package drivekit

import java.io.IOException
import java.net.ConnectException
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpConnectTimeoutException
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.net.http.HttpTimeoutException
import java.nio.channels.UnresolvedAddressException
import java.time.Duration
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.runInterruptible

/**
 * An [HttpTransport] on the JDK's `java.net.http.HttpClient`: pass your own client for proxies, TLS settings or an
 * executor. Cancelling the calling coroutine cancels the exchange. Plain `http://` URLs are sent as HTTP/1.1.
 */
class JdkHttpTransport(
    private val client: HttpClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
) : HttpTransport {
    override suspend fun send(request: TransportRequest): TransportResponse {
        val body = if (request.body.isEmpty()) {
            HttpRequest.BodyPublishers.noBody()
        } else {
            HttpRequest.BodyPublishers.ofByteArray(request.body)
        }
        val uri = URI.create(request.url)
        val builder = HttpRequest.newBuilder(uri)
            .timeout(request.timeout)
            .method(request.method, body)
        // Without TLS there is no ALPN: asking for HTTP/2 means offering an h2c upgrade that servers rarely accept;
        // asking for HTTP/1.1 skips the offer.
        if (uri.scheme.equals("http", ignoreCase = true)) builder.version(HttpClient.Version.HTTP_1_1)
        for (header in request.headers) builder.header(header.name, header.value)
        // `sendAsync` hands every response over to the JDK's common async pool, which on machines with two cores or
        // fewer starts a new thread per response; the blocking `send`, on a thread meant for blocking, hands it
        // straight back. Cancelling the coroutine interrupts the thread, which cancels the exchange.
        val response = try {
            runInterruptible(Dispatchers.IO) { client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray()) }
        } catch (e: IOException) {
            throw e.asTransportException()
        } catch (e: UnresolvedAddressException) {
            throw TransportException.Connect("unresolved address")
        }
        val headers = response.headers().map().flatMap { (name, values) -> values.map { HttpHeader(name, it) } }
        return TransportResponse(response.statusCode().toUShort(), headers, response.body())
    }

    override suspend fun sleep(duration: Duration) = delay(duration.toMillis())
}

/** How far the exchange got decides whether the core may resend it; the message never holds headers. */
private fun IOException.asTransportException(): TransportException {
    val reason = "${javaClass.simpleName}: ${message.orEmpty()}"
    return when (this) {
        is HttpConnectTimeoutException, is ConnectException -> TransportException.Connect(reason)
        is HttpTimeoutException -> TransportException.Timeout(reason)
        else -> TransportException.Io(reason)
    }
}
