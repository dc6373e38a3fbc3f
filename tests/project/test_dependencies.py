"""ctpdoc declares what it uses: every library it imports is a dependency in pyproject.toml, and the Jinja
internals the template sandbox builds on are there, in the minor series pyproject.toml pins."""

from __future__ import annotations

import ast
import inspect
import re
import sys
import tomllib
from importlib.metadata import packages_distributions, version

import jinja2
import pytest
from jinja2 import nodes
from packaging.specifiers import SpecifierSet

from ctpdoc.document.formats import Formats
from ctpdoc.document.limits import Limits, TemplateLimit
from ctpdoc.document.sandbox import make_environment
from tests.helpers.repo import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement(spec: str) -> tuple[str, str]:
    """``"Jinja2>=3.1,<3.2"`` → ``("jinja2", ">=3.1,<3.2")`` (no extras or markers are used here)."""
    found = re.fullmatch(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*([^;\[]*)", spec)
    assert found, f"pyproject.toml: {spec!r} is not a plain requirement"
    return canonical(found[1]), found[2].strip()


def declared() -> dict[str, str]:
    return dict(requirement(spec) for spec in PROJECT["dependencies"])


def imported() -> dict[str, set[str]]:
    """Every top-level module ctpdoc's sources import (under TYPE_CHECKING too), and the files that do."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / "ctpdoc").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], set()).add(path.relative_to(ROOT).as_posix())
    return found


def undeclared(modules: dict[str, set[str]], dependencies: set[str]) -> list[str]:
    provided = packages_distributions()
    untrue = []
    for module, where in sorted(modules.items()):
        if module in sys.stdlib_module_names or module == "ctpdoc":
            continue
        distributions = {canonical(d) for d in provided.get(module, [])}
        if not distributions & dependencies:
            given = ", ".join(sorted(distributions)) or "no installed distribution"
            untrue.append(
                f"{module} (imported by {', '.join(sorted(where))}; given by {given}) is not in pyproject.toml's dependencies"
            )
    return untrue


@pytest.mark.slow
def test_every_library_ctpdoc_imports_is_a_declared_dependency():
    modules = imported()
    assert {"openpyxl", "docx", "jinja2", "markupsafe"} <= set(modules), "the walk over the imports found them"
    assert not undeclared(modules, set(declared())), "\n".join(undeclared(modules, set(declared())))


def test_the_check_sees_a_library_imported_but_not_declared():
    dependencies = set(declared()) - {"markupsafe"}
    assert undeclared({"markupsafe": {"ctpdoc/review/page.py"}, "os": {"x.py"}}, dependencies) == [
        "markupsafe (imported by ctpdoc/review/page.py; given by markupsafe) is not in pyproject.toml's dependencies"
    ]
    assert "docx (imported by" in undeclared({"docx": {"x.py"}}, dependencies - {"python-docx"})[0], (
        "an import name is not its distribution's"
    )


def test_every_lower_bound_is_in_the_oldest_constraints():
    """make test-oldest installs constraints/oldest.txt: each dependency's lower bound, exactly."""
    pinned = {}
    for line in (ROOT / "constraints" / "oldest.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, pin = line.partition("==")
            pinned[canonical(name)] = pin.strip()
    for name, spec in declared().items():
        lower = re.search(r">=\s*([\w.]+)", spec)
        assert lower, f"{name} has no lower bound in pyproject.toml"
        assert name in pinned, f"{name} is missing from constraints/oldest.txt"
        assert tuple(map(int, pinned[name].split("."))) == tuple(map(int, lower[1].split("."))) + (0,) * (
            pinned[name].count(".") - lower[1].count(".")
        ), name


# The template sandbox (ctpdoc/document/sandbox.py) extends what Jinja does not document as an extension point:
# its code generator's visit_For and visit_Concat, the environment's concat, and the generator Template.generate
# yields from (whose frame gives the template line). pyproject.toml pins Jinja's minor series for that; these tests
# say which internal changed when a new series comes.


def test_jinja_is_pinned_to_the_minor_series_it_is_tested_with():
    spec = SpecifierSet(declared()["jinja2"])
    assert "3.1.99" in spec and "3.2.0" not in spec, "pin Jinja2 to one minor series (>=3.1,<3.2): the sandbox uses its internals"
    assert version("Jinja2") in spec


def test_the_code_generator_hooks_the_sandbox_overrides_are_there():
    from jinja2.compiler import CodeGenerator, Frame

    for method in ("visit_For", "visit_Concat"):
        assert list(inspect.signature(getattr(CodeGenerator, method)).parameters) == ["self", "node", "frame"], method
    assert inspect.isclass(Frame)
    assert nodes.Call.fields == ("node", "args", "kwargs", "dyn_args", "dyn_kwargs")
    assert nodes.EnvironmentAttribute.fields == ("name",)
    assert jinja2.Environment.code_generator_class is CodeGenerator and jinja2.Environment.template_class is jinja2.Template


def test_every_loop_is_counted_through_the_code_generator():
    env = make_environment(Formats("en", "en_GB"), Limits(iterations=10))
    with pytest.raises(TemplateLimit, match="more than 10 times"):
        env.from_string("{% for i in range(5) %}{% for j in range(5) %}{% endfor %}{% endfor %}").render()


def test_every_joined_text_is_checked_through_the_code_generator():
    env = make_environment(Formats("en", "en_GB"), Limits(value_length=10))
    with pytest.raises(TemplateLimit, match="a text of 12 characters"):
        env.from_string("{{ a ~ b }}").render(a="abcdef", b="ghijkl")


def test_the_compiled_code_joins_through_environment_concat():
    code = jinja2.Environment().compile("{% macro m() %}x{% endmacro %}{% set s %}{{ m() }}{% endset %}", raw=True)
    assert "concat = environment.concat" in code and "concat(" in code.split("concat = environment.concat", 1)[1]
    env = make_environment(Formats("en", "en_GB"), Limits(output=5))
    with pytest.raises(TemplateLimit):
        env.from_string("{% set s %}{% for i in range(3) %}xx{% endfor %}{% endset %}").render()


def test_generate_yields_from_the_render_function_whose_frame_gives_the_line():
    template = jinja2.Environment().from_string("one\n{{ a }}\n{% for i in b %}{{ i }}{% endfor %}")
    pieces = template.generate(a="two", b=[1, 2])
    lines = []
    for piece in pieces:
        render = pieces.gi_yieldfrom  # type: ignore[attr-defined]
        assert inspect.isgenerator(render)
        lines.append((piece, template.get_corresponding_lineno(render.gi_frame.f_lineno)))
    assert lines == [("one\n", 1), ("two", 2), ("\n", 2), ("1", 3), ("2", 3)]
