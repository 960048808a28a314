import Foundation

/// Checks JSON against the draft-4 style schemas in `fixtures/gitlab/schemas`, with the quirks
/// their README lists: the non-standard type `date` (and `"string "`) read as string, Ruby's
/// `{3}{1,2}` pattern rewritten, formats ignored, and extra keys allowed where current GitLab
/// sends more than the schema was written for.
struct JSONSchemaValidator {
    let schemaDirectory: URL
    /// Keys allowed beyond `additionalProperties: false`.
    var allowedExtraKeys: Set<String> = []

    /// Every violation of `schemaFile`'s schema by `value`, as `path: problem` lines.
    func violations(of value: Any, schemaFile: String) throws -> [String] {
        let url = schemaDirectory.appendingPathComponent(schemaFile)
        var problems: [String] = []
        try check(value, against: try load(url), file: url, path: "$", problems: &problems)
        return problems
    }

    private func load(_ url: URL) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        guard let schema = object as? [String: Any] else { throw CocoaError(.fileReadCorruptFile) }
        return schema
    }

    private func check(
        _ value: Any, against schema: [String: Any], file: URL, path: String, problems: inout [String]
    )
        throws
    {
        if let reference = schema["$ref"] as? String {
            let target = file.deletingLastPathComponent().appendingPathComponent(reference).standardized
            try check(value, against: try load(target), file: target, path: path, problems: &problems)
        }
        if let all = schema["allOf"] as? [[String: Any]] {
            for part in all { try check(value, against: part, file: file, path: path, problems: &problems) }
        }
        if let any = schema["anyOf"] as? [[String: Any]] {
            var passed = false
            for part in any {
                var local: [String] = []
                try check(value, against: part, file: file, path: path, problems: &local)
                if local.isEmpty { passed = true }
            }
            if !passed { problems.append("\(path): matches none of anyOf") }
        }
        if let types = typeNames(schema["type"]), !types.contains(where: { matches(value, type: $0) }) {
            problems.append("\(path): expected \(types.joined(separator: "|")), found \(describe(value))")
            return
        }
        if let options = schema["enum"] as? [Any], !options.contains(where: { equal($0, value) }) {
            problems.append("\(path): \(describe(value)) is not one of the enum values")
        }
        if let pattern = schema["pattern"] as? String, let text = value as? String {
            // Ruby accepts `{3}{1,2}`; ICU needs the group spelled out (the README's quirk 2).
            let fixed = pattern == "^#[0-9A-Fa-f]{3}{1,2}$" ? "^#(?:[0-9A-Fa-f]{3}){1,2}$" : pattern
            if text.range(of: fixed, options: .regularExpression) == nil {
                problems.append("\(path): '\(text)' does not match \(pattern)")
            }
        }
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                problems.append("\(path): missing required key '\(key)'")
            }
            if schema["additionalProperties"] as? Bool == false {
                for key in object.keys.sorted() where properties[key] == nil && !allowedExtraKeys.contains(key) {
                    problems.append("\(path): key '\(key)' is not in the schema")
                }
            }
            for (key, sub) in properties {
                guard let subschema = sub as? [String: Any], let child = object[key] else { continue }
                try check(child, against: subschema, file: file, path: path + "." + key, problems: &problems)
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, item) in array.enumerated() {
                try check(item, against: items, file: file, path: path + "[\(index)]", problems: &problems)
            }
        }
    }

    private func typeNames(_ value: Any?) -> [String]? {
        let names: [String]
        if let one = value as? String {
            names = [one]
        } else if let many = value as? [String] {
            names = many
        } else {
            return nil
        }
        return names.map { $0.trimmingCharacters(in: .whitespaces) }.map { $0 == "date" ? "string" : $0 }
    }

    private func matches(_ value: Any, type: String) -> Bool {
        switch type {
        case "null": return value is NSNull
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "boolean": return (value as? NSNumber).map { String(cString: $0.objCType) == "c" } ?? false
        case "integer":
            guard let number = value as? NSNumber, String(cString: number.objCType) != "c" else { return false }
            return number.doubleValue == number.doubleValue.rounded()
        case "number":
            guard let number = value as? NSNumber else { return false }
            return String(cString: number.objCType) != "c"
        default: return true
        }
    }

    private func equal(_ a: Any, _ b: Any) -> Bool {
        if let x = a as? String, let y = b as? String { return x == y }
        if let x = a as? NSNumber, let y = b as? NSNumber { return x == y }
        return a is NSNull && b is NSNull
    }

    private func describe(_ value: Any) -> String {
        switch value {
        case is NSNull: return "null"
        case let string as String: return "string '\(string.prefix(40))'"
        case is [String: Any]: return "object"
        case is [Any]: return "array"
        default: return "\(value)"
        }
    }
}
