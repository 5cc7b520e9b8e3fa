import TableTalkCore

/// Decides whether the first row is a header by comparing it with the data below: a text cell above a typed
/// column (numbers, dates, booleans) votes "header", a typed cell matching its typed column votes "data".
/// With no evidence either way (all-text files) the first row is taken as the header.
package enum HeaderDetector {
    package static func isHeader(firstRow: [String], data: [ColumnAnalyzer]) -> Bool {
        var header = 0
        var dataVotes = 0
        for (i, cell) in firstRow.enumerated() where i < data.count {
            let column = data[i]
            guard column.nonNull > 0 else { continue }
            var single = ColumnAnalyzer()
            var bytes = Array(cell.utf8)
            bytes.withUnsafeMutableBufferPointer { single.add(UnsafeBufferPointer($0)) }
            guard single.nonNull > 0 else { continue }
            let cellType = single.decide().decoder.type
            let columnType = column.decide().decoder.type
            if columnType == .text { continue }
            if cellType == .text {
                header += 1
            } else if compatible(cellType, columnType) {
                dataVotes += 1
            }
        }
        return header >= dataVotes
    }

    private static func compatible(_ a: ColumnType, _ b: ColumnType) -> Bool {
        if a == b { return true }
        if a.isNumeric && b.isNumeric { return true }
        if a.isTemporal && b.isTemporal { return true }
        return false
    }
}
