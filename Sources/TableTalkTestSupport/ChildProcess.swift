public import Foundation
import Synchronization

/// Runs a command to its end on threads of its own, never on Swift's cooperative pool: that pool has one thread per
/// core (two on CI), so a test blocked in `waitUntilExit()` or a pipe read there stalls every other test.
public enum ChildProcess {
    public struct Outcome: Sendable {
        public var status: Int32
        public var output: Data
        public var errors: Data
        public var text: String { String(decoding: output, as: UTF8.self) }
    }

    /// `arguments[0]` is looked up on PATH (through /usr/bin/env).
    public static func run(_ arguments: [String], environment: [String: String]? = nil, input: Data? = nil) async throws -> Outcome {
        try await offPool {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = arguments
            if let environment { p.environment = environment }
            let out = Pipe(), err = Pipe(), inp = Pipe()
            p.standardOutput = out
            p.standardError = err
            p.standardInput = input == nil ? FileHandle.nullDevice : inp
            try p.run()
            if let input {
                try inp.fileHandleForWriting.write(contentsOf: input)
                try inp.fileHandleForWriting.close()
            }
            // stderr is read on its own thread, so a child filling one pipe does not wait on the other
            let errors = Mutex(Data())
            let errorsRead = DispatchSemaphore(value: 0)
            Thread {
                let data = err.fileHandleForReading.readDataToEndOfFile()
                errors.withLock { $0 = data }
                errorsRead.signal()
            }.start()
            let output = out.fileHandleForReading.readDataToEndOfFile()
            errorsRead.wait()
            p.waitUntilExit()
            return Outcome(status: p.terminationStatus, output: output, errors: errors.withLock { $0 })
        }
    }

    /// Runs blocking work on a new thread and resumes with its result.
    public static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { c in
            Thread { c.resume(with: Swift.Result { try work() }) }.start()
        }
    }
}
