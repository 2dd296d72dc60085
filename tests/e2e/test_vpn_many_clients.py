"""Twenty clients at once (vpn.py): twenty client processes in twenty
namespaces, each with its own user, all up at the same time with twenty
different pool addresses and host routes. All of them move a TCP transfer
through the tunnel concurrently (SHA-256 checked on both sides); while they
do, one client is SIGTERMed. The others' transfers complete intact, their
kernels counted no drop on their TUNs, and when they stop each reports no
GRE drop and no refused packet of its own; the victim's address and route
are freed while the others' stay.
"""
import re
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from vpn import SERVER_TUNNEL_ADDRESS, vpn_topology  # noqa: E402

CLIENTS = 20
OCTETS = 2 * 1024 * 1024
VICTIM_OCTETS = 64 * 1024 * 1024  # still running when it is cut off
NAMES = [f"c{i:02d}" for i in range(1, CLIENTS + 1)]
USERS = {f"user{i:02d}": f"secret-{i:02d}" for i in range(1, CLIENTS + 1)}
STOPPED = re.compile(r"data path stopped .*")


def counter(line, name):
    return int(re.search(rf"\b{name}=(\d+)", line).group(1))


def test_twenty_clients_and_one_leaves_mid_traffic(tmp_path):
    with vpn_topology(tmp_path, ["s", *NAMES], prefix="many") as vpn:
        server = vpn.server("s", users=USERS)
        echo = vpn.echo_server("s")
        users = dict(zip(NAMES, USERS))
        clients = {ns: vpn.client(ns, users[ns], USERS[users[ns]]) for ns in NAMES}
        ups = {ns: client.wait_up(timeout=45) for ns, client in clients.items()}
        addresses = {up.address for up in ups.values()}
        assert len(addresses) == CLIENTS
        assert set(vpn.routes("s", "pptp0")) == addresses

        victim = NAMES[-1]
        others = NAMES[:-1]

        def sent(ns):
            return vpn.link_stats(ns, ups[ns].dev)["tx"]["bytes"]

        victim_transfer = vpn.start_transfer(victim, echo, VICTIM_OCTETS)
        vpn.wait_until("the victim's traffic", lambda: sent(victim) > 1024 * 1024, 30)
        transfers = {ns: vpn.start_transfer(ns, echo, OCTETS) for ns in others}
        # Mid-traffic: every tunnel has carried part of its transfer, and the
        # victim's and most of the others' still run.
        vpn.wait_until("every transfer under way", lambda: all(sent(ns) > 64 * 1024 for ns in others), 30)
        running = [ns for ns in others if transfers[ns].poll() is None]
        assert victim_transfer.poll() is None and len(running) > len(others) // 2, running
        assert clients[victim].stop(signal.SIGTERM) == 0
        victim_transfer.kill()
        victim_transfer.communicate()

        for ns in others:
            result = vpn.finish_transfer(transfers[ns], echo, ups[ns].address)
            assert result["received"] == OCTETS
        assert server.wait_session_down(users[victim]) == "LCP terminated by peer (User request)"
        assert set(vpn.routes("s", "pptp0")) == addresses - {ups[victim].address}
        assert not any(server.session_down_reasons(users[ns]) for ns in others)

        for ns in others:
            vpn.ping(ns, SERVER_TUNNEL_ADDRESS, count=2, interval=0.05)
            kernel = vpn.link_stats(ns, ups[ns].dev)
            assert kernel["rx"]["dropped"] == 0 and kernel["tx"]["dropped"] == 0, (ns, kernel)
            assert kernel["rx"]["errors"] == 0 and kernel["tx"]["errors"] == 0, (ns, kernel)
        for ns in others:
            assert clients[ns].stop(signal.SIGTERM) == 0
            stopped = clients[ns].wait_for(STOPPED.pattern, 5).group(0)
            assert counter(stopped, "gre_drops") == 0, (ns, stopped)
            assert counter(stopped, "send_refused") == 0, (ns, stopped)
        vpn.wait_until("every route removed", lambda: vpn.routes("s", "pptp0") == [], 10)
        assert server.stop(signal.SIGTERM) == 0
