// Hand-written additions to the generated SmartLib module (compiled into it, next to the
// generated SmartLib.swift): readable errors, Identifiable records, JSON helpers and async
// entry points that keep the engine off the main thread.
import Foundation

// MARK: - Errors

extension SmartlibError: LocalizedError, CustomStringConvertible {
    /// The sentence the CLI prints for the same problem, such as
    /// `offers[0]: unknown program "wifi-acess" (did you mean "wifi-access"?)`.
    public var message: String {
        switch self {
        case let .invalidProfile(description, _, _, _),
             let .unknownId(description, _, _, _, _),
             let .invalidCatalog(description, _, _),
             let .io(description, _),
             let .invalidPolicy(description),
             let .table(description, _, _),
             let .invalidArgument(description, _),
             let .internal(description):
            return description
        }
    }

    public var errorDescription: String? { message }

    public var description: String { message }
}

// MARK: - Identifiable

extension Tier: Identifiable {}
extension Program: Identifiable {}
extension Dimension: Identifiable {}
extension Guide: Identifiable {}
extension ExampleLibrary: Identifiable {}
extension TierStatus: Identifiable {}
extension Coverage: Identifiable {}
extension TierChange: Identifiable {}

extension Recommendation: Identifiable {
    /// The program's id.
    public var id: String { program }
}

extension Phase: Identifiable {
    /// The phase's number.
    public var id: Int32 { number }
}

// MARK: - JSON

extension Profile {
    /// The profile in the profile file format (what `Catalog.profileFromJson` and the CLI read).
    public func toJson() throws -> String { try profileToJson(profile: self) }
}

extension Assessment {
    /// The assessment as JSON in the shape of this record (snake_case field names).
    public func toJson() throws -> String { try assessmentToJson(assessment: self) }

    /// An assessment from the JSON `toJson()` writes.
    public static func fromJson(_ json: String) throws -> Assessment { try assessmentFromJson(json: json) }
}

// MARK: - async

/// Runs a blocking engine call on a global queue and resumes the caller with its answer, so a
/// call from the main actor never blocks the UI.
private func offMain<T>(_ call: @escaping () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global(qos: .userInitiated).async {
            continuation.resume(with: Result { try call() })
        }
    }
}

/// The calls that do work, as `async` overloads of the same names: in an `async` context
/// `try await catalog.assess(profile:)` runs on a global queue, not on the caller's thread.
/// Hold one `Catalog` for the app (it is immutable and thread-safe); to switch to new content,
/// build the new one with `try await Catalog.fromText(...)` and then replace the reference
/// (for example in an actor that owns it).
extension Catalog {
    public static func toolbox() async throws -> Catalog {
        try await offMain { try Catalog.toolbox() }
    }

    public static func fromText(text: String, format: Format) async throws -> Catalog {
        try await offMain { try Catalog.fromText(text: text, format: format) }
    }

    public static func fromPath(path: String) async throws -> Catalog {
        try await offMain { try Catalog.fromPath(path: path) }
    }

    public func assess(profile: Profile) async throws -> Assessment {
        try await offMain { try self.assess(profile: profile) }
    }

    public func assessAssuming(profile: Profile, assumeUnknown: AssumeUnknown) async throws -> Assessment {
        try await offMain { try self.assessAssuming(profile: profile, assumeUnknown: assumeUnknown) }
    }

    public func recommend(profile: Profile, limit: Int32?) async throws -> [Recommendation] {
        try await offMain { try self.recommend(profile: profile, limit: limit) }
    }

    public func roadmap(profile: Profile) async throws -> Roadmap {
        try await offMain { try self.roadmap(profile: profile) }
    }

    public func whatIf(profile: Profile, add: [String], remove: [String]) async throws -> WhatIf {
        try await offMain { try self.whatIf(profile: profile, add: add, remove: remove) }
    }

    public func summarizeTable(columns: [String], rows: [[Cell]], top: Int32) async throws -> [RowSummary] {
        try await offMain { try self.summarizeTable(columns: columns, rows: rows, top: top) }
    }
}
