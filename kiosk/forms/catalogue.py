"""The catalogue: every form and linked bundle found in a directory of definition files.

A province updates forms without a new release by dropping definition files into the
profile's ``forms`` folder (:func:`profile_forms_dir`): each one adds a form or replaces the
installed one with the same id and version (a bundle: the same id). A bad file there is
reported (file, line, field) in :attr:`Catalogue.issues` and the log, and skipped; it never
stops the installed catalogue from loading.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kiosk.errors import KioskError
from kiosk.forms.loader import FormDefinitionError, load_definition
from kiosk.forms.schema import FORMS_DIR, BundleDef, BundleFormDef, FormDef
from kiosk.privacy import fold

log = logging.getLogger(__name__)


class UnknownFormError(KioskError):
    exit_code = 2


class FormNotInForceError(UnknownFormError):
    """Every version of a form has expired or is not in force yet on the day asked for."""


@dataclass(frozen=True)
class CatalogueIssue:
    """A definition file of the profile's override folder that was skipped, and why."""

    file: str
    line: int
    field: str
    problem: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: field '{self.field}': {self.problem}"

    @classmethod
    def of(cls, err: FormDefinitionError) -> CatalogueIssue:
        return cls(err.file, err.line, err.field, err.problem)


def profile_forms_dir(profile_root: Path | str) -> Path:
    """The folder of a profile where a province puts updated or additional form files."""
    return Path(profile_root) / "forms"


@dataclass
class Catalogue:
    forms: list[FormDef] = field(default_factory=list)
    bundles: list[BundleDef] = field(default_factory=list)
    issues: list[CatalogueIssue] = field(default_factory=list)  # override files that were skipped

    def get(self, form_id: str, on: date | None = None) -> FormDef:
        """The version of ``form_id`` in force on ``on`` (today by default).

        A form with no version in force that day is refused: printing an expired (or not yet
        valid) form would give the citizen a dossier the agency may reject.
        """
        versions = [f for f in self.forms if f.id == form_id]
        if not versions:
            known = ", ".join(sorted({f.id for f in self.forms}))
            raise UnknownFormError(f"There is no form '{form_id}'; choose one of: {known}.")
        on = on or date.today()
        current = [f for f in versions if f.in_force(on)]
        if not current:
            spans = "; ".join(
                f"version {f.version} from {f.effective_from:%d/%m/%Y}"
                + (f" to {f.effective_to:%d/%m/%Y}" if f.effective_to else " with no end date")
                for f in sorted(versions, key=lambda f: f.effective_from)
            )
            raise FormNotInForceError(
                f"No version of form '{form_id}' is in force on {on:%d/%m/%Y}: {spans}."
            )
        return max(current, key=lambda f: f.effective_from)

    def get_bundle(self, bundle_id: str) -> BundleDef:
        for b in self.bundles:
            if b.id == bundle_id:
                return b
        known = ", ".join(b.id for b in self.bundles)
        raise UnknownFormError(f"There is no bundle '{bundle_id}'; choose one of: {known}.")

    def current_forms(self, on: date | None = None) -> list[FormDef]:
        """One entry per form id in force on ``on`` (forms with no version in force are left out)."""
        on = on or date.today()
        ids = dict.fromkeys(f.id for f in self.forms if f.in_force(on))
        return [self.get(fid, on) for fid in ids]

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
_MERGED: dict[tuple[Path, Path], tuple[tuple[tuple[str, int], ...], Catalogue]] = {}


def _stamp(files: list[Path]) -> tuple[tuple[str, int], ...]:
    return tuple((str(p), p.stat().st_mtime_ns) for p in files)


def _yaml_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.yaml") if p.is_file())


