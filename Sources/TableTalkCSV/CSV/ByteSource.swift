import Foundation

/// Reads a file (or bytes in memory) as UTF-8, transcoding UTF-16 and Latin-1 on the fly, in large chunks,
/// so the CSV reader works on bytes only and memory stays bounded whatever the file size.
package final class ByteSource {
    package let encoding: TextEncoding
    /// Size of the underlying file or buffer, in raw bytes.
    package let totalBytes: Int64
    /// Raw bytes consumed so far (for progress).
    package private(set) var rawBytesRead: Int64 = 0
    private var fd: Int32 = -1
    private var memory: [UInt8] = []
    private var memoryOffset = 0
    private var scratch: UnsafeMutablePointer<UInt8>?
    private var scratchCapacity = 0
    private var pending: [UInt8] = []
    private var rawEOF = false

    /// Opens `path` and skips the byte-order mark of `encoding`.
    package init(path: String, encoding: TextEncoding) throws {
        self.encoding = encoding
        fd = open(path, O_RDONLY)
        if fd < 0 {
            throw TableTalkErrorFactory.io("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        var st = stat()
        fstat(fd, &st)
        totalBytes = Int64(st.st_size)
        let skip = Self.bomLength(fd: fd, encoding: encoding)
        if skip > 0 { _ = lseek(fd, off_t(skip), SEEK_SET) }
        rawBytesRead = Int64(skip)
    }

    /// The length of the byte-order mark actually at the start of the file (UTF-16 may come without one).
    private static func bomLength(fd: Int32, encoding: TextEncoding) -> Int {
        var head = [UInt8](repeating: 0, count: 3)
        let n = pread(fd, &head, 3, 0)
        switch encoding {
        case .utf8BOM: return n >= 3 && head == [0xEF, 0xBB, 0xBF] ? 3 : 0
        case .utf16LE: return n >= 2 && head[0] == 0xFF && head[1] == 0xFE ? 2 : 0
        case .utf16BE: return n >= 2 && head[0] == 0xFE && head[1] == 0xFF ? 2 : 0
        case .utf8, .latin1: return 0
        }
    }

    /// Reads from bytes in memory (sniffing and tests); `bytes` must not include the BOM.
    package init(bytes: [UInt8], encoding: TextEncoding) {
        self.encoding = encoding
        memory = bytes
        totalBytes = Int64(bytes.count)
    }

    deinit {
        if fd >= 0 { Foundation.close(fd) }
        scratch?.deallocate()
    }

    /// Fills `dst` with up to `capacity` bytes of UTF-8; returns 0 only at the end of the input.
    package func read(into dst: UnsafeMutablePointer<UInt8>, capacity: Int) throws -> Int {
        precondition(capacity >= 16)
        switch encoding {
        case .utf8, .utf8BOM:
            return try readRaw(into: dst, max: capacity)
        case .latin1:
            let src = ensureScratch(capacity)
            let n = try readRaw(into: src, max: capacity / 3)
            return Latin1.transcode(src, count: n, into: dst)
        case .utf16LE, .utf16BE:
            while true {
                let src = ensureScratch(capacity)
                let carry = pending.count
                for (i, b) in pending.enumerated() { src[i] = b }
                let want = max(4, (capacity * 2 / 3 - 6) & ~1) - carry
                let n = try readRaw(into: src + carry, max: want)
                let total = carry + n
                if total == 0 { return 0 }
                let (written, used) = UTF16Transcoder.transcode(
                    src, count: total, littleEndian: encoding == .utf16LE, atEnd: rawEOF, into: dst)
                pending = Array(UnsafeBufferPointer(start: src + used, count: total - used))
                if written > 0 || rawEOF { return written }
            }
        }
    }

    private func ensureScratch(_ capacity: Int) -> UnsafeMutablePointer<UInt8> {
        if let s = scratch, scratchCapacity >= capacity { return s }
        scratch?.deallocate()
        let s = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        scratch = s
        scratchCapacity = capacity
        return s
    }

    private func readRaw(into dst: UnsafeMutablePointer<UInt8>, max: Int) throws -> Int {
        if rawEOF { return 0 }
        if fd < 0 {
            let n = min(max, memory.count - memoryOffset)
            memory.withUnsafeBufferPointer { src in
                if n > 0 { dst.update(from: src.baseAddress! + memoryOffset, count: n) }
            }
            memoryOffset += n
            rawBytesRead += Int64(n)
            if n == 0 { rawEOF = true }
            return n
        }
        var got = 0
        while got < max {
            let r = Foundation.read(fd, dst + got, max - got)
            if r < 0 {
                if errno == EINTR { continue }
                throw TableTalkErrorFactory.io("read failed: \(String(cString: strerror(errno)))")
            }
            if r == 0 {
                rawEOF = true
                break
            }
            got += r
        }
        rawBytesRead += Int64(got)
        return got
    }
}
