#!/usr/bin/env python3
"""Makes the generated error type read like hand-written Kotlin and Swift.

uniffi 0.32 cannot do two things by configuration (upstream issues mozilla/uniffi-rs#1077 and
#2262), so this step edits its output right after generation:

- Kotlin: each `SmartlibException` case's `message` is uniffi's field dump
  (`description=…, path=…`); it becomes the case's `description`, the sentence the CLI prints.
- Swift: `SmartlibError` cases are UpperCamel (`.InvalidProfile`); they become lowerCamel
  (`.invalidProfile`, `.internal`) as Swift's API guidelines ask.

It touches nothing outside that one type and fails loudly when the generated code does not look
as expected (a uniffi upgrade), rather than leaving it half done.

Usage: idiomatic-errors.py GENERATED_DIR   (the --out-dir given to uniffi-bindgen)
"""

import pathlib
import re
import sys

KOTLIN_CLASS = "SmartlibException"
SWIFT_ENUM = "SmartlibError"
SWIFT_KEYWORDS = {"internal", "default", "case", "func", "import", "in", "init", "is", "let", "var", "protocol", "public"}


def fail(message: str) -> None:
    sys.exit(f"idiomatic-errors.py: {message}")


def kotlin(path: pathlib.Path) -> None:
    text = path.read_text()
    start = text.find(f"sealed class {KOTLIN_CLASS}: kotlin.Exception() {{")
    end = text.find("companion object ErrorHandler", start)
    if start < 0 or end < 0:
        fail(f"{path}: no sealed class {KOTLIN_CLASS}")
    block = text[start:end]
    cases = len(re.findall(rf"\) : {KOTLIN_CLASS}\(\) {{", block))
    dump = re.compile(r'get\(\) = "description=\$\{ `description` \}[^"\n]*"')
    block, replaced = dump.subn("get() = `description`", block)
    if cases == 0 or replaced != cases:
        fail(f"{path}: {cases} cases of {KOTLIN_CLASS} but {replaced} messages replaced")
    path.write_text(text[:start] + block + text[end:])


def swift(path: pathlib.Path) -> None:
    text = path.read_text()
    start = text.find(f"enum {SWIFT_ENUM}: Swift.Error")
    marker = f"public func FfiConverterType{SWIFT_ENUM}_lower"
    end = text.find(marker, start)
    if start < 0 or end < 0:
        fail(f"{path}: no enum {SWIFT_ENUM} and its converter")
    end = text.find("}", end) + 1
    block = text[start:end]
    body_end = block.find("\n}\n")
    names = re.findall(r"^\s*case ([A-Z]\w*)\b", block[:body_end], re.MULTILINE)
    if not names:
        fail(f"{path}: no UpperCamel cases in {SWIFT_ENUM}")
    for name in names:
        lower = name[0].lower() + name[1:]
        declared = f"`{lower}`" if lower in SWIFT_KEYWORDS else lower
        block, declarations = re.subn(rf"(^\s*case ){name}\b", rf"\g<1>{declared}", block, flags=re.MULTILINE)
        block, uses = re.subn(rf"\.{name}\b", f".{lower}", block)
        if declarations != 1 or uses < 2:
            fail(f"{path}: case {name}: {declarations} declarations, {uses} uses")
    path.write_text(text[:start] + block + text[end:])


def main() -> None:
    if len(sys.argv) != 2:
        fail("usage: idiomatic-errors.py GENERATED_DIR")
    out = pathlib.Path(sys.argv[1])
    kotlin_files = list(out.glob("**/*.kt"))
    swift_files = list(out.glob("*.swift"))
    if not kotlin_files and not swift_files:
        fail(f"{out}: no generated Kotlin or Swift")
    for path in kotlin_files:
        kotlin(path)
    for path in swift_files:
        swift(path)


main()
