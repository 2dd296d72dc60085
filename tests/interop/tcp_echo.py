"""A TCP transfer with a content check, for traffic through a tunnel.

  tcp_echo.py listen ADDR PORT TIMEOUT   accept one connection, echo every
      octet back until the sender closes; prints `listening` once bound and
      at the end a JSON line {"received": N, "sha256": ...}
  tcp_echo.py send ADDR PORT SIZE TIMEOUT   send SIZE random octets, read
      the echo; prints {"sent": N, "sent_sha256": ..., "echoed": N,
      "echoed_sha256": ..., "seconds": ...}

Runs on the host (irhost) and in the VM (Debian 12's python3, standard
library only: the test pipes this file into the VM). Both ends are bounded
by TIMEOUT seconds.
"""
import hashlib
import json
import os
import socket
import sys
import threading
import time


def listen(address, port, timeout):
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((address, port))
    server.listen(1)
    server.settimeout(timeout)
    print("listening", flush=True)
    connection, _ = server.accept()
    connection.settimeout(timeout)
    digest, received = hashlib.sha256(), 0
    while True:
        chunk = connection.recv(65536)
        if not chunk:
            break
        digest.update(chunk)
        received += len(chunk)
        connection.sendall(chunk)
    connection.shutdown(socket.SHUT_WR)
    connection.close()
    print(json.dumps({"received": received, "sha256": digest.hexdigest()}), flush=True)


def send(address, port, size, timeout):
    payload = os.urandom(size)
    start = time.monotonic()
    connection = socket.create_connection((address, port), timeout=timeout)

    def writer():
        connection.sendall(payload)
        connection.shutdown(socket.SHUT_WR)

    # Writing and reading at once: the echo would stall a writer that does
    # not read once both socket buffers are full.
    thread = threading.Thread(target=writer)
    thread.start()
    echoed = bytearray()
    while True:
        chunk = connection.recv(65536)
        if not chunk:
            break
        echoed += chunk
    thread.join(timeout)
    connection.close()
    print(json.dumps({
        "sent": size,
        "sent_sha256": hashlib.sha256(payload).hexdigest(),
        "echoed": len(echoed),
        "echoed_sha256": hashlib.sha256(echoed).hexdigest(),
        "seconds": round(time.monotonic() - start, 2),
    }), flush=True)


if __name__ == "__main__":
    mode, address, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if mode == "listen":
        listen(address, port, float(sys.argv[4]))
    else:
        send(address, port, int(sys.argv[4]), float(sys.argv[5]))
