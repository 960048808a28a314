import Foundation
import Testing

@testable import TerminalUI

@Suite struct WakeSignalTests {
    @Test func drainIsEmptyWhenNothingWasSignalled() throws {
        let wake = try WakeSignal()
        #expect(wake.drain().isEmpty)
    }

    @Test func bytesArriveInOrder() throws {
        let wake = try WakeSignal()
        wake.signal()
        wake.signal(byte: 7)
        wake.signal(byte: 200)
        #expect(wake.drain() == [WakeSignal.wakeByte, 7, 200])
        #expect(wake.drain().isEmpty)
    }

    @Test func descriptorsAreNonBlockingAndCloseOnExec() throws {
        let wake = try WakeSignal()
        for fd in [wake.readFileDescriptor, wake.writeFileDescriptor] {
            #expect(fcntl(fd, F_GETFL) & O_NONBLOCK != 0)
            #expect(fcntl(fd, F_GETFD) & FD_CLOEXEC != 0)
        }
    }

    @Test func fullPipeDoesNotBlockTheWriter() throws {
        let wake = try WakeSignal()
        for _ in 0..<200_000 { wake.signal() }  // more than a pipe holds
        let bytes = wake.drain()
        #expect(bytes.count > 0 && bytes.count < 200_000)
    }

    @Test func wakesAPollingThreadFromOtherThreads() throws {
        let wake = try WakeSignal()
        let writers = 4
        let perWriter = 50
        DispatchQueue.global().async {
            DispatchQueue.concurrentPerform(iterations: writers) { i in
                for _ in 0..<perWriter { wake.signal(byte: UInt8(i + 1)) }
            }
        }
        var received: [UInt8] = []
        let deadline = Date().addingTimeInterval(5)
        while received.count < writers * perWriter, Date() < deadline {
            var fd = pollfd(fd: wake.readFileDescriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&fd, 1, 1000)
            if ready > 0 { received += wake.drain() }
        }
        #expect(received.count == writers * perWriter)
        for i in 1...writers { #expect(received.filter { $0 == UInt8(i) }.count == perWriter) }
    }

    @Test("signal() from another thread wakes a poller on the eventfd, and many drain as one wake byte")
    func signalGoesThroughTheEventDescriptor() throws {
        let wake = try WakeSignal()
        for fd in [wake.eventFileDescriptor] {
            #expect(fcntl(fd, F_GETFL) & O_NONBLOCK != 0)
            #expect(fcntl(fd, F_GETFD) & FD_CLOEXEC != 0)
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) {
            for _ in 0..<1_000 { wake.signal() }
        }
        var fd = pollfd(fd: wake.eventFileDescriptor, events: Int16(POLLIN), revents: 0)
        #expect(poll(&fd, 1, 10_000) == 1)
        Thread.sleep(forTimeInterval: 0.1)
        #expect(wake.drain() == [WakeSignal.wakeByte])
        var pipe = pollfd(fd: wake.readFileDescriptor, events: Int16(POLLIN), revents: 0)
        #expect(poll(&pipe, 1, 0) == 0, "the pipe is left to signal handlers")
        #expect(wake.drain().isEmpty)
    }
}
