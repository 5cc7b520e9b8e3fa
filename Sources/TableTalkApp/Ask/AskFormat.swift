/// How `tabletalk ask` prints its answer.
public enum AskFormat: String, Sendable, CaseIterable, Codable {
    /// The restatement, the SQL and an aligned table, for people.
    case text
    /// One JSON object: `{"sql", "interpretation", "columns", "rows"}` or `{"error", "suggestions"}`.
    case json
    /// A JSON list of the answer column's values (one value for a scalar), for benchmark harnesses.
    case values
}

/// What `ask` prints and how it ends.
public struct AskOutput: Sendable, Hashable {
    /// What goes to stdout (one line for json and values, ending in a newline).
    public var stdout: String
    /// A message for stderr (clarifications and errors), if any.
    public var stderr: String?
    /// 0 answered, 2 the question needs clarification (nothing was run), 1 an error.
    public var exitCode: Int32

    public init(stdout: String, stderr: String? = nil, exitCode: Int32 = 0) {
        self.stdout = stdout
        self.stderr = stderr
        self.exitCode = exitCode
    }
}
