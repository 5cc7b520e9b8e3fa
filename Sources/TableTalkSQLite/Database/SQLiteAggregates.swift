import CSQLite
import Foundation

/// Aggregate functions analysts expect and SQLite lacks, registered on every connection:
/// `median(x)`, `percentile(x, p)` (p in 0–100, linear interpolation), `stddev(x)` / `variance(x)` (sample),
/// `stddev_pop(x)` / `variance_pop(x)`, and `mode(x)` (most frequent value; ties go to the smallest).
/// NULLs and non-numeric text are skipped by the numeric ones; an empty input gives NULL.
enum SQLiteAggregates {
    /// - Parameter modeBytes: the most bytes of distinct values `mode()` keeps per group (0: unbounded).
    static func register(on db: OpaquePointer, modeBytes: Int = QueryLimits().maxAggregateBytes) {
        let flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS
        sqlite3_create_function_v2(db, "median", 1, flags, nil, nil, quantileStep, quantileFinal, nil)
        sqlite3_create_function_v2(db, "percentile", 2, flags, nil, nil, quantileStep, quantileFinal, nil)
        sqlite3_create_function_v2(db, "stddev", 1, flags, nil, nil, momentsStep, stddevFinal, nil)
        sqlite3_create_function_v2(db, "variance", 1, flags, nil, nil, momentsStep, varianceFinal, nil)
        sqlite3_create_function_v2(db, "stddev_pop", 1, flags, nil, nil, momentsStep, stddevPopFinal, nil)
        sqlite3_create_function_v2(db, "variance_pop", 1, flags, nil, nil, momentsStep, variancePopFinal, nil)
        sqlite3_create_function_v2(
            db, "mode", 1, flags, UnsafeMutableRawPointer(bitPattern: max(modeBytes, 0)), nil, modeStep, modeFinal, nil)
    }
}

/// The numeric value of an argument, or nil for NULL and non-numeric text.
func numericArgument(_ v: OpaquePointer?) -> Double? {
    switch sqlite3_value_numeric_type(v) {
    case SQLITE_INTEGER, SQLITE_FLOAT:
        let d = sqlite3_value_double(v)
        return d.isNaN ? nil : d
    default: return nil
    }
}

/// The Swift object behind an aggregate's context: created on the first step, released by the final call.
enum AggregateContext {
    static func state<T: AnyObject>(_ ctx: OpaquePointer?, create: () -> T) -> T? {
        let size = Int32(MemoryLayout<UnsafeMutableRawPointer?>.size)
        guard let raw = sqlite3_aggregate_context(ctx, size) else { return nil }
        let slot = raw.assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
        if let existing = slot.pointee { return Unmanaged<T>.fromOpaque(existing).takeUnretainedValue() }
        let s = create()
        slot.pointee = Unmanaged.passRetained(s).toOpaque()
        return s
    }

    /// Takes the state back (nil when no row was stepped).
    static func take<T: AnyObject>(_ ctx: OpaquePointer?, as: T.Type) -> T? {
        guard let raw = sqlite3_aggregate_context(ctx, 0) else { return nil }
        let slot = raw.assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
        guard let p = slot.pointee else { return nil }
        slot.pointee = nil
        return Unmanaged<T>.fromOpaque(p).takeRetainedValue()
    }
}

final class QuantileState {
    var values: [Double] = []
    var p: Double?

    func quantile() -> Double? {
        guard !values.isEmpty else { return nil }
        values.sort()
        let rank = (p ?? 50) / 100 * Double(values.count - 1)
        let lo = Int(rank.rounded(.down))
        let hi = Int(rank.rounded(.up))
        return values[lo] + (values[hi] - values[lo]) * (rank - Double(lo))
    }
}

final class MomentsState {
    var n = 0.0
    var mean = 0.0
    var m2 = 0.0

    func add(_ x: Double) {
        n += 1
        let d = x - mean
        mean += d / n
        m2 += d * (x - mean)
    }
}

private let quantileStep: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = {
    ctx, argc, argv in
    guard let argv, let s = AggregateContext.state(ctx, create: { QuantileState() }) else { return }
    if argc == 2 && s.p == nil {
        guard let p = numericArgument(argv[1]), p >= 0, p <= 100 else {
            sqlite3_result_error(ctx, "percentile: p must be a number between 0 and 100", -1)
            return
        }
        s.p = p
    }
    if let x = numericArgument(argv[0]) { s.values.append(x) }
}

private let quantileFinal: @convention(c) (OpaquePointer?) -> Void = { ctx in
    guard let s = AggregateContext.take(ctx, as: QuantileState.self), let q = s.quantile() else {
        sqlite3_result_null(ctx)
        return
    }
    sqlite3_result_double(ctx, q)
}

private let momentsStep: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = {
    ctx, _, argv in
    guard let argv, let s = AggregateContext.state(ctx, create: { MomentsState() }) else { return }
    if let x = numericArgument(argv[0]) { s.add(x) }
}

private func finishMoments(_ ctx: OpaquePointer?, sample: Bool, root: Bool) {
    guard let s = AggregateContext.take(ctx, as: MomentsState.self), s.n >= (sample ? 2 : 1) else {
        sqlite3_result_null(ctx)
        return
    }
    let v = s.m2 / (sample ? s.n - 1 : s.n)
    sqlite3_result_double(ctx, root ? v.squareRoot() : v)
}

private let stddevFinal: @convention(c) (OpaquePointer?) -> Void = { finishMoments($0, sample: true, root: true) }
private let varianceFinal: @convention(c) (OpaquePointer?) -> Void = { finishMoments($0, sample: true, root: false) }
private let stddevPopFinal: @convention(c) (OpaquePointer?) -> Void = { finishMoments($0, sample: false, root: true) }
private let variancePopFinal: @convention(c) (OpaquePointer?) -> Void = {
    finishMoments($0, sample: false, root: false)
}
