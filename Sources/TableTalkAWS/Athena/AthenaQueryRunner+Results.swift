import TableTalkCore

extension AthenaQueryRunner {
    /// Rows read for one page of a result.
    struct Page {
        var columns: [ResultColumn]
        var rows: [[CellValue]]
        var truncated: Bool

        func result(options: QueryOptions, since started: ContinuousClock.Instant) -> QueryResult {
            let elapsed = ContinuousClock.now - started
            let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            return QueryResult(
                columns: columns, rows: rows, truncated: truncated,
                nextOffset: truncated ? options.offset + rows.count : nil, elapsedMs: ms)
        }
    }

    /// Reads rows `options.offset ..< offset + maxRows` (and one more, to know about `truncated`) with
    /// `GetQueryResults`, starting at `resume` and recording each `NextToken` under the data-row offset its page
    /// starts at. The first page of an execution starts with the header row, which is skipped.
    func read(
        _ resume: AthenaResultCursors.Resume, key: AthenaResultCursors.Key, options: QueryOptions,
        deadline: ContinuousClock.Instant, cancellation: CancellationFlag?
    ) async throws -> Page {
        let id = resume.queryExecutionId
        var token = resume.token
        var position = resume.offset  // data-row offset of the next row Athena sends
        var header = token == nil
        var columns: [ResultColumn]?
        var types: [ColumnType] = []
        var rows: [[CellValue]] = []
        var truncated = false
        while true {
            try Self.checkCancelled(cancellation)
            if ContinuousClock.now >= deadline { throw Self.timeoutError(options.timeout) }
            let skip = max(0, options.offset - position)
            let need = skip + (options.maxRows + 1 - rows.count) + (header ? 1 : 0)
            let request = AthenaWire.GetQueryResults(
                QueryExecutionId: id, NextToken: token, MaxResults: min(configuration.pageSize, max(need, 1)))
            let reply = try await client.json(.athena, action: "GetQueryResults", request, as: AthenaWire.GetQueryResultsReply.self)
            let info = reply.ResultSet.ResultSetMetadata?.ColumnInfo ?? []
            if columns == nil {
                types = info.map { AthenaValueMapping.columnType($0.Type, scale: $0.Scale) }
                columns = zip(info, types).map { ResultColumn(name: $0.Name, type: $1.rawValue) }
            }
            var page = reply.ResultSet.Rows ?? []
            if header, let first = page.first, Self.isHeader(first, info) { page.removeFirst() }
            header = false
            let pageStart = position
            for row in page {
                defer { position += 1 }
                guard position >= options.offset else { continue }
                if rows.count == options.maxRows {
                    truncated = true
                    break
                }
                let data = row.Data ?? []
                rows.append(types.indices.map { i in
                    AthenaValueMapping.cell(i < data.count ? data[i].VarCharValue : nil, as: types[i])
                })
            }
            guard let next = reply.NextToken else { break }
            await cursors.record(key, queryExecutionId: id, token: next, at: pageStart + page.count)
            token = next
            if truncated { break }
        }
        return Page(columns: columns ?? [], rows: rows, truncated: truncated)
    }

    /// True when `row` holds the column names: the header row Athena puts first in a SELECT's results.
    static func isHeader(_ row: AthenaWire.Row, _ info: [AthenaWire.ColumnInfo]) -> Bool {
        let values = (row.Data ?? []).map(\.VarCharValue)
        guard values.count == info.count, !info.isEmpty else { return false }
        return zip(values, info).allSatisfy { $0 == $1.Name || $0 == $1.Label }
    }
}
