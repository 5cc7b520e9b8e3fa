import CSQLite

/// State of `mode(x)`: counts per distinct value, bounded: once the distinct values would take more than the
/// limit (``QueryLimits/maxAggregateBytes``, the function's user data), the query fails with a clear error
/// instead of growing without end.
final class ModeState {
    enum Key: Hashable, Comparable {
        case integer(Int64)
        case real(Double)
        case text(String)

        static func < (a: Key, b: Key) -> Bool {
            switch (a, b) {
            case (.integer(let x), .integer(let y)): return x < y
            case (.text(let x), .text(let y)): return x < y
            case (.text, _): return false
            case (_, .text): return true
            default: return a.number < b.number
            }
        }

        var number: Double {
            switch self {
            case .integer(let i): return Double(i)
            case .real(let d): return d
            case .text: return .nan
            }
        }
    }

    var counts: [Key: Int] = [:]
    /// Approximate bytes held by `counts` (text bytes plus a fixed overhead per entry).
    var bytes = 0
    static let entryOverhead = 64
    /// How the limit error starts (the engine maps it to `queryTooLarge`).
    static let limitMessagePrefix = "mode() holds more distinct values"

    var mode: Key? {
        counts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key
    }
}

let modeStep: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = {
    ctx, _, argv in
    guard let argv, let s = AggregateContext.state(ctx, create: { ModeState() }) else { return }
    let v = argv[0]
    let key: ModeState.Key
    switch sqlite3_value_type(v) {
    case SQLITE_INTEGER: key = .integer(sqlite3_value_int64(v))
    case SQLITE_FLOAT: key = .real(sqlite3_value_double(v))
    case SQLITE_TEXT, SQLITE_BLOB:
        guard let p = sqlite3_value_text(v) else { return }
        let n = Int(sqlite3_value_bytes(v))
        key = .text(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self))
    default: return
    }
    if let c = s.counts[key] {
        s.counts[key] = c + 1
        return
    }
    let size: Int
    if case .text(let t) = key { size = t.utf8.count + ModeState.entryOverhead } else { size = ModeState.entryOverhead }
    let limit = Int(bitPattern: sqlite3_user_data(ctx))
    if limit > 0 && s.bytes + size > limit {
        sqlite3_result_error(ctx, "\(ModeState.limitMessagePrefix) than its limit of \(limit) bytes allows", -1)
        return
    }
    s.bytes += size
    s.counts[key] = 1
}

let modeFinal: @convention(c) (OpaquePointer?) -> Void = { ctx in
    guard let s = AggregateContext.take(ctx, as: ModeState.self), let m = s.mode else {
        sqlite3_result_null(ctx)
        return
    }
    switch m {
    case .integer(let i): sqlite3_result_int64(ctx, i)
    case .real(let d): sqlite3_result_double(ctx, d)
    case .text(let t): sqlite3_result_text(ctx, t, -1, tt_sqlite_transient())
    }
}
