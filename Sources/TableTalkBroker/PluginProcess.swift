import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One plugin's operating-system process, spawned so that it cannot outlive the gateway or see its descriptors:
/// - it runs in a process group of its own, led by a small `/bin/sh` watchdog whose stdin is a pipe only the
///   gateway holds; when the gateway ends in any way (exit, SIGTERM, SIGKILL) or releases the plugin, the pipe
///   closes and the watchdog sends SIGTERM to the group, then SIGKILL after ``gracePeriod`` (plugin children too);
/// - its stdin/stdout pipes are close-on-exec in the gateway, and the child closes every descriptor above 2;
/// - signal dispositions and mask are reset in the child (the gateway ignores SIGPIPE; plugins get the default).
///
/// `PR_SET_PDEATHSIG` is not used: it fires when the *thread* that forked exits (Swift's pool threads come and
/// go), `posix_spawn` cannot set it, and it reaches only the direct child, not the plugin's own children.
final class PluginProcess: Sendable {
    /// Seconds between the watchdog's SIGTERM and SIGKILL to the group.
    static let gracePeriod = 2
    /// What the watchdog runs: wait for its stdin to close, then end its whole process group.
    static let watchdogScript =
        "trap '' TERM INT HUP; read -r line; kill -TERM 0; sleep \(gracePeriod); kill -KILL 0"

    let pid: pid_t
    /// The process group (the watchdog's pid, or the plugin's own when `/bin/sh` could not be started).
    let group: pid_t
    let watchdog: pid_t?
    /// Write end of the plugin's stdin.
    let input: Int32
    /// Read end of the plugin's stdout.
    let output: Int32
    private struct Handles {
        var lifeline: Int32?
        var inputOpen = true
        var reaped = false
    }
    private let handles: Mutex<Handles>

    private init(pid: pid_t, group: pid_t, watchdog: pid_t?, input: Int32, output: Int32, lifeline: Int32?) {
        self.pid = pid
        self.group = group
        self.watchdog = watchdog
        self.input = input
        self.output = output
        self.handles = Mutex(Handles(lifeline: lifeline))
    }

    /// Starts `command` (argv; the first element is looked up on PATH) with the watchdog in its group.
    static func spawn(_ command: [String]) throws(SystemCallError) -> PluginProcess {
        BrokenPipeSignal.ignore()
        #if os(Linux)
        guard !command.isEmpty else { throw SystemCallError("spawn (empty command)", ENOENT) }
        let stdin = try LinuxSpawnCalls.closeOnExecPipe()
        let stdout: (read: Int32, write: Int32)
        do { stdout = try LinuxSpawnCalls.closeOnExecPipe() } catch {
            close(stdin.read); close(stdin.write)
            throw error
        }
        // The watchdog first: it leads the group, so the group exists for as long as the watchdog does.
        var watchdog: pid_t?
        var lifeline: Int32?
        if let life = try? LinuxSpawnCalls.closeOnExecPipe() {
            if let w = try? spawnOne(
                path: "/bin/sh", argv: ["sh", "-c", watchdogScript], searchPath: false, group: 0, stdin: life.read, stdout: nil)
            {
                watchdog = w
                lifeline = life.write
            } else {
                close(life.write)
            }
            close(life.read)
        }
        let pid: pid_t
        do {
            pid = try spawnOne(
                path: command[0], argv: command, searchPath: true, group: watchdog ?? 0, stdin: stdin.read, stdout: stdout.write)
        } catch {
            close(stdin.read); close(stdin.write); close(stdout.read); close(stdout.write)
            if let lifeline { close(lifeline) }
            if let watchdog {
                // Alone in its group: end it now rather than after its grace period.
                kill(watchdog, SIGKILL)
                var status: Int32 = 0
                waitpid(watchdog, &status, 0)
            }
            throw error
        }
        close(stdin.read)
        close(stdout.write)
        return PluginProcess(
            pid: pid, group: watchdog ?? pid, watchdog: watchdog, input: stdin.write, output: stdout.read, lifeline: lifeline)
        #else
        throw SystemCallError("spawn (external plugins are supported on Linux)", ENOSYS)
        #endif
    }

