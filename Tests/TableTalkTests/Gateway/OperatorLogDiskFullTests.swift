import Foundation
import Testing
@testable import TableTalkUpload
import TableTalkCore
import TableTalkProtocol

/// A part that cannot be written because the disk is full gets `storageFull` (1005; the `PUT` route answers 507),
/// not `-32603`.
@Suite struct OperatorLogDiskFullTests {
    @Test func writeOnAFullDiskIsStorageFull() throws {
        // /dev/full answers every write with ENOSPC, as a full disk does.
        let fd = open("/dev/full", O_WRONLY | O_CLOEXEC)
        try #require(fd >= 0)
        defer { close(fd) }
        let bytes = [UInt8](repeating: 7, count: 4096)
        #expect {
            try bytes.withUnsafeBytes { try UploadStore.write($0, to: fd, at: 0, "u1") }
        } throws: { ($0 as? TableTalkError)?.kind == .storageFull }
        #expect(TableTalkError.Kind.storageFull.rawValue == ErrorCode.storageFull.rawValue)
        #expect(UploadStore.writeFailed("u1", errno: EDQUOT).kind == .storageFull)
        #expect(UploadStore.writeFailed("u1", errno: EIO).kind == .internalFailure)
        #expect(UploadErrors.rpc(UploadStore.writeFailed("u1", errno: ENOSPC)).code.rawValue == 1005)
    }
}
