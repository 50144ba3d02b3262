// A console sample for iOS teams: assess a library with the embedded toolbox and print the
// recommendations with their reasons, then score a small table of libraries. The same calls
// work in an app.
import Foundation

let catalog = Catalog.toolbox()
let profile = Profile(
    name: "Anytown Public Library",
    offers: ["computer-labs", "wifi-access", "digital-resources"],
    goals: ["enabling-participation"]
)
do {
    let assessment = try catalog.assess(profile: profile)
    print("\(profile.name!): level \(assessment.level) of \(catalog.tiers().count) (\(assessment.reachedName ?? "no tier yet"))")
    print(assessment.message)
    for (rank, recommendation) in assessment.recommendations.enumerated() {
        print("\(rank + 1). \(recommendation.name), \(recommendation.tierName) (score \(recommendation.score))")
        for reason in recommendation.reasons {
            print("   - \(reason.text)")
        }
    }

    // A survey table: one library a row, one column a program; cells as the survey has them.
    let columns = ["name", "computer-labs", "wifi-access", "digital-resources"]
    let rows: [[Cell]] = [
        [.text("Bay Library"), .text("Yes"), .bool(true), .number(1)],
        [.text("Elm Library"), .text("-1"), .text("no"), .missing],
    ]
    for (row, summary) in try catalog.summarizeTable(columns: columns, rows: rows, top: 3).enumerated() {
        print("row \(row + 1): " + (summary.error ?? "level \(summary.levelMin)-\(summary.levelMax), next \(summary.recommendations)"))
    }

    _ = try catalog.assess(profile: Profile(offers: ["makerspace"]))
} catch SmartlibError.UnknownProgram(_, _, let description) {
    print("A typo is caught: \(description)")
} catch {
    print("error: \(error)")
    exit(1)
}
