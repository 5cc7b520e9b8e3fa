import ArgumentParser
import Foundation
import Logging
import TableTalkApp
import TableTalkBroker
import TableTalkCore

/// `tabletalk-bench broker`: requests per second through a Session with no transport at all (the broker's own cost).
struct BrokerBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "broker", abstract: "In-process broker cost per request.")
    @Option var count: Int = 100_000
    @Option var window: Int = 64

    func run() async throws {
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        var config = AppConfiguration(dataDir: FileManager.default.temporaryDirectory.appendingPathComponent("tt-bb-\(UUID().uuidString)"))
        config.maxInFlight = 100_000
        let runtime = try TableTalkRuntime(configuration: config, logger: logger)
        let sink = CountingSink()
        let session = runtime.broker.makeSession(sink: sink, auth: .init(principal: .local))
        await session.receive(Data(#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"1.0"}}"#.utf8))
        // one id per request: a client may not reuse an id while it is in flight (that is refused with -32600)
        let rounds = (count + window - 1) / window
        let pings = (0..<rounds * window).map { Data(#"{"jsonrpc":"2.0","id":\#($0 + 1),"method":"ping"}"#.utf8) }
        let start = ContinuousClock.now
        var sent = 0
        while sent < count {
            for i in sent..<(sent + window) { await session.receive(pings[i]) }
            sent += window
            await sink.wait(for: sent + 1)
        }
        let d = ContinuousClock.now - start
        let secs = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        say(String(format: "broker only: %.0f req/s (%d requests, window %d)", Double(sent) / secs, sent, window))
        let errors = await sink.errors
        if errors > 0 { say("  \(errors) of the replies looked at (one in 64) were errors: the figure is not of pings") }
    }
}

actor CountingSink: MessageSink {
    var n = 0
    /// Replies that carried an error.
    var errors = 0
    var waiter: (Int, CheckedContinuation<Void, Never>)?
    private static let errorKey = Array(#""error":"#.utf8)
    func send(_ message: Data) {
        n += 1
        // one reply in 64 is looked at, so the check costs the measurement little
        guard n % 64 == 0 else { return resumeIfDone() }
        let isError = message.withUnsafeBytes { raw -> Bool in
            let key = Self.errorKey
            guard raw.count >= key.count else { return false }
            for i in 0...(raw.count - key.count) where raw[i] == key[0] {
                if (1..<key.count).allSatisfy({ raw[i + $0] == key[$0] }) { return true }
            }
            return false
        }
        if isError { errors += 1 }
        resumeIfDone()
    }

    private func resumeIfDone() {
        if let (target, c) = waiter, n >= target {
            waiter = nil
            c.resume()
        }
    }
    func close() {}
    func wait(for target: Int) async {
        if n >= target { return }
        await withCheckedContinuation { waiter = (target, $0) }
    }
}
