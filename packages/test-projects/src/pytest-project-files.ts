/**
 * textkit: a Python library in the src layout, installed editable (`pip install -e .`) into
 * its own venv, tested with pytest. It pins xmltodict 1.99.0, which only its venv has: the
 * machine's Python has another xmltodict, so a test run with the wrong interpreter fails.
 */
export const PYPROJECT = `[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "textkit"
version = "0.1.0"
requires-python = ">=3.9"
dependencies = ["xmltodict==1.99.0"]

[tool.setuptools.packages.find]
where = ["src"]

[tool.pytest.ini_options]
testpaths = ["tests"]
`;

export const SLUG_SOURCE = `import re


def slugify(text):
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words)
`;

/** The regression: separators lost. */
export const BROKEN_SLUG_SOURCE = SLUG_SOURCE.replace('"-".join(words)', '"".join(words)');

export const WORDS_SOURCE = `import math


def word_count(text):
    return len(text.split())


def reading_minutes(text, words_per_minute=200):
    return math.ceil(word_count(text) / words_per_minute)
`;

/** The logic bug a model fixes: minutes rounded down. */
export const BROKEN_WORDS_SOURCE = WORDS_SOURCE.replace('math.ceil(', 'math.floor(');

const FEED_SOURCE = `import xmltodict


def titles(xml):
    channel = xmltodict.parse(xml)["rss"]["channel"]
    items = channel.get("item", [])
    if isinstance(items, dict):
        items = [items]
    return [item["title"] for item in items]


def parser_version():
    return xmltodict.__version__
`;

const SLUG_TESTS = `import pytest

from textkit.slug import slugify

CASES = [(f"Chapter {number}: The Title", f"chapter-{number}-the-title") for number in range(1, 61)]


@pytest.mark.parametrize("text,slug", CASES)
def test_slugify_chapters(text, slug):
    assert slugify(text) == slug


def test_slugify_punctuation():
    assert slugify("Hello, World!") == "hello-world"


def test_slugify_empty():
    assert slugify("") == ""
`;

const WORDS_TESTS = `import pytest

from textkit.words import reading_minutes, word_count


def test_word_count():
    assert word_count("one two  three") == 3


@pytest.mark.parametrize("words,minutes", [(1, 1), (199, 1), (200, 1), (201, 2), (450, 3), (1000, 5)])
def test_reading_minutes(words, minutes):
    assert reading_minutes(" ".join(["word"] * words)) == minutes
`;

const FEED_TESTS = `from textkit.feed import parser_version, titles

FEED = "<rss><channel><item><title>First</title></item><item><title>Second</title></item></channel></rss>"


def test_titles():
    assert titles(FEED) == ["First", "Second"]


def test_runs_with_the_pinned_parser():
    assert parser_version() == "1.99.0"
`;

/** A project-local linter (no trailing whitespace, no tabs), with --fix: the configured fixer. */
const LINT_TOOL = `"""Checks (or with --fix, repairs) trailing whitespace and tab indentation in Python files."""
import pathlib
import sys


def main(fix):
    problems = 0
    for path in sorted(pathlib.Path(".").glob("src/**/*.py")) + sorted(pathlib.Path(".").glob("tests/**/*.py")):
        lines = path.read_text().split("\\n")
        cleaned = [line.rstrip().replace("\\t", "    ") for line in lines]
        if cleaned != lines:
            if fix:
                path.write_text("\\n".join(cleaned))
            else:
                problems += 1
                print(f"{path}: trailing whitespace or tabs")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main("--fix" in sys.argv))
`;

export const PYTEST_FILES: Readonly<Record<string, string>> = {
  'pyproject.toml': PYPROJECT,
  // Lets \`python setup.py develop\` make the editable install where pip's needs the \`wheel\` package.
  'setup.py': 'from setuptools import setup\n\nsetup()\n',
  '.gitignore': '.venv/\n__pycache__/\n*.egg-info/\n.pytest_cache/\n',
  'CHANGELOG.md': '# Changelog\n\n## Unreleased\n\n',
  'src/textkit/__init__.py': '"""Small text utilities."""\n',
  'src/textkit/slug.py': SLUG_SOURCE,
  'src/textkit/words.py': WORDS_SOURCE,
  'src/textkit/feed.py': FEED_SOURCE,
  'tests/test_slug.py': SLUG_TESTS,
  'tests/test_words.py': WORDS_TESTS,
  'tests/test_feed.py': FEED_TESTS,
  'tools/lint.py': LINT_TOOL,
};

/** xmltodict 1.99.0: what the project's venv has, and the machine does not. */
export const PINNED_XMLTODICT_MODULE = `"""A minimal xmltodict: parse() of nested elements into dicts, repeated ones into lists."""
import xml.etree.ElementTree as ElementTree

__version__ = "1.99.0"


def _convert(element):
    children = list(element)
    if not children:
        return element.text
    result = {}
    for child in children:
        value = _convert(child)
        if child.tag in result:
            if not isinstance(result[child.tag], list):
                result[child.tag] = [result[child.tag]]
            result[child.tag].append(value)
        else:
            result[child.tag] = value
    return result


def parse(text):
    root = ElementTree.fromstring(text)
    return {root.tag: _convert(root)}
`;

/**
 * Writes a wheel of one module (argv: module file, name, version, output directory): no package
 * index is reachable here and the machine has no \`wheel\` package, so the wheel is zipped by hand
 * as the wheel format (PEP 427) describes, and pip installs it as it would any wheel.
 */
export const BUILD_WHEEL_SCRIPT = `import base64, hashlib, pathlib, sys, zipfile

module, name, version, out = sys.argv[1:5]
source = pathlib.Path(module).read_bytes()
info = f"{name}-{version}.dist-info"
files = {
    pathlib.Path(module).name: source,
    f"{info}/METADATA": f"Metadata-Version: 2.1\\nName: {name}\\nVersion: {version}\\n".encode(),
    f"{info}/WHEEL": b"Wheel-Version: 1.0\\nGenerator: textkit-fixture\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
}
def digest(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
record = "".join(f"{path},{digest(data)},{len(data)}\\n" for path, data in files.items()) + f"{info}/RECORD,,\\n"
wheel = pathlib.Path(out) / f"{name}-{version}-py3-none-any.whl"
with zipfile.ZipFile(wheel, "w") as archive:
    for path, data in files.items():
        archive.writestr(path, data)
    archive.writestr(f"{info}/RECORD", record)
print(wheel)
`;
