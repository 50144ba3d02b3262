// Tests of the Kotlin bindings against the real library: the shared vectors (profiles and
// tables), the answer records' fields against the core's list, each public error, JSON in and
// out, catalog browsing, and one catalog used from many threads.
package org.smartlib.tests

import com.google.gson.JsonObject
import com.google.gson.JsonParser
import java.io.File
import java.lang.reflect.Modifier
import java.util.concurrent.Callable
import java.util.concurrent.Executors
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull
import kotlin.test.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import org.smartlib.AssumeUnknown
import org.smartlib.Catalog
import org.smartlib.Cell
import org.smartlib.Format
import org.smartlib.Profile
import org.smartlib.Scale
import org.smartlib.InternalException
import org.smartlib.SmartlibException
import org.smartlib.contentVersion
import org.smartlib.panicProbe
import org.smartlib.viewFields

/** `level_min` -> `levelMin`: how uniffi names a field in Kotlin (and Swift). */
fun camel(snake: String): String =
    snake.split('_').mapIndexed { i, part -> if (i == 0) part else part.replaceFirstChar { it.uppercase() } }.joinToString("")

class SmartlibTest {
    private val vectors = File(System.getProperty("smartlib.vectors") ?: "tests/vectors")
    private val toolbox = Catalog.toolbox()

    private fun catalogFor(vector: JsonObject): Catalog {
        val name = vector["catalog"].asString
        var catalog = if (name == "default") toolbox
            else Catalog.fromText(File(vectors, "catalogs/$name.json").readText(), Format.JSON)
        vector["policy"]?.let { catalog = catalog.withPolicyJson(it.toString()) }
        return catalog
    }

    @TestFactory
    fun sharedVectorsGiveTheRustAnswers(): List<DynamicTest> {
        val files = vectors.listFiles { f -> f.extension == "json" }!!.sortedBy { it.name }
        assertTrue(files.size >= 20, "found ${files.size} vectors in $vectors")
        return files.map { file ->
            DynamicTest.dynamicTest(file.nameWithoutExtension) {
                val vector = JsonParser.parseString(file.readText()).asJsonObject
                val catalog = catalogFor(vector)
                val profile = catalog.profileFromJson(vector["profile"].toString())
                val expect = vector["expect"].asJsonObject
                val assessment = catalog.assess(profile)
                val recommendations = catalog.recommend(profile, null)
                assertEquals(expect["level"].asInt, assessment.level.toInt(), "level")
                assertEquals(expect["reached"].takeUnless { it.isJsonNull }?.asString, assessment.reached, "reached")
                val range = expect["level_range"].asJsonArray.map { it.asInt }
                assertEquals(range, listOf(assessment.levelMin.toInt(), assessment.levelMax.toInt()), "level_range")
                assertEquals(expect["to_next_level"].asJsonArray.map { it.asString }, assessment.toNextLevel, "to_next_level")
                assertEquals(expect["recommendations"].asJsonArray.map { it.asString }, recommendations.map { it.program }, "order")
                assertEquals(expect["scores"].asJsonArray.map { it.asDouble }, recommendations.map { it.score }, "scores")
                assertEquals(expect["actions"].asJsonArray.map { it.asString }, recommendations.map { it.action }, "actions")
                assertEquals(expect["to_confirm"].asJsonArray.map { it.asString }, assessment.toConfirm, "to_confirm")
                val kinds = expect["reason_kinds"].asJsonArray.map { r -> r.asJsonArray.map { it.asString } }
                assertEquals(kinds, recommendations.map { r -> r.reasons.map { it.kind } }, "reason_kinds")
            }
        }
    }

