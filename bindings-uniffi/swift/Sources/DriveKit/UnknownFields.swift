/// The JSON members a model has no field for (or whose value did not fit the field's type), kept as sent:
/// `members` maps each wire name to its value's JSON text. Its text forms show the names only, since a value may
/// be a signed URL or a token.
public struct UnknownFields: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// Each member's JSON text, by wire name.
    public let members: [String: String]

    public init(members: [String: String] = [:]) {
        self.members = members
    }

    /// The JSON text of the member sent under this wire name.
    public subscript(name: String) -> String? { members[name] }

    public var description: String { "{" + members.keys.sorted().joined(separator: ", ") + "}" }

    public var debugDescription: String { description }

    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
