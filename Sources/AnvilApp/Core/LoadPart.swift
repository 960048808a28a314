import ForgeModel

/// How a load hands the UI a first part of its answer before the whole of it: a thread's first
/// page shows the posts that fill the screen while the rest of the page's posts are rendered.
/// The part reaches the view that asked, as a payload of its own, only while the load is in
/// flight; the load's answer comes after it as usual.
public final class LoadPart: Sendable {
    /// Where the parts of the load running in this task go; nil outside a load of `App.load`.
    @TaskLocal public static var current: LoadPart?

    private let deliver: @Sendable (Payload) -> Void

    init(_ deliver: @escaping @Sendable (Payload) -> Void) { self.deliver = deliver }

    /// Hands `part` to the view that asked.
    public func send(_ part: Payload) { deliver(part) }
}