    @TestFactory
    fun tableVectorsGiveTheRustAnswers(): List<DynamicTest> {
        val files = File(vectors, "tables").listFiles { f -> f.extension == "json" }!!.sortedBy { it.name }
        assertTrue(files.size >= 6, "found ${files.size} table vectors in $vectors/tables")
        return files.map { file ->
            DynamicTest.dynamicTest("table ${file.nameWithoutExtension}") {
                val vector = JsonParser.parseString(file.readText()).asJsonObject
                val catalog = catalogFor(vector)
                val top = vector["top"].asInt.toUInt()
                val columns = vector["columns"].asJsonArray.map { it.asString }
                val rows = vector["rows"].asJsonArray.map { row -> row.asJsonArray.map { Cell.Text(it.asString) } }
                val expect = vector["expect"].asJsonObject
                if (expect.has("error")) {
                    val error = assertFailsWith<SmartlibException.Table> { catalog.summarizeTable(columns, rows, top) }
                    assertEquals(expect["error"].asString, error.description)
                    assertEquals(expect["error"].asString, error.toString())
                    assertNull(error.row)
                    return@dynamicTest
                }
                val want = expect["rows"].asJsonArray.map { it.asJsonObject }
                val got = catalog.summarizeTable(columns, rows, top)
                assertEquals(want.size, got.size, "rows")
                for ((index, pair) in want.zip(got).withIndex()) {
                    val (w, g) = pair
                    val row = (index + 1).toUInt()
                    if (w.has("error")) {
                        assertEquals(w["error"].asString, g.error, "row $row")
                        assertEquals(listOf(), g.recommendations, "row $row")
                        // One row alone throws the same message.
                        val error = assertFailsWith<SmartlibException> { catalog.rowProfile(columns, rows[index], row) }
                        assertEquals(w["error"].asString, error.toString(), "row $row")
                        continue
                    }
                    val ids = w["recommendations"].asJsonArray.map { it.asString }
                    val range = w["level_range"].asJsonArray.map { it.asInt }
                    assertNull(g.error, "row $row")
                    assertEquals(w["level"].asInt, g.level.toInt(), "row $row: level")
                    assertEquals(range, listOf(g.levelMin.toInt(), g.levelMax.toInt()), "row $row: level_range")
                    assertEquals(ids, g.recommendations, "row $row: recommendations")
                    // The row as a profile, assessed with reasons, gives the same answer.
                    val profile = catalog.rowProfile(columns, rows[index], row)
                    val assessment = catalog.assess(profile)
                    assertEquals(w["level"].asInt, assessment.level.toInt(), "row $row: assess level")
                    assertEquals(range, listOf(assessment.levelMin.toInt(), assessment.levelMax.toInt()), "row $row: assess level_range")
                    assertEquals(g.reached, assessment.reached, "row $row: reached")
                    assertEquals(ids.take(assessment.recommendations.size), assessment.recommendations.map { it.program }, "row $row: assess")
                    assertEquals(ids, catalog.recommend(profile, top).map { it.program }, "row $row: recommend")
                }
            }
        }
    }

    @Test
    fun answerRecordsHaveTheCoreFieldsInOrder() {
        val types = viewFields()
        assertEquals(
            listOf("Assessment", "TierStatus", "Coverage", "Advice", "Recommendation", "Reason", "Roadmap", "Phase", "WhatIf", "TierChange"),
            types.map { it.name },
        )
        for (type in types) {
            val properties = Class.forName("org.smartlib.${type.name}").declaredFields
                .filter { !it.isSynthetic && !Modifier.isStatic(it.modifiers) }
                .map { it.name }
            assertEquals(type.fields.map(::camel), properties, type.name)
        }
    }

