// Hand-written additions to the generated org.smartlib package: suspend entry points that run
// the engine on a background dispatcher, and JSON helpers as extension functions.
//
// Hold one Catalog for the app: it is immutable and thread-safe. To switch to new content,
// load the new one (AsyncCatalog.fromText / fromPath) and swap the reference atomically, for
// example in an AtomicReference or a MutableStateFlow; calls already running finish on the
// catalog they started with.
package org.smartlib

import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext

/**
 * [catalog]'s calls that do work as suspend functions, each run on [dispatcher]
 * ([Dispatchers.Default] unless given: the engine is CPU-bound), so a call from the main thread
 * never blocks it. Errors are thrown as [SmartlibException], as from the blocking calls.
 */
class AsyncCatalog(
    val catalog: Catalog,
    private val dispatcher: CoroutineDispatcher = Dispatchers.Default,
) {
    suspend fun assess(profile: Profile): Assessment = withContext(dispatcher) { catalog.assess(profile) }

    suspend fun assessAssuming(profile: Profile, assumeUnknown: AssumeUnknown): Assessment =
        withContext(dispatcher) { catalog.assessAssuming(profile, assumeUnknown) }

    suspend fun recommend(profile: Profile, limit: Int? = null): List<Recommendation> =
        withContext(dispatcher) { catalog.recommend(profile, limit) }

    suspend fun roadmap(profile: Profile): Roadmap = withContext(dispatcher) { catalog.roadmap(profile) }

    suspend fun whatIf(profile: Profile, add: List<String>, remove: List<String>): WhatIf =
        withContext(dispatcher) { catalog.whatIf(profile, add, remove) }

    suspend fun summarizeTable(columns: List<String>, rows: List<List<Cell>>, top: Int): List<RowSummary> =
        withContext(dispatcher) { catalog.summarizeTable(columns, rows, top) }

    suspend fun withPolicyJson(changes: String): AsyncCatalog =
        AsyncCatalog(withContext(dispatcher) { catalog.withPolicyJson(changes) }, dispatcher)

    companion object {
        /** The embedded toolbox, read and checked on [dispatcher]. */
        suspend fun toolbox(dispatcher: CoroutineDispatcher = Dispatchers.Default): AsyncCatalog =
            AsyncCatalog(withContext(dispatcher) { Catalog.toolbox() }, dispatcher)

        /** A catalog from text (TOML, JSON or YAML), read and checked on [dispatcher]. */
        suspend fun fromText(text: String, format: Format, dispatcher: CoroutineDispatcher = Dispatchers.Default): AsyncCatalog =
            AsyncCatalog(withContext(dispatcher) { Catalog.fromText(text, format) }, dispatcher)

        /** A catalog from a file or catalog directory, read on [Dispatchers.IO] and checked there. */
        suspend fun fromPath(path: String, dispatcher: CoroutineDispatcher = Dispatchers.Default): AsyncCatalog =
            AsyncCatalog(withContext(Dispatchers.IO) { Catalog.fromPath(path) }, dispatcher)
    }
}

/** This catalog's suspend entry points on [Dispatchers.Default]. */
val Catalog.async: AsyncCatalog get() = AsyncCatalog(this)

/** The profile in the profile file format (what [Catalog.profileFromJson] and the CLI read). */
fun Profile.toJson(): String = profileToJson(this)

/** The assessment as JSON in the shape of this record (snake_case field names). */
fun Assessment.toJson(): String = assessmentToJson(this)

/** An assessment from the JSON [Assessment.toJson] writes. */
fun Assessment.Companion.fromJson(json: String): Assessment = assessmentFromJson(json)
