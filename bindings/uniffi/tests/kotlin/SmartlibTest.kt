// Tests of the Kotlin bindings against the real library: the shared vectors, each public
// error, JSON in and out, catalog browsing, and one catalog used from many threads.
package org.smartlib.tests

import com.google.gson.JsonObject
import com.google.gson.JsonParser
import java.io.File
import java.util.concurrent.Callable
import java.util.concurrent.Executors
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import org.smartlib.Catalog
import org.smartlib.Format
import org.smartlib.Profile
import org.smartlib.Scale
import org.smartlib.SmartlibException
import org.smartlib.contentVersion

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
            }
        }
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
        val best = assessment.recommendations.first()
        assertEquals("advanced-training", best.program)
        assertEquals("Advanced training", best.name)
        assertEquals(best.score, best.reasons.sumOf { it.points })
        val buildsOn = best.reasons.first { it.kind == "builds-on" }
        assertEquals(listOf("basic-computer-training", "computer-labs"), buildsOn.ids)
        assertTrue(buildsOn.text.startsWith("builds on Basic computer training"), buildsOn.text)
        assertEquals(contentVersion(), assessment.contentVersion)
    }

    @Test
    fun roadmapWhatIfAndBrowsing() {
        val roadmap = toolbox.roadmap(Profile(offers = listOf("computer-labs")))
        assertEquals(3u, roadmap.phases.last().levelAfter)
        val change = toolbox.whatIf(Profile(offers = listOf("computer-labs", "wifi-access")), listOf("digital-resources"), listOf())
        assertEquals(0u to 1u, change.levelBefore to change.levelAfter)
        assertEquals(15, toolbox.programs().size)
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