    #if os(Linux)

    /// posix_spawn with the group, reset signals, the given stdin/stdout (nil: /dev/null), stderr inherited and
    /// every other descriptor closed.
    private static func spawnOne(path: String, argv: [String], searchPath: Bool, group: pid_t, stdin: Int32, stdout: Int32?)
        throws(SystemCallError) -> pid_t
    {
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        if let stdout {
            posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        LinuxSpawnCalls.closeAll(from: 3, in: &actions)

        var all = sigset_t()
        sigfillset(&all)
        sigdelset(&all, SIGKILL)
        sigdelset(&all, SIGSTOP)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setpgroup(&attributes, group)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var pid: pid_t = 0
        let rc =
            searchPath
            ? posix_spawnp(&pid, path, &actions, &attributes, &cArgs, environ)
            : posix_spawn(&pid, path, &actions, &attributes, &cArgs, environ)
        guard rc == 0 else { throw SystemCallError("spawn \(path)", rc) }
        return pid
    }
    #endif

    /// Writes all of `data` to the plugin's stdin; blocks while the pipe is full. Throws (EPIPE) once the plugin
    /// closed its stdin or ended; never raises SIGPIPE (ignored process-wide).
    func write(_ data: Data) throws(SystemCallError) {
        let open = handles.withLock { $0.inputOpen }
        guard open else { throw SystemCallError("write", EPIPE) }
        let failure = data.withUnsafeBytes { Self.writeAll(input, $0) }
        if let failure { throw SystemCallError("write", failure) }
    }

    /// Writes every byte to `fd`, retrying on EINTR; returns the errno of a failure.
    static func writeAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> Int32? {
        guard let base = buffer.baseAddress else { return nil }
        var offset = 0
        while offset < buffer.count {
            #if canImport(Glibc)
            let n = Glibc.write(fd, base + offset, buffer.count - offset)
            #else
            let n = Darwin.write(fd, base + offset, buffer.count - offset)
            #endif
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += n
        }
        return nil
    }

    /// Closes the plugin's stdin (a well-behaved plugin then exits). Call on the thread that writes.
    func closeInput() {
        let wasOpen = handles.withLock { h -> Bool in
            defer { h.inputOpen = false }
            return h.inputOpen
        }
        if wasOpen { close(input) }
    }

    /// Ends the process group: closes the watchdog's pipe (SIGTERM now, SIGKILL after the grace period), or without
    /// a watchdog sends those signals itself. Idempotent.
    func release() {
        let lifeline = handles.withLock { h -> Int32? in
            defer { h.lifeline = nil }
            return h.lifeline
        }
        if let lifeline {
            close(lifeline)
        } else if watchdog == nil {
            killpg(group, SIGTERM)
            let grace = Self.gracePeriod
            DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(grace)) { [self] in
                // After the plugin is reaped its pid (and so the group id) may be reused: only signal before that.
                handles.withLock { h in if !h.reaped { killpg(group, SIGKILL) } }
            }
        }
    }

    /// Blocks until the plugin exits; returns a description ("exited with status 3", "was killed by signal 9").
    func waitForExit() -> String {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        if watchdog == nil { handles.withLock { $0.reaped = true } }
        let signal = status & 0x7f
        return signal == 0 ? "exited with status \((status >> 8) & 0xff)" : "was killed by signal \(signal)"
    }

    /// Blocks until the watchdog is gone (after ``release()``), so it leaves no zombie.
    func reapWatchdog() {
        guard let watchdog else { return }
        var status: Int32 = 0
        while waitpid(watchdog, &status, 0) < 0 && errno == EINTR {}
    }
}
