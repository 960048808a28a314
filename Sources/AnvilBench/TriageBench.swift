import Allura
import AnvilApp
import DemoForge
import ForgeModel
import Foundation
import HTTP
import TerminalUI

/// Time from the keypress that confirms a status change to the updated row, against the demo
/// forge served over loopback HTTP, and the HTTP requests a single and a bulk action make.
enum TriageBench {
    static func run(latencyMilliseconds: Int) throws {
        var options = DemoForge.Options()
        options.latency = .milliseconds(latencyMilliseconds)
        let forge = DemoForge(options: options)
        let server = DemoServer(forge: forge)
        try server.start()
        defer { server.stop() }
        let allura = try AlluraForge(
            baseURL: server.baseURL, token: DemoNames.demoToken, transport: SocketTransport())
        let session = ForgeSession(forge: allura, baseURL: server.baseURL)
        let device = HeadlessTerminal(width: 120, height: 30)
        let app = App(device: device, mailbox: Mailbox())
        guard let (_, route) = try? session.parse("p/\(DemoNames.mainProject)/\(DemoNames.mainTracker)/") else {
            return
        }
        app.open(route, session: session)
        while app.loadsInFlight > 0 { app.settle(seconds: 60) }
        _ = app.render()

        func type(_ text: String) { for c in text { app.handle(.key(.char(c))) } }
        var times: [Double] = []
        var requestsPerAction: [Int] = []
        for i in 0..<20 {
            let status = i % 2 == 0 ? "pending" : "open"
            app.handle(.key(.char("s")))
            type(status)
            app.handle(.key(.enter))  // the status
            forge.resetLog()
            let start = DispatchTime.now().uptimeNanoseconds
            app.handle(.key(.enter))  // no comment: this key writes
            while app.loadsInFlight > 0 { app.settle(seconds: 60) }
            _ = app.render()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
            requestsPerAction.append(forge.requestLog.count)
        }
        // Bulk: tag 10 open tickets, then one status change for all of them.
        app.open(
            .ticketSearch(
                ProjectPath(neighborhood: "p", name: DemoNames.mainProject), mount: DemoNames.mainTracker,
                query: "status:open"),
            session: session)
        while app.loadsInFlight > 0 { app.settle(seconds: 60) }
        _ = app.render()
        for _ in 0..<10 { app.handle(.key(.char("t"))) }
        app.handle(.key(.char(";")))
        app.handle(.key(.char("s")))
        type("closed")
        app.handle(.key(.enter))
        app.handle(.key(.enter))
        forge.resetLog()
        type("y")
        app.handle(.key(.enter))
        while app.loadsInFlight > 0 { app.settle(seconds: 120) }
        let bulkRequests = forge.requestLog.count
        let sorted = times.sorted()
        print(
            String(
                format:
                    "triage over loopback, latency %d ms: keypress to updated row median %.1f ms (min %.1f, max %.1f); requests per action %d; bulk on 10 tickets %d",
                latencyMilliseconds, sorted[sorted.count / 2], sorted.first ?? 0, sorted.last ?? 0,
                requestsPerAction.max() ?? 0, bulkRequests))
    }
}
