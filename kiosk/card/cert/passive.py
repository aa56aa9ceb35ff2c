"""Passive authentication: DG hashes against the SOD, SOD signature, DSC chain to a CSCA."""

from __future__ import annotations

import hashlib
import hmac

from asn1crypto import cms
from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.x509.oid import NameOID

from kiosk.card.cert.trust import TrustStore
from kiosk.card.lds.sod import Sod
from kiosk.card.verification import Check, Status, not_checked

_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha1": hashes.SHA1,
    "sha224": hashes.SHA224,
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}


def _hash_algo(name: str) -> hashes.HashAlgorithm:
    if name not in _HASHES:
        raise UnsupportedAlgorithm(name)
    return _HASHES[name]()


NO_TRUST_STORE = (
    "The data is consistent with its signature, but no trusted country certificate (CSCA) "
    "is installed, so its origin cannot be confirmed."
)
UNSUPPORTED_HASH = (
    "The chip's security object uses a hash algorithm this app cannot check, so the data cannot be confirmed."
)
UNSUPPORTED_DSC_KEY = (
    "The document signer's key uses an algorithm or curve this app cannot check, so the data "
    "cannot be confirmed."
)
UNSUPPORTED_SIGNATURE = (
    "The chip's security object uses a signature algorithm this app cannot check, so the data "
    "cannot be confirmed."
)
UNSUPPORTED_CSCA = (
    "The trusted country certificate uses an algorithm or curve this app cannot check, so the "
    "document signer cannot be confirmed."
)


def no_anchor_reason(country: str) -> str:
    return (
        f"The trusted country certificate (CSCA) of issuer {country} that signed this document "
        "is not installed, so its origin cannot be confirmed."
    )


def _country(cert: x509.Certificate) -> str:
    names = cert.issuer.get_attributes_for_oid(NameOID.COUNTRY_NAME)
    value = str(names[0].value) if names else ""
    # Printed into a sentence: only a plain country code, never arbitrary certificate text.
    return value if value.isascii() and value.isalpha() and len(value) <= 3 else "(unknown)"


def check_hashes(sod: Sod, data_groups: dict[int, bytes]) -> dict[int, Status]:
    out: dict[int, Status] = {}
    for n, raw in data_groups.items():
        expected = sod.hashes.get(n)
        if expected is None:
            out[n] = Status.FAILED  # a DG the signer never listed is as bad as a changed one
            continue
        actual = hashlib.new(sod.hash_algorithm, raw).digest()
        out[n] = Status.VERIFIED if hmac.compare_digest(actual, expected) else Status.FAILED
    return out


def _signer_certificate(sod: Sod, signer: cms.SignerInfo) -> x509.Certificate | None:
    sid = signer["sid"]
    for cert in sod.certificates:
        if sid.name == "issuer_and_serial_number":
            if (
                cert.issuer == sid.chosen["issuer"]
                and cert.serial_number == sid.chosen["serial_number"].native
            ):
                return x509.load_der_x509_certificate(cert.dump())
        elif cert.key_identifier == sid.chosen.native:
            return x509.load_der_x509_certificate(cert.dump())
    return None


def _verify_signature(pub: object, signature: bytes, data: bytes, signer: cms.SignerInfo) -> None:
    algo = signer["digest_algorithm"]["algorithm"].native
    h = _hash_algo(algo)
    sig_algo = signer["signature_algorithm"]
    kind = sig_algo.signature_algo
    if isinstance(pub, rsa.RSAPublicKey):
        if kind == "rsassa_pss":
            params = sig_algo["parameters"]
            mgf_h = _hash_algo(params["mask_gen_algorithm"]["parameters"]["algorithm"].native)
            pss = padding.PSS(mgf=padding.MGF1(mgf_h), salt_length=params["salt_length"].native)
            pub.verify(signature, data, pss, _hash_algo(params["hash_algorithm"]["algorithm"].native))
        else:
            pub.verify(signature, data, padding.PKCS1v15(), h)
    elif isinstance(pub, ec.EllipticCurvePublicKey):
        if signature[:1] != b"\x30":  # plain r||s (BSI TR-03111) seen on some documents
            half = len(signature) // 2
            signature = encode_dss_signature(
                int.from_bytes(signature[:half], "big"), int.from_bytes(signature[half:], "big")
            )
        pub.verify(signature, data, ec.ECDSA(h))
    else:
        raise UnsupportedAlgorithm("signer key type")


