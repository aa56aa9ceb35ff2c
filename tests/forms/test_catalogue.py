from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from kiosk.forms.catalogue import UnknownFormError, load_catalogue
from kiosk.forms.loader import FormDefinitionError, load_definition, parse_file
from kiosk.forms.schema import FORMS_DIR, SCHEMA_PATH

EXPECTED_FORMS = {
    "CT01",
    "birth_registration",
    "death_registration",
    "marriage_registration",
    "judicial_record",
    "TK1-TS",
    "funeral_allowance",
}

MINIMAL = """\
id: X1
kind: form
version: "1"
title: {vi: "Tờ khai thử", en: Test}
legal_basis: "none"
effective_from: "2025-01-01"
roles:
  - {id: applicant, label: {vi: Người, en: Person}}
fields:
  - {id: name, type: name, bind: applicant.full_name, label: {vi: Tên, en: Name}}
  - {id: phone, type: phone, label: {vi: ĐT, en: Phone}}
layout:
  - {field: name}
"""


def test_catalogue_has_all_forms_and_bundles(catalogue) -> None:
    assert {f.id for f in catalogue.forms} >= EXPECTED_FORMS
    assert {b.id for b in catalogue.bundles} == {"bundle_birth_child_under6", "bundle_death"}
    for b in catalogue.bundles:
        assert len(b.forms) == 3
        for bf in b.forms:
            catalogue.get(bf.form)


def test_every_file_passes_the_published_schema() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    files = sorted(FORMS_DIR.glob("*.yaml"))
    assert len(files) >= 9
    for p in files:
        data, _ = parse_file(p)
        jsonschema.validate(data, schema)


def test_unknown_form_is_a_clear_error(catalogue) -> None:
    with pytest.raises(UnknownFormError, match=r"There is no form 'NOPE'; choose one of: .*CT01"):
        catalogue.get("NOPE")


def test_search_ignores_diacritics_and_puts_essential_first(catalogue) -> None:
    hits = catalogue.search("khai sinh")
    ids = [h.id for h in hits]
    assert "birth_registration" in ids and "bundle_birth_child_under6" in ids
    assert [h.id for h in catalogue.search("KET HON")] == ["marriage_registration"]
    assert catalogue.search("mai tang")[-1].id == "funeral_allowance"  # not essential: last


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "x1.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_minimal_definition_loads(tmp_path: Path) -> None:
    form = load_definition(_write(tmp_path, MINIMAL))
    assert form.id == "X1" and form.field("name").bind == ("applicant.full_name",)


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "problem"),
    [
        (
            "bind: applicant.full_name",
            "bind: mother.full_name",
            10,
            "fields[0] (name).bind",
            "'mother' is not a role of this form",
        ),
        (
            "bind: applicant.full_name",
            "bind: applicant.shoe_size",
            10,
            "fields[0] (name).bind",
            "'shoe_size' is not a citizen field",
        ),
        ("type: phone", "type: telephone", 11, "fields[1] (phone).type", "'telephone' is not one of"),
        (
            "{id: phone, type: phone,",
            "{id: phone, type: phone, colour: red,",
            11,
            "fields[1] (phone)",
            "unknown key ('colour' was unexpected)",
        ),
        ("- {field: name}", "- {field: nmae}", 13, "layout[0].field", "'nmae' is not a field of this form"),
        (
            'effective_from: "2025-01-01"',
            'effective_from: "2025-02-30"',
            6,
            "effective_from",
            "not a real calendar date",
        ),
        (
            "{id: phone, type: phone,",
            "{id: name, type: phone,",
            11,
            "fields[1] (name).id",
            "duplicate field id 'name'",
        ),
        ('version: "1"\n', "", 1, "(top)", "'version' is a required property"),
        ("- {field: name}", '- {field: name, label: "<b>Tên"}', 13, "layout[0].label", "unbalanced markup"),
        (
            "- {field: name}",
            '- {text: "<img/> x"}',
            13,
            "layout[0].text",
            "markup tag <img> is not allowed",
        ),
    ],
)
def test_schema_errors_name_file_line_and_field(tmp_path: Path, old, new, line, field, problem) -> None:
    assert old in MINIMAL
    p = _write(tmp_path, MINIMAL.replace(old, new, 1))
    with pytest.raises(FormDefinitionError) as ei:
        load_definition(p)
    err = ei.value
    assert (err.file, err.line, err.field) == (str(p), line, field)
    assert problem in err.problem
    assert str(err).startswith(f"{p}:{line}: field '{field}': ")


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    p = _write(tmp_path, MINIMAL.replace("layout:\n", "layout:\n  - [unclosed\n"))
    with pytest.raises(FormDefinitionError) as ei:
        load_definition(p)
    assert ei.value.line >= 13 and ei.value.field == "(syntax)"


def test_duplicate_key_is_reported(tmp_path: Path) -> None:
    p = _write(tmp_path, MINIMAL.replace('version: "1"\n', 'version: "1"\nversion: "2"\n'))
    with pytest.raises(FormDefinitionError) as ei:
        load_definition(p)
    assert (ei.value.line, ei.value.field, ei.value.problem) == (4, "version", "duplicate key")


def test_bundle_referring_to_a_missing_form_fails(tmp_path: Path) -> None:
    (tmp_path / "x1.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(
        "id: b\nkind: bundle\nversion: '1'\ntitle: {vi: B, en: B}\nlegal_basis: x\n"
        "roles: [{id: applicant, label: {vi: A, en: A}}]\n"
        "forms:\n  - form: X1\n  - form: GHOST\n",
        encoding="utf-8",
    )
    with pytest.raises(FormDefinitionError) as ei:
        load_catalogue(tmp_path)
    assert ei.value.line == 9 and "GHOST" in str(ei.value)


def test_newest_version_in_force_is_chosen(tmp_path: Path) -> None:
    from datetime import date

    (tmp_path / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(
        MINIMAL.replace('version: "1"', 'version: "2"').replace('"2025-01-01"', '"2026-01-01"'),
        encoding="utf-8",
    )
    cat = load_catalogue(tmp_path)
    assert cat.get("X1", date(2025, 6, 1)).version == "1"
    assert cat.get("X1", date(2026, 6, 1)).version == "2"
    assert len(cat.current_forms(date(2026, 6, 1))) == 1


def test_essential_services_link_to_the_catalogue(catalogue) -> None:
    from kiosk.forms.catalogue import essential_services

    services = essential_services()
    assert [s.number for s in services] == list(range(1, 26))
    ids = {f.id for f in catalogue.forms} | {b.id for b in catalogue.bundles}
    for s in services:
        assert set(s.forms) <= ids, s
    linked = {fid for s in services for fid in s.forms}
    assert {"CT01", "birth_registration", "bundle_death", "bundle_birth_child_under6", "TK1-TS"} <= linked
