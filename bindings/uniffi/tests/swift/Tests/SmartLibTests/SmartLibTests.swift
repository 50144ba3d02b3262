// Tests of the Swift bindings against the real library: the shared vectors (profiles and
// tables), the answer records' fields against the core's list, each public error with its
// localized description, a Rust panic as SmartlibError.internal, typed reasons, JSON and
// Codable round trips, lookups, the async layer, and one catalog used concurrently.
import Foundation
import XCTest

@testable import SmartLib

/// A reason's kind as the vectors and the CLI's JSON name it; the `switch` is exhaustive.
func kindName(_ kind: ReasonKind) -> String {
    switch kind {
    case .nextTier: return "next-tier"
    case .lowerTierGap: return "lower-tier-gap"
    case .higherTier: return "higher-tier"
    case .buildsOn: return "builds-on"
    case .buildsOnEarlierPhases: return "builds-on-earlier-phases"
    case .missingPrerequisites: return "missing-prerequisites"
    case .buildsOnUnknown: return "builds-on-unknown"
    case .goals: return "goals"
    case .roleGap: return "role-gap"
    case .constraint: return "constraint"
    case .inProgress: return "in-progress"
    case .statusUnknown: return "status-unknown"
    }
}

/// Runs a blocking call inside an `async` test: in a closure the blocking overload is chosen.
func now<T>(_ call: () throws -> T) rethrows -> T { try call() }

/// Holds the app's one catalog; swapping in new content is one assignment.
actor CatalogHolder {
    var catalog: Catalog
    init(_ catalog: Catalog) { self.catalog = catalog }
    func swap(_ new: Catalog) { catalog = new }
}

/// `level_min` -> `levelMin`: how uniffi names a field in Swift (and Kotlin).
func camel(_ snake: String) -> String {
    let parts = snake.split(separator: "_").map(String.init)
    return ([parts[0]] + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }).joined()
}

final class SmartLibTests: XCTestCase {
    var toolbox: Catalog!

    override func setUpWithError() throws {
        toolbox = try Catalog.toolbox()
    }

    private func json(_ value: Any) -> String {
        String(data: try! JSONSerialization.data(withJSONObject: value), encoding: .utf8)!
    }

    private func catalogFor(_ vector: [String: Any], _ directory: URL) throws -> Catalog {
        let name = vector["catalog"] as! String
        var catalog: Catalog = toolbox
        if name != "default" {
            let text = try String(contentsOf: directory.appendingPathComponent("catalogs/\(name).json"), encoding: .utf8)
            catalog = try Catalog.fromText(text: text, format: .json)
        }
        if let policy = vector["policy"] {
            catalog = try catalog.withPolicyJson(changes: json(policy))
        }
        return catalog
    }

    func testSharedVectorsGiveTheRustAnswers() throws {
        let directory = URL(fileURLWithPath: vectorsDirectory)
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        XCTAssertGreaterThanOrEqual(files.count, 20)
        for file in files {
            let vector = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as! [String: Any]
            let catalog = try catalogFor(vector, directory)
            let profile = try catalog.profileFromJson(text: json(vector["profile"]!))
            let expect = vector["expect"] as! [String: Any]
            let assessment = try catalog.assess(profile: profile)
            let recommendations = try catalog.recommend(profile: profile, limit: nil)
            let label = file.lastPathComponent
            XCTAssertEqual(Int(assessment.level), (expect["level"] as! NSNumber).intValue, label)
            XCTAssertEqual(assessment.reached, expect["reached"] as? String, label)
            XCTAssertEqual([Int(assessment.levelMin), Int(assessment.levelMax)], (expect["level_range"] as! [NSNumber]).map { $0.intValue }, label)
            XCTAssertEqual(assessment.toNextLevel, expect["to_next_level"] as! [String], label)
            XCTAssertEqual(recommendations.map { $0.program }, expect["recommendations"] as! [String], label)
            XCTAssertEqual(recommendations.map { $0.score }, (expect["scores"] as! [NSNumber]).map { $0.doubleValue }, label)
            XCTAssertEqual(recommendations.map { $0.action }, expect["actions"] as! [String], label)
            XCTAssertEqual(assessment.toConfirm, expect["to_confirm"] as! [String], label)
            XCTAssertEqual(recommendations.map { $0.reasons.map { kindName($0.kind) } }, expect["reason_kinds"] as! [[String]], label)
        }
    }

