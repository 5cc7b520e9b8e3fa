import Foundation
import TableTalkProtocol

extension PluginConnection {
    /// Writes one notification through the connection's serial writer and returns once it is in the pipe (true) or
    /// could not be written (false). ``EventOutlet`` paces itself on it, so a plugin that stops reading holds at most
    /// one event in the writer.
    func notifyWritten(method: String, params: JSONValue) async -> Bool {
        guard !isLost, var line = try? MessageEncoder().notification(method: method, params: params) else { return false }
        line.append(0x0A)
        let framed = line
        return await withCheckedContinuation { (done: CheckedContinuation<Bool, Never>) in
            writer.async { [self] in
                do {
                    try process.write(framed)
                    done.resume(returning: true)
                } catch {
                    lose("closed its input (\(error))")
                    done.resume(returning: false)
                }
            }
        }
    }
}
