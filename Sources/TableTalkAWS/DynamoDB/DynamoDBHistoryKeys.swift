import Foundation
import TableTalkCore

/// The key schema of the history table: one partition per principal, every kind of item told apart by its sort
/// key prefix. Ids inside sort keys are escaped (`%` → `%25`, `#` → `%23`) so one session's prefix never matches
/// another's; sequence numbers are zero-padded to 20 digits so string order is numeric order.
///
/// | item        | PK               | SK                          |
/// |-------------|------------------|-----------------------------|
/// | session     | `P#<principal>`  | `S#<session>`               |
/// | message     | `P#<principal>`  | `M#<session>#<seq:020>`     |
/// | message id  | `P#<principal>`  | `MID#<message>` (→ session, seq; the message's feedback) |
/// | query log   | `P#<principal>`  | `Q#<n:020>`                 |
/// | counters    | `P#<principal>`  | `META` (`lastQuery`)        |
/// | preferences | `P#<principal>`  | `PREF` (one `p:<key>` attribute per preference) |
enum DynamoDBHistoryKeys {
    static let partition = "PK"
    static let sort = "SK"
    static let seqWidth = 20

    static func pk(_ principal: Principal) -> DynamoValue { .s("P#" + principal.id) }

    static func key(_ principal: Principal, _ sortKey: String) -> DynamoItem {
        [partition: pk(principal), sort: .s(sortKey)]
    }

    static func session(_ id: String) -> String { "S#" + escaped(id) }
    static let sessionPrefix = "S#"
    /// Prefix of every message of one session.
    static func messagePrefix(_ sessionId: String) -> String { "M#" + escaped(sessionId) + "#" }
    static func message(_ sessionId: String, seq: Int64) -> String { messagePrefix(sessionId) + padded(seq) }
    static func messageId(_ id: String) -> String { "MID#" + escaped(id) }
    static let queryPrefix = "Q#"
    static func query(_ n: Int64) -> String { queryPrefix + padded(n) }
    static let meta = "META"
    static let preferences = "PREF"
    /// Attribute name of one preference on the `PREF` item.
    static let preferencePrefix = "p:"

    static func padded(_ n: Int64) -> String {
        let digits = String(max(n, 0))
        return String(repeating: "0", count: max(seqWidth - digits.count, 0)) + digits
    }

    static func escaped(_ id: String) -> String {
        guard id.contains(where: { $0 == "%" || $0 == "#" }) else { return id }
        return id.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "#", with: "%23")
    }
}
