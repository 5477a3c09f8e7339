/// A problem found while building, located as precisely as the stage allows.
///
/// Diagnostics are values: errors are thrown, warnings are collected and reported,
/// and neither stops the other articles from building.
public struct Diagnostic: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable {
        case warning
        case error
    }

    public var severity: Severity
    public var stage: Stage
    public var file: String?
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(
        _ severity: Severity, stage: Stage, file: String? = nil, line: Int? = nil,
        column: Int? = nil, _ message: String
    ) {
        self.severity = severity
        self.stage = stage
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public static func error(
        _ stage: Stage, file: String? = nil, line: Int? = nil, column: Int? = nil, _ message: String
    ) -> Diagnostic {
        Diagnostic(.error, stage: stage, file: file, line: line, column: column, message)
    }

    public static func warning(
        _ stage: Stage, file: String? = nil, line: Int? = nil, column: Int? = nil, _ message: String
    ) -> Diagnostic {
        Diagnostic(.warning, stage: stage, file: file, line: line, column: column, message)
    }

    /// The compiler-style form editors and terminals understand: `file:line:column: error: [stage] message`.
    public var description: String {
        var location = ""
        if let file {
            location = file
            if let line {
                location += ":\(line)"
                if let column { location += ":\(column)" }
            }
            location += ": "
        }
        return "\(location)\(severity.rawValue): [\(stage.rawValue)] \(message)"
    }
}

/// The pipeline stages, in the order data flows through them.
public enum Stage: String, Sendable, Hashable, Codable, CaseIterable {
    case config
    case load
    case index
    case plan
    case render
    case write
}
