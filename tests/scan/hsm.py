"""A SoftHSM2 token holding an officer key issued by a throwaway CA (tests and bench)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

MODULE_CANDIDATES = ("/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so")
PIN = "123456"
SO_PIN = "12345678"
KEY_ID = "a1b2c3"
DECOY_ID = "d4e5"
# The label real CA tokens often carry: the same for every key, and mis-encoded.
LABEL = "Ch\u00e1\u00bb\u00a9ng th\u00c6\u00b0 s\u00e1\u00bb\u0091"
SIGNER_CN = "Nguyen Van Can Bo"


@dataclass(frozen=True)
class Token:
    module: str
    conf: Path
    key_id: str
    pin: str
    ca_der: bytes
    decoy_id: str


def module_path() -> str:
    for candidate in MODULE_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    raise RuntimeError("SoftHSM2 is not installed; run installer/dev.sh setup (package softhsm2).")


def _tool(module: str, env: dict[str, str], *args: str) -> bytes:
    return subprocess.run(
        ["pkcs11-tool", "--module", module, *args], env=env, check=True, capture_output=True
    ).stdout


def make_token(folder: Path) -> Token:
    """Create the token; sets SOFTHSM2_CONF in this process so the library finds it."""
    module = module_path()
    tokens = folder / "tokens"
    tokens.mkdir(parents=True, exist_ok=True)
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    env = dict(os.environ)
    subprocess.run(
        [
            "softhsm2-util",
            "--init-token",
            "--free",
            "--label",
            "VN CA Token",
            "--so-pin",
            SO_PIN,
            "--pin",
            PIN,
        ],
        env=env,
        check=True,
        capture_output=True,
    )
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, "Test CA Chuyen Dung"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        ]
    )
    now = dt.datetime.now(dt.UTC)
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    for key_id, cn in ((DECOY_ID, "Decoy Key"), (KEY_ID, SIGNER_CN)):
        _tool(
            module,
            env,
            "--login",
            "--pin",
            PIN,
            "--keypairgen",
            "--key-type",
            "EC:secp256r1",
            "--id",
            key_id,
            "--label",
            LABEL,
        )
        pub_der = _tool(module, env, "--read-object", "--type", "pubkey", "--id", key_id)
        pub = serialization.load_der_public_key(pub_der)
        cert = (
            x509.CertificateBuilder()
            .subject_name(
                x509.Name(
                    [
                        x509.NameAttribute(NameOID.COMMON_NAME, cn),
                        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                    ]
                )
            )
            .issuer_name(ca_name)
            .public_key(pub)  # type: ignore[arg-type]
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(hours=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=True,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=False,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
            .sign(ca_key, hashes.SHA256())
        )
        cert_path = folder / f"{key_id}.der"
        cert_path.write_bytes(cert.public_bytes(serialization.Encoding.DER))
        _tool(
            module,
            env,
            "--login",
            "--pin",
            PIN,
            "--write-object",
            str(cert_path),
            "--type",
            "cert",
            "--id",
            key_id,
            "--label",
            LABEL,
        )
    return Token(
        module=module,
        conf=conf,
        key_id=KEY_ID,
        pin=PIN,
        ca_der=ca_cert.public_bytes(serialization.Encoding.DER),
        decoy_id=DECOY_ID,
    )
