import NIOCore
import NIOHTTP1

/// Gives a refused WebSocket upgrade its real status. Hummingbird answers every refused upgrade with an empty
/// 400; when the `/rpc` route refuses because of the token, it puts this handler in the pipeline (before the HTTP
/// codec that writes that answer), and the answer goes out as 401 (invalid token) or 429 (throttled) instead.
final class UpgradeRefusalHandler: ChannelOutboundHandler, RemovableChannelHandler, Sendable {
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    let status: HTTPResponseStatus

    init(status: HTTPResponseStatus) { self.status = status }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .head(var head) = unwrapOutboundIn(data), head.status == .badRequest else {
            context.write(data, promise: promise)
            return
        }
        head.status = status
        if status == .unauthorized { head.headers.replaceOrAdd(name: "WWW-Authenticate", value: #"Bearer realm="tabletalk""#) }
        if status == .tooManyRequests { head.headers.replaceOrAdd(name: "Retry-After", value: "60") }
        context.write(wrapOutboundOut(.head(head)), promise: promise)
    }
}
