#!/usr/bin/env python3
"""Independent computation of the first MPPE packets for fixed keys.

Prints the expected ciphertext that tests/unit/ppp_mppe_test.cpp checks, so
the C++ engine is compared with a second implementation rather than with
itself. RC4 is written out here (hashlib has none); SHA-1 is hashlib's.

Keys: 128-bit, start key = session key = 00 01 .. 0F. Plaintext: Protocol
0x0021 then the 8 octets "pptpkit!".
  stateful:  count 0, no key change before it (RFC 3078 7.2): header 10 00
  stateless: count 0, key change before it (RFC 3078 7.1):   header 90 00
Key change (RFC 3078 7.3): interim = SHA-1(start | 40 x 00 | session |
40 x F2)[:16]; new session = RC4(interim) applied to interim.
"""
import hashlib


def rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def next_key(start: bytes, session: bytes) -> bytes:
    interim = hashlib.sha1(start + b"\x00" * 40 + session + b"\xf2" * 40).digest()[: len(start)]
    return rc4(interim, interim)


key = bytes(range(16))
plaintext = b"\x00\x21" + b"pptpkit!"
print("stateful ", (b"\x10\x00" + rc4(key, plaintext)).hex())
print("stateless", (b"\x90\x00" + rc4(next_key(key, key), plaintext)).hex())
