// What one call into the Rust library costs from Kotlin (JVM, through JNA), and where it goes.
//
// Compiled together with the generated bindings (one Kotlin module), so it can also time the
// bindings' internal steps: a bare JNA call, one uniffi call-status structure, a handle clone,
// a RustBuffer round trip. Each figure is the median over rounds of many calls, after a warm-up
// long enough for the JIT to compile the whole call path. Run by scripts/bench-mobile.sh.
//
// Two figures a case: wall-clock time per call, and the CPU time of the whole JVM process per
// call (every thread: the caller, JNA's cleaner thread, the garbage collector). On a shared,
// busy machine the second is the steadier one; on an idle one they agree.
//
// Usage: java ... org.smartlib.bench.BenchKt [rounds] [seconds of warm-up per case] [case,case...]
//        java ... org.smartlib.bench.BenchKt count CASE WARMUP_CALLS CALLS
// The second form makes a fixed number of calls and exits, for an instruction counter outside
// (`perf stat -e instructions:u`): two runs that differ only in CALLS give the instructions of
// one call, the JVM's start, warm-up and JIT cancelling out. scripts/bench-mobile.sh does that.
package org.smartlib.bench

import java.lang.management.ManagementFactory
import org.smartlib.Catalog
import org.smartlib.IntegrityCheckingUniffiLib
import org.smartlib.Profile
import org.smartlib.RustBuffer
import org.smartlib.UniffiLib
import org.smartlib.UniffiRustCallStatus
import org.smartlib.contentVersion

// Keeps results alive so the JIT cannot drop the calls that make them.
@Volatile
var sink: Any? = null

class Case(val name: String, val what: String, val body: () -> Any?)

fun median(sorted: List<Double>) =
    if (sorted.size % 2 == 1) sorted[sorted.size / 2] else (sorted[sorted.size / 2 - 1] + sorted[sorted.size / 2]) / 2

private val os = ManagementFactory.getOperatingSystemMXBean() as com.sun.management.OperatingSystemMXBean

class Timing(val wall: List<Double>, val cpu: List<Double>)

/** Per-call microseconds of [case]: warm-up for [warmupSeconds], then [rounds] timed rounds. */
fun measure(case: Case, rounds: Int, warmupSeconds: Double): Timing {
    // Calls per round: enough for about 200 ms a round (the process CPU clock ticks in 10 ms
    // steps on Linux), found during the warm-up.
    var calls = 1
    val warmupEnd = System.nanoTime() + (warmupSeconds * 1e9).toLong()
    while (System.nanoTime() < warmupEnd) {
        val start = System.nanoTime()
        repeat(calls) { sink = case.body() }
        val elapsed = System.nanoTime() - start
        if (elapsed < 200_000_000L) calls *= 2
    }
    val wall = mutableListOf<Double>()
    val cpu = mutableListOf<Double>()
    repeat(rounds) {
        val cpuStart = os.processCpuTime
        val start = System.nanoTime()
        repeat(calls) { sink = case.body() }
        wall += (System.nanoTime() - start) / 1000.0 / calls
        cpu += (os.processCpuTime - cpuStart) / 1000.0 / calls
    }
    return Timing(wall.sorted(), cpu.sorted())
}

fun main(args: Array<String>) {
    val cases = cases()
    if (args.getOrNull(0) == "count") {
        val case = cases.single { it.name == args[1] }
        repeat(args[2].toInt()) { sink = case.body() }
        repeat(args[3].toInt()) { sink = case.body() }
        return
    }
    val rounds = args.getOrNull(0)?.toInt() ?: 15
    val warmup = args.getOrNull(1)?.toDouble() ?: 3.0
    val only = args.getOrNull(2)?.split(",")?.toSet()
    // The JVM's version and JNA's, read at run time (Native.VERSION is a constant the compiler copies in).
    val jvm = "${System.getProperty("java.vm.name")} ${System.getProperty("java.version")}"
    val jna = com.sun.jna.Native::class.java.`package`.implementationVersion
    val flags = ManagementFactory.getRuntimeMXBean().inputArguments.filter { !it.startsWith("-D") }.joinToString(" ")
    println("kotlin call cost ($jvm, JNA $jna, flags [$flags]; median of $rounds rounds of about 200 ms, after ${warmup}s of warm-up)")
    println("kotlin %-12s %10s %10s %10s   %s".format("case", "wall us", "cpu us", "wall min", "what"))
    for (case in cases.filter { only == null || it.name in only }) {
        val t = measure(case, rounds, warmup)
        println(
            "kotlin %-12s %10.3f %10.3f %10.3f   %s".format(case.name, median(t.wall), median(t.cpu), t.wall.first(), case.what),
        )
    }
}

fun cases(): List<Case> {
    val catalog = Catalog.toolbox()
    val offers = listOf("computer-labs", "wifi-access", "digital-resources", "basic-computer-training")
    val profile = Profile(offers = offers)
    val profileJson = offers.joinToString(",", "{\"offers\":[", "]}") { "\"$it\"" }
    val status = UniffiRustCallStatus()

    return listOf(
        // The floor: a direct-mapped JNA call with no arguments that returns an int.
        Case("jna-call", "a bare JNA call (int, no structure)") {
            IntegrityCheckingUniffiLib.ffi_smartlib_uniffi_uniffi_contract_version()
        },
        // What uniffi adds to every call, before any work: one status structure (JNA Structure,
        // with a nested RustBuffer structure, both backed by native memory).
        Case("call-status", "new UniffiRustCallStatus (no call)") { UniffiRustCallStatus() },
        // Any JNA Structure: a RustBuffer (3 fields, 24 bytes of native memory).
        Case("structure", "new RustBuffer.ByValue (no call)") { RustBuffer.ByValue() },
        // contentVersion()'s two FFI calls (the function, then freeing its buffer) with one call
        // status made once and reused, as uniffi's generated code does not: what a call costs
        // without the per-call status structures.
        Case("reused-status", "contentVersion()'s 2 FFI calls, one status reused") {
            UniffiLib.ffi_smartlib_uniffi_rustbuffer_free(UniffiLib.uniffi_smartlib_uniffi_fn_func_content_version(status), status)
        },
        // One uniffi call with a structure in and a structure out, and its free: a RustBuffer
        // allocated and freed by Rust (2 calls, each with a call status).
        Case("rustbuffer", "RustBuffer alloc + free (2 uniffi calls)") { RustBuffer.free(RustBuffer.alloc(16UL)) },
        Case("function", "contentVersion(): a function returning a short string") { contentVersion() },
        Case("method", "catalog.version(): a method returning a short string") { catalog.version() },
        Case("assess-json", "catalog.assessJson(json): the answer as one JSON string") { catalog.assessJson(profileJson) },
        Case("assess", "catalog.assess(profile): the answer as records") { catalog.assess(profile) },
    )
}
