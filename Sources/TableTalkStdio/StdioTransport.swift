public import Foundation
public import TableTalkBroker
import Logging
import TableTalkCore
import TableTalkProtocol

/// The stdio transport (`tabletalk stdio`): one session over stdin/stdout for editors and agents.
///
/// stdout carries protocol bytes only: at start the real stdout is duplicated for the connection and fd 1
/// is pointed at stderr, so a stray `print` cannot corrupt the stream. Replies use the client's framing.
public struct StdioTransport: Sendable {
    public let broker: Broker
    public let maxFrameBytes: Int
    let input: Int32
    let output: Int32

    /// - Parameters:
    ///   - input: file descriptor to read (stdin by default).
    ///   - output: file descriptor for protocol bytes; nil means "the real stdout, with fd 1 redirected to stderr".
    public init(broker: Broker, maxFrameBytes: Int = 16 << 20, input: Int32 = 0, output: Int32? = nil) {
        self.broker = broker
        self.maxFrameBytes = maxFrameBytes
        self.input = input
        if let output {
            self.output = output
        } else {
            let real = dup(1)
            dup2(2, 1)
            self.output = real
        }
    }

    /// Runs the session until `exit` or end of input; returns the process exit code
    /// (0 after `shutdown`+`exit` or at end of input, 1 for `exit` without `shutdown`).
    public func run() async -> Int32 {
        let writer = StdioWriter(fd: output)
        let session = broker.makeSession(sink: writer, auth: .init(principal: .local))
        let chunks = ByteReader.stream(fd: input)
        var reader = FrameReader(maxFrameBytes: maxFrameBytes)
        var detected = false
        loop: for await chunk in chunks {
            for event in reader.push(chunk) {
                if !detected, reader.framing != .undetected {
                    detected = true
                    await writer.setFraming(reader.framing == .contentLength ? .contentLength : .newline)
                }
                await handle(event, session: session, writer: writer)
                if session.exitRequested { break loop }
            }
        }
        if !session.exitRequested {
            for event in reader.finish() { await handle(event, session: session, writer: writer) }
        }
        await session.drain()
        let code: Int32 = session.exitRequested && !session.cleanExit ? 1 : 0
        session.close()
        return code
    }

    private func handle(_ event: FrameReader.Event, session: Session, writer: StdioWriter) async {
        switch event {
        case .frame(let data): await session.receive(data)
        case .error(let error): await writer.send(MessageEncoder().error(id: nil, error: error))
        }
    }
}

/// Reads a file descriptor on a dedicated thread (blocking reads work with pipes, TTYs and files alike)
/// and hands the bytes to async code.
enum ByteReader {
    static func stream(fd: Int32) -> AsyncStream<Data> {
        AsyncStream(bufferingPolicy: .unbounded) { continuation in
            let thread = Thread {
                var buf = [UInt8](repeating: 0, count: 1 << 16)
                while true {
                    let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                    if n > 0 {
                        continuation.yield(Data(buf[0..<n]))
                    } else if n < 0 && errno == EINTR {
                        continue
                    } else {
                        break
                    }
                }
                continuation.finish()
            }
            thread.name = "stdio-reader"
            thread.start()
        }
    }
}
