/// Why a model's SQL is not accepted, in words that both the user and the model (in a repair turn) can act on.
enum SQLProblem: Error, Sendable, Hashable, CustomStringConvertible {
    case noStatement
    case multipleStatements
    case notRead(String)
    case unknownTable(String)
    case unknownColumn(String, known: [String])
    case deniedFunction(String)
    case unreadable(String)

    var description: String {
        switch self {
        case .noStatement: return "the reply contains no SQL statement"
        case .multipleStatements: return "the reply contains more than one SQL statement; exactly one SELECT is allowed"
        case .notRead(let word):
            return "only a read-only SELECT is allowed, and the statement uses \(word.uppercased())"
        case .unknownTable(let name):
            return "there is no table \"\(name)\"; use only the tables listed"
        case .unknownColumn(let name, let known):
            let list = known.prefix(40).joined(separator: ", ")
            return "there is no column \"\(name)\" (columns: \(list)); put text values in single quotes"
        case .deniedFunction(let name): return "the function \(name)() is not allowed"
        case .unreadable(let what): return "the statement has an unterminated \(what)"
        }
    }

    /// Short name for logs and metrics.
    var kind: String {
        switch self {
        case .noStatement: return "noStatement"
        case .multipleStatements: return "multipleStatements"
        case .notRead: return "notRead"
        case .unknownTable: return "unknownTable"
        case .unknownColumn: return "unknownColumn"
        case .deniedFunction: return "deniedFunction"
        case .unreadable: return "unreadable"
        }
    }
}
