import Foundation
import TableTalkAWS
import TableTalkCore
import TableTalkTestSupport
import Testing

/// Events handed to the gateway by the webhooks plugin (`events.deliver`) reach SQS queues and SNS topics through the
/// shared AWS client, against moto_server; the messages are read back from a queue.
@Suite struct AWSEventTargetsTests {
    static func client() async throws -> AWSClient {
        let endpoint = try await MotoServer.endpoint()
        let settings = AWSSettings(region: MotoServer.region, endpointOverride: endpoint) {
            AWSCredentials(accessKeyId: MotoServer.accessKeyId, secretAccessKey: MotoServer.secretAccessKey)
        }
        return AWSClient(settings: settings, timeout: .seconds(10), retry: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(50)))
    }

    static func queue(_ aws: AWSClient) async throws -> String {
        let name = "tt-events-\(UUID().uuidString.lowercased().prefix(8))"
        let reply = try await aws.query(.sqs, action: "CreateQueue", parameters: [(name: "QueueName", value: name)])
        return try #require(AWSXML.value("QueueUrl", in: reply))
    }

    /// Message bodies and their `tabletalk-delivery` attribute, as a consumer sees them.
    static func receive(_ aws: AWSClient, _ queue: String, count: Int) async throws -> [(body: String, delivery: String?)] {
        var got: [(body: String, delivery: String?)] = []
        for _ in 0..<20 where got.count < count {
            let reply = try await aws.query(
                .sqs, action: "ReceiveMessage",
                parameters: [(name: "QueueUrl", value: queue), (name: "MaxNumberOfMessages", value: "10"),
                             (name: "MessageAttributeName.1", value: "All")])
            for message in AWSXML.values("Message", in: reply) {
                let delivery = AWSXML.values("StringValue", in: message).first { $0.hasPrefix("dlv_") }
                got.append((AWSXML.value("Body", in: message) ?? "", delivery))
            }
        }
        return got
    }

    @Test func sqsTargetsGetTheEventAsTheMessageBody() async throws {
        let aws = try await Self.client()
        let queue = try await Self.queue(aws)
        let targets = AWSEventTargets(client: aws)
        let body = #"{"data":{"table":"orders"},"event":"upload.ready","id":"evt_1","principal":"alice","time":"t"}"#
        let id = try await targets.deliver(target: "sqs:" + queue, event: "upload.ready", deliveryID: "dlv_sqs1", body: body)
        #expect(!id.isEmpty)
        let got = try await Self.receive(aws, queue, count: 1)
        #expect(got.map(\.body) == [body])
        #expect(got.first?.delivery == "dlv_sqs1")
    }

    @Test func snsTargetsPublishToTheTopicsSubscribers() async throws {
        let aws = try await Self.client()
        let queue = try await Self.queue(aws)
        let topicName = "tt-events-\(UUID().uuidString.lowercased().prefix(8))"
        let topic = try #require(AWSXML.value(
            "TopicArn", in: try await aws.query(.sns, action: "CreateTopic", parameters: [(name: "Name", value: topicName)])))
        let queueArn = "arn:aws:sqs:\(MotoServer.region):123456789012:\(queue.split(separator: "/").last ?? "")"
        _ = try await aws.query(
            .sns, action: "Subscribe",
            parameters: [(name: "TopicArn", value: topic), (name: "Protocol", value: "sqs"), (name: "Endpoint", value: queueArn),
                         (name: "Attributes.entry.1.key", value: "RawMessageDelivery"), (name: "Attributes.entry.1.value", value: "true")])
        let body = #"{"data":{"table":"orders"},"event":"table.dropped","id":"evt_2","principal":"bob","time":"t"}"#
        let id = try await AWSEventTargets(client: aws).deliver(
            target: "sns:" + topic, event: "table.dropped", deliveryID: "dlv_sns1", body: body)
        #expect(!id.isEmpty)
        let got = try await Self.receive(aws, queue, count: 1)
        #expect(got.map(\.body) == [body])
    }

    @Test func anUnknownQueueOrTargetIsAnError() async throws {
        let aws = try await Self.client()
        let targets = AWSEventTargets(client: aws)
        let endpoint = try await MotoServer.endpoint()
        await #expect(throws: (any Error).self) {
            _ = try await targets.deliver(target: "sqs:\(endpoint)/123456789012/no-such-queue", event: "e", deliveryID: "d", body: "{}")
        }
        await #expect(throws: TableTalkError.self) {
            _ = try await targets.deliver(target: "https://example.com", event: "e", deliveryID: "d", body: "{}")
        }
    }
}
