import Foundation

/// Pipelined requests per second over a pair of pipes, against any line-oriented responder.
enum StdioLoad {
    /// Writes `window` lines, reads `window` reply lines, repeats for `seconds`; returns lines per second.
    static func throughput(write: Int32, read: Int32, line: String, window: Int, seconds: Double) -> Double {
        let chunk = Data(PipelinedRequests.window(line, count: window).map { $0 + "\n" }.joined().utf8)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        let start = Date()
        var done = 0
        while Date().timeIntervalSince(start) < seconds {
            chunk.withUnsafeBytes { raw in
                var off = 0
                while off < raw.count { off += max(0, Foundation.write(write, raw.baseAddress! + off, raw.count - off)) }
            }
            var lines = 0
            while lines < window {
                let n = Foundation.read(read, &buffer, buffer.count)
                if n <= 0 { return 0 }
                for i in 0..<n where buffer[i] == 0x0A { lines += 1 }
            }
            done += window
        }
        return Double(done) / Date().timeIntervalSince(start)
    }

    /// The anchor: a thread that copies every byte back (a transport that does no work).
    static func startEcho(read: Int32, write: Int32) {
        let t = Thread {
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = Foundation.read(read, &buffer, buffer.count)
                if n <= 0 { return }
                buffer.withUnsafeBytes { raw in
                    var off = 0
                    while off < n { off += max(0, Foundation.write(write, raw.baseAddress! + off, n - off)) }
                }
            }
        }
        t.start()
    }

    /// Sends one line and waits for one reply line.
    static func roundTrip(write: Int32, read: Int32, line: String) -> Bool {
        let data = Data((line + "\n").utf8)
        _ = data.withUnsafeBytes { Foundation.write(write, $0.baseAddress!, $0.count) }
        var byte: UInt8 = 0
        while Foundation.read(read, &byte, 1) == 1 { if byte == 0x0A { return true } }
        return false
    }

    /// Runs blocking work on its own thread (keeps the cooperative pool free for the server under test).
    static func onThread(_ work: @escaping @Sendable () -> Double) async -> Double {
        await withCheckedContinuation { c in
            Thread { c.resume(returning: work()) }.start()
        }
    }

    static func makePipe() -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        _ = pipe(&fds)
        return (fds[0], fds[1])
    }
}
