#include "sim/endpoint_world.h"

#include <algorithm>
#include <variant>

namespace pptpkit::sim {

// Sets the server tag for the lifetime of a scope.
struct EndpointWorld::Tag {
  explicit Tag(int* tag) : tag_(tag) {
    if (tag_ != nullptr) *tag_ = 1;
  }
  ~Tag() {
    if (tag_ != nullptr) *tag_ = 0;
  }
  int* tag_;
};

class EndpointWorld::ServerNode final : public Node {
 public:
  explicit ServerNode(EndpointWorld& world) : world_(world) {}
  void on_datagram(Timestamp now, Bytes datagram) override {
    Tag tag(world_.server_tag_);
    world_.server_->on_gre_datagram(now, datagram);
    world_.drain_server(now);
  }
  std::optional<Timestamp> next_deadline() const override { return deadline; }
  void on_timeout(Timestamp now) override {
    Tag tag(world_.server_tag_);
    world_.server_->on_timeout(now);
    world_.drain_server(now);
  }
  std::optional<Timestamp> deadline;

 private:
  EndpointWorld& world_;
};

class EndpointWorld::HostNode final : public Node {
 public:
  HostNode(EndpointWorld& world, std::uint32_t host_address, std::uint64_t seed)
      : address(host_address), random(seed), call_ids(random), world_(world) {}
  void on_datagram(Timestamp now, Bytes datagram) override {
    for (const std::size_t i : clients) {
      if (world_.clients_[i].record.vanished) continue;
      world_.clients_[i].client->on_gre_datagram(now, datagram);
      world_.drain_client(i, now);
    }
  }
  std::optional<Timestamp> next_deadline() const override { return deadline; }
  void on_timeout(Timestamp now) override {
    for (const std::size_t i : clients) {
      if (world_.clients_[i].record.vanished) continue;
      world_.clients_[i].client->on_timeout(now);
      world_.drain_client(i, now);
    }
  }
  void refresh() {
    deadline.reset();
    for (const std::size_t i : clients) {
      if (world_.clients_[i].record.vanished) continue;
      const auto d = world_.clients_[i].client->next_deadline();
      if (d && (!deadline || *d < *deadline)) deadline = d;
    }
  }

  std::uint32_t address;
  SeededRandom random;
  pptp::CallIdAllocator call_ids;  // shared by the host's clients
  std::vector<std::size_t> clients;
  std::optional<Timestamp> deadline;

