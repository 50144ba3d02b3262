// Tests of the Swift bindings against the real library: the shared vectors (profiles and
// tables), the answer records' fields against the core's list, each public error, JSON in and
// out, catalog browsing, and one catalog used concurrently.
import Foundation
import XCTest

@testable import SmartLib

/// `level_min` -> `levelMin`: how uniffi names a field in Swift (and Kotlin).
func camel(_ snake: String) -> String {
    let parts = snake.split(separator: "_").map(String.init)
    return ([parts[0]] + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }).joined()
}

final class SmartLibTests: XCTestCase {
    let toolbox = Catalog.toolbox()

    private func json(_ value: Any) -> String {
        String(data: try! JSONSerialization.data(withJSONObject: value), encoding: .utf8)!
    }

    private func catalogFor(_ vector: [String: Any], _ directory: URL) throws -> Catalog {
        let name = vector["catalog"] as! String
        var catalog = toolbox
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
            XCTAssertEqual(recommendations.map { $0.reasons.map { $0.kind } }, expect["reason_kinds"] as! [[String]], label)
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
            let top = UInt32((vector["top"] as! NSNumber).intValue)
            let columns = vector["columns"] as! [String]
            let rows = (vector["rows"] as! [[String]]).map { $0.map { Cell.text($0) } }
            let expect = vector["expect"] as! [String: Any]
            let label = file.lastPathComponent
            if let message = expect["error"] as? String {
                XCTAssertThrowsError(try catalog.summarizeTable(columns: columns, rows: rows, top: top), label) { error in
                    guard case let SmartlibError.Table(description, row, _) = error else {
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
                let row = UInt32(index + 1)
                let where_ = "\(label) row \(row)"
                if let message = w["error"] as? String {
                    XCTAssertEqual(g.error, message, where_)
                    XCTAssertEqual(g.recommendations, [], where_)
                    // One row alone throws the same message.
                    XCTAssertThrowsError(try catalog.rowProfile(columns: columns, cells: rows[index], row: row), where_) { error in
                        XCTAssertEqual((error as? SmartlibError)?.description, message, where_)
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
        for type in types {
            let instance = try XCTUnwrap(instances[type.name], type.name)
            let labels = Mirror(reflecting: instance).children.map { $0.label ?? "?" }
            XCTAssertEqual(labels, type.fields.map(camel), type.name)
        }
    }

    func testCellsOfEveryKindReadByOneVocabulary() throws {
        let columns = ["name", "computer-labs", "wifi-access", "digital-resources", "basic-computer-training", "budget"]
        let typed: [Cell] = [.text("Anytown"), .bool(true), .number(1.0), .text(" Yes "), .missing, .text("LOW")]
        let summary = try toolbox.summarizeTable(columns: columns, rows: [typed], top: 3)
        XCTAssertEqual(summary.count, 1)
        XCTAssertEqual([summary[0].level, summary[0].levelMin, summary[0].levelMax], [1, 1, 3])
        XCTAssertEqual(summary[0].reached, "getting-started")
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

    func testARustPanicInAThrowingCallIsAThrownError() {
        // A deliberate panic (the test build's probe) is thrown each time; the process and the
        // catalog go on. Non-throwing calls still wrap theirs in `try!`: see RELIABILITY.md.
        for _ in 0..<3 {
            XCTAssertThrowsError(try panicProbe()) { error in
                // uniffi's `UniffiInternalError.rustPanic` is file-private: known by its text.
                XCTAssertFalse(error is SmartlibError, "\(error)")
                XCTAssertTrue(error.localizedDescription.contains("a deliberate panic"), error.localizedDescription)
            }
        }
        let offers = ["computer-labs", "wifi-access", "digital-resources"]
        XCTAssertEqual(try toolbox.assess(profile: Profile(offers: offers)).level, 1)
    }

    func testTableErrorsCarryTheirRowAndColumn() {
        XCTAssertThrowsError(try toolbox.summarizeTable(columns: ["id", "wifi_access"], rows: [], top: 5)) { error in
            guard case let SmartlibError.Table(description, row, column) = error else { return XCTFail("wrong error: \(error)") }
            XCTAssertEqual(description, #"column "wifi_access": not a program id or profile field (did you mean "wifi-access"?)"#)
            XCTAssertNil(row)
            XCTAssertEqual(column, "wifi_access")
        }
        XCTAssertThrowsError(try toolbox.rowProfile(columns: ["computer-labs", "wifi-access"], cells: [.text("-1"), .missing], row: 4)) { error in
            guard case let SmartlibError.Table(description, row, column) = error else { return XCTFail("wrong error: \(error)") }
            XCTAssertTrue(description.hasPrefix(#"row 4, column "computer-labs": -1 is not a status; use offered, yes"#), description)
            XCTAssertEqual(row, 4)
            XCTAssertEqual(column, "computer-labs")
        }
        XCTAssertThrowsError(try toolbox.rowProfile(columns: ["offers"], cells: [.text("computer-labs;wifi-acess")], row: 2)) { error in
            guard case let SmartlibError.UnknownProgram(_, suggestion, description) = error else { return XCTFail("wrong error: \(error)") }
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
        let buildsOn = best.reasons.first { $0.kind == "builds-on" }!
        XCTAssertEqual(buildsOn.ids, ["basic-computer-training", "computer-labs"])
        XCTAssertEqual(buildsOn.names, ["Basic computer training", "Computer labs"])
        XCTAssertEqual(best.reasons.first { $0.kind == "next-tier" }?.tier, "making-progress")
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
        let unknownPrerequisite = lending.reasons.first { $0.kind == "builds-on-unknown" }!
        XCTAssertEqual(unknownPrerequisite.ids, ["digital-resources"])
        XCTAssertEqual(unknownPrerequisite.points, 0)
        XCTAssertFalse(lending.reasons.contains { $0.kind == "missing-prerequisites" })
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

    func testJsonInAndOut() throws {
        let answer = try toolbox.assessJson(profile: #"{"offers": ["computer-labs", "wifi-access", "digital-resources"]}"#)
        let object = try JSONSerialization.jsonObject(with: Data(answer.utf8)) as! [String: Any]
        XCTAssertEqual((object["level"] as! NSNumber).intValue, 1)
        let copy = try Catalog.fromText(text: toolbox.toJson(), format: .json)
        XCTAssertEqual(copy.fingerprint(), toolbox.fingerprint())
    }

    func testUnknownProgramNamesTheNearestId() {
        XCTAssertThrowsError(try toolbox.assess(profile: Profile(offers: ["wifi-acess"]))) { error in
            guard case let SmartlibError.UnknownProgram(id, suggestion, description) = error else {
                return XCTFail("wrong error: \(error)")
            }
            XCTAssertEqual(id, "wifi-acess")
            XCTAssertEqual(suggestion, "wifi-access")
            XCTAssertEqual(description, #"offers[0]: unknown program "wifi-acess" (did you mean "wifi-access"?)"#)
        }
        XCTAssertThrowsError(try toolbox.program(id: "makerspace"))
    }

    func testProfileAndContentErrors() {
        XCTAssertThrowsError(try toolbox.assess(profile: Profile(offers: ["makerspaces"], planned: ["makerspaces"]))) { error in
            guard case let SmartlibError.Profile(description) = error else { return XCTFail("wrong error: \(error)") }
            XCTAssertTrue(description.contains("listed as offered and as planned"))
        }
        XCTAssertThrowsError(try Catalog.fromText(text: "name = \"x\"\nversion = \"1\"\nstart_message = [", format: .toml)) { error in
            guard case let SmartlibError.Content(_, line, _, _) = error else { return XCTFail("wrong error: \(error)") }
            XCTAssertEqual(line, 3)
        }
        XCTAssertThrowsError(try Catalog.fromPath(path: "/nonexistent/catalog.toml"))
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
