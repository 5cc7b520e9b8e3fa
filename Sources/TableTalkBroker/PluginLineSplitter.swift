import Foundation

/// Splits a plugin's stdout into lines in time linear in its size: each byte is scanned for a newline once, however
/// the lines are cut into reads. Lines longer than `maxLineBytes` are an error (a plugin writing without end).
struct PluginLineSplitter {
    let maxLineBytes: Int
    private var buffer: [UInt8] = []
    /// Where the next newline search starts (bytes before it hold none).
    private var scanned = 0

    init(maxLineBytes: Int) {
        self.maxLineBytes = maxLineBytes
    }

    struct LineTooLong: Error {}

    /// Appends bytes read and returns the complete, non-empty lines they finish.
    mutating func append(_ bytes: UnsafeRawBufferPointer) throws(LineTooLong) -> [Data] {
        buffer.append(contentsOf: bytes)
        var lines: [Data] = []
        var start = 0
        var i = scanned
        while i < buffer.count {
            if buffer[i] == 0x0A {
                if i > start { lines.append(Data(buffer[start..<i])) }
                start = i + 1
            }
            i += 1
        }
        if start > 0 { buffer.removeFirst(start) }
        scanned = buffer.count
        if buffer.count > maxLineBytes { throw LineTooLong() }
        return lines
    }
}
