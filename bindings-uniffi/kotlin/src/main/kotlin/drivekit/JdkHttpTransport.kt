package drivekit

import java.io.IOException
import java.net.ConnectException
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpConnectTimeoutException
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.net.http.HttpTimeoutException
import java.nio.ByteBuffer
import java.nio.channels.UnresolvedAddressException
import java.time.Duration
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionStage
import java.util.concurrent.Flow
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.runInterruptible
import kotlinx.coroutines.withTimeoutOrNull

/**
 * An [HttpTransport] on the JDK's `java.net.http.HttpClient`: pass your own client for proxies, TLS settings or an
 * executor. Cancelling the calling coroutine cancels the exchange. Plain `http://` URLs are sent as HTTP/1.1. The
 * request's timeout bounds the whole exchange, body included, and the body is read no further than the request's
 * `maxResponseBytes`.
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
        val exchange = builder.build()
        // `sendAsync` hands every response over to the JDK's common async pool, which on machines with two cores or
        // fewer starts a new thread per response; the blocking `send`, on a thread meant for blocking, hands it
        // straight back, body and all. Cancelling the coroutine interrupts the thread, which cancels the exchange.
        // The request's own timeout ends once the headers are in: this deadline also covers the body, so that a
        // server trickling bytes cannot hold the attempt past it.
        return withTimeoutOrNull(request.timeout.toMillis()) {
            runInterruptible(Dispatchers.IO) { receive(exchange, request.maxResponseBytes) }
        } ?: throw TransportException.Timeout("no complete answer within ${request.timeout.toMillis()} ms")
    }

    /** One exchange on this (interruptible) thread, its body received no further than [limit]. */
    private fun receive(exchange: HttpRequest, limit: ULong): TransportResponse {
        var subscriber: BoundedSubscriber? = null
        val bounded = HttpResponse.BodyHandler<ByteArray> { info ->
            BoundedSubscriber(limit, info.headers().firstValueAsLong("content-length").orElse(-1))
                .also { subscriber = it }
        }
        val response = try {
            client.send(exchange, bounded)
        } catch (e: IOException) {
            // Cancelling a body past the limit may fail the exchange with the connection's own error first.
            throw subscriber?.refusal ?: e.asTransportException()
        } catch (e: UnresolvedAddressException) {
            throw TransportException.Connect("unresolved address")
        }
        val headers = response.headers().map().flatMap { (name, values) -> values.map { HttpHeader(name, it) } }
        return TransportResponse(response.statusCode().toUShort(), headers, response.body())
    }

    override suspend fun sleep(duration: Duration) = delay(duration.toMillis())
}

/**
 * Receives a body as a [BoundedBody]: past its limit, the exchange is cancelled (closing its connection) and ends
 * with [TransportException.ResponseTooLarge].
 */
private class BoundedSubscriber(private val limit: ULong, private val announced: Long) :
    HttpResponse.BodySubscriber<ByteArray> {
    private val body = CompletableFuture<ByteArray>()
    private var subscription: Flow.Subscription? = null
    private var received: BoundedBody? = null

    /** Why the body was refused, once it was. */
    @Volatile
    var refusal: TransportException? = null
        private set

    override fun getBody(): CompletionStage<ByteArray> = body

    override fun onSubscribe(subscription: Flow.Subscription) {
        this.subscription = subscription
        received = try {
            BoundedBody(limit, announced)
        } catch (e: TransportException) {
            return refuse(e)
        }
        subscription.request(Long.MAX_VALUE)
    }

    override fun onNext(item: List<ByteBuffer>) {
        val received = received ?: return
        try {
            item.forEach(received::add)
        } catch (e: TransportException) {
            refuse(e)
        }
    }

    override fun onError(throwable: Throwable) {
        body.completeExceptionally(throwable)
    }

    override fun onComplete() {
        received?.let { body.complete(it.toByteArray()) }
    }

    private fun refuse(tooLarge: TransportException) {
        refusal = tooLarge
        received = null
        body.completeExceptionally(tooLarge)
        subscription?.cancel()
    }
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
