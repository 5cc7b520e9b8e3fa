/// A blob as the SQL literal `x'0aff…'`, written in one pass into one preallocated string (two bytes of text per
/// blob byte, no object per byte).
enum BlobHex {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    static func literal(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let count = 2 * bytes.count + 3
        return digits.withUnsafeBufferPointer { table in
            String(unsafeUninitializedCapacity: count) { out in
                out[0] = UInt8(ascii: "x")
                out[1] = UInt8(ascii: "'")
                var j = 2
                for b in bytes {
                    out[j] = table[Int(b >> 4)]
                    out[j + 1] = table[Int(b & 15)]
                    j += 2
                }
                out[j] = UInt8(ascii: "'")
                return count
            }
        }
    }
}
