import Foundation

/// A tracker: minimal in lists (§5.1), with its fields, structure, semantics and workflow from
/// `GET /trackers/{id}` (§5.2).
struct TrackerJSON: Decodable, Hashable, Sendable {
    let id: Int
    let uri: String?
    let label: String
    let description: String?
    let colorName: String?
    let htmlURL: String?
    let itemName: String?
    let project: ProjectRefJSON?
    let fields: [FieldJSON]?
    let structure: [StructureJSON]?
    let semantics: SemanticsJSON?
    let workflow: WorkflowJSON?

    enum CodingKeys: String, CodingKey {
        case id, uri, label, description, project, fields, structure, semantics, workflow
        case colorName = "color_name"
        case htmlURL = "html_url"
        case itemName = "item_name"
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int.self, forKey: .id)
        label = try c.decode(String.self, forKey: .label)
        uri = c.lenient(String.self, .uri)
        description = c.lenient(String.self, .description)
        colorName = c.lenient(String.self, .colorName)
        htmlURL = c.lenient(String.self, .htmlURL)
        itemName = c.lenient(String.self, .itemName)
        project = c.lenient(ProjectRefJSON.self, .project)
        fields = try c.decodeIfPresent([FieldJSON].self, forKey: .fields)
        structure = c.lenient([StructureJSON].self, .structure)
        semantics = c.lenient(SemanticsJSON.self, .semantics)
        workflow = c.lenient(WorkflowJSON.self, .workflow)
    }

    /// The field with id `id`.
    func field(_ id: Int?) -> FieldJSON? {
        guard let id else { return nil }
        return fields?.first { $0.fieldID == id }
    }
}

/// A field definition (§5.3), layout elements included.
struct FieldJSON: Decodable, Hashable, Sendable {
    let fieldID: Int
    let name: String
    let label: String
    let type: String
    let required: Bool
    let values: [AllowedValueJSON]?
    let bindingType: String?
    let permissions: [String]

    enum CodingKeys: String, CodingKey {
        case name, label, type, required, values, bindings, permissions
        case fieldID = "field_id"
    }

    enum BindingKeys: String, CodingKey { case type }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        fieldID = try c.decode(Int.self, forKey: .fieldID)
        name = try c.decode(String.self, forKey: .name)
        label = c.lenient(String.self, .label) ?? name
        type = try c.decode(String.self, forKey: .type)
        required = c.lenient(Bool.self, .required) ?? false
        values = c.lenient([AllowedValueJSON].self, .values)
        bindingType = (try? c.nestedContainer(keyedBy: BindingKeys.self, forKey: .bindings))
            .flatMap { $0.lenient(String.self, .type) }
        permissions = c.lenient([String].self, .permissions) ?? []
    }

    init(fieldID: Int, name: String, label: String, type: String, values: [AllowedValueJSON]? = nil) {
        self.fieldID = fieldID
        self.name = name
        self.label = label
        self.type = type
        self.required = false
        self.values = values
        self.bindingType = nil
        self.permissions = ["read", "update", "create"]
    }

    /// Layout elements never carry values.
    var isLayout: Bool { ["fieldset", "column", "linebreak", "separator", "staticrichtext"].contains(type) }
    /// List types: select box, multi-select, radio, checkboxes, open list.
    var isList: Bool { ["sb", "msb", "rb", "cb", "tbl"].contains(type) }
    /// Lists that hold several values.
    var isMultiple: Bool { ["msb", "cb", "tbl"].contains(type) }
    var canUpdate: Bool { permissions.contains("update") }
}

/// An allowed value of a list field: static `{id, label}`, users `{id, label, user_reference}`,
/// user groups `{id, label, ugroup_reference}`; other shapes (an open list's `resource`) keep
/// only what they have.
struct AllowedValueJSON: Decodable, Hashable, Sendable {
    let id: FlexibleID?
    let label: String?
    let isHidden: Bool?
    let username: String?

    enum CodingKeys: String, CodingKey {
        case id, label
        case isHidden = "is_hidden"
        case userReference = "user_reference"
    }

    enum UserKeys: String, CodingKey { case username }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = c.lenient(FlexibleID.self, .id)
        label = c.lenient(String.self, .label)
        isHidden = c.lenient(Bool.self, .isHidden)
        username = (try? c.nestedContainer(keyedBy: UserKeys.self, forKey: .userReference))
            .flatMap { $0.lenient(String.self, .username) }
    }

    init(id: Int, label: String) {
        self.id = .int(id)
        self.label = label
        self.isHidden = false
        self.username = nil
    }

    /// What a user sees and types: the username for user-bound values, else the label.
    var name: String? { username ?? label }
}

/// The layout tree: field ids in display order.
struct StructureJSON: Decodable, Hashable, Sendable {
    let id: Int
    let content: [StructureJSON]?

    /// The field ids of this node and below, depth first.
    var fieldIDs: [Int] { [id] + (content ?? []).flatMap(\.fieldIDs) }
}

/// Which field plays which role (§5.4); any key may be missing.
struct SemanticsJSON: Decodable, Hashable, Sendable {
    let title: FieldRefJSON?
    let description: FieldRefJSON?
    let status: StatusSemanticJSON?
    let contributor: FieldRefJSON?

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = c.lenient(FieldRefJSON.self, .title)
        description = c.lenient(FieldRefJSON.self, .description)
        status = c.lenient(StatusSemanticJSON.self, .status)
        contributor = c.lenient(FieldRefJSON.self, .contributor)
    }

    init(title: Int?, description: Int?, status: Int?, openValues: [Int], contributor: Int?) {
        self.title = title.map(FieldRefJSON.init)
        self.description = description.map(FieldRefJSON.init)
        self.status = status.map { StatusSemanticJSON(fieldID: $0, valueIDs: openValues) }
        self.contributor = contributor.map(FieldRefJSON.init)
    }

    enum CodingKeys: String, CodingKey { case title, description, status, contributor }
}

struct FieldRefJSON: Decodable, Hashable, Sendable {
    let fieldID: Int
    init(fieldID: Int) { self.fieldID = fieldID }
    enum CodingKeys: String, CodingKey { case fieldID = "field_id" }
}

/// The status field and its open values; every other value is closed.
struct StatusSemanticJSON: Decodable, Hashable, Sendable {
    let fieldID: Int
    let valueIDs: [Int]
    init(fieldID: Int, valueIDs: [Int]) {
        self.fieldID = fieldID
        self.valueIDs = valueIDs
    }
    enum CodingKeys: String, CodingKey {
        case fieldID = "field_id"
        case valueIDs = "value_ids"
    }
}

/// A tracker's workflow (§5.5): `is_used` is a string (`"1"`, `"0"`, `""`).
struct WorkflowJSON: Decodable, Hashable, Sendable {
    let fieldID: Int?
    let isUsed: Bool
    let transitions: [TransitionJSON]

    enum CodingKeys: String, CodingKey {
        case transitions
        case fieldID = "field_id"
        case isUsed = "is_used"
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        fieldID = c.lenient(Int.self, .fieldID)
        if let text = c.lenient(String.self, .isUsed) {
            isUsed = text == "1"
        } else {
            isUsed = c.lenient(Bool.self, .isUsed) ?? false
        }
        transitions = c.lenient([TransitionJSON].self, .transitions) ?? []
    }
}

/// An allowed status change; `from_id` null is the creation.
struct TransitionJSON: Decodable, Hashable, Sendable {
    let fromID: Int?
    let toID: Int
    enum CodingKeys: String, CodingKey {
        case fromID = "from_id"
        case toID = "to_id"
    }
}
