import Allura
import Foundation
import HTTP
import TestSupport

@testable import AnvilApp

/// A session on a fake Allura served over loopback: the project `p/test` from the fixture, and
/// `answers` by REST path (anything else is Allura's 404 page). Stop the server when done.
func fakeAlluraSession(
    _ answers: [String: FaultServer.Fault], transport: (any Transport)? = nil
) throws -> (FaultServer, ForgeSession) {
    let base = Box<URL>()
    let server = try FaultServer { request in
        if request.path == FakeAllura.projectPath { return base.value.map(FakeAllura.project) ?? .reset }
        return answers[request.path] ?? FakeAllura.errorPage(404, reason: "No")
    }
    base.value = server.baseURL
    let forge = try AlluraForge(
        baseURL: server.baseURL, token: nil,
        transport: transport ?? SocketTransport(timeout: 10, deadline: 10))
    return (server, ForgeSession(forge: forge, baseURL: server.baseURL))
}
