package drivekit

import java.io.ByteArrayOutputStream
import java.io.InputStream
import java.nio.ByteBuffer

/**
 * A response body as it arrives, never longer than a request's `maxResponseBytes` ([limit]): one whose
 * [announced] length (its `Content-Length`, or -1 when unknown) is past the limit is refused before its first
 * byte, any other as soon as one byte more has arrived, with [TransportException.ResponseTooLarge].
 */
internal class BoundedBody(private val limit: ULong, announced: Long) {
    private val most = limit.coerceAtMost(Long.MAX_VALUE.toULong()).toLong()
    private val received: ByteArrayOutputStream

    init {
        if (announced > most) throw tooLarge()
        received = ByteArrayOutputStream(announced.coerceIn(0L, Int.MAX_VALUE - 8L).toInt())
    }

    /** Adds [length] bytes of [piece]. */
    fun add(piece: ByteArray, length: Int) {
        if (received.size() + length.toLong() > most) throw tooLarge()
        received.write(piece, 0, length)
    }

    /** Adds what [buffer] holds. */
    fun add(buffer: ByteBuffer) {
        if (received.size() + buffer.remaining().toLong() > most) throw tooLarge()
        val piece = ByteArray(buffer.remaining())
        buffer.get(piece)
        received.write(piece, 0, piece.size)
    }

    /** The whole body. */
    fun toByteArray(): ByteArray = received.toByteArray()

    private fun tooLarge() = TransportException.ResponseTooLarge("the body is longer than $limit bytes")
}

/** How much of a stream is read at a time. */
private const val READ_BYTES = 16 * 1024

/** Reads this body to its end as a [BoundedBody]: no further than [limit], refused past it. */
internal fun InputStream.readAtMost(limit: ULong, announced: Long): ByteArray {
    val body = BoundedBody(limit, announced)
    val piece = ByteArray(READ_BYTES)
    while (true) {
        val read = read(piece)
        if (read < 0) return body.toByteArray()
        body.add(piece, read)
    }
}