    func testTableVectorsGiveTheRustAnswers() throws {
        let directory = URL(fileURLWithPath: vectorsDirectory)
        let files = try FileManager.default.contentsOfDirectory(at: directory.appendingPathComponent("tables"), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        XCTAssertGreaterThanOrEqual(files.count, 6)
        for file in files {
            let vector = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as! [String: Any]
            let catalog = try catalogFor(vector, directory)
            let top = Int32((vector["top"] as! NSNumber).intValue)
            let columns = vector["columns"] as! [String]
            let rows = (vector["rows"] as! [[String]]).map { $0.map { Cell.text($0) } }
            let expect = vector["expect"] as! [String: Any]
            let label = file.lastPathComponent
            if let message = expect["error"] as? String {
                XCTAssertThrowsError(try catalog.summarizeTable(columns: columns, rows: rows, top: top), label) { error in
                    guard case let SmartlibError.table(description, row, _) = error else {
                        return XCTFail("\(label): wrong error: \(error)")
                    }
                    XCTAssertEqual(description, message, label)
                    XCTAssertNil(row, label)
                }
                continue
            }
            let want = expect["rows"] as! [[String: Any]]
            let got = try catalog.summarizeTable(columns: columns, rows: rows, top: top)
            XCTAssertEqual(got.count, want.count, label)
            for (index, (w, g)) in zip(want, got).enumerated() {
                let row = Int32(index + 1)
                let where_ = "\(label) row \(row)"
                if let message = w["error"] as? String {
                    XCTAssertEqual(g.error, message, where_)
                    XCTAssertEqual(g.recommendations, [], where_)
                    // One row alone throws the same message.
                    XCTAssertThrowsError(try catalog.rowProfile(columns: columns, cells: rows[index], row: row), where_) { error in
                        XCTAssertEqual(error.localizedDescription, message, where_)
                    }
                    continue
                }
                let ids = w["recommendations"] as! [String]
                let range = (w["level_range"] as! [NSNumber]).map { $0.intValue }
                XCTAssertNil(g.error, where_)
                XCTAssertEqual(Int(g.level), (w["level"] as! NSNumber).intValue, where_)
                XCTAssertEqual([Int(g.levelMin), Int(g.levelMax)], range, where_)
                XCTAssertEqual(g.recommendations, ids, where_)
                // The row as a profile, assessed with reasons, gives the same answer.
                let profile = try catalog.rowProfile(columns: columns, cells: rows[index], row: row)
                let assessment = try catalog.assess(profile: profile)
                XCTAssertEqual(Int(assessment.level), (w["level"] as! NSNumber).intValue, where_)
                XCTAssertEqual([Int(assessment.levelMin), Int(assessment.levelMax)], range, where_)
                XCTAssertEqual(assessment.reached, g.reached, where_)
                XCTAssertEqual(assessment.recommendations.map { $0.program }, Array(ids.prefix(assessment.recommendations.count)), where_)
                XCTAssertEqual(try catalog.recommend(profile: profile, limit: top).map { $0.program }, ids, where_)
            }
        }
    }

    func testAnswerRecordsHaveTheCoreFieldsInOrder() throws {
        let profile = Profile(
            offers: ["computer-labs", "wifi-access", "basic-computer-training"],
            goals: ["co-creators"],
            budget: .low
        )
        let assessment = try toolbox.assess(profile: profile)
        let roadmap = try toolbox.roadmap(profile: profile)
        let change = try toolbox.whatIf(profile: profile, add: ["digital-resources"], remove: [])
        let recommendation = assessment.recommendations[0]
        let instances: [String: Any] = [
            "Assessment": assessment,
            "TierStatus": assessment.tiers[0],
            "Coverage": assessment.roles[0],
            "Advice": assessment.advice[0],
            "Recommendation": recommendation,
            "Reason": recommendation.reasons[0],
            "Roadmap": roadmap,
            "Phase": roadmap.phases[0],
            "WhatIf": change,
            "TierChange": change.tiers[0],
        ]
        let types = viewFields()
        XCTAssertEqual(types.map { $0.name }, ["Assessment", "TierStatus", "Coverage", "Advice", "Recommendation", "Reason", "Roadmap", "Phase", "WhatIf", "TierChange"])
        for type in types where type.name != "Reason" {
            let instance = try XCTUnwrap(instances[type.name], type.name)
            let labels = Mirror(reflecting: instance).children.map { $0.label ?? "?" }
            XCTAssertEqual(labels, type.fields.map(camel), type.name)
        }
        // A reason's details sit in the case of its kind.
        let reason = try XCTUnwrap(types.first { $0.name == "Reason" })
        XCTAssertEqual(Mirror(reflecting: recommendation.reasons[0]).children.map { $0.label ?? "?" }, ["kind", "points", "text"])
        XCTAssertEqual(Array(reason.fields.prefix(3)), ["kind", "points", "text"])
    }

    func testCellsOfEveryKindReadByOneVocabulary() throws {
        let columns = ["name", "computer-labs", "wifi-access", "digital-resources", "basic-computer-training", "budget"]
        let typed: [Cell] = [.text("Anytown"), .bool(true), .number(1.0), .text(" Yes "), .missing, .text("LOW")]
        let summary = try toolbox.summarizeTable(columns: columns, rows: [typed], top: 3)
        XCTAssertEqual(summary.count, 1)
        XCTAssertEqual([summary[0].level, summary[0].levelMin, summary[0].levelMax], [1, 1, 3])
        XCTAssertEqual(summary[0].reached, "getting-started")
        XCTAssertEqual(summary[0].reachedName, "Getting started")
        XCTAssertEqual(summary[0].recommendationNames, try summary[0].recommendations.map { try toolbox.program(id: $0).name })
        let profile = try toolbox.rowProfile(columns: columns, cells: typed, row: 1)
        XCTAssertEqual(profile.name, "Anytown")
        XCTAssertEqual(profile.offers, ["computer-labs", "wifi-access", "digital-resources"])
        XCTAssertTrue(profile.unknown.contains("basic-computer-training"))
        XCTAssertEqual(profile.budget, .low)

        let lists = ["offers", "goals"]
        let row: [Cell] = [.list(["computer-labs", "wifi-access"]), .text("co-creators")]
        XCTAssertEqual(try toolbox.rowProfile(columns: lists, cells: row, row: 1).offers, ["computer-labs", "wifi-access"])
        let bad = try toolbox.summarizeTable(columns: lists, rows: [row, [.number(2), .missing]], top: 3)
        XCTAssertNil(bad[0].error)
        XCTAssertTrue(bad[1].error?.hasPrefix(#"row 2, column "offers": expected ids"#) ?? false, bad[1].error ?? "no error")
        XCTAssertEqual(try toolbox.summarizeTable(columns: lists, rows: [], top: 3), [])
    }

    func testARustPanicIsSmartlibErrorInternal() throws {
        // A deliberate panic (the test build's probe) is thrown as SmartlibError.internal each
        // time; the process and the catalog go on.
        for _ in 0..<3 {
            XCTAssertThrowsError(try panicProbe()) { error in
                guard case let SmartlibError.internal(description) = error else { return XCTFail("wrong error: \(error)") }
                XCTAssertEqual(description, "internal error (a bug in smartlib): a deliberate panic, to test that panics stay inside the app")
                XCTAssertEqual(error.localizedDescription, description)
            }
        }
        let offers = ["computer-labs", "wifi-access", "digital-resources"]
        XCTAssertEqual(try toolbox.assess(profile: Profile(offers: offers)).level, 1)
    }

    func testANewerMinorCatalogLoadsWithWarningsAndAnotherMajorIsRefused() throws {
        let info = versions()
        XCTAssertEqual(info.schema, "\(info.schemaMajor).\(info.schemaMinor)")
        XCTAssertEqual(info.content, contentVersion())
        XCTAssertEqual(toolbox.schemaVersion(), info.schema)
        XCTAssertEqual(toolbox.warnings(), [])
        let profile = Profile(offers: ["computer-labs", "wifi-access", "digital-resources"])
        var catalog = try JSONSerialization.jsonObject(with: Data(try toolbox.toJson().utf8)) as! [String: Any]
        func text() -> String { String(data: try! JSONSerialization.data(withJSONObject: catalog), encoding: .utf8)! }
        // A catalog from a server in a newer minor version, with one new top-level field: it
        // loads, answers as before, and says what it left out.
        let newerMinor = "\(info.schemaMajor).\(info.schemaMinor + 1)"
        catalog["schema_version"] = newerMinor
        catalog["released"] = "2031-01-01"
        let newer = try Catalog.fromText(text: text(), format: .json)
        XCTAssertEqual(newer.schemaVersion(), newerMinor)
        XCTAssertEqual(newer.warnings().map(\.id), ["released"])
        XCTAssertEqual(newer.warnings().map(\.kind), ["unknown-field"])
        XCTAssertEqual(try newer.assess(profile: profile).level, try toolbox.assess(profile: profile).level)
        // At this engine's own version an unknown field is a typo: refused, every one reported.
        catalog["schema_version"] = info.schema
        catalog["publisher"] = "ALA"
        XCTAssertThrowsError(try Catalog.fromText(text: text(), format: .json)) { error in
            guard case let SmartlibError.invalidCatalog(_, problems, omitted) = error else { return XCTFail("wrong error: \(error)") }
            XCTAssertEqual(Set(problems.compactMap(\.id)), ["released", "publisher"])
            XCTAssertEqual(omitted, 0)
        }
        // Another major version is refused.
        catalog["released"] = nil
        catalog["publisher"] = nil
        catalog["schema_version"] = "\(info.schemaMajor + 1).0"
        XCTAssertThrowsError(try Catalog.fromText(text: text(), format: .json)) { error in
            guard case let SmartlibError.invalidCatalog(_, problems, _) = error else { return XCTFail("wrong error: \(error)") }
            XCTAssertEqual(problems.first?.kind, "unsupported-version")
        }
    }

    func testTableErrorsCarryTheirRowAndColumn() {
        XCTAssertThrowsError(try toolbox.summarizeTable(columns: ["id", "wifi_access"], rows: [], top: 5)) { error in
            guard case let SmartlibError.table(description, row, column) = error else { return XCTFail("wrong error: \(error)") }
            XCTAssertEqual(description, #"column "wifi_access": not a program id or profile field (did you mean "wifi-access"?)"#)
            XCTAssertNil(row)
            XCTAssertEqual(column, "wifi_access")
        }
        XCTAssertThrowsError(try toolbox.rowProfile(columns: ["computer-labs", "wifi-access"], cells: [.text("-1"), .missing], row: 4)) { error in
            guard case let SmartlibError.table(description, row, column) = error else { return XCTFail("wrong error: \(error)") }
            XCTAssertTrue(description.hasPrefix(#"row 4, column "computer-labs": -1 is not a status; use offered, yes"#), description)
            XCTAssertEqual(row, 4)
            XCTAssertEqual(column, "computer-labs")
        }
        XCTAssertThrowsError(try toolbox.rowProfile(columns: ["offers"], cells: [.text("computer-labs;wifi-acess")], row: 2)) { error in
            guard case let SmartlibError.unknownId(description, _, _, suggestion, _) = error else { return XCTFail("wrong error: \(error)") }
            XCTAssertEqual(suggestion, "wifi-access")
            XCTAssertEqual(description, #"row 2, column "offers": unknown program "wifi-acess" (did you mean "wifi-access"?)"#)
        }
    }

    func testAssessExplainsTheRecommendations() throws {
        let profile = Profile(
            name: "Anytown",
            offers: ["computer-labs", "wifi-access", "digital-resources", "basic-computer-training"],
            goals: ["co-creators"],
            budget: .low
        )
        let assessment = try toolbox.assess(profile: profile)
        XCTAssertEqual(assessment.level, 1)
        XCTAssertEqual(assessment.reached, "getting-started")
        XCTAssertEqual(assessment.profile, "Anytown")
        XCTAssertEqual(assessment.reachedName, "Getting started")
        let best = assessment.recommendations[0]
        XCTAssertEqual(best.program, "advanced-training")
        XCTAssertEqual(best.name, "Advanced training")
        XCTAssertEqual(best.tierName, "Making progress")
        XCTAssertEqual(best.action, "start")
        XCTAssertEqual(best.score, best.reasons.map { $0.points }.reduce(0, +))
        let buildsOn = best.reasons.first { kindName($0.kind) == "builds-on" }!
        XCTAssertEqual(buildsOn.kind, .buildsOn(ids: ["basic-computer-training", "computer-labs"], names: ["Basic computer training", "Computer labs"]))
        XCTAssertEqual(best.reasons.first { kindName($0.kind) == "next-tier" }?.kind, .nextTier(tier: "making-progress", tierName: "Making progress"))
        XCTAssertEqual(assessment.contentVersion, contentVersion())
        XCTAssertEqual(assessment.contentFingerprint, toolbox.fingerprint())
    }

    func testUnknownProgramsAreToConfirmNotToStart() throws {
        let profile = Profile(
            offers: ["makerspaces", "advanced-training"],
            unknown: ["computer-labs", "wifi-access", "digital-resources", "basic-computer-training", "public-meeting-spaces", "technology-lending"]
        )
        let assessment = try toolbox.assess(profile: profile)
        XCTAssertEqual(assessment.headline, "Level 0–1 of 3: 6 programs are unknown")
        XCTAssertEqual(assessment.toConfirm.count, 3)
        XCTAssertEqual(assessment.toConfirm, assessment.toNextLevel)
        XCTAssertEqual(assessment.toConfirm.count, assessment.toConfirmNames.count)
        XCTAssertTrue(assessment.advice[0].text.hasPrefix("Confirm first whether you offer"), assessment.advice[0].text)
        XCTAssertFalse(assessment.advice.contains { $0.provisional })
        let all = try toolbox.recommend(profile: profile, limit: nil)
        XCTAssertTrue(all.filter { profile.unknown.contains($0.program) }.allSatisfy { $0.action == "verify" })
        let lending = all.first { $0.program == "technology-lending" }!
        let unknownPrerequisite = lending.reasons.first { kindName($0.kind) == "builds-on-unknown" }!
        XCTAssertEqual(unknownPrerequisite.kind, .buildsOnUnknown(ids: ["digital-resources"], names: ["Digital resources"]))
        XCTAssertEqual(unknownPrerequisite.points, 0)
        XCTAssertFalse(lending.reasons.contains { kindName($0.kind) == "missing-prerequisites" })
    }

    func testAssessAssumingShowsEachEndOfTheRange() throws {
        let profile = Profile(
            offers: ["computer-labs", "basic-computer-training", "makerspaces"],
            unknown: ["wifi-access", "digital-resources", "public-meeting-spaces", "technology-lending"]
        )
        let open = try toolbox.assess(profile: profile)
        let high = try toolbox.assessAssuming(profile: profile, assumeUnknown: .offered)
        let low = try toolbox.assessAssuming(profile: profile, assumeUnknown: .notOffered)
        XCTAssertEqual([open.levelMin, open.levelMax], [low.level, high.level])
        XCTAssertEqual(high.headline, "Level 1 of 3: Getting started (4 unknown programs read as offered)")
        XCTAssertEqual(low.assumedUnknown, "not-offered")
        XCTAssertEqual(low.assumed, profile.unknown)
        XCTAssertTrue(low.advice[0].text.hasPrefix("This reads the 4 programs of unknown status as not offered"))
        XCTAssertTrue(low.recommendations.filter { profile.unknown.contains($0.program) }.allSatisfy { $0.action == "verify" })
        XCTAssertNil(open.assumedUnknown)
    }

    func testRoadmapWhatIfAndBrowsing() throws {
        let roadmap = try toolbox.roadmap(profile: Profile(offers: ["computer-labs"]))
        XCTAssertEqual(roadmap.phases.last?.levelAfter, 3)
        let change = try toolbox.whatIf(profile: Profile(offers: ["computer-labs", "wifi-access"]), add: ["digital-resources"], remove: [])
        XCTAssertEqual([change.levelBefore, change.levelAfter], [0, 1])
        XCTAssertEqual(change.addedNames, ["Digital resources"])
        XCTAssertEqual(change.tiers.map { $0.id }, ["getting-started"])
        XCTAssertEqual(change.tiers.map { [$0.offeredBefore, $0.offeredAfter] }, [[2, 3]])
        XCTAssertEqual(change.after.level, 1)
        XCTAssertEqual(toolbox.programs().count, 15)
        let lending = try toolbox.program(id: "technology-lending")
        XCTAssertFalse(lending.items.isEmpty)
        XCTAssertFalse(lending.areas.isEmpty)
        XCTAssertEqual(toolbox.tiers().map { $0.id }, ["getting-started", "making-progress", "advancing-your-role"])
        XCTAssertTrue(toolbox.exampleLibraries().contains { $0.id == "chattanooga-public-library" })
    }

    func testJsonHasTheRecordsShapeAndRoundTrips() throws {
        let profile = Profile(
            name: "Anytown",
            offers: ["computer-labs", "wifi-access", "digital-resources"],
            unknown: ["makerspaces"],
            goals: ["co-creators"],
            budget: .low
        )
        // A profile goes out in the profile file format and comes back the same.
        let profileJson = try profile.toJson()
        let file = try JSONSerialization.jsonObject(with: Data(profileJson.utf8)) as! [String: Any]
        XCTAssertEqual((file["constraints"] as! [String: String])["budget"], "low")
        XCTAssertEqual(try toolbox.profileFromJson(text: profileJson), profile)
        // An assessment's JSON has the record's fields (snake_case), reasons with their kind.
        let assessment = try toolbox.assess(profile: profile)
        let json = try assessment.toJson()
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        XCTAssertEqual(Set(object.keys), Set(viewFields().first { $0.name == "Assessment" }!.fields))
        XCTAssertEqual((object["level"] as! NSNumber).intValue, 1)
        let firstReason = ((object["recommendations"] as! [[String: Any]])[0]["reasons"] as! [[String: Any]])[0]
        XCTAssertEqual(firstReason["kind"] as? String, kindName(assessment.recommendations[0].reasons[0].kind))
        XCTAssertEqual(try Assessment.fromJson(json), assessment)
        XCTAssertEqual(try Assessment.fromJson(try toolbox.assessJson(profile: profileJson)), assessment)
        XCTAssertThrowsError(try Assessment.fromJson(#"{"level": 1}"#)) { error in
            guard case SmartlibError.invalidArgument = error else { return XCTFail("wrong error: \(error)") }
        }
        // Codable: Swift's own encoding round-trips every record (app state, caches).
        let encoded = try JSONEncoder().encode(assessment)
        XCTAssertEqual(try JSONDecoder().decode(Assessment.self, from: encoded), assessment)
        XCTAssertEqual(try JSONDecoder().decode(Profile.self, from: JSONEncoder().encode(profile)), profile)
        let copy = try Catalog.fromText(text: try toolbox.toJson(), format: .json)
        XCTAssertEqual(copy.fingerprint(), toolbox.fingerprint())
    }

    func testRecordsAreIdentifiable() throws {
        let assessment = try toolbox.assess(profile: Profile(offers: ["computer-labs", "wifi-access"]))
        XCTAssertEqual(assessment.tiers.map(\.id), toolbox.tiers().map(\.id))
        XCTAssertEqual(assessment.recommendations.map(\.id), assessment.recommendations.map(\.program))
        XCTAssertEqual(Set(toolbox.programs().map(\.id)).count, toolbox.programs().count)
        func ids<T: Identifiable>(_ items: [T]) -> [T.ID] { items.map(\.id) }
        XCTAssertEqual(ids(toolbox.roles()).count, toolbox.roles().count)
        XCTAssertEqual(ids(try toolbox.roadmap(profile: Profile(offers: ["computer-labs"])).phases).first, 1)
    }

    func testLookupsAnswerOrNameTheNearestId() throws {
        XCTAssertEqual(try toolbox.tier(id: "getting-started").name, "Getting started")
        XCTAssertEqual(try toolbox.role(id: "co-creators").id, "co-creators")
        let area = toolbox.areas()[0]
        XCTAssertEqual(try toolbox.area(id: area.id), area)
        let library = toolbox.exampleLibraries()[0]
        XCTAssertEqual(try toolbox.exampleLibrary(id: library.id), library)
        XCTAssertThrowsError(try toolbox.tier(id: "getting-startd")) { error in
            guard case let SmartlibError.unknownId(_, kind, id, suggestion, _) = error else { return XCTFail("wrong error: \(error)") }
            XCTAssertEqual(kind, .tier)
            XCTAssertEqual(id, "getting-startd")
            XCTAssertEqual(suggestion, "getting-started")
            XCTAssertEqual(error.localizedDescription, #"unknown tier "getting-startd" (did you mean "getting-started"?)"#)
        }
        XCTAssertThrowsError(try toolbox.area(id: "co-creators")) { error in
            guard case let SmartlibError.unknownId(_, kind, _, _, _) = error else { return XCTFail("wrong error: \(error)") }
            XCTAssertEqual(kind, .area)
        }
    }

    func testEveryReasonKindIsHandledExhaustively() throws {
        // `kindName` switches over every case (it would not compile otherwise); here each kind
        // the engine gives for a varied profile carries its payload.
        let profile = Profile(
            offers: ["computer-labs", "wifi-access"],
            piloting: ["digital-resources"],
            unknown: ["technology-lending"],
            goals: ["co-creators"],
            budget: .low
        )
        let reasons = try toolbox.recommend(profile: profile, limit: nil).flatMap(\.reasons)
            + (try toolbox.roadmap(profile: profile)).phases.flatMap { $0.programs.flatMap(\.reasons) }
        let kinds = Set(reasons.map { kindName($0.kind) })
        for kind in ["next-tier", "builds-on", "constraint", "in-progress", "status-unknown", "builds-on-earlier-phases", "goals"] {
            XCTAssertTrue(kinds.contains(kind), "\(kind) not in \(kinds)")
        }
        for reason in reasons {
            switch reason.kind {
            case let .nextTier(tier, tierName), let .lowerTierGap(tier, tierName):
                XCTAssertEqual(try toolbox.tier(id: tier).name, tierName)
            case let .higherTier(_, _, tiersAhead):
                XCTAssertGreaterThanOrEqual(tiersAhead, 1)
            case let .buildsOn(ids, names):
                XCTAssertEqual(try ids.map { try toolbox.program(id: $0).name }, names)
            case let .buildsOnEarlierPhases(ids, _, phases):
                XCTAssertEqual(ids.count, phases.count)
            case .missingPrerequisites:
                XCTAssertLessThan(reason.points, 0)
            case .buildsOnUnknown:
                XCTAssertEqual(reason.points, 0)
            case let .goals(ids, _):
                XCTAssertEqual(ids, ["co-creators"])
            case let .roleGap(ids, names):
                XCTAssertEqual(try ids.map { try toolbox.role(id: $0).name }, names)
            case let .constraint(resource, _, has):
                XCTAssertEqual(resource, .budget)
                XCTAssertEqual(has, .low)
            case let .inProgress(status):
                XCTAssertEqual(status, .piloting)
            case .statusUnknown:
                XCTAssertTrue(reason.text.contains("unknown"))
            }
        }
    }

    func testUnknownProgramNamesTheNearestId() {
        XCTAssertThrowsError(try toolbox.assess(profile: Profile(offers: ["wifi-acess"]))) { error in
            guard case let SmartlibError.unknownId(description, kind, id, suggestion, path) = error else {
                return XCTFail("wrong error: \(error)")
            }
            let sentence = #"offers[0]: unknown program "wifi-acess" (did you mean "wifi-access"?)"#
            XCTAssertEqual(kind, .program)
            XCTAssertEqual(id, "wifi-acess")
            XCTAssertEqual(suggestion, "wifi-access")
            XCTAssertEqual(path, "offers[0]")
            XCTAssertEqual(description, sentence)
            // What an app shows: the sentence the CLI prints, not a dump of the case.
            XCTAssertEqual(error.localizedDescription, sentence)
            XCTAssertEqual((error as? LocalizedError)?.errorDescription, sentence)
            XCTAssertEqual("\(error)", sentence)
        }
        XCTAssertThrowsError(try toolbox.program(id: "makerspace"))
    }

    func testEachCauseHasItsOwnCase() {
        XCTAssertThrowsError(try toolbox.assess(profile: Profile(offers: ["makerspaces"], planned: ["makerspaces"]))) { error in
            guard case let SmartlibError.invalidProfile(description, _, _, _) = error else { return XCTFail("wrong error: \(error)") }
            XCTAssertTrue(description.contains("listed as offered and as planned"))
        }
        XCTAssertThrowsError(try toolbox.profileFromJson(text: "{\n  \"offers\": [1]\n}")) { error in
            guard case let SmartlibError.invalidProfile(_, _, line, _) = error else { return XCTFail("wrong error: \(error)") }
            XCTAssertEqual(line, 2)
        }
        XCTAssertThrowsError(try Catalog.fromText(text: "name = \"x\"\nversion = \"1\"\nstart_message = [", format: .toml)) { error in
            guard case let SmartlibError.invalidCatalog(_, problems, _) = error else { return XCTFail("wrong error: \(error)") }
            XCTAssertEqual(problems.map(\.line), [3])
        }
        XCTAssertThrowsError(try Catalog.fromPath(path: "/nonexistent/catalog.toml")) { error in
            guard case let SmartlibError.io(_, path) = error else { return XCTFail("wrong error: \(error)") }
            XCTAssertEqual(path, "/nonexistent/catalog.toml")
        }
        XCTAssertThrowsError(try toolbox.withPolicyJson(changes: #"{"established_share": "most"}"#)) { error in
            guard case SmartlibError.invalidPolicy = error else { return XCTFail("wrong error: \(error)") }
        }
        XCTAssertThrowsError(try toolbox.recommend(profile: Profile(), limit: -1)) { error in
            guard case let SmartlibError.invalidArgument(description, name) = error else { return XCTFail("wrong error: \(error)") }
            XCTAssertEqual(name, "limit")
            XCTAssertEqual(description, "limit must be 0 or more, not -1")
        }
    }

    func testAsyncCallsAnswerAsTheBlockingOnes() async throws {
        let catalog = try await Catalog.toolbox()
        let profile = Profile(offers: ["computer-labs", "wifi-access", "digital-resources"])
        let blocking = try now { try toolbox.assess(profile: profile) }
        let awaited = try await catalog.assess(profile: profile)
        XCTAssertEqual(awaited, blocking)
        let recommendations = try await catalog.recommend(profile: profile, limit: 3)
        XCTAssertEqual(recommendations.map(\.program), blocking.recommendations.prefix(3).map(\.program))
        let roadmap = try await catalog.roadmap(profile: profile)
        XCTAssertFalse(roadmap.phases.isEmpty)
        let change = try await catalog.whatIf(profile: profile, add: ["makerspaces"], remove: [])
        XCTAssertEqual(change.addedNames, [try now { try toolbox.program(id: "makerspaces").name }])
        do {
            _ = try await catalog.assess(profile: Profile(offers: ["wifi-acess"]))
            XCTFail("no error")
        } catch SmartlibError.unknownId(_, _, _, let suggestion, _) {
            XCTAssertEqual(suggestion, "wifi-access")
        }
        do {
            _ = try await Catalog.fromPath(path: "/nonexistent/catalog.toml")
            XCTFail("no error")
        } catch SmartlibError.io {}
        // Many at once, from a task group: the same answer each time.
        let answers = try await withThrowingTaskGroup(of: Assessment.self) { group in
            for _ in 0..<20 { group.addTask { try await catalog.assess(profile: profile) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        XCTAssertEqual(answers.count, 20)
        XCTAssertTrue(answers.allSatisfy { $0 == blocking })
    }

    func testOneCatalogSwappedAtomicallyInAnActor() async throws {
        // Hold one catalog in an actor; swapping in new content is one assignment, and every
        // answer comes from one catalog or the other.
        let holder = CatalogHolder(toolbox)
        let stricter = try toolbox.withPolicyJson(changes: #"{"established_share": 1.0}"#)
        let profile = Profile(offers: ["computer-labs", "wifi-access", "digital-resources"])
        let levels = [toolbox.fingerprint(): try now { try toolbox.assess(profile: profile).level },
                      stricter.fingerprint(): try now { try stricter.assess(profile: profile).level }]
        XCTAssertNotEqual(levels[toolbox.fingerprint()], levels[stricter.fingerprint()])
        var seen: [(String, Int32)] = []
        for i in 0..<40 {
            if i == 20 { await holder.swap(stricter) }
            let catalog = await holder.catalog
            let answer = try await catalog.assess(profile: profile)
            seen.append((catalog.fingerprint(), answer.level))
        }
        XCTAssertTrue(seen.allSatisfy { levels[$0.0] == $0.1 })
        XCTAssertEqual(seen.filter { $0.0 == stricter.fingerprint() }.count, 20)
    }

    func testOneCatalogUsedConcurrently() throws {
        let ids = toolbox.programs().map { $0.id }
        let profiles = (0..<400).map { i in Profile(offers: ids.enumerated().filter { (i >> ($0.offset % 8)) & 1 == 1 }.map { $0.element }) }
        let expected = try profiles.map { try toolbox.assess(profile: $0) }
        var got = [Assessment?](repeating: nil, count: profiles.count)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: profiles.count) { index in
            let answer = try? self.toolbox.assess(profile: profiles[index])
            lock.lock()
            got[index] = answer
            lock.unlock()
        }
        XCTAssertEqual(got.compactMap { $0 }, expected)
    }
}
