import TableTalkCore

/// What a query that Athena did not finish means for the client. Athena says why in `StateChangeReason` (and
/// `AthenaError`: category 1 system, 2 user); Trino prefixes user errors with their name (`TABLE_NOT_FOUND: line
/// 1:15: Table 'awsdatacatalog.db.x' does not exist`). The workgroup's bytes-scanned cutoff cancels a query with a
/// reason naming the limit; it becomes `queryTooLarge` with `data.reason: "scanned"` (the family of "the query
/// needs more than the server allows"), so a client can tell it from a timeout or a mistake in the SQL.
enum AthenaFailure {
    /// Phrases (lower case) of a reason that mean the bytes-scanned cutoff stopped the query.
    static let scanLimitPhrases = ["bytes scanned limit", "scanned limit was exceeded", "bytesscannedcutoffperquery"]

    static func error(state: String, reason: String?, athenaError: AthenaWire.AthenaError?, queryExecutionId: String)
        -> TableTalkError
    {
        let text = reason ?? athenaError?.ErrorMessage ?? ""
        let lowered = text.lowercased()
        var details = ["athenaState": state, "queryExecutionId": queryExecutionId]
        if !text.isEmpty { details["athenaReason"] = text }
        if scanLimitPhrases.contains(where: lowered.contains) {
            details["reason"] = "scanned"
            return TableTalkError(
                .queryTooLarge, "the query would scan more data than the Athena workgroup allows per query and was stopped",
                details: details)
        }
        if state == "CANCELLED" {
            return TableTalkError(
                .queryCancelled, "Athena cancelled the query" + (text.isEmpty ? "" : ": \(text)"), details: details)
        }
        if lowered.hasPrefix("table_not_found") {
            return TableTalkError(.tableNotFound, "Athena: \(text)", details: details)
        }
        if lowered.hasPrefix("column_not_found") {
            return TableTalkError(.columnNotFound, "Athena: \(text)", details: details)
        }
        if athenaError?.ErrorCategory == 2 || lowered.hasPrefix("syntax_error") {
            return TableTalkError(.sqlSyntax, "Athena could not run the query: \(text.isEmpty ? "no reason given" : text)", details: details)
        }
        return TableTalkError(
            .internalFailure, "Athena failed to run the query: \(text.isEmpty ? "no reason given" : text)", details: details)
    }

    /// A refused API call. Athena parses the SQL when it is started and refuses text it cannot parse with
    /// `InvalidRequestException` and a position (`line 1:8: mismatched input …`): that is `sqlSyntax` with its
    /// message. Anything else (a disabled workgroup, a missing permission, an unusable result location) is the
    /// deployment's fault, not the query's: `internalFailure`.
    static func error(_ aws: AWSError, action: String) -> TableTalkError {
        let details = ["awsCode": aws.code, "action": action]
        if action == "StartQueryExecution", aws.code == "InvalidRequestException",
            aws.message.contains(/line \d+:\d+/)
        {
            return TableTalkError(.sqlSyntax, "Athena could not parse the query: \(aws.message)", details: details)
        }
        return TableTalkError(.internalFailure, "Athena \(action) failed: \(aws.code): \(aws.message)", details: details)
    }
}
