/// Latin-1 to UTF-8, with the Windows-1252 letters for 0x80–0x9F (€, smart quotes, …), which is what
/// "Latin-1" files written by spreadsheets usually are.
package enum Latin1 {
    /// Windows-1252 code points for 0x80…0x9F (undefined slots map to the C1 control of the same value).
    package static let cp1252: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// Transcodes `count` bytes into `dst` (room for `count * 3` bytes); returns bytes written.
    package static func transcode(_ src: UnsafePointer<UInt8>, count: Int, into dst: UnsafeMutablePointer<UInt8>) -> Int {
        var o = 0
        for i in 0..<count {
            let b = src[i]
            if b < 0x80 {
                dst[o] = b
                o += 1
            } else if b < 0xA0 {
                o += UTF8Encoder.encode(cp1252[Int(b - 0x80)], into: dst + o)
            } else {
                dst[o] = 0xC0 | (b >> 6)
                dst[o + 1] = 0x80 | (b & 0x3F)
                o += 2
            }
        }
        return o
    }

    /// A String from Latin-1 bytes.
    package static func string(_ src: UnsafePointer<UInt8>, count: Int) -> String {
        let out = UnsafeMutablePointer<UInt8>.allocate(capacity: count * 3 + 1)
        defer { out.deallocate() }
        let n = transcode(src, count: count, into: out)
        return String(decoding: UnsafeBufferPointer(start: out, count: n), as: UTF8.self)
    }
}