    @Test
    fun cellsOfEveryKindReadByOneVocabulary() {
        val columns = listOf("name", "computer-labs", "wifi-access", "digital-resources", "basic-computer-training", "budget")
        val typed = listOf(Cell.Text("Anytown"), Cell.Bool(true), Cell.Number(1.0), Cell.Text(" Yes "), Cell.Missing, Cell.Text("LOW"))
        val summary = toolbox.summarizeTable(columns, listOf(typed), 3u).single()
        assertEquals(listOf(1u, 1u, 3u), listOf(summary.level, summary.levelMin, summary.levelMax))
        assertEquals("getting-started", summary.reached)
        val profile = toolbox.rowProfile(columns, typed, 1u)
        assertEquals(Profile(name = "Anytown", offers = listOf("computer-labs", "wifi-access", "digital-resources"),
            unknown = profile.unknown, budget = Scale.LOW), profile)
        assertTrue("basic-computer-training" in profile.unknown)

        val lists = listOf("offers", "goals")
        val row = listOf(Cell.Ids(listOf("computer-labs", "wifi-access")), Cell.Text("co-creators"))
        assertEquals(listOf("computer-labs", "wifi-access"), toolbox.rowProfile(lists, row, 1u).offers)
        val bad = toolbox.summarizeTable(lists, listOf(row, listOf(Cell.Number(2.0), Cell.Missing)), 3u)
        assertNull(bad[0].error)
        assertTrue(bad[1].error!!.startsWith("row 2, column \"offers\": expected ids"), bad[1].error)
        assertEquals(listOf(), toolbox.summarizeTable(lists, listOf(), 3u))
    }

    @Test
    fun aRustPanicIsAnExceptionAndTheJvmGoesOn() {
        // A deliberate panic (the test build's probe): an exception each time, never a dead JVM,
        // and the catalog still answers afterwards.
        repeat(3) {
            val panic = assertFailsWith<InternalException> { panicProbe() }
            assertTrue("a deliberate panic" in panic.message!!, panic.message)
        }
        val offers = listOf("computer-labs", "wifi-access", "digital-resources")
        assertEquals(1u, toolbox.assess(Profile(offers = offers)).level)
    }

    @Test
    fun tableErrorsCarryTheirRowAndColumn() {
        val nearMiss = assertFailsWith<SmartlibException.Table> {
            toolbox.summarizeTable(listOf("id", "wifi_access"), listOf(), 5u)
        }
        assertEquals("wifi_access", nearMiss.column)
        assertNull(nearMiss.row)
        assertEquals("column \"wifi_access\": not a program id or profile field (did you mean \"wifi-access\"?)", nearMiss.description)
        val nothing = assertFailsWith<SmartlibException.Table> { toolbox.summarizeTable(listOf("id", "state"), listOf(), 5u) }
        assertEquals(null to null, nothing.row to nothing.column)
        val cell = assertFailsWith<SmartlibException.Table> {
            toolbox.rowProfile(listOf("computer-labs", "wifi-access"), listOf(Cell.Text("-1"), Cell.Missing), 4u)
        }
        assertEquals(4u to "computer-labs", cell.row to cell.column)
        assertTrue(cell.description.startsWith("row 4, column \"computer-labs\": -1 is not a status; use offered, yes"), cell.description)
        val short = assertFailsWith<SmartlibException.Table> { toolbox.rowProfile(listOf("computer-labs", "wifi-access"), listOf(Cell.Missing), 9u) }
        assertEquals(9u to null, short.row to short.column)
        val unknown = assertFailsWith<SmartlibException.UnknownProgram> {
            toolbox.rowProfile(listOf("offers"), listOf(Cell.Text("computer-labs;wifi-acess")), 2u)
        }
        assertEquals("wifi-access", unknown.suggestion)
        assertEquals("row 2, column \"offers\": unknown program \"wifi-acess\" (did you mean \"wifi-access\"?)", unknown.description)
    }

