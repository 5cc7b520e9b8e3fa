/// Delivers a domain event to a target the gateway reaches itself: an AWS SNS topic (`sns:<topic ARN>`) or SQS queue
/// (`sqs:<queue URL>`). Event plugins (Plugins/Webhooks) hand such deliveries over with the request `events.deliver`;
/// the AWS adapter implements it, so request signing stays in one place.
public protocol EventTargetSink: Sendable {
    /// Sends `body` (the event's JSON) to `target`; returns the service's message id. Throws when it was not sent.
    func deliver(target: String, event: String, deliveryID: String, body: String) async throws -> String
}
