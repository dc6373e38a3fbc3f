"""Hostile and faulty inputs, round two (issue 14: templates, limits, interruptions, concurrency).

The broken-input corpus's rules hold for every case: the exit code, the one-line message naming
the place (template › paragraph › “text”) and what to do, no traceback and never "unexpected"
(exit 3 is for bugs), the sources untouched and ``build/`` exactly as it was. The cases that could
cost time or memory run ``python -m ctpdoc`` in a process whose address space is limited
(``RLIMIT_AS``, 1.5 GB, the issue's bound for the whole tree) and with a 60 s timeout: a limit
that did not hold would show as a memory error or a timeout instead of the case's message.
"""

from __future__ import annotations

import difflib
import errno
import os
import random
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ctpdoc.changes.worddiff
import ctpdoc.package.writer
from ctpdoc.changes.diff import diff_words
from ctpdoc.checks.paragraphs import read_paragraphs
from ctpdoc.checks.template_package import MAX_TEMPLATE_TOTAL, MAX_TEMPLATE_XML_PART
from ctpdoc.document.formats import Formats
from ctpdoc.document.limits import LIMITS, Limits, TemplateLimit
from ctpdoc.document.sandbox import make_environment
from ctpdoc.model import Op
from tests.helpers.corpus import MEMORY, assert_user_error, build_args, ctpdoc_limited, fingerprint, invoke
from tests.helpers.factory import add_paragraph, part1_row, part2_row, replace_in_runs, write_sources
from tests.helpers.repo import ROOT

try:  # POSIX only: `make test-windowslike` blocks them, as Windows has neither
    import fcntl
    import resource
except ImportError:
    fcntl = resource = None  # type: ignore[assignment]
POSIX = pytest.mark.skipif(fcntl is None, reason="holds an flock / sets rlimits itself: POSIX only (Windows has neither)")


# ---------------------------------------------------------------- templates: what they may ask and how much


@dataclass(frozen=True)
class TemplateCase:
    name: str
    text: str  # a paragraph added to the English template's body
    expect: tuple[str, ...]
    memory: int = MEMORY
    paragraph: bool = True  # whether the message can name the paragraph


MILLION = LIMITS.value_length
TEMPLATE_CASES = [
    # section 3: a user's mistake, never "unexpected"
    TemplateCase(
        "range(100001)",
        "{% for i in range(100001) %}{% endfor %}",
        (f"range() of {LIMITS.range_items + 1:,} numbers", f"up to {LIMITS.range_items:,}"),
    ),
    TemplateCase("division by zero", "{{ current.counts.total / 0 }}", ("divides by zero", "{% if n %}")),
    TemplateCase("remainder by zero", "{{ current.counts.total % 0 }}", ("divides by zero",)),
    TemplateCase("recursive loop", "{% for x in [1] recursive %}{{ loop([1]) }}{% endfor %}", ("calls itself without end",)),
    TemplateCase("recursive macro", "{% macro again() %}{{ again() }}{% endmacro %}{{ again() }}", ("calls itself without end",)),
    TemplateCase(
        "3,000 nested ifs",
        "{% if 1 %}" * 3000 + "deep" + "{% endif %}" * 3000,
        (f"nested {LIMITS.nesting + 1} deep", "split the nested"),
    ),
    TemplateCase(
        "3,000 nested brackets", "{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}", (f"brackets more than {LIMITS.brackets} deep",)
    ),
    TemplateCase("number too long to print", "{{ 9 ** (9 ** 9) }}", ("far too large",)),
    # section 4: bounded time and memory
    TemplateCase('"x" * 10**9', '{{ "x" * 10**9 }}', (f"repeats a text or list to {10**9:,}", f"{MILLION:,} allowed")),
    TemplateCase('["a"] * 100000000', '{{ ["a"] * 100000000 }}', (f"repeats a text or list to {100000000:,}",)),
    TemplateCase(
        '"%0999999999d" % 1', '{{ "%0999999999d" % 1 }}', (f"{999999999:,} characters wide", f"{LIMITS.width:,} allowed")
    ),
    TemplateCase("format width", '{{ "{:>999999999}".format(1) }}', (f"{999999999:,} characters wide",)),
    TemplateCase("format filter, width by *", '{{ "%*d"|format(999999999, 1) }}', (f"{999999999:,} characters wide",)),
    TemplateCase("center filter", '{{ "x"|center(10**9) }}', ("pads text to",)),
    TemplateCase("ljust method", '{{ "x".ljust(10**9) }}', ("pads text to",)),
    TemplateCase("replace method", "{{ 'a'.replace('', 'b' * 900000) }}", ("replaces text to",)),
    TemplateCase("join of repeated text", '{{ (["x" * 999999] * 999999)|join }}', ("joins items to",)),
    TemplateCase("batch filter", '{{ range(10)|batch(10**9, "x")|list }}', ("makes batches of",)),
    TemplateCase(
        "text doubled with ~",
        '{% set ns = namespace(s="x" * 999999) %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}',
        ("makes a text of",),
    ),
    TemplateCase(
        "two nested range(100000)",
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        (f"more than {LIMITS.iterations:,} times",),
    ),
    TemplateCase(
        "rows inside rows inside a long loop",
        "{% for i in range(100000) %}{% for a in current.part1 %}{% for b in current.part2 %}{% endfor %}{% endfor %}{% endfor "
        "%}",
        (f"more than {LIMITS.iterations:,} times",),
    ),
    TemplateCase(
        "lipsum(100000)", "{{ lipsum(100000) }}", ("lipsum(100000", f"limited to {LIMITS.lipsum_paragraphs} paragraphs")
    ),
    TemplateCase(
        "output size",
        '{% for i in range(100000) %}{{ "x" * 999999 }}{% endfor %}',
        (f"more than {LIMITS.output // 2**20:,} million characters",),
    ),
    # within every limit, but more than this process may have (250 MB of text in 700 MB of address space)
    TemplateCase(
        "memory exhausted",
        '{% for i in range(250) %}{{ "x" * 1000000 }}{% endfor %}',
        ("more memory than this computer has",),
        memory=700 * 2**20,
    ),
]


