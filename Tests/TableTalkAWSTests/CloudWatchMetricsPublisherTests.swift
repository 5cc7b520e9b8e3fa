import Foundation
import Logging
@testable import TableTalkAWS
import TableTalkCore
import TableTalkTestSupport
import Testing

/// Metrics recorded through the port reach moto's CloudWatch as PutMetricData statistic sets: names, units,
/// dimensions and figures, sent by flush, by the background interval and at shutdown; the buffer is bounded.
@Suite struct CloudWatchMetricsPublisherTests {
    static func publisher(interval: Duration = .seconds(60), maxSeries: Int = 2000) async throws -> CloudWatchMetricsPublisher {
        let namespace = "TableTalkTest/\(UUID().uuidString.lowercased().prefix(8))"
        return CloudWatchMetricsPublisher(
            client: try await AWSClientTests.client(), namespace: namespace, interval: interval, maxSeries: maxSeries,
            logger: Logger(label: "cloudwatch-test"))
    }

    /// `(metric name, dimension values)` of every metric moto holds in `namespace`.
    static func listed(_ publisher: CloudWatchMetricsPublisher) async throws -> Set<String> {
        let xml = try await publisher.client.query(.cloudWatch, action: "ListMetrics", parameters: [("Namespace", publisher.namespace)])
        let members = xml.components(separatedBy: "<MetricName>").dropFirst()
        return Set(members.map { member -> String in
            let name = String(member.prefix { $0 != "<" })
            let values = AWSXML.values("Value", in: member.components(separatedBy: "</member>\n      </Dimensions>").first ?? member)
            return ([name] + values).joined(separator: "|")
        })
    }

    /// Sum, SampleCount, Minimum and Maximum of one metric over the last hour.
    static func statistics(_ publisher: CloudWatchMetricsPublisher, _ name: String, method: String) async throws -> [String: Double] {
        let now = Date()
        let xml = try await publisher.client.query(.cloudWatch, action: "GetMetricStatistics", parameters: [
            ("Namespace", publisher.namespace), ("MetricName", name),
            ("StartTime", CloudWatchMetricsPublisher.timestamp(now.addingTimeInterval(-3600))),
            ("EndTime", CloudWatchMetricsPublisher.timestamp(now.addingTimeInterval(60))), ("Period", "3600"),
            ("Statistics.member.1", "Sum"), ("Statistics.member.2", "SampleCount"), ("Statistics.member.3", "Minimum"),
            ("Statistics.member.4", "Maximum"), ("Dimensions.member.1.Name", "Method"), ("Dimensions.member.1.Value", method),
        ])
        var out: [String: Double] = [:]
        for stat in ["Sum", "SampleCount", "Minimum", "Maximum"] {
            out[stat] = AWSXML.value(stat, in: xml).flatMap(Double.init)
        }
        return out
    }

    @Test func recordedFiguresArriveAsStatisticSets() async throws {
        let publisher = try await Self.publisher()
        for ms in [12.0, 30.0, 18.0] {
            publisher.record(name: MetricName.requestLatency, value: ms, unit: .milliseconds, dimensions: ["Method": "query.run"])
        }
        publisher.record(name: MetricName.requestErrors, value: 1, unit: .count, dimensions: ["Method": "query.run"])
        publisher.record(name: MetricName.requestLatency, value: 5, unit: .milliseconds, dimensions: ["Method": "ping"])
        publisher.record(name: MetricName.athenaBytesScanned, value: 10_485_760, unit: .bytes, dimensions: [:])
        await publisher.flush()
        #expect(publisher.sent == 4)
        let listed = try await Self.listed(publisher)
        #expect(listed == ["RequestLatency|query.run", "RequestErrors|query.run", "RequestLatency|ping", "AthenaBytesScanned"])
        let stats = try await Self.statistics(publisher, MetricName.requestLatency, method: "query.run")
        #expect(stats["Sum"] == 60)
        #expect(stats["SampleCount"] == 3)
        #expect(stats["Minimum"] == 12)
        #expect(stats["Maximum"] == 30)
        // Nothing left: a second flush sends nothing.
        await publisher.flush()
        #expect(publisher.sent == 4)
    }

    @Test func theBackgroundIntervalSendsWithoutBeingAsked() async throws {
        let publisher = try await Self.publisher(interval: .milliseconds(200))
        publisher.start()
        publisher.record(name: MetricName.requestLatency, value: 7, unit: .milliseconds, dimensions: ["Method": "ping"])
        let deadline = ContinuousClock.now + .seconds(10)
        while publisher.sent == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(publisher.sent == 1)
        await publisher.shutdown()
        #expect(try await Self.listed(publisher) == ["RequestLatency|ping"])
    }

    @Test func shutdownSendsWhatIsBuffered() async throws {
        let publisher = try await Self.publisher(interval: .seconds(3600))
        publisher.start()
        publisher.record(name: MetricName.uploadBytes, value: 2048, unit: .bytes, dimensions: ["Method": "upload.finish"])
        #expect(publisher.sent == 0)
        await publisher.shutdown()
        #expect(publisher.sent == 1)
        #expect(try await Self.statistics(publisher, MetricName.uploadBytes, method: "upload.finish")["Sum"] == 2048)
    }

    @Test func theBufferIsBoundedAndRecordingNeverWaits() async throws {
        // Four series fit (a few more while early flushes empty the buffer); the rest of 10 000 distinct series are
        // dropped and counted, in well under a second.
        let publisher = CloudWatchMetricsPublisher(
            client: try await AWSClientTests.client(), namespace: "TableTalkTest/bounded", interval: .seconds(3600), maxSeries: 4,
            logger: Logger(label: "cloudwatch-test"))
        let clock = ContinuousClock()
        let took = clock.measure {
            for i in 0..<10_000 {
                publisher.record(name: "Series\(i % 10_000)", value: 1, unit: .count, dimensions: [:])
            }
        }
        #expect(took < .seconds(2))
        #expect(publisher.dropped >= 9_000)
        // Values that are not numbers are dropped too.
        let before = publisher.dropped
        publisher.record(name: "Series0", value: .nan, unit: .count, dimensions: [:])
        #expect(publisher.dropped == before + 1)
    }

    @Test func sendFailuresAreSwallowed() async throws {
        // An unreachable endpoint: flush logs and drops the batch, it never throws into the request path.
        let settings = AWSSettings(region: "us-east-1", endpointOverride: "http://127.0.0.1:1") {
            AWSCredentials(accessKeyId: "testing", secretAccessKey: "testing")
        }
        let publisher = CloudWatchMetricsPublisher(
            client: AWSClient(settings: settings, timeout: .seconds(2), retry: RetryPolicy(maxAttempts: 1)), namespace: "TableTalkTest/down",
            logger: Logger(label: "cloudwatch-test"))
        publisher.record(name: MetricName.requestLatency, value: 1, unit: .milliseconds, dimensions: ["Method": "ping"])
        await publisher.flush()
        #expect(publisher.sent == 0)
    }
}
