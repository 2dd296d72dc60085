// Heap accounting for the endpoint simulation: the binary replaces the
// global operator new/delete with versions that prefix each block with its
// size and an owner tag, so live bytes can be attributed to the server
// (EndpointWorld::set_server_tag) and divided by its sessions.
#pragma once

#include <cstdint>

namespace pptpkit::sim {

// 1 while the server runs, 0 otherwise; new blocks are charged to it.
extern thread_local int allocation_tag;
// Routes OpenSSL's allocations (cipher contexts) through the same
// accounting; must run before OpenSSL allocates anything.
bool count_openssl_allocations();
// Live heap bytes requested under each tag.
std::int64_t live_bytes(int tag);

}  // namespace pptpkit::sim