    @Test
    fun assessExplainsTheRecommendations() {
        val profile = Profile(
            name = "Anytown",
            offers = listOf("computer-labs", "wifi-access", "digital-resources", "basic-computer-training"),
            goals = listOf("co-creators"),
            budget = Scale.LOW,
        )
        val assessment = toolbox.assess(profile)
        assertEquals(1u, assessment.level)
        assertEquals("getting-started", assessment.reached)
        assertEquals("Anytown", assessment.profile)
        assertEquals("Getting started", assessment.reachedName)
        assertEquals(assessment.toNextLevel.size, assessment.toNextLevelNames.size)
        assertEquals("Getting started", assessment.tiers.first().name)
        val best = assessment.recommendations.first()
        assertEquals("advanced-training", best.program)
        assertEquals("Advanced training", best.name)
        assertEquals("Making progress", best.tierName)
        assertEquals("start", best.action)
        assertEquals(best.processes.size, best.processNames.size)
        assertEquals(best.examples.size, best.exampleNames.size)
        assertEquals(best.score, best.reasons.sumOf { it.points })
        val buildsOn = best.reasons.first { it.kind == "builds-on" }
        assertEquals(listOf("basic-computer-training", "computer-labs"), buildsOn.ids)
        assertEquals(listOf("Basic computer training", "Computer labs"), buildsOn.names)
        assertTrue(buildsOn.text.startsWith("builds on Basic computer training"), buildsOn.text)
        assertEquals("making-progress", best.reasons.first { it.kind == "next-tier" }.tier)
        val constraint = assessment.recommendations.flatMap { it.reasons }.firstOrNull { it.kind == "constraint" }
        if (constraint != null) {
            assertEquals("budget", constraint.resource)
            assertEquals("low", constraint.has)
        }
        assertEquals(contentVersion(), assessment.contentVersion)
        assertEquals(toolbox.fingerprint(), assessment.contentFingerprint)
    }

    @Test
    fun unknownProgramsAreToConfirmNotToStart() {
        val profile = Profile(
            offers = listOf("makerspaces", "advanced-training"),
            unknown = listOf("computer-labs", "wifi-access", "digital-resources", "basic-computer-training", "public-meeting-spaces", "technology-lending"),
        )
        val assessment = toolbox.assess(profile)
        assertEquals("Level 0–1 of 3: 6 programs are unknown", assessment.headline)
        assertEquals(3, assessment.toConfirm.size)
        assertEquals(assessment.toConfirm, assessment.toNextLevel)
        assertEquals(assessment.toConfirm.size, assessment.toConfirmNames.size)
        assertTrue(assessment.advice.first().text.startsWith("Confirm first whether you offer"), assessment.advice.first().text)
        assertTrue(assessment.advice.none { it.provisional })
        val all = toolbox.recommend(profile, null)
        assertTrue(all.filter { it.program in profile.unknown }.all { it.action == "verify" })
        val lending = all.first { it.program == "technology-lending" }
        val unknownPrerequisite = lending.reasons.first { it.kind == "builds-on-unknown" }
        assertEquals(listOf("digital-resources"), unknownPrerequisite.ids)
        assertEquals(0.0, unknownPrerequisite.points)
        assertTrue(lending.reasons.none { it.kind == "missing-prerequisites" })
    }

    @Test
    fun assessAssumingShowsEachEndOfTheRange() {
        val profile = Profile(
            offers = listOf("computer-labs", "basic-computer-training", "makerspaces"),
            unknown = listOf("wifi-access", "digital-resources", "public-meeting-spaces", "technology-lending"),
        )
        val open = toolbox.assess(profile)
        val high = toolbox.assessAssuming(profile, AssumeUnknown.OFFERED)
        val low = toolbox.assessAssuming(profile, AssumeUnknown.NOT_OFFERED)
        assertEquals(listOf(open.levelMin, open.levelMax), listOf(low.level, high.level))
        assertEquals("Level 1 of 3: Getting started (4 unknown programs read as offered)", high.headline)
        assertEquals("not-offered", low.assumedUnknown)
        assertEquals(profile.unknown, low.assumed)
        assertTrue(low.advice.first().text.startsWith("This reads the 4 programs of unknown status as not offered"))
        assertTrue(low.recommendations.filter { it.program in profile.unknown }.all { it.action == "verify" })
        assertNull(open.assumedUnknown)
    }

