import Foundation
import Testing
import TableTalkCore
import TableTalkTestSupport
@testable import TableTalkSQLite

/// The history contract (HistoryStoreContract in TableTalkTestSupport, also run against DynamoDB on moto) on the
/// embedded store: each case in a directory of its own, "reopen" opening a new store over the same directory.
@Suite struct HistoryStoreTests {
    @Test(arguments: HistoryStoreContract.cases)
    func contract(_ contractCase: HistoryStoreContract.Case) async throws {
        let dir = TempDir()
        try await contractCase.run { options in
            SQLiteHistoryStore(dataDirectory: dir.url, maxQueryLog: options.maxQueryLog, maxStoredRows: options.maxStoredRows)
        }
    }
}
