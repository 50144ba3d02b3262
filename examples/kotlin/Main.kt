// A console sample for mobile teams: assess a library with the embedded toolbox and print the
// recommendations with their reasons. The same calls work on Android.
package org.smartlib.example

import org.smartlib.Catalog
import org.smartlib.Profile
import org.smartlib.SmartlibException

fun main() {
    val catalog = Catalog.toolbox()
    val profile = Profile(
        name = "Anytown Public Library",
        offers = listOf("computer-labs", "wifi-access", "digital-resources"),
        goals = listOf("enabling-participation"),
    )
    val assessment = catalog.assess(profile)
    println("${profile.name}: level ${assessment.level} of ${catalog.tiers().size} (${assessment.reached ?: "no tier yet"})")
    println(assessment.message)
    for ((rank, recommendation) in assessment.recommendations.withIndex()) {
        println("${rank + 1}. ${recommendation.name} (score ${recommendation.score})")
        recommendation.reasons.forEach { println("   - ${it.text}") }
    }
    try {
        catalog.assess(Profile(offers = listOf("makerspace")))
    } catch (error: SmartlibException.UnknownProgram) {
        println("A typo is caught: ${error.description}")
    }
}
