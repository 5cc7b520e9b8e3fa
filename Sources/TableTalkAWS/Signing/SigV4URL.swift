import Foundation

/// The parts of a request URL that SigV4 signs, split without re-encoding anything.
struct SigV4URL: Sendable, Hashable {
    var scheme: String
    /// Lower-cased host, with `:port` when the port is not the scheme's default (the `host` header SigV4 signs).
    var hostHeader: String
    /// Percent-encoded path as sent ("/" when empty).
    var path: String
    /// Percent-encoded query as sent, without `?` ("" when none).
    var query: String

    init(_ url: String) throws(SigV4Error) {
        guard let schemeEnd = url.range(of: "://") else { throw .invalidURL(url) }
        scheme = url[..<schemeEnd.lowerBound].lowercased()
        var rest = url[schemeEnd.upperBound...]
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        guard !authority.isEmpty else { throw .invalidURL(url) }
        var host = String(authority), port: Int?
        if let colon = authority.lastIndex(of: ":"), !authority[colon...].contains("]") {
            host = String(authority[..<colon])
            guard let number = Int(authority[authority.index(after: colon)...]) else { throw .invalidURL(url) }
            port = number
        }
        let defaultPort = scheme == "https" ? 443 : scheme == "http" ? 80 : nil
        hostHeader = host.lowercased() + (port.map { $0 == defaultPort ? "" : ":\($0)" } ?? "")
        let pathAndQuery = rest[authorityEnd...]
        if let question = pathAndQuery.firstIndex(of: "?") {
            path = String(pathAndQuery[..<question])
            query = String(pathAndQuery[pathAndQuery.index(after: question)...])
        } else {
            path = String(pathAndQuery)
            query = ""
        }
        if path.isEmpty { path = "/" }
    }
}
