import Foundation
import Synchronization

/// Runs a forge's `token_command` through `/bin/sh -c` and returns what it printed.
///
/// stdin is /dev/null and stderr is discarded (a failing command may print the secret or part of
/// it); the command and everything it started are killed when it outlives `timeout`. Errors name
/// the forge and what went wrong, never the output.
struct TokenCommand {
    let command: String
    let forgeName: String
    let timeout: Duration

    /// More than this is not a token.
    static let outputLimit = 64 * 1024

    func run(environment: [String: String]) throws(ConfigError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        var childEnvironment = environment
        if childEnvironment["PATH"] == nil { childEnvironment["PATH"] = "/usr/local/bin:/usr/bin:/bin" }
        process.environment = childEnvironment
        process.standardInput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardOutput = pipe
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }

        do {
            try process.run()
        } catch {
            throw failure("could not be started")
        }
        let group = ProcessGroup(leader: process.processIdentifier)
        // The parent's copy of the write end must go, or the read below never sees end of file.
        try? pipe.fileHandleForWriting.close()

        let output = OutputCollector(limit: Self.outputLimit)
        let readerFinished = DispatchSemaphore(value: 0)
        let reading = pipe.fileHandleForReading
        Thread.detachNewThread {
            output.collect(from: reading)
            readerFinished.signal()
        }

        let deadline = DispatchTime.now() + .nanoseconds(Int(timeout.nanoseconds))
        let timedOut = failure("did not finish within \(timeout.wholeSecondsDescription)")
        // Every wait is bounded: a child the command left behind (`setsid sleep 300 &`) may keep
        // the pipe open for ever, and a killed process is reaped only as fast as Foundation notices.
        let pid = process.processIdentifier
        var ending: ShellExit?
        while ending == nil {
            if DispatchTime.now() >= deadline {
                group.kill()
                _ = exited.wait(timeout: .now() + .seconds(2))
                throw timedOut
            }
            // Foundation reports the exit only once the pipe closes, so look at the shell directly.
            if exited.wait(timeout: .now() + .milliseconds(20)) == .success {
                ending =
                    process.terminationReason == .uncaughtSignal
                    ? .signal(process.terminationStatus) : .status(process.terminationStatus)
            } else {
                ending = ShellExit.peek(pid)
            }
        }
        // The shell has ended, so what it printed is in the pipe: give the reader a moment for it.
        let grace = DispatchTime.now() + .milliseconds(200)
        _ = readerFinished.wait(timeout: min(deadline, grace))
        group.killRemainingMembers()
        let result = output.result
        if result.overflowed { throw failure("printed far more than a token") }
        switch ending {
        case .signal(let signal):
            throw failure("was killed by signal \(signal)")
        case .status(let status) where status != 0:
            throw failure("failed with exit status \(status) (run it in a shell to see why)")
        default:
            break
        }
        guard let text = String(data: result.data, encoding: .utf8) else {
            throw failure("printed something that is not UTF-8 text")
        }
        if text.allSatisfy(\.isWhitespace) { throw failure("printed nothing") }
        return text
    }

    private func failure(_ reason: String) -> ConfigError {
        ConfigError(problem: "forge '\(forgeName)': token_command \(reason)")
    }
}

/// How the shell ended.
private enum ShellExit {
    case status(Int32)
    case signal(Int32)

    /// How `pid` ended, when it has, without reaping it (Foundation still waits for it).
    static func peek(_ pid: pid_t) -> ShellExit? {
        var info = siginfo_t()
        guard waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 else { return nil }
        let child = info._sifields._sigchld
        guard child.si_pid == pid else { return nil }
        return info.si_code == CLD_EXITED ? .status(child.si_status) : .signal(child.si_status)
    }
}

/// The process group of the shell running the command, so that everything it started can be
/// killed with it. Foundation starts each child as the leader of its own group on Linux; when it
/// does not, only the shell itself is killed.
private struct ProcessGroup {
    let leader: pid_t
    let leadsGroup: Bool

    init(leader: pid_t) {
        self.leader = leader
        // -1: already exited and reaped. Its group, if it led one, is then the only one with its ID.
        let group = getpgid(leader)
        self.leadsGroup = leader > 0 && (group == leader || group == -1)
    }

    func kill() {
        guard leader > 0 else { return }
        // The group outlives its leader while members remain, so this works after the shell exited.
        _ = Foundation.kill(leadsGroup ? -leader : leader, SIGKILL)
    }

    /// After the shell ended: kills what it left in its group (never a reused process ID).
    func killRemainingMembers() {
        guard leader > 0, leadsGroup else { return }
        _ = Foundation.kill(-leader, SIGKILL)
    }
}

/// The bytes read from the command, shared between the reading thread and the caller.
private final class OutputCollector: Sendable {
    struct Result {
        var data = Data()
        var overflowed = false
    }

    private let limit: Int
    private let state = Mutex(Result())

    init(limit: Int) { self.limit = limit }

    var result: Result { state.withLock { $0 } }

    /// Reads until end of file, or until more than `limit` bytes have arrived.
    func collect(from handle: FileHandle) {
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { return }
            let full = state.withLock { result in
                result.data.append(chunk)
                if result.data.count > limit { result.overflowed = true }
                return result.overflowed
            }
            if full { return }
        }
    }
}

extension Duration {
    fileprivate var wholeSecondsDescription: String {
        let seconds = Double(nanoseconds) / 1e9
        return seconds == seconds.rounded() ? "\(Int(seconds)) seconds" : "\(seconds) seconds"
    }
}
