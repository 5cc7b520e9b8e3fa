import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// The request context of the gateway: the Hummingbird WebSocket context plus the connection's channel, so a
/// route can see the remote address (for throttling failed tokens) and shape a refused upgrade's answer.
struct GatewayRequestContext: RequestContext, WebSocketRequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let webSocket: WebSocketHandlerReference<Self>
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
        channel = source.channel
    }

    var remoteAddress: SocketAddress? { channel.remoteAddress }

    /// The client's IP address (without the port): the key of failed-token throttling.
    var clientKey: String { channel.remoteAddress?.ipAddress ?? "unknown" }
}
