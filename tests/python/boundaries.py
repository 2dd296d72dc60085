"""Layer boundary checker.

The protocol cores (DESIGN.md: wire, crypto, pptp, gre, ppp, endpoint) are
sans-I/O: they must not include anything from net/, and must not call socket,
clock, sleep, random-device or file APIs. Time and randomness are injected.
"""
import re
from pathlib import Path

PROTOCOL_LAYERS = ("base", "wire", "crypto", "pptp", "gre", "ppp", "endpoint")

# (reason, pattern) pairs; patterns are applied to code with comments and
# string literals removed.
# A call is a free-standing name followed by "(": not a member call such as
# reader.read(4), not a qualified name like wire::send, not part of a word.
_CALL = r'(?<![\w.>:])'

FORBIDDEN = [
    ("includes net/", re.compile(r'#\s*include\s*[<"]net/')),
    ("includes an OS I/O header", re.compile(
        r'#\s*include\s*<(sys/socket\.h|netinet/[^>]*|arpa/inet\.h|unistd\.h|fcntl\.h|poll\.h|'
        r'sys/epoll\.h|sys/time\.h|time\.h|ctime|thread|fstream|cstdio|stdio\.h|filesystem|asio[^>]*)>')),
    ("uses a socket API", re.compile(
        _CALL + r'(socket|connect|accept|bind|listen|recv|recvfrom|recvmsg|recvmmsg|send|sendto|sendmsg|'
        r'sendmmsg|setsockopt|getsockopt)\s*\(')),
    ("reads a clock", re.compile(
        r'\b(system_clock|steady_clock|high_resolution_clock)\b|' + _CALL + r'(clock_gettime|gettimeofday|time)\s*\(')),
    ("sleeps", re.compile(r'\b(sleep|usleep|nanosleep|sleep_for|sleep_until)\s*\(')),
    ("draws randomness", re.compile(
        r'\brandom_device\b|' + _CALL + r'(rand|srand|random|getrandom|arc4random|RAND_bytes)\s*\(|/dev/u?random')),
    ("uses a file API", re.compile(
        _CALL + r'(fopen|fread|fwrite|open|openat|read|write|close)\s*\(|\b(ifstream|ofstream|fstream)\b')),
]

_COMMENT_OR_STRING = re.compile(
    r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)


def _strip(code: str) -> str:
    """Blank out comments and literals but keep includes' paths visible."""
    out = []
    for line in code.splitlines():
        if re.match(r'\s*#\s*include', line):
            out.append(line)
        else:
            out.append(_COMMENT_OR_STRING.sub(" ", line))
    return "\n".join(out)


def violations(src_root: Path):
    """Yields (path, line number, reason, line) for every breach."""
    for layer in PROTOCOL_LAYERS:
        folder = src_root / layer
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix not in (".h", ".hpp", ".cpp", ".cc"):
                continue
            stripped = _strip(path.read_text(errors="replace"))
            for number, line in enumerate(stripped.splitlines(), 1):
                for reason, pattern in FORBIDDEN:
                    if pattern.search(line):
                        yield path, number, reason, line.strip()
