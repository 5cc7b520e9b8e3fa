public import Foundation
public import Logging
public import MCP

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// MCP's stdio transport for `tabletalk mcp`: one JSON message per line, read on a dedicated thread with blocking
/// reads and written with blocking writes.
///
/// Used instead of the SDK's `StdioTransport`, which switches the inherited descriptors to non-blocking mode (shared
/// with the parent process), polls every 10 ms when idle and buffers a line of any length. Here a line longer than
/// `maxLineBytes` is skipped and answered with a parse error, like `tabletalk stdio`'s frame limit. At end of input
/// the requests still running are answered before the stream ends (`printf '…' | tabletalk mcp` gets every reply).
public actor LineTransport: Transport {
    public nonisolated let logger: Logger
    let input: Int32
    let output: Int32
    let maxLineBytes: Int
    private let stream: AsyncThrowingStream<Data, any Error>
    private let continuation: AsyncThrowingStream<Data, any Error>.Continuation
    private var connected = false
    let pending = PendingRequests()
    /// How long end of input waits for the requests still running.
    static let drainLimit: TimeInterval = 30

    /// - Parameters:
    ///   - output: where protocol bytes go; see ``protocolStdout()``.
    public init(input: Int32 = 0, output: Int32, maxLineBytes: Int = 16 << 20, logger: Logger) {
        self.input = input
        self.output = output
        self.maxLineBytes = maxLineBytes
        self.logger = logger
        (stream, continuation) = AsyncThrowingStream.makeStream()
    }

    /// The real stdout, duplicated for protocol bytes, with descriptor 1 pointed at stderr so that a stray `print`
    /// cannot corrupt the stream.
    public static func protocolStdout() -> Int32 {
        let real = dup(1)
        dup2(2, 1)
        return real
    }

    public func connect() async throws {
        guard !connected else { return }
        connected = true
        let reader = LineReader(maxLineBytes: maxLineBytes)
        let (fd, continuation, transport, pending) = (input, self.continuation, self, self.pending)
        let thread = Thread {
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            var reader = reader
            while true {
                let n = read(fd, &buffer, buffer.count)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                for event in reader.push(buffer[0..<n]) {
                    switch event {
                    case .line(let line):
                        pending.received(line)
                        continuation.yield(line)
                    case .tooLong:
                        let reply = LineTransport.tooLongError(max: reader.maxLineBytes)
                        Task { try? await transport.send(reply) }
                    }
                }
            }
            if let last = reader.finish() {
                pending.received(last)
                continuation.yield(last)
            }
            pending.waitUntilAnswered(limit: LineTransport.drainLimit)
            continuation.finish()
        }
        thread.name = "mcp-stdin"
        thread.start()
    }

    public func disconnect() async {
        connected = false
        continuation.finish()
    }

    /// Writes one message and its newline; a closed peer is a transport error.
    public func send(_ data: Data) async throws {
        var bytes = [UInt8](data)
        bytes.append(0x0A)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(output, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw MCPError.connectionClosed }
            offset += n
        }
        pending.sent(data)
    }

    public func receive() -> AsyncThrowingStream<Data, any Error> { stream }

    static func tooLongError(max: Int) -> Data {
        Data(#"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error: message longer than \#(max) bytes"}}"#.utf8)
    }
}

/// Splits bytes into lines (without `\n` or a trailing `\r`), skipping blank lines and lines over the limit.
struct LineReader: Sendable {
    enum Event: Equatable, Sendable {
        case line(Data)
        case tooLong
    }

    let maxLineBytes: Int
    private var pending: [UInt8] = []
    private var discarding = false

    init(maxLineBytes: Int) { self.maxLineBytes = maxLineBytes }

    mutating func push(_ bytes: some Collection<UInt8>) -> [Event] {
        var events: [Event] = []
        var start = bytes.startIndex
        while start != bytes.endIndex {
            let newline = bytes[start...].firstIndex(of: 0x0A)
            let piece = bytes[start..<(newline ?? bytes.endIndex)]
            if !discarding {
                if pending.count + piece.count > maxLineBytes {
                    discarding = true
                    pending = []
                    events.append(.tooLong)
                } else {
                    pending.append(contentsOf: piece)
                }
            }
            guard let newline else { break }
            if !discarding, let line = take() { events.append(.line(line)) }
            discarding = false
            pending = []
            start = bytes.index(after: newline)
        }
        return events
    }

    /// End of input: a last line without its newline still counts.
    mutating func finish() -> Data? {
        defer { pending = [] }
        return discarding ? nil : take()
    }

    private func take() -> Data? {
        var line = pending[...]
        if line.last == 0x0D { line = line.dropLast() }
        return line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) ? nil : Data(line)
    }
}

/// The ids of requests read but not yet answered (nor cancelled by the client), so end of input can wait for them.
final class PendingRequests: @unchecked Sendable {
    private let condition = NSCondition()
    private var ids: Set<String> = []

    private struct Envelope: Decodable {
        var id: ID?
        var method: String?
        var params: Params?
        struct Params: Decodable { var requestId: ID? }
    }

    private static func key(_ id: ID?) -> String? {
        switch id {
        case .string(let s): return "s:" + s
        case .number(let n): return "n:\(n)"
        case nil: return nil
        }
    }

    /// A line from the client: a request is pending until answered; `notifications/cancelled` ends its wait. A
    /// `subscriptions/listen` stream is not waited for: it stays open until the server closes it at end of input.
    func received(_ line: Data) {
        guard let e = try? JSONDecoder().decode(Envelope.self, from: line) else { return }
        condition.withLock {
            if e.method == "notifications/cancelled", let k = Self.key(e.params?.requestId) {
                ids.remove(k)
            } else if e.method != nil, e.method != "subscriptions/listen", let k = Self.key(e.id) {
                ids.insert(k)
            }
            condition.broadcast()
        }
    }

    /// A message to the client: a response answers its request.
    func sent(_ message: Data) {
        guard let e = try? JSONDecoder().decode(Envelope.self, from: message), e.method == nil, let k = Self.key(e.id) else { return }
        condition.withLock {
            ids.remove(k)
            condition.broadcast()
        }
    }

    /// Blocks (on the reading thread) until every pending request is answered, or `limit` seconds passed.
    func waitUntilAnswered(limit: TimeInterval) {
        let deadline = Date(timeIntervalSinceNow: limit)
        condition.withLock {
            while !ids.isEmpty && condition.wait(until: deadline) {}
        }
    }
}
