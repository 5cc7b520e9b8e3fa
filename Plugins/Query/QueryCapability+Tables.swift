import Foundation
import TableTalkBroker
import TableTalkCore
import TableTalkProtocol

extension QueryCapability {
    /// `query.alterColumn`: re-types a column; a lossy change without `confirm: true` fails with 2009
    /// `typeConversion` whose data says how many values would not convert and shows a few (nothing changes).
    func alterColumn(_ r: QueryAlterColumnRequest, _ ctx: RequestContext) async throws -> TableDescription {
        do {
            let info = try await engine.alterColumn(
                table: r.table, column: r.column, to: WireMapping.columnType(r.type), confirmLossy: r.confirm ?? false,
                for: ctx.principal)
            return WireMapping.table(info, aliases: try await aliases?.columnAliases(of: info.name, for: ctx.principal) ?? [:])
        } catch let e as TableTalkError where e.kind == .typeConversion {
            throw Self.typeConversion(e)
        }
    }

    /// The wire form of a refused lossy change: `data {kind, table, column, type, failing, samples}` with
    /// `failing` a number and `samples` an array of strings.
    static func typeConversion(_ e: TableTalkError) -> RPCError {
        var data: [String: JSONValue] = ["kind": "typeConversion"]
        for key in ["table", "column", "type"] { if let v = e.details[key] { data[key] = .string(v) } }
        data["failing"] = .int(e.details["failing"].flatMap(Int64.init) ?? 0)
        let samples = e.details["samples"].flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
        data["samples"] = .array(samples.map { .string($0) })
        return RPCError(ErrorCode(e.code), e.message, data: .object(data))
    }
}