 private:
  EndpointWorld& world_;
};

EndpointWorld::EndpointWorld(std::uint64_t seed, const LinkProfile& gre, Duration tcp_delay,
                             endpoint::ServerConfig config, const ppp::SecretsSource& secrets)
    : network_(seed, gre),
      tcp_delay_(tcp_delay),
      secrets_(secrets),
      server_address_(config.local_address),
      server_random_(seed ^ 0x5e5e),
      client_random_(seed ^ 0xc1c1) {
  Tag tag(server_tag_);
  server_ = std::make_unique<endpoint::Server>(std::move(config), server_random_, secrets_);
  server_node_ = std::make_unique<ServerNode>(*this);
  network_.attach(server_address_, *server_node_);
}

EndpointWorld::~EndpointWorld() = default;

EndpointWorld::HostNode& EndpointWorld::host_for(std::uint32_t address) {
  auto& host = hosts_[address];
  if (!host) {
    host = std::make_unique<HostNode>(*this, address, address);
    network_.attach(address, *host);
  }
  return *host;
}

void EndpointWorld::add_server_address(std::uint32_t address) {
  other_server_addresses_.insert(address);
  network_.attach(address, *server_node_);
}

std::size_t EndpointWorld::add_client(endpoint::ClientConfig config) {
  if (!other_server_addresses_.contains(config.server_address)) config.server_address = server_address_;
  HostNode& host = host_for(config.local_address);
  const std::size_t index = clients_.size();
  const std::uint32_t server_address = config.server_address;
  clients_.push_back(
      ClientSlot{std::make_unique<endpoint::Client>(std::move(config), client_random_, host.call_ids),
                 &host,
                 server_address,
                 std::nullopt,
                 {}});
  host.clients.push_back(index);
  return index;
}

void EndpointWorld::connect(std::size_t client) {
  const Timestamp now = network_.now();
  {
    Tag tag(server_tag_);
    server_->on_tcp_accepted(now, connection_of(client), clients_[client].host->address,
                             clients_[client].server_address);
    drain_server(now);
  }
  clients_[client].client->start(now, connection_of(client));
  drain_client(client, now);
}

void EndpointWorld::reset_tcp(std::size_t client) {
  const Timestamp now = network_.now();
  {
    Tag tag(server_tag_);
    server_->on_tcp_closed(now, connection_of(client));
    drain_server(now);
  }
  clients_[client].client->on_tcp_closed(now, connection_of(client));
  drain_client(client, now);
}

void EndpointWorld::vanish(std::size_t client) {
  clients_[client].record.vanished = true;
  clients_[client].host->refresh();
}

void EndpointWorld::divert_client_gre(std::size_t client, std::uint32_t address) {
  clients_[client].gre_to = address;
}

void EndpointWorld::client_shutdown(std::size_t client) {
  clients_[client].client->shutdown(network_.now());
  drain_client(client, network_.now());
}

void EndpointWorld::server_shutdown() {
  Tag tag(server_tag_);
  server_->shutdown(network_.now());
  drain_server(network_.now());
}

void EndpointWorld::client_send(std::size_t client, Bytes packet) {
  if (clients_[client].record.vanished) return;
  clients_[client].client->on_tun_packet(network_.now(), packet);
  drain_client(client, network_.now());
}

void EndpointWorld::server_send(Bytes packet) {
  Tag tag(server_tag_);
  server_->on_tun_packet(network_.now(), packet);
  drain_server(network_.now());
}

void EndpointWorld::drain_server(Timestamp now) {
  while (auto out = server_->poll_tcp_out()) {
    const std::size_t client = static_cast<std::size_t>(out->connection - 1);
    if (client >= clients_.size()) continue;
    auto deliver = [this, client, out = std::move(*out)](Timestamp at) {
      if (clients_[client].record.vanished) return;
      endpoint::Client& c = *clients_[client].client;
      if (!out.bytes.empty()) c.on_tcp_bytes(at, out.connection, out.bytes);
      if (out.close) c.on_tcp_closed(at, out.connection);
      drain_client(client, at);
    };
    network_.schedule(now + tcp_delay_, std::move(deliver));
  }
  while (auto packet = server_->poll_gre_out()) {
    server_gre_sources_[packet->address].insert(packet->source);
    network_.transmit(packet->source, packet->address, packet->bytes);
  }
  while (auto packet = server_->poll_tun_out()) server_tun_.emplace_back(packet->begin(), packet->end());
  while (auto event = server_->poll_event()) {
    if (auto* line = std::get_if<endpoint::LogLine>(&*event)) {
      if (keep_server_log_) server_log_.push_back(std::move(*line));
    } else {
      server_events_.push_back(std::move(*event));
    }
  }
  server_node_->deadline = server_->next_deadline();
}

void EndpointWorld::drain_client(std::size_t client, Timestamp now) {
  ClientSlot& slot = clients_[client];
  if (slot.record.vanished) return;
  while (auto out = slot.client->poll_tcp_out()) {
    auto deliver = [this, client, out = std::move(*out)](Timestamp at) {
      if (clients_[client].record.vanished) return;
      Tag tag(server_tag_);
      if (!out.bytes.empty()) server_->on_tcp_bytes(at, out.connection, out.bytes);
      if (out.close) server_->on_tcp_closed(at, out.connection);
      drain_server(at);
    };
    network_.schedule(now + tcp_delay_, std::move(deliver));
  }
  while (auto packet = slot.client->poll_gre_out()) {
    network_.transmit(packet->source, slot.gre_to.value_or(packet->address), packet->bytes);
  }
  while (auto packet = slot.client->poll_tun_out())
    slot.record.tun_received.emplace_back(packet->begin(), packet->end());
  while (auto event = slot.client->poll_event()) {
    if (auto* line = std::get_if<endpoint::LogLine>(&*event)) {
      slot.record.log.push_back(endpoint::log_text(line->message, line->fields));
      continue;
    }
    if (const auto* tun = std::get_if<endpoint::ConfigureTun>(&*event))
      slot.record.addresses = tun->addresses;
    slot.record.events.push_back(std::move(*event));
  }
  slot.host->refresh();
}

}  // namespace pptpkit::sim
