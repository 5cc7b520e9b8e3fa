import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A lean WebSocket load generator: plain sockets and one `poll` loop on its own thread, frames written by hand.
/// On a 2-core machine the client shares the CPU with the server under test; a full client library per connection
/// spends about as much per message as the server, so it measures itself. This one spends little, so the server
/// (gateway or echo anchor, measured the same way) is what the figures show.
enum RawWSLoad {
    /// One client connection: socket, bytes read but not yet parsed, and the request in flight.
    final class Connection {
        let fd: Int32
        var buffer: [UInt8] = []
        var scratch = [UInt8](repeating: 0, count: 1 << 14)
        /// Monotonic ns the request in flight counts from (scheduled time when paced); nil when idle.
        var inFlightSince: UInt64?
        /// Paced: when the next request is due.
        var nextDue: UInt64 = 0
        init(fd: Int32) { self.fd = fd }
        deinit { close(fd) }
    }

    /// Runs blocking work on its own thread (the load generator must not take the server's cooperative pool).
    static func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { c in
            Thread { c.resume(with: Result { try work() }) }.start()
        }
    }

    /// Monotonic nanoseconds.
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// Opens a connection and completes the upgrade (blocking), then sends `setup` messages and waits for a reply each.
    static func connect(port: Int, path: String, setup: [String]) throws -> Connection {
        let fd = try LoopbackSocket.connect(port: port)
        let c = Connection(fd: fd)
        let key = Data((0..<16).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: \(key)\r\nSec-WebSocket-Version: 13\r\n\r\n"
        try writeAll(fd, Array(request.utf8))
        // Read the response head byte by byte up to the blank line (the server sends nothing after it unasked).
        var head: [UInt8] = []
        var byte: UInt8 = 0
        while !(head.count >= 4 && head.suffix(4).elementsEqual([13, 10, 13, 10])) {
            guard read(fd, &byte, 1) == 1 else { throw BenchFailure("the server closed during the WebSocket upgrade") }
            head.append(byte)
        }
        guard String(decoding: head, as: UTF8.self).hasPrefix("HTTP/1.1 101") else {
            throw BenchFailure("upgrade refused: \(String(decoding: head.prefix(80), as: UTF8.self))")
        }
        for message in setup {
            try writeAll(fd, frame(message))
            while try nextReply(c, blocking: true) != true {}
        }
        return c
    }

    /// A masked text frame (clients must mask; the key is random per frame kind, which the server cannot tell apart).
    static func frame(_ text: String) -> [UInt8] {
        let payload = Array(text.utf8)
        var out: [UInt8] = [0x81]
        if payload.count < 126 {
            out.append(0x80 | UInt8(payload.count))
        } else {
            out.append(0x80 | 126)
            out.append(UInt8(payload.count >> 8))
            out.append(UInt8(payload.count & 0xFF))
        }
        let mask = (0..<4).map { _ in UInt8.random(in: 0...255) }
        out += mask
        for (i, b) in payload.enumerated() { out.append(b ^ mask[i % 4]) }
        return out
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws {
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + off, bytes.count - off, Int32(MSG_NOSIGNAL)) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN { usleep(50); continue }
                throw BenchFailure("send failed: errno \(errno)")
            }
            off += n
        }
    }

    /// Reads what is available (or blocks for some bytes) and consumes one complete frame if there is one.
    /// Returns true when that frame is a reply (carries an `"id"`; server notifications have none).
    static func nextReply(_ c: Connection, blocking: Bool) throws -> Bool? {
        if let reply = takeFrame(c) { return reply }
        let n = read(c.fd, &c.scratch, c.scratch.count)
        if n == 0 { throw BenchFailure("the server closed the connection") }
        if n < 0 {
            if errno == EAGAIN || errno == EINTR { return nil }
            throw BenchFailure("read failed: errno \(errno)")
        }
        c.buffer.append(contentsOf: c.scratch[0..<n])
        return takeFrame(c) ?? (blocking ? false : nil)
    }

    /// Consumes one complete server frame from the buffer: true for a reply, false for anything else; nil if incomplete.
    static func takeFrame(_ c: Connection) -> Bool? {
        let b = c.buffer
        guard b.count >= 2 else { return nil }
        var length = Int(b[1] & 0x7F)
        var start = 2
        if length == 126 {
            guard b.count >= 4 else { return nil }
            length = Int(b[2]) << 8 | Int(b[3])
            start = 4
        } else if length == 127 {
            guard b.count >= 10 else { return nil }
            length = (2..<10).reduce(0) { $0 << 8 | Int(b[$1]) }
            start = 10
        }
        guard b.count >= start + length else { return nil }
        let payload = b[start..<(start + length)]
        let isReply = (b[0] & 0x0F) == 0x1 && payload.firstRange(of: Array(#""id""#.utf8)) != nil
        c.buffer.removeFirst(start + length)
        return isReply
    }

    /// Requests per second on one connection, `window` frames written at once, then their replies read.
    static func throughput(port: Int, path: String, message: String, window: Int, seconds: Double, setup: [String] = []) throws -> Double {
        let c = try connect(port: port, path: path, setup: setup)
        let batch = Array(PipelinedRequests.window(message, count: window).map { frame($0) }.joined())
        let start = now()
        let end = start + UInt64(seconds * 1e9)
        var done = 0
        while now() < end {
            try writeAll(c.fd, batch)
            var got = 0
            while got < window { if try nextReply(c, blocking: true) == true { got += 1 } }
            done += window
        }
        return Double(done) / (Double(now() - start) / 1e9)
    }

    /// Latencies (ms) of `clients` connections for `seconds`: closed loop when `interval` is nil (each sends again as
    /// soon as its reply arrives), otherwise one request per interval from a random phase, counted from the scheduled
    /// time (a late reply delays the next send and that delay counts: no coordinated omission).
    static func latency(
        port: Int, path: String, message: String, clients: Int, seconds: Double, interval: Double?, setup: [String] = []
    ) throws -> (LatencyStats, failed: Int) {
        var connections: [Connection] = []
        var failed = 0
        for _ in 0..<clients {
            do { connections.append(try connect(port: port, path: path, setup: setup)) } catch { failed += 1 }
        }
        var pollfds = connections.map { c -> pollfd in
            _ = fcntl(c.fd, F_SETFL, fcntl(c.fd, F_GETFL) | O_NONBLOCK)
            return pollfd(fd: c.fd, events: Int16(POLLIN), revents: 0)
        }
        let request = frame(message)
        let intervalNs = interval.map { UInt64($0 * 1e9) }
        var samples: [Double] = []
        samples.reserveCapacity(clients * 64)
        let start = now()
        let end = start + UInt64(seconds * 1e9)
        for c in connections {
            if let intervalNs {
                c.nextDue = start + UInt64(Double.random(in: 0..<1) * Double(intervalNs))
            } else {
                c.inFlightSince = now()
                try writeAll(c.fd, request)
            }
        }
        var alive = connections.count
        while now() < end, alive > 0 {
            // Paced: send whatever is due (a connection still waiting sends as soon as its reply is in).
            var timeout: Int32 = 10
            if let intervalNs {
                let t = now()
                var earliest = UInt64.max
                for c in connections where c.inFlightSince == nil {
                    if c.nextDue <= t {
                        c.inFlightSince = c.nextDue
                        c.nextDue += intervalNs
                        try writeAll(c.fd, request)
                    }
                    earliest = min(earliest, c.nextDue)
                }
                if earliest != .max { timeout = Int32(max(0, min(10, (Int64(earliest) - Int64(now())) / 1_000_000))) }
            }
            let n = poll(&pollfds, nfds_t(pollfds.count), timeout)
            guard n > 0 else { continue }
            for k in pollfds.indices where pollfds[k].revents != 0 {
                let c = connections[k]
                do {
                    while let reply = try nextReply(c, blocking: false) {
                        guard reply, let since = c.inFlightSince else { continue }
                        let t = now()
                        samples.append(Double(t - since) / 1e6)
                        c.inFlightSince = nil
                        if intervalNs == nil, t < end {
                            c.inFlightSince = t
                            try writeAll(c.fd, request)
                        }
                    }
                } catch {
                    failed += 1
                    alive -= 1
                    pollfds[k].fd = -1  // poll ignores negative descriptors
                }
            }
        }
        return (LatencyStats(samples), failed)
    }
}