def added_paragraph(template: Path, text: str) -> str:
    """Where the message must point: the added paragraph, as the template's reader numbers it."""
    paragraph = next(p for p in reversed(read_paragraphs(template)) if p.part == "document" and p.text == text)
    return str(paragraph.place(f"{template.parent.name}/{template.name}"))


@pytest.mark.slow
@pytest.mark.parametrize("case", TEMPLATE_CASES, ids=[c.name for c in TEMPLATE_CASES])
def test_hostile_template(case, previous):  # noqa: F811 (the fixture)
    if case.memory != MEMORY and resource is None:
        pytest.skip("needs the process's memory capped (RLIMIT_AS): POSIX only (Windows has no resource module)")
    template = previous / "templates" / "en" / "report.docx"
    add_paragraph(template, case.text)
    place = added_paragraph(template, case.text)
    before = {folder: fingerprint(previous / folder) for folder in ("source_sheets", "templates", "build")}
    problem = assert_user_error(ctpdoc_limited(*build_args(previous), memory=case.memory), *case.expect)
    assert problem.startswith(f"Error: {place}: " if case.paragraph else "Error: en/report.docx"), problem
    assert {folder: fingerprint(previous / folder) for folder in before} == before


@pytest.mark.slow
def test_a_row_loop_error_names_the_row_tag(previous):  # noqa: F811
    template = previous / "templates" / "fr" / "report.docx"
    replace_in_runs(template, "{%tr for row in current.part1 %}", "{%tr for row in range(100001) %}")
    tag = next(p for p in read_paragraphs(template) if "range(100001)" in p.text)
    problem = assert_user_error(ctpdoc_limited(*build_args(previous)), "range() of")
    assert problem.startswith(f"Error: {tag.place('fr/report.docx')}: "), problem


@pytest.mark.slow
def test_a_header_error_names_the_header(previous):  # noqa: F811
    template = previous / "templates" / "en" / "report.docx"
    replace_in_runs(
        template, "{{ doc.short_reference }}", "{{ doc.short_reference }}{{ current.counts.total // 0 }}", where="header"
    )
    tag = next(p for p in read_paragraphs(template) if "// 0" in p.text)
    assert tag.part.startswith("header")
    problem = assert_user_error(ctpdoc_limited(*build_args(previous)), "divides by zero")
    assert problem.startswith(f"Error: {tag.place('en/report.docx')}: "), problem


