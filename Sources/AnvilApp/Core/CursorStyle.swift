/// How lists mark the selected row.
public enum CursorStyle: String, CaseIterable, Sendable {
    /// An arrow in the row's left margin: moving it rewrites two cells, so it suits slow links.
    case arrow
    /// The row's text in the cursor colours: easier to spot, but every move rewrites two rows.
    case bar
}
