// A console sample for iOS teams: assess a library with the embedded toolbox and print the
// recommendations with their reasons. The same calls work in an app.
import Foundation

let catalog = Catalog.toolbox()
let profile = Profile(
    name: "Anytown Public Library",
    offers: ["computer-labs", "wifi-access", "digital-resources"],
    goals: ["enabling-participation"]
)
do {
    let assessment = try catalog.assess(profile: profile)
    print("\(profile.name!): level \(assessment.level) of \(catalog.tiers().count) (\(assessment.reached ?? "no tier yet"))")
    print(assessment.message)
    for (rank, recommendation) in assessment.recommendations.enumerated() {
        print("\(rank + 1). \(recommendation.name) (score \(recommendation.score))")
        for reason in recommendation.reasons {
            print("   - \(reason.text)")
        }
    }
    _ = try catalog.assess(profile: Profile(offers: ["makerspace"]))
} catch SmartlibError.UnknownProgram(_, _, let description) {
    print("A typo is caught: \(description)")
} catch {
    print("error: \(error)")
    exit(1)
}
