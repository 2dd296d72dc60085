#include "sim/counting_allocator.h"

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <new>

#include <openssl/crypto.h>

namespace pptpkit::sim {

thread_local int allocation_tag = 0;

namespace {

// Keeps the block's user part aligned as malloc's is.
constexpr std::size_t kHeader = alignof(std::max_align_t);
std::atomic<std::int64_t> live[2];

struct Header {
  std::size_t size;
  int tag;
};
static_assert(sizeof(Header) <= kHeader);

void* allocate(std::size_t size) {
  void* block = std::malloc(size + kHeader);
  if (block == nullptr) return nullptr;
  const int tag = allocation_tag == 1 ? 1 : 0;
  *static_cast<Header*>(block) = Header{size, tag};
  live[tag] += static_cast<std::int64_t>(size);
  return static_cast<char*>(block) + kHeader;
}

void deallocate(void* pointer) {
  if (pointer == nullptr) return;
  void* block = static_cast<char*>(pointer) - kHeader;
  const Header header = *static_cast<Header*>(block);
  live[header.tag] -= static_cast<std::int64_t>(header.size);
  std::free(block);
}

void* openssl_malloc(std::size_t size, const char*, int) { return allocate(size); }
void openssl_free(void* pointer, const char*, int) { deallocate(pointer); }
void* openssl_realloc(void* pointer, std::size_t size, const char*, int) {
  if (pointer == nullptr) return allocate(size);
  const Header old = *reinterpret_cast<Header*>(static_cast<char*>(pointer) - kHeader);
  void* fresh = allocate(size);
  if (fresh == nullptr) return nullptr;
  std::memcpy(fresh, pointer, old.size < size ? old.size : size);
  deallocate(pointer);
  return fresh;
}

}  // namespace

bool count_openssl_allocations() {
  return CRYPTO_set_mem_functions(openssl_malloc, openssl_realloc, openssl_free) == 1;
}

std::int64_t live_bytes(int tag) { return live[tag == 1 ? 1 : 0].load(); }

}  // namespace pptpkit::sim

void* operator new(std::size_t size) {
  if (void* p = pptpkit::sim::allocate(size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return pptpkit::sim::allocate(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  return pptpkit::sim::allocate(size);
}
void operator delete(void* p) noexcept { pptpkit::sim::deallocate(p); }
void operator delete[](void* p) noexcept { pptpkit::sim::deallocate(p); }
void operator delete(void* p, std::size_t) noexcept { pptpkit::sim::deallocate(p); }
void operator delete[](void* p, std::size_t) noexcept { pptpkit::sim::deallocate(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { pptpkit::sim::deallocate(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { pptpkit::sim::deallocate(p); }
