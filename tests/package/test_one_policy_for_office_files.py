"""One policy for every Office package ctpdoc opens (ctpdoc/package/ooxml.py), seen from each reader."""

import shutil
import zipfile

import pytest
from click.testing import CliRunner
from lxml import etree

from ctpdoc.cli.main import cli
from ctpdoc.package.ooxml import UnsafeXml, parse_xml
from tests.helpers.repo import SAMPLE_TEMPLATES

BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
    b'<w:document xmlns:w="x">&b;</w:document>'
)


def test_a_part_declaring_entities_is_refused_unparsed():
    with pytest.raises(UnsafeXml, match=r'word/document.xml declares XML entities \(an "XML bomb"\)'):
        parse_xml(BOMB, "word/document.xml")


def test_a_well_formed_part_parses_and_a_broken_one_says_so():
    assert etree.QName(parse_xml(b"<a><b/></a>", "x.xml")[0]).localname == "b"
    with pytest.raises(etree.XMLSyntaxError):
        parse_xml(b"<a><b></a>", "x.xml")


def test_a_template_whose_body_declares_entities_is_refused_in_one_line(tmp_path):
    """The template checks read through the same policy as the Word reader: one line, exit 1, no traceback."""
    templates = tmp_path / "templates"
    shutil.copytree(SAMPLE_TEMPLATES, templates)
    path = templates / "fr" / "report.docx"
    with zipfile.ZipFile(SAMPLE_TEMPLATES / "fr" / "report.docx") as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            target.writestr(item, BOMB if item.filename == "word/document.xml" else source.read(item))
    result = CliRunner().invoke(cli, ["templates", "check", "--templates", str(templates)])
    assert result.exit_code == 1
    assert (
        'fr/report.docx: cannot be opened as a Word document (word/document.xml declares XML entities (an "XML bomb")'
        in result.output
    )
