#include "tools/pcap_file.h"

#include <pcap/pcap.h>

#include <algorithm>
#include <utility>

namespace pptpkit::tools {

Result<PcapReader, std::string> PcapReader::open(const std::string& path) {
  char error[PCAP_ERRBUF_SIZE] = {};
  pcap_t* handle = pcap_open_offline_with_tstamp_precision(path.c_str(), PCAP_TSTAMP_PRECISION_NANO, error);
  if (handle == nullptr) return Unexpected{std::string(error)};
  return PcapReader(handle);
}

PcapReader::PcapReader(PcapReader&& other) noexcept
    : handle_(std::exchange(other.handle_, nullptr)), frame_(other.frame_) {}

PcapReader& PcapReader::operator=(PcapReader&& other) noexcept {
  if (this != &other) {
    if (handle_ != nullptr) pcap_close(handle_);
    handle_ = std::exchange(other.handle_, nullptr);
    frame_ = other.frame_;
  }
  return *this;
}

PcapReader::~PcapReader() {
  if (handle_ != nullptr) pcap_close(handle_);
}

int PcapReader::link_type() const { return pcap_datalink(handle_); }

std::string PcapReader::link_type_name() const {
  const int type = link_type();
  const char* name = pcap_datalink_val_to_name(type);
  return name != nullptr ? std::string(name) : std::to_string(type);
}

Result<std::optional<PcapRecord>, std::string> PcapReader::next() {
  pcap_pkthdr* header = nullptr;
  const u_char* data = nullptr;
  const int rc = pcap_next_ex(handle_, &header, &data);
  if (rc == PCAP_ERROR_BREAK) return std::optional<PcapRecord>{};
  if (rc != 1) return Unexpected{std::string(pcap_geterr(handle_))};
  PcapRecord record;
  record.frame = ++frame_;
  record.time.seconds = header->ts.tv_sec;
  // Opened with nanosecond precision, so tv_usec holds nanoseconds.
  record.time.nanoseconds = static_cast<std::uint32_t>(header->ts.tv_usec);
  record.original_length = header->len;
  record.data = Bytes(data, header->caplen);
  return std::optional<PcapRecord>{record};
}

Result<PcapWriter, std::string> PcapWriter::create(const std::string& path, int link_type, int snap_length) {
  pcap_t* handle = pcap_open_dead_with_tstamp_precision(link_type, snap_length, PCAP_TSTAMP_PRECISION_MICRO);
  if (handle == nullptr) return Unexpected{std::string("cannot create a pcap handle")};
  pcap_dumper_t* dumper = pcap_dump_open(handle, path.c_str());
  if (dumper == nullptr) {
    std::string message = pcap_geterr(handle);
    pcap_close(handle);
    return Unexpected{message};
  }
  return PcapWriter(handle, dumper, snap_length);
}

PcapWriter::PcapWriter(PcapWriter&& other) noexcept
    : handle_(std::exchange(other.handle_, nullptr)),
      dumper_(std::exchange(other.dumper_, nullptr)),
      snap_length_(other.snap_length_) {}

PcapWriter& PcapWriter::operator=(PcapWriter&& other) noexcept {
  if (this != &other) {
    close();
    handle_ = std::exchange(other.handle_, nullptr);
    dumper_ = std::exchange(other.dumper_, nullptr);
    snap_length_ = other.snap_length_;
  }
  return *this;
}

PcapWriter::~PcapWriter() { close(); }

void PcapWriter::close() {
  if (dumper_ != nullptr) pcap_dump_close(dumper_);
  if (handle_ != nullptr) pcap_close(handle_);
  dumper_ = nullptr;
  handle_ = nullptr;
}

void PcapWriter::write(Timestamp time, Bytes frame) {
  pcap_pkthdr header{};
  header.ts.tv_sec = static_cast<decltype(header.ts.tv_sec)>(time.seconds);
  header.ts.tv_usec = static_cast<decltype(header.ts.tv_usec)>(time.nanoseconds / 1000);
  header.len = static_cast<bpf_u_int32>(frame.size());
  header.caplen = static_cast<bpf_u_int32>(std::min(frame.size(), static_cast<std::size_t>(snap_length_)));
  pcap_dump(reinterpret_cast<u_char*>(dumper_), &header, frame.data());
}

bool PcapWriter::flush() { return pcap_dump_flush(dumper_) == 0; }

}  // namespace pptpkit::tools
