package drivekit.model

/**
 * The JSON members a model has no field for (or whose value did not fit the field's type), kept as sent:
 * [members] maps each wire name to its value's JSON text. [toString] shows the names only, since a value may be a
 * signed URL or a token.
 */
class UnknownFields(val members: Map<String, String> = emptyMap()) {
    /** The JSON text of the member sent under this wire name. */
    operator fun get(name: String): String? = members[name]

    override fun toString(): String = members.keys.sorted().joinToString(", ", "{", "}")

    override fun equals(other: Any?): Boolean = other is UnknownFields && other.members == members

    override fun hashCode(): Int = members.hashCode()
}
