// A console sample for mobile teams: assess a library with the embedded toolbox off the main
// thread and print the recommendations with their reasons, by name; then score a small table
// of libraries. The same calls work on Android (from a ViewModel's viewModelScope).
package org.smartlib.example

import kotlinx.coroutines.runBlocking
import org.smartlib.AsyncCatalog
import org.smartlib.Cell
import org.smartlib.Profile
import org.smartlib.ReasonKind
import org.smartlib.SmartlibException

fun main() = runBlocking {
    val catalog = AsyncCatalog.toolbox() // reads and checks the embedded content on Dispatchers.Default
    val profile = Profile(
        name = "Anytown Public Library",
        offers = listOf("computer-labs", "wifi-access", "digital-resources"),
        goals = listOf("enabling-participation"),
    )
    val assessment = catalog.assess(profile)
    println("${profile.name}: ${assessment.headline}")
    if (assessment.level < assessment.tiers.size) println("Next: ${assessment.toNextLevelSteps.joinToString()}")
    println(assessment.message)
    for ((rank, recommendation) in assessment.recommendations.withIndex()) {
        println("${rank + 1}. ${recommendation.name}, ${recommendation.tierName} (score ${recommendation.score})")
        for (reason in recommendation.reasons) {
            val marker = when (val kind = reason.kind) {
                is ReasonKind.Constraint, is ReasonKind.MissingPrerequisites -> "-"
                is ReasonKind.StatusUnknown -> "?"
                is ReasonKind.NextTier -> "+ [${kind.tierName}]"
                else -> "+"
            }
            println("   $marker ${reason.text}")
        }
    }
    try {
        catalog.assess(Profile(offers = listOf("makerspace")))
    } catch (error: SmartlibException) {
        println("A typo is caught: ${error.message}")
    }

    // A survey table: one library a row, one column a program; cells as the survey has them.
    val columns = listOf("name", "computer-labs", "wifi-access", "digital-resources")
    val rows = listOf(
        listOf(Cell.Text("Bay Library"), Cell.Text("Yes"), Cell.Bool(true), Cell.Number(1.0)),
        listOf(Cell.Text("Elm Library"), Cell.Text("-1"), Cell.Text("no"), Cell.Missing),
    )
    for ((row, summary) in catalog.summarizeTable(columns, rows, 3).withIndex()) {
        val answer = summary.error ?: "level ${summary.levelMin}-${summary.levelMax} (${summary.reachedName ?: "no tier yet"}), next ${summary.recommendationNames}"
        println("row ${row + 1}: $answer")
    }
}
