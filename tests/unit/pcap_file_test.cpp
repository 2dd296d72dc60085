// The one test of the tools that touches files: what PcapWriter writes,
// PcapReader reads back, frame numbers and times included.
#include "tools/pcap_file.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "tools/link_layer.h"

namespace pptpkit::tools {
namespace {

TEST(PcapFile, WriterOutputReadsBack) {
  const std::string path = ::testing::TempDir() + "pptpkit_pcap_file_test.pcap";
  const std::vector<std::uint8_t> first{1, 2, 3}, second(100, 0xEE);
  {
    auto writer = PcapWriter::create(path, kLinkEthernet, 64);
    ASSERT_TRUE(writer) << writer.error();
    writer->write({.seconds = 1'700'000'000, .nanoseconds = 123'456'000}, first);
    writer->write({.seconds = 1'700'000'001, .nanoseconds = 0}, second);
    EXPECT_TRUE(writer->flush());
  }
  auto reader = PcapReader::open(path);
  ASSERT_TRUE(reader) << reader.error();
  EXPECT_EQ(reader->link_type(), kLinkEthernet);
  EXPECT_EQ(reader->link_type_name(), "EN10MB");

  auto one = reader->next();
  ASSERT_TRUE(one && *one);
  EXPECT_EQ((*one)->frame, 1u);
  EXPECT_EQ((*one)->time.seconds, 1'700'000'000);
  EXPECT_EQ((*one)->time.nanoseconds, 123'456'000u);
  EXPECT_EQ(std::vector<std::uint8_t>((*one)->data.begin(), (*one)->data.end()), first);

  auto two = reader->next();
  ASSERT_TRUE(two && *two);
  EXPECT_EQ((*two)->frame, 2u);
  EXPECT_EQ((*two)->data.size(), 64u);  // cut at the snap length
  EXPECT_EQ((*two)->original_length, 100u);

  auto end = reader->next();
  ASSERT_TRUE(end);
  EXPECT_FALSE(*end);
  std::remove(path.c_str());
}

TEST(PcapFile, MissingFileIsAnError) {
  auto reader = PcapReader::open(::testing::TempDir() + "pptpkit_no_such_file.pcap");
  ASSERT_FALSE(reader);
  EXPECT_FALSE(reader.error().empty());
}

}  // namespace
}  // namespace pptpkit::tools
