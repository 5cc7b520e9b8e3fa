import CSQLite
import TableTalkCSV
import TableTalkCore

/// Converts one stored value to another column type (the `_tabletalk_convert` SQL function of a re-type),
/// counting values that do not convert and keeping the first few of them (as text) to show.
final class ValueConverter {
    let from: ColumnType
    let to: ColumnType
    let decoder: ColumnDecoder
    let sampleLimit: Int
    private(set) var failures = 0
    private(set) var samples: [String] = []
    private let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)

    init(from: ColumnType, to: ColumnType, decoder: ColumnDecoder, sampleLimit: Int = 0) {
        self.from = from
        self.to = to
        self.decoder = decoder
        self.sampleLimit = sampleLimit
    }

    /// Starts counting again (after a preview pass).
    func reset() {
        failures = 0
        samples = []
    }

    deinit { scratch.deallocate() }

    func convert(_ ctx: OpaquePointer?, _ value: OpaquePointer?) {
        let kind = sqlite3_value_type(value)
        if kind == SQLITE_NULL { return sqlite3_result_null(ctx) }
        if from == .boolean && to == .text {
            let t = sqlite3_value_int64(value) != 0 ? "true" : "false"
            return sqlite3_result_text(ctx, t, -1, tt_sqlite_transient())
        }
        if to == .boolean && (kind == SQLITE_INTEGER || kind == SQLITE_FLOAT) {
            let d = sqlite3_value_double(value)
            if d == 0 || d == 1 { return sqlite3_result_int64(ctx, Int64(d)) }
            return fail(ctx, value)
        }
        if to == .integer && kind == SQLITE_FLOAT {
            let d = sqlite3_value_double(value)
            if d == d.rounded(), abs(d) < 9.2e18 { return sqlite3_result_int64(ctx, Int64(d)) }
            return fail(ctx, value)
        }
        guard let p = sqlite3_value_text(value) else { return fail(ctx, value) }
        let n = Int(sqlite3_value_bytes(value))
        if to == .date && from == .timestamp && n >= 10 {
            return sqlite3_result_text(ctx, p, 10, tt_sqlite_transient())
        }
        if ValueTokens.isNull(p, n) { return sqlite3_result_null(ctx) }
        if to == .integer || to == .real {
            // An explicit re-type converts codes such as `007` too (ingest keeps those as TEXT on purpose).
            guard let v = NumberParser.parse(p, n, style: decoder.style), to == .real || (v.isInteger && !v.overflow)
            else { return fail(ctx, value) }
            return to == .real ? sqlite3_result_double(ctx, v.doubleValue) : sqlite3_result_int64(ctx, v.intValue)
        }
        switch decoder.decode(p, n, scratch: scratch) {
        case .integer(let v): sqlite3_result_int64(ctx, v)
        case .real(let v): sqlite3_result_double(ctx, v)
        case .text(let tp, let tn): sqlite3_result_text(ctx, tp, Int32(tn), tt_sqlite_transient())
        case .null: sqlite3_result_null(ctx)
        case .failed: fail(ctx, value)
        }
    }

    private func fail(_ ctx: OpaquePointer?, _ value: OpaquePointer?) {
        failures += 1
        if samples.count < sampleLimit, let p = sqlite3_value_text(value) {
            let text = String(decoding: UnsafeBufferPointer(start: p, count: Int(sqlite3_value_bytes(value))), as: UTF8.self)
            if !samples.contains(text) { samples.append(String(text.prefix(80))) }
        }
        sqlite3_result_null(ctx)
    }
}

let convertCallback: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = {
    ctx, _, argv in
    guard let argv, let data = sqlite3_user_data(ctx) else { return sqlite3_result_null(ctx) }
    Unmanaged<ValueConverter>.fromOpaque(data).takeUnretainedValue().convert(ctx, argv[0])
}