def bomb_template(template: Path, member: str, size: int) -> None:
    """The template with ``member`` replaced by ``size`` bytes of spaces: a few hundred KB on disk."""
    with zipfile.ZipFile(template) as source:
        parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    with zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            if name != member:
                target.writestr(name, data)
        with target.open(member, "w", force_zip64=True) as part:
            block = b" " * 2**20
            for _ in range(size // 2**20 + 1):
                part.write(block)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("member", "size", "expect"),
    [
        ("word/document.xml", 600 * 2**20, f"over the {MAX_TEMPLATE_XML_PART // 2**20} MB a template part may hold"),
        ("word/media/image9.png", MAX_TEMPLATE_TOTAL + 2**20, f"over the {MAX_TEMPLATE_TOTAL // 2**20} MB limit for a template"),
    ],
    ids=["document.xml unzips to 600 MB", "a picture unzips past the total"],
)
def test_a_template_that_unzips_to_too_much_is_refused_unopened(previous, member, size, expect):  # noqa: F811
    template = previous / "templates" / "en" / "report.docx"
    bomb_template(template, member, size)
    assert template.stat().st_size < size // 100  # small on disk
    output = fingerprint(previous / "build")
    problem = assert_user_error(ctpdoc_limited(*build_args(previous)), expect, "refused as unsafe")
    assert problem.startswith("Error: en/report.docx: "), problem
    assert fingerprint(previous / "build") == output
    checked = ctpdoc_limited("templates", "check", "--templates", str(previous / "templates"))
    assert_user_error(checked, expect)
    dumped = ctpdoc_limited("templates", "dump", str(template))
    assert_user_error(dumped, expect)


def test_the_environment_counts_what_a_whole_render_produces():
    """docxtpl's own render joins a part with ``environment.concat``: counted there too, with its line."""
    env = make_environment(Formats("en", "en_GB"), Limits(output=1000))
    template = env.from_string('first line\n{% for i in range(100) %}{{ "x" * 100 }}{% endfor %}')
    with pytest.raises(TemplateLimit) as caught:
        template.render()
    assert caught.value.template_line == 2


def test_a_recursive_loop_counts_every_level():
    env = make_environment(Formats("en", "en_GB"), Limits(iterations=1000))
    wide = "{% for x in range(10) recursive %}{% if loop.depth < 4 %}{{ loop(range(10)) }}{% endif %}{% endfor %}"
    with pytest.raises(TemplateLimit, match="more than 1,000 times"):
        env.from_string(wide).render()  # 10 + 100 + 1,000 + 10,000 iterations
    shallow = make_environment(Formats("en", "en_GB"), Limits(iterations=1110))
    assert shallow.from_string(wide.replace("< 4", "< 3")).render() == ""  # 10 + 100 + 1,000: exactly the budget


@pytest.mark.slow
def test_the_limits_leave_a_real_report_alone(previous):  # noqa: F811
    """The sample, with what a translator may really write, renders under the limits and the memory bound."""
    tags = (
        '{{ "%05d"|format(current.counts.total) }} {{ "-" * 40 }} {{ lipsum(1) }} {{ range(3)|join(", ") }} {{ '
        '"{:>8}".format(doc.place) }}'
        "{% macro twice(text) %}{{ text }} {{ text }}{% endmacro %}{{ twice(doc.place) }}"
        "{% for row in current.part1 %}{% for other in current.part2 %}{% endfor %}{% endfor %}"
    )
    for lang in ("en", "fr"):
        add_paragraph(previous / "templates" / lang / "report.docx", tags)
    done = ctpdoc_limited(*build_args(previous))
    assert done.returncode == 0, done.stderr
    assert ctpdoc_limited("templates", "check", "--templates", str(previous / "templates")).returncode == 0


# ---------------------------------------------------------------- --timings


@pytest.mark.slow
@pytest.mark.parametrize(
    ("path", "expect"),
    [
        ("no-such-folder/t.json", "the folder {root}/no-such-folder does not exist; create it first"),
        (
            "source_sheets/document.xlsx/t.json",
            "the folder {root}/source_sheets/document.xlsx does not exist",
        ),  # a file, not a folder
    ],
    ids=["missing folder", "a file as the folder"],
)
def test_a_bad_timings_path_fails_before_writing(previous, path, expect):  # noqa: F811
    output = fingerprint(previous / "build")
    done = ctpdoc_limited(*build_args(previous, "--timings", str(previous / path)))
    assert done.returncode == 1, done.stderr
    assert expect.format(root=previous) in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert fingerprint(previous / "build") == output


