// A console sample for iOS teams: assess a library with the embedded toolbox off the calling
// thread (async) and print the recommendations with their reasons, by name; then score a small
// table of libraries. The same calls work in an app (from a Task or a view model).
import Foundation

/// The sample's work, in an `async` function: there `try await catalog.assess(profile:)` is the
/// `async` overload, which runs on a global queue. (In synchronous code the same spelling picks
/// the blocking call, and the compiler warns that the `await` has nothing to wait for.)
func run() async {
    let profile = Profile(
        name: "Anytown Public Library",
        offers: ["computer-labs", "wifi-access", "digital-resources"],
        goals: ["enabling-participation"]
    )
    do {
        let catalog = try await Catalog.toolbox()
        let assessment = try await catalog.assess(profile: profile)
        print("\(profile.name!): \(assessment.headline)")
        if assessment.level < assessment.tiers.count { print("Next: \(assessment.toNextLevelSteps.joined(separator: ", "))") }
        print(assessment.message)
        for (rank, recommendation) in assessment.recommendations.enumerated() {
            print("\(rank + 1). \(recommendation.name), \(recommendation.tierName) (score \(recommendation.score))")
            for reason in recommendation.reasons {
                let marker: String
                switch reason.kind {
                case .constraint, .missingPrerequisites: marker = "-"
                case .statusUnknown: marker = "?"
                case let .nextTier(_, tierName): marker = "+ [\(tierName)]"
                default: marker = "+"
                }
                print("   \(marker) \(reason.text)")
            }
        }

        // A survey table: one library a row, one column a program; cells as the survey has them.
        let columns = ["name", "computer-labs", "wifi-access", "digital-resources"]
        let rows: [[Cell]] = [
            [.text("Bay Library"), .text("Yes"), .bool(true), .number(1)],
            [.text("Elm Library"), .text("-1"), .text("no"), .missing],
        ]
        for (row, summary) in try await catalog.summarizeTable(columns: columns, rows: rows, top: 3).enumerated() {
            let answer = summary.error
                ?? "level \(summary.levelMin)-\(summary.levelMax) (\(summary.reachedName ?? "no tier yet")), next \(summary.recommendationNames)"
            print("row \(row + 1): \(answer)")
        }

        let typo = try await catalog.assess(profile: Profile(offers: ["makerspace"]))
        print("not reached: \(typo.headline)")
    } catch let error as SmartlibError {
        print("A typo is caught: \(error.localizedDescription)")
    } catch {
        print("error: \(error)")
        exit(1)
    }
}

await run()
