/// A capability module: owns one method namespace (`query`, `chat`…) and registers its handlers.
///
/// ```swift
/// struct PingCapability: Capability {
///     let namespace = "demo"
///     func register(in registry: inout MethodRegistry) {
///         registry.register(DemoEchoRequest.self) { request, context in .init(text: request.text) }
///     }
/// }
/// ```
public protocol Capability: Sendable {
    /// The namespace prefix of every method it registers (`query` for `query.run`).
    var namespace: String { get }
    func register(in registry: inout MethodRegistry)
}
