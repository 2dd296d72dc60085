// Reading and writing capture files through libpcap. This is the only tools
// file that touches the file system for captures; everything that interprets
// the frames works on PcapRecord values and can be tested without files.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/bytes.h"
#include "base/result.h"

struct pcap;
struct pcap_dumper;

namespace pptpkit::tools {

// Capture time. Files are read with nanosecond precision (libpcap converts
// microsecond files), so both formats give exact values.
struct Timestamp {
  std::int64_t seconds = 0;
  std::uint32_t nanoseconds = 0;

  double to_seconds() const { return static_cast<double>(seconds) + nanoseconds / 1e9; }
};

// One frame of a capture file; `data` is valid until the next read.
struct PcapRecord {
  std::uint64_t frame = 0;  // 1-based position in the file, as Wireshark numbers frames
  Timestamp time;
  std::uint32_t original_length = 0;  // length on the wire (data may be cut at the snap length)
  Bytes data;
};

// Reads pcap and pcapng files (libpcap's pcap_open_offline handles both).
class PcapReader {
 public:
  static Result<PcapReader, std::string> open(const std::string& path);

  PcapReader(PcapReader&& other) noexcept;
  PcapReader& operator=(PcapReader&& other) noexcept;
  PcapReader(const PcapReader&) = delete;
  PcapReader& operator=(const PcapReader&) = delete;
  ~PcapReader();

  // The DLT_ value libpcap maps the file's link type to.
  int link_type() const;
  // libpcap's name for the link type, e.g. "EN10MB", or its number.
  std::string link_type_name() const;

  // The next frame, std::nullopt at the end of the file, or libpcap's
  // message when the file is damaged (e.g. cut short).
  Result<std::optional<PcapRecord>, std::string> next();

 private:
  explicit PcapReader(pcap* handle) : handle_(handle) {}

  pcap* handle_ = nullptr;
  std::uint64_t frame_ = 0;
};

// Writes a classic pcap file (microsecond timestamps, the format every tool
// reads) with one link type for all frames.
class PcapWriter {
 public:
  static constexpr int kDefaultSnapLength = 262144;

  static Result<PcapWriter, std::string> create(const std::string& path, int link_type,
                                                int snap_length = kDefaultSnapLength);

  PcapWriter(PcapWriter&& other) noexcept;
  PcapWriter& operator=(PcapWriter&& other) noexcept;
  PcapWriter(const PcapWriter&) = delete;
  PcapWriter& operator=(const PcapWriter&) = delete;
  ~PcapWriter();  // flushes and closes

  // Appends one frame; frames longer than the snap length are cut to it and
  // keep their full original length, as a capture would.
  void write(Timestamp time, Bytes frame);
  // Flushes buffered frames; false if the file could not be written.
  bool flush();

 private:
  PcapWriter(pcap* handle, pcap_dumper* dumper, int snap_length)
      : handle_(handle), dumper_(dumper), snap_length_(snap_length) {}
  void close();

  pcap* handle_ = nullptr;
  pcap_dumper* dumper_ = nullptr;
  int snap_length_ = kDefaultSnapLength;
};

}  // namespace pptpkit::tools