def load_catalogue(path: Path | None = None, *, overrides: Path | None = None) -> Catalogue:
    """Load every ``*.yaml`` under ``path`` (default ``assets/forms``); cached until a file changes.

    ``overrides`` (usually :func:`profile_forms_dir` of the profile) adds or replaces forms by
    id + version and bundles by id; its bad files end up in ``issues``, never in an exception.
    """
    directory = Path(path) if path else FORMS_DIR
    files = _yaml_files(directory)
    stamp = _stamp(files)
    cached = _CACHE.get(directory)
    if cached and cached[0] == stamp:
        base = cached[1]
    else:
        base = Catalogue()
        for p in files:
            d = load_definition(p)
            if isinstance(d, FormDef):
                if any(f.id == d.id and f.version == d.version for f in base.forms):
                    raise FormDefinitionError(
                        p, 1, "id", f"form '{d.id}' version '{d.version}' is defined twice"
                    )
                base.forms.append(d)
            else:
                base.bundles.append(d)
        for b in base.bundles:
            _check_bundle(base, b)
        _CACHE[directory] = (stamp, base)
    if overrides is None or not Path(overrides).is_dir():
        return base
    odir = Path(overrides)
    ofiles = _yaml_files(odir)
    key = (directory, odir)
    ostamp = stamp + _stamp(ofiles)
    merged_cached = _MERGED.get(key)
    if merged_cached and merged_cached[0] == ostamp:
        return merged_cached[1]
    merged = _merge(base, ofiles)
    for issue in merged.issues:
        # File, line and field only: definition files hold no personal data.
        log.warning("form definition skipped: %s", issue)
    _MERGED[key] = (ostamp, merged)
    return merged


def _merge(base: Catalogue, files: list[Path]) -> Catalogue:
    cat = Catalogue(forms=list(base.forms), bundles=list(base.bundles))
    own_forms: list[FormDef] = []
    own_bundles: list[BundleDef] = []
    for p in files:
        try:
            d = load_definition(p)
        except FormDefinitionError as exc:
            cat.issues.append(CatalogueIssue.of(exc))
            continue
        if isinstance(d, FormDef):
            if any(f.id == d.id and f.version == d.version for f in own_forms):
                cat.issues.append(
                    CatalogueIssue(str(p), 1, "id", f"form '{d.id}' version '{d.version}' is defined twice")
                )
                continue
            own_forms.append(d)
        else:
            if any(b.id == d.id for b in own_bundles):
                cat.issues.append(CatalogueIssue(str(p), 1, "id", f"bundle '{d.id}' is defined twice"))
                continue
            own_bundles.append(d)
    for d in own_forms:
        cat.forms = [f for f in cat.forms if (f.id, f.version) != (d.id, d.version)] + [d]
    for b in own_bundles:
        cat.bundles = [x for x in cat.bundles if x.id != b.id] + [b]
    # A bundle must still fit its forms; an override that breaks one is dropped and the
    # installed definition restored, until every bundle checks out.
    changed = True
    while changed:
        changed = False
        for b in cat.bundles:
            try:
                _check_bundle(cat, b)
            except FormDefinitionError as exc:
                changed = True
                if any(b is o for o in own_bundles):
                    cat.issues.append(CatalogueIssue.of(exc))
                    original = [x for x in base.bundles if x.id == b.id]
                    cat.bundles = [x for x in cat.bundles if x is not b] + original
                else:
                    culprit = next(bf.form for bf in b.forms if _bundle_form_broken(cat, b, bf.form))
                    for d in [f for f in cat.forms if f.id == culprit and any(f is o for o in own_forms)]:
                        cat.issues.append(
                            CatalogueIssue(
                                str(d.source),
                                1,
                                "id",
                                f"form '{d.id}' no longer fits bundle '{b.id}': {exc.problem}",
                            )
                        )
                        installed = [f for f in base.forms if (f.id, f.version) == (d.id, d.version)]
                        cat.forms = [f for f in cat.forms if f is not d] + installed
                break
    return cat


def _bundle_form_broken(cat: Catalogue, b: BundleDef, form_id: str) -> bool:
    only = BundleDef(
        id=b.id,
        version=b.version,
        title=b.title,
        legal_basis=b.legal_basis,
        roles=b.roles,
        forms=tuple(bf for bf in b.forms if bf.form == form_id),
        source=b.source,
    )
    try:
        _check_bundle(cat, only)
    except FormDefinitionError:
        return True
    return False


def _check_bundle(cat: Catalogue, b: BundleDef) -> None:
    src = b.source or Path("?")
    today = date.today()
    for i, bf in enumerate(b.forms):
        versions = [f for f in cat.forms if f.id == bf.form]
        if not versions:
            raise FormDefinitionError(
                src, bf.line, f"forms[{i}].form", f"'{bf.form}' is not a form in the catalogue"
            )
        # Every version still to be used must fit the bundle, not just today's.
        usable = [f for f in versions if f.effective_to is None or f.effective_to >= today] or versions
        for form in usable:
            _check_bundle_form(src, i, bf, form)


def _check_bundle_form(src: Path, i: int, bf: BundleFormDef, form: FormDef) -> None:
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
