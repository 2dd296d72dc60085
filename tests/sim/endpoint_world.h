// A simulated PPTP deployment: one endpoint::Server and any number of
// endpoint::Clients on a sim::Network. GRE goes through the network's lossy,
// reordering link as IPv4 datagrams; TCP is a reliable in-order byte pipe
// with a fixed delay (scheduled deliveries, which the network runs in time
// order). Clients sharing an address share a host, a Call ID allocator and
// every GRE datagram sent to it, as clients behind one raw socket would.
// Every node caches its endpoints' next deadline after each interaction, so
// the network's scan over nodes stays cheap with a thousand clients.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/random.h"
#include "endpoint/client.h"
#include "endpoint/server.h"
#include "ppp/secrets.h"
#include "pptp/call_id_allocator.h"
#include "sim/sim_network.h"

namespace pptpkit::sim {

struct ClientRecord {
  std::vector<endpoint::Event> events;  // everything but log lines
  std::vector<std::string> log;         // log lines as text
  std::vector<std::vector<std::uint8_t>> tun_received;
  std::optional<ppp::Ipv4Assignment> addresses;  // from ConfigureTun
  bool vanished = false;
};

class EndpointWorld {
 public:
  EndpointWorld(std::uint64_t seed, const LinkProfile& gre, Duration tcp_delay, endpoint::ServerConfig config,
                const ppp::SecretsSource& secrets);
  ~EndpointWorld();

  // The server also holds `address` (a multi-homed host): clients whose
  // server_address it is connect to it; others to the ServerConfig's
  // local_address.
  void add_server_address(std::uint32_t address);
  std::size_t add_client(endpoint::ClientConfig config);
  // The client's TCP connection comes up now (both ends learn of it now).
  void connect(std::size_t client);
  // The TCP connection fails on both ends at once (a reset).
  void reset_tcp(std::size_t client);
  // The client disappears without a word: nothing reaches it or leaves it.
  void vanish(std::size_t client);
  // The client's GRE arrives at `address`, another of the server's, instead
  // of the one it was sent to (a NAT or a policy route on the way).
  void divert_client_gre(std::size_t client, std::uint32_t address);
  void client_shutdown(std::size_t client);
  void server_shutdown();
  // An IP packet read from the client's or the server's TUN device, now.
  void client_send(std::size_t client, Bytes packet);
  void server_send(Bytes packet);

  void run_until(Timestamp end) { network_.run_until(end); }
  Network& network() { return network_; }
  Timestamp now() const { return network_.now(); }

  endpoint::Server& server() { return *server_; }
  endpoint::Client& client(std::size_t i) { return *clients_[i].client; }
  const ClientRecord& record(std::size_t i) const { return clients_[i].record; }
  std::size_t client_count() const { return clients_.size(); }
  // Everything but log lines, and the log lines once keep_server_log() is
  // called (off by default: a thousand sessions log a lot).
  const std::vector<endpoint::Event>& server_events() const { return server_events_; }
  const std::vector<endpoint::LogLine>& server_log() const { return server_log_; }
  void keep_server_log() { keep_server_log_ = true; }
  const std::vector<std::vector<std::uint8_t>>& server_tun_received() const { return server_tun_; }
  std::uint32_t server_address() const { return server_address_; }
  // The source addresses of the server's GRE, by destination.
  const std::map<std::uint32_t, std::set<std::uint32_t>>& server_gre_sources() const {
    return server_gre_sources_;
  }

  // While the server runs (its inputs and the draining of its outputs),
  // *tag is 1, else 0: lets a counting allocator attribute memory.
  void set_server_tag(int* tag) { server_tag_ = tag; }

 private:
  class ServerNode;
  class HostNode;
  struct ClientSlot {
    std::unique_ptr<endpoint::Client> client;
    HostNode* host = nullptr;
    std::uint32_t server_address = 0;     // the server's address it connects to
    std::optional<std::uint32_t> gre_to;  // divert_client_gre
    ClientRecord record;
  };
  struct Tag;

  void drain_server(Timestamp now);
  void drain_client(std::size_t client, Timestamp now);
  HostNode& host_for(std::uint32_t address);
  static endpoint::ConnectionId connection_of(std::size_t client) { return client + 1; }

  Network network_;
  Duration tcp_delay_;
  const ppp::SecretsSource& secrets_;
  std::uint32_t server_address_;
  std::set<std::uint32_t> other_server_addresses_;
  SeededRandom server_random_;
  SeededRandom client_random_;
  std::unique_ptr<endpoint::Server> server_;
  std::unique_ptr<ServerNode> server_node_;
  std::map<std::uint32_t, std::unique_ptr<HostNode>> hosts_;
  std::vector<ClientSlot> clients_;
  std::vector<endpoint::Event> server_events_;
  std::vector<endpoint::LogLine> server_log_;
  bool keep_server_log_ = false;
  std::vector<std::vector<std::uint8_t>> server_tun_;
  std::map<std::uint32_t, std::set<std::uint32_t>> server_gre_sources_;
  int* server_tag_ = nullptr;
};

}  // namespace pptpkit::sim
