"""EF.SOD: the CMS SignedData over the data-group hashes (ICAO 9303-10 section 4.6.2).

Parsed with asn1crypto (pure Python, well kept) rather than by hand: CMS has many optional
parts and the signed attributes must be re-encoded exactly for signature verification.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from asn1crypto import algos, cms, core, x509

from kiosk.card.lds.tlv import TLVError, unwrap


class DataGroupHash(core.Sequence):
    _fields = [("data_group_number", core.Integer), ("data_group_hash_value", core.OctetString)]  # noqa: RUF012


class DataGroupHashValues(core.SequenceOf):
    _child_spec = DataGroupHash


class LDSVersionInfo(core.Sequence):
    _fields = [("lds_version", core.PrintableString), ("unicode_version", core.PrintableString)]  # noqa: RUF012


class LDSSecurityObject(core.Sequence):
    _fields = [  # noqa: RUF012 - asn1crypto's declaration style
        ("version", core.Integer),
        ("hash_algorithm", algos.DigestAlgorithm),
        ("data_group_hash_values", DataGroupHashValues),
        ("lds_version_info", LDSVersionInfo, {"optional": True}),
    ]


LDS_SECURITY_OBJECT_OID = "2.23.136.1.1.1"


@dataclass(frozen=True)
class Sod:
    hash_algorithm: str  # sha256, sha1, ...
    hashes: dict[int, bytes]
    signed_data: cms.SignedData
    encap_content: bytes

    @property
    def certificates(self) -> list[x509.Certificate]:
        certs = self.signed_data["certificates"]
        if certs.native is None:
            return []
        return [c.chosen for c in certs if c.name == "certificate"]


def parse_sod(data: bytes) -> Sod:
    body = unwrap(data, 0x77)
    try:
        ci = cms.ContentInfo.load(body)
        if ci["content_type"].native != "signed_data":
            raise TLVError("EF.SOD content type")
        sd = ci["content"]
        encap = sd["encap_content_info"]
        content = encap["content"].contents if encap["content"].native is not None else b""
        # Some signers wrap the eContent OCTET STRING twice; accept both.
        if content[:1] == b"\x04":
            with contextlib.suppress(ValueError):
                content = core.OctetString.load(content).native
        lso = LDSSecurityObject.load(content)
        algo = lso["hash_algorithm"]["algorithm"].native
        hashes = {
            int(h["data_group_number"].native): bytes(h["data_group_hash_value"].native)
            for h in lso["data_group_hash_values"]
        }
        if not sd["signer_infos"]:
            raise TLVError("EF.SOD without a signer")
        return Sod(algo, hashes, sd, content)
    except TLVError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError, IndexError, OverflowError) as exc:
        raise TLVError("EF.SOD") from exc
