"""The catalogue: every form and linked bundle found in a directory of definition files."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kiosk.errors import KioskError
from kiosk.forms.loader import FormDefinitionError, load_definition
from kiosk.forms.schema import FORMS_DIR, BundleDef, FormDef
from kiosk.privacy import fold


class UnknownFormError(KioskError):
    exit_code = 2


@dataclass
class Catalogue:
    forms: list[FormDef] = field(default_factory=list)
    bundles: list[BundleDef] = field(default_factory=list)

    def get(self, form_id: str, on: date | None = None) -> FormDef:
        """The version of ``form_id`` in force on ``on`` (today by default), else the newest."""
        versions = [f for f in self.forms if f.id == form_id]
        if not versions:
            known = ", ".join(sorted({f.id for f in self.forms}))
            raise UnknownFormError(f"There is no form '{form_id}'; choose one of: {known}.")
        on = on or date.today()
        current = [f for f in versions if f.in_force(on)]
        return max(current or versions, key=lambda f: f.effective_from)

    def get_bundle(self, bundle_id: str) -> BundleDef:
        for b in self.bundles:
            if b.id == bundle_id:
                return b
        known = ", ".join(b.id for b in self.bundles)
        raise UnknownFormError(f"There is no bundle '{bundle_id}'; choose one of: {known}.")

    def current_forms(self, on: date | None = None) -> list[FormDef]:
        """One entry per form id: the version in force (or the newest)."""
        return [self.get(fid, on) for fid in dict.fromkeys(f.id for f in self.forms)]

    def search(self, query: str, on: date | None = None) -> list[FormDef | BundleDef]:
        """Essential services first, then the rest; matching ignores case and diacritics."""
        q = fold(query.strip())
        items: list[FormDef | BundleDef] = [*self.bundles, *self.current_forms(on)]
        hits = []
        for item in items:
            service = item.service if isinstance(item, FormDef) and item.service else item.title
            hay = fold(
                " ".join([item.id, item.title.vi, item.title.en, service.vi, service.en, *item.keywords])
            )
            if all(word in hay for word in q.split()):
                hits.append(item)
        return sorted(hits, key=lambda i: (not i.essential, isinstance(i, FormDef), fold(i.title.vi)))


@dataclass(frozen=True)
class EssentialService:
    """One of the 25 essential services; ``forms`` are catalogue ids (empty: no form yet)."""

    number: int
    vi: str
    en: str
    forms: tuple[str, ...]


def essential_services(path: Path | None = None) -> list[EssentialService]:
    """The 25 essential services of Đề án 06 (``assets/forms/essential_services.json``)."""
    p = path or FORMS_DIR / "essential_services.json"
    try:
        raw = json.loads(p.read_text(encoding="utf-8"))
        return [
            EssentialService(int(s["n"]), s["vi"], s["en"], tuple(s.get("forms", [])))
            for s in raw["services"]
        ]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise FormDefinitionError(p, 1, "services", f"cannot be read ({exc.__class__.__name__})") from exc


_CACHE: dict[Path, tuple[tuple[tuple[str, int], ...], Catalogue]] = {}


def load_catalogue(path: Path | None = None) -> Catalogue:
    """Load every ``*.yaml`` under ``path`` (default ``assets/forms``); cached until a file changes."""
    directory = Path(path) if path else FORMS_DIR
    files = sorted(p for p in directory.glob("*.yaml") if p.is_file())
    stamp = tuple((str(p), p.stat().st_mtime_ns) for p in files)
    cached = _CACHE.get(directory)
    if cached and cached[0] == stamp:
        return cached[1]
    cat = Catalogue()
    for p in files:
        d = load_definition(p)
        if isinstance(d, FormDef):
            if any(f.id == d.id and f.version == d.version for f in cat.forms):
                raise FormDefinitionError(p, 1, "id", f"form '{d.id}' version '{d.version}' is defined twice")
            cat.forms.append(d)
        else:
            cat.bundles.append(d)
    for b in cat.bundles:
        _check_bundle(cat, b)
    _CACHE[directory] = (stamp, cat)
    return cat


def _check_bundle(cat: Catalogue, b: BundleDef) -> None:
    src = b.source or Path("?")
    for i, bf in enumerate(b.forms):
        try:
            form = cat.get(bf.form)
        except UnknownFormError as exc:
            raise FormDefinitionError(
                src, bf.line, f"forms[{i}].form", f"'{bf.form}' is not a form in the catalogue"
            ) from exc
        role_ids = {r.id for r in form.roles}
        for form_role in bf.roles:
            base = form_role.split("[", 1)[0]
            if base not in role_ids:
                raise FormDefinitionError(
                    src,
                    bf.line,
                    f"forms[{i}] ({bf.form}).roles.{form_role}",
                    f"'{base}' is not a role of form {form.id}",
                )
        for form_field in bf.fields:
            group_key = form_field.split("[", 1)[0]
            if form_field not in form.field_ids and group_key not in {g.id for g in form.groups}:
                raise FormDefinitionError(
                    src,
                    bf.line,
                    f"forms[{i}] ({bf.form}).fields.{form_field}",
                    f"'{form_field}' is not a field of form {form.id}",
                )
