"""TCP with a content check, run inside the test's namespaces by Debian's
/usr/bin/python3 (vpn.py starts it).

  transfer.py serve ADDRESS PORT         echo every connection back; one line
                                         per connection: peer, octets, SHA-256
                                         of what arrived (the other side's check)
  transfer.py send ADDRESS PORT OCTETS   send that many random octets, read the
                                         echo; prints one JSON object and exits
                                         0 when the echo is exactly what was sent

Every socket operation has a timeout, so a broken tunnel ends the run with an
error instead of hanging it.
"""
import hashlib
import json
import os
import socket
import sys
import threading

TIMEOUT = 30.0
CHUNK = 65536


def serve(address, port):
    listener = socket.create_server((address, port), backlog=64)
    print(f"listening on {address}:{port}", flush=True)
    while True:
        connection, peer = listener.accept()
        threading.Thread(target=echo, args=(connection, peer), daemon=True).start()


def echo(connection, peer):
    digest, octets = hashlib.sha256(), 0
    connection.settimeout(TIMEOUT)
    try:
        with connection:
            while chunk := connection.recv(CHUNK):
                digest.update(chunk)
                octets += len(chunk)
                connection.sendall(chunk)
            connection.shutdown(socket.SHUT_WR)
        print(f"received peer={peer[0]} octets={octets} sha256={digest.hexdigest()}", flush=True)
    except OSError as error:
        print(f"failed peer={peer[0]} octets={octets} error={error}", flush=True)


def send(address, port, octets):
    payload = os.urandom(octets)
    connection = socket.create_connection((address, port), timeout=TIMEOUT)
    errors = []

    def writer():
        try:
            connection.sendall(payload)
            connection.shutdown(socket.SHUT_WR)
        except OSError as error:
            errors.append(str(error))

    thread = threading.Thread(target=writer)
    thread.start()
    digest, received = hashlib.sha256(), 0
    try:
        while chunk := connection.recv(CHUNK):
            digest.update(chunk)
            received += len(chunk)
    except OSError as error:
        errors.append(str(error))
    thread.join(TIMEOUT)
    connection.close()
    result = {"sent": octets, "sent_sha256": hashlib.sha256(payload).hexdigest(), "received": received,
              "received_sha256": digest.hexdigest(), "errors": errors}
    print(json.dumps(result), flush=True)
    return 0 if not errors and result["sent_sha256"] == result["received_sha256"] else 1


def main(argv):
    if len(argv) == 3 and argv[0] == "serve":
        serve(argv[1], int(argv[2]))
    elif len(argv) == 4 and argv[0] == "send":
        return send(argv[1], int(argv[2]), int(argv[3]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
