#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ignores `SIGPIPE` for the whole process, so that writing to a plugin (or a client) that closed its end
/// becomes an `EPIPE` error the writer handles instead of killing the gateway. Child processes get the default
/// disposition back when they are spawned (see ``PluginProcess``).
public enum BrokenPipeSignal {
    private static let installed: Bool = {
        signal(SIGPIPE, SIG_IGN)
        return true
    }()

    /// Installs the ignore disposition once; cheap to call again.
    public static func ignore() {
        _ = installed
    }
}
