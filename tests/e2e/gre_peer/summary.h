// JSON fragments of gre_peer's summary (hand-written with fmt: flat objects
// of numbers, nothing to escape but the error text).
#pragma once

#include <fmt/format.h>

#include "base/time.h"
#include "gre/drop_counters.h"
#include "net/gre_io.h"
#include "payload.h"

namespace pptpkit::e2e {

double to_seconds(Duration d);

// "delivered": ..., "first_s"/"last_s" relative to `started` (no braces).
void write_check(fmt::memory_buffer& out, const StreamCheck& check, Timestamp started);
// {"bad_header": n, "unknown_gre_version": n, ...}: to_string(reason) in snake case.
void write_drops(fmt::memory_buffer& out, const gre::DropCounters& drops);
void write_io_stats(fmt::memory_buffer& out, const net::GreIoStats& stats);

}  // namespace pptpkit::e2e
