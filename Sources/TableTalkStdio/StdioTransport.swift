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
    ///
    /// Back-pressure: stdin is read into a small bounded queue, and no further frame is handled while too many
    /// replies are unwritten (see ``StdioWriter``); a client that stops reading stops the server's reading too.
    public func run() async -> Int32 {
        let writer = StdioWriter(fd: output)
        let session = broker.makeSession(sink: writer, auth: .init(principal: .local))
        let chunks = ByteReader.start(fd: input)
        var reader = FrameReader(maxFrameBytes: maxFrameBytes)
        var detected = false
        loop: while let chunk = await chunks.next() {
            for event in reader.push(chunk) {
                if !detected, reader.framing != .undetected {
                    detected = true
                    writer.setFraming(reader.framing == .contentLength ? .contentLength : .newline)
                }
                await writer.waitForRoom()
                await handle(event, session: session, writer: writer)
                if session.exitRequested { break loop }
            }
        }
        if !session.exitRequested {
            for event in reader.finish() { await handle(event, session: session, writer: writer) }
        }
        await session.drain()
        await writer.flush()
        let code: Int32 = session.exitRequested && !session.cleanExit ? 1 : 0
        session.close()
        return code
    }

    private func handle(_ event: FrameReader.Event, session: Session, writer: StdioWriter) async {
        switch event {
        case .frame(let data): await session.receive(data)
        case .error(let error): writer.enqueue(MessageEncoder().error(id: nil, error: error))
        }
    }
}

/// Reads a file descriptor on a dedicated thread (blocking reads work with pipes, TTYs and files alike)
/// into a bounded queue: the thread stops reading while `capacity` chunks wait to be handled.
final class ByteReader: @unchecked Sendable {
    private let condition = NSCondition()
    private let capacity: Int
    // Guarded by `condition`:
    private var chunks: [Data] = []
    private var finished = false
    private var waiter: CheckedContinuation<Data?, Never>?

    private init(capacity: Int) { self.capacity = capacity }

    /// Starts reading `fd` in chunks of up to 64 KiB, at most `capacity` of them queued.
    static func start(fd: Int32, capacity: Int = 4) -> ByteReader {
        let reader = ByteReader(capacity: capacity)
        let thread = Thread {
            var buf = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n > 0 {
                    reader.put(Data(buf[0..<n]))
                } else if n < 0 && errno == EINTR {
                    continue
                } else {
                    break
                }
            }
            reader.finish()
        }
        thread.name = "stdio-reader"
        thread.start()
        return reader
    }

    /// The next chunk, or nil at end of input.
    func next() async -> Data? {
        await withCheckedContinuation { (c: CheckedContinuation<Data?, Never>) in
            condition.lock()
            if !chunks.isEmpty {
                let d = chunks.removeFirst()
                condition.signal()
                condition.unlock()
                c.resume(returning: d)
            } else if finished {
                condition.unlock()
                c.resume(returning: nil)
            } else {
                waiter = c
                condition.unlock()
            }
        }
    }

    private func put(_ data: Data) {
        condition.lock()
        while chunks.count >= capacity && waiter == nil { condition.wait() }
        if let w = waiter {
            waiter = nil
            condition.unlock()
            w.resume(returning: data)
            return
        }
        chunks.append(data)
        condition.unlock()
    }

    private func finish() {
        condition.lock()
        finished = true
        let w = waiter
        waiter = nil
        condition.unlock()
        w?.resume(returning: nil)
    }
}
