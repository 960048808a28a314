/// Everything a key can do. One table (`Action.all`) drives key handling, the `?` help screen,
/// the names used in the config's `[keys]` section, and `:` command completion.
public enum Action: String, CaseIterable, Hashable, Sendable {
    case moveDown = "move-down"
    case moveUp = "move-up"
    case open
    case back
    case quit
    case first
    case last
    case pageDown = "page-down"
    case pageUp = "page-up"
    case scrollDown = "scroll-down"
    case scrollUp = "scroll-up"
    case search
    case searchNext = "search-next"
    case searchPrevious = "search-previous"
    case help
    case command
    case reload
    case openInBrowser = "open-in-browser"
    case previousLink = "previous-link"
    case collapse
    case collapseAll = "collapse-all"
    case chronological
    case loadAll = "load-all"
    case nextTopLevel = "next-top-level"
    case previousTopLevel = "previous-top-level"
    case parent
    case previousSibling = "previous-sibling"
    case nextSibling = "next-sibling"
    case nextUnread = "next-unread"
    case reply
    case comment
    case setStatus = "set-status"
    case setAssignee = "set-assignee"
    case editLabels = "edit-labels"
    case setMilestone = "set-milestone"
    case edit
    case create
    case tag
    case applyToTagged = "apply-to-tagged"
    case undo
    case redraw
    case messages
    case nextItem = "next-item"
    case previousItem = "previous-item"
    case markRead = "mark-read"
    case markUnread = "mark-unread"
    case discard
    case send
    case followLink = "follow-link"
    case copyURL = "copy-url"
    case copyText = "copy-text"
    case pipe

    /// Which screen the action belongs to, for grouping the help screen.
    public enum Scope: String, Sendable { case general, thread, tickets }

    public var scope: Scope {
        switch self {
        case .collapse, .collapseAll, .chronological, .loadAll, .nextTopLevel, .previousTopLevel, .parent,
            .previousSibling, .nextSibling, .nextUnread, .reply, .comment, .markRead, .markUnread:
            return .thread
        case .setStatus, .setAssignee, .editLabels, .setMilestone, .edit, .create, .tag, .applyToTagged, .undo:
            return .tickets
        default: return .general
        }
    }

    /// One line for the help screen.
    public var summary: String {
        switch self {
        case .moveDown: return "move down"
        case .moveUp: return "move up"
        case .open: return "open the item under the cursor"
        case .back: return "go back (quit at the first view)"
        case .quit: return "quit"
        case .first: return "go to the first line"
        case .last: return "go to the last line"
        case .pageDown: return "page down"
        case .pageUp: return "page up"
        case .scrollDown: return "scroll the window down a line"
        case .scrollUp: return "scroll the window up a line"
        case .search: return "search in this view"
        case .searchNext: return "next match"
        case .searchPrevious: return "previous match"
        case .help: return "this help"
        case .command: return "command prompt"
        case .reload: return "reload"
        case .openInBrowser: return "open in the web browser"
        case .collapse: return "collapse or expand"
        case .collapseAll: return "collapse all, or expand all"
        case .chronological: return "threaded or server (chronological) order"
        case .loadAll: return "load every page"
        case .nextTopLevel: return "next top-level post"
        case .previousTopLevel: return "previous top-level post"
        case .parent: return "go to the parent post"
        case .previousSibling: return "previous sibling"
        case .nextSibling: return "next sibling"
        case .nextUnread: return "next unread post; in a page, the next link (Enter follows it)"
        case .previousLink: return "previous link in a page"
        case .reply: return "reply to the post"
        case .comment: return "comment on the thread"
        case .setStatus: return "set status"
        case .setAssignee: return "set assignee"
        case .editLabels: return "add or remove labels"
        case .setMilestone: return "set milestone"
        case .edit: return "edit in $EDITOR (a ticket, wiki page or blog post; a link's target)"
        case .create: return "create a ticket, wiki page, blog post or webhook"
        case .tag: return "tag or untag"
        case .applyToTagged: return "apply the next action to tagged items"
        case .undo: return "undo the last action"
        case .redraw: return "redraw the screen"
        case .messages: return "every message of this session, in full"
        case .nextItem: return "next item of the list, from inside an item"
        case .previousItem: return "previous item of the list, from inside an item"
        case .markRead: return "mark the thread read (in a topic list: the topic)"
        case .markUnread: return "mark the post under the cursor unread"
        case .discard: return "discard the draft under the cursor (in :outbox)"
        case .send: return "send the draft under the cursor now, from where it was written (in :outbox)"
        case .followLink: return "follow numbered link N (f N Enter; in a thread, of the post under the cursor)"
        case .copyURL: return "copy the web address of the item under the cursor (OSC 52) and show it"
        case .copyText: return "copy the text of the item under the cursor (OSC 52)"
        case .pipe: return "pipe the item under the cursor to a shell command"
        }
    }

    /// The default keys, as written in the config and on the help screen.
    public var defaultKeys: [String] {
        switch self {
        case .moveDown: return ["j", "Down"]
        case .moveUp: return ["k", "Up"]
        case .open: return ["Enter", "l", "Right"]
        case .back: return ["q", "h", "Left"]
        case .quit: return ["Q"]
        case .first: return ["g", "Home"]
        case .last: return ["G", "End"]
        case .pageDown: return ["Space", "PgDn"]
        case .pageUp: return ["b", "PgUp"]
        case .scrollDown: return ["C-e"]
        case .scrollUp: return ["C-y"]
        case .search: return ["/"]
        case .searchNext: return ["n"]
        case .searchPrevious: return ["N"]
        case .help: return ["?"]
        case .command: return [":"]
        case .reload: return ["r"]
        case .openInBrowser: return ["o"]
        case .collapse: return ["z"]
        case .collapseAll: return ["Z"]
        case .chronological: return ["v"]
        case .loadAll: return ["A"]
        case .nextTopLevel: return ["}"]
        case .previousTopLevel: return ["{"]
        case .parent: return ["p"]
        case .previousSibling: return ["["]
        case .nextSibling: return ["]"]
        case .nextUnread: return ["Tab"]
        case .previousLink: return ["BackTab"]
        case .reply: return ["R"]
        case .comment: return ["c"]
        case .setStatus: return ["s"]
        case .setAssignee: return ["a"]
        case .editLabels: return ["L"]
        case .setMilestone: return ["m"]
        case .edit: return ["e"]
        case .create: return ["C"]
        case .tag: return ["t"]
        case .applyToTagged: return [";"]
        case .undo: return ["u"]
        case .redraw: return ["C-l"]
        case .messages: return ["P"]
        case .nextItem: return ["J"]
        case .previousItem: return ["K"]
        case .markRead: return ["M"]
        case .markUnread: return []
        case .discard: return ["d"]
        case .send: return ["S"]
        case .followLink: return ["f"]
        case .copyURL: return ["y"]
        case .copyText: return ["Y"]
        case .pipe: return ["|"]
        }
    }
}
