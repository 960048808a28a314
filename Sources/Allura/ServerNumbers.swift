/// Every count, page and limit the server sends passes here once, on its way into the model, and
/// comes out in a range the views can compute with: no number a server chose can overflow an
/// `Int` in paging arithmetic or make a view plan millions of pages.
public enum ServerNumbers {
    /// The most items one list or thread is taken to have, whatever the server claims.
    public static let maximumCount = 100_000

    /// A count (`count`, `num_replies`, ...) in 0…`maximumCount`; nil stays nil.
    public static func count(_ value: Int?) -> Int? {
        value.map { min(max($0, 0), maximumCount) }
    }

    /// The limit a page was served with: the echoed one when it is in 1…500, else the requested one.
    public static func limit(echoed: Int?, requested: Int) -> Int {
        if let echoed, (1...AlluraPaging.maximumLimit).contains(echoed) { return echoed }
        return AlluraPaging.clamped(limit: requested)
    }

    /// The page a page was served as: the echoed one when a page that far can exist
    /// (`page × limit` ≤ `maximumCount`), else the requested one.
    public static func page(echoed: Int?, requested: Int, limit: Int) -> Int {
        let requested = min(max(requested, 0), maximumCount)
        guard let echoed, echoed >= 0, echoed <= maximumCount / max(limit, 1) else { return requested }
        return echoed
    }
}
