"""Keep asn1crypto's OID name indexes in step with names registered late.

asn1crypto builds each OID type's name -> OID index the first time that type is used, and
pyHanko (like ``asn1crypto.tsp``) adds names such as ``signing_certificate_v2`` when it is
imported. The app reads chips first (the SOD parser builds the index) and loads pyHanko
only when an officer signs, so without this the late names are missing and signing fails.
Hand-written because neither library offers a refresh; it only rebuilds stale indexes.
"""

from __future__ import annotations

from typing import Any


def refresh_oid_indexes() -> int:
    """Rebuild every stale reverse index; returns how many were rebuilt."""
    from asn1crypto import core

    rebuilt = 0
    stack: list[Any] = [core.ObjectIdentifier]
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        names = cls.__dict__.get("_map")
        index = cls.__dict__.get("_reverse_map")
        if names and index is not None and set(index) != set(names.values()):
            cls._reverse_map = {name: oid for oid, name in names.items()}
            rebuilt += 1
    return rebuilt
