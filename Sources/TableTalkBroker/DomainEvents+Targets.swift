public import TableTalkCore
public import TableTalkProtocol
import Synchronization

extension DomainEvents {
    /// Sets where `events.deliver` requests from plugins go (nil: they are refused).
    public func setTargetSink(_ sink: (any EventTargetSink)?) {
        targetSink.withLock { $0 = sink }
    }

    /// Answers a request a plugin sent the gateway: `events.deliver {target, event, deliveryId, body}` → `{messageId}`.
    /// Anything else is `methodNotFound` (plugins may ask the gateway nothing more).
    func answerPluginRequest(method: String, params: JSONValue?) async -> Result<JSONValue, RPCError> {
        guard method == "events.deliver" else { return .failure(.methodNotFound(method)) }
        guard let target = params?["target"]?.stringValue, let body = params?["body"]?.stringValue,
            let event = params?["event"]?.stringValue, let delivery = params?["deliveryId"]?.stringValue
        else { return .failure(.invalidParams("events.deliver needs target, event, deliveryId and body (strings)")) }
        guard let sink = targetSink.withLock({ $0 }) else {
            return .failure(.invalidParams("this gateway delivers to no sns: or sqs: target (AWS deployment only)"))
        }
        do {
            let id = try await sink.deliver(target: target, event: event, deliveryID: delivery, body: body)
            return .success(["messageId": .string(id)])
        } catch {
            let message = (error as? TableTalkError)?.message ?? String(describing: error)
            return .failure(RPCError(.internalError, "delivery to \(target) failed: \(message)"))
        }
    }
}
