// A console sample for mobile teams: assess a library with the embedded toolbox and print the
// recommendations with their reasons, then score a small table of libraries. The same calls
// work on Android.
package org.smartlib.example

import org.smartlib.Catalog
import org.smartlib.Cell
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
    println("${profile.name}: level ${assessment.level} of ${catalog.tiers().size} (${assessment.reachedName ?: "no tier yet"})")
    println(assessment.message)
    for ((rank, recommendation) in assessment.recommendations.withIndex()) {
        println("${rank + 1}. ${recommendation.name}, ${recommendation.tierName} (score ${recommendation.score})")
        recommendation.reasons.forEach { println("   - ${it.text}") }
    }
    try {
        catalog.assess(Profile(offers = listOf("makerspace")))
    } catch (error: SmartlibException.UnknownProgram) {
        println("A typo is caught: ${error.description}")
    }

    // A survey table: one library a row, one column a program; cells as the survey has them.
    val columns = listOf("name", "computer-labs", "wifi-access", "digital-resources")
    val rows = listOf(
        listOf(Cell.Text("Bay Library"), Cell.Text("Yes"), Cell.Bool(true), Cell.Number(1.0)),
        listOf(Cell.Text("Elm Library"), Cell.Text("-1"), Cell.Text("no"), Cell.Missing),
    )
    for ((row, summary) in catalog.summarizeTable(columns, rows, 3u).withIndex()) {
        println("row ${row + 1}: " + (summary.error ?: "level ${summary.levelMin}-${summary.levelMax}, next ${summary.recommendations}"))
    }
}
