// Call overhead of one assessment from Kotlin (JVM, through JNA): median per call over rounds.
package org.smartlib.bench

import org.smartlib.Catalog
import org.smartlib.Profile

fun main() {
    val catalog = Catalog.toolbox()
    val profile = Profile(offers = listOf("computer-labs", "wifi-access", "digital-resources", "basic-computer-training"))
    val calls = 2_000
    repeat(5) { repeat(calls) { catalog.assess(profile) } } // warm up the JIT
    val perCall = (1..21).map {
        val start = System.nanoTime()
        repeat(calls) { catalog.assess(profile) }
        (System.nanoTime() - start) / 1000.0 / calls
    }.sorted()
    println("kotlin assess: median %.2f us per call (min %.2f, max %.2f; 21 rounds of %d)".format(perCall[10], perCall.first(), perCall.last(), calls))
}
