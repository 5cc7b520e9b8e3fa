public import TableTalkCore

/// Delivers domain events handed over by event plugins (`events.deliver`) to SNS topics (`sns:<topic ARN>`, Publish)
/// and SQS queues (`sqs:<queue URL>`, SendMessage) through the shared ``AWSClient`` (SigV4, retries on throttling).
/// The body is the event's JSON as the plugin built it; the event name and delivery id travel as the message
/// attributes `tabletalk-event` and `tabletalk-delivery`.
public struct AWSEventTargets: EventTargetSink {
    public let client: AWSClient

    public init(client: AWSClient) { self.client = client }

    public func deliver(target: String, event: String, deliveryID: String, body: String) async throws -> String {
        let attributes = [("tabletalk-event", event), ("tabletalk-delivery", deliveryID)]
        if target.hasPrefix("sns:arn:") {
            var parameters = [(name: "TopicArn", value: String(target.dropFirst(4))), (name: "Message", value: body)]
            for (i, (name, value)) in attributes.enumerated() {
                let key = "MessageAttributes.entry.\(i + 1)"
                parameters += [(name: "\(key).Name", value: name), (name: "\(key).Value.DataType", value: "String"),
                               (name: "\(key).Value.StringValue", value: value)]
            }
            let reply = try await client.query(.sns, action: "Publish", parameters: parameters)
            return AWSXML.value("MessageId", in: reply) ?? ""
        }
        if target.hasPrefix("sqs:http") {
            var parameters = [(name: "QueueUrl", value: String(target.dropFirst(4))), (name: "MessageBody", value: body)]
            for (i, (name, value)) in attributes.enumerated() {
                let key = "MessageAttribute.\(i + 1)"
                parameters += [(name: "\(key).Name", value: name), (name: "\(key).Value.DataType", value: "String"),
                               (name: "\(key).Value.StringValue", value: value)]
            }
            let reply = try await client.query(.sqs, action: "SendMessage", parameters: parameters)
            return AWSXML.value("MessageId", in: reply) ?? ""
        }
        throw TableTalkError(.invalidArgument, "\(target) is neither sns:<topic ARN> nor sqs:<queue URL>")
    }
}
