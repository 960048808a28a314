import AnvilApp
import DemoForge
import ForgeModel
import Foundation
import TerminalUI

// Thread benchmarks on a generated thread of 10,000 posts (depth up to 12, replies scattered over
// later pages): tree insertion, cursor move plus a full 100x30 frame, peak memory, and how many
// requests the first screen and the jump to the end take. `anvil-bench serve N…` serves generated
// threads over loopback HTTP instead (see ThreadServer).

if CommandLine.arguments.count > 1, CommandLine.arguments[1] == "serve" {
    ThreadServer.run(sizes: CommandLine.arguments.dropFirst(2).compactMap { Int($0) })
}

let postCount = 10_000
let pageSize = 100
let posts = GeneratedThread.make(count: postCount, maxDepth: 12, seed: 42)

func milliseconds(_ block: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    block()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p))]
}

// 0. Generating the demo forge's data, which `anvil --demo` does before its first frame.
var generation: [Double] = []
for _ in 0..<15 { generation.append(milliseconds { _ = DemoForge(seed: 1) }) }
print(
    String(
        format: "demo forge generation (part of anvil --demo start-up): median %.2f ms, min %.2f ms",
        percentile(generation, 0.5), percentile(generation, 0)))

// 1. Inserting every page into the tree (in a function, so this tree is gone before step 2).
func measureInsertion() {
    var tree = PostTree()
    var pageTimes: [Double] = []
    let total = milliseconds {
        for page in stride(from: 0, to: posts.count, by: pageSize) {
            let slice = Array(posts[page..<min(posts.count, page + pageSize)])
            pageTimes.append(milliseconds { tree.insert(slice, serverOffset: page) })
        }
    }
    let rowsTime = milliseconds { _ = tree.rows() }
    print(
        String(
            format:
                "insert %d posts in pages of %d: total %.1f ms, per page median %.2f ms, p99 %.2f ms; rows() %.1f ms",
            postCount, pageSize, total, percentile(pageTimes, 0.5), percentile(pageTimes, 0.99), rowsTime))
}
measureInsertion()

// 2. The thread view in the real app, headless, on a forge that serves the generated thread.
let forge = BenchForge(posts: posts)
let base = URL(string: "https://bench.anvil.test") ?? URL(fileURLWithPath: "/")
let session = ForgeSession(forge: forge, baseURL: base)
let device = HeadlessTerminal(width: 100, height: 30)
let app = App(device: device, mailbox: Mailbox())
let route = Route.topic(BenchForge.project, mount: "discussion", forum: "general", thread: "benchthread")
app.open(route, session: session)
while app.loadsInFlight > 0 { app.settle(seconds: 60) }
_ = app.render()
let firstScreen = forge.threadRequests
app.handle(.key(.char("G")))
while app.loadsInFlight > 0 { app.settle(seconds: 60) }
_ = app.render()
let toEnd = forge.threadRequests - firstScreen
print(
    "thread requests: first screen \(firstScreen), jump to the end \(toEnd) (the project, for the breadcrumb, after the first frame)"
)

app.handle(.key(.char("A")))
while app.loadsInFlight > 0 { app.settle(seconds: 120) }
_ = app.render()
let rows = app.top?.rows(width: 100).count ?? 0
// Move to the middle, then time one cursor move plus a full frame, many times.
app.handle(.key(.char("g")))
for _ in 0..<(postCount / 2) { app.perform(.moveDown) }
var moves: [Double] = []
for i in 0..<400 {
    moves.append(
        milliseconds {
            app.perform(i % 2 == 0 ? .moveDown : .moveUp)
            device.present(app.render())
        })
}
print(
    String(
        format: "move + render 100x30 frame mid-thread (%d rows): median %.3f ms, p99 %.3f ms", rows,
        percentile(moves, 0.5), percentile(moves, 0.99)))

let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
let peak = status.split(separator: "\n").first { $0.hasPrefix("VmHWM") }.map(String.init) ?? "VmHWM unknown"
print(
    "peak RSS with all \(postCount) posts loaded and drawn: \(peak.replacingOccurrences(of: "VmHWM:", with: "").trimmedOfSpaces)"
)

// 3. Ticket triage over loopback HTTP.
for latency in [0, 100] {
    do { try TriageBench.run(latencyMilliseconds: latency) } catch { print("triage benchmark failed: \(error)") }
}
