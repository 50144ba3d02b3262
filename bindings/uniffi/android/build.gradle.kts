// The Android library module smartlib for apps: run bindings/uniffi/scripts/package-android.sh
// first (it fills src/main/jniLibs and src/main/kotlin). Not built in this project's CI (no
// Android SDK on its machines); kept minimal so it drops into an app's Gradle build.
plugins {
    id("com.android.library")
    id("org.jetbrains.kotlin.android")
}

android {
    namespace = "org.smartlib"
    compileSdk = 35
    defaultConfig { minSdk = 24 }
}

dependencies {
    // uniffi's Kotlin bindings call the library through JNA; the @aar carries JNA's own .so files.
    implementation("net.java.dev.jna:jna:5.13.0@aar")
}
