// Tests of the Kotlin bindings against the real library: the shared vectors (profiles and
// tables), the answer records' fields against the core's list, each public error with its
// readable message, a Rust panic as SmartlibException, typed reasons, JSON in and out, lookups,
// the suspend layer, and one catalog used from many threads.
package org.smartlib.tests

import com.google.gson.JsonObject
import com.google.gson.JsonParser
import java.io.File
import java.lang.reflect.Modifier
import java.util.concurrent.Callable
import java.util.concurrent.Executors
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicReference
import kotlin.coroutines.CoroutineContext
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertIs
import kotlin.test.assertNotEquals
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import org.smartlib.Assessment
import org.smartlib.AssumeUnknown
import org.smartlib.AsyncCatalog
import org.smartlib.Catalog
import org.smartlib.Cell
import org.smartlib.Format
import org.smartlib.IdKind
import org.smartlib.Profile
import org.smartlib.Progress
import org.smartlib.Reason
import org.smartlib.ReasonKind
import org.smartlib.Resource
import org.smartlib.Scale
import org.smartlib.SmartlibException
import org.smartlib.async
import org.smartlib.contentVersion
import org.smartlib.fromJson
import org.smartlib.panicProbe
import org.smartlib.toJson
import org.smartlib.versions
import org.smartlib.viewFields

/** `level_min` -> `levelMin`: how uniffi names a field in Kotlin (and Swift). */
fun camel(snake: String): String =
    snake.split('_').mapIndexed { i, part -> if (i == 0) part else part.replaceFirstChar { it.uppercase() } }.joinToString("")

