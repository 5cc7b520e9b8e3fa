/// UTF-16 (either byte order) to UTF-8, chunk by chunk; unpaired surrogates become U+FFFD.
package enum UTF16Transcoder {
    /// Transcodes whole code units of `src`; returns bytes written to `dst` (which needs room for
    /// `count * 3 / 2 + 4` bytes) and raw bytes consumed (an incomplete unit or pair is left for the next call
    /// unless `atEnd`).
    package static func transcode(
        _ src: UnsafePointer<UInt8>, count m: Int, littleEndian le: Bool, atEnd: Bool,
        into dst: UnsafeMutablePointer<UInt8>
    ) -> (written: Int, consumed: Int) {
        var i = 0
        var o = 0
        @inline(__always) func unit(_ at: Int) -> UInt32 {
            le ? UInt32(src[at]) | UInt32(src[at + 1]) << 8 : UInt32(src[at]) << 8 | UInt32(src[at + 1])
        }
        while i + 1 < m {
            let u = unit(i)
            var cp = u
            var step = 2
            if u >= 0xD800 && u <= 0xDBFF {
                if i + 3 < m {
                    let l = unit(i + 2)
                    if l >= 0xDC00 && l <= 0xDFFF {
                        cp = 0x10000 + ((u - 0xD800) << 10) + (l - 0xDC00)
                        step = 4
                    } else {
                        cp = 0xFFFD
                    }
                } else if atEnd {
                    cp = 0xFFFD
                } else {
                    break
                }
            } else if u >= 0xDC00 && u <= 0xDFFF {
                cp = 0xFFFD
            }
            o += UTF8Encoder.encode(cp, into: dst + o)
            i += step
        }
        if atEnd && i < m {
            o += UTF8Encoder.encode(0xFFFD, into: dst + o)
            i = m
        }
        return (o, i)
    }
}

/// Writes one code point as UTF-8.
package enum UTF8Encoder {
    @inline(__always)
    package static func encode(_ cp: UInt32, into d: UnsafeMutablePointer<UInt8>) -> Int {
        if cp < 0x80 {
            d[0] = UInt8(cp)
            return 1
        } else if cp < 0x800 {
            d[0] = UInt8(0xC0 | (cp >> 6))
            d[1] = UInt8(0x80 | (cp & 0x3F))
            return 2
        } else if cp < 0x10000 {
            d[0] = UInt8(0xE0 | (cp >> 12))
            d[1] = UInt8(0x80 | ((cp >> 6) & 0x3F))
            d[2] = UInt8(0x80 | (cp & 0x3F))
            return 3
        }
        d[0] = UInt8(0xF0 | (cp >> 18))
        d[1] = UInt8(0x80 | ((cp >> 12) & 0x3F))
        d[2] = UInt8(0x80 | ((cp >> 6) & 0x3F))
        d[3] = UInt8(0x80 | (cp & 0x3F))
        return 4
    }
}