    @Test
    fun roadmapWhatIfAndBrowsing() {
        val roadmap = toolbox.roadmap(Profile(offers = listOf("computer-labs")))
        assertEquals(3u, roadmap.phases.last().levelAfter)
        assertEquals("Getting started", roadmap.phases.first().reachedAfterName)
        val change = toolbox.whatIf(Profile(offers = listOf("computer-labs", "wifi-access")), listOf("digital-resources"), listOf())
        assertEquals(0u to 1u, change.levelBefore to change.levelAfter)
        assertEquals(listOf("Digital resources"), change.addedNames)
        assertEquals(null to "getting-started", change.reachedBefore to change.reachedAfter)
        val tier = change.tiers.single()
        assertEquals(listOf("getting-started", "Getting started"), listOf(tier.id, tier.name))
        assertEquals(2u to 3u, tier.offeredBefore to tier.offeredAfter)
        assertEquals(false to true, tier.establishedBefore to tier.establishedAfter)
        assertEquals(change.levelBefore, change.before.level)
        assertEquals(15, toolbox.programs().size)
        val lending = toolbox.program("technology-lending")
        assertTrue(lending.items.isNotEmpty() && lending.areas.isNotEmpty(), lending.toString())
        assertEquals(listOf("getting-started", "making-progress", "advancing-your-role"), toolbox.tiers().map { it.id })
        assertTrue(toolbox.exampleLibraries().any { it.id == "chicago-public-library" })
        assertEquals("strategic-planning", toolbox.processes().first { it.id == "swot-analysis" }.parent)
    }

    @Test
    fun jsonInAndOut() {
        val json = toolbox.assessJson("""{"offers": ["computer-labs", "wifi-access", "digital-resources"]}""")
        val answer = JsonParser.parseString(json).asJsonObject
        assertEquals(1, answer["level"].asInt)
        assertEquals("getting-started", answer["message"].asJsonObject["key"].asString)
        val copy = Catalog.fromText(toolbox.toJson(), Format.JSON)
        assertEquals(toolbox.fingerprint(), copy.fingerprint())
    }

    @Test
    fun unknownProgramNamesTheNearestId() {
        val error = assertFailsWith<SmartlibException.UnknownProgram> {
            toolbox.assess(Profile(offers = listOf("wifi-acess")))
        }
        assertEquals("wifi-acess", error.id)
        assertEquals("wifi-access", error.suggestion)
        assertEquals("""offers[0]: unknown program "wifi-acess" (did you mean "wifi-access"?)""", error.description)
        assertFailsWith<SmartlibException.UnknownProgram> { toolbox.program("makerspace") }
    }

    @Test
    fun profileAndContentErrors() {
        val conflict = assertFailsWith<SmartlibException.Profile> {
            toolbox.assess(Profile(offers = listOf("makerspaces"), planned = listOf("makerspaces")))
        }
        assertTrue(conflict.description.contains("listed as offered and as planned"), conflict.description)
        assertFailsWith<SmartlibException.Profile> { toolbox.assess(Profile(goals = listOf("co-creator"))) }
        val broken = assertFailsWith<SmartlibException.Content> {
            Catalog.fromText("name = \"x\"\nversion = \"1\"\nstart_message = [", Format.TOML)
        }
        assertEquals(3u, broken.line)
        assertFailsWith<SmartlibException.Content> { Catalog.fromPath("/nonexistent/catalog.toml") }
        assertFailsWith<SmartlibException.Profile> { toolbox.withPolicyJson("""{"established_share": "most"}""") }
    }

    @Test
    fun oneCatalogManyThreads() {
        val ids = toolbox.programs().map { it.id }
        val profiles = (0 until 400).map { i -> Profile(offers = ids.filterIndexed { j, _ -> (i shr (j % 8)) and 1 == 1 }) }
        val expected = profiles.map { toolbox.assess(it) }
        val pool = Executors.newFixedThreadPool(8)
        try {
            val got = pool.invokeAll(profiles.map { p -> Callable { toolbox.assess(p) } }).map { it.get() }
            assertEquals(expected, got)
        } finally {
            pool.shutdown()
        }
    }
}