def verify_sod_signature(sod: Sod) -> tuple[x509.Certificate | None, Check | None]:
    """Check the SOD's own signature; returns (DSC, the failed / not-checked verdict or None).

    What this app cannot compute (a curve or algorithm ``cryptography`` lacks) is "not
    checked", never a crash and never "failed": the chip may well be genuine.
    """
    signer = sod.signed_data["signer_infos"][0]
    try:
        dsc = _signer_certificate(sod, signer)
    except ValueError:
        return None, Check(
            Status.FAILED, "The document signer certificate in the chip's security object is malformed."
        )
    if dsc is None:
        return None, Check(
            Status.FAILED, "The document signer certificate is missing from the chip's security object."
        )
    try:
        dsc_key = dsc.public_key()
    except (UnsupportedAlgorithm, ValueError):
        return dsc, not_checked(UNSUPPORTED_DSC_KEY)
    algo = signer["digest_algorithm"]["algorithm"].native
    if algo not in _HASHES:
        return dsc, not_checked(UNSUPPORTED_SIGNATURE)
    signed_attrs = signer["signed_attrs"]
    try:
        if signed_attrs.native is not None and len(signed_attrs):
            digest = None
            for attr in signed_attrs:
                if attr["type"].native == "message_digest":
                    digest = attr["values"][0].native
            if digest is None or not hmac.compare_digest(
                digest, hashlib.new(algo, sod.encap_content).digest()
            ):
                return dsc, Check(
                    Status.FAILED, "The security object's content does not match its signed digest."
                )
            data = b"\x31" + signed_attrs.dump()[1:]
        else:
            data = sod.encap_content
        _verify_signature(dsc_key, signer["signature"].native, data, signer)
    except InvalidSignature:
        return dsc, Check(
            Status.FAILED, "The security object's signature is invalid: the data may have been altered."
        )
    except UnsupportedAlgorithm:
        return dsc, not_checked(UNSUPPORTED_SIGNATURE)
    except (ValueError, KeyError, TypeError) as exc:
        return dsc, Check(
            Status.FAILED,
            f"The security object uses an unsupported signature algorithm ({exc.__class__.__name__}).",
        )
    return dsc, None


def passive_authentication(
    sod: Sod, data_groups: dict[int, bytes], trust: TrustStore | None
) -> tuple[Check, dict[int, Status]]:
    if sod.hash_algorithm not in _HASHES:
        return not_checked(UNSUPPORTED_HASH), {}
    dg_status = check_hashes(sod, data_groups)
    bad = sorted(n for n, s in dg_status.items() if s is Status.FAILED)
    if bad:
        names = ", ".join(f"DG{n}" for n in bad)
        return Check(
            Status.FAILED,
            f"The data in {names} does not match what the issuer signed: it may have been altered.",
        ), dg_status
    dsc, failure = verify_sod_signature(sod)
    if failure is not None:
        return failure, dg_status
    assert dsc is not None
    if trust is None or not trust.anchors:
        return not_checked(NO_TRUST_STORE), dg_status
    issuers = trust.issuers_of(dsc)
    if not issuers:
        # Not "failed": a country's new CSCA (rollover) or a country not installed yet is normal;
        # only a matching anchor whose signature does not verify proves a forgery.
        return not_checked(no_anchor_reason(_country(dsc))), dg_status
    unsupported = False
    for csca in issuers:
        try:
            dsc.verify_directly_issued_by(csca)
        except UnsupportedAlgorithm:
            unsupported = True
            continue
        except (InvalidSignature, ValueError, TypeError):
            continue
        return Check(
            Status.VERIFIED,
            "The data was signed by the issuing authority and has not been changed since.",
        ), dg_status
    if unsupported:
        return not_checked(UNSUPPORTED_CSCA), dg_status
    return Check(
        Status.FAILED,
        "The document signer certificate's signature does not verify against the trusted "
        "country certificate.",
    ), dg_status
