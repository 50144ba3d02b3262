// The smartlib Android library (AAR): the Kotlin bindings and the Rust library for each ABI.
// Run bindings/uniffi/scripts/package-android.sh first: it writes both into target/android
// (generated, never committed), which the source sets below read. Then:
//   gradle assembleRelease        -> build/outputs/aar/smartlib-release.aar
//   gradle publishToMavenLocal    -> org.smartlib:smartlib:<version> in ~/.m2
//   gradle publish                -> the repository at -PsmartlibRepo=<url or path>
// Not built in this project's CI (no Android SDK and no Maven Central on its machines);
// bindings/uniffi/scripts/check-packaging.sh checks this file statically.
import org.jetbrains.kotlin.gradle.dsl.JvmTarget

plugins {
    id("com.android.library") version "8.7.3"
    // The Kotlin version the bindings are compiled and tested with (.ci/install-kotlin.sh).
    id("org.jetbrains.kotlin.android") version "2.4.20"
    `maven-publish`
}

group = "org.smartlib"
version = providers.gradleProperty("smartlibVersion").getOrElse("0.1.0")

// Where package-android.sh leaves the generated sources and libraries.
val generated = rootDir.resolve("../../../target/android")

android {
    namespace = "org.smartlib"
    compileSdk = 35
    defaultConfig {
        minSdk = 24
        // Shipped inside the AAR and applied to the app that minifies with R8: JNA and the
        // generated bindings are reached by reflection and by symbol name.
        consumerProguardFiles("consumer-rules.pro")
    }
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
    sourceSets["main"].apply {
        kotlin.srcDir(generated.resolve("kotlin"))
        jniLibs.srcDir(generated.resolve("jniLibs"))
    }
    publishing {
        singleVariant("release") {
            withSourcesJar()
        }
    }
}

kotlin {
    // The same target as compileOptions (Gradle fails a build whose Java and Kotlin targets differ).
    compilerOptions {
        jvmTarget.set(JvmTarget.JVM_17)
    }
}

dependencies {
    // uniffi's Kotlin calls the library through JNA, and JNA types appear in the bindings'
    // public signatures, hence `api`. The @aar carries JNA's own libjnidispatch.so for each ABI.
    // 5.17 or later: older JNA does not load on devices with 16 KB pages.
    api("net.java.dev.jna:jna:5.19.1@aar")
    // The suspend layer (AsyncCatalog, copied in by package-android.sh) runs calls on
    // Dispatchers.Default; it exposes no coroutine types, hence `implementation`.
    implementation("org.jetbrains.kotlinx:kotlinx-coroutines-android:1.10.2")
}

publishing {
    repositories {
        providers.gradleProperty("smartlibRepo").orNull?.let { repo -> maven { url = uri(repo) } }
    }
}

// The Android plugin creates the `release` component only after the build script is evaluated.
afterEvaluate {
    publishing {
        publications {
            create<MavenPublication>("release") {
                from(components["release"])
                artifactId = "smartlib"
                pom {
                    name.set("smartlib")
                    description.set("Public libraries in smart cities and communities: the CTG/ALA toolbox as an embeddable engine")
                    licenses { license { name.set("MIT") } }
                }
            }
        }
    }
}
