import Hummingbird

/// Finds the access token of an HTTP request: `Authorization: Bearer <token>`, or `?token=` (browsers
/// cannot set headers on WebSocket upgrades).
enum TokenExtraction {
    static func token(in request: Request) -> String? {
        if let auth = request.headers[.authorization] {
            let parts = auth.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return String(parts[1]) }
        }
        return request.uri.queryParameters["token"].map(String.init)
    }
}
