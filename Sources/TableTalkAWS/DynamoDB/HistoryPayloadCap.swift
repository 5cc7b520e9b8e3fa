import Foundation
import TableTalkCore

/// Keeps a stored answer small, as the SQLite store does in SQL: a payload whose `result.rows` holds more than
/// `rows` rows keeps the first `rows`, with `result.truncated: true` and `result.rowCount` set to what is kept
/// (its SQL, kept too, re-runs it whole). Anything that is not such JSON is kept as it is.
enum HistoryPayloadCap {
    static func capped(_ payload: String?, rows: Int) -> String? {
        guard let payload, payload.contains("\"rows\""),
            var object = (try? JSONSerialization.jsonObject(with: Data(payload.utf8))) as? [String: Any],
            var result = object["result"] as? [String: Any], let all = result["rows"] as? [Any], all.count > rows
        else { return payload }
        result["rows"] = Array(all.prefix(max(rows, 0)))
        result["truncated"] = true
        result["rowCount"] = max(rows, 0)
        object["result"] = result
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return payload }
        return String(decoding: data, as: UTF8.self)
    }

    /// Number of rows in `result.rows`, nil when the payload is not an answer with rows.
    static func rowCount(_ payload: String) -> Int? {
        guard payload.contains("\"rows\""),
            let object = (try? JSONSerialization.jsonObject(with: Data(payload.utf8))) as? [String: Any],
            let result = object["result"] as? [String: Any], let all = result["rows"] as? [Any]
        else { return nil }
        return all.count
    }

    /// The payload cut to `rows` rows and then, while it is still longer than `bytes`, to half as many rows
    /// (a DynamoDB item holds at most 400 KB); `invalidArgument` when even no rows do not fit.
    static func fitting(_ payload: String?, rows: Int, bytes: Int) throws -> String? {
        var keep = max(rows, 0)
        var out = capped(payload, rows: keep)
        while let text = out, text.utf8.count > bytes {
            guard let count = rowCount(text), count > 0 else {
                throw TableTalkError(
                    .invalidArgument, "the message payload (\(text.utf8.count) bytes) is larger than a history item holds (\(bytes) bytes)",
                    details: ["bytes": String(text.utf8.count), "limit": String(bytes)])
            }
            keep = min(keep, count) / 2
            out = capped(text, rows: keep)
        }
        return out
    }
}
