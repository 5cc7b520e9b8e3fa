import Foundation
import TableTalkBroker

/// Writes framed messages to the protocol file descriptor, one at a time.
actor StdioWriter: MessageSink {
    enum Framing { case contentLength, newline }
    private let fd: Int32
    private var framing: Framing = .newline
    private var closed = false

    init(fd: Int32) { self.fd = fd }

    func setFraming(_ framing: Framing) { self.framing = framing }

    func send(_ message: Data) {
        guard !closed else { return }
        var out = Data()
        switch framing {
        case .contentLength:
            out.append(contentsOf: "Content-Length: \(message.count)\r\n\r\n".utf8)
            out.append(message)
        case .newline:
            out.append(message)
            out.append(0x0A)
        }
        out.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { closed = true; return }
            }
        }
    }

    func close() { closed = true }
}
