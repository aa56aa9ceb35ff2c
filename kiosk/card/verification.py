"""The verification report: each check verified / failed / not checked, with a plain reason."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Status(StrEnum):
    VERIFIED = "verified"
    FAILED = "failed"
    NOT_CHECKED = "not_checked"


@dataclass(frozen=True)
class Check:
    status: Status
    reason: str

    def to_json(self) -> dict[str, str]:
        return {"status": self.status.value, "reason": self.reason}


NOT_RUN_YET = "Not run yet."


def not_checked(reason: str) -> Check:
    return Check(Status.NOT_CHECKED, reason)


@dataclass
class Verification:
    passive_authentication: Check = field(default_factory=lambda: not_checked(NOT_RUN_YET))
    chip_authentication: Check = field(default_factory=lambda: not_checked(NOT_RUN_YET))
    active_authentication: Check = field(default_factory=lambda: not_checked(NOT_RUN_YET))
    mrz_check_digits: Check = field(default_factory=lambda: not_checked(NOT_RUN_YET))
    consistency: Check = field(default_factory=lambda: not_checked(NOT_RUN_YET))
    data_group_hashes: dict[int, Status] = field(default_factory=dict)

    CHECKS = (
        "passive_authentication",
        "chip_authentication",
        "active_authentication",
        "mrz_check_digits",
        "consistency",
    )

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {name: getattr(self, name).to_json() for name in self.CHECKS}
        out["data_group_hashes"] = {f"DG{n}": s.value for n, s in sorted(self.data_group_hashes.items())}
        return out
