import CSQLite

/// `printf(format, …)` and `format(format, …)` as SQLite computes them, except that a `%c` repeated more times than
/// the value limit allows fails at once with "string or blob too big": SQLite repeats the character one append
/// at a time and never looks at the interrupt flag meanwhile, so `printf('%.*c', 2000000000, 'x')` would keep a
/// thread busy for seconds although its result could never be kept. Other calls are handed to SQLite's own
/// `printf` on a private in-memory connection, so results are exactly SQLite's.
final class PrintfGuard {
    let limit: Int
    private var helper: OpaquePointer?
    private var statements: [Int32: OpaquePointer] = [:]

    init(limit: Int) { self.limit = limit }

    deinit {
        for s in statements.values { sqlite3_finalize(s) }
        sqlite3_close_v2(helper)
    }

    /// Overrides `printf` and `format` on `db` (the guard lives until the connection closes).
    static func install(on db: OpaquePointer, limit: Int) {
        let flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS
        for name in ["printf", "format"] {
            let g = Unmanaged.passRetained(PrintfGuard(limit: limit)).toOpaque()
            sqlite3_create_function_v2(db, name, -1, flags, g, printfCallback, nil, nil, releaseGuard)
        }
    }

    func call(_ ctx: OpaquePointer?, _ argc: Int32, _ argv: UnsafeMutablePointer<OpaquePointer?>) {
        if argc >= 1, let p = sqlite3_value_text(argv[0]) {
            let format = UnsafeBufferPointer(start: p, count: Int(sqlite3_value_bytes(argv[0])))
            if Self.largestRepeat(format, argc: argc, argv: argv) > limit { return sqlite3_result_error_toobig(ctx) }
        }
        guard let stmt = statement(argc) else { return sqlite3_result_error_nomem(ctx) }
        defer {
            sqlite3_reset(stmt)
            sqlite3_clear_bindings(stmt)
        }
        for i in 0..<Int(argc) { sqlite3_bind_value(stmt, Int32(i + 1), argv[i]) }
        let rc = sqlite3_step(stmt)
        if rc == SQLITE_ROW { return sqlite3_result_value(ctx, sqlite3_column_value(stmt, 0)) }
        if rc & 0xFF == SQLITE_TOOBIG { return sqlite3_result_error_toobig(ctx) }
        if rc & 0xFF == SQLITE_NOMEM { return sqlite3_result_error_nomem(ctx) }
        sqlite3_result_error(ctx, sqlite3_errmsg(helper), -1)
    }

    /// The largest repeat count of a `%c` conversion in `format` (its precision, literal or `*`), 0 when none.
    static func largestRepeat(
        _ format: UnsafeBufferPointer<UInt8>, argc: Int32, argv: UnsafeMutablePointer<OpaquePointer?>
    ) -> Int {
        var largest = 0
        var arg: Int32 = 1
        var i = 0
        let n = format.count
        func nextArgument() -> Int {
            defer { arg += 1 }
            guard arg < argc else { return 0 }
            let v = sqlite3_value_int64(argv[Int(arg)])
            return v == Int64.min ? Int.max : Int(abs(v))
        }
        while i < n {
            guard format[i] == UInt8(ascii: "%") else {
                i += 1
                continue
            }
            i += 1
            while i < n, "-+ #!0,".utf8.contains(format[i]) { i += 1 }
            if i < n, format[i] == UInt8(ascii: "*") {
                _ = nextArgument()
                i += 1
            } else {
                while i < n, (0x30...0x39).contains(format[i]) { i += 1 }
            }
            var precision = 0
            if i < n, format[i] == UInt8(ascii: ".") {
                i += 1
                if i < n, format[i] == UInt8(ascii: "*") {
                    precision = nextArgument()
                    i += 1
                } else {
                    while i < n, (0x30...0x39).contains(format[i]) {
                        precision = min(precision &* 10 &+ Int(format[i] - 0x30), Int.max / 20)
                        i += 1
                    }
                }
            }
            while i < n, format[i] == UInt8(ascii: "l") { i += 1 }
            guard i < n else { break }
            let conversion = format[i]
            i += 1
            if conversion == UInt8(ascii: "%") || conversion == UInt8(ascii: "n") { continue }
            if conversion == UInt8(ascii: "c") { largest = max(largest, precision) }
            arg += 1
        }
        return largest
    }

    private func statement(_ argc: Int32) -> OpaquePointer? {
        if let s = statements[argc] { return s }
        if helper == nil {
            var db: OpaquePointer?
            guard sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK else {
                sqlite3_close_v2(db)
                return nil
            }
            sqlite3_limit(db, SQLITE_LIMIT_LENGTH, Int32(clamping: limit))
            helper = db
        }
        let args = (1...max(Int(argc), 1)).prefix(Int(argc)).map { "?\($0)" }.joined(separator: ", ")
        var stmt: OpaquePointer?
        guard sqlite3_prepare_v2(helper, "SELECT printf(\(args))", -1, &stmt, nil) == SQLITE_OK else { return nil }
        statements[argc] = stmt
        return stmt
    }
}

private let printfCallback: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = {
    ctx, argc, argv in
    guard let argv, let data = sqlite3_user_data(ctx) else { return sqlite3_result_null(ctx) }
    Unmanaged<PrintfGuard>.fromOpaque(data).takeUnretainedValue().call(ctx, argc, argv)
}

private let releaseGuard: @convention(c) (UnsafeMutableRawPointer?) -> Void = { p in
    if let p { Unmanaged<PrintfGuard>.fromOpaque(p).release() }
}
