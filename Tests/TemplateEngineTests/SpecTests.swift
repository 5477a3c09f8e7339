import Core
import Foundation
import TemplateEngine
import Testing

/// The Mustache specification's tests: every test of the core files and of inheritance and
/// dynamic names. Lambdas are not supported: a site's data is the archive, not code.
@Suite("Mustache specification")
struct SpecTests {
    struct SpecFile: Decodable {
        var tests: [SpecCase]
    }

    struct SpecCase: Decodable, CustomTestStringConvertible {
        var name: String
        var data: JSONValue
        var template: String
        var partials: [String: String]?
        var expected: String
        var file = ""

        var testDescription: String { "\(file): \(name)" }

        enum CodingKeys: String, CodingKey { case name, data, template, partials, expected }
    }

    static let files = ["comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~inheritance", "~dynamic-names"]

    static let cases: [SpecCase] = files.flatMap { file -> [SpecCase] in
        let url = Bundle.module.url(forResource: file, withExtension: "json", subdirectory: "Spec")!
        let spec = try! JSONDecoder().decode(SpecFile.self, from: Data(contentsOf: url))
        return spec.tests.map { var test = $0; test.file = file; return test }
    }

    @Test("the specification's files hold the tests they should")
    func everyFileIsRead() {
        #expect(Self.cases.count == 184)
    }

    @Test("renders as the specification expects", arguments: cases)
    func spec(_ test: SpecCase) throws {
        let name = "(spec)"
        // Escaped as pages are; the specification's data has no apostrophe, which only pages escape.
        let library = try TemplateLibrary(sources: (test.partials ?? [:]).merging([name: test.template]) { _, template in template },
                                          escape: { Field.htmlText.encode($0) })
        #expect(library.render(name, with: test.data.templateValue) == test.expected)
    }
}

/// JSON as the specification's data, turned into template values.
enum JSONValue: Decodable, Sendable {
    case null, bool(Bool), int(Int), double(Double), string(String)
    case array([JSONValue]), object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int.self) { self = .int(value) }
        else if let value = try? container.decode(Double.self) { self = .double(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    var templateValue: TemplateValue {
        switch self {
        case .null: .null
        case .bool(let value): .bool(value)
        case .int(let value): .int(value)
        case .double(let value): .double(value)
        case .string(let value): .string(value)
        case .array(let values): .list(values.map(\.templateValue))
        case .object(let members): .fields(members.mapValues(\.templateValue))
        }
    }
}
