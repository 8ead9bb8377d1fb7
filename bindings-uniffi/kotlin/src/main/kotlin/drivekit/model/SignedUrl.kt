package drivekit.model

/**
 * A download, thumbnail or content URL whose query grants access on its own (a signature, an STS token).
 * [url] is the whole URL, to hand to an HTTP client; [toString] shows only the part before `?`, so a model can be
 * logged or printed without leaking it.
 */
class SignedUrl(val url: String) {
    override fun toString(): String {
        val query = url.indexOf('?')
        return if (query < 0) url else url.substring(0, query) + "?<redacted>"
    }

    override fun equals(other: Any?): Boolean = other is SignedUrl && other.url == url

    override fun hashCode(): Int = url.hashCode()
}
