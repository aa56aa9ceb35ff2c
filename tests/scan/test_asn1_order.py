"""Signing works after a chip was read in the same process (asn1crypto index order)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_late_registered_names_resolve_after_an_early_index_build() -> None:
    # A fresh interpreter: build the CMS attribute index first (as the SOD parser does),
    # then import pyHanko's registrations, then use a late name.
    code = textwrap.dedent(
        """
        from asn1crypto import cms
        cms.CMSAttributeType("message_digest")          # builds the reverse index
        import pyhanko.sign.ades.cades_asn1              # noqa: F401  registers late names
        import asn1crypto.tsp                            # noqa: F401
        try:
            cms.CMSAttributeType("signing_certificate_v2")
        except ValueError:
            print("stale")
        from kiosk.scan.asn1_maps import refresh_oid_indexes
        assert refresh_oid_indexes() >= 1
        print(cms.CMSAttributeType("signing_certificate_v2").dotted)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["stale", "1.2.840.113549.1.9.16.2.47"]
