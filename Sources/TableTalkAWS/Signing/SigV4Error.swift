/// Why a request could not be signed.
public enum SigV4Error: Error, Sendable, Hashable, CustomStringConvertible {
    /// The request URL is not `scheme://host[:port][/path][?query]`.
    case invalidURL(String)

    public var description: String {
        switch self {
        case .invalidURL(let url): "cannot sign a request to \"\(url)\": not an absolute http(s) URL"
        }
    }
}
