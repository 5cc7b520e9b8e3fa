#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes to standard error with `write(2)`, ignoring failures: with SIGPIPE ignored, `FileHandle.write` would trap
/// when stderr is a closed pipe, and a log line must never take the gateway down.
public enum StandardError {
    public static func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { buf in
                #if canImport(Glibc)
                Glibc.write(2, buf.baseAddress! + offset, buf.count - offset)
                #else
                Darwin.write(2, buf.baseAddress! + offset, buf.count - offset)
                #endif
            }
            if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { return }
        }
    }
}
