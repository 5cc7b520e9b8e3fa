import Hummingbird

/// The browser security headers of every HTTP answer: the UI's Content-Security-Policy (scripts, styles and
/// connections only to its own origin; `'self'` covers `ws:`/`wss:` to the same host and port), no framing
/// (`frame-ancestors 'none'`, `X-Frame-Options: DENY`), no content sniffing, and no referrer.
enum SecurityHeaders {
    static let contentSecurityPolicy =
        "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    static let xFrameOptions = HTTPFields.Element.Name("X-Frame-Options")!
    static let referrerPolicy = HTTPFields.Element.Name("Referrer-Policy")!

    static func add(to headers: inout HTTPFields) {
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[xFrameOptions] = "DENY"
        headers[.xContentTypeOptions] = "nosniff"
        headers[referrerPolicy] = "no-referrer"
    }
}

/// Adds ``SecurityHeaders`` to every response, error responses included.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            var response = try await next(request, context)
            SecurityHeaders.add(to: &response.headers)
            return response
        } catch var error as HTTPError {
            SecurityHeaders.add(to: &error.headers)
            throw error
        }
    }
}