@pytest.mark.slow
def test_timings_into_the_output_folder_of_a_first_build(sample):
    done = ctpdoc_limited(*build_args(sample, "--timings", str(sample / "build" / "timings.json")))
    assert done.returncode == 0, done.stderr
    assert (sample / "build" / "timings.json").is_file()


# ---------------------------------------------------------------- the word diff of long cells, bounded


def long_text(rng: random.Random, length: int) -> str:
    words = ["".join(rng.choice("abcdefghijklmnop") for _ in range(rng.randint(2, 9))) for _ in range(2000)]
    text = " ".join(rng.choice(words) for _ in range(length // 3))
    return text[:length]


def edited(rng: random.Random, text: str, share: float) -> str:
    return " ".join(w if rng.random() > share else w[::-1] for w in text.split(" "))[: len(text)]


class RecordingMatcher(difflib.SequenceMatcher):
    work: list[int] = []

    def __init__(self, isjunk, a, b, autojunk=True):
        RecordingMatcher.work.append(len(a) * len(b))
        super().__init__(isjunk, a, b, autojunk)


@pytest.mark.slow
def test_the_word_diff_of_two_32767_character_cells_is_bounded():
    """Past ``MAX_WORK`` token pairs difflib never sees the whole texts: its cost (the product of the
    lengths, 8 s for such a pair) is bounded, and the diff is still exact."""
    rng = random.Random(14)
    old = long_text(rng, 32767)
    middle = old.index(" ", len(old) // 2)
    for new in (edited(rng, old, 0.3), long_text(rng, 32767), old[:middle] + " a sentence added here" + old[middle:]):
        RecordingMatcher.work.clear()
        with mock.patch.object(ctpdoc.changes.worddiff.difflib, "SequenceMatcher", RecordingMatcher):
            segments = diff_words(old, new)
        assert max(RecordingMatcher.work, default=0) <= ctpdoc.changes.worddiff.MAX_WORK
        assert "".join(s.text for s in segments if s.op is not Op.DELETE) == new
        assert "".join(s.text for s in segments if s.op is not Op.INSERT) == old
    # the long texts around one added sentence: still that sentence alone, not the whole cell replaced
    assert [s.op for s in segments] == [Op.EQUAL, Op.INSERT, Op.EQUAL]
    assert segments[1].text.strip() == "a sentence added here"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b", "c", "d", " ", ".", "ee"]), max_size=60),
    st.lists(st.sampled_from(["a", "b", "c", "x", " ", ","]), max_size=60),
)
def test_the_bounded_alignment_is_an_exact_diff(old, new):
    """With the fallback forced on every text, joining the segments still gives both texts."""
    a, b = "".join(old), "".join(new)
    with mock.patch.object(ctpdoc.changes.worddiff, "MAX_WORK", 4):
        segments = diff_words(a, b)
    assert "".join(s.text for s in segments if s.op is not Op.DELETE) == b
    assert "".join(s.text for s in segments if s.op is not Op.INSERT) == a


@pytest.mark.slow
def test_changes_and_build_with_long_changed_cells(tmp_path):
    """The whole path (reader, diff, listing, rendering) with 32,767-character cells changed."""
    rng = random.Random(7)
    texts = [(long_text(rng, 32767), long_text(rng, 32767)) for _ in range(4)]
    baseline1 = [part1_row(f"1.{i + 1}", progress=pair) for i, pair in enumerate(texts)]
    current1 = [
        part1_row(f"1.{i + 1}", progress=(edited(rng, en, 0.2), edited(rng, fr, 0.2))) for i, (en, fr) in enumerate(texts)
    ]
    write_sources(tmp_path / "src", part1=current1, baseline1=baseline1, part2=[part2_row("2.1")])
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    listing = ctpdoc_limited("changes", "--sources", str(tmp_path / "src"))
    assert listing.returncode == 0, listing.stderr
    assert listing.stdout.count("  progress: ") == len(texts)
    built = ctpdoc_limited(
        "build", "--sources", str(tmp_path / "src"), "--templates", str(tmp_path / "templates"), "--out", str(tmp_path / "out")
    )
    assert built.returncode == 0, built.stderr


# ---------------------------------------------------------------- interruptions and concurrency


def documents(folder: Path, page: bool = False) -> dict[str, bytes]:
    """The documents in ``folder``; with ``page``, the review page written with them too."""
    return {p.name: p.read_bytes() for p in sorted([*folder.glob("*.docx"), *(folder.glob("*.html") if page else ())])}


def leftovers(folder: Path) -> list[str]:
    """Temporary files inside the output folder, staging folders beside it."""
    inside = [p.name for p in folder.glob(".*.tmp")] if folder.exists() else []
    beside = [p.name for p in folder.parent.glob(f".{folder.name}.ctpdoc-*")]
    return inside + beside


@pytest.mark.slow
@POSIX
def test_a_build_while_another_writes_says_so(previous):  # noqa: F811
    out = previous / "build"
    output = fingerprint(out)
    holder = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(holder, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a build in its writing step holds it
        done = ctpdoc_limited(*build_args(previous))
    finally:
        os.close(holder)
    assert done.returncode == 1, done.stderr
    assert f"another build is writing to {out}/" in done.stderr
    assert "Traceback" not in done.stderr
    assert fingerprint(out) == output
    assert leftovers(out) == []


@pytest.mark.slow
def test_two_builds_at_once_never_clash(previous):  # noqa: F811
    out = previous / "build"
    expected = documents(out)
    for _ in range(3):
        command = [sys.executable, "-m", "ctpdoc", *build_args(previous)]
        both = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
        for process in both:
            _, err = process.communicate(timeout=60)
            assert process.returncode == 0 or (process.returncode == 1 and "another build is writing to" in err), err
            assert "Traceback" not in err
        assert documents(out) == expected
        assert leftovers(out) == []


# Runs a build whose writing pauses at each step, reporting it on stdout; a line on stdin lets it go on.
PAUSING_BUILD = """
import sys
import ctpdoc.package.writer as output

def pause(step):
    print(step, flush=True)
    sys.stdin.readline()  # the test says when to go on, or kills the build here

real_write, real_exchange = output.write_file, output.exchange

def write_file(path, data):
    real_write(path, data)
    pause("wrote " + path.name)

def exchange(first, second):
    done = real_exchange(first, second)
    pause("exchanged")
    return done

output.write_file = write_file
output.exchange = exchange
sys.argv[0] = "ctpdoc"
from ctpdoc.cli.main import main
main()
"""


def killed_at(step: int, sample: Path, *extra: str) -> str:
    """Start a pausing build, kill -9 it at its ``step``-th pause; gives the step's name."""
    process = subprocess.Popen(
        # --jobs 1: no worker process, which would outlive the kill holding the pipes (the lead removes them)
        [sys.executable, "-c", PAUSING_BUILD, *build_args(sample, "--jobs", "1"), *extra],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout is not None and process.stdin is not None
    for passed in range(step):
        if passed:
            process.stdin.write("go on\n")
            process.stdin.flush()
        name = process.stdout.readline().strip()
        assert name, process.communicate(timeout=60)[1]
    process.kill()  # SIGKILL; TerminateProcess on Windows
    process.communicate(timeout=60)
    return name


def new_inputs(sample: Path) -> None:
    from tests.helpers.oracle import set_statuses

    set_statuses(sample / "source_sheets" / "wp-2022-2025.xlsx", {"1.2": "pending"})


@pytest.mark.slow
@pytest.mark.skipif(
    not sys.platform.startswith("linux"),
    reason="the folder swap (renameat2) is Linux's; elsewhere the documents are renamed one by one (docs/safety.md)",
)
def test_kill_9_at_any_step_of_writing_leaves_old_or_new_never_a_mix(runner, sample):
    assert invoke(runner, sample).exit_code == 0
    out = sample / "build"
    old = documents(out, page=True)
    new_inputs(sample)
    steps = len(old) + 1  # each document and the review page written into the staging folder, then the exchange
    seen = []
    for step in range(1, steps + 1):
        shutil.rmtree(out)
        out.mkdir()
        for name, data in old.items():
            (out / name).write_bytes(data)
        seen.append(killed_at(step, sample))
        now = documents(out, page=True)
        assert sorted(now) == sorted(old)
        changed = {name for name in now if now[name] != old[name]}
        assert changed in (set(), set(old)), f"killed after {seen[-1]}: a mix of old and new documents: {sorted(changed)}"
        if seen[-1] == "exchanged":
            assert changed == set(old)
    assert seen[-1] == "exchanged"
    assert invoke(runner, sample).exit_code == 0
    assert leftovers(out) == []


@pytest.mark.slow
def test_leftovers_of_a_killed_build_are_removed_by_the_next(runner, sample):
    assert invoke(runner, sample).exit_code == 0
    out = sample / "build"
    killed_at(1, sample)
    assert leftovers(out)  # the staging folder of the killed build
    assert invoke(runner, sample).exit_code == 0
    assert leftovers(out) == []


@pytest.mark.slow
def test_other_files_of_the_output_folder_are_kept(runner, previous):  # noqa: F811
    out = previous / "build"
    (out / ".report").write_bytes(b"")  # make's stamp
    (out / "notes.txt").write_text("kept")
    os.symlink("notes.txt", out / "link.txt")
    assert invoke(runner, previous).exit_code == 0
    assert (
        (out / "notes.txt").read_text() == "kept" and (out / ".report").exists() and os.readlink(out / "link.txt") == "notes.txt"
    )


@pytest.mark.slow
def test_a_symlinked_output_folder_stays_a_link(runner, previous):  # noqa: F811
    real = previous / "elsewhere"
    shutil.move(previous / "build", real)
    os.symlink(real, previous / "build")
    assert invoke(runner, previous).exit_code == 0
    assert (previous / "build").is_symlink() and os.readlink(previous / "build") == str(real)
    assert documents(real) and leftovers(real) == []


@pytest.mark.slow
@pytest.mark.parametrize("how", ["exchange unavailable", "output folder holds a subfolder"])
def test_where_the_folders_cannot_be_swapped_files_are_renamed(runner, previous, monkeypatch, how):  # noqa: F811
    out = previous / "build"
    expected = documents(out)
    for name in expected:
        (out / name).write_bytes(b"old")
    if how == "exchange unavailable":
        monkeypatch.setattr(ctpdoc.package.writer, "exchange", lambda first, second: False)
    else:
        (out / "pdf").mkdir()
    inode = out.stat().st_ino
    assert invoke(runner, previous).exit_code == 0
    assert documents(out) == expected
    assert out.stat().st_ino == inode and leftovers(out) == []


@pytest.mark.slow
@POSIX
@pytest.mark.parametrize("one_by_one", [False, True], ids=["swapped folder", "renamed one by one"])
def test_a_file_size_limit_leaves_nothing_behind(previous, one_by_one):  # noqa: F811
    out = previous / "build"
    if one_by_one:
        (out / "pdf").mkdir()
    output = fingerprint(out)
    smallest = min(len(data) for data in documents(out).values())
    done = ctpdoc_limited(*build_args(previous), file_size=smallest // 2)
    assert done.returncode == 1, done.stderr
    assert f"{out}: cannot write the documents (File too large); nothing was changed there" in done.stderr
    assert "Traceback" not in done.stderr
    assert fingerprint(out) == output
    assert leftovers(out) == []


@pytest.mark.slow
@pytest.mark.parametrize("one_by_one", [False, True], ids=["swapped folder", "renamed one by one"])
def test_a_full_disk_leaves_nothing_behind(runner, previous, monkeypatch, one_by_one):  # noqa: F811
    out = previous / "build"
    if one_by_one:
        monkeypatch.setattr(ctpdoc.package.writer, "exchange", lambda first, second: False)
    output = fingerprint(out)
    written: list[Path] = []
    real = ctpdoc.package.writer.write_file

    def disk_fills(path: Path, data: bytes) -> None:
        if written:
            path.write_bytes(data[: len(data) // 2])  # the disk fills half-way through the second document
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        written.append(path)
        real(path, data)

    monkeypatch.setattr(ctpdoc.package.writer, "write_file", disk_fills)
    result = invoke(runner, previous)
    assert result.exit_code == 1
    assert f"{out}: cannot write the documents (No space left on device); nothing was changed there" in result.output
    assert fingerprint(out) == output
    assert leftovers(out) == []
