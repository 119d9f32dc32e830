/// One file of the RTL bundle: its path relative to the bundle's directory and its text.
public struct RTLFile: Hashable, Sendable {
    public let path: String
    public let contents: String

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}