/** A reason's kind as the vectors and the CLI's JSON name it; the `when` is exhaustive. */
fun kindName(kind: ReasonKind): String = when (kind) {
    is ReasonKind.NextTier -> "next-tier"
    is ReasonKind.LowerTierGap -> "lower-tier-gap"
    is ReasonKind.HigherTier -> "higher-tier"
    is ReasonKind.BuildsOn -> "builds-on"
    is ReasonKind.BuildsOnEarlierPhases -> "builds-on-earlier-phases"
    is ReasonKind.MissingPrerequisites -> "missing-prerequisites"
    is ReasonKind.BuildsOnUnknown -> "builds-on-unknown"
    is ReasonKind.Goals -> "goals"
    is ReasonKind.RoleGap -> "role-gap"
    is ReasonKind.Constraint -> "constraint"
    is ReasonKind.InProgress -> "in-progress"
    ReasonKind.StatusUnknown -> "status-unknown"
}

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
                assertEquals(kinds, recommendations.map { r -> r.reasons.map { kindName(it.kind) } }, "reason_kinds")
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
                val top = vector["top"].asInt
                val columns = vector["columns"].asJsonArray.map { it.asString }
                val rows = vector["rows"].asJsonArray.map { row -> row.asJsonArray.map { Cell.Text(it.asString) } }
                val expect = vector["expect"].asJsonObject
                if (expect.has("error")) {
                    val error = assertFailsWith<SmartlibException.Table> { catalog.summarizeTable(columns, rows, top) }
                    assertEquals(expect["error"].asString, error.description)
                    assertEquals(expect["error"].asString, error.message)
                    assertNull(error.row)
                    return@dynamicTest
                }
                val want = expect["rows"].asJsonArray.map { it.asJsonObject }
                val got = catalog.summarizeTable(columns, rows, top)
                assertEquals(want.size, got.size, "rows")
                for ((index, pair) in want.zip(got).withIndex()) {
                    val (w, g) = pair
                    val row = index + 1
                    if (w.has("error")) {
                        assertEquals(w["error"].asString, g.error, "row $row")
                        assertEquals(listOf(), g.recommendations, "row $row")
                        // One row alone throws the same message.
                        val error = assertFailsWith<SmartlibException> { catalog.rowProfile(columns, rows[index], row) }
                        assertEquals(w["error"].asString, error.message, "row $row")
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
        fun fieldsOf(type: Class<*>) = type.declaredFields.filter { !it.isSynthetic && !Modifier.isStatic(it.modifiers) }.map { it.name }
        for (type in types.filter { it.name != "Reason" }) {
            assertEquals(type.fields.map(::camel), fieldsOf(Class.forName("org.smartlib.${type.name}")), type.name)
        }
        // A reason's details sit in the case of its kind: together the cases hold exactly the
        // view's detail fields.
        val reason = types.single { it.name == "Reason" }.fields.map(::camel)
        assertEquals(listOf("kind", "points", "text"), fieldsOf(Reason::class.java))
        val cases = ReasonKind::class.java.declaredClasses.filter { ReasonKind::class.java.isAssignableFrom(it) }
        assertEquals(12, cases.size)
        assertEquals(reason.drop(3).toSet(), cases.flatMap(::fieldsOf).toSet())
    }

    @Test
    fun cellsOfEveryKindReadByOneVocabulary() {
        val columns = listOf("name", "computer-labs", "wifi-access", "digital-resources", "basic-computer-training", "budget")
        val typed = listOf(Cell.Text("Anytown"), Cell.Bool(true), Cell.Number(1.0), Cell.Text(" Yes "), Cell.Missing, Cell.Text("LOW"))
        val summary = toolbox.summarizeTable(columns, listOf(typed), 3).single()
        assertEquals(listOf(1, 1, 3), listOf(summary.level, summary.levelMin, summary.levelMax))
        assertEquals("getting-started", summary.reached)
        assertEquals("Getting started", summary.reachedName)
        assertEquals(summary.recommendations.map { toolbox.program(it).name }, summary.recommendationNames)
        val profile = toolbox.rowProfile(columns, typed, 1)
        assertEquals(Profile(name = "Anytown", offers = listOf("computer-labs", "wifi-access", "digital-resources"),
            unknown = profile.unknown, budget = Scale.LOW), profile)
        assertTrue("basic-computer-training" in profile.unknown)

        val lists = listOf("offers", "goals")
        val row = listOf(Cell.Ids(listOf("computer-labs", "wifi-access")), Cell.Text("co-creators"))
        assertEquals(listOf("computer-labs", "wifi-access"), toolbox.rowProfile(lists, row, 1).offers)
        val bad = toolbox.summarizeTable(lists, listOf(row, listOf(Cell.Number(2.0), Cell.Missing)), 3)
        assertNull(bad[0].error)
        assertTrue(bad[1].error!!.startsWith("row 2, column \"offers\": expected ids"), bad[1].error)
        assertEquals(listOf(), toolbox.summarizeTable(lists, listOf(), 3))
    }

    @Test
    fun aRustPanicIsASmartlibExceptionAndTheJvmGoesOn() {
        // A deliberate panic (the test build's probe): SmartlibException.Internal each time, so
        // one `catch (e: SmartlibException)` covers it; never a dead JVM, and the catalog still
        // answers afterwards.
        repeat(3) {
            val panic = assertFailsWith<SmartlibException> { panicProbe() }
            assertIs<SmartlibException.Internal>(panic)
            assertEquals("internal error (a bug in smartlib): a deliberate panic, to test that panics stay inside the app", panic.message)
        }
        val offers = listOf("computer-labs", "wifi-access", "digital-resources")
        assertEquals(1, toolbox.assess(Profile(offers = offers)).level)
    }

    @Test
    fun everyCallThatDoesWorkIsDeclaredToThrow() {
        // Only the calls that copy data the catalog holds may be non-throwing: in Swift each of
        // those is a `try!`, so anything that could panic must throw. The Kotlin signatures come
        // from the same Rust signatures as the Swift ones, so this holds both.
        val copies = setOf(
            "name", "version", "fingerprint", "tiers", "programs", "roles", "areas", "processes", "outreach", "exampleLibraries",
            "warnings", "omittedWarnings", "schemaVersion",
        )
        val exported = org.smartlib.CatalogInterface::class.java.methods.map { it.name }.toSet()
        val methods = Catalog::class.java.methods.filter { it.name in exported }
        val nonThrowing = methods.filter { SmartlibException::class.java !in it.exceptionTypes }.map { it.name }.toSet()
        assertEquals(copies, nonThrowing)
        assertTrue(methods.size > copies.size + 15, "found ${methods.size} methods")
        for (constructor in listOf("toolbox", "fromText", "fromPath")) {
            val method = Catalog.Companion::class.java.methods.single { it.name == constructor }
            assertTrue(SmartlibException::class.java in method.exceptionTypes, constructor)
        }
        val functions = Class.forName("org.smartlib.Smartlib_uniffiKt").methods.associateBy { it.name }
        for (name in listOf("assessmentToJson", "assessmentFromJson", "profileToJson", "panicProbe")) {
            assertTrue(SmartlibException::class.java in functions.getValue(name).exceptionTypes, name)
        }
    }

    @Test
    fun aNewerMinorCatalogLoadsWithWarningsAndAnotherMajorIsRefused() {
        val info = versions()
        assertEquals("${info.schemaMajor}.${info.schemaMinor}", info.schema)
        assertTrue(info.supportedSchemas.startsWith("${info.schemaMajor}.0 to ${info.schemaMajor}.x"), info.supportedSchemas)
        assertEquals(contentVersion(), info.content)
        assertEquals(3, info.engine.split('.').size)
        assertEquals(info.schema, toolbox.schemaVersion())
        assertEquals(listOf(), toolbox.warnings())
        val profile = Profile(offers = listOf("computer-labs", "wifi-access", "digital-resources"))
        val catalog = JsonParser.parseString(toolbox.toJson()).asJsonObject
        // A catalog from a server in a newer minor version, with one new top-level field: it
        // loads, answers as before, and says what it left out.
        val newerMinor = "${info.schemaMajor}.${info.schemaMinor + 1}"
        catalog.addProperty("schema_version", newerMinor)
        catalog.addProperty("released", "2031-01-01")
        val newer = Catalog.fromText(catalog.toString(), Format.JSON)
        assertEquals(newerMinor, newer.schemaVersion())
        val warning = newer.warnings().single()
        assertEquals(listOf("released", "unknown-field", "released"), listOf(warning.id, warning.kind, warning.path))
        assertEquals(1, warning.line)
        assertTrue(warning.description.contains("""unknown field "released", ignored"""), warning.description)
        assertEquals(0, newer.omittedWarnings())
        assertEquals(toolbox.assess(profile).level, newer.assess(profile).level)
        // At this engine's own version an unknown field is an author's typo: refused, and every
        // one of them is reported with its place, not only the first.
        catalog.addProperty("schema_version", info.schema)
        catalog.addProperty("publisher", "ALA")
        val typos = assertFailsWith<SmartlibException.InvalidCatalog> { Catalog.fromText(catalog.toString(), Format.JSON) }
        assertEquals(setOf("released", "publisher"), typos.problems.map { it.id }.toSet())
        assertTrue(typos.problems.all { it.kind == "unknown-field" && it.line == 1 }, typos.problems.toString())
        assertEquals(0, typos.omitted)
        assertTrue(typos.message!!.contains("(and 1 more problem)"), typos.message)
        // Another major version is refused.
        catalog.remove("released")
        catalog.remove("publisher")
        catalog.addProperty("schema_version", "${info.schemaMajor + 1}.0")
        val major = assertFailsWith<SmartlibException.InvalidCatalog> { Catalog.fromText(catalog.toString(), Format.JSON) }
        assertEquals("unsupported-version", major.problems.first().kind)
    }

    @Test
    fun tableErrorsCarryTheirRowAndColumn() {
        val nearMiss = assertFailsWith<SmartlibException.Table> {
            toolbox.summarizeTable(listOf("id", "wifi_access"), listOf(), 5)
        }
        assertEquals("wifi_access", nearMiss.column)
        assertNull(nearMiss.row)
        assertEquals("column \"wifi_access\": not a program id or profile field (did you mean \"wifi-access\"?)", nearMiss.description)
        val nothing = assertFailsWith<SmartlibException.Table> { toolbox.summarizeTable(listOf("id", "state"), listOf(), 5) }
        assertEquals(null to null, nothing.row to nothing.column)
        val cell = assertFailsWith<SmartlibException.Table> {
            toolbox.rowProfile(listOf("computer-labs", "wifi-access"), listOf(Cell.Text("-1"), Cell.Missing), 4)
        }
        assertEquals(4 to "computer-labs", cell.row to cell.column)
        assertTrue(cell.description.startsWith("row 4, column \"computer-labs\": -1 is not a status; use offered, yes"), cell.description)
        val short = assertFailsWith<SmartlibException.Table> { toolbox.rowProfile(listOf("computer-labs", "wifi-access"), listOf(Cell.Missing), 9) }
        assertEquals(9 to null, short.row to short.column)
        val unknown = assertFailsWith<SmartlibException.UnknownId> {
            toolbox.rowProfile(listOf("offers"), listOf(Cell.Text("computer-labs;wifi-acess")), 2)
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
        assertEquals(1, assessment.level)
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
        val buildsOn = best.reasons.first { it.kind is ReasonKind.BuildsOn }
        val builtOn = buildsOn.kind as ReasonKind.BuildsOn
        assertEquals(listOf("basic-computer-training", "computer-labs"), builtOn.ids)
        assertEquals(listOf("Basic computer training", "Computer labs"), builtOn.names)
        assertTrue(buildsOn.text.startsWith("builds on Basic computer training"), buildsOn.text)
        assertEquals(ReasonKind.NextTier("making-progress", "Making progress"), best.reasons.first { it.kind is ReasonKind.NextTier }.kind)
        val constraints = toolbox.recommend(profile, null).flatMap { it.reasons }.map { it.kind }.filterIsInstance<ReasonKind.Constraint>()
        assertTrue(constraints.isNotEmpty())
        assertTrue(constraints.all { it.resource == Resource.BUDGET && it.has == Scale.LOW }, constraints.toString())
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
        val unknownPrerequisite = lending.reasons.first { it.kind is ReasonKind.BuildsOnUnknown }
        assertEquals(ReasonKind.BuildsOnUnknown(listOf("digital-resources"), listOf("Digital resources")), unknownPrerequisite.kind)
        assertEquals(0.0, unknownPrerequisite.points)
        assertTrue(lending.reasons.none { it.kind is ReasonKind.MissingPrerequisites })
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
        assertEquals(3, roadmap.phases.last().levelAfter)
        assertEquals("Getting started", roadmap.phases.first().reachedAfterName)
        val change = toolbox.whatIf(Profile(offers = listOf("computer-labs", "wifi-access")), listOf("digital-resources"), listOf())
        assertEquals(0 to 1, change.levelBefore to change.levelAfter)
        assertEquals(listOf("Digital resources"), change.addedNames)
        assertEquals(null to "getting-started", change.reachedBefore to change.reachedAfter)
        assertEquals(null to "Getting started", change.reachedBeforeName to change.reachedAfterName)
        val tier = change.tiers.single()
        assertEquals(listOf("getting-started", "Getting started"), listOf(tier.id, tier.name))
        assertEquals(2 to 3, tier.offeredBefore to tier.offeredAfter)
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
    fun jsonHasTheRecordsShapeAndRoundTrips() {
        val profile = Profile(
            name = "Anytown",
            offers = listOf("computer-labs", "wifi-access", "digital-resources"),
            unknown = listOf("makerspaces"),
            goals = listOf("co-creators"),
            budget = Scale.LOW,
        )
        // A profile goes out in the profile file format and comes back the same.
        val profileJson = profile.toJson()
        assertEquals("low", JsonParser.parseString(profileJson).asJsonObject["constraints"].asJsonObject["budget"].asString)
        assertEquals(profile, toolbox.profileFromJson(profileJson))
        // An assessment's JSON has the record's fields (snake_case), reasons with their kind.
        val assessment = toolbox.assess(profile)
        val json = assessment.toJson()
        val answer = JsonParser.parseString(json).asJsonObject
        assertEquals(viewFields().single { it.name == "Assessment" }.fields.toSet(), answer.keySet())
        assertEquals(1, answer["level"].asInt)
        assertEquals("Getting started", answer["reached_name"].asString)
        val reason = answer["recommendations"].asJsonArray[0].asJsonObject["reasons"].asJsonArray[0].asJsonObject
        assertEquals(kindName(assessment.recommendations[0].reasons[0].kind), reason["kind"].asString)
        assertEquals(assessment.recommendations[0].reasons[0].text, reason["text"].asString)
        assertEquals(assessment, Assessment.fromJson(json))
        // assessJson answers the same JSON from profile JSON.
        assertEquals(assessment, Assessment.fromJson(toolbox.assessJson(profileJson)))
        assertFailsWith<SmartlibException.InvalidArgument> { Assessment.fromJson("""{"level": 1}""") }
        // The catalog's own JSON reads back as the same catalog.
        val copy = Catalog.fromText(toolbox.toJson(), Format.JSON)
        assertEquals(toolbox.fingerprint(), copy.fingerprint())
    }

    @Test
    fun lookupsAnswerOrNameTheNearestId() {
        assertEquals("Getting started", toolbox.tier("getting-started").name)
        assertEquals("co-creators", toolbox.role("co-creators").id)
        val area = toolbox.areas().first()
        assertEquals(area, toolbox.area(area.id))
        val library = toolbox.exampleLibraries().first()
        assertEquals(library, toolbox.exampleLibrary(library.id))
        val tier = assertFailsWith<SmartlibException.UnknownId> { toolbox.tier("getting-startd") }
        assertEquals(IdKind.TIER to "getting-started", tier.kind to tier.suggestion)
        assertEquals("""unknown tier "getting-startd" (did you mean "getting-started"?)""", tier.message)
        val role = assertFailsWith<SmartlibException.UnknownId> { toolbox.role("co-creator") }
        assertEquals(IdKind.ROLE to "co-creators", role.kind to role.suggestion)
        // A role is not an area.
        assertEquals(IdKind.AREA, assertFailsWith<SmartlibException.UnknownId> { toolbox.area("co-creators") }.kind)
        val example = assertFailsWith<SmartlibException.UnknownId> { toolbox.exampleLibrary(library.id + "x") }
        assertEquals(IdKind.EXAMPLE_LIBRARY to library.id, example.kind to example.suggestion)
    }

    @Test
    fun everyReasonKindIsHandledExhaustively() {
        // `kindName` is an exhaustive `when` over ReasonKind (it would not compile otherwise);
        // here each kind the engine gives for a varied profile carries its payload.
        val profile = Profile(
            offers = listOf("computer-labs", "wifi-access"),
            piloting = listOf("digital-resources"),
            unknown = listOf("technology-lending"),
            goals = listOf("co-creators"),
            budget = Scale.LOW,
        )
        val reasons = toolbox.recommend(profile, null).flatMap { it.reasons } +
            toolbox.roadmap(profile).phases.flatMap { p -> p.programs.flatMap { it.reasons } }
        val kinds = reasons.map { kindName(it.kind) }.toSet()
        for (kind in listOf("next-tier", "builds-on", "constraint", "in-progress", "status-unknown", "builds-on-earlier-phases", "goals")) {
            assertTrue(kind in kinds, "$kind not in $kinds")
        }
        for (reason in reasons) {
            when (val kind = reason.kind) {
                is ReasonKind.NextTier -> assertEquals(toolbox.tier(kind.tier).name, kind.tierName)
                is ReasonKind.LowerTierGap -> assertEquals(toolbox.tier(kind.tier).name, kind.tierName)
                is ReasonKind.HigherTier -> assertTrue(kind.tiersAhead >= 1)
                is ReasonKind.BuildsOn -> assertEquals(kind.ids.map { toolbox.program(it).name }, kind.names)
                is ReasonKind.BuildsOnEarlierPhases -> assertEquals(kind.ids.size, kind.phases.size)
                is ReasonKind.MissingPrerequisites -> assertTrue(reason.points < 0)
                is ReasonKind.BuildsOnUnknown -> assertEquals(0.0, reason.points)
                is ReasonKind.Goals -> assertEquals(listOf("co-creators"), kind.ids)
                is ReasonKind.RoleGap -> assertEquals(kind.ids.map { toolbox.role(it).name }, kind.names)
                is ReasonKind.Constraint -> assertEquals(Scale.LOW, kind.has)
                is ReasonKind.InProgress -> assertEquals(Progress.PILOTING, kind.status)
                ReasonKind.StatusUnknown -> assertTrue(reason.text.contains("unknown"))
            }
            assertTrue(reason.text.isNotBlank())
        }
    }

    @Test
    fun unknownProgramNamesTheNearestId() {
        val error = assertFailsWith<SmartlibException.UnknownId> {
            toolbox.assess(Profile(offers = listOf("wifi-acess")))
        }
        assertEquals(IdKind.PROGRAM, error.kind)
        assertEquals("wifi-acess", error.id)
        assertEquals("wifi-access", error.suggestion)
        assertEquals("offers[0]", error.path)
        // The message is the sentence the CLI prints, not a dump of the fields.
        val sentence = """offers[0]: unknown program "wifi-acess" (did you mean "wifi-access"?)"""
        assertEquals(sentence, error.message)
        assertEquals(sentence, error.description)
        assertEquals(sentence, error.localizedMessage)
        assertFailsWith<SmartlibException.UnknownId> { toolbox.program("makerspace") }
        val goal = assertFailsWith<SmartlibException.UnknownId> { toolbox.assess(Profile(goals = listOf("co-creator"))) }
        assertEquals(IdKind.GOAL to "co-creators", goal.kind to goal.suggestion)
    }

    @Test
    fun eachCauseHasItsOwnCase() {
        val conflict = assertFailsWith<SmartlibException.InvalidProfile> {
            toolbox.assess(Profile(offers = listOf("makerspaces"), planned = listOf("makerspaces")))
        }
        assertTrue(conflict.message!!.contains("listed as offered and as planned"), conflict.message)
        // Bad profile JSON is a profile error, with its place.
        val json = assertFailsWith<SmartlibException.InvalidProfile> { toolbox.profileFromJson("{\n  \"offers\": [1]\n}") }
        assertEquals(2, json.line)
        assertTrue(json.message!!.startsWith("<profile>:2:"), json.message)
        // A broken catalog: every problem, each with its place.
        val broken = assertFailsWith<SmartlibException.InvalidCatalog> {
            Catalog.fromText("name = \"x\"\nversion = \"1\"\nstart_message = [", Format.TOML)
        }
        assertEquals(3, broken.problems.single().line)
        assertEquals(broken.problems[0].description, broken.message)
        val io = assertFailsWith<SmartlibException.Io> { Catalog.fromPath("/nonexistent/catalog.toml") }
        assertEquals("/nonexistent/catalog.toml", io.path)
        assertTrue(io.message!!.startsWith("/nonexistent/catalog.toml: "), io.message)
        // Bad policy JSON is a policy error.
        val policy = assertFailsWith<SmartlibException.InvalidPolicy> { toolbox.withPolicyJson("""{"established_share": "most"}""") }
        assertTrue(policy.message!!.startsWith("policy: "), policy.message)
        assertFailsWith<SmartlibException.InvalidPolicy> { toolbox.withPolicyJson("{") }
        // A count that means nothing.
        val limit = assertFailsWith<SmartlibException.InvalidArgument> { toolbox.recommend(Profile(), -1) }
        assertEquals("limit" to "limit must be 0 or more, not -1", limit.name to limit.message)
        assertFailsWith<SmartlibException.InvalidArgument> { toolbox.summarizeTable(listOf("offers"), listOf(), -3) }
        assertFailsWith<SmartlibException.InvalidArgument> { toolbox.rowProfile(listOf("offers"), listOf(Cell.Missing), 0) }
        assertEquals(listOf(), toolbox.recommend(Profile(), 0))
    }

    @Test
    fun suspendCallsAnswerAsTheBlockingOnes() = runBlocking {
        val catalog = AsyncCatalog.toolbox()
        val profile = Profile(offers = listOf("computer-labs", "wifi-access", "digital-resources"))
        assertEquals(toolbox.assess(profile), catalog.assess(profile))
        assertEquals(toolbox.recommend(profile, 3), catalog.recommend(profile, 3))
        assertEquals(toolbox.roadmap(profile), toolbox.async.roadmap(profile))
        assertEquals(toolbox.whatIf(profile, listOf("makerspaces"), listOf()), catalog.whatIf(profile, listOf("makerspaces"), listOf()))
        // Errors arrive as the same exceptions.
        assertFailsWith<SmartlibException.UnknownId> { catalog.assess(Profile(offers = listOf("wifi-acess"))) }
        assertFailsWith<SmartlibException.Io> { AsyncCatalog.fromPath("/nonexistent/catalog.toml") }
        val text = AsyncCatalog.fromText(toolbox.toJson(), Format.JSON)
        assertEquals(toolbox.fingerprint(), text.catalog.fingerprint())
        // The calls run on the dispatcher given, not on the caller's thread.
        val pool = Executors.newFixedThreadPool(2)
        val dispatched = AtomicInteger()
        val counting = object : CoroutineDispatcher() {
            override fun dispatch(context: CoroutineContext, block: Runnable) {
                dispatched.incrementAndGet()
                pool.execute(block)
            }
        }
        try {
            val onPool = AsyncCatalog(toolbox, counting)
            val answers = (0 until 50).map { async { onPool.assess(profile) } }.awaitAll()
            assertTrue(answers.all { it == answers[0] })
            assertTrue(dispatched.get() >= 50, "dispatched ${dispatched.get()} times")
        } finally {
            pool.shutdown()
        }
    }

    @Test
    fun oneCatalogSwappedAtomicallyWhileCallsRun() = runBlocking {
        // Hold one catalog; swap in new content with one atomic write. Calls in flight finish
        // on the catalog they started with, and every answer comes from one catalog or the other.
        val current = AtomicReference(toolbox)
        val stricter = toolbox.withPolicyJson("""{"established_share": 1.0}""")
        val profile = Profile(offers = listOf("computer-labs", "wifi-access", "digital-resources"))
        val levels = mapOf(toolbox.fingerprint() to toolbox.assess(profile).level, stricter.fingerprint() to stricter.assess(profile).level)
        assertNotEquals(levels[toolbox.fingerprint()], levels[stricter.fingerprint()])
        val answers = (0 until 200).map { i ->
            if (i == 100) current.set(stricter)
            val catalog = current.get()
            async(Dispatchers.Default) { catalog.fingerprint() to catalog.assess(profile).level }
        }.awaitAll()
        assertTrue(answers.all { (fingerprint, level) -> levels[fingerprint] == level }, answers.toString())
        assertEquals(100, answers.count { it.first == stricter.fingerprint() })
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
