/// A fast 64-bit hash for distinct-value estimates (not cryptographic).
package enum FastHash {
    @inline(__always)
    package static func mix(_ x: UInt64) -> UInt64 {
        var h = x
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }

    @inline(__always)
    package static func bytes(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n)
        var i = 0
        let raw = UnsafeRawPointer(p)
        while i + 8 <= n {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 29
            i += 8
        }
        var tail: UInt64 = 0
        while i < n {
            tail = tail << 8 | UInt64(p[i])
            i += 1
        }
        return mix(h ^ tail)
    }
}

/// HyperLogLog with 2^12 registers (about 1.6% error), for distinct counts of large columns.
package final class HyperLogLog {
    private static let bits = 12
    private static let count = 1 << bits
    private let registers: UnsafeMutablePointer<UInt8>

    package init() {
        registers = .allocate(capacity: Self.count)
        registers.initialize(repeating: 0, count: Self.count)
    }

    deinit { registers.deallocate() }

    @inline(__always)
    package func add(_ hash: UInt64) {
        let index = Int(hash >> UInt64(64 - Self.bits))
        let rest = (hash << UInt64(Self.bits)) | (1 << UInt64(Self.bits - 1))
        let rank = UInt8(rest.leadingZeroBitCount + 1)
        if rank > registers[index] { registers[index] = rank }
    }

    package var estimate: Int {
        let m = Double(Self.count)
        var sum = 0.0
        var zeros = 0
        for i in 0..<Self.count {
            let r = registers[i]
            sum += 1 / Double(1 << Int(r))
            if r == 0 { zeros += 1 }
        }
        let alpha = 0.7213 / (1 + 1.079 / m)
        let raw = alpha * m * m / sum
        if raw <= 2.5 * m && zeros > 0 { return Int((m * log(m / Double(zeros))).rounded()) }
        return Int(raw.rounded())
    }
}

import Foundation
