// A stand-alone Gradle build for the smartlib Android library (AAR). Include it in an app's
// build with `includeBuild("path/to/bindings/uniffi/android")`, or publish it (see
// build.gradle.kts) and depend on "org.smartlib:smartlib:<version>".
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
    }
}

rootProject.name = "smartlib"
