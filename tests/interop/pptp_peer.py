#!/usr/bin/python3
"""A scripted PNS on the control connection only (RFC 2637 section 2), to
watch how a real PAC answers: `pptp_peer.py call-clear HOST`.

SCCRQ -> SCCRP, Outgoing-Call-Request -> Outgoing-Call-Reply, then a
Call-Clear-Request; it records every message and the end of the stream
(peer's FIN) with times, then sends a Stop-Control-Connection-Request and
records what follows. Prints one JSON object. Sends no GRE; every wait is
bounded. Runs in the rig's host namespace (irhost).
"""
import json
import socket
import struct
import sys
import time

MAGIC = 0x1A2B3C4D
SCCRQ, SCCRP, STOPCCRQ, STOPCCRP, OCRQ, OCRP, CCRQ, CDN = 1, 2, 3, 4, 7, 8, 12, 13
CALL_ID = 0x4B50


def control(message_type, body):
    return struct.pack("!HHIHH", 12 + len(body), 1, MAGIC, message_type, 0) + body


def sccrq():
    # version 1.0, reserved, framing async|sync, bearer analog|digital
    return control(SCCRQ, struct.pack("!HHIIHH64s64s", 0x0100, 0, 3, 3, 0, 1, b"pptpkit-interop", b"pptpkit"))


def ocrq():
    body = struct.pack("!HHIIIIHHHH64s64s", CALL_ID, 1, 300, 100000000, 3, 3, 16, 0, 0, 0, b"", b"")
    return control(OCRQ, body)


class Stream:
    def __init__(self, sock):
        self.sock = sock
        self.buffer = b""
        self.eof = False

    def read(self, deadline):
        """Next (type, body), or None at EOF or the deadline."""
        while True:
            if len(self.buffer) >= 12:
                length = struct.unpack("!H", self.buffer[:2])[0]
                if length >= 12 and len(self.buffer) >= length:
                    message, self.buffer = self.buffer[:length], self.buffer[length:]
                    return struct.unpack("!H", message[8:10])[0], message[12:]
            remaining = deadline - time.monotonic()
            if self.eof or remaining <= 0:
                return None
            self.sock.settimeout(remaining)
            try:
                chunk = self.sock.recv(4096)
            except socket.timeout:
                return None
            except ConnectionResetError:
                self.eof = "reset"
                return None
            if not chunk:
                self.eof = "fin"
                return None
            self.buffer += chunk


def fixed_string(raw):
    return raw.split(b"\0", 1)[0].decode("latin-1")


def call_clear(host, wait):
    out = {"messages": []}
    sock = socket.create_connection((host, 1723), timeout=10)
    stream = Stream(sock)
    t0 = time.monotonic()

    def note(direction, message_type, **fields):
        out["messages"].append({"t": round(time.monotonic() - t0, 3), "dir": direction, "type": message_type, **fields})

    sock.sendall(sccrq())
    note("->", SCCRQ)
    reply = stream.read(time.monotonic() + wait)
    if reply is None or reply[0] != SCCRP:
        out["error"] = f"no SCCRP: {reply}"
        return out
    _, result, _, framing, bearer, channels, firmware, hostname, vendor = struct.unpack("!HBBIIHH64s64s", reply[1])
    note("<-", SCCRP, result=result, framing=framing, bearer=bearer, maximum_channels=channels,
         host_name=fixed_string(hostname), vendor=fixed_string(vendor))

    sock.sendall(ocrq())
    note("->", OCRQ, call_id=CALL_ID)
    reply = stream.read(time.monotonic() + wait)
    if reply is None or reply[0] != OCRP:
        out["error"] = f"no OCRP: {reply}"
        return out
    call_id, peer_call_id, result, error, _, speed, window, _, _ = struct.unpack("!HHBBHIHHI", reply[1][:20])
    note("<-", OCRP, call_id=call_id, peer_call_id=peer_call_id, result=result, error=error,
         recv_window=window)

    sock.sendall(control(CCRQ, struct.pack("!HH", CALL_ID, 0)))
    note("->", CCRQ, call_id=CALL_ID)
    deadline = time.monotonic() + wait
    while (reply := stream.read(deadline)) is not None:
        note("<-", reply[0])
    out["after_call_clear"] = stream.eof or "open"
    note("end", 0, how=out["after_call_clear"])

    try:
        sock.sendall(control(STOPCCRQ, struct.pack("!BBH", 1, 0, 0)))
        note("->", STOPCCRQ)
        stream.eof = False
        deadline = time.monotonic() + min(wait, 3)
        while (reply := stream.read(deadline)) is not None:
            note("<-", reply[0])
        out["after_stop"] = stream.eof or "open"
    except OSError as e:
        out["after_stop"] = f"send failed: {e.strerror}"
    sock.close()
    return out


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] != "call-clear":
        sys.exit(__doc__)
    print(json.dumps(call_clear(sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else 8)))
