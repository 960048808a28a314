import Foundation

/// CPU time spent by the calling thread: unlike wall time, it does not grow when other work
/// shares the machine, so cost ratios measured with it hold on a busy CI runner.
public enum ThreadClock {
    public static func seconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
