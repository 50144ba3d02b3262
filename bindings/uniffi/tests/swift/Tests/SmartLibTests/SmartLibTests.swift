// Tests of the Swift bindings against the real library: the shared vectors, each public error,
// JSON in and out, catalog browsing, and one catalog used concurrently.
import Foundation
import XCTest

@testable import SmartLib

final class SmartLibTests: XCTestCase {
    let toolbox = Catalog.toolbox()

    private func json(_ value: Any) -> String {
        String(data: try! JSONSerialization.data(withJSONObject: value), encoding: .utf8)!
    }

    func testSharedVectorsGiveTheRustAnswers() throws {
        let directory = URL(fileURLWithPath: vectorsDirectory)
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        XCTAssertGreaterThanOrEqual(files.count, 20)
        for file in files {
            let vector = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as! [String: Any]
            let name = vector["catalog"] as! String
            var catalog = toolbox
            if name != "default" {
                let text = try String(contentsOf: directory.appendingPathComponent("catalogs/\(name).json"), encoding: .utf8)
                catalog = try Catalog.fromText(text: text, format: .json)
            }
            if let policy = vector["policy"] {
                catalog = try catalog.withPolicyJson(changes: json(policy))
            }
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
        let best = assessment.recommendations[0]
        XCTAssertEqual(best.program, "advanced-training")
        XCTAssertEqual(best.score, best.reasons.map { $0.points }.reduce(0, +))
        let buildsOn = best.reasons.first { $0.kind == "builds-on" }!
        XCTAssertEqual(buildsOn.ids, ["basic-computer-training", "computer-labs"])
        XCTAssertEqual(assessment.contentVersion, contentVersion())
    }

    func testRoadmapWhatIfAndBrowsing() throws {
        let roadmap = try toolbox.roadmap(profile: Profile(offers: ["computer-labs"]))
        XCTAssertEqual(roadmap.phases.last?.levelAfter, 3)
        let change = try toolbox.whatIf(profile: Profile(offers: ["computer-labs", "wifi-access"]), add: ["digital-resources"], remove: [])
        XCTAssertEqual([change.levelBefore, change.levelAfter], [0, 1])
        XCTAssertEqual(toolbox.programs().count, 15)
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
